"""abstention.uncovered_force_reason: a question about a force no document covers is refused
with the force as the user typed it and the forces the documents do cover."""

from __future__ import annotations

import pytest

from assistant.abstention import uncovered_force_reason
from assistant.types import DocumentInfo

KENT_ONLY = {
    "kent": DocumentInfo(
        "kent",
        "kent.txt",
        "A Kent paper",
        "2024-02-06",
        "panel paper",
        None,
        "h",
        1,
        ("Kent Police",),
    )
}


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        (
            "graffiti offences in Newport",
            "the documents do not report on Gwent Police (Newport); they cover Kent Police",
        ),
        (
            "GMP 999 answering rate",
            "the documents do not report on Greater Manchester Police (GMP); they cover Kent Police",
        ),
        (
            "What did Gwent Police say about graffiti?",
            "the documents do not report on Gwent Police; they cover Kent Police",
        ),
        ("knife crime in Kent", None),
        ("knife crime in Maidstone", None),  # a town of the covered force's area
        ("What was the 101 abandonment rate?", None),  # no force named: the panel's own
    ],
)
def test_an_uncovered_force_is_named_as_typed(question: str, reason: str | None) -> None:
    assert uncovered_force_reason(question, [], KENT_ONLY) == reason

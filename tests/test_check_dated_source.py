"""A claim that dates the document it quotes ("the commissioner's 2023 paper says") is borne out
only by a document of that date, or by a sentence naming that year; the figure alone is not enough.

The document below is written for this test in our own words (its figures are made up).
"""

from __future__ import annotations

import pytest
from conftest import EngineOver

from assistant.engine import Engine

DOCUMENT = """Title: Police and Crime Panel paper - crime data and inspections
Date: 6 February 2024

1. The force's crime data integrity was last graded outstanding in the PEEL 2021/22 report, when the inspectorate found recording accuracy exceeding 96%.

2. Spending per head of population was £162 in 2022/23, against an average of £181 for all forces.

3. The control room answered 88.1% of emergency calls within ten seconds in December 2023.
"""

CLAIMS = [
    # the paper's own date, or no date: the figure decides
    ("The commissioner's 2024 paper says 999 answering reached 88.1% in December 2023.",
     "supported"),
    ("The panel paper says 999 answering reached 88.1% in December 2023.", "supported"),
    # a date the paper does not have
    ("The commissioner's 2023 paper says 999 answering reached 88.1% in December 2023.",
     "contradicted"),
    ("The 2022 panel paper put spending per head at £162 in 2022/23.", "contradicted"),
    # a report the paper names by its years is borne out by that sentence
    ("The PEEL 2021/22 report found recording accuracy exceeding 96%.", "supported"),
]  # fmt: skip


@pytest.fixture(scope="module")
def panel(engine_over_one: EngineOver) -> Engine:
    return engine_over_one("2024-02-06-panel-paper-crime-data.txt", DOCUMENT)


@pytest.mark.parametrize(("text", "verdict"), CLAIMS)
def test_a_claim_dating_its_source_needs_a_source_of_that_date(
    panel: Engine, text: str, verdict: str
) -> None:
    report = panel.check(text)
    assert [c.verdict for c in report.claims] == [verdict], [c.explanation for c in report.claims]


def test_a_misdated_source_is_named_in_the_explanation(panel: Engine) -> None:
    (claim,) = panel.check(CLAIMS[2][0]).claims
    assert "6 February 2024" in claim.explanation and "2023" in claim.explanation

"""The check tells neighbouring measures apart: a whole and its subgroup, answered and abandoned.

The document below is written for this test in our own words (its figures are made up);
each claim's verdict comes from the document's sentence named beside it.
"""

from __future__ import annotations

import pytest
from conftest import EngineOver, assert_one_verdict

from assistant.claims import number_forms
from assistant.engine import Engine

DOCUMENT = """Title: Lincolnshire Police - crime recording review 2024
Date: 4 November 2024

1. The reviewers estimate that the force records 91.2 percent of the crimes reported to it.

2. The recording rate for sexual crimes is only 84.6 percent, and most of the sexual crimes left unrecorded were reported by third parties.

3. In June 2024 the control room answered 79.0% of 999 calls within 10 seconds.

4. In 2023/24 the force issued 212 sexual harm prevention orders. In 2023/24 it also issued nine sexual risk orders.

5. The new community policing model created 140 warranted beat officers.

6. The force recorded 167 doorstep crimes in 2023/24. Officers arrested 21 people, and nine of them were charged.
"""

CLAIMS = [
    # 1. the whole
    ("Lincolnshire records 91.2 percent of the crimes reported to it.", "supported", None),
    # 2. the subgroup
    ("Lincolnshire's recording rate for sexual crimes is 84.6 percent.", "supported", None),
    # 2. for 1.: the subgroup's figure claimed for the whole
    (
        "Lincolnshire records 84.6 percent of all crimes reported to it.",
        "contradicted",
        "91.2 percent",
    ),
    # 1. for 2.: the whole's figure claimed for the subgroup
    (
        "Lincolnshire's recording rate for sexual crimes is 91.2 percent.",
        "contradicted",
        "84.6 percent",
    ),
    # 4. the same number counting orders of another kind: 212 is the prevention orders' count
    ("Lincolnshire issued 212 sexual harm prevention orders in 2023/24.", "supported", None),
    ("Lincolnshire issued 212 sexual risk orders in 2023/24.", "contradicted", "nine"),
    # 5. an acronym's long form is met only as a whole: "community" and "officers" in the
    # sentence do not make PCSOs of warranted officers ("warranted" describes what is counted)
    ("Lincolnshire's new community policing model created 140 beat officers.", "supported", None),
    ("Lincolnshire's new community policing model created 140 PCSOs.", "not_found", None),
    # 6. a count of crimes never stands against a count of people arrested, nor the reverse,
    # however much of the claim's wording its sentence shares
    ("Lincolnshire arrested 21 people over doorstep crime in 2023/24.", "supported", None),
    (
        "Of the 21 people arrested over doorstep crime in Lincolnshire, 9 were charged.",
        "supported",
        None,
    ),
    ("Lincolnshire arrested 25 people over doorstep crime in 2023/24.", "contradicted", "21"),
    ("Lincolnshire recorded 150 doorstep crimes in 2023/24.", "contradicted", "167"),
]


@pytest.fixture(scope="module")
def lincolnshire(engine_over_one: EngineOver) -> Engine:
    return engine_over_one("2024-11-lincolnshire-crime-recording.txt", DOCUMENT)


@pytest.mark.parametrize(("text", "verdict", "expected"), CLAIMS)
def test_verdict_tells_neighbouring_measures_apart(
    lincolnshire: Engine, text: str, verdict: str, expected: str | None
) -> None:
    assert_one_verdict(lincolnshire, text, verdict, expected)


def test_wrong_measure_names_both_and_quotes_the_source(lincolnshire: Engine) -> None:
    (claim,) = lincolnshire.check(CLAIMS[2][0]).claims
    assert claim.explanation.startswith("wrong measure"), claim.explanation
    assert "records 91.2 percent of the crimes" in claim.explanation, claim.explanation
    assert "sexual crimes" in claim.explanation, claim.explanation


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("ten", {"10"}),  # "within ten seconds" is "within 10 seconds"
        ("10", {"ten"}),
        ("Twelve", {"12"}),
        ("999", set()),  # a number no word spells: no other form
        ("calls", set()),
        ("2,413", set()),
    ],
)
def test_number_forms(word: str, forms: set[str]) -> None:
    assert number_forms(word) == forms

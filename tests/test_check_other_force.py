"""The check on documents about another force: nothing in it may assume the default corpus's force.

The document below is written for this test in our own words (its figures are made up);
each claim's verdict comes from the document's sentence quoted beside it.
"""

from __future__ import annotations

import pytest
from conftest import EngineOver

from assistant.engine import Engine

DOCUMENT = """Title: Surrey Police - summary of the 2023 inspection findings
Date: 12 March 2024

1. The inspectorate found that Surrey Police answered 88.1% of emergency calls within 10 seconds in the year ending September 2023, compared with a national average of 71.2%.

2. The force's 101 abandonment rate fell to 9.6% in the year ending September 2023.

3. Inspectors reviewed 130 crime files and judged 104 of the 130 to have been investigated well.

4. Currently, fewer than 40 officers are waiting to start detective training.
"""

CLAIMS = [
    # 1.
    (
        "Surrey answered 88.1% of 999 calls within 10 seconds in the year ending September 2023.",
        "supported",
    ),
    (
        "Surrey answered 71.2% of 999 calls within 10 seconds in the year ending September 2023.",
        "contradicted",
    ),
    (
        "Kent Police answered 88.1% of 999 calls within 10 seconds in the year ending September 2023.",
        "not_found",
    ),
    # 2.
    ("Surrey's 101 abandonment rate fell to 9.6% in the year ending September 2023.", "supported"),
    (
        "Surrey's 101 abandonment rate rose to 9.6% in the year ending September 2023.",
        "contradicted",
    ),
    # 3.
    (
        "Inspectors judged 104 of the 130 Surrey crime files to have been investigated well.",
        "supported",
    ),
    (
        "Inspectors judged 105 of the 130 Surrey crime files to have been investigated well.",
        "contradicted",
    ),
    # 4.
    (
        "Fewer than 40 Surrey officers are currently waiting to start detective training.",
        "supported",
    ),
    ("Currently 40 Surrey officers are waiting to start detective training.", "contradicted"),
]


@pytest.fixture(scope="module")
def surrey(engine_over_one: EngineOver) -> Engine:
    return engine_over_one("2024-03-surrey-summary.txt", DOCUMENT)


@pytest.mark.parametrize(("text", "verdict"), CLAIMS)
def test_verdict_on_another_forces_document(surrey: Engine, text: str, verdict: str) -> None:
    (claim,) = surrey.check(text).claims
    assert claim.verdict == verdict, claim.explanation


def test_uncovered_force_names_the_force_the_documents_cover(surrey: Engine) -> None:
    (claim,) = surrey.check(CLAIMS[2][0]).claims
    assert "Surrey Police" in claim.explanation and "Kent Police" in claim.explanation

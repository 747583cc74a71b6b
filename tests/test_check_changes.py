"""The check reads a figure's band, a change's two values, a listed figure's own group, a part.

The document below is written for this test in our own words (its figures are made up);
each claim's verdict comes from the document's paragraph named beside it.
"""

from __future__ import annotations

import pytest
from conftest import EngineOver

from assistant.engine import Engine

DOCUMENT = """Title: Suffolk Constabulary - contact and safeguarding update
Date: 12 March 2024

1. In the 12 months to December 2023, referrals from schools to the safeguarding hub rose from 212 to 248. Referrals from health visitors have gone down from 75 to 61.

2. In 2023, 71.5 per cent of 999 calls were answered within 10 seconds. A further 22.0 per cent were answered between ten and 60 seconds, and 6.5 per cent took longer than 60 seconds.

3. The latest audit found a victim needs assessment was completed in 64.2% of burglary, 58.9% of robbery and 80.3% of stalking investigations.

4. In the 12 months to December 2023 the force issued 96 closure orders. This is a small increase on the 90 issued in the previous 12-month period.

5. High-risk cases are referred to one of the 11 panels that meet across the county.
"""

CLAIMS = [
    # 1.: the later value is the period's, the earlier one the period before's
    ("In the 12 months to December 2023, schools made 248 referrals to the safeguarding hub.",
     "supported", None),
    ("In the 12 months to December 2023, schools made 212 referrals to the safeguarding hub.",
     "contradicted", "248"),
    ("Referrals from schools to the safeguarding hub rose from 212 to 248 in the 12 months to "
     "December 2023.", "supported", None),
    # 1.: a change stated with both its values, in a sentence naming no month
    ("In the 12 months to December 2023 referrals from health visitors to the safeguarding hub "
     "fell from 75 to 61.", "supported", None),
    # 2.: three bands of one measure
    ("In 2023, 6.5 per cent of Suffolk's 999 calls took longer than 60 seconds to answer.",
     "supported", None),
    ("In 2023, 22.0 per cent of Suffolk's 999 calls took longer than 60 seconds to answer.",
     "contradicted", None),
    # 3.: listed groups after one lead-in
    ("A victim needs assessment was completed in 58.9% of robbery investigations.",
     "supported", None),
    ("A victim needs assessment was completed in 64.2% of stalking investigations.",
     "contradicted", "80.3%"),
    # 4.: a verb its own values contradict
    ("Closure orders fell slightly to 96 in the 12 months to December 2023, from 90 the year "
     "before.", "contradicted", None),
    ("Closure orders rose to 96 in the 12 months to December 2023, from 90 the year before.",
     "supported", None),
    # 5.: a part ("one of the 11") says nothing of how many cases were heard
    ("Suffolk's panels heard 2,400 high-risk cases in 2023.", "not_found", None),
]  # fmt: skip


@pytest.fixture(scope="module")
def suffolk(engine_over_one: EngineOver) -> Engine:
    return engine_over_one("2024-03-suffolk-contact-safeguarding.txt", DOCUMENT)


@pytest.mark.parametrize(("text", "verdict", "expected"), CLAIMS)
def test_verdict_reads_bands_changes_and_lists(
    suffolk: Engine, text: str, verdict: str, expected: str | None
) -> None:
    report = suffolk.check(text)
    verdicts = {c.verdict for c in report.claims}
    worst = next(v for v in ("contradicted", "not_found", "supported") if v in verdicts)
    found = [e for c in report.claims for e in c.expected]
    assert worst == verdict, [c.explanation for c in report.claims]
    if expected:
        assert expected in found, [c.explanation for c in report.claims]


def test_self_contradicting_change_is_explained(suffolk: Engine) -> None:
    report = suffolk.check(CLAIMS[8][0])
    notes = " ".join(c.explanation for c in report.claims)
    assert "the claim says it fell, but its own figures rose" in notes, notes

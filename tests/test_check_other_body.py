"""The check reads whose a figure is: another body's figure, or a plan made before an event, is
not what the police did.

The document below is written for this test in our own words (its figures are made up); each
claim's verdict comes from the document's sentence named beside it.
"""

from __future__ import annotations

import pytest
from conftest import EngineOver, assert_one_verdict

from assistant.engine import Engine

DOCUMENT = """Title: Dorset Police - policing the 2024 Harbourside Regatta (panel paper)
Date: 12 September 2024

1. Officers recorded 14 crimes over the regatta weekend and made six arrests.

2. Harbourside District Council said its parking officers issued 71 tickets in the town over the weekend.

3. The Wessex Safer Roads partnership's camera vans detected 233 speeding offences on the coast road during August.

4. The force planned to deploy 45 officers on each day of the regatta. Because of a serious collision elsewhere in the county, the average was 39 a day.

5. The organisers paid £28,000 towards the cost of policing the event.
"""

CLAIMS = [
    # 1. the force's own figures
    ("Dorset Police made six arrests over the Harbourside Regatta weekend.", "supported", None),
    # 2. the council's figure: borne out as the council's, not as the force's
    (
        "Harbourside District Council issued 71 parking tickets over the regatta weekend.",
        "supported",
        None,
    ),
    (
        "Dorset Police issued 71 parking tickets over the regatta weekend.",
        "contradicted",
        "71",
    ),
    # 3. the partnership's cameras, not the force's
    (
        "Dorset Police camera vans caught 233 speeding drivers on the coast road in August.",
        "contradicted",
        "233",
    ),
    # 4. a plan is not what was done
    ("Dorset Police deployed 45 officers on each day of the regatta.", "contradicted", "39"),
    ("Dorset Police planned to deploy 45 officers a day at the regatta.", "supported", None),
]


@pytest.fixture(scope="module")
def dorset(engine_over_one: EngineOver) -> Engine:
    return engine_over_one("2024-09-dorset-harbourside-regatta.txt", DOCUMENT)


@pytest.mark.parametrize(("text", "verdict", "expected"), CLAIMS)
def test_verdict_reads_whose_figure_it_is(
    dorset: Engine, text: str, verdict: str, expected: str | None
) -> None:
    assert_one_verdict(dorset, text, verdict, expected)


def test_another_bodys_figure_is_named_in_the_explanation(dorset: Engine) -> None:
    (claim,) = dorset.check(CLAIMS[2][0]).claims
    assert "Harbourside District Council" in claim.explanation, claim.explanation

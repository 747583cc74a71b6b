"""The check reads what a draft works out from the source's figures, and what a source rounds:
a difference no sentence writes down ("around 700 fewer than the 4,930") is borne out by the two
figures that make it; a headline's "more than 2,000" stands aside for the 2,214 of the body; and
the period named after the second figure of "96, down from 120 in 2021" is the second's alone;
and "worsened" said of a rate where lower is better stands against its own falling values.

The document below is written for this test in our own words (its figures are made up); each
claim's verdict comes from the paragraph named beside it.
"""

from __future__ import annotations

import pytest
from conftest import EngineOver, worst_verdict

from assistant.engine import Engine

DOCUMENT = """Title: Dyfed-Powys Police - found property and roads update
Date: 12 March 2024

More than 2,000 unlicensed drivers stopped in summer campaign

1. The force logged 4,212 items of found property in 2023/24, against 4,930 in 2022/23.

2. During the summer 2023 campaign, roads officers stopped 2,214 drivers who held no valid licence, up from 1,870 in the summer 2022 campaign.

3. The force now has 96 police community support officers, down from 120 in 2021.

4. The share of 101 calls abandoned before they were answered fell from 21% in 2022 to 14% in 2023.
"""

CLAIMS = [
    # 1.: a difference the two figures make, and one they do not
    ("Dyfed-Powys Police logged 4,212 found items in 2023/24, around 700 fewer than the 4,930 "
     "of 2022/23.", "supported"),
    ("Dyfed-Powys Police logged 4,212 found items in 2023/24, 718 fewer than the 4,930 of "
     "2022/23.", "supported"),
    ("Dyfed-Powys Police logged 4,212 found items in 2023/24, 750 fewer than the 4,930 of "
     "2022/23.", "not_found"),
    # 2.: the body's figure, with the headline rounding it above; the bound claimed exactly
    ("In the summer 2023 campaign Dyfed-Powys roads officers stopped 2,214 drivers with no valid "
     "licence.", "supported"),
    ("In the summer 2023 campaign Dyfed-Powys roads officers stopped 2,500 drivers with no valid "
     "licence.", "contradicted"),
    # 3.: the period after the second figure dates it, not the first
    ("Dyfed-Powys Police had 96 police community support officers in 2021.", "contradicted"),
    ("Dyfed-Powys Police had 120 police community support officers in 2021.", "supported"),
    # 4.: a judgement against the claim's own values, where lower is better
    ("Dyfed-Powys's 101 abandonment rate worsened, going from 21% in 2022 to 14% in 2023.",
     "contradicted"),
    ("Dyfed-Powys's 101 abandonment rate improved, going from 21% in 2022 to 14% in 2023.",
     "supported"),
]  # fmt: skip


@pytest.fixture(scope="module")
def dyfed_powys(engine_over_one: EngineOver) -> Engine:
    return engine_over_one("2024-03-dyfed-powys-found-property-roads.txt", DOCUMENT)


@pytest.mark.parametrize(("text", "verdict"), CLAIMS)
def test_verdict_on_each_shape(dyfed_powys: Engine, text: str, verdict: str) -> None:
    worst, notes = worst_verdict(dyfed_powys, text)
    assert worst == verdict, notes


def test_a_difference_names_the_figures_that_make_it(dyfed_powys: Engine) -> None:
    _, notes = worst_verdict(dyfed_powys, CLAIMS[0][0])
    assert "4,212 and 4,930, a difference of around 700" in " ".join(notes), notes

"""Changes stated by their two values, read from sentences of the corpora and public reports.

Each case gives the pair (earlier value, later value) a reader would take from the sentence
and the direction those values move, whatever verb the sentence uses.
"""

from __future__ import annotations

import pytest

from assistant.reading.changes import value_pairs
from assistant.reading.clauses import claimed_figures


@pytest.mark.parametrize(
    ("sentence", "pairs"),
    [
        # 2019 report (MARAC): the later value is the period's
        ("the volume has fallen in the 12 months to June 2018, for almost every agency except "
         "children's social services (which has increased from 37 to 51 referrals).",
         [("37", "51", "rise")]),
        # a claim whose verb its own values contradict
        ("The number of sexual harm prevention orders fell slightly to 151 in the year to "
         "March 2018, from 147 the year before.", [("147", "151", "rise")]),
        # 2019 report: "to the current" and a period bound to the earlier value
        ("the force has reduced its 101-abandonment rate from 18 percent in 2017, to the "
         "current 7 percent", [("18 percent", "7 percent", "fall")]),
        # "up from": the level before is the later value
        ("The unit now receives 55 applications per week, up from 37.", [("37", "55", "rise")]),
        # North Wales news: the size of a change and its level are not a pair
        ("Mental health incidents fell by 4.5% to 28,945 over the rolling year.", []),
        # "from" naming who, not where a measure started
        ("staff from five forces were interviewed and 80% agreed", []),
        # values of another kind do not pair
        ("Attrition went from 12.7% to 1,200 calls", []),
    ],
)  # fmt: skip
def test_value_pairs(sentence: str, pairs: list[tuple[str, str, str]]) -> None:
    found = value_pairs(sentence, claimed_figures(sentence))
    assert [(p.earlier.text, p.later.text, p.direction) for p in found] == pairs

"""Two figures a sentence sets against each other, read from claims shaped like draft papers'.

Each case gives the pair (first, second) a reader would take, the way the sentence says the
first stands to the second, and whether the two numbers go that way.
"""

from __future__ import annotations

import pytest

from assistant.reading.comparisons import stated_order
from assistant.reading.figures import read_figures


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a preposition between the force's figure and its comparator's
        ("At 108 crimes per 1,000 population in the year to September 2018, Kent's recorded "
         "crime rate was below its most similar forces' rate of 82.", ("108", "82", "lower", False)),
        ("Kent's projected spend on the visible frontline, £56 a head, was above the England "
         "and Wales figure of £65.", ("£56", "£65", "higher", False)),
        # a comparative with "than"
        ("Violence against the person ran at 42 offences per 1,000 population, lower than the "
         "most similar forces' 27.", ("42", "27", "lower", False)),
        ("The force answered 84.5% of 999 calls within 10 seconds, higher than the 69.4% of "
         "March 2023.", ("84.5%", "69.4%", "higher", True)),
        # the word before both figures, the figures set "against" each other
        ("Kent took action in a higher share of crimes than England and Wales: 9% against 12%.",
         ("9%", "12%", "higher", False)),
        ("Kent's spend per head was lower than the national average, £155 compared with £177.",
         ("£155", "£177", "lower", True)),
        # the word before both figures, "than" between them
        ("Kent used domestic violence protection orders more in 2018 (156) than in 2017 (237).",
         ("156", "237", "higher", False)),
        ("Fewer 101 callers gave up in December 2023 (12.7%) than in March 2023 (33.4%).",
         ("12.7%", "33.4%", "lower", True)),
        # times: quicker is lower
        ("West Mercia answered in an average of 11.7 seconds, slower than the 17.66 seconds of "
         "Wiltshire's year.", ("11.7 seconds", "17.66 seconds", "higher", False)),
        # a qualifier is not a comparison
        ("Kent engaged with 40 focus groups and more than 100 communities.", None),
        ("The 101 abandonment rate fell to below 3% from 12.7%.", None),
        # the size of a change is not a level
        ("The charge rate is 2 percentage points above the 8% in the PEEL report.", None),
        # figures of two kinds are not compared
        ("Kent had 3,261 officers, more than the 12% rise the plan expected.", None),
        # two comparison words: which pair each joins is not settled
        ("Kent's 9% was lower than the 12% for England and Wales but higher than the 7% of its "
         "most similar forces.", None),
        # one figure only
        ("Kent's rate is higher than the national average at 12%.", None),
    ],
)  # fmt: skip
def test_stated_order(sentence: str, expected: tuple[str, str, str, bool] | None) -> None:
    order = stated_order(sentence, read_figures(sentence))
    found = (
        None
        if order is None
        else (order.first.figure.text, order.second.figure.text, order.says, order.holds)
    )
    assert found == expected

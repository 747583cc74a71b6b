"""Changes stated by their two values, read from sentences of the corpora and public reports.

Each case gives the pair (earlier value, later value) a reader would take from the sentence
and the direction those values move, whatever verb the sentence uses.
"""

from __future__ import annotations

import pytest

from assistant.reading.changes import judged_direction, run_ends, value_pairs
from assistant.reading.clauses import claimed_figures
from assistant.reading.periods import find_periods, period_span


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


@pytest.mark.parametrize(
    ("sentence", "figure", "direction"),
    [
        # West Yorkshire news, in a claim's words: a slower answer is a longer time
        ("West Yorkshire Police got slower at answering 999 calls, averaging 6.42 seconds.",
         "6.42 seconds", "rise"),
        ("Calls were answered two seconds quicker, averaging 8.1 seconds.", "8.1 seconds",
         "fall"),
        ("Response times improved to 14 minutes 10 seconds.", "14 minutes 10 seconds", "fall"),
        ("Response times deteriorated to 25 minutes 13 seconds.", "25 minutes 13 seconds",
         "rise"),
        # what is better lower: abandoned calls, waits
        ("Warwickshire's 101 abandonment rate improved from 16.6 per cent to 19.1 per cent.",
         "19.1 per cent", "fall"),
        ("The share of callers who gave up worsened to 12.7%.", "12.7%", "rise"),
        # a better share may be higher or lower: not read
        ("The force did better, answering 89.2 per cent within ten seconds.", "89.2 per cent",
         None),
        # both ways, or none
        ("Faster on 999 but slower on 101, at 3 minutes 2 seconds.", "3 minutes 2 seconds", None),
        ("The average wait was 6.42 seconds.", "6.42 seconds", None),
    ],
)  # fmt: skip
def test_judged_direction(sentence: str, figure: str, direction: str | None) -> None:
    found = next(f for f in claimed_figures(sentence) if f.text == figure)
    assert judged_direction(sentence, found) == direction


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("between December 2022 and January 2023", ("December 2022", "January 2023")),
        ("between October and November 2023", ("October 2023", "November 2023")),
        ("April to September 2022", ("April 2022", "September 2022")),
        ("the 12 months to March 2023", None),  # a rolling year is one period
        ("rolling year to December 2023", None),
        ("March 2023", None),
        ("2022/23", None),
    ],
)
def test_run_ends(text: str, ends: tuple[str, str] | None) -> None:
    span = period_span(find_periods(text)[0], "stated")
    assert span is not None
    found = run_ends(span)
    assert (None if found is None else (found[0].label, found[1].label)) == ends

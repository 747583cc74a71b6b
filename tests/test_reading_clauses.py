"""reading.clauses.claimed_figures: which figures of a sentence it claims."""

from __future__ import annotations

import pytest

from assistant.reading.clauses import claimed_figures


@pytest.mark.parametrize(
    ("sentence", "claimed"),
    [
        # a single span of time says when something happened, not how many
        ("There were three rapes reported over one weekend, all charged.", ["three"]),
        ("In one day 40 calls came in.", ["40"]),
        # ... a span counted is a figure
        ("Officers worked one weekend a month.", ["one"]),
        ("Over two weekends 40 calls came in.", ["two", "40"]),
        # a number word with no counted noun is no figure; one counting "of" something is
        ("Five of which were closed.", ["Five"]),
        ("The force closed five.", []),
        # a time bounding a share is part of its measure; an average time is the figure
        ("It answered 90% of calls in 10 seconds.", ["90%"]),
        ("It had 12,920 calls, answered on average in 12 seconds.", ["12,920", "12 seconds"]),
        # a length with its qualifier in a clause of its own is claimed, not a threshold
        ("About 2,000 crimes waited, with delays of at least 14 days.", ["2,000", "14 days"]),
        ("Of 120 calls, 80 were answered in more than 60 seconds.", ["120", "80"]),
    ],
)
def test_claimed_figures(sentence: str, claimed: list[str]) -> None:
    assert [f.text for f in claimed_figures(sentence)] == claimed

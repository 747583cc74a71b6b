"""A part's whole, read from sentences of the corpora and of public reports (in our own words)."""

from __future__ import annotations

import pytest

from assistant.reading.clauses import restated_shares
from assistant.reading.mentions import find_figures
from assistant.reading.parts import extent, opens_on_set_before, stated_whole


@pytest.mark.parametrize(
    ("sentence", "figure", "whole"),
    [
        # PDB minutes: the whole named first, the part after it
        ("November 2021 to October 2022, of 2,413 total crimes, 1,616 (67%) had a named suspect",
         "1,616", 2413.0),
        ("Of the 19 areas for improvement, 14 have been closed.", "14", 19.0),
        ("out of a total of 830 officers, 512 had been trained", "512", 830.0),
        # the part states its own whole
        ("The force has closed 14 of the 19 areas for improvement.", "14 of the 19", 19.0),
        # two counts, neither the other's whole
        ("It recorded 2,413 crimes and charged 600 suspects.", "600", None),
        # a larger count named before, but not as a whole
        ("The unit took 1,200 calls; 300 were repeat callers.", "300", None),
        # a whole is never smaller than its part
        ("Of 12 panels, 40 cases were heard in each.", "40", None),
        # a share is not a count
        ("of 2,413 total crimes, 67% had a named suspect", "67%", None),
    ],
)  # fmt: skip
def test_stated_whole(sentence: str, figure: str, whole: float | None) -> None:
    figures = find_figures(sentence)
    found = next(f for f in figures if f.text == figure)
    assert stated_whole(sentence, figures, found) == whole


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        # all of a set
        ("Kent's work closed all four of its previous AFIs.", "all"),
        ("Every district had gained 18 constables.", "all"),
        ("Both AFIs on workforce corruption had been closed.", "all"),
        ("found the action appropriate in all of them", "all"),
        # part of it
        ("The work has addressed three of the four previous AFIs.", "part"),
        ("found that in most cases the action taken was appropriate", "part"),
        ("some Districts had increased by 18 and others had seen no increase", "part"),
        ("the volume fell for almost every agency except children's services", "part"),
        ("the force only applies the tool to four crime types", "part"),
        ("It has now re-vetted all but three of its workforce.", "part"),
        (
            "The report makes eight recommendations, five of which are for forces to address.",
            "part",
        ),
        ("reasonable grounds were recorded in 91.6% (22 from 24)", "part"),
        ("all forces except Kent returned the survey", "part"),
        # all of a set, said of its whole
        ("Kent had re-vetted its whole workforce by the deadline.", "all"),
        ("the entire backlog was cleared", "all"),
        # neither: a denominator, a comparator, a time, a superlative, one picked out, a change
        ("Mental health incidents make up 8.4 percent of all recorded incidents.", None),
        ("Across all forces the linked outcome rate was 22.2%.", None),
        ("The board meets every three months.", None),
        ("The number fell to 20 from 24 in a year.", None),
        ("One of which was closed in March.", None),
        ("It was below its most similar forces.", None),
        ("Cases go to one of the 13 MARACs in the county.", None),
    ],
)
def test_extent_reads_all_or_part_of_a_set(sentence: str, said: str | None) -> None:
    assert extent(sentence) == said


@pytest.mark.parametrize(
    ("sentence", "restated"),
    [
        # a share in words restating the percentage beside it: the percentage is the figure
        ("Nearly four in five respondents (77.8%) said they were proud.", ["four in five"]),
        ("Nine in ten staff (90.4%) said counselling was offered.", ["Nine in ten"]),
        ("90.4%, or nine in ten, said counselling was offered.", ["nine in ten"]),
        # a count of a set, or a share far from the percentage, is a figure of its own
        ("The force closed 14 of the 19 AFIs (74%).", []),
        ("Three in five respondents (77.8%) were proud.", []),
        ("One in four calls was abandoned.", []),
    ],
)
def test_a_share_in_words_restating_a_percentage(sentence: str, restated: list[str]) -> None:
    assert [f.text for f in restated_shares(sentence)] == restated


@pytest.mark.parametrize(
    ("opening", "takes_part"),
    [
        ("Of these, ", True),  # a humberside file review: "examined 64 case files. Of these, 37"
        ("Out of those arrested, ", True),
        ("Among them, ", True),
        ("Thefts made up ", False),  # its own whole follows the figure: "88 of the 152"
        ("Of the arrests, ", False),  # names its set, the sentence before need not
        ("", False),
    ],
)
def test_opens_on_set_before(opening: str, takes_part: bool) -> None:
    assert opens_on_set_before(opening) is takes_part

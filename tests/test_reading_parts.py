"""A part's whole, read from sentences of the corpora and of public reports (in our own words)."""

from __future__ import annotations

import pytest

from assistant.reading.mentions import find_figures
from assistant.reading.parts import stated_whole


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

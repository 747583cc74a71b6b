"""Facade kept for callers of the old module: figures and periods are read in `assistant.reading`.

`find_figures`, `find_periods`, `assign_period`, `same_figure` and `parse_number`
keep their signatures; new code imports from `assistant.reading` directly.
"""

from __future__ import annotations

from assistant.reading.mentions import find_figures, parse_number, same_figure
from assistant.reading.periods import assign_period, find_periods
from assistant.reading.vocabulary import NUMBER_WORDS

__all__ = [
    "NUMBER_WORDS",
    "assign_period",
    "find_figures",
    "find_periods",
    "parse_number",
    "same_figure",
]

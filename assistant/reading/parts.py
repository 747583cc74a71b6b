"""A part and its whole: "1,616 of 2,413", or "of 2,413 total crimes, 1,616 had a named suspect".

A claimed part ("1,616 of 2,431") states two numbers; a source that gives the part with
another whole contradicts it, however its sentence orders the two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.reading.mentions import part_whole, unit_family
from assistant.types import FigureMention

_WHOLE_BEFORE = re.compile(
    r"\b(?:of|out of)\s+(?:the\s+|a\s+)?(?:total\s+(?:of\s+)?)?$", re.IGNORECASE
)  # e.g. "of 2,413", "out of a total of 2,413"
_TOTAL_AFTER = re.compile(r"\s+total\b", re.IGNORECASE)  # e.g. "2,413 total crimes"


def stated_whole(
    sentence: str, figures: Sequence[FigureMention], figure: FigureMention
) -> float | None:
    """The whole a sentence gives a figure as a part: its own ("1,616 of 2,413" -> 2,413), else
    a larger count named before it as a whole ("of 2,413 total crimes, 1,616" -> 2,413)."""
    own = part_whole(figure)
    if own is not None or figure.value is None or unit_family(figure) != "number":
        return own
    for other in reversed([f for f in figures if f.end <= figure.start]):
        if (
            unit_family(other) == "number"
            and other.kind != "ratio"
            and other.value is not None
            and other.value > figure.value
            and (
                _WHOLE_BEFORE.search(sentence, max(0, other.start - 24), other.start)
                or _TOTAL_AFTER.match(sentence, other.end)
            )
        ):
            return other.value
    return None

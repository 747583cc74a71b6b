"""A part and its whole: "1,616 of 2,413", or "of 2,413 total crimes, 1,616 had a named suspect".

A claimed part ("1,616 of 2,431") states two numbers; a source that gives the part with
another whole contradicts it, however its sentence orders the two. A claim that all of a set
did something ("all four AFIs were closed") is contradicted by a source saying part of it did
("three of the four", "in most cases", "some districts").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from assistant.reading.mentions import part_whole, unit_family
from assistant.reading.vocabulary import NUMBER_WORD_PATTERN, word_value
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


Extent = Literal["all", "part"]

_TIME_NOUN = r"(?:year|month|week|day|night|quarter|shift|time|hour|minute)s?"
_ALL = re.compile(
    rf"\b(?:all|both|every|each)\b(?!\s+(?:but\b|other\b|(?:[\w-]+\s+)?{_TIME_NOUN}\b))|"
    r"\bwithout exception\b|\b(?:its|their|the)\s+(?:whole|entire)\b",
    re.IGNORECASE,
)  # "all four", "every district", "both AFIs", "in all of them", "its whole workforce"; not
# "all but three", "each year", "every three months"
_NOT_ALL_OF = re.compile(
    r"\b(?:of|across|among|amongst|for|than)\s+all\b|\ball\s+(?:forces|crimes?|calls)\b",
    re.IGNORECASE,
)  # "8.4% of all incidents", "across all forces": a denominator or comparator, not a claim
# that every one of a set did something
_PART = re.compile(
    r"(?<!the )\bmost\b(?!\s+(?:similar|recent|likely))|"
    r"\b(?:some|the majority|a minority|majority of|not all|almost (?:all|every\w*)|"
    r"nearly (?:all|every\w*)|others|only|partly|partially|all but|except)\b",
    re.IGNORECASE,
)
_NUMBER = rf"(?:\d[\d,]*|{NUMBER_WORD_PATTERN})"
_SOME_OF = re.compile(
    rf"(?<!to )\b({_NUMBER})\s+(?:(?:out\s+)?of|from)\s+(?:the\s+|its\s+|their\s+)?({_NUMBER})\b",
    re.IGNORECASE,
)  # "three of the four", "2 of 5", "22 from 24"; "one of the 13 MARACs" picks one, no part;
# "fell to 20 from 24" is a change
_SOME_OF_THEM = re.compile(
    rf"\b(?!one\b)({_NUMBER})\s+of\s+(?:which|whom|them|these|those)\b", re.IGNORECASE
)  # "eight recommendations, five of which are for forces": part of a set named before
_OF_THESE = re.compile(r"\W*(?:of|out of|among|amongst)\s+(?:these|those|them|which)\b", re.I)


def opens_on_set_before(opening: str) -> bool:
    """Whether the words opening a sentence before its figure take a part of the set the
    sentence before named: "Of these, 49 were rated good" after "examined 78 case files"."""
    return bool(_OF_THESE.match(opening))


def _value(word: str) -> int:
    digits = word.replace(",", "")
    return int(digits) if digits.isdigit() else word_value(word) or 0


def extent(sentence: str) -> Extent | None:
    """Whether a sentence says all of a set did something ("all four were closed", "in every
    district") or only part of it ("most cases", "three of the four", "some districts"):
    a claim of all is not borne out by a source of part."""
    if (
        _PART.search(sentence)
        or _SOME_OF_THEM.search(sentence)
        or any(1 < _value(m.group(1)) < _value(m.group(2)) for m in _SOME_OF.finditer(sentence))
    ):
        return "part"
    if _ALL.search(_NOT_ALL_OF.sub(" ", sentence)):
        return "all"
    return None

"""The band a figure counts within: "within 10 seconds", "longer than 60 seconds", "per 1,000".

Two figures for the same measure words may count different things: the share of calls
answered *within* 10 seconds, *between* 10 and 60 seconds, or *after* 60 seconds; a rate
*per 1,000 population* or a plain count. A band is the interval of the bounding quantity a
figure is about, so "within 60 seconds" and "longer than 60 seconds", which name the same
number, read as different measures.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.reading.mentions import find_figures, parse_number
from assistant.reading.vocabulary import NUMBER_WORD_PATTERN
from assistant.types import FigureMention

_NUM = rf"\d[\d,]*(?:\.\d+)?|{NUMBER_WORD_PATTERN}"
_BELOW = re.compile(
    r"\b(?:within|in|under|inside|less than|shorter than|no (?:more|longer) than|up to)\s*$",
    re.IGNORECASE,
)  # e.g. "answered within 10 seconds", "in under ten seconds"
_ABOVE = re.compile(
    r"\b(?:over|more than|longer than|after|at least|beyond|exceeding|outside)\s*$", re.IGNORECASE
)  # e.g. "took longer than 60 seconds"
_BETWEEN = re.compile(rf"\bbetween\s+({_NUM})\s*(?:and|to|-|–)\s*$", re.IGNORECASE)
_PER = re.compile(r"\bper\s*$", re.IGNORECASE)  # e.g. "per 1,000 population"


@dataclass(frozen=True, slots=True)
class Band:
    """The interval of a bounding quantity a figure is about, in its unit (seconds for times)."""

    low: float
    high: float  # math.inf when open above
    unit: str  # "seconds", or "per" for a rate's denominator
    text: str  # as written: "longer than 60 seconds"


def clause_bands(clause: str) -> tuple[Band, ...]:
    """Every band a clause names, in order.

    e.g. "32 per cent of calls were answered between ten and 60 seconds" -> (10 s, 60 s);
    "five per cent took longer than 60 seconds" -> (60 s, open).
    """
    return tuple(b for f in find_figures(clause) if (b := _band(clause, f)) is not None)


def _band(clause: str, figure: FigureMention) -> Band | None:
    before = clause[max(0, figure.start - 40) : figure.start]
    if figure.value is None:
        return None
    per = _PER.search(before)
    if per:
        return Band(figure.value, figure.value, "per", _written(clause, before, per, figure))
    if figure.kind != "duration":
        return None
    between = _BETWEEN.search(before)
    if between:
        low = parse_number(between.group(1))
        if low is not None:
            scale = figure.value / (parse_number(figure.text.split()[0]) or 1.0)
            text = _written(clause, before, between, figure)
            return Band(low * scale, figure.value, "seconds", text)
    for pattern, low, high in ((_BELOW, 0.0, figure.value), (_ABOVE, figure.value, math.inf)):
        found = pattern.search(before)
        if found:
            return Band(low, high, "seconds", _written(clause, before, found, figure))
    return None


def _written(clause: str, before: str, found: re.Match[str], figure: FigureMention) -> str:
    start = figure.start - len(before) + found.start()
    return " ".join(clause[start : figure.end].split())


def band_differences(said: tuple[Band, ...], found: tuple[Band, ...]) -> list[str]:
    """What a claim's bands say that its source's do not; compared only when both name one of
    the same kind ("per" with "per", times with times)."""
    notes = []
    for unit in ("seconds", "per"):
        ours = [b for b in said if b.unit == unit]
        theirs = [b for b in found if b.unit == unit]
        if ours and theirs and {_key(b) for b in ours} != {_key(b) for b in theirs}:
            notes.append(
                f"the source counts {', '.join(b.text for b in theirs)}, "
                f"not {', '.join(b.text for b in ours)}"
            )
    return notes


def _key(band: Band) -> tuple[float, float]:
    return (round(band.low, 3), round(band.high, 3) if band.high != math.inf else math.inf)

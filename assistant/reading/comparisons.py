"""Two figures a sentence sets against each other: "108 ..., below the most similar forces' 82".

A draft that quotes both figures of a comparison and the word between them ("higher",
"below", "quicker than") can get every figure right and the comparison wrong; the two
numbers it quotes settle which way the comparison goes, whatever the sources say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.reading.figures import FigureReading
from assistant.reading.mentions import unit_family

Order = Literal["higher", "lower"]

_COMPARATIVE = re.compile(
    r"\b(?:(higher|greater|larger|more|bigger|above|exceed(?:ed|s|ing)?)|"
    r"(lower|smaller|less|fewer|below)|(slower|longer)|(faster|quicker|shorter|sooner))\b",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(r"^(?:above|below|exceed\w*)$", re.IGNORECASE)
_CLAUSE_CHAR = r"(?:[^.;:]|\.(?=\d))"  # within one clause; "12.7%" keeps its point
_THAN = re.compile(rf"^{_CLAUSE_CHAR}{{0,60}}?\bthan\b", re.IGNORECASE)
_THAN_BETWEEN = re.compile(
    rf"^{_CLAUSE_CHAR}{{0,40}}\bthan\b{_CLAUSE_CHAR}{{0,40}}$", re.IGNORECASE
)
_AGAINST = re.compile(r"^\s*(?:against|compared (?:with|to)|versus|vs\.?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StatedOrder:
    """The sentence says `first` is `says` than `second`."""

    first: FigureReading
    second: FigureReading
    says: Order

    @property
    def holds(self) -> bool | None:
        """Whether the two numbers go the way the sentence says; None when they are equal."""
        a, b = self.first.figure.value, self.second.figure.value
        if a is None or b is None or a == b:
            return None
        return (a > b) == (self.says == "higher")


def stated_order(sentence: str, readings: Sequence[FigureReading]) -> StatedOrder | None:
    """The one comparison a sentence states between two of its figures, if it states one.

    e.g. "42 offences per 1,000 population, lower than the most similar forces' 27" ->
    (42, 27, lower); "a higher share than England and Wales: 9% against 12%" -> (9%, 12%,
    higher); "more in 2018 (156) than in 2017 (237)" -> (156, 237, higher). None for a
    comparison word that qualifies one figure ("more than 100", "below 3%"), a change
    ("2 percentage points above"), or a sentence with more than one.
    """
    levels = sorted((r for r in readings if not r.amount), key=lambda r: r.start)
    words = [
        m
        for m in _COMPARATIVE.finditer(sentence)
        if not any(r.start <= m.start() < r.figure.start for r in readings)  # a qualifier
        and (_PREPOSITION.match(m.group()) or _THAN.match(sentence[m.end() :]))
    ]
    if len(words) != 1:
        return None
    word = words[0]
    says: Order = "higher" if word.group(1) or word.group(3) else "lower"
    before = [r for r in levels if r.end <= word.start()]
    after = [r for r in levels if r.start >= word.end()]
    if before and after:
        pair = (before[-1], after[0])
    elif len(after) >= 2 and (
        _AGAINST.match(sentence[after[0].end : after[1].start])
        or _THAN_BETWEEN.search(sentence[after[0].end : after[1].start])
    ):
        pair = (after[0], after[1])  # "more in 2018 (156) than in 2017 (237)"
    else:
        return None
    first, second = pair
    if unit_family(first.figure) != unit_family(second.figure):
        return None
    return StatedOrder(first, second, says)

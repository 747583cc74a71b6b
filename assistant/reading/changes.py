"""Changes stated by their two values: "from 37 to 51", "fell to 151 ..., from 147", "55, up from 37".

A change names where a measure started and where it ended. The two values say which way
it moved whatever verb the sentence uses ("fell slightly to 151, from 147" is a rise), and
the first of them is the figure for the period *before* the one the sentence names
("increased from 37 to 51 referrals in the 12 months to June 2018": 51 is that year's).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.reading.figures import Direction
from assistant.reading.mentions import unit_family
from assistant.reading.periods import PeriodSpan
from assistant.reading.vocabulary import (
    FALL_WORDS,
    FASTER_WORDS,
    MONTH_PATTERN,
    MONTHS,
    RISE_WORDS,
    SLOWER_WORDS,
)
from assistant.types import FigureMention

_HEDGE = r"(?:(?:about|around|almost|nearly|just|over|under|some|approximately|roughly)\s+)*"
_FROM_BEFORE = re.compile(rf"\bfrom\s+(?:the\s+|a\s+|an\s+)?{_HEDGE}$", re.IGNORECASE)
_TO_BEFORE = re.compile(
    rf"\bto\s+(?:the\s+|a\s+|an\s+)?(?:(?:current|latest|new|present)\s+)?{_HEDGE}$", re.IGNORECASE
)  # e.g. "to the current 7 percent", "to about 300"
_MOVED_FROM = re.compile(
    rf"\b(?:up|down|rising|falling|rose|fell|increased|decreased|reduced|dropped|climbed)\s+"
    rf"from\s+(?:the\s+|a\s+|an\s+)?{_HEDGE}$",
    re.IGNORECASE,
)  # e.g. "55 applications a week, up from 37": the level before is the figure before it
_REACH = 30  # characters before a figure that may hold its "from" or "to"


@dataclass(frozen=True, slots=True)
class ValuePair:
    """A change stated by its values: where the measure started and where it ended."""

    earlier: FigureMention
    later: FigureMention

    @property
    def direction(self) -> Direction | None:
        """Which way the values moved; None when they are equal or unreadable."""
        first, last = self.earlier.value, self.later.value
        if first is None or last is None or first == last:
            return None
        return "rise" if last > first else "fall"


def value_pairs(sentence: str, figures: Sequence[FigureMention]) -> list[ValuePair]:
    """The changes a sentence states by their values, each figure in one pair at most.

    e.g. "rose from 37 to 51" -> (37, 51); "fell slightly to 151 in the year to March 2018,
    from 147 the year before" -> (147, 151); "55 a week, up from 37" -> (37, 55).
    """
    pairs: list[ValuePair] = []
    used: set[int] = set()
    for i, figure in enumerate(figures):
        before = sentence[max(0, figure.start - _REACH) : figure.start]
        if i in used or not _FROM_BEFORE.search(before):
            continue
        partner = _partner(sentence, figures, i, used)
        if partner is not None:
            pairs.append(ValuePair(figure, figures[partner]))
            used.update({i, partner})
    return pairs


def _partner(sentence: str, figures: Sequence[FigureMention], i: int, used: set[int]) -> int | None:
    """The later value of the change whose earlier value is figure `i`: the nearest figure of
    its kind introduced by "to", else (after "up from") the figure just before it."""
    figure = figures[i]
    alike = [
        j
        for j, other in enumerate(figures)
        if j != i and j not in used and unit_family(other) == unit_family(figure)
    ]
    to = [
        j
        for j in alike
        if _TO_BEFORE.search(sentence[max(0, figures[j].start - _REACH) : figures[j].start])
    ]
    if to:
        return min(to, key=lambda j: abs(figures[j].start - figure.start))
    moved = _MOVED_FROM.search(sentence[max(0, figure.start - _REACH) : figure.start])
    before = [j for j in alike if j == i - 1]
    return before[0] if moved and before else None


def pair_of(pairs: Sequence[ValuePair], figure: FigureMention) -> ValuePair | None:
    """The change a figure is a value of, if any."""
    return next((p for p in pairs if figure in (p.earlier, p.later)), None)


_SLOWER = re.compile(rf"\b(?:{'|'.join(sorted(SLOWER_WORDS))})\b", re.IGNORECASE)
_FASTER = re.compile(rf"\b(?:{'|'.join(sorted(FASTER_WORDS))})\b", re.IGNORECASE)
_LOWER_IS_BETTER = re.compile(
    r"\b(?:abandon\w*|attrition|gave up|give up|giving up|hung up|hang up|waits?|waiting|"
    r"backlogs?|delays?)\b",
    re.IGNORECASE,
)  # measures of what goes wrong: fewer is better
_MONTH_RUN = re.compile(rf"^(?:between\s+|from\s+)?{MONTH_PATTERN}\b", re.IGNORECASE)


_WAYS = {
    "up": RISE_WORDS,
    "down": FALL_WORDS,
    "better": FASTER_WORDS,
    "worse": SLOWER_WORDS | frozenset({"deteriorating", "declined", "slipped"}),
}  # "slipped" and "declined" say both which way a figure went and that it got worse
OPPOSITE_WAY = {"up": "down", "down": "up", "better": "worse", "worse": "better"}


def ways(text: str) -> frozenset[str]:
    """Which ways a text says something moved, with no figure needed: "up", "down", "better",
    "worse" ("burglary fell in March", "call handling had deteriorated")."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    return frozenset(way for way, vocabulary in _WAYS.items() if words & vocabulary)


def judged_direction(sentence: str, figure: FigureMention) -> Direction | None:
    """Which way a figure moved, said by judgement, where lower is better: a slower or worse
    answer is a longer time, and a better abandonment rate a lower one.

    e.g. "got slower at answering 999 calls ..., averaging 6.42 seconds" -> rise; "answered
    calls a second quicker, in 6.42 seconds" -> fall; "101 abandonment improved to 7%" -> fall.
    Only for times and for what is better lower (calls abandoned, waits, backlogs): whether a
    better share or count is higher depends on what it counts.
    """
    if figure.kind != "duration" and not (
        figure.kind in ("percent", "count", "word") and _LOWER_IS_BETTER.search(sentence)
    ):
        return None
    slower, faster = bool(_SLOWER.search(sentence)), bool(_FASTER.search(sentence))
    return None if slower == faster else "rise" if slower else "fall"


def run_ends(when: PeriodSpan) -> tuple[PeriodSpan, PeriodSpan] | None:
    """The first and last months of a run named by its two ends, which a change over it moves
    between: "between December 2022 and January 2023" -> (December 2022, January 2023).
    None for one month or a rolling period ("the 12 months to March 2023")."""
    if not when.exact or when.first >= when.last or not _MONTH_RUN.match(when.label):
        return None
    return _month(when.first, when), _month(when.last, when)


def _month(month: int, within: PeriodSpan) -> PeriodSpan:
    label = f"{MONTHS[month % 12]} {month // 12}"
    return PeriodSpan(month, month, label, True, within.source)

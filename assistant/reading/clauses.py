"""A sentence cut around its figures: which figures it claims, each figure's clause and phrase.

e.g. "the establishment was 613 and currently there were 567 on the detective
pathway": 613's clause is "the establishment was 613", 567's the rest. Claims and
sources are cut by these same functions, so a figure is compared clause to clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from assistant.reading.mentions import find_figures, part_whole
from assistant.reading.vocabulary import MONTH_PATTERN, RISEN_UP_TO, qualifier_before
from assistant.types import FigureMention

CLAUSE_BREAKS = (
    re.compile(r"[;|]|\s[–—]\s"),
    re.compile(r",|\((?![\w ]{1,12}\))"),  # a gloss is no break: "(DVPNs)", "(67%)"
    re.compile(r"\s(?:but|while|whereas|with|which|who|compared)\s", re.IGNORECASE),
    re.compile(r"(?<!england)(?<!stop)\sand\s(?!wales|search)", re.IGNORECASE),
)  # strongest first; "and" joins clauses least surely ("stop and search", "England and Wales")
_STRONG_BREAK = CLAUSE_BREAKS[0]
_APPOSITION = re.compile(
    r"\s*(?:[A-Za-z]+\s+){0,2}\(\s*|[\s\w]{0,30}?,?\s+(?:up|down|rising|falling)\s+from\s+"
)  # e.g. "527 (63.42 percent)", "55 applications per week, up from 37": one measure
_THRESHOLD_BEFORE = re.compile(
    r"\b(?:within|in|under|over|inside|after|less than|more than|longer than|shorter than|beyond|"
    r"at least|up to|the (?:last|past|first|next)|between\s+[\w.,]+\s+(?:and|to))\s*$",
    re.IGNORECASE,
)  # e.g. "within 10 seconds", "longer than 60 seconds": part of the measure, not a claim
_AVERAGE_IN = re.compile(r"\b(?:on\s+average|on\s+an\s+average|averag(?:e|ed|ing))\s+in\s*$", re.I)
"""e.g. "answered on average in 12 seconds": how long, not the bound of a share"""
_LENGTH_OF = re.compile(r"\bof\s+(?:at least|more than|over|up to|less than|under)\s+$", re.I)
"""e.g. "delays of at least 14 days": a length with its qualifier, not a threshold"""
_RANGE_OPENS = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:and|to|-|–)\s*", re.IGNORECASE)
_PER_BEFORE = re.compile(r"\bper\s*$", re.IGNORECASE)  # e.g. "per 1,000 population"
_COUNTED_AFTER = re.compile(rf"\s+(?:of\b|in\s+{MONTH_PATTERN}\b)")
_WHEN_SPAN = re.compile(r"\b(?:over|during|in|on|within|across)\s+$", re.IGNORECASE)
_SPAN_UNITS = frozenset(
    "weekend night day week month year quarter morning afternoon evening".split()
)


def _single_span(figure: FigureMention) -> bool:
    """One weekend, night, day ...: a span of time something happened in."""
    return figure.kind == "word" and figure.value == 1 and (figure.unit or "") in _SPAN_UNITS


_TIME_UNITS = ("seconds", "minutes", "hours", "days", "weeks", "months", "years")


def is_threshold(sentence: str, f: FigureMention) -> bool:
    """Whether a figure bounds the measure rather than states it: "within 10 seconds", "per 1,000"."""
    before = sentence[max(0, f.start - 20) : f.start]
    timed = f.kind == "duration" or f.unit in _TIME_UNITS
    return bool(
        _PER_BEFORE.search(before)
        or (
            timed
            and _THRESHOLD_BEFORE.search(before)
            and not RISEN_UP_TO.search(before)
            and not _AVERAGE_IN.search(before)
        )
    )


def claimed_figures(sentence: str) -> list[FigureMention]:
    """The figures a sentence claims: not the thresholds that define a measure ("within 10 seconds").

    A bounded time with no other figure beside it is the claim itself: "victims wait at
    least two years to reach trial" states how long, where "84.5% within 10 seconds" states
    how many.
    """
    found = find_figures(sentence)
    bounds = measure_bounds(sentence, found)
    kept = []
    for f in found:
        if f in bounds:
            continue
        if f.kind == "word" and not f.unit and not _COUNTED_AFTER.match(sentence, f.end):
            continue  # "one", "two" without a counted noun: "five of which", "two in
            # September" (a count of the noun named before it, for a month) stay
        if _WHEN_SPAN.search(sentence, max(0, f.start - 12), f.start) and _single_span(f):
            continue  # "over one weekend", "in a single day": when, not how many
        kept.append(f)
    return kept


RESTATED_POINTS = 5.0
"""A share in words this close to the percentage beside it restates it: "nearly four in five
(77.8%)" says 77.8% once. Further apart, the two are separate figures."""
_SHARE_IN_WORDS = re.compile(r"^\S+\s+in\s+\S+$")  # "four in five", "1 in 4"
_RESTATED_REACH = 40  # characters between the words and their percentage


def restated_shares(sentence: str) -> list[FigureMention]:
    """The shares in words a sentence gives beside the percentage they restate: neither a figure
    nor words of its measure ("seven in ten (71.2%) agreed ..." measures what was agreed)."""
    found = find_figures(sentence)
    return [f for f in found if _restates_share(sentence, f, found)]


def _restates_share(sentence: str, figure: FigureMention, found: Sequence[FigureMention]) -> bool:
    """Whether a share in words ("four in five", not "14 of the 19") restates a percentage right
    beside it: it is then no figure of its own to check."""
    whole = part_whole(figure)
    if not _SHARE_IN_WORDS.match(figure.text) or not whole or figure.value is None:
        return False
    share = 100 * figure.value / whole
    return any(
        f.kind == "percent"
        and f.value is not None
        and abs(f.value - share) <= RESTATED_POINTS
        and (
            0 <= f.start - figure.end <= _RESTATED_REACH
            or 0 <= figure.start - f.end <= _RESTATED_REACH
        )
        for f in found
    )


def measure_bounds(sentence: str, found: Sequence[FigureMention]) -> list[FigureMention]:
    """The figures of a sentence (`found`, all of them) that bound its measure: "10 seconds" of
    "84.5% within 10 seconds"; none when the bounded times stand alone ("less than three
    minutes" is then the figure)."""
    bounds = [f for f in found if is_threshold(sentence, f)]
    alone = len(bounds) == len(found) and all(qualifier_before(sentence, f.start) for f in bounds)
    if alone:
        return []
    lengths = [b for b in bounds if _LENGTH_OF.search(sentence, max(0, b.start - 24), b.start)]
    if not lengths:  # most sentences: no clause need be cut
        return bounds
    clauses = dict(zip(found, figure_clauses(sentence, found), strict=True))
    return [
        b
        for b in bounds
        if b not in lengths or any(clauses[f] == clauses[b] for f in found if f not in bounds)
    ]  # "2,000 crimes awaiting allocation, with delays of at least 14 days": how long, in its
    # own clause; "answered in under 10 seconds" bounds a share wherever it stands


class Stated(Protocol):
    """Anything a sentence states at a place: a figure, or a date (`reading.dates`)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def figure_clauses(sentence: str, figures: Sequence[Stated]) -> list[tuple[int, int]]:
    """Each figure's clause; a figure restating the one before ("527 (63.42 percent)") shares it.
    Dates are cut into clauses the same way."""
    heads = [
        f
        for i, f in enumerate(figures)
        if i == 0
        or not (
            _APPOSITION.fullmatch(sentence[figures[i - 1].end : f.start])
            or _ends_range(sentence, figures[i - 1], f)
        )
    ]
    spans = dict(zip((f.start for f in heads), _head_clauses(sentence, heads), strict=True))
    clauses: list[tuple[int, int]] = []
    for figure in figures:
        clauses.append(spans.get(figure.start, clauses[-1] if clauses else (0, len(sentence))))
    return clauses


def _ends_range(sentence: str, left: Stated, right: Stated) -> bool:
    """Whether `right` closes a range `left` opens: "between 36 and 70 individual RSOs" is one
    measure's bounds, not two clauses."""
    return bool(
        _RANGE_OPENS.search(sentence, 0, left.start)
        and _RANGE_JOIN.fullmatch(sentence, left.end, right.start)
    )


def _head_clauses(sentence: str, figures: Sequence[Stated]) -> list[tuple[int, int]]:
    """Clauses split at the strongest break between neighbouring figures.

    e.g. "the establishment was 613 and currently there were 567 on the detective
    pathway": 613 -> "the establishment was 613", 567 -> "and currently ... pathway".
    Figures with no break between them share one clause: "from 94 to 47".
    """
    if not figures:
        return []
    cuts: list[int | None] = []
    for left, right in pairwise(figures):
        cuts.append(
            next(
                (
                    breaks[-1].start()
                    for pattern in CLAUSE_BREAKS
                    if (breaks := list(pattern.finditer(sentence, left.end, right.start)))
                ),
                None,
            )
        )
    before = [m.end() for m in _STRONG_BREAK.finditer(sentence, 0, figures[0].start)]
    after = [m.start() for m in _STRONG_BREAK.finditer(sentence, figures[-1].end)]
    clauses: list[tuple[int, int]] = []
    start, waiting = (before[-1] if before else 0), 0
    for cut in [*cuts, after[0] if after else len(sentence)]:
        waiting += 1
        if cut is not None:
            clauses.extend([(start, cut)] * waiting)
            start, waiting = cut, 0
    return clauses


def clause_order(
    clauses: list[tuple[int, int]], figures: list[FigureMention], figure: FigureMention
) -> int:
    """Which of its clause's figures it is, so "from 839 to 715" meets "from 839 to 751" in order."""
    clause = clauses[figures.index(figure)]
    return sum(
        1 for c, f in zip(clauses, figures, strict=True) if c == clause and f.start < figure.start
    )


def figure_phrase(sentence: str, figure: FigureMention) -> str:
    """The words bound most tightly to a figure: up to the nearest break on either side.

    e.g. "(28.7% of stop and searches in the force had linked outcomes which is higher than
    the ... rate across all forces in England and Wales at 22.2%)": the national
    figure is 22.2%, not 28.7%.
    """
    start, end = phrase_span(sentence, figure)
    return sentence[start:end]


def phrase_span(sentence: str, figure: FigureMention) -> tuple[int, int]:
    """Where `figure_phrase` lies in its sentence."""
    start, end = 0, len(sentence)
    for pattern in CLAUSE_BREAKS[:3]:
        start = max([start, *[m.end() for m in pattern.finditer(sentence, 0, figure.start)][-1:]])
        end = min([end, *[m.start() for m in pattern.finditer(sentence, figure.end)][:1]])
    return start, end


def moved_figure(f: FigureMention, offset: int) -> FigureMention:
    """A figure found in a sentence, placed in the whole text (or passage) the sentence came from."""
    return FigureMention(f.text, f.value, f.unit, f.start + offset, f.end + offset, f.kind)


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with figures and periods blanked, so their digits and months are not measure words."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text

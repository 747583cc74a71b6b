"""A retrieved chunk as quotable pieces: sentences, adjacent-sentence pairs, table rows and headings,
each with what the composer needs to judge it (stems, figures, grades, years).

Computed once per chunk and cached, so composing an answer costs little more than retrieval.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.chunk import CONTEXT_SEPARATOR, context_parts
from assistant.figures import find_figures, find_periods
from assistant.lexical import lexical_tokens
from assistant.pieces import piece_spans, statement_spans
from assistant.question import years_of
from assistant.reading.clauses import measure_bounds
from assistant.reading.dates import find_dates
from assistant.reading.figures import target_starts
from assistant.reading.grades import states_grade
from assistant.reading.mentions import SHARE_IN_WORDS, word_answers
from assistant.types import FigureMention


@dataclass(frozen=True, slots=True)
class Piece:
    """A quotable span of a chunk (a sentence, two adjacent sentences, a row or a heading)."""

    start: int
    end: int
    stems: frozenset[str]
    figures: tuple[FigureMention, ...]
    has_grade: bool
    """States a grade (see reading.grades): "is good at", "Investigating crime – Good"."""
    years: frozenset[int]
    pair: bool = False
    """Two adjacent sentences rather than one."""
    bounds: tuple[FigureMention, ...] = ()
    """Its figures that bound a measure rather than state it: "10 seconds" of "84.5% of calls
    within 10 seconds" (reading.clauses.measure_bounds)."""
    word_answers: frozenset[str] = frozenset()
    """What it states in words for a figure (reading.mentions.word_answers): "weekly"."""
    targets: tuple[FigureMention, ...] = ()
    """Its figures read as a target or standard rather than what was achieved: "90%" of "the
    national standard is to answer 90% of calls" (reading.figures, role "target")."""
    share_in_words: bool = False
    """States a share in words: "over a third of sergeants", "half of"; not "the last quarter"
    (reading.mentions.SHARE_IN_WORDS)."""

    @property
    def has_figure(self) -> bool:
        return worth_quoting(self.figures)


def worth_quoting(figures: tuple[FigureMention, ...]) -> bool:
    """A figure worth quoting: a number word counts only when it counts something."""
    return any(f.kind != "word" or f.unit for f in figures)


@lru_cache(maxsize=8192)
def analyse(text: str, context: str) -> tuple[tuple[Piece, ...], frozenset[str], frozenset[str]]:
    """Quotable pieces of a chunk (in `piece_spans` order, the order their vectors are stored)
    with what the composer needs of each, computed once per chunk."""
    singles = len(statement_spans(text))
    pieces = []
    for number, (s, e) in enumerate(piece_spans(text)):
        figures = tuple(find_figures(text[s:e]))
        pieces.append(
            Piece(
                s,
                e,
                frozenset(lexical_tokens(text[s:e])),
                figures,
                states_grade(text[s:e]),
                years_in(text[s:e]),
                number >= singles,
                tuple(measure_bounds(text[s:e], figures)),
                word_answers(text[s:e]),
                tuple(f for f in figures if f.start in target_starts(text[s:e])),
                bool(SHARE_IN_WORDS.search(text[s:e])),
            )
        )
    chunk_stems = frozenset(lexical_tokens(text))
    context_stems = frozenset(lexical_tokens(context))
    return tuple(pieces), chunk_stems, context_stems


@lru_cache(maxsize=8192)
def years_in(text: str) -> frozenset[int]:
    years: set[int] = set()
    for period in find_periods(text):
        if period.relative or period.sort_key is None:
            continue
        years.update(years_of(period.text))  # "22/23" too
    return frozenset(years)


@lru_cache(maxsize=4096)
def document_month(context: str) -> tuple[int, int] | None:
    """The year and month of the document's date, which a chunk's context gives after its
    title: "Minutes (31 October 2022)" -> (2022, 10); None when it gives no month."""
    head = context.partition(CONTEXT_SEPARATOR)[0]
    dated = find_dates(head[len(context_parts(context)[0]) :])
    return next(((d.year, d.month) for d in dated if d.year and d.month), None)


@lru_cache(maxsize=4096)
def document_years(context: str) -> frozenset[int]:
    """The years of the document's date, which a chunk's context gives after its title:
    "Panel paper (6 February 2024)" -> {2024}."""
    head = context.partition(CONTEXT_SEPARATOR)[0]
    return frozenset(years_of(head[len(context_parts(context)[0]) :]))

"""A retrieved chunk as quotable pieces: sentences, adjacent-sentence pairs, table rows and headings,
each with what the composer needs to judge it (stems, figures, grades, years).

Computed once per chunk and cached, so composing an answer costs little more than retrieval.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from assistant.figures import find_figures, find_periods
from assistant.lexical import lexical_tokens
from assistant.question import years_of
from assistant.reading.sentences import sentence_spans
from assistant.types import Chunk, FigureMention, Hit

GRADE_WORD = re.compile(
    r"\b(outstanding|good|adequate|requires improvement|inadequate)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Piece:
    """A quotable span of a chunk (a sentence, two adjacent sentences, a row or a heading)."""

    start: int
    end: int
    stems: frozenset[str]
    figures: tuple[FigureMention, ...]
    has_grade: bool
    years: frozenset[int]

    @property
    def has_figure(self) -> bool:
        """A figure worth quoting: a number word counts only when it counts something."""
        return any(f.kind != "word" or f.unit for f in self.figures)


@lru_cache(maxsize=8192)
def analyse(text: str, context: str) -> tuple[tuple[Piece, ...], frozenset[str], frozenset[str]]:
    """Quotable pieces of a chunk with what the composer needs of each, computed once per chunk."""
    spans = statement_spans(text)
    singles = [
        Piece(
            s,
            e,
            frozenset(lexical_tokens(text[s:e])),
            tuple(find_figures(text[s:e])),
            bool(GRADE_WORD.search(text[s:e])),
            years_in(text[s:e]),
        )
        for s, e in spans
    ]
    pairs = []
    for a, b in pairwise(singles):
        if "\n" in text[a.start : b.end]:
            continue  # only sentences of one paragraph pair up
        pairs.append(
            Piece(
                a.start,
                b.end,
                a.stems | b.stems,
                tuple(find_figures(text[a.start : b.end])),
                a.has_grade or b.has_grade,
                a.years | b.years,
            )
        )
    chunk_stems = frozenset(lexical_tokens(text))
    context_stems = frozenset(lexical_tokens(context))
    return tuple(singles + pairs), chunk_stems, context_stems


def statement_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of prose; whole lines for headings and table rows (no sentence inside them)."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for line in text.split("\n"):
        start, end = cursor, cursor + len(line)
        cursor = end + 1
        if not line.strip():
            continue
        if " | " in line or not re.search(r"[.!?]", line):
            spans.append((start, end))
        else:
            spans.extend(sentence_spans(text, start, end))
    return spans


@lru_cache(maxsize=8192)
def years_in(text: str) -> frozenset[int]:
    years: set[int] = set()
    for period in find_periods(text):
        if period.relative or period.sort_key is None:
            continue
        years.update(years_of(period.text))
    return frozenset(years)


ChunkLocator = Callable[[str, int], Chunk | None]
"""(doc_id, character offset) -> the chunk whose span holds that character."""


def pieces_of(
    hits: list[Hit], wants_grade: bool, texts: Mapping[str, str], locate: ChunkLocator | None
) -> Iterator[tuple[int, Chunk, Piece]]:
    """Each retrieved chunk's quotable pieces, and for grade questions the graded headings above it.

    Inspection reports state a grade in the heading of its section ("Responding to
    the public – Requires Improvement"); any chunk of the section may be retrieved,
    but only the first holds the heading, so the heading is quoted from that chunk.
    """
    for rank, hit in enumerate(hits):
        chunk = hit.chunk
        for piece in analyse(chunk.text, chunk.context)[0]:
            yield rank, chunk, piece
        if not (wants_grade and locate and chunk.section):
            continue
        text = texts.get(chunk.doc_id, "")
        for heading in chunk.section.split(" > "):
            if not GRADE_WORD.search(heading):
                continue
            position = text.rfind(heading, 0, chunk.start + len(heading))
            owner = locate(chunk.doc_id, position) if position >= 0 else None
            if owner is None or not (
                owner.start <= position and position + len(heading) <= owner.end
            ):
                continue
            start = position - owner.start
            yield (
                rank,
                owner,
                Piece(
                    start,
                    start + len(heading),
                    frozenset(lexical_tokens(heading)),
                    (),
                    True,
                    years_in(heading),
                ),
            )

"""Chunk scores from their best piece, for the candidates that dense and lexical search found.

A chunk of a thousand characters that answers in one sentence is diluted in both of its
whole-chunk scores: its vector averages every sentence, and BM25 divides by its length. Its
best piece (a sentence, two adjacent sentences, a table row, as stored at ingest) is not:
the piece closest to the question in meaning, and the piece holding most of the question's
words, rank it among the candidates. Only candidates are scored, so the cost stays that of
reading ~100 chunks' pieces, whatever the corpus size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assistant.bm25 import idf
from assistant.glossary import expansion_groups
from assistant.index import LoadedIndex
from assistant.lexical import lexical_tokens
from assistant.pieces import piece_spans


@dataclass(frozen=True, slots=True)
class QueryConcept:
    """One idea of the question, met by a piece holding every stem of any one variant."""

    variants: tuple[frozenset[str], ...]
    weight: float
    """The rarity (BM25 idf) of the user's own word: a synonym may match but lends no rarity."""


def query_concepts(question: str, index: LoadedIndex) -> tuple[QueryConcept, ...]:
    """The question's indexed words, a glossary entry it uses counting as one concept."""
    frequency, total = index.bm25.document_frequency, index.bm25.total

    def rarity(stem: str) -> float:
        n = frequency.get(stem)
        return idf(n, total) if n else 0.0

    own = list(dict.fromkeys(lexical_tokens(question)))
    concepts: list[QueryConcept] = []
    grouped: set[str] = set()
    for used, others in expansion_groups(question):
        stems = [s for s in lexical_tokens(" ".join(used)) if s in own]
        grouped.update(stems)
        weight = max((rarity(s) for s in stems), default=0.0)
        if weight:
            variants = [frozenset(stems)] + [frozenset(lexical_tokens(t)) for t in others]
            concepts.append(QueryConcept(tuple(v for v in variants if v), weight))
    for stem in own:
        if stem not in grouped and rarity(stem):
            concepts.append(QueryConcept((frozenset({stem}),), rarity(stem)))
    return tuple(concepts)


@lru_cache(maxsize=16384)
def piece_stems(text: str, section: str) -> dict[str, int]:
    """Each stem of a chunk's quotable pieces (and, as one more piece, its section heading)
    with the pieces holding it as a bit mask: bit p set when piece p holds the stem."""
    pieces = [text[s:e] for s, e in piece_spans(text)] + [section]
    masks: dict[str, int] = {}
    for number, piece in enumerate(pieces):
        for stem in set(lexical_tokens(piece)):
            masks[stem] = masks.get(stem, 0) | 1 << number
    return masks


def best_piece_coverage(
    index: LoadedIndex, items: Sequence[int], concepts: Sequence[QueryConcept]
) -> dict[int, float]:
    """Per chunk, the share of the question's weight (0-1) that its best piece holds."""
    total = sum(c.weight for c in concepts)
    if not total:
        return {}
    coverage: dict[int, float] = {}
    for item in items:
        chunk = index.chunks[item]
        stems = piece_stems(chunk.text, chunk.section or "")
        met = []  # per concept, the pieces meeting it
        for concept in concepts:
            mask = 0
            for variant in concept.variants:
                pieces = -1  # every piece, until a stem of the variant narrows it
                for stem in variant:
                    pieces &= stems.get(stem, 0)
                mask |= pieces
            met.append((mask, concept.weight))
        anywhere = 0
        for mask, _ in met:
            anywhere |= mask
        best = 0.0
        while anywhere:  # only the pieces meeting some concept
            bit = anywhere & -anywhere
            anywhere ^= bit
            best = max(best, sum(weight for mask, weight in met if mask & bit))
        coverage[item] = best / total
    return coverage


def best_piece_cosines(
    index: LoadedIndex, items: Sequence[int], query_vector: np.ndarray
) -> dict[int, float]:
    """Per chunk with stored pieces, the cosine of its piece closest to the query."""
    found: list[tuple[int, range]] = []
    for item in items:
        rows = index.pieces.get(index.chunks[item].chunk_id)
        if rows:
            found.append((item, rows))
    if not found:
        return {}
    vectors = np.concatenate([index.pieces.vectors[rows] for _, rows in found])
    starts = np.cumsum(np.array([0] + [len(rows) for _, rows in found[:-1]], dtype=np.int64))
    best = np.maximum.reduceat(vectors @ query_vector, starts)
    return {item: float(value) for (item, _), value in zip(found, best, strict=True)}

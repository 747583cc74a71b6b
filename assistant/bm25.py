"""BM25 as bm25s scores it (Lucene variant, k1 1.5, b 0.75), over postings kept as plain arrays.

Postings hold raw term counts, not weights, so a segment written once stays valid when
later segments change the corpus-wide document frequencies and average length: the
weights are computed at load, in numpy, without tokenising a chunk again. Scores equal
bm25s's to the float32 bit (tests compare the two on the real corpus).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np

K1, B = 1.5, 0.75
EMPTY = "_"
"""The one token of a chunk with no words, so that it still has a length (as bm25s was fed)."""


class Postings(NamedTuple):
    """Term-major counts of one segment; rows are the segment's own chunk rows."""

    vocab: tuple[str, ...]
    term_ptr: np.ndarray
    """int64, len(vocab) + 1: term t's postings are [term_ptr[t], term_ptr[t + 1])."""
    rows: np.ndarray
    """int32 chunk row of each posting, ascending within a term."""
    counts: np.ndarray
    """int32 occurrences of the term in that chunk."""
    lengths: np.ndarray
    """int32 tokens per chunk (duplicates counted), the BM25 document length."""


def build_postings(token_lists: Sequence[Sequence[str]]) -> Postings:
    vocab: dict[str, int] = {}
    rows: list[int] = []
    terms: list[int] = []
    counts: list[int] = []
    lengths: list[int] = []
    for row, tokens in enumerate(token_lists):
        tokens = tokens or [EMPTY]
        lengths.append(len(tokens))
        for token, count in Counter(tokens).items():
            terms.append(vocab.setdefault(token, len(vocab)))
            rows.append(row)
            counts.append(count)
    term_array = np.asarray(terms, dtype=np.int64)
    order = np.argsort(term_array, kind="stable")  # term-major; rows stay ascending in a term
    term_ptr = np.zeros(len(vocab) + 1, dtype=np.int64)
    np.cumsum(np.bincount(term_array, minlength=len(vocab)), out=term_ptr[1:])
    return Postings(
        tuple(vocab),
        term_ptr,
        np.asarray(rows, dtype=np.int32)[order],
        np.asarray(counts, dtype=np.int32)[order],
        np.asarray(lengths, dtype=np.int32),
    )


def keep_rows(postings: Postings, live: np.ndarray) -> tuple[Postings, np.ndarray]:
    """The postings of the rows where `live` is true, renumbered; and each old row's new number (-1 if dropped)."""
    renumber = np.full(len(live), -1, dtype=np.int64)
    renumber[live] = np.arange(int(live.sum()))
    keep = live[postings.rows]
    term_of = np.repeat(np.arange(len(postings.vocab)), np.diff(postings.term_ptr))[keep]
    term_ptr = np.zeros(len(postings.vocab) + 1, dtype=np.int64)
    np.cumsum(np.bincount(term_of, minlength=len(postings.vocab)), out=term_ptr[1:])
    kept = Postings(
        postings.vocab,
        term_ptr,
        renumber[postings.rows[keep]].astype(np.int32),
        postings.counts[keep],
        postings.lengths[live],
    )
    return kept, renumber


def idf(df: int, total: int) -> float:
    """Lucene's inverse document frequency, the same formula as `question.idf_table`."""
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


class LexicalIndex:
    """BM25 over the postings of one or more segments, placed one after another in row order.

    A term's weights are computed on the first query that uses it, then kept: opening a
    100k-chunk index no longer weighs 2.7M postings (0.7 s; 4.9 s at 1M) that few queries
    touch. Each weight is the same float64 arithmetic as computing them all at once.
    """

    def __init__(self, segments: Sequence[Postings]) -> None:
        self._offsets: list[int] = []
        self._lookup: list[dict[str, int]] = []
        df: dict[str, int] = {}
        offset = 0
        for postings in segments:
            self._offsets.append(offset)
            offset += len(postings.lengths)
            self._lookup.append({t: i for i, t in enumerate(postings.vocab)})
            for token, n in zip(postings.vocab, np.diff(postings.term_ptr).tolist(), strict=True):
                if n:
                    df[token] = df.get(token, 0) + n
        self.total = offset
        self.document_frequency: Mapping[str, int] = df
        lengths = (
            np.concatenate([p.lengths.astype(np.int64) for p in segments])
            if segments
            else np.zeros(0, dtype=np.int64)
        )
        self._average = lengths.mean() if len(lengths) else np.float64(1.0)
        self._segments = list(segments)
        self._weights: list[dict[int, np.ndarray]] = [{} for _ in segments]

    def _term_weights(self, number: int, token: str, term: int) -> np.ndarray:
        """float32 BM25 weight of each posting of one term in one segment, made once."""
        data = self._weights[number].get(term)
        if data is None:
            postings = self._segments[number]
            start, end = int(postings.term_ptr[term]), int(postings.term_ptr[term + 1])
            n = self.document_frequency.get(token)
            weight = np.float32(idf(n, self.total) if n else 0.0)
            tf = postings.counts[start:end].astype(np.float64)
            length = postings.lengths[postings.rows[start:end]].astype(np.float64)
            # bm25s: tf / (k1 * ((1 - b) + b * l_d / l_avg) + tf), times idf, stored as float32
            tfc = tf / (K1 * ((1 - B) + B * length / self._average) + tf)
            data = (np.float64(weight) * tfc).astype(np.float32)
            self._weights[number][term] = data
        return data

    def __contains__(self, token: str) -> bool:
        return token in self.document_frequency

    def rows_with(self, token: str) -> np.ndarray:
        """Every row whose text holds the token (int64; none for a word no row holds)."""
        found = [
            postings.rows[postings.term_ptr[term] : postings.term_ptr[term + 1]].astype(np.int64)
            + offset
            for offset, lookup, postings in zip(
                self._offsets, self._lookup, self._segments, strict=True
            )
            if (term := lookup.get(token)) is not None
        ]
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)

    def idf_table(self) -> dict[str, float]:
        """Inverse document frequency of every indexed word, as `question.idf_table` computes it."""
        return {t: idf(n, self.total) for t, n in self.document_frequency.items() if t != EMPTY}

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """float32 BM25 score of every row; a repeated token counts again, summed in token order."""
        scores = np.zeros(self.total, dtype=np.float32)
        for token in tokens:
            for number, (offset, lookup) in enumerate(
                zip(self._offsets, self._lookup, strict=True)
            ):
                term = lookup.get(token)
                if term is None:
                    continue
                postings = self._segments[number]
                start, end = postings.term_ptr[term], postings.term_ptr[term + 1]
                # each row appears once per term, so plain fancy-index addition is exact
                scores[postings.rows[start:end] + offset] += self._term_weights(number, token, term)
        return scores

"""Exact inner-product search over the segments' memory-mapped vectors, read where they lie.

Below the ANN threshold the index used to copy every live vector into a `faiss.IndexFlatIP`
when it opened (at 1M chunks 7 s and 1.5 GB of anonymous memory). The segment files are
already mapped, so the vectors are held once, as pages of those files, shared between
processes; a removed document's rows are skipped by position, not copied out.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

MISSING_SCORE = -float(np.finfo(np.float32).max)
"""The score FAISS gives a result slot it could not fill (its id is -1)."""


@functools.cache
def _blas_threads() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextmanager
def _threads_for(query_count: int) -> Iterator[None]:
    """One BLAS thread for one query: on a shared machine two threads wait on each other (FAISS
    measured 40 ms against 8 ms at 100k chunks); a batch may use every core."""
    if query_count != 1:
        yield
        return
    with _blas_threads().limit(limits=1, user_api="blas"):
        yield


def top_rows(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k highest scores, best first, ties by position, found by partial
    selection instead of sorting every score. (FAISS's heap orders exact ties by the order rows
    arrived and left it; embedded chunks of different texts do not tie.)"""
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    negated = -scores
    boundary = np.partition(negated, k - 1)[k - 1]
    above = np.flatnonzero(negated < boundary)
    tied = np.flatnonzero(negated == boundary)[: k - len(above)]
    chosen = np.concatenate([above, tied])
    return chosen[np.lexsort((chosen, negated[chosen]))]


class SegmentVectors:
    """The live chunk vectors of every segment, rows numbered across segments one after another,
    searched exactly in place (the part of `faiss.IndexFlatIP` retrieval uses: `ntotal`, `d`,
    `search`) and read by row like an array (`vectors[row]`, `vectors[rows]`, `np.asarray`)."""

    def __init__(
        self, segments: Sequence[tuple[np.ndarray, np.ndarray | None]], dimension: int
    ) -> None:
        """`segments`: each segment's vectors (mapped) and the positions of its live rows in
        them (None: every row is live), in row order."""
        self._segments = [
            (v, None if live is None else np.asarray(live, np.int64)) for v, live in segments
        ]
        for vectors, _ in self._segments:
            if vectors.ndim != 2 or vectors.shape[1] != dimension or vectors.dtype != np.float32:
                raise ValueError(
                    f"vectors of shape {vectors.shape} ({vectors.dtype}), not float32 rows of {dimension}"
                )
        sizes = [len(v) if live is None else len(live) for v, live in self._segments]
        self._offsets = np.cumsum([0, *sizes]).tolist()
        self.d = dimension
        self.dtype = np.dtype(np.float32)

    @property
    def ntotal(self) -> int:
        return int(self._offsets[-1])

    @property
    def shape(self) -> tuple[int, int]:
        return (self.ntotal, self.d)

    def __len__(self) -> int:
        return self.ntotal

    def __getitem__(self, rows: int | slice | np.ndarray | Sequence[int]) -> np.ndarray:
        """One row (a view of its segment's mapping) or several (a copy of just those rows)."""
        if isinstance(rows, int | np.integer):
            position = int(rows) + (self.ntotal if rows < 0 else 0)
            if not 0 <= position < self.ntotal:
                raise IndexError(f"vector row {rows} not in 0..{self.ntotal - 1}")
            number = bisect.bisect_right(self._offsets, position) - 1
            vectors, live = self._segments[number]
            inside = position - self._offsets[number]
            return vectors[inside if live is None else int(live[inside])]
        positions = np.arange(self.ntotal)[rows]
        found = np.empty((len(positions), self.d), dtype=np.float32)
        segment_of = np.searchsorted(self._offsets, positions, side="right") - 1
        for number, (vectors, live) in enumerate(self._segments):
            where = np.flatnonzero(segment_of == number)
            if len(where):
                inside = positions[where] - self._offsets[number]
                found[where] = vectors[inside if live is None else live[inside]]
        return found

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        whole = self[np.arange(self.ntotal)]
        return whole if dtype is None else whole.astype(dtype)

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Inner product of one query with every live row (float32, one per row)."""
        found = np.empty(self.ntotal, dtype=np.float32)
        for number, (vectors, live) in enumerate(self._segments):
            start, stop = self._offsets[number], self._offsets[number + 1]
            if stop > start:
                every = vectors @ query  # every row of the mapping: no copy of the live ones
                found[start:stop] = every if live is None else every[live]
        return found

    def search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The k best rows per query by inner product (among the allowed ones, a boolean mask),
        as FAISS returns them: scores and ids of shape (queries, k), best first, ties by row,
        slots beyond the allowed rows filled with MISSING_SCORE and id -1.

        Each query is scored on its own (a matrix-vector product), so a query's scores are the
        same alone or in a batch: one matrix product for a batch rounds differently (by up to
        7e-7 measured), which would let `ask --batch` differ from `ask`.
        """
        queries = np.ascontiguousarray(queries, dtype=np.float32).reshape(-1, self.d)
        scores = np.full((len(queries), k), MISSING_SCORE, dtype=np.float32)
        ids = np.full((len(queries), k), -1, dtype=np.int64)
        if k <= 0 or self.ntotal == 0:
            return scores, ids
        blocked = None if allowed is None else ~np.asarray(allowed, dtype=bool)
        with _threads_for(len(queries)):
            for number, query in enumerate(queries):
                row = self.scores(query)
                if blocked is not None:
                    row[blocked] = -np.inf
                best = top_rows(row, k)
                best = best[np.isfinite(row[best])]
                scores[number, : len(best)] = row[best]
                ids[number, : len(best)] = best
        return scores, ids

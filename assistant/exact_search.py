"""Exact inner-product search over the segments' memory-mapped vectors, read where they lie.

Below the ANN threshold the index used to copy every live vector into a `faiss.IndexFlatIP`
when it opened (at 1M chunks 7 s and 1.5 GB of anonymous memory). The segment files are
already mapped, so the vectors are held once, as pages of those files, shared between
processes; FAISS's own exhaustive search (`knn_inner_product`, what `IndexFlatIP.search`
runs) reads each mapping in place, so scores are bit for bit the flat index's, and a removed
document's rows are skipped by an ID selector, not copied out.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

MISSING_SCORE = -float(np.finfo(np.float32).max)
"""The score FAISS gives a result slot it could not fill (its id is -1)."""
BLOCK_ROWS = 4096
"""Rows a batch of queries is scored against per call (6 MB at 384 dimensions; see `_blocks`):
11 claim queries over 100k rows took 148 ms in one call and 81-95 ms in blocks of 1-8k."""


@contextmanager
def faiss_threads(query_count: int) -> Iterator[None]:
    """One OpenMP thread for one query: on a shared machine two threads wait on each other
    (measured 40 ms against 8 ms at 100k chunks); a batch may use every core."""
    import faiss

    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1 if query_count == 1 else max(1, os.cpu_count() or 1))
    try:
        yield
    finally:
        faiss.omp_set_num_threads(threads)


class SegmentVectors:
    """The live chunk vectors of every segment, rows numbered across segments one after another,
    searched exactly in place (the part of `faiss.IndexFlatIP` retrieval uses: `ntotal`, `d`,
    `search`) and read by row like an array (`vectors[row]`, `vectors[rows]`, `np.asarray`)."""

    def __init__(
        self,
        segments: Sequence[tuple[np.ndarray, np.ndarray | None]],
        dimension: int,
        block_rows: int = BLOCK_ROWS,
    ) -> None:
        """`segments`: each segment's vectors (mapped) and the positions of its live rows in
        them, ascending (None: every row is live), in row order."""
        self.block_rows = block_rows
        # plain arrays over the same mapping: a row read through np.memmap pays its subclass
        # hooks (~40 us a row, 18k rows a 20k-chunk check); the pages are the same
        self._segments = [
            (np.asarray(v), None if live is None else np.asarray(live, np.int64))
            for v, live in segments
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
        positions = self._positions(rows)
        found = np.empty((len(positions), self.d), dtype=np.float32)
        segment_of = np.searchsorted(self._offsets, positions, side="right") - 1
        for number, (vectors, live) in enumerate(self._segments):
            where = np.flatnonzero(segment_of == number)
            if len(where):
                inside = positions[where] - self._offsets[number]
                found[where] = vectors[inside if live is None else live[inside]]
        return found

    def _positions(self, rows: slice | np.ndarray | Sequence[int]) -> np.ndarray:
        """Row numbers (ascending for a slice or mask), checked and made non-negative, without
        building an array of every row for a few of them."""
        if isinstance(rows, slice):
            return np.arange(*rows.indices(self.ntotal))
        positions = np.asarray(rows)
        if positions.dtype == bool:
            if positions.shape != (self.ntotal,):
                raise IndexError(f"mask of {positions.shape} for {self.ntotal} vector rows")
            return np.flatnonzero(positions)
        positions = positions.astype(np.int64, copy=False).reshape(-1)
        if len(positions) and (positions.min() < -self.ntotal or positions.max() >= self.ntotal):
            raise IndexError(f"vector rows out of 0..{self.ntotal - 1}")
        return np.where(positions < 0, positions + self.ntotal, positions)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        whole = self[np.arange(self.ntotal)]
        return whole if dtype is None else whole.astype(dtype)

    def search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The k best rows per query by inner product (among the allowed ones, a boolean mask),
        as `IndexFlatIP.search` returns them: scores and ids of shape (queries, k), best first,
        slots beyond the allowed rows filled with MISSING_SCORE and id -1. Each segment is
        searched in place, a few queries block by block (`_blocks`); the results of several
        calls are merged by score, and rows that score exactly alike (duplicate chunks) are
        then taken in row order (one call leaves them in its heap's order)."""
        queries = np.ascontiguousarray(queries, dtype=np.float32).reshape(-1, self.d)
        found: list[tuple[np.ndarray, np.ndarray]] = []
        # blocks on one thread: two threads meet at a barrier after every block, and on a shared
        # 2-core machine that cost more than the cache saved (11 queries at 100k: 296 ms on
        # two, 92 ms on one; one call 182 ms on either)
        split = len(self._blocks(self.ntotal, len(queries))) > 1
        with faiss_threads(1 if split else len(queries)):
            for number, (vectors, live) in enumerate(self._segments):
                start, stop = self._offsets[number], self._offsets[number + 1]
                if stop == start or k <= 0:
                    continue
                keep = None if allowed is None else np.asarray(allowed[start:stop], dtype=bool)
                if live is not None:
                    rows = np.zeros(len(vectors), dtype=bool)
                    rows[live] = True if keep is None else keep
                    keep = rows
                mapped = np.ascontiguousarray(vectors)  # the mapping itself: no copy
                for first, last in self._blocks(len(vectors), len(queries)):
                    part = None if keep is None else keep[first:last]
                    if part is not None and not part.any():
                        continue
                    scores, ids = _knn(queries, mapped[first:last], k, part)
                    filled = ids >= 0
                    ids = ids + first
                    positions = ids if live is None else np.searchsorted(live, np.maximum(ids, 0))
                    found.append((scores, np.where(filled, positions + start, -1)))
        return _merged(found, len(queries), k)

    def _blocks(self, rows: int, query_count: int) -> list[tuple[int, int]]:
        """The row ranges searched one call each: for a few queries, blocks that stay in cache.

        Below FAISS's BLAS threshold (queries x dimension under 128,000 in FAISS 1.15; queries
        under 20 in older ones: the test here is below both) it scores query by query, each
        streaming every row from memory (a 10-claim check read 150 MB eleven times at 100k
        chunks); a block is scored for every query while it is cached. Each score is the same
        kernel's over the same two vectors, so the scores are bit for bit those of one call.
        One query, or a batch that FAISS scores by BLAS (already blocked), keeps one call.
        """
        import faiss

        if query_count < 2 or query_count * self.d >= faiss.cvar.distance_compute_blas_threshold:
            return [(0, rows)]
        return [
            (first, min(first + self.block_rows, rows)) for first in range(0, rows, self.block_rows)
        ]


def _knn(
    queries: np.ndarray, rows: np.ndarray, k: int, keep: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """FAISS's exhaustive inner-product search of contiguous `rows` (only those `keep` marks)."""
    import faiss

    bits = None if keep is None else np.packbits(keep, bitorder="little")
    selector = None if bits is None else faiss.IDSelectorBitmap(len(rows), faiss.swig_ptr(bits))
    scores = np.empty((len(queries), k), dtype=np.float32)
    ids = np.empty((len(queries), k), dtype=np.int64)
    faiss.knn_inner_product(
        faiss.swig_ptr(queries),
        faiss.swig_ptr(rows),
        queries.shape[1],
        len(queries),
        len(rows),
        k,
        faiss.swig_ptr(scores),
        faiss.swig_ptr(ids),
        selector,
    )
    return scores, ids


def _merged(
    found: list[tuple[np.ndarray, np.ndarray]], query_count: int, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each segment's or block's (scores, ids) merged into the k best per query, ties by row;
    one call's results as FAISS gave them."""
    if len(found) == 1:
        return found[0]
    scores = np.full((query_count, max(k, 0)), MISSING_SCORE, dtype=np.float32)
    ids = np.full((query_count, max(k, 0)), -1, dtype=np.int64)
    if not found or k <= 0:
        return scores, ids
    every_score = np.concatenate([s for s, _ in found], axis=1)
    every_id = np.concatenate([i for _, i in found], axis=1)
    every_score[every_id < 0] = -np.inf
    for number in range(query_count):
        order = np.lexsort((every_id[number], -every_score[number]))[:k]
        order = order[every_id[number, order] >= 0]
        scores[number, : len(order)] = every_score[number, order]
        ids[number, : len(order)] = every_id[number, order]
    return scores, ids

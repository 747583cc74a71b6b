"""Exact search over mapped segment vectors gives what `faiss.IndexFlatIP` gives."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np
import pytest

from assistant.exact_search import MISSING_SCORE, SegmentVectors

DIMENSION = 24


def unit_rows(count: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(count, DIMENSION)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def mapped(tmp_path: Path, name: str, rows: np.ndarray) -> np.ndarray:
    """The rows saved and mapped back as the index maps a segment's vectors.npy."""
    np.save(tmp_path / f"{name}.npy", rows)
    return np.load(tmp_path / f"{name}.npy", mmap_mode="r", allow_pickle=False)


def faiss_reference(
    rows: np.ndarray, queries: np.ndarray, k: int, allowed: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    flat = faiss.IndexFlatIP(DIMENSION)
    if len(rows):
        flat.add(rows)
    params = None
    if allowed is not None:
        bits = np.packbits(allowed, bitorder="little")
        params = faiss.SearchParameters(
            sel=faiss.IDSelectorBitmap(len(allowed), faiss.swig_ptr(bits))
        )
    return flat.search(queries, k, params=params)


# (segment sizes, removed rows per segment as positions, k, mask seed or None, query count)
CASES = [
    ((500,), (None,), 10, None, 1),
    ((500,), (None,), 10, 3, 1),
    ((300, 0, 200), (None, None, None), 50, None, 5),
    ((300, 200), ((0, 5, 299), None), 20, None, 3),
    ((300, 200), ((0, 5, 299), (7,)), 20, 4, 40),  # a batch
    ((40,), (None,), 100, None, 2),  # k larger than the rows
    ((40, 30), ((1, 2),), 100, 5, 2),  # k larger than the allowed rows
    ((0,), (None,), 5, None, 1),  # an empty segment alone
]


@pytest.mark.parametrize(("sizes", "removed", "k", "mask_seed", "query_count"), CASES)
def test_search_equals_faiss_flat(
    tmp_path: Path,
    sizes: tuple[int, ...],
    removed: tuple[tuple[int, ...] | None, ...],
    k: int,
    mask_seed: int | None,
    query_count: int,
) -> None:
    segments = []
    live_rows = []
    for number, size in enumerate(sizes):
        rows = unit_rows(size, seed=number)
        gone = removed[number] if number < len(removed) else None
        live = None if gone is None else np.setdiff1d(np.arange(size), gone)
        segments.append((mapped(tmp_path, f"seg{number}", rows), live))
        live_rows.append(rows if live is None else rows[live])
    every = np.concatenate(live_rows) if live_rows else np.zeros((0, DIMENSION), np.float32)
    allowed = (
        None if mask_seed is None else np.random.default_rng(mask_seed).random(len(every)) < 0.3
    )
    queries = unit_rows(query_count, seed=99)
    vectors = SegmentVectors(segments, DIMENSION)

    scores, ids = vectors.search(queries, k, allowed)
    want_scores, want_ids = faiss_reference(every, queries, k, allowed)

    assert vectors.ntotal == len(every), "live rows counted across segments"
    assert np.array_equal(ids, want_ids), "the same rows in the same order as FAISS"
    filled = want_ids >= 0
    assert np.array_equal(scores[filled], want_scores[filled]), "the same scores, bit for bit"
    assert np.all(scores[~filled] == MISSING_SCORE), "unfilled slots scored as FAISS does"


# (segment sizes, removed rows per segment, rows per block, mask seed, query count): a batch of
# queries is scored block by block; one query (the last case) in one call whatever the block
BLOCK_CASES = [
    ((500,), (None,), 64, None, 5),
    ((500,), (None,), 7, 3, 12),  # blocks smaller than k, a mask
    ((300, 200), ((0, 5, 299), (7,)), 100, 4, 40),  # removed rows, blocks across them
    ((300, 0, 200), (None, None, None), 128, 6, 2),  # an empty segment
    ((1000,), (None,), 3, 2, 1),
]


@pytest.mark.parametrize(
    ("sizes", "removed", "block_rows", "mask_seed", "query_count"), BLOCK_CASES
)
def test_search_in_blocks_equals_faiss_flat(
    tmp_path: Path,
    sizes: tuple[int, ...],
    removed: tuple[tuple[int, ...] | None, ...],
    block_rows: int,
    mask_seed: int | None,
    query_count: int,
) -> None:
    segments, live_rows = [], []
    for number, size in enumerate(sizes):
        rows = unit_rows(size, seed=10 + number)
        live = None if removed[number] is None else np.setdiff1d(np.arange(size), removed[number])
        segments.append((mapped(tmp_path, f"seg{number}", rows), live))
        live_rows.append(rows if live is None else rows[live])
    every = np.concatenate(live_rows)
    allowed = (
        None if mask_seed is None else np.random.default_rng(mask_seed).random(len(every)) < 0.4
    )
    queries = unit_rows(query_count, seed=98)
    vectors = SegmentVectors(segments, DIMENSION, block_rows=block_rows)

    scores, ids = vectors.search(queries, 20, allowed)
    want_scores, want_ids = faiss_reference(every, queries, 20, allowed)

    assert np.array_equal(ids, want_ids), "the same rows in the same order as FAISS"
    assert np.array_equal(scores, want_scores), "the same scores, bit for bit"


TIED_ROWS = [1, 0, 2, 0, 0, 3, 0]
"""One-hot rows: for the first axis rows 1, 3, 4 and 6 score 1, rows 0, 2 and 5 score 0."""


@pytest.mark.parametrize(("k", "query_count"), [(1, 1), (3, 1), (6, 1), (3, 25)])
def test_ties_come_back_as_faiss_orders_them(tmp_path: Path, k: int, query_count: int) -> None:
    """One-hot rows score exactly 1 or 0 in any summation order, so the ties are real ties."""
    rows = np.eye(DIMENSION, dtype=np.float32)[TIED_ROWS]
    vectors = SegmentVectors([(mapped(tmp_path, "ties", rows), None)], DIMENSION)
    queries = np.repeat(np.eye(DIMENSION, dtype=np.float32)[:1], query_count, axis=0)
    _, ids = vectors.search(queries, k)
    _, want = faiss_reference(rows, queries, k, None)
    assert np.array_equal(ids, want), "the same tied rows, in the flat index's order"


# (k, queries, rows per block, the rows expected): several blocks' results, merged, take
# tied rows in row order (FAISS's heap keeps and orders ties as its structure falls)
@pytest.mark.parametrize(
    ("k", "query_count", "block_rows", "expected"),
    [(3, 25, 2, [1, 3, 4]), (5, 4, 3, [1, 3, 4, 6, 0]), (7, 2, 4, [1, 3, 4, 6, 0, 2, 5])],
)
def test_ties_across_blocks_come_back_in_row_order(
    tmp_path: Path, k: int, query_count: int, block_rows: int, expected: list[int]
) -> None:
    rows = np.eye(DIMENSION, dtype=np.float32)[TIED_ROWS]
    vectors = SegmentVectors(
        [(mapped(tmp_path, "ties", rows), None)], DIMENSION, block_rows=block_rows
    )
    queries = np.repeat(np.eye(DIMENSION, dtype=np.float32)[:1], query_count, axis=0)
    scores, ids = vectors.search(queries, k)
    assert ids.tolist() == [expected] * query_count, "tied rows by row number"
    want_scores, _ = faiss_reference(rows, queries, k, None)
    assert np.array_equal(scores, want_scores), "the same scores as the flat index"


def two_segments(tmp_path: Path) -> tuple[SegmentVectors, np.ndarray, np.ndarray]:
    """Six rows with three removed, then four: the searcher, its live rows gathered whole, and
    the second segment's rows."""
    first, second = unit_rows(6, seed=1), unit_rows(4, seed=2)
    vectors = SegmentVectors(
        [
            (mapped(tmp_path, "a", first), np.array([0, 2, 5])),
            (mapped(tmp_path, "b", second), None),
        ],
        DIMENSION,
    )
    return vectors, np.concatenate([first[[0, 2, 5]], second]), second


def test_rows_read_across_segments_skip_removed(tmp_path: Path) -> None:
    vectors, expected, second = two_segments(tmp_path)
    assert np.array_equal(np.asarray(vectors), expected), "the live rows, in order"
    assert np.array_equal(vectors[4], second[1]), "one row by position"
    assert np.array_equal(vectors[-1], second[3]), "a negative position counts from the end"
    assert np.array_equal(vectors[[5, 1]], expected[[5, 1]]), "several rows by position"
    assert np.array_equal(vectors[2:5], expected[2:5]), "a slice"


# rows asked for, as retrieval and the answer path ask (positions across two segments, one
# with removed rows); the expected rows come from numpy indexing the live rows gathered whole
ROW_REQUESTS: list[list[int] | np.ndarray | slice] = [
    [5, 1],
    [-1, 0, -7],
    [],
    np.array([6, 6, 2], dtype=np.int32),
    np.array([True, False, False, True, False, False, True]),
    slice(None, None, -2),
]


@pytest.mark.parametrize("rows", ROW_REQUESTS, ids=lambda r: repr(r).replace(" ", ""))
def test_rows_read_by_position(tmp_path: Path, rows: list[int] | np.ndarray | slice) -> None:
    vectors, expected, _ = two_segments(tmp_path)
    found, want = vectors[rows], expected[rows]
    assert found.shape == want.shape, "one row of the dimension per position asked"
    assert np.array_equal(found, want), "the same rows as the live rows indexed"


@pytest.mark.parametrize("rows", [[7], [0, -8], np.array([True, False])])
def test_rows_out_of_range_are_refused(tmp_path: Path, rows: list[int] | np.ndarray) -> None:
    vectors = SegmentVectors([(mapped(tmp_path, "a", unit_rows(7, seed=1)), None)], DIMENSION)
    with pytest.raises(IndexError, match=r"7 vector rows|out of 0\.\.6"):
        vectors[rows]


def test_one_row_is_read_in_place(tmp_path: Path) -> None:
    rows = mapped(tmp_path, "a", unit_rows(5, seed=1))
    vectors = SegmentVectors([(rows, None)], DIMENSION)
    assert np.shares_memory(vectors[3], rows), "a single row is a view of the mapping"


@pytest.mark.parametrize("position", [7, -8])
def test_a_row_out_of_range_is_refused(tmp_path: Path, position: int) -> None:
    vectors = SegmentVectors([(mapped(tmp_path, "a", unit_rows(7, seed=1)), None)], DIMENSION)
    with pytest.raises(IndexError, match=r"not in 0\.\.6"):
        vectors[position]


def test_vectors_of_another_shape_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not float32 rows of 24"):
        SegmentVectors([(np.zeros((3, 24), dtype=np.float64), None)], DIMENSION)


def test_a_query_scores_the_same_alone_and_in_a_batch(tmp_path: Path) -> None:
    vectors = SegmentVectors([(mapped(tmp_path, "a", unit_rows(3000, seed=1)), None)], DIMENSION)
    queries = unit_rows(12, seed=2)  # FAISS, like its flat index, scores 20 or more by BLAS
    batch_scores, batch_ids = vectors.search(queries, 20)
    alone = [vectors.search(query[None], 20) for query in queries]
    assert np.array_equal(batch_scores, np.concatenate([s for s, _ in alone])), "bit for bit"
    assert np.array_equal(batch_ids, np.concatenate([i for _, i in alone])), "the same rows"

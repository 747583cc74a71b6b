"""The stored piece vectors: saved as plain arrays per segment, read memory-mapped, one row per
quotable piece of each chunk, in the order the composer reads the pieces."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.engine import Engine
from assistant.errors import IndexCorruptError
from assistant.piece_store import (
    PieceMatrix,
    PieceTable,
    SegmentPieces,
    StoredPieces,
    load_pieces,
    save_pieces,
)
from assistant.pieces import piece_spans


def _segment(counts: list[int], first_value: float, dimension: int = 3) -> SegmentPieces:
    """A segment whose chunk r has counts[r] pieces; row i's vector is filled with first_value + i."""
    ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    rows = int(ptr[-1])
    vectors = (first_value + np.arange(rows, dtype=np.float32))[:, None].repeat(dimension, axis=1)
    spans = np.stack([np.arange(rows), np.arange(rows) + 1], axis=1).astype(np.int32)
    return SegmentPieces(ptr, spans, vectors)


def test_save_and_load_round_trip(engine: Engine, tmp_path: Path) -> None:
    chunks = engine.index.chunks[:5]
    stored = engine.index.pieces
    ids = tuple(c.chunk_id for c in chunks for _ in stored[c.chunk_id])
    spans = tuple(s for c in chunks for s in stored.vectors.spans(stored[c.chunk_id]))
    vectors = np.concatenate([stored.vectors[stored[c.chunk_id]] for c in chunks])
    save_pieces(tmp_path, PieceTable(ids, spans, vectors), [c.chunk_id for c in chunks])
    again = load_pieces(tmp_path, len(chunks))
    assert [tuple(s) for s in again.spans.tolist()] == list(spans)
    assert np.array_equal(again.vectors, vectors), "the vectors come back bit for bit"
    assert again.ptr.tolist() == [0, *np.cumsum([len(stored[c.chunk_id]) for c in chunks])]


def test_piece_rows_are_read_from_the_file_not_mapped(engine: Engine) -> None:
    stored = engine.index.pieces
    chunk = engine.index.chunks[5]
    rows = stored[chunk.chunk_id]
    got = stored.vectors[rows]
    saved = np.load(next(engine.index.path.glob("seg-*/pieces.npy")), allow_pickle=False)
    assert not isinstance(got, np.memmap), "rows are copied out, so no mapped page stays resident"
    assert np.array_equal(got, saved[rows.start : rows.stop]), "the rows of the chunk, bit for bit"


def test_every_chunk_has_a_stored_vector_per_piece(engine: Engine) -> None:
    stored = engine.index.pieces
    for chunk in engine.index.chunks:
        spans = stored.vectors.spans(stored[chunk.chunk_id])
        assert spans == piece_spans(chunk.text), chunk.chunk_id


def test_a_piece_vector_is_its_embedded_text(engine: Engine) -> None:
    stored = engine.index.pieces
    chunk = engine.index.chunks[3]
    rows = stored[chunk.chunk_id]
    start, end = stored.vectors.spans(rows)[0]
    text = f"{chunk.section}\n{chunk.text[start:end]}" if chunk.section else chunk.text[start:end]
    fresh = engine.embedder.embed_documents([text])[0]
    assert float(fresh @ stored.vectors[rows][0]) > 0.999


def test_rows_not_in_chunk_order_are_refused(tmp_path: Path) -> None:
    table = PieceTable(("b", "a"), ((0, 1), (0, 1)), np.zeros((2, 3), dtype=np.float32))
    with pytest.raises(ValueError, match="grouped by chunk"):
        save_pieces(tmp_path, table, ["a", "b"])


@pytest.mark.parametrize(
    ("chunk_count", "reason"),
    [
        (3, "the segment has more chunks than the saved pointer covers"),
        (1, "the segment has fewer chunks than the saved pointer covers"),
    ],
)
def test_pieces_that_do_not_fit_the_chunks_are_refused(
    tmp_path: Path, chunk_count: int, reason: str
) -> None:
    table = PieceTable(("a", "a", "b"), ((0, 1), (1, 2), (0, 1)), np.ones((3, 3), np.float32))
    save_pieces(tmp_path, table, ["a", "b"])
    with pytest.raises(IndexCorruptError, match="rebuild"):
        load_pieces(tmp_path, chunk_count)
        pytest.fail(reason)


@pytest.mark.parametrize(
    ("chunk", "expected_rows", "expected_first_value"),
    [
        ("a0", range(0, 2), 0.0),  # first segment
        ("a1", range(2, 3), 2.0),
        ("b0", range(3, 4), 100.0),  # second segment: its own rows, numbered after the first's
        ("b2", range(5, 5), None),  # a chunk without pieces
        ("b3", range(5, 7), 102.0),
    ],
)
def test_rows_are_numbered_across_segments(
    chunk: str, expected_rows: range, expected_first_value: float | None
) -> None:
    first, second = _segment([2, 1], 0.0), _segment([1, 1, 0, 2], 100.0)
    names = ["a0", "a1", "b0", "b1", "b2", "b3"]
    stored = StoredPieces.from_segments(
        {n: i for i, n in enumerate(names)}, [(first, None), (second, None)], 3
    )
    rows = stored[chunk]
    assert rows == expected_rows
    values = stored.vectors[rows]
    assert values.shape == (len(expected_rows), 3)
    if expected_first_value is not None:
        assert float(values[0, 0]) == expected_first_value


def test_removed_chunks_keep_the_rows_of_the_live_ones() -> None:
    segment = _segment([2, 1, 3], 0.0)
    live = np.array([True, False, True])
    stored = StoredPieces.from_segments({"x": 0, "z": 1}, [(segment, live)], 3)
    assert (stored["x"], stored["z"]) == (range(0, 2), range(3, 6)), (
        "a removed document's rows stay in the file, unreferenced"
    )
    assert float(stored.vectors[stored["z"]][0, 0]) == 3.0


def test_rows_spanning_two_segments_are_refused() -> None:
    matrix = PieceMatrix([_segment([2], 0.0), _segment([2], 10.0)], 3)
    with pytest.raises(IndexError, match="one segment"):
        matrix[range(1, 3)]

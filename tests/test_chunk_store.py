"""assistant/chunk_store.py: chunks saved as columns plus a strings file come back equal, are
built only when asked for, and a removed document's chunks are left out."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.chunk_store import ChunkTable, load_chunks, save_chunks
from assistant.types import Chunk

CASES = [
    pytest.param(
        Chunk("a#0000", "a", "Calls answered: 84.5%.", 0, 22, "Findings", "12", 3, "Report"),
        id="every-field",
    ),
    pytest.param(Chunk("a#0001", "a", "No labels here.", 22, 37, None, None, None), id="nones"),
    pytest.param(
        Chunk("a#0002", "a", "Budget £4.9m — “over” 2023/24 … ✓", 37, 71, "§ 2 Spending", None, 1),
        id="non-ascii",
    ),
    pytest.param(Chunk("b#0000", "b", "", 0, 0, "", "", 0, ""), id="empty-strings"),
]


def saved_table(folder: Path, chunks: list[Chunk], doc_ids: list[str]) -> ChunkTable:
    save_chunks(folder, chunks, doc_ids)
    everyone = np.arange(len(doc_ids), dtype=np.int64)
    return ChunkTable.from_segments([(load_chunks(folder), everyone)], doc_ids)


@pytest.mark.parametrize("chunk", CASES)
def test_chunk_round_trip(tmp_path: Path, chunk: Chunk) -> None:
    table = saved_table(tmp_path, [chunk], [chunk.doc_id])
    assert table[0] == chunk, f"the chunk comes back field for field: {table[0]!r}"


def test_table_equals_the_chunks_saved(tmp_path: Path) -> None:
    chunks = [c.values[0] for c in CASES]
    table = saved_table(tmp_path, chunks, ["a", "b"])
    assert table == chunks and len(table) == 4, "the table is the saved chunks, in order"


def test_chunks_are_built_on_first_use(tmp_path: Path) -> None:
    chunks = [c.values[0] for c in CASES]
    table = saved_table(tmp_path, chunks, ["a", "b"])
    assert not table._kept, "opening builds no chunk"
    assert table[-1] == chunks[-1] and list(table._kept) == [3], "one chunk built when asked for"


def test_removed_document_chunks_are_left_out(tmp_path: Path) -> None:
    chunks = [c.values[0] for c in CASES]
    save_chunks(tmp_path, chunks, ["a", "b"])
    only_b = np.asarray([-1, 0], dtype=np.int64)  # "a" removed; "b" is document 0 now
    table = ChunkTable.from_segments([(load_chunks(tmp_path), only_b)], ["b"])
    assert list(table) == [chunks[3]] and table.doc.tolist() == [0], (
        "only the live document's chunk is left, pointing at its new position"
    )


def test_two_segments_number_rows_one_after_another(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    chunks = [c.values[0] for c in CASES]
    save_chunks(first, chunks[:3], ["a"])
    save_chunks(second, chunks[3:], ["b"])
    table = ChunkTable.from_segments(
        [(load_chunks(first), np.asarray([0])), (load_chunks(second), np.asarray([1]))], ["a", "b"]
    )
    assert table[3] == chunks[3] and table.starts.tolist() == [0, 22, 37, 0], (
        "rows of the second segment follow the first's"
    )


def test_chunk_of_no_document_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="a#0000"):
        save_chunks(tmp_path, [CASES[0].values[0]], ["b"])


def test_files_that_disagree_are_refused(tmp_path: Path) -> None:
    save_chunks(tmp_path, [CASES[0].values[0]], ["a"])
    (tmp_path / "chunk_ids.json").write_text('["a#0000", "a#0001"]', encoding="utf-8")
    with pytest.raises(ValueError, match="do not agree"):
        load_chunks(tmp_path)

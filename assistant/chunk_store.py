"""Chunks saved beside the index, one segment at a time, as columns plus one file of strings.

A segment holds `chunk_ids.json` (the ids, in row order), `chunk_columns.npy` (int64, one row
per chunk: see COLUMNS) and `chunk_strings.npy` (uint8: each chunk's text, section, paragraph
and context in UTF-8, one after another). Opening an index reads the ids and the columns only;
a chunk's strings are read with one `pread` when the chunk is first asked for. At 100k chunks
that replaces one JSON parse of ~150 MB and 100k records built at every start with a few MB of
arrays. Nothing is pickled.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, overload

import numpy as np

from assistant.types import Chunk

CHUNK_FILES = ("chunk_ids.json", "chunk_columns.npy", "chunk_strings.npy")
COLUMNS = ("doc", "start", "end", "page", "offset", "text", "section", "paragraph", "context")
"""`doc` is the row of the chunk's document in the segment's documents.jsonl; `page` is -1 for
none; `offset` is where the chunk's strings begin in chunk_strings.npy, and the last four are
each string's length in bytes (-1 for None), in that order."""
_DOC, _START, _END, _PAGE, _OFFSET = range(5)
_STRINGS = slice(5, 9)
CHUNKS_KEPT = 8192
"""Chunks kept once built (a question touches a few hundred); more are read again."""


class SegmentChunks(NamedTuple):
    """One segment's saved chunks: ids and columns in memory, strings left in their file."""

    ids: list[str]
    columns: np.ndarray
    """int64 (chunks, len(COLUMNS))."""
    strings: Path
    data_offset: int
    """Where the strings' bytes begin in the .npy file (after its header)."""


def save_chunks(folder: Path, chunks: Sequence[Chunk], doc_ids: Sequence[str]) -> None:
    """Write the chunks of a segment whose documents.jsonl rows are `doc_ids`, in that order."""
    doc_row = {doc_id: row for row, doc_id in enumerate(doc_ids)}
    columns = np.zeros((len(chunks), len(COLUMNS)), dtype=np.int64)
    parts: list[bytes] = []
    offset = 0
    for row, chunk in enumerate(chunks):
        if chunk.doc_id not in doc_row:
            raise ValueError(f"chunk {chunk.chunk_id} belongs to no document of its segment")
        strings = [chunk.text, chunk.section, chunk.paragraph, chunk.context]
        encoded = [s.encode("utf-8") if s is not None else b"" for s in strings]
        page = chunk.page if chunk.page is not None else -1
        columns[row, :_OFFSET] = (doc_row[chunk.doc_id], chunk.start, chunk.end, page)
        columns[row, _OFFSET] = offset
        columns[row, _STRINGS] = [
            len(e) if s is not None else -1 for s, e in zip(strings, encoded, strict=True)
        ]
        parts.extend(encoded)
        offset += sum(len(e) for e in encoded)
    (folder / "chunk_ids.json").write_text(
        json.dumps([c.chunk_id for c in chunks], ensure_ascii=False), encoding="utf-8"
    )
    np.save(folder / "chunk_columns.npy", columns)
    np.save(folder / "chunk_strings.npy", np.frombuffer(b"".join(parts), dtype=np.uint8))


def load_chunks(folder: Path) -> SegmentChunks:
    """A segment's chunk ids and columns; ValueError or OSError if a file is missing or bad."""
    ids = json.loads((folder / "chunk_ids.json").read_text(encoding="utf-8"))
    columns = np.load(folder / "chunk_columns.npy", allow_pickle=False)
    strings = np.load(folder / "chunk_strings.npy", mmap_mode="r", allow_pickle=False)
    if (
        not isinstance(ids, list)
        or columns.shape != (len(ids), len(COLUMNS))
        or strings.dtype != np.uint8
        or (
            len(ids)
            and int((columns[:, _OFFSET] + columns[:, _STRINGS].clip(0).sum(1)).max())
            > len(strings)
        )
    ):
        raise ValueError(f"{folder.name}: chunk files do not agree with each other")
    return SegmentChunks(ids, columns, folder / "chunk_strings.npy", int(strings.offset))


class ChunkTable(Sequence[Chunk]):
    """Every live chunk of a loaded index, in row order, each built when first asked for.

    The strings files are held open, so chunks stay readable after a later ingest has
    removed this generation's folder.
    """

    def __init__(
        self,
        ids: list[str],
        doc: np.ndarray,
        doc_ids: Sequence[str],
        columns: np.ndarray,
        segment: np.ndarray,
        files: Sequence[tuple[Path, int]],
    ) -> None:
        self.ids = ids
        self.doc = doc
        """int32 position in `doc_ids` of each chunk's document."""
        self._doc_ids = list(doc_ids)
        self._columns = columns
        self._segment = segment
        self._files = [(open(path, "rb"), offset) for path, offset in files]  # noqa: SIM115
        self._kept: dict[int, Chunk] = {}

    @classmethod
    def from_segments(
        cls,
        segments: Sequence[tuple[SegmentChunks, np.ndarray]],
        doc_ids: Sequence[str],
    ) -> ChunkTable:
        """From each segment's chunks and the global document position of each of its document
        rows (-1: removed, so its chunks are left out)."""
        ids: list[str] = []
        docs, columns, numbers = [], [], []
        for number, (saved, position) in enumerate(segments):
            doc = position[saved.columns[:, _DOC]] if len(saved.ids) else np.zeros(0, np.int64)
            live = doc >= 0
            ids.extend(
                saved.ids if live.all() else (i for i, k in zip(saved.ids, live, strict=True) if k)
            )
            docs.append(doc[live])
            columns.append(saved.columns[live])
            numbers.append(np.full(int(live.sum()), number, dtype=np.int32))
        width = len(COLUMNS)
        return cls(
            ids,
            np.concatenate(docs).astype(np.int32) if docs else np.zeros(0, np.int32),
            doc_ids,
            np.concatenate(columns) if columns else np.zeros((0, width), np.int64),
            np.concatenate(numbers) if numbers else np.zeros(0, np.int32),
            [(s.strings, s.data_offset) for s, _ in segments],
        )

    @property
    def starts(self) -> np.ndarray:
        return self._columns[:, _START]

    def _build(self, row: int) -> Chunk:
        handle, data_offset = self._files[self._segment[row]]
        values = self._columns[row].tolist()
        lengths = values[_STRINGS]
        raw = os.pread(
            handle.fileno(), sum(max(n, 0) for n in lengths), data_offset + values[_OFFSET]
        )
        strings: list[str | None] = []
        at = 0
        for length in lengths:
            strings.append(raw[at : at + length].decode("utf-8") if length >= 0 else None)
            at += max(length, 0)
        text, section, paragraph, context = strings
        return Chunk(
            self.ids[row],
            self._doc_ids[self.doc[row]],
            text or "",
            values[_START],
            values[_END],
            section,
            paragraph,
            values[_PAGE] if values[_PAGE] >= 0 else None,
            context or "",
        )

    @overload
    def __getitem__(self, item: int) -> Chunk: ...

    @overload
    def __getitem__(self, item: slice) -> tuple[Chunk, ...]: ...

    def __getitem__(self, item: int | slice) -> Chunk | tuple[Chunk, ...]:
        if isinstance(item, slice):
            return tuple(self[i] for i in range(*item.indices(len(self))))
        row = int(item)
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError(f"chunk row {item} out of range")
        chunk = self._kept.get(row)
        if chunk is None:
            chunk = self._build(row)
            if len(self._kept) >= CHUNKS_KEPT:
                self._kept.clear()
            self._kept[row] = chunk
        return chunk

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[Chunk]:
        """Every chunk built in turn, not kept (a pass over the whole index)."""
        return (self._kept.get(row) or self._build(row) for row in range(len(self)))

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

"""Piece vectors saved beside the index, one segment at a time, as plain arrays read memory-mapped.

A segment holds `pieces.npy` (float32 rows, grouped by chunk in the segment's chunk order),
`piece_ptr.npy` (int64: chunk row r's pieces are rows [ptr[r], ptr[r + 1])) and
`piece_spans.npy` (int32 start, end of each piece in its chunk's text). Loading maps the
files instead of reading them: a question touches the few hundred rows of its candidate
chunks, so the resident memory stays that of the rows read, not of every piece in the
corpus (about four a chunk, 1.5 KB each: 600 MB at 100k chunks). Nothing is pickled.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from assistant.embed import Embedder
from assistant.errors import IndexCorruptError
from assistant.pieces import piece_embedding_text, piece_spans, statement_spans
from assistant.types import Chunk

PIECE_FILES = ("pieces.npy", "piece_ptr.npy", "piece_spans.npy")
ROWS_AT_ONCE = 8192
"""Pieces summed and normalised together: each temporary is 12 MB. Over all of an ingest's
pieces at once (a 21k-chunk batch of the synthetic build holds 130k), the masked copies and
the norm's squares added three times the pieces' own 200 MB to the ingest's peak."""


class PieceTable(NamedTuple):
    """Pieces as ingest makes them. Row i: the piece `chunk_ids[i]`, characters `spans[i]` of
    that chunk's text, `vectors[i]`."""

    chunk_ids: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    vectors: np.ndarray


class SegmentPieces(NamedTuple):
    """One segment's saved pieces (arrays memory-mapped from its files)."""

    ptr: np.ndarray
    """int64, segment chunks + 1: chunk row r's pieces are rows [ptr[r], ptr[r + 1])."""
    spans: np.ndarray
    """int32 (pieces, 2): start and end of each piece in its chunk's text."""
    vectors: np.ndarray
    """float32 (pieces, dimension)."""


def empty_pieces(dimension: int) -> PieceTable:
    return PieceTable((), (), np.zeros((0, dimension), dtype=np.float32))


def embed_pieces(chunks: Sequence[Chunk], embedder: Embedder) -> PieceTable:
    """Every piece of every chunk, embedded with its headings.

    Only single statements go through the model; a pair's vector is the normalised sum of its
    two sentences' (mean pooling makes that close to embedding the pair, at half the cost).
    """
    chunk_ids: list[str] = []
    spans: list[tuple[int, int]] = []
    texts: list[str] = []
    made_of: list[tuple[int, int]] = []  # per piece: rows of `texts` it is the sum of
    for chunk in chunks:
        singles = statement_spans(chunk.text)
        first = len(texts)
        texts += [piece_embedding_text(chunk, s, e) for s, e in singles]
        by_start = {s: first + i for i, (s, _) in enumerate(singles)}
        by_end = {e: first + i for i, (_, e) in enumerate(singles)}
        for start, end in piece_spans(chunk.text):
            chunk_ids.append(chunk.chunk_id)
            spans.append((start, end))
            made_of.append((by_start[start], by_end[end]))
    if not texts:
        return PieceTable((), (), np.zeros((0, embedder.dimension), dtype=np.float32))
    singles_vectors = embedder.embed_documents(texts)
    opening, closing = np.asarray(made_of, dtype=np.int64).reshape(-1, 2).T
    summed = singles_vectors[opening]  # one array, not a list of one small array per piece
    for start in range(0, len(summed), ROWS_AT_ONCE):  # temporaries of a part, not of the whole
        part = slice(start, start + ROWS_AT_ONCE)
        rows = summed[part]  # a view: changed in place
        pairs = opening[part] != closing[part]
        rows[pairs] += singles_vectors[closing[part][pairs]]
        rows /= np.linalg.norm(rows, axis=1, keepdims=True).clip(min=1e-12)
    return PieceTable(tuple(chunk_ids), tuple(spans), summed.astype(np.float32, copy=False))


def save_pieces(folder: Path, table: PieceTable, chunk_ids: Sequence[str]) -> None:
    """Write the table's rows for a segment whose chunks are `chunk_ids`, in that order.

    The table's rows must already be grouped by chunk in that order (as `embed_pieces` makes them).
    """
    counts: dict[str, int] = {}
    for chunk_id in table.chunk_ids:
        counts[chunk_id] = counts.get(chunk_id, 0) + 1
    ptr = np.zeros(len(chunk_ids) + 1, dtype=np.int64)
    np.cumsum([counts.get(c, 0) for c in chunk_ids], out=ptr[1:])
    expected = [c for c in chunk_ids for _ in range(counts.get(c, 0))]
    if tuple(expected) != table.chunk_ids:
        raise ValueError("piece rows are not grouped by chunk in the segment's chunk order")
    np.save(folder / "pieces.npy", np.ascontiguousarray(table.vectors, dtype=np.float32))
    np.save(folder / "piece_ptr.npy", ptr)
    np.save(folder / "piece_spans.npy", np.asarray(table.spans, dtype=np.int32).reshape(-1, 2))


def load_pieces(folder: Path, chunk_count: int) -> SegmentPieces:
    """A segment's pieces, memory-mapped; a missing or inconsistent file names the fix."""
    fix = "run `assistant ingest --rebuild`"
    try:
        vectors = np.load(folder / "pieces.npy", mmap_mode="r", allow_pickle=False)
        spans = np.load(folder / "piece_spans.npy", mmap_mode="r", allow_pickle=False)
        ptr = np.load(folder / "piece_ptr.npy", allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"{folder}: piece vectors unreadable ({exc}); {fix}") from exc
    if (
        vectors.ndim != 2
        or vectors.dtype != np.float32
        or spans.shape != (len(vectors), 2)
        or ptr.shape != (chunk_count + 1,)
        or (chunk_count >= 0 and len(ptr) and (ptr[0] != 0 or ptr[-1] != len(vectors)))
        or bool(np.any(np.diff(ptr) < 0))
    ):
        raise IndexCorruptError(
            f"{folder}: {len(vectors)} piece vectors do not fit its {chunk_count} chunks; {fix}"
        )
    return SegmentPieces(ptr, spans, vectors)


class PieceMatrix:
    """The piece vectors of every segment, rows numbered across segments one after another.

    Indexed by a chunk's rows (which lie in one segment) it reads just those rows from the
    segment's file. Not through the mapping: the kernel maps a whole large folio (1.5 MB
    measured) on each page fault, which added 23 MB of resident memory per question at 100k
    chunks. The files are held open, so rows stay readable after a later ingest has removed
    this generation's folder.
    """

    def __init__(self, segments: Sequence[SegmentPieces], dimension: int) -> None:
        self._segments = list(segments)
        self._offsets = np.cumsum([0] + [len(s.vectors) for s in segments]).tolist()
        self.dimension = dimension
        self._files = [
            open(s.vectors.filename, "rb")  # noqa: SIM115 (held for the engine's life)
            if isinstance(s.vectors, np.memmap) and s.vectors.filename
            else None
            for s in segments
        ]

    def _locate(self, rows: range) -> tuple[int, slice]:
        number = bisect.bisect_right(self._offsets, rows.start) - 1
        if not self._segments or rows.step != 1 or number >= len(self._segments):
            raise IndexError(f"piece rows {rows} not in one segment")
        offset = self._offsets[number]
        if rows.stop > self._offsets[number + 1]:
            raise IndexError(f"piece rows {rows} not in one segment")
        return number, slice(rows.start - offset, rows.stop - offset)

    def __getitem__(self, rows: range) -> np.ndarray:
        if len(rows) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        number, where = self._locate(rows)
        segment, handle = self._segments[number], self._files[number]
        if handle is None or not isinstance(segment.vectors, np.memmap):
            return segment.vectors[where]
        row_bytes = self.dimension * 4
        data = os.pread(
            handle.fileno(),
            (where.stop - where.start) * row_bytes,
            segment.vectors.offset + where.start * row_bytes,
        )
        return np.frombuffer(data, dtype=np.float32).reshape(-1, self.dimension)

    def spans(self, rows: range) -> list[tuple[int, int]]:
        if len(rows) == 0:
            return []
        number, where = self._locate(rows)
        return [(int(s), int(e)) for s, e in self._segments[number].spans[where]]

    def __len__(self) -> int:
        return int(self._offsets[-1])


class StoredPieces(Mapping[str, range]):
    """Every live chunk's piece rows in `vectors` (chunk id -> range), as loaded with the index."""

    def __init__(
        self,
        chunk_pos: Mapping[str, int],
        starts: np.ndarray,
        stops: np.ndarray,
        vectors: PieceMatrix,
    ) -> None:
        self._chunk_pos = chunk_pos
        self._starts, self._stops = starts, stops
        self.vectors = vectors

    @classmethod
    def from_segments(
        cls,
        chunk_pos: Mapping[str, int],
        segments: Sequence[tuple[SegmentPieces, np.ndarray | None]],
        dimension: int,
    ) -> StoredPieces:
        """From each segment's pieces and its live-chunk mask (None: every chunk is live), the
        segments in the order their live chunks are numbered in `chunk_pos`."""
        starts: list[np.ndarray] = []
        stops: list[np.ndarray] = []
        offset = 0
        for pieces, live in segments:
            first, last = pieces.ptr[:-1] + offset, pieces.ptr[1:] + offset
            starts.append(first if live is None else first[live])
            stops.append(last if live is None else last[live])
            offset += len(pieces.vectors)
        start, stop = (np.concatenate(a) if a else np.zeros(0, np.int64) for a in (starts, stops))
        if len(start) != len(chunk_pos):
            raise IndexCorruptError(
                f"pieces listed for {len(start)} chunks, not {len(chunk_pos)}; "
                "run `assistant ingest --rebuild`"
            )
        return cls(chunk_pos, start, stop, PieceMatrix([p for p, _ in segments], dimension))

    @classmethod
    def empty(cls, dimension: int) -> StoredPieces:
        none = np.zeros(0, dtype=np.int64)
        return cls({}, none, none, PieceMatrix([], dimension))

    def __getitem__(self, chunk_id: str) -> range:
        position = self._chunk_pos[chunk_id]
        return range(int(self._starts[position]), int(self._stops[position]))

    def __iter__(self) -> Iterator[str]:
        return iter(self._chunk_pos)

    def __len__(self) -> int:
        return len(self._chunk_pos)

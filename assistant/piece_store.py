"""Piece vectors saved beside the index: `pieces.npy` (float32 rows) + `pieces.jsonl` (chunk, span).

Rows are grouped by chunk in the index's chunk order; an unchanged document keeps its rows
from the previous generation, so re-ingesting embeds only what changed. Nothing is pickled.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from assistant.embed import Embedder
from assistant.errors import IndexCorruptError
from assistant.pieces import piece_embedding_text, piece_spans, statement_spans
from assistant.types import Chunk

PIECE_FILES = ("pieces.npy", "pieces.jsonl")


class PieceTable(NamedTuple):
    """Row i: the piece `chunk_ids[i]`, characters `spans[i]` of that chunk's text, `vectors[i]`."""

    chunk_ids: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    vectors: np.ndarray


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
    summed = np.array(
        [
            singles_vectors[a] + singles_vectors[b] if a != b else singles_vectors[a]
            for a, b in made_of
        ]
    )
    summed /= np.linalg.norm(summed, axis=1, keepdims=True).clip(min=1e-12)
    return PieceTable(tuple(chunk_ids), tuple(spans), summed.astype(np.float32))


def select_pieces(table: PieceTable, chunk_ids: Iterable[str]) -> PieceTable:
    """The rows of some chunks, in the order the chunks are given."""
    rows = row_ranges(table)
    order = [i for c in chunk_ids for i in rows.get(c, range(0))]
    return PieceTable(
        tuple(table.chunk_ids[i] for i in order),
        tuple(table.spans[i] for i in order),
        table.vectors[order] if order else table.vectors[:0],
    )


def join_pieces(tables: Sequence[PieceTable], dimension: int) -> PieceTable:
    if not tables:
        return empty_pieces(dimension)
    return PieceTable(
        tuple(c for t in tables for c in t.chunk_ids),
        tuple(s for t in tables for s in t.spans),
        np.concatenate([t.vectors for t in tables]).astype(np.float32, copy=False),
    )


def row_ranges(table: PieceTable) -> dict[str, range]:
    """chunk id -> its rows (a chunk's rows are contiguous)."""
    ranges: dict[str, range] = {}
    start = 0
    for i in range(1, len(table.chunk_ids) + 1):
        if i == len(table.chunk_ids) or table.chunk_ids[i] != table.chunk_ids[start]:
            ranges[table.chunk_ids[start]] = range(start, i)
            start = i
    return ranges


def save_pieces(folder: Path, table: PieceTable) -> None:
    np.save(folder / "pieces.npy", np.ascontiguousarray(table.vectors, dtype=np.float32))
    with (folder / "pieces.jsonl").open("w", encoding="utf-8") as handle:
        for chunk_id, (start, end) in zip(table.chunk_ids, table.spans, strict=True):
            handle.write(json.dumps({"chunk_id": chunk_id, "start": start, "end": end}) + "\n")


def load_pieces(folder: Path) -> PieceTable:
    """The saved table; a missing or inconsistent one names the fix."""
    fix = "run `assistant ingest --rebuild`"
    try:
        vectors = np.load(folder / "pieces.npy", allow_pickle=False)
        with (folder / "pieces.jsonl").open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        chunk_ids = tuple(str(r["chunk_id"]) for r in rows)
        spans = tuple((int(r["start"]), int(r["end"])) for r in rows)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorruptError(f"{folder}: piece vectors unreadable ({exc}); {fix}") from exc
    if vectors.ndim != 2 or len(vectors) != len(rows):
        raise IndexCorruptError(
            f"{folder}: {len(vectors)} piece vectors for {len(rows)} pieces; {fix}"
        )
    return PieceTable(chunk_ids, spans, np.asarray(vectors, dtype=np.float32))


def update_pieces(
    chunks: Sequence[Chunk],
    previous: PieceTable | None,
    fresh: set[str],
    embedder: Embedder | None,
    dimension: int,
) -> PieceTable:
    """The pieces of `chunks` in their order: rows kept from `previous` for unchanged chunks,
    newly embedded for the chunks in `fresh` (and any `previous` lacks)."""
    have = row_ranges(previous) if previous is not None else {}
    todo = [c for c in chunks if c.chunk_id in fresh or c.chunk_id not in have]
    if todo and embedder is None:
        raise IndexCorruptError("piece vectors missing; run `assistant ingest --rebuild`")
    made = embed_pieces(todo, embedder) if todo and embedder is not None else None
    made_rows = row_ranges(made) if made is not None else {}
    parts: list[PieceTable] = []
    for chunk in chunks:
        source = made if chunk.chunk_id in made_rows else previous
        if source is not None:
            parts.append(select_pieces(source, [chunk.chunk_id]))
    return join_pieces(parts, dimension)

"""Build, save and load the index: FAISS + BM25 + chunks + manifest. The only writer of index/.

Layout: `index/CURRENT` names the live generation folder; each generation
holds `manifest.json`, `documents.jsonl`, `chunks.jsonl`, `vectors.faiss` and
`bm25/`. A save writes a new generation completely, then swaps CURRENT with
an atomic rename, so a crash at any point leaves the previous index loadable.
Nothing here is pickled.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import (
    IndexBusyError,
    IndexCorruptError,
    IndexMismatchError,
    IndexMissingError,
)
from assistant.lexical import lexical_tokens
from assistant.piece_store import PIECE_FILES, PieceTable, load_pieces, save_pieces
from assistant.pieces import PIECES_VERSION
from assistant.types import Chunk, DocumentInfo

FORMAT_VERSION = 2
"""2: documents carry the forces they report on (`subjects`)."""
CURRENT_FILE = "CURRENT"
LOCK_FILE = ".lock"
LOAD_ATTEMPTS = 3
"""Loads retried when a writer switched CURRENT (and removed the old generation) mid-load."""
DATA_FILES = ("documents.jsonl", "chunks.jsonl", "vectors.faiss")


@dataclass(frozen=True, slots=True)
class Manifest:
    model: str
    model_checksum: str
    dimension: int
    chunker_version: str
    documents: dict[str, str]
    """doc_id -> content hash of the source file (and its catalogue entry)."""
    chunk_count: int
    created: str = ""
    format_version: int = FORMAT_VERSION
    skipped: dict[str, dict[str, str]] = field(default_factory=dict)
    """doc_id -> {"key", "path", "reason"} of a file that could not be used, so an unchanged
    bad file neither forces a rewrite nor goes unreported."""
    files: dict[str, str] = field(default_factory=dict)
    """file name -> sha256, checked on load."""
    pieces_version: int = 0
    """Version of the embedded quotable pieces (0: an index from before they were stored)."""


@dataclass(frozen=True, slots=True)
class IndexData:
    """Everything an index holds, in memory; rows of `vectors` align with `chunks`."""

    manifest: Manifest
    documents: tuple[DocumentInfo, ...]
    texts: dict[str, str]
    chunks: tuple[Chunk, ...]
    vectors: np.ndarray
    pieces: PieceTable | None = None
    """Every quotable piece of the chunks, embedded (see piece_store)."""


@dataclass(slots=True)
class LoadedIndex:
    """A saved index opened for search."""

    data: IndexData
    faiss_index: Any
    bm25: Any
    path: Path
    chunk_pos: dict[str, int] = field(default_factory=dict)

    @property
    def chunks(self) -> tuple[Chunk, ...]:
        return self.data.chunks

    def document(self, doc_id: str) -> DocumentInfo:
        for doc in self.data.documents:
            if doc.doc_id == doc_id:
                return doc
        raise KeyError(doc_id)


def check_compatible(manifest: Manifest, model: str, checksum: str, chunker_version: str) -> None:
    """Refuse an index built with another model, weights or chunker."""
    rebuild = "run `assistant ingest --rebuild` to rebuild it"
    if manifest.format_version != FORMAT_VERSION:
        raise IndexMismatchError(
            f"index format {manifest.format_version} is not {FORMAT_VERSION}; {rebuild}"
        )
    if manifest.model != model or manifest.model_checksum != checksum:
        raise IndexMismatchError(
            f"index was built with model {manifest.model} ({manifest.model_checksum[:12]}), "
            f"not {model} ({checksum[:12]}); {rebuild}"
        )
    if manifest.pieces_version != PIECES_VERSION:
        raise IndexMismatchError(
            f"index holds pieces version {manifest.pieces_version}, this is {PIECES_VERSION}; "
            f"{rebuild}"
        )
    if manifest.chunker_version != chunker_version:
        raise IndexMismatchError(
            f"index was built with chunker {manifest.chunker_version}, this is {chunker_version}; "
            f"{rebuild}"
        )


def current_generation(index_dir: Path) -> Path | None:
    pointer = index_dir / CURRENT_FILE
    if not pointer.is_file():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    path = index_dir / name
    return path if name and path.is_dir() else None


@contextlib.contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """Hold index/.lock for one ingest; a second one at the same time is refused, not queued.

    flock is released by the kernel when its holder dies, so a killed ingest never
    leaves the index locked.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / LOCK_FILE).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexBusyError(
                f"another ingest is updating {index_dir}; wait for it to finish, then run it again"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_stale_files(index_dir: Path) -> None:
    """Delete what crashed writers left: staging folders, a staged CURRENT, orphan generations.

    Call only while holding `writer_lock`: the live generation is the one CURRENT names.
    """
    if not index_dir.is_dir():
        return
    _remove_stale_temporaries(index_dir)
    (index_dir / f".{CURRENT_FILE}.tmp").unlink(missing_ok=True)
    live = current_generation(index_dir)
    if live is not None:
        _remove_old_generations(index_dir, keep=live.name)


def read_manifest(index_dir: Path, generation: Path | None = None) -> Manifest:
    """The manifest of `generation`, or of the one CURRENT names."""
    generation = generation or current_generation(index_dir)
    if generation is None:
        raise IndexMissingError(f"no index in {index_dir}; run `assistant ingest` to build it")
    try:
        raw = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
        return Manifest(**raw)
    except (OSError, json.JSONDecodeError, TypeError) as exc:
        raise IndexCorruptError(f"{generation / 'manifest.json'}: unreadable ({exc})") from exc


def save_index(data: IndexData, index_dir: Path) -> Path:
    """Write a new generation and make it current atomically; return its folder."""
    import faiss

    index_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(index_dir)
    name = f"gen-{time.time_ns()}"
    staging = index_dir / f".tmp-{name}"
    staging.mkdir()
    _write_jsonl(
        staging / "documents.jsonl",
        [{**asdict(doc), "text": data.texts[doc.doc_id]} for doc in data.documents],
    )
    _write_jsonl(staging / "chunks.jsonl", [asdict(chunk) for chunk in data.chunks])
    faiss.write_index(
        _build_faiss(data.vectors, data.manifest.dimension), str(staging / "vectors.faiss")
    )
    _build_bm25(data.chunks).save(str(staging / "bm25"))
    if data.pieces is not None:
        save_pieces(staging, data.pieces)
    names = DATA_FILES + (PIECE_FILES if data.pieces is not None else ())
    files = {n: _sha256(staging / n) for n in names}
    manifest = Manifest(
        **{
            **asdict(data.manifest),
            "files": files,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "pieces_version": data.manifest.pieces_version if data.pieces is not None else 0,
        }
    )
    (staging / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2), encoding="utf-8")
    _fsync_tree(staging)
    final = index_dir / name
    os.rename(staging, final)
    _write_current(index_dir, name)
    _remove_old_generations(index_dir, keep=name)
    return final


def load_index(index_dir: Path) -> LoadedIndex:
    """The generation CURRENT names, loaded whole (CURRENT is read once per attempt).

    A writer removes the old generation right after switching CURRENT, so a load
    that fails because its generation vanished is retried on the new one.
    """
    for _ in range(LOAD_ATTEMPTS - 1):
        generation = current_generation(index_dir)
        if generation is None:
            break
        try:
            return _load_generation(index_dir, generation)
        except IndexCorruptError:
            if current_generation(index_dir) == generation:
                raise
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexMissingError(f"no index in {index_dir}; run `assistant ingest` to build it")
    return _load_generation(index_dir, generation)


def _load_generation(index_dir: Path, generation: Path) -> LoadedIndex:
    import bm25s
    import faiss

    manifest = read_manifest(index_dir, generation)
    for name, expected in manifest.files.items():
        path = generation / name
        if not path.is_file() or _sha256(path) != expected:
            raise IndexCorruptError(f"{path}: missing or altered; run `assistant ingest --rebuild`")
    try:
        doc_rows = _read_jsonl(generation / "documents.jsonl")
        texts = {row["doc_id"]: row.pop("text") for row in doc_rows}
        documents = tuple(
            DocumentInfo(**{**row, "subjects": tuple(row.get("subjects", ()))}) for row in doc_rows
        )
        chunks = tuple(Chunk(**row) for row in _read_jsonl(generation / "chunks.jsonl"))
        faiss_index = faiss.read_index(str(generation / "vectors.faiss"))
        bm25 = bm25s.BM25.load(str(generation / "bm25"), mmap=False, allow_pickle=False)
        pieces = load_pieces(generation) if manifest.pieces_version else None
    except (OSError, json.JSONDecodeError, TypeError, KeyError, RuntimeError, ValueError) as exc:
        raise IndexCorruptError(
            f"{generation}: unreadable ({exc}); run `assistant ingest --rebuild`"
        ) from exc
    if faiss_index.ntotal != len(chunks):
        raise IndexCorruptError(
            f"{generation}: {faiss_index.ntotal} vectors for {len(chunks)} chunks"
        )
    vectors = (
        faiss_index.reconstruct_n(0, faiss_index.ntotal)
        if chunks
        else np.zeros((0, manifest.dimension), dtype=np.float32)
    )
    data = IndexData(
        manifest, documents, texts, chunks, np.asarray(vectors, dtype=np.float32), pieces
    )
    positions = {chunk.chunk_id: i for i, chunk in enumerate(chunks)}
    return LoadedIndex(data, faiss_index, bm25, generation, positions)


def _build_faiss(vectors: np.ndarray, dimension: int) -> Any:
    import faiss

    index = faiss.IndexFlatIP(dimension)  # inner product of unit vectors = cosine
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def _build_bm25(chunks: tuple[Chunk, ...]) -> Any:
    import bm25s

    retriever = bm25s.BM25()
    corpus = [lexical_tokens(chunk.indexed_text) or ["_"] for chunk in chunks] or [["_"]]
    retriever.index(corpus, show_progress=False)
    return retriever


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())


def _write_current(index_dir: Path, name: str) -> None:
    staging = index_dir / f".{CURRENT_FILE}.tmp"
    with staging.open("w", encoding="utf-8") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(staging, index_dir / CURRENT_FILE)


def _remove_old_generations(index_dir: Path, keep: str) -> None:
    for path in index_dir.glob("gen-*"):
        if path.name != keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def _remove_stale_temporaries(index_dir: Path) -> None:
    for path in index_dir.glob(".tmp-gen-*"):
        shutil.rmtree(path, ignore_errors=True)

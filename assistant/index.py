"""Build, save and load the index: segments of chunks, vectors and BM25 postings + manifest.
The only writer of index/.

Layout: `index/CURRENT` names the live generation folder; each generation holds
`manifest.json`, one folder per segment (`seg-*/`: `documents.jsonl`, `texts.jsonl`,
the chunks as columns plus one file of strings (see chunk_store), `vectors.npy`, the BM25 postings as `.npy` + `vocab.json`, and
the embedded quotable pieces of its chunks as `pieces.npy`, `piece_ptr.npy`, `piece_spans.npy`,
read memory-mapped), the documents' words embedded (`words.json`, `word_vectors.npy`: see
word_neighbours) and, above the approximate-search threshold, `vectors.faiss` (HNSW). An ingest that adds or removes a
few documents writes one new segment and hard-links the unchanged ones into the new
generation; documents removed from an old segment are listed in the manifest, not
rewritten. A save writes a new generation completely, then swaps CURRENT with an atomic
rename, so a crash at any point leaves the previous index loadable. Nothing is pickled.

Every file's sha256 is recorded in the manifest when it is written. Opening checks each file's
size and modification time and the hash of a small sample of it (a file whose time changed,
e.g. copied without keeping it, is hashed whole); `verify_index` hashes every file whole.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from assistant.bm25 import LexicalIndex, Postings, build_postings, keep_rows
from assistant.chunk_store import CHUNK_FILES, ChunkTable, SegmentChunks, load_chunks, save_chunks
from assistant.errors import (
    IndexBusyError,
    IndexCorruptError,
    IndexMismatchError,
    IndexMissingError,
)
from assistant.exact_search import SegmentVectors
from assistant.lexical import lexical_tokens
from assistant.piece_store import (
    PIECE_FILES,
    PieceTable,
    SegmentPieces,
    StoredPieces,
    empty_pieces,
    load_pieces,
    save_pieces,
)
from assistant.pieces import PIECES_VERSION
from assistant.types import Chunk, DocumentInfo
from assistant.word_neighbours import WordTable

FORMAT_VERSION = 5
"""5: chunks as columns plus a strings file read on first use, and each file's size, time and
sample hash in the manifest (4 kept the chunks as one JSON object, parsed whole at every start);
4: segments, each with its documents' subjects and its chunks' embedded pieces as plain arrays."""
CURRENT_FILE = "CURRENT"
LOCK_FILE = ".lock"
LOAD_ATTEMPTS = 3
"""Loads retried when a writer switched CURRENT (and removed the old generation) mid-load."""
ANN_FILE = "vectors.faiss"
WORDS_FILE = "words.json"
WORD_VECTORS_FILE = "word_vectors.npy"
"""The documents' words and their embeddings (word_neighbours.WordTable), one pair per
generation; an index written before them has neither, and reads no word by its neighbours."""
POSTING_ARRAYS = ("term_ptr", "rows", "counts", "lengths")
"""The BM25 postings' arrays, each saved as `<field>.npy` (see `bm25.Postings`)."""
SEGMENT_FILES = (
    "documents.jsonl",
    "texts.jsonl",
    *CHUNK_FILES,
    "vectors.npy",
    "vocab.json",
    *(f"{name}.npy" for name in POSTING_ARRAYS),
    *PIECE_FILES,
)
_TEXT_KEYS = ("text_offset", "text_length")
MAX_SEGMENTS = 8
"""Segments a generation may hold before an update merges them (see Settings.max_segments)."""
SAMPLE_BYTES = 1 << 16
"""Bytes hashed at open from the head, the middle and the tail of each file."""


@dataclass(frozen=True, slots=True)
class AnnParams:
    """When to leave exact search, and the HNSW graph's shape (see Settings for what each trades)."""

    threshold: int = 200_000
    m: int = 48
    ef_construction: int = 160
    ef_search: int = 512

    def kind_for(self, chunk_count: int) -> str:
        return "hnsw" if chunk_count >= self.threshold else "flat"


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
    """file path inside the generation -> sha256 (checked whole by `verify_index`)."""
    file_checks: dict[str, list[Any]] = field(default_factory=dict)
    """file path inside the generation -> [size, mtime_ns, sha256 of a sample], checked on load."""
    segments: list[dict[str, Any]] = field(default_factory=list)
    """In row order: {"name": "seg-…", "removed": [doc ids no longer live in it]}."""
    ann: dict[str, Any] = field(default_factory=lambda: {"kind": "flat"})
    """The dense index: {"kind": "flat"} or {"kind": "hnsw", "m", "ef_construction", "ef_search"}."""
    pieces_version: int = 0
    """Version of the embedded quotable pieces (0: an index from before they were stored)."""


class LazyTexts(Mapping[str, str]):
    """Document texts read from their segment's `texts.jsonl` on first use, then kept.

    The files are opened at load and held open, so a text can still be read after a later
    ingest has switched generations and deleted this one's folder.
    """

    def __init__(self, places: dict[str, tuple[Path, int, int]]) -> None:
        self._files = {path: path.open("rb") for path in {p for p, _, _ in places.values()}}
        self._places = {d: (self._files[p].fileno(), o, n) for d, (p, o, n) in places.items()}
        self._read: dict[str, str] = {}

    def __getitem__(self, doc_id: str) -> str:
        text = self._read.get(doc_id)
        if text is None:
            text = self.read(doc_id)
            self._read[doc_id] = text
        return text

    def read(self, doc_id: str) -> str:
        """The text read from its file without keeping it (for a pass over every document)."""
        descriptor, offset, length = self._places[doc_id]
        return str(json.loads(os.pread(descriptor, length, offset).decode("utf-8")))

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)


@dataclass(frozen=True, slots=True)
class IndexData:
    """Everything an index holds; rows of `vectors` align with `chunks`."""

    manifest: Manifest
    documents: tuple[DocumentInfo, ...]
    texts: Mapping[str, str]
    chunks: Sequence[Chunk]
    """A tuple as ingest makes them; a loaded index's ChunkTable builds each on first use."""
    vectors: np.ndarray
    """A loaded index's is read in place: `SegmentVectors` (rows of the mapped segments) for
    exact search, a view of the mapped HNSW storage otherwise; both index by row."""
    pieces: PieceTable | None = None
    """Every quotable piece of the chunks, embedded (see piece_store), to be saved; None: an
    empty table. A loaded index holds its pieces memory-mapped in `LoadedIndex.pieces`."""
    words: WordTable | None = None
    """The words of every document of the generation to be written, embedded (for an update,
    the previous generation's table extended by the new documents' words); None keeps the
    previous generation's table, if it has one."""


@dataclass(slots=True)
class LoadedIndex:
    """A saved index opened for search; `faiss_index` searches the vectors where they lie: the
    segments' mapped `vectors.npy` for exact search (`SegmentVectors`, also `data.vectors`), or
    the HNSW graph mapped from `vectors.faiss` (never added to)."""

    data: IndexData
    faiss_index: Any
    bm25: LexicalIndex
    path: Path
    chunk_pos: dict[str, int] = field(default_factory=dict)
    chunk_doc: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    """Position in `data.documents` of each chunk's document, for masks and diversity."""
    chunk_start: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    """Each chunk's first character in its document, to find chunks by place without building them."""
    pieces: StoredPieces = field(default_factory=lambda: StoredPieces.empty(0))
    """Each chunk's embedded quotable pieces, read from the segments' mapped files."""
    words: WordTable | None = None
    """The documents' words, embedded (None: an index written before they were stored)."""

    @property
    def chunks(self) -> Sequence[Chunk]:
        return self.data.chunks

    def document(self, doc_id: str) -> DocumentInfo:
        for doc in self.data.documents:
            if doc.doc_id == doc_id:
                return doc
        raise KeyError(doc_id)


def check_compatible(manifest: Manifest, model: str, checksum: str, chunker_version: str) -> None:
    """Refuse an index built with another model, weights, chunker or layout."""
    rebuild = "run `assistant ingest --rebuild` to rebuild it"
    check_format(manifest)
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


def check_format(manifest: Manifest) -> None:
    """Refuse an index laid out by another version of this module, before reading its files."""
    if manifest.format_version != FORMAT_VERSION:
        raise IndexMismatchError(
            f"index format {manifest.format_version} is not {FORMAT_VERSION}; "
            "run `assistant ingest --rebuild` to rebuild it"
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


def indexed_documents(index_dir: Path) -> dict[str, DocumentInfo]:
    """The live documents of the current generation, read from its segments' small document files."""
    generation = current_generation(index_dir)
    if generation is None:
        return {}
    documents: dict[str, DocumentInfo] = {}
    try:
        for entry in read_manifest(index_dir, generation).segments:
            removed = set(entry["removed"])
            for row in _read_jsonl(generation / entry["name"] / "documents.jsonl"):
                if row["doc_id"] not in removed:
                    documents[row["doc_id"]] = _document_info(row)
    except (OSError, json.JSONDecodeError, TypeError, KeyError) as exc:
        raise IndexCorruptError(
            f"{generation}: unreadable ({exc}); run `assistant ingest --rebuild`"
        ) from exc
    return documents


def save_index(data: IndexData, index_dir: Path, ann: AnnParams | None = None) -> Path:
    """Write a new generation holding `data` as one segment and make it current; return its folder."""
    ann = ann or AnnParams()

    def fill(staging: Path) -> tuple[list[dict[str, Any]], dict[str, str], dict[str, Any]]:
        segment = _segment_name()
        written = _write_segment(staging / segment, data)
        files = {f"{segment}/{n}": h for n, h in written.items()}
        kind = ann.kind_for(len(data.chunks))
        record = _write_ann(staging, data.vectors, data.manifest.dimension, ann, kind)
        if kind != "flat":
            files[ANN_FILE] = _sha256(staging / ANN_FILE)
        if data.words is not None:
            files.update(_write_words(staging, data.words))
        return [{"name": segment, "removed": []}], files, record

    return _commit(index_dir, data.manifest, fill)


def update_index(
    index_dir: Path,
    manifest: Manifest,
    removed: frozenset[str],
    added: IndexData,
    ann: AnnParams | None = None,
    max_segments: int = MAX_SEGMENTS,
) -> Path:
    """A new generation from the current one: `removed` documents dropped, `added` appended as a segment.

    Unchanged segments are hard-linked, not rewritten; `manifest` gives the new documents,
    keys and skips (its segments, files and ANN record are filled in here). When that would
    leave more than `max_segments` segments, all are merged into one (rows keep their order).
    """
    ann = ann or AnnParams()
    previous = current_generation(index_dir)
    if previous is None:
        return save_index(added, index_dir, ann)
    old = read_manifest(index_dir, previous)

    def fill(staging: Path) -> tuple[list[dict[str, Any]], dict[str, str], dict[str, Any]]:
        segments: list[dict[str, Any]] = []
        files: dict[str, str] = {}
        dropped_rows = False
        for entry in old.segments:
            name = entry["name"]
            held = [row["doc_id"] for row in _read_jsonl(previous / name / "documents.jsonl")]
            gone = sorted((set(entry["removed"]) | removed) & set(held))
            if len(gone) == len(held):
                dropped_rows = dropped_rows or bool(set(held) - set(entry["removed"]))
                continue
            dropped_rows = dropped_rows or bool(set(gone) - set(entry["removed"]))
            (staging / name).mkdir()
            for file_name in SEGMENT_FILES:
                _link_or_copy(previous / name / file_name, staging / name / file_name)
                files[f"{name}/{file_name}"] = old.files[f"{name}/{file_name}"]
            segments.append({"name": name, "removed": gone})
        if added.documents:
            name = _segment_name()
            written = _write_segment(staging / name, added)
            files.update({f"{name}/{n}": h for n, h in written.items()})
            segments.append({"name": name, "removed": []})
        if len(segments) > max_segments:
            segments, files = _compact(staging, segments, manifest)
        if added.words is not None:
            files.update(_write_words(staging, added.words))
        else:
            for name in (WORDS_FILE, WORD_VECTORS_FILE):
                if name in old.files:
                    _link_or_copy(previous / name, staging / name)
                    files[name] = old.files[name]
        kind = ann.kind_for(manifest.chunk_count)
        if kind == "flat":
            return segments, files, {"kind": "flat"}
        if old.ann.get("kind") == "hnsw" and not dropped_rows:
            record = _extend_ann(previous / ANN_FILE, staging / ANN_FILE, added.vectors, old.ann)
        else:
            # a fully live segment is read from its mapping, not copied first and again in joining
            live_rows = [
                v if live.all() else v[live] for *_, live, v in _live_segments(staging, segments)
            ]
            vectors = np.concatenate(live_rows)
            record = _write_ann(staging, vectors, manifest.dimension, ann, kind)
        files[ANN_FILE] = _sha256(staging / ANN_FILE)
        return segments, files, record

    rewritten = (WORDS_FILE, WORD_VECTORS_FILE) if added.words is not None else ()
    carried = {n: check for n, check in old.file_checks.items() if n not in rewritten}
    return _commit(index_dir, manifest, fill, carried)


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


def _document_info(row: dict[str, Any]) -> DocumentInfo:
    """A documents.jsonl row as a record (JSON lists back to tuples, text places dropped)."""
    info = {k: v for k, v in row.items() if k not in _TEXT_KEYS}
    return DocumentInfo(**{**info, "subjects": tuple(info.get("subjects", ()))})


def verify_index(index_dir: Path) -> int:
    """Check the current generation's format, then hash its every file whole against the
    manifest; return how many files.

    Opening an index checks sizes, times and samples only: this is the full check.
    """
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexMissingError(f"no index in {index_dir}; run `assistant ingest` to build it")
    manifest = read_manifest(index_dir, generation)
    check_format(manifest)  # files laid out by another version would be read wrongly at open
    for name, expected in manifest.files.items():
        path = generation / name
        if not path.is_file() or _sha256(path) != expected:
            raise IndexCorruptError(f"{path}: missing or altered; run `assistant ingest --rebuild`")
    return len(manifest.files)


def _check_files(generation: Path, manifest: Manifest) -> None:
    """Each file as the manifest recorded it: same size, and the same sample hash if its time
    is unchanged, else the same sha256 over the whole file."""
    for name, expected in manifest.files.items():
        path = generation / name
        size, mtime, sample = manifest.file_checks.get(name) or (None, None, None)
        try:
            stat = path.stat()
            same = stat.st_size == size and (
                _sample_sha256(path, size) == sample
                if stat.st_mtime_ns == mtime
                else _sha256(path) == expected
            )
        except OSError:
            same = False
        if not same:
            raise IndexCorruptError(f"{path}: missing or altered; run `assistant ingest --rebuild`")


def _load_generation(index_dir: Path, generation: Path) -> LoadedIndex:
    import faiss

    manifest = read_manifest(index_dir, generation)
    check_format(manifest)
    _check_files(generation, manifest)
    try:
        rows = _gather_segments(
            generation, manifest.segments, for_search=manifest.ann.get("kind") == "flat"
        )
        dense: Any = SegmentVectors(rows.vectors, manifest.dimension)  # exact, read in place
        if manifest.ann.get("kind") == "hnsw":
            # mapped, not read: the graph and its vectors are paged in from the file on use and
            # held once (at 1M chunks 1.8 GB no longer copied at open); adding to it would abort
            dense = faiss.read_index(str(generation / ANN_FILE), faiss.IO_FLAG_MMAP_IFC)
            dense.hnsw.efSearch = int(manifest.ann["ef_search"])
        texts = LazyTexts(rows.places)  # opens every texts file: a vanished generation fails here
        chunks = ChunkTable.from_segments(rows.chunks, [d.doc_id for d in rows.documents])
        words = _read_words(generation, manifest)
        positions = dict(zip(chunks.ids, range(len(chunks)), strict=True))
        # the pieces files are read here too: a writer may remove this generation at any point
        stored = StoredPieces.from_segments(positions, rows.pieces, manifest.dimension)
    except (OSError, json.JSONDecodeError, TypeError, KeyError, RuntimeError, ValueError) as exc:
        raise IndexCorruptError(
            f"{generation}: unreadable ({exc}); run `assistant ingest --rebuild`"
        ) from exc
    documents, postings = rows.documents, rows.postings
    if dense.ntotal != len(chunks):
        raise IndexCorruptError(f"{generation}: {dense.ntotal} vectors for {len(chunks)} chunks")
    vectors: Any = dense  # exact search: the mapped segments, read by row
    if hasattr(dense, "storage"):  # HNSW: a view of its (mapped) storage
        storage: Any = faiss.downcast_index(dense.storage)
        vectors = (
            faiss.rev_swig_ptr(storage.get_xb(), dense.ntotal * manifest.dimension).reshape(
                dense.ntotal, manifest.dimension
            )
            if len(chunks)
            else np.zeros((0, manifest.dimension), dtype=np.float32)
        )
    data = IndexData(manifest, tuple(documents), texts, chunks, vectors)
    return LoadedIndex(
        data,
        dense,
        LexicalIndex(postings),
        generation,
        positions,
        chunk_doc=chunks.doc,
        chunk_start=chunks.starts,
        pieces=stored,
        words=words,
    )


@dataclass(slots=True)
class _SegmentRows:
    """The live rows of a generation's segments, gathered in row order (see _gather_segments)."""

    documents: list[DocumentInfo] = field(default_factory=list)
    places: dict[str, tuple[Path, int, int]] = field(default_factory=dict)
    """doc_id -> (texts file, offset, length) of its text."""
    chunks: list[tuple[SegmentChunks, np.ndarray]] = field(default_factory=list)
    """Each segment's chunks and the position in `documents` of each of its document rows."""
    postings: list[Postings] = field(default_factory=list)
    pieces: list[tuple[SegmentPieces, np.ndarray | None]] = field(default_factory=list)
    vectors: list[tuple[np.ndarray, np.ndarray | None]] = field(default_factory=list)
    """Each segment's vectors, mapped from its file, and its live rows (None: all)."""


def _gather_segments(
    generation: Path, segments: list[dict[str, Any]], for_search: bool | None
) -> _SegmentRows:
    """Read what every segment holds for its live documents: what loading and merging share.

    `for_search`: loading, with the vectors for exact search (True) or without them (False,
    HNSW holds its own); None: merging, with the vectors and without the BM25 postings.
    """
    rows = _SegmentRows()
    for folder, doc_rows, saved, live, vectors in _live_segments(generation, segments):
        position = np.full(len(doc_rows), -1, dtype=np.int64)
        for number, row in enumerate(doc_rows):
            if row is None:
                continue  # removed from this segment
            offset, length = (row.pop(key) for key in _TEXT_KEYS)
            rows.places[row["doc_id"]] = (folder / "texts.jsonl", offset, length)
            position[number] = len(rows.documents)
            rows.documents.append(_document_info(row))
        rows.chunks.append((saved, position))
        rows.pieces.append((load_pieces(folder, len(live)), None if live.all() else live))
        if for_search is not None:
            postings = _read_postings(folder)
            rows.postings.append(postings if live.all() else keep_rows(postings, live)[0])
        if for_search is not False:
            rows.vectors.append((vectors, None if live.all() else np.flatnonzero(live)))
    return rows


def _compact(
    staging: Path, segments: list[dict[str, Any]], manifest: Manifest
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Merge the staged segments' live rows, in order, into one new segment; remove the old
    folders from the staging generation (the live one keeps its own links). Costs a rewrite
    of the whole index, once every `max_segments` updates, so that loading stays one pass
    over a few files and removed documents stop taking space."""
    rows = _gather_segments(staging, segments, for_search=None)
    texts = LazyTexts(rows.places)
    chunks = ChunkTable.from_segments(rows.chunks, [d.doc_id for d in rows.documents])
    stored = StoredPieces.from_segments(
        dict(zip(chunks.ids, range(len(chunks)), strict=True)), rows.pieces, manifest.dimension
    )
    piece_ids: list[str] = []
    piece_spans: list[tuple[int, int]] = []
    piece_vectors: list[np.ndarray] = []
    for chunk_id in chunks.ids:
        piece_rows = stored[chunk_id]
        piece_ids += [chunk_id] * len(piece_rows)
        piece_spans += stored.vectors.spans(piece_rows)
        piece_vectors.append(stored.vectors[piece_rows])
    merged = IndexData(
        manifest,
        tuple(rows.documents),
        {d.doc_id: texts.read(d.doc_id) for d in rows.documents},
        tuple(chunks),
        np.asarray(SegmentVectors(rows.vectors, manifest.dimension)),
        PieceTable(
            tuple(piece_ids),
            tuple(piece_spans),
            np.concatenate(piece_vectors)
            if piece_vectors
            else np.zeros((0, manifest.dimension), dtype=np.float32),
        ),
    )
    name = _segment_name()
    written = _write_segment(staging / name, merged)
    for entry in segments:
        shutil.rmtree(staging / entry["name"])
    return [{"name": name, "removed": []}], {f"{name}/{n}": h for n, h in written.items()}


def _live_segments(
    generation: Path, segments: list[dict[str, Any]]
) -> Iterator[tuple[Path, list[dict[str, Any] | None], SegmentChunks, np.ndarray, np.ndarray]]:
    """Each segment's document rows (None where removed), its saved chunks, which of them are
    live, and all its vectors (mapped)."""
    for entry in segments:
        folder = generation / entry["name"]
        removed = set(entry["removed"])
        vectors = np.load(folder / "vectors.npy", mmap_mode="r", allow_pickle=False)
        doc_rows = [
            r if r["doc_id"] not in removed else None
            for r in _read_jsonl(folder / "documents.jsonl")
        ]
        saved = load_chunks(folder)
        if len(saved.ids) != len(vectors):
            raise ValueError(f"{folder.name}: {len(vectors)} vectors for {len(saved.ids)} chunks")
        doc = saved.columns[:, 0]
        if len(doc) and (doc.min() < 0 or doc.max() >= len(doc_rows)):
            raise ValueError(f"{folder.name}: chunks name documents the segment does not hold")
        kept = np.asarray([r is not None for r in doc_rows], dtype=bool)
        live = kept[doc] if len(doc) else np.zeros(0, dtype=bool)
        yield folder, doc_rows, saved, live, vectors


def _commit(
    index_dir: Path,
    manifest: Manifest,
    fill: Any,
    carried: Mapping[str, list[Any]] | None = None,
) -> Path:
    """Stage a generation with `fill(staging)`, write its manifest, then switch CURRENT to it.

    `carried` holds the previous generation's checks of the files linked from it (a check
    made again now would vouch for whatever those files hold today).
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(index_dir)
    name = f"gen-{time.time_ns()}"
    staging = index_dir / f".tmp-{name}"
    staging.mkdir()
    segments, files, ann = fill(staging)
    carried = carried or {}
    checks = {n: carried.get(n) or _file_check(staging / n) for n in files}
    final_manifest = replace(
        manifest,
        format_version=FORMAT_VERSION,
        files=files,
        file_checks=checks,
        segments=segments,
        ann=ann,
        created=time.strftime("%Y-%m-%dT%H:%M:%S"),
    )
    (staging / "manifest.json").write_text(
        json.dumps(asdict(final_manifest), indent=2), encoding="utf-8"
    )
    _fsync_tree(staging)
    final = index_dir / name
    os.rename(staging, final)
    _write_current(index_dir, name)
    _remove_old_generations(index_dir, keep=name)
    return final


def _segment_name() -> str:
    return f"seg-{time.time_ns()}"


def _write_segment(folder: Path, data: IndexData) -> dict[str, str]:
    """Write one segment's files; return their checksums by file name."""
    folder.mkdir()
    doc_rows = []
    with (folder / "texts.jsonl").open("wb") as handle:
        for doc in data.documents:
            line = (json.dumps(data.texts[doc.doc_id], ensure_ascii=False) + "\n").encode()
            doc_rows.append({**asdict(doc), "text_offset": handle.tell(), "text_length": len(line)})
            handle.write(line)
    _write_jsonl(folder / "documents.jsonl", doc_rows)
    save_chunks(folder, data.chunks, [doc.doc_id for doc in data.documents])
    _write_vectors(folder / "vectors.npy", data.vectors, data.manifest.dimension)
    save_pieces(
        folder,
        data.pieces or empty_pieces(data.manifest.dimension),
        [c.chunk_id for c in data.chunks],
    )
    postings = build_postings([lexical_tokens(chunk.indexed_text) for chunk in data.chunks])
    (folder / "vocab.json").write_text(json.dumps(list(postings.vocab)), encoding="utf-8")
    for name in POSTING_ARRAYS:
        np.save(folder / f"{name}.npy", getattr(postings, name))
    return {name: _sha256(folder / name) for name in SEGMENT_FILES}


def _read_postings(folder: Path) -> Postings:
    vocab = tuple(json.loads((folder / "vocab.json").read_text(encoding="utf-8")))
    arrays = {name: np.load(folder / f"{name}.npy", allow_pickle=False) for name in POSTING_ARRAYS}
    return Postings(vocab=vocab, **arrays)


def _write_vectors(path: Path, vectors: np.ndarray, dimension: int) -> None:
    rows = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, dimension)
    np.save(path, rows)


def _write_ann(
    staging: Path, vectors: np.ndarray, dimension: int, ann: AnnParams, kind: str
) -> dict[str, Any]:
    """Build and save the HNSW graph when `kind` asks for one; return the manifest's record."""
    if kind == "flat":
        return {"kind": "flat"}
    import faiss

    index = faiss.IndexHNSWFlat(dimension, ann.m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = ann.ef_construction
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(index, str(staging / ANN_FILE))
    return {
        "kind": "hnsw",
        "m": ann.m,
        "ef_construction": ann.ef_construction,
        "ef_search": ann.ef_search,
    }


def _extend_ann(
    source: Path, target: Path, vectors: np.ndarray, record: dict[str, Any]
) -> dict[str, Any]:
    """Add rows to a saved HNSW graph (rows only appended: no renumbering, no rebuild)."""
    import faiss

    index = faiss.read_index(str(source))
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(index, str(target))
    return record


def read_words(index_dir: Path) -> WordTable | None:
    """The current generation's word table, for an ingest to extend (None: there is none); its
    vectors stay mapped, since extending it copies them into the new generation's."""
    generation = current_generation(index_dir)
    if generation is None:
        return None
    return _read_words(generation, read_manifest(index_dir, generation))


def _write_words(folder: Path, table: WordTable) -> dict[str, str]:
    (folder / WORDS_FILE).write_text(json.dumps(list(table.words)), encoding="utf-8")
    np.save(folder / WORD_VECTORS_FILE, np.ascontiguousarray(table.vectors, dtype=np.float32))
    return {name: _sha256(folder / name) for name in (WORDS_FILE, WORD_VECTORS_FILE)}


def _read_words(generation: Path, manifest: Manifest) -> WordTable | None:
    if WORDS_FILE not in manifest.files:
        return None
    try:
        words = tuple(json.loads((generation / WORDS_FILE).read_text(encoding="utf-8")))
        vectors = np.load(generation / WORD_VECTORS_FILE, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(
            f"{generation}: unreadable words ({exc}); run `assistant ingest --rebuild`"
        ) from exc
    if vectors.shape != (len(words), manifest.dimension):
        raise IndexCorruptError(
            f"{generation}: {vectors.shape[0]} word vectors for {len(words)} words"
        )
    return WordTable(words, vectors)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _sample_sha256(path: Path, size: int) -> str:
    """sha256 of a file's head, middle and tail (the whole file when it is small)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for start in sorted(
            {0, max(0, size // 2 - SAMPLE_BYTES // 2), max(0, size - SAMPLE_BYTES)}
        ):
            digest.update(os.pread(handle.fileno(), SAMPLE_BYTES, start))
    return digest.hexdigest()


def _file_check(path: Path) -> list[Any]:
    """[size, mtime_ns, sample sha256] of a file just written, as the manifest records it."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns, _sample_sha256(path, stat.st_size)]


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

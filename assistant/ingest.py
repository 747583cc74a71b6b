"""load -> clean -> chunk -> embed -> index, incrementally: only new or changed documents are embedded.

A document's key is the hash of its file plus its catalogue entry, so editing
a title re-labels its chunks. A document that fails to load is skipped with
its reason; if an earlier version of it was indexed, that version is kept.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from assistant.chunk import CHUNKER_VERSION, chunk_document
from assistant.clean import clean_document
from assistant.config import Settings
from assistant.embed import Embedder
from assistant.errors import LoadError
from assistant.index import (
    AnnParams,
    IndexData,
    Manifest,
    check_compatible,
    current_generation,
    indexed_documents,
    load_index,
    read_manifest,
    read_words,
    remove_stale_files,
    save_index,
    update_index,
    writer_lock,
)
from assistant.load import (
    CATALOGUE_NAME,
    CatalogueEntry,
    check_corpus_file,
    list_corpus,
    load_file,
    printable_name,
    read_catalogue,
    remove_stale_uploads,
    safe_file_name,
)
from assistant.metadata import (
    catalogue_subjects,
    detect_date,
    detect_kind,
    detect_subjects,
    detect_title,
)
from assistant.model_files import (
    MODEL_WINDOW,
    WordPieceCounter,
    bundled_model_dir,
    weights_checksum,
)
from assistant.piece_store import embed_pieces, empty_pieces
from assistant.pieces import PIECES_VERSION
from assistant.types import Chunk, Document, DocumentInfo, RawDocument
from assistant.word_neighbours import WordTable, vocabulary_words

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class IngestReport:
    documents: int
    chunks: int
    embedded_documents: int
    embedded_chunks: int
    removed: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    seconds: float
    changed: bool
    chunk_tokens_median: float | None = None
    chunk_tokens_max: int | None = None
    chunks_over_window: int | None = None

    def summary(self) -> str:
        lines = [
            f"{self.documents} documents, {self.chunks} chunks; embedded {self.embedded_chunks} chunks "
            f"from {self.embedded_documents} new or changed documents; removed {len(self.removed)}; "
            f"skipped {len(self.skipped)}; {self.seconds:.1f} s"
            + ("" if self.changed else " (index already up to date)")
        ]
        if self.chunks_over_window is not None and self.embedded_chunks:
            share = self.chunks_over_window / self.embedded_chunks
            lines.append(
                f"chunk size of the {self.embedded_chunks} new chunks: median {self.chunk_tokens_median:.0f} word-pieces, max "
                f"{self.chunk_tokens_max}; over the model's {MODEL_WINDOW}-piece window: "
                f"{self.chunks_over_window} ({share:.1%})"
            )
        lines.extend(f"skipped {s.path}: {s.reason}" for s in self.skipped)
        return "\n".join(lines)


def document_id(path: Path) -> str:
    """The file's stem, made safe to print and to use as an id (no newlines or escapes)."""
    return Path(safe_file_name(path.name)).stem if path.suffix else safe_file_name(path.name)


def document_key(file_hash: str, entry: CatalogueEntry | None) -> str:
    """What decides whether a document must be re-indexed: its bytes and its catalogue entry."""
    meta = json.dumps(asdict(entry) if entry else {}, sort_keys=True)
    return hashlib.sha256(f"{file_hash}\n{meta}".encode()).hexdigest()


def build_document(raw: RawDocument, doc_id: str, entry: CatalogueEntry | None) -> Document:
    """Clean a raw document and label it; catalogue fields win over what the text says."""
    cleaned = clean_document(raw)
    if not cleaned.text.strip():
        raise LoadError(raw.source_path, "no text left after cleaning")
    detected_date = detect_date(cleaned.text)
    date = entry.date if entry and entry.date else detected_date
    date_source = "catalogue" if entry and entry.date else ("text" if detected_date else None)
    title = (entry.title if entry and entry.title else None) or detect_title(
        cleaned.text, cleaned.blocks, doc_id
    )
    subjects = (
        catalogue_subjects(entry.subjects, f"{CATALOGUE_NAME} [{Path(raw.source_path).name}]")
        if entry and entry.subjects is not None
        else detect_subjects(title, cleaned.text)
    )
    return Document(
        doc_id=doc_id,
        source_path=raw.source_path,
        title=title,
        date=date,
        kind=(entry.kind if entry and entry.kind else None) or detect_kind(cleaned.text),
        text=cleaned.text,
        blocks=cleaned.blocks,
        page_count=raw.page_count,
        content_hash=raw.content_hash,
        date_source=date_source,  # type: ignore[arg-type]
        subjects=subjects,
    )


def ingest(
    settings: Settings,
    rebuild: bool = False,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
) -> IngestReport:
    """Bring index/ up to date with corpus/; write only when something changed.

    One ingest at a time (IndexBusyError for a second); what crashed ingests and
    uploads left behind is removed first.
    """
    with writer_lock(settings.index_dir):
        remove_stale_files(settings.index_dir)
        remove_stale_uploads(settings.corpus_dir)
        return _ingest(settings, rebuild, progress, embedder)


def _ingest(
    settings: Settings,
    rebuild: bool,
    progress: Progress | None,
    embedder: Embedder | None,
) -> IngestReport:
    started = time.perf_counter()
    corpus_dir, index_dir = settings.corpus_dir, settings.index_dir
    catalogue = read_catalogue(corpus_dir)
    checksum = embedder.checksum if embedder else weights_checksum(bundled_model_dir())
    model_name = embedder.name if embedder else settings.model_name

    old_manifest = None
    if not rebuild and current_generation(index_dir) is not None:
        old_manifest = read_manifest(index_dir)
        check_compatible(old_manifest, model_name, checksum, CHUNKER_VERSION)
    paths = list_corpus(corpus_dir)
    skipped: list[Skipped] = []
    wanted: dict[str, tuple[Path, str]] = {}
    refused: dict[str, LoadError] = {}  # found unfit before reading: a link out, too large
    for path in paths:
        doc_id = document_id(path)
        if doc_id in wanted:
            other = printable_name(wanted[doc_id][0].name)
            reason = f"same document id as {other} (names differ only in extension or punctuation); rename one of them"
            skipped.append(Skipped(_shown(path, corpus_dir), reason))
            continue
        try:
            size = check_corpus_file(path, corpus_dir, settings.upload_max_bytes)
            file_hash = hashlib.sha256(path.read_bytes()).hexdigest() if size else ""
        except OSError as exc:
            refused[doc_id] = LoadError(
                _shown(path, corpus_dir), f"cannot be read ({exc.strerror})"
            )
        except LoadError as exc:
            refused[doc_id] = exc
        if doc_id in refused:  # skipped below, keeping any earlier version, with its reason as key
            file_hash = "refused:" + refused[doc_id].reason
        wanted[doc_id] = (path, document_key(file_hash, catalogue.get(path.name)))

    old_keys = old_manifest.documents if old_manifest else {}
    old_skipped = old_manifest.skipped if old_manifest else {}
    unchanged = all(
        old_keys.get(d) == key or old_skipped.get(d, {}).get("key") == key
        for d, (_, key) in wanted.items()
    )
    if old_manifest and old_keys and unchanged and set(old_keys) <= set(wanted):
        # Nothing new: report the bad files still present and write nothing.
        skipped += [Skipped(v["path"], v["reason"]) for d, v in old_skipped.items() if d in wanted]
        return IngestReport(
            len(old_keys),
            old_manifest.chunk_count,
            0,
            0,
            (),
            tuple(skipped),
            time.perf_counter() - started,
            changed=False,
        )
    ann = AnnParams(
        settings.ann_threshold,
        settings.hnsw_m,
        settings.hnsw_ef_construction,
        settings.hnsw_ef_search,
    )
    counter = WordPieceCounter()
    failed: dict[str, dict[str, str]] = {}
    keys: dict[str, str] = {}
    kept: set[str] = set()  # indexed before and carried over as they are, without being read
    fresh: list[tuple[DocumentInfo, str, list[Chunk]]] = []
    for number, (doc_id, (path, key)) in enumerate(wanted.items(), start=1):
        if progress:
            progress(number, len(wanted), f"reading {printable_name(path.name)}")
        if old_keys.get(doc_id) == key:
            kept.add(doc_id)
            keys[doc_id] = key
            continue
        try:
            if doc_id in refused:
                raise refused[doc_id]
            raw = load_file(  # shown as "corpus/x.txt", wherever the corpus is
                path, corpus_dir.parent, settings.max_pages, settings.load_seconds
            )
            document = build_document(raw, doc_id, catalogue.get(path.name))
        except LoadError as exc:
            skipped.append(Skipped(exc.path, exc.reason))
            failed[doc_id] = {"key": key, "path": exc.path, "reason": exc.reason}
            if doc_id in old_keys:
                kept.add(doc_id)
                keys[doc_id] = old_keys[doc_id]
            continue
        chunks = chunk_document(
            document, counter, settings.chunk_max_tokens, settings.chunk_min_tokens
        )
        info = DocumentInfo(
            document.doc_id,
            document.source_path,
            document.title,
            document.date,
            document.kind,
            document.page_count,
            document.content_hash,
            len(chunks),
            document.subjects,
        )
        fresh.append((info, document.text, chunks))
        keys[doc_id] = key

    new_chunks = tuple(c for _, _, chunks in fresh for c in chunks)
    dimension = (
        embedder.dimension if embedder else (old_manifest.dimension if old_manifest else 384)
    )
    new_vectors = np.zeros((0, dimension), dtype=np.float32)
    new_pieces = empty_pieces(dimension)
    words: WordTable | None = None  # no document embedded: the previous table is kept
    if new_chunks:
        if embedder is None:
            if progress:
                progress(0, 1, "loading the embedding model")
            from assistant.embed import MiniLMEmbedder

            embedder = MiniLMEmbedder(batch_size=settings.embed_batch_size)
        if progress:
            progress(0, len(new_chunks), f"embedding {len(new_chunks)} chunks")
        new_vectors = embedder.embed_documents([c.indexed_text for c in new_chunks])
        if progress:
            progress(0, 1, "embedding quotable pieces")
        new_pieces = embed_pieces(new_chunks, embedder)
        if progress:
            progress(0, 1, "embedding the documents' words")
        words = _word_table(index_dir, old_manifest, [text for _, text, _ in fresh], kept, embedder)

    previous = indexed_documents(index_dir) if old_manifest else {}
    order = [d for d in wanted if d in keys]
    chunk_count = sum(previous[d].chunk_count for d in kept) + len(new_chunks)
    manifest = Manifest(
        model_name,
        checksum,
        dimension,
        CHUNKER_VERSION,
        {d: keys[d] for d in order},
        chunk_count,
        skipped=failed,
        pieces_version=PIECES_VERSION,
    )
    added = IndexData(
        manifest,
        tuple(info for info, _, _ in fresh),
        {info.doc_id: text for info, text, _ in fresh},
        new_chunks,
        new_vectors,
        new_pieces,
        words,
    )
    if progress:
        progress(1, 1, "writing the index")
    if old_manifest is None:
        save_index(added, index_dir, ann)
    else:
        update_index(
            index_dir, manifest, frozenset(old_keys) - kept, added, ann, settings.max_segments
        )
    sizes = [counter(c.indexed_text) + 2 for c in new_chunks]  # only what was just chunked
    removed = tuple(sorted(set(old_keys) - set(wanted)))
    return IngestReport(
        documents=len(order),
        chunks=chunk_count,
        embedded_documents=len(fresh),
        embedded_chunks=len(new_chunks),
        removed=removed,
        skipped=tuple(skipped),
        seconds=time.perf_counter() - started,
        changed=True,
        chunk_tokens_median=statistics.median(sizes) if sizes else None,
        chunk_tokens_max=max(sizes) if sizes else None,
        chunks_over_window=sum(s > MODEL_WINDOW for s in sizes) if sizes else None,
    )


def _word_table(
    index_dir: Path,
    old_manifest: Manifest | None,
    new_texts: list[str],
    kept: Iterable[str],
    embedder: Embedder,
) -> WordTable:
    """The previous generation's word table with the new documents' words not yet in it
    embedded and added. An index written before words were stored has its kept documents'
    words embedded now, once. Words of removed documents stay: a word no document uses any
    longer matches nothing."""
    previous = read_words(index_dir) if old_manifest else None
    texts = list(new_texts)
    if previous is None:
        previous = WordTable.empty(embedder.dimension)
        if old_manifest is not None:
            stored = load_index(index_dir).data.texts
            texts += [stored[doc_id] for doc_id in kept]
    fresh = tuple(sorted(vocabulary_words(texts) - set(previous.words)))
    return previous.extended(fresh, embedder.embed_documents(list(fresh)))


def _shown(path: Path, corpus_dir: Path) -> str:
    try:
        return printable_name(path.relative_to(corpus_dir.parent).as_posix())
    except ValueError:
        return printable_name(str(path))

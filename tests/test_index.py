"""assistant/index.py: save -> load round trip, refusal of tampered or mismatched indexes,
atomic replacement, and no pickle anywhere. The index is the session's real corpus index."""

from __future__ import annotations

import importlib
import json
import mmap
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import assistant.index as index_module
from assistant.chunk import CHUNKER_VERSION
from assistant.config import Settings
from assistant.embed import MiniLMEmbedder
from assistant.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from assistant.index import (
    SEGMENT_FILES,
    WORD_VECTORS_FILE,
    WORDS_FILE,
    IndexData,
    LoadedIndex,
    check_compatible,
    current_generation,
    load_index,
    read_manifest,
    save_index,
)

REBUILD = "assistant ingest --rebuild"
DROPPED = "2022-force-summary-peel-2021-22"


@pytest.fixture(scope="module")
def original(built_index: Settings) -> LoadedIndex:
    return load_index(built_index.index_dir)


@pytest.fixture(scope="module")
def reloaded(original: LoadedIndex, tmp_path_factory: pytest.TempPathFactory) -> LoadedIndex:
    target = tmp_path_factory.mktemp("round-trip") / "index"
    save_index(original.data, target)
    return load_index(target)


def generation(settings: Settings) -> Path:
    path = current_generation(settings.index_dir)
    assert path is not None, f"{settings.index_dir} has a current generation"
    return path


def segment_file(settings: Settings, name: str) -> Path:
    """A data file of the (only) segment of the session index's current generation."""
    segments = read_manifest(settings.index_dir).segments
    return generation(settings) / segments[0]["name"] / name


def without_document(data: IndexData, doc_id: str) -> IndexData:
    """The same index with one document and its chunks and vectors left out."""
    keep = [i for i, c in enumerate(data.chunks) if c.doc_id != doc_id]
    documents = {d: k for d, k in data.manifest.documents.items() if d != doc_id}
    manifest = replace(data.manifest, documents=documents, chunk_count=len(keep))
    return IndexData(
        manifest,
        tuple(d for d in data.documents if d.doc_id != doc_id),
        {d: t for d, t in data.texts.items() if d != doc_id},
        tuple(data.chunks[i] for i in keep),
        data.vectors[keep],
    )


# --- round trip ------------------------------------------------------------------------------------


def test_round_trip_chunks(original: LoadedIndex, reloaded: LoadedIndex) -> None:
    assert reloaded.data.chunks == original.data.chunks, "every chunk comes back equal, in order"


def test_round_trip_documents(original: LoadedIndex, reloaded: LoadedIndex) -> None:
    assert reloaded.data.documents == original.data.documents, "every document entry comes back"


def test_round_trip_texts(original: LoadedIndex, reloaded: LoadedIndex) -> None:
    assert reloaded.data.texts == original.data.texts, "every cleaned text comes back"


def test_round_trip_vectors(original: LoadedIndex, reloaded: LoadedIndex) -> None:
    assert np.array_equal(reloaded.data.vectors, original.data.vectors), "vector rows are equal"


@pytest.mark.parametrize(
    "field",
    [
        "model",
        "model_checksum",
        "dimension",
        "chunker_version",
        "documents",
        "chunk_count",
        "format_version",
    ],
)
def test_round_trip_manifest(original: LoadedIndex, reloaded: LoadedIndex, field: str) -> None:
    assert getattr(reloaded.data.manifest, field) == getattr(original.data.manifest, field), (
        f"the manifest's {field} comes back"
    )


def test_round_trip_chunk_positions(reloaded: LoadedIndex) -> None:
    chunk = reloaded.chunks[42]
    assert reloaded.chunk_pos[chunk.chunk_id] == 42, "chunk ids map to their vector rows"


def test_vectors_are_unit_rows(original: LoadedIndex) -> None:
    norms = np.linalg.norm(original.data.vectors, axis=1)
    assert np.allclose(norms, 1.0, atol=1e-4), "stored vectors are L2-normalised"


def test_vectors_align_with_chunks(original: LoadedIndex, embedder: MiniLMEmbedder) -> None:
    chunk = next(c for c in original.chunks if "abandonment rate of 33.4%" in c.text)
    row = original.data.vectors[original.chunk_pos[chunk.chunk_id]]
    fresh = embedder.embed_documents([chunk.indexed_text])[0]
    assert float(row @ fresh) > 0.999, "the 33.4% chunk's row is the embedding of that chunk"


def test_faiss_and_bm25_hold_every_chunk(original: LoadedIndex) -> None:
    sizes = (original.faiss_index.ntotal, len(original.chunks), original.data.manifest.chunk_count)
    assert len(set(sizes)) == 1, f"FAISS rows, chunks and the manifest agree: {sizes}"


# --- missing, tampered and mismatched indexes --------------------------------------------------------


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="assistant ingest"):
        load_index(tmp_path / "index")


def flip_byte(path: Path, at: int, keep_time: bool) -> None:
    """Change one byte of a file in place; with `keep_time`, put its modification time back."""
    stat = path.stat()
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    if keep_time:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.mark.parametrize(
    "name",
    [
        "chunk_ids.json",
        "chunk_columns.npy",
        "chunk_strings.npy",
        "documents.jsonl",
        "texts.jsonl",
        "vectors.npy",
        "counts.npy",
    ],
)
@pytest.mark.parametrize("keep_time", [False, True], ids=["time-changed", "time-kept"])
def test_tampered_file_is_refused(index_copy: Settings, name: str, keep_time: bool) -> None:
    path = segment_file(index_copy, name)
    flip_byte(path, path.stat().st_size // 2, keep_time)
    with pytest.raises(IndexCorruptError, match=re.escape(name)):
        load_index(index_copy.index_dir)


def test_full_verification_finds_what_the_sample_misses(index_copy: Settings) -> None:
    path = segment_file(index_copy, "pieces.npy")
    size = path.stat().st_size
    assert size > 4 * index_module.SAMPLE_BYTES, f"pieces.npy is larger than the samples: {size}"
    flip_byte(path, size // 4, keep_time=True)  # outside the head, middle and tail samples
    load_index(index_copy.index_dir)  # the quick check at open cannot see it
    with pytest.raises(IndexCorruptError, match=re.escape("pieces.npy")):
        index_module.verify_index(index_copy.index_dir)


def test_full_verification_passes_an_intact_index(built_index: Settings) -> None:
    manifest = read_manifest(built_index.index_dir)
    assert index_module.verify_index(built_index.index_dir) == len(manifest.files), (
        "every file of the manifest is hashed whole and matches"
    )


def test_copy_with_new_times_is_hashed_whole_and_loads(
    built_index: Settings, tmp_path: Path
) -> None:
    shutil.copytree(built_index.index_dir, tmp_path / "copied", copy_function=shutil.copyfile)
    loaded = load_index(tmp_path / "copied")
    assert len(loaded.chunks) == read_manifest(built_index.index_dir).chunk_count, (
        "an index copied without its files' times is checked by full hashes, and loads"
    )


@pytest.mark.parametrize("opener", [load_index, index_module.verify_index])
def test_older_format_is_refused_with_how_to_rebuild(
    index_copy: Settings, opener: Callable[[Path], object]
) -> None:
    path = generation(index_copy) / "manifest.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**raw, "format_version": 4}), encoding="utf-8")
    with pytest.raises(
        IndexMismatchError, match=re.escape(f"index format 4 is not 5; run `{REBUILD}`")
    ):
        opener(index_copy.index_dir)


@pytest.mark.parametrize("name", ["chunk_columns.npy", "vectors.npy", "vocab.json"])
def test_missing_file_is_refused(index_copy: Settings, name: str) -> None:
    segment_file(index_copy, name).unlink()
    with pytest.raises(IndexCorruptError, match=re.escape(name)):
        load_index(index_copy.index_dir)


def test_unreadable_manifest_is_refused(index_copy: Settings) -> None:
    (generation(index_copy) / "manifest.json").write_text("{", encoding="utf-8")
    with pytest.raises(IndexCorruptError, match=re.escape("manifest.json")):
        load_index(index_copy.index_dir)


def test_same_model_and_chunker_are_accepted(
    original: LoadedIndex, embedder: MiniLMEmbedder
) -> None:
    check_compatible(original.data.manifest, embedder.name, embedder.checksum, CHUNKER_VERSION)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"model_checksum": "0" * 64}, id="other-weights"),
        pytest.param({"model": "sentence-transformers/all-mpnet-base-v2"}, id="other-model"),
        pytest.param({"chunker_version": "1.c1"}, id="other-chunker"),
        pytest.param({"format_version": 0}, id="other-format"),
        pytest.param({"pieces_version": 0}, id="no-piece-vectors"),
    ],
)
def test_mismatch_is_refused_with_how_to_rebuild(
    original: LoadedIndex, embedder: MiniLMEmbedder, change: dict[str, object]
) -> None:
    manifest = replace(original.data.manifest, **change)
    with pytest.raises(IndexMismatchError, match=REBUILD):
        check_compatible(manifest, embedder.name, embedder.checksum, CHUNKER_VERSION)


def test_mismatch_names_both_chunker_versions(
    original: LoadedIndex, embedder: MiniLMEmbedder
) -> None:
    manifest = replace(original.data.manifest, chunker_version="1.c1")
    with pytest.raises(IndexMismatchError) as caught:
        check_compatible(manifest, embedder.name, embedder.checksum, CHUNKER_VERSION)
    assert "1.c1" in str(caught.value) and CHUNKER_VERSION in str(caught.value), (
        f"the message names the index's and the code's chunker versions: {caught.value}"
    )


# --- atomic writes ----------------------------------------------------------------------------------


def crash(*args: object, **kwargs: object) -> None:
    raise OSError("No space left on device")


@pytest.mark.parametrize(
    ("module", "function"),
    [
        pytest.param("assistant.index", "_write_current", id="before-the-switch"),
        pytest.param("assistant.index", "_write_vectors", id="writing-vectors"),
        pytest.param("assistant.index", "_fsync_tree", id="before-the-rename"),
    ],
)
def test_crash_mid_write_keeps_the_old_index(
    index_copy: Settings,
    original: LoadedIndex,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    function: str,
) -> None:
    monkeypatch.setattr(importlib.import_module(module), function, crash)
    with pytest.raises(OSError):
        save_index(without_document(original.data, DROPPED), index_copy.index_dir)
    monkeypatch.undo()
    after = load_index(index_copy.index_dir)
    assert after.data.chunks == original.data.chunks, (
        "the previous index loads with its old content"
    )


def test_save_after_a_crash_leaves_one_generation(
    index_copy: Settings, original: LoadedIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "_write_current", crash)
    with pytest.raises(OSError):
        save_index(without_document(original.data, DROPPED), index_copy.index_dir)
    monkeypatch.undo()
    save_index(without_document(original.data, DROPPED), index_copy.index_dir)
    left = sorted(p.name for p in index_copy.index_dir.iterdir() if p.is_dir())
    assert len(left) == 1 and left[0].startswith("gen-"), (
        f"one generation and no temporaries: {left}"
    )


def test_save_replaces_the_content(index_copy: Settings, original: LoadedIndex) -> None:
    save_index(without_document(original.data, DROPPED), index_copy.index_dir)
    doc_ids = {c.doc_id for c in load_index(index_copy.index_dir).chunks}
    assert DROPPED not in doc_ids and len(doc_ids) == 4, f"the new generation is live: {doc_ids}"


def test_manifest_records_file_checksums(built_index: Settings) -> None:
    manifest = read_manifest(built_index.index_dir)
    segment = manifest.segments[0]["name"]
    expected = {f"{segment}/{n}" for n in SEGMENT_FILES} | {WORDS_FILE, WORD_VECTORS_FILE}
    assert set(manifest.files) == expected, (
        f"the manifest holds a checksum per data file: {sorted(manifest.files)}"
    )


# --- no pickle -------------------------------------------------------------------------------------


def index_files(index_dir: Path) -> list[Path]:
    return sorted(p for p in index_dir.rglob("*") if p.is_file())


def test_no_pickle_files(built_index: Settings) -> None:
    pickles = [
        p.name for p in index_files(built_index.index_dir) if p.suffix in (".pkl", ".pickle")
    ]
    assert not pickles, f"no pickle files in the index: {pickles}"


def test_no_file_starts_like_a_pickle(built_index: Settings) -> None:
    pickled = [p.name for p in index_files(built_index.index_dir) if p.read_bytes()[:1] == b"\x80"]
    assert not pickled, f"no file starts with a pickle protocol header: {pickled}"


def test_npy_files_load_without_pickle(built_index: Settings) -> None:
    arrays = [p for p in index_files(built_index.index_dir) if p.suffix == ".npy"]
    loaded = [np.load(p, allow_pickle=False).dtype != object for p in arrays]
    assert arrays and all(loaded), f"every .npy array loads with allow_pickle=False: {arrays}"


def test_json_files_are_json(built_index: Settings) -> None:
    bad = []
    for path in index_files(built_index.index_dir):
        if path.suffix == ".json":
            lines = [path.read_text(encoding="utf-8")]
        elif path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
        else:
            continue
        try:
            [json.loads(line) for line in lines]
        except json.JSONDecodeError:
            bad.append(path.name)
    assert not bad, f"manifest, documents, chunks and BM25 files are plain JSON: {bad}"


def test_index_folder_holds_only_known_files(built_index: Settings) -> None:
    suffixes = {p.suffix for p in index_files(built_index.index_dir)}
    assert suffixes <= {"", ".json", ".jsonl", ".faiss", ".npy"}, f"only plain formats: {suffixes}"


def test_copy_of_index_loads_elsewhere(built_index: Settings, tmp_path: Path) -> None:
    shutil.copytree(built_index.index_dir, tmp_path / "moved")
    assert load_index(tmp_path / "moved").data.manifest.chunk_count > 0, (
        "an index folder is self-contained: a copy loads from another path"
    )


# --- statistics, lazy texts, approximate search, segments ---------------------------------------------


def test_saved_statistics_give_the_idf_of_every_chunk(original: LoadedIndex) -> None:
    from assistant.question import idf_table

    assert original.bm25.idf_table() == idf_table(original.chunks), (
        "the IDF read from the saved postings equals re-tokenising every chunk"
    )


@pytest.mark.parametrize(
    "question",
    [
        "What was Kent's 101 abandonment rate?",
        "999 calls answered within 10 seconds",
        "rate rate police Kent",
        "How many DVPOs were granted?",
    ],
)
def test_bm25_scores_equal_bm25s(original: LoadedIndex, question: str) -> None:
    import bm25s

    from assistant.lexical import lexical_tokens

    reference = bm25s.BM25()
    corpus = [lexical_tokens(c.indexed_text) or ["_"] for c in original.chunks]
    reference.index(corpus, show_progress=False)
    tokens = [t for t in lexical_tokens(question) * 2 if t in reference.vocab_dict]
    expected = np.asarray(reference.get_scores(tokens))
    assert np.array_equal(original.bm25.scores(tokens), expected), (
        "BM25 over the saved postings scores every chunk exactly as bm25s does"
    )


def test_bm25_weights_are_made_on_first_use(built_index: Settings) -> None:
    from assistant.lexical import lexical_tokens

    bm25 = load_index(built_index.index_dir).bm25
    assert not any(bm25._weights), "opening weighs no posting"
    bm25.scores(lexical_tokens("abandonment"))
    assert sum(len(kept) for kept in bm25._weights) == 1, "a query weighs its own term only"


def test_texts_are_read_on_first_use(built_index: Settings) -> None:
    loaded = load_index(built_index.index_dir)
    texts = loaded.data.texts
    assert isinstance(texts, index_module.LazyTexts) and not texts._read, "nothing read at load"
    doc_id = loaded.data.documents[0].doc_id
    assert texts[doc_id][:20] and list(texts._read) == [doc_id], "one text read when asked for"


def test_vectors_are_held_once(original: LoadedIndex) -> None:
    assert original.faiss_index is original.data.vectors, "one object searches and reads rows"
    row = original.data.vectors[3]
    base = row  # a plain array over the mapping (no np.memmap hooks per row), not a copy
    while isinstance(base, np.ndarray):
        base = base.base
    assert isinstance(base, mmap.mmap) and not row.flags["OWNDATA"], (
        "exact search reads the segment's mapped file, not a copy of it"
    )


@pytest.mark.parametrize(
    ("chunks", "threshold", "kind"),
    [
        (426, 200_000, "flat"),
        (199_999, 200_000, "flat"),
        (200_000, 200_000, "hnsw"),
        (10, 5, "hnsw"),
    ],
)
def test_ann_kind_by_size(chunks: int, threshold: int, kind: str) -> None:
    assert index_module.AnnParams(threshold=threshold).kind_for(chunks) == kind


def test_default_corpus_stays_exact(original: LoadedIndex) -> None:
    assert original.data.manifest.ann == {"kind": "flat"}, "426 chunks are searched exactly"


def test_hnsw_index_round_trip(original: LoadedIndex, tmp_path: Path) -> None:
    ann = index_module.AnnParams(threshold=100, m=16, ef_construction=80, ef_search=128)
    save_index(original.data, tmp_path / "index", ann)
    loaded = load_index(tmp_path / "index")
    manifest = loaded.data.manifest
    query = original.data.vectors[7:8]
    _, exact = original.faiss_index.search(query, 10)
    _, approximate = loaded.faiss_index.search(query, 10)
    assert (manifest.ann["kind"], manifest.ann["m"], loaded.faiss_index.hnsw.efSearch) == (
        "hnsw",
        16,
        128,
    ), f"the HNSW graph and its parameters are saved: {manifest.ann}"
    assert len(set(exact[0]) & set(approximate[0])) >= 9, "HNSW finds the exact top 10"


def test_hnsw_vectors_are_mapped_from_the_file_not_copied(
    original: LoadedIndex, tmp_path: Path
) -> None:
    import faiss

    ann = index_module.AnnParams(threshold=100, m=16, ef_construction=40, ef_search=64)
    save_index(original.data, tmp_path / "index", ann)
    loaded = load_index(tmp_path / "index")
    storage = faiss.downcast_index(loaded.faiss_index.storage)
    assert not storage.codes.is_owned, "the HNSW vectors are a view of the mapped file"
    assert not loaded.faiss_index.hnsw.neighbors.is_owned, "so is its graph"
    assert np.array_equal(loaded.data.vectors, original.data.vectors), (
        "the mapped vectors are the saved ones, row for row"
    )


def test_removing_a_document_relinks_its_segment(
    index_copy: Settings, original: LoadedIndex
) -> None:
    from assistant.index import update_index

    kept = read_manifest(index_copy.index_dir).segments[0]["name"]
    inode = (generation(index_copy) / kept / "chunk_strings.npy").stat().st_ino
    only = without_document(original.data, DROPPED)
    nothing_added = IndexData(only.manifest, (), {}, (), only.vectors[:0])
    update_index(index_copy.index_dir, only.manifest, frozenset({DROPPED}), nothing_added)
    after = load_index(index_copy.index_dir)
    assert after.data.manifest.segments == [{"name": kept, "removed": [DROPPED]}], (
        f"the removed document is listed against its segment: {after.data.manifest.segments}"
    )
    assert after.chunks == only.chunks, "the live chunks are the old ones less the document's"
    assert (after.path / kept / "chunk_strings.npy").stat().st_ino == inode, (
        "the unchanged segment's files are hard-linked, not rewritten"
    )


def only_document(data: IndexData, doc_id: str) -> IndexData:
    """One document of an index with its chunks and vectors, as an ingest would add it."""
    keep = [i for i, c in enumerate(data.chunks) if c.doc_id == doc_id]
    return IndexData(
        data.manifest,
        tuple(d for d in data.documents if d.doc_id == doc_id),
        {doc_id: data.texts[doc_id]},
        tuple(data.chunks[i] for i in keep),
        data.vectors[keep],
    )


def test_segments_past_the_limit_are_merged_into_one_with_the_same_rows(
    original: LoadedIndex, copy_built_index: Callable[[Path], Settings], tmp_path: Path
) -> None:
    from assistant.index import update_index

    other = next(d.doc_id for d in original.data.documents if d.doc_id != DROPPED)
    nothing = IndexData(original.data.manifest, (), {}, (), original.data.vectors[:0])
    steps = [  # removed, added: three segments after the last step
        (frozenset({DROPPED}), nothing),
        (frozenset(), only_document(original.data, DROPPED)),
        (frozenset({other}), only_document(original.data, other)),
    ]
    loaded = []
    for name, limit in (("kept", 100), ("merged", 2)):
        settings = copy_built_index(tmp_path / name)
        for removed, added in steps:
            update_index(
                settings.index_dir, original.data.manifest, removed, added, max_segments=limit
            )
        loaded.append(load_index(settings.index_dir))
    kept, merged = loaded
    assert (len(kept.data.manifest.segments), len(merged.data.manifest.segments)) == (3, 1), (
        "past the limit the segments are merged into one"
    )
    assert [p.name for p in merged.path.iterdir() if p.is_dir()] == [
        merged.data.manifest.segments[0]["name"]
    ], "the merged generation holds only the new segment"
    assert merged.chunks == kept.chunks, "the same live chunks, in the same order"
    assert merged.data.documents == kept.data.documents
    assert all(merged.data.texts[d] == kept.data.texts[d] for d in kept.data.texts)
    assert np.array_equal(merged.data.vectors, kept.data.vectors)
    tokens = ["abandoned", "calls", "101"]
    assert np.array_equal(merged.bm25.scores(tokens), kept.bm25.scores(tokens)), "same BM25"
    for chunk_id in kept.chunk_pos:
        a, b = kept.pieces[chunk_id], merged.pieces[chunk_id]
        assert kept.pieces.vectors.spans(a) == merged.pieces.vectors.spans(b), chunk_id
        assert np.array_equal(kept.pieces.vectors[a], merged.pieces.vectors[b]), chunk_id

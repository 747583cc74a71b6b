"""`assistant bench --scale N`: build a synthetic corpus of about N chunks and measure ingest,
start-up, memory, warm latency by stage, a 10-claim check and approximate-search recall.

Every time is also given as a ratio to the bare query encode measured in the same run, so
runs on busy and quiet machines compare. Asking is measured in a fresh process, so its
start-up time and memory are what a user's process would see, not the builder's.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.bench import BENCH_QUESTIONS, _percentile
from assistant.config import PROJECT_ROOT, Settings, load_settings
from assistant.embed import Embedder

if TYPE_CHECKING:
    from assistant.ingest import IngestReport

CHECK_DRAFT = (
    "The inspection found that 33.4% of 101 calls were abandoned in 2023. "
    "It also said that 84.5% of 999 calls were answered within 10 seconds. "
    "The force was given 14 areas for improvement in the 2023-25 inspection. "
    "Its crime recording compliance rate stood at 96.7%. "
    "Officers issued 107 domestic violence prevention notices. "
    "The courts granted 100 domestic violence protection orders. "
    "The 101 abandonment rate fell from 18 percent in 2017 to 7 percent. "
    "There were 2,093 responses to the staff survey. "
    "Spending was £4.9m above the average for similar forces. "
    "The force managed 1,800 registered sex offenders."
)
"""Ten figure-bearing sentences in the style of a panel paper (the check10 measurement)."""
TARGET_CHUNKS = 100
"""The size of the document added during the run (the issue's "add one ~100-chunk document")."""
SYNTHETIC_NOTE = "the line below was measured on synthetic vectors (see 'vectors:' above)"
"""Printed before the summary line, which keeps the issue's format for scripts that read it."""
EF_SEARCH_SWEEP = (16, 32, 64, 96, 128, 192, 256, 384, 512)
"""efSearch values whose recall@10 and search time the bench reports (the trade-off table)."""
RECALL_QUESTIONS = 600
"""Real questions ANN recall@10 is measured on. 600 give it to about +/-0.01 at 0.95 (binomial);
the whole gold set (3,000 and growing) cost each run about 50 s of encoding and searching for
no more information."""
BUILD_BATCH_DOCUMENTS = 250
"""Fewest variant documents (about 21k chunks) written and ingested together while building the
synthetic corpus. The build holds one batch's documents, chunks and piece vectors at a time,
not the whole corpus's: built in one ingest, 1M chunks ran out of 24 GB."""


class TimedEmbedder:
    """Passes through to an embedder and adds up the seconds its document batches take."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name, self.checksum, self.dimension = inner.name, inner.checksum, inner.dimension
        self.seconds = 0.0

    def embed_documents(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        started = time.perf_counter()
        vectors = self.inner.embed_documents(texts, progress)
        self.seconds += time.perf_counter() - started
        return vectors

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)


@dataclass(frozen=True, slots=True)
class SyntheticBuild:
    """What building the synthetic index reports: the last batch's ingest (whose document and
    chunk counts are the whole index's), the seconds spent in ingest over all batches (not in
    writing the variant files, as before batching), and how many batches (segments) it took."""

    report: IngestReport
    seconds: float
    batches: int


def variant_batches(count: int, smallest: int, most: int) -> list[range]:
    """Variant numbers 0 to `count` - 1 as consecutive batches, each ingested as one segment:
    `smallest` numbers a batch or more (the last may have fewer), and at most `most` batches,
    so the built index holds no more segments than an ingest leaves unmerged."""
    size = max(smallest, math.ceil(count / max(most, 1)), 1)
    return [range(start, min(count, start + size)) for start in range(0, count, size)]


def build_synthetic_index(
    run: Settings,
    sources: Sequence[tuple[str, str]],
    source_force: str,
    count: int,
    embedder: Embedder,
) -> SyntheticBuild:
    """Write the `count` variants of `sources` into `run.corpus_dir` and ingest them batch by
    batch, each batch appended as a segment the way an incremental ingest appends, so memory
    holds one batch's intermediate objects, not every batch's. Batches leave one segment free
    for the document the bench adds, so that ingest appends without merging, as it would in
    use. The approximate index, when the final size calls for one, is built once, by the last
    batch's ingest (earlier ones are held to exact search: no graph rebuilt per batch)."""
    from assistant.ingest import ingest
    from assistant.synthetic import write_variants

    batches = variant_batches(count, BUILD_BATCH_DOCUMENTS, run.max_segments - 1)
    exact = run.with_overrides(ann_threshold=sys.maxsize)
    seconds = 0.0
    report = None
    for number, batch in enumerate(batches, start=1):
        for _ in write_variants(sources, run.corpus_dir, batch.stop, source_force, batch.start):
            pass
        started = time.perf_counter()
        report = ingest(run if number == len(batches) else exact, embedder=embedder)
        seconds += time.perf_counter() - started
    if report is None:
        raise ValueError("no variants to build a synthetic index from")
    return SyntheticBuild(report, seconds, len(batches))


def run_scale_benchmark(
    settings: Settings, scale: int, synthetic_vectors: bool = False, rounds: int = 5
) -> str:
    from assistant.chunk import chunk_document
    from assistant.embed import MiniLMEmbedder
    from assistant.ingest import build_document, ingest
    from assistant.load import list_corpus, load_file, read_catalogue
    from assistant.model_files import WordPieceCounter
    from assistant.synthetic import (
        VariantVectors,
        indexed_references,
        most_named_force,
        write_variants,
    )

    real = MiniLMEmbedder(batch_size=settings.embed_batch_size)
    catalogue = read_catalogue(settings.corpus_dir)
    counter = WordPieceCounter()
    sources: list[tuple[str, str]] = []
    sizes: list[int] = []
    for path in list_corpus(settings.corpus_dir):
        raw = load_file(path, settings.corpus_dir.parent)
        document = build_document(raw, path.stem, catalogue.get(path.name))
        sources.append((path.stem, document.text))
        sizes.append(
            len(
                chunk_document(
                    document, counter, settings.chunk_max_tokens, settings.chunk_min_tokens
                )
            )
        )
    if not sources:
        return f"no documents in {settings.corpus_dir} to make variants of"
    count = max(1, math.ceil(scale * len(sources) / sum(sizes)))
    added = min(range(len(sources)), key=lambda i: abs(sizes[i] - TARGET_CHUNKS))
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="assistant-scale-") as folder:
        root = Path(folder)
        run = settings.with_overrides(corpus_dir=root / "corpus", index_dir=root / "index")
        source_force = most_named_force(text for _, text in sources)
        held = next(write_variants([sources[added]], root / "held", count + added + 1))
        builder: Embedder = real
        if synthetic_vectors:
            from assistant.index import load_index

            builder = VariantVectors(
                real, indexed_references(load_index(settings.index_dir)), [source_force]
            )
        build = build_synthetic_index(run, sources, source_force, count, builder)
        report, full_seconds = build.report, build.seconds
        if isinstance(builder, VariantVectors):
            lines.append(
                f"vectors: synthetic, not embedded: each text's vector is the real embedding of "
                f"the text in {settings.index_dir} it is a variant of ({builder.matched} matched "
                f"with figures and force names masked, {builder.nearest} by most shared words) "
                f"plus seeded noise at cosine {builder.cosine:.2f} to it; questions are embedded "
                "for real, and so is the added document"
            )
        lines.append(
            f"synthetic corpus: {report.documents} variants of {len(sources)} documents, "
            f"{report.chunks} chunks"
        )
        lines.append(
            f"full ingest: {full_seconds:.1f} s, {report.chunks / full_seconds:.0f} chunks/s"
            + (" (no embedding)" if synthetic_vectors else "")
        )
        lines.append(
            f"synthetic build: {build.batches} batches of variants, each ingested as a segment; "
            f"peak rss of the building process {_rss_mb('VmHWM:'):.0f} MB"
        )
        measured = _measure_in_child(run, rounds)
        shutil.copy(held, run.corpus_dir / held.name)
        timed = TimedEmbedder(real)
        started = time.perf_counter()
        after = ingest(run, embedder=timed)
        add_seconds = time.perf_counter() - started
        overhead = add_seconds - timed.seconds
        lines.append(
            f"incremental ingest: add one {after.embedded_chunks}-chunk document "
            f"{add_seconds:.1f} s, of which embedding {timed.seconds:.1f} s; "
            f"overhead {overhead:.1f} s"
        )
    lines.extend(_measured_lines(measured))
    encode = measured["encode_p95"]
    if synthetic_vectors:
        lines.append(SYNTHETIC_NOTE)
    lines.append(
        f"scale {scale}: ask p95 {measured['stages']['total'][1] / encode:.1f}x encode, "
        f"open {measured['open']:.1f} s, rss {measured['rss_mb']:.0f} MB, "
        f"add-one overhead {overhead:.1f} s, check10 {measured['check10'] / encode:.1f}x encode, "
        f"ann recall@10 {measured['recall']:.2f}"
    )
    return "\n".join(lines)


def _measured_lines(measured: dict[str, Any]) -> list[str]:
    encode50, encode95 = measured["encode_p50"], measured["encode_p95"]
    lines = [
        f"model load {measured['model_load']:.1f} s; Engine.open {measured['open']:.2f} s beyond it; "
        f"rss after asking and checking {measured['rss_mb']:.0f} MB "
        f"(anonymous {measured.get('rss_anon_mb', float('nan')):.0f}, "
        f"file pages {measured.get('rss_file_mb', float('nan')):.0f}; "
        f"{measured.get('rss_open_mb', float('nan')):.0f} MB after opening)",
        f"{'stage':<10} {'p50 ms':>8} {'p95 ms':>8} {'p50 x':>7} {'p95 x':>7}  (x: / bare encode)",
        f"{'encode':<10} {encode50:8.1f} {encode95:8.1f} {1:7.1f} {1:7.1f}",
    ]
    for stage, (p50, p95) in measured["stages"].items():
        lines.append(
            f"{stage:<10} {p50:8.1f} {p95:8.1f} {p50 / encode50:7.1f} {p95 / encode95:7.1f}"
        )
    lines.append(f"check10    {measured['check10']:8.1f} ms (a 10-claim draft, median of 3)")
    lines.append(
        f"dense index {measured['ann']}; HNSW ({measured['ann_how']}): recall@10 against exact "
        f"{measured['recall']:.2f}, search p95 {measured['ann_p95']:.1f} ms on one thread "
        f"({measured['recall_queries']} real questions)"
    )
    lines.extend(sweep_lines(measured["ann_sweep"], encode95))
    return lines


def _measure_in_child(settings: Settings, rounds: int) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "assistant.bench_scale",
        str(settings.corpus_dir),
        str(settings.index_dir),
        str(rounds),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def measure_asking(settings: Settings, rounds: int) -> dict[str, Any]:
    """Open an engine and time warm asks by stage, bare encodes, a 10-claim check and ANN recall."""
    from assistant.embed import MiniLMEmbedder
    from assistant.engine import Engine

    started = time.perf_counter()
    embedder = MiniLMEmbedder(batch_size=settings.embed_batch_size)
    model_load = time.perf_counter() - started
    started = time.perf_counter()
    engine = Engine.open(settings, embedder)
    opened = time.perf_counter() - started
    rss_open = _rss_mb()
    for question in BENCH_QUESTIONS:  # warm-up: first passes pay for lazy initialisation
        engine.ask(question)
        embedder.embed_query(question)
    stages: dict[str, list[float]] = {"retrieve": [], "answer": [], "verify": [], "total": []}
    encodes: list[float] = []
    for _ in range(rounds):
        for question in BENCH_QUESTIONS:
            started = time.perf_counter()
            embedder.embed_query(question)
            encodes.append((time.perf_counter() - started) * 1000)
            answer = engine.ask(question)
            for stage in stages:
                stages[stage].append(answer.timings_ms[stage])
    engine.check(CHECK_DRAFT)
    checks = []
    for _ in range(3):
        started = time.perf_counter()
        engine.check(CHECK_DRAFT)
        checks.append((time.perf_counter() - started) * 1000)
    rss, anonymous, file_pages = _rss_mb(), _rss_mb("RssAnon:"), _rss_mb("RssFile:")
    recall, ann_p95, queries, how, sweep = _ann_recall(engine)
    kind = engine.index.data.manifest.ann.get("kind", "flat")
    return {
        "model_load": model_load,
        "open": opened,
        "rss_mb": rss,
        "rss_open_mb": rss_open,
        "rss_anon_mb": anonymous,
        "rss_file_mb": file_pages,
        "encode_p50": _percentile(encodes, 0.5),
        "encode_p95": _percentile(encodes, 0.95),
        "stages": {s: (_percentile(v, 0.5), _percentile(v, 0.95)) for s, v in stages.items()},
        "check10": sorted(checks)[1],
        "recall": recall,
        "ann": kind,
        "ann_p95": ann_p95,
        "recall_queries": queries,
        "ann_how": how,
        "ann_sweep": sweep,
    }


def _ann_recall(
    engine: Any,
) -> tuple[float, float, int, str, list[tuple[int, float, float, float]]]:
    """Recall@10 of HNSW against exact search for real questions (the bench's and the gold
    set's, embedded by the engine's model), at the settings' efSearch and across
    EF_SEARCH_SWEEP; below the ANN threshold an HNSW graph is built here with the settings'
    parameters, to show what it would give."""
    import faiss

    vectors = np.asarray(engine.index.data.vectors)  # exact search's rows, gathered for FAISS
    queries = engine.embedder.embed_queries(bench_queries())
    index = engine.index.faiss_index
    how = "saved"
    if not hasattr(index, "hnsw"):
        settings = engine.settings
        started = time.perf_counter()
        index = faiss.IndexHNSWFlat(vectors.shape[1], settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = settings.hnsw_ef_construction
        index.add(vectors)
        index.hnsw.efSearch = settings.hnsw_ef_search
        how = f"built here in {time.perf_counter() - started:.0f} s"
    ef_search = int(index.hnsw.efSearch)
    sweep = ann_sweep(index, vectors, queries, sorted({*EF_SEARCH_SWEEP, ef_search}))
    index.hnsw.efSearch = ef_search
    recall, p95 = next((r, t) for ef, r, _, t in sweep if ef == ef_search)
    return recall, p95, len(queries), how, sweep


def bench_queries(most: int = RECALL_QUESTIONS) -> list[str]:
    """The bench's questions and the gold set's, once each, at most `most`: real questions to
    measure recall by. Gold questions are taken evenly across the file (every n-th), so the
    sample spans every set folded in, not only the first."""
    questions = dict.fromkeys(BENCH_QUESTIONS)
    gold = PROJECT_ROOT / "eval" / "gold.jsonl"
    room = most - len(questions)
    if gold.is_file() and room > 0:
        asked = [
            json.loads(line)["question"]
            for line in gold.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        for question in asked[:: math.ceil(len(asked) / room) or 1]:
            questions.setdefault(question)
    return list(questions)[:most]


def ann_sweep(
    index: Any, vectors: np.ndarray, queries: np.ndarray, ef_values: Sequence[int]
) -> list[tuple[int, float, float, float]]:
    """(efSearch, recall@10 against exact search, search p50 and p95 ms on one thread) for each
    value (the p50 shows the search's own cost when a busy machine inflates the p95)."""
    import faiss

    queries = np.ascontiguousarray(queries, dtype=np.float32)
    _, truth = faiss.knn(queries, vectors, 10, metric=faiss.METRIC_INNER_PRODUCT)
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    rows = []
    try:
        for ef in ef_values:
            index.hnsw.efSearch = ef
            times, hits = [], []
            for query, expected in zip(queries, truth, strict=True):
                started = time.perf_counter()
                _, ids = index.search(query.reshape(1, -1), 10)
                times.append((time.perf_counter() - started) * 1000)
                hits.append(len(set(ids[0]) & set(expected)) / 10)
            rows.append(
                (ef, float(np.mean(hits)), _percentile(times, 0.5), _percentile(times, 0.95))
            )
    finally:
        faiss.omp_set_num_threads(threads)
    return rows


def sweep_lines(sweep: Sequence[tuple[int, float, float, float]], encode: float) -> list[str]:
    lines = [f"{'efSearch':>8} {'recall@10':>9} {'p50 ms':>7} {'p95 ms':>7} {'p95 x':>6}"]
    lines += [f"{ef:8d} {r:9.3f} {m:7.2f} {t:7.2f} {t / encode:6.2f}" for ef, r, m, t in sweep]
    return lines


def run_ann_benchmark(settings: Settings, count: int) -> str:
    """Approximate search alone at `count` rows: HNSW build time, and recall@10 against exact
    search and single-query search time across efSearch, for real questions, on vectors
    clustered around the real index's chunk and piece vectors (`synthetic.clustered_vectors`,
    the shape `bench --scale --synthetic-vectors` stores) without chunking a corpus."""
    import faiss

    from assistant.embed import MiniLMEmbedder
    from assistant.index import load_index
    from assistant.synthetic import VARIANT_COSINE, clustered_vectors, indexed_references

    centres = np.stack([vector for _, vector in indexed_references(load_index(settings.index_dir))])
    vectors = clustered_vectors(centres, count)
    embedder = MiniLMEmbedder(batch_size=settings.embed_batch_size)
    queries = embedder.embed_queries(bench_queries())
    threads = os.cpu_count() or 1
    faiss.omp_set_num_threads(threads)  # the build may use every core
    started = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(vectors.shape[1], settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = settings.hnsw_ef_construction
    hnsw.add(vectors)
    built = time.perf_counter() - started
    sweep = ann_sweep(hnsw, vectors, queries, sorted({*EF_SEARCH_SWEEP, settings.hnsw_ef_search}))
    flat_times = []
    faiss.omp_set_num_threads(1)
    for query in queries[:20]:  # exact search is slow at this size: a few queries time it
        started = time.perf_counter()
        faiss.knn(query.reshape(1, -1), vectors, 10, metric=faiss.METRIC_INNER_PRODUCT)
        flat_times.append((time.perf_counter() - started) * 1000)
    faiss.omp_set_num_threads(threads)
    for question in BENCH_QUESTIONS:
        embedder.embed_query(question)
    encodes = []
    for question in BENCH_QUESTIONS * 3:
        started = time.perf_counter()
        embedder.embed_query(question)
        encodes.append((time.perf_counter() - started) * 1000)
    encode = _percentile(encodes, 0.95)
    recall, ann95 = next((r, t) for ef, r, _, t in sweep if ef == settings.hnsw_ef_search)
    flat95 = _percentile(flat_times, 0.95)
    return "\n".join(
        [
            f"vectors: {count} unit vectors around {len(centres)} chunk and statement vectors of "
            f"{settings.index_dir} (seeded noise, mean cosine {VARIANT_COSINE:.2f} to their "
            f"centre); {len(queries)} real questions as queries",
            f"HNSW m {settings.hnsw_m}, efConstruction {settings.hnsw_ef_construction}: built in "
            f"{built:.0f} s on {threads} threads; efSearch {settings.hnsw_ef_search}",
            f"bare query encode p95 {encode:.1f} ms; one thread: HNSW search p95 {ann95:.2f} ms, "
            f"exact search p95 {flat95:.1f} ms",
            *sweep_lines(sweep, encode),
            f"ann {count}: build {built:.0f} s, recall@10 {recall:.3f}, search p95 "
            f"{ann95 / encode:.2f}x encode, exact search p95 {flat95 / encode:.1f}x encode",
        ]
    )


def _rss_mb(field: str = "VmRSS:") -> float:
    """Resident memory, or one part of it: "RssAnon:" (this process's own) or "RssFile:" (pages
    of mapped files, such as the exact search's vectors: shared and reclaimable)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    corpus_dir, index_dir, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    settings = load_settings(corpus_dir=corpus_dir, index_dir=index_dir)
    print(json.dumps(measure_asking(settings, rounds)))

"""assistant/bench_scale.py and assistant/synthetic.py: the synthetic corpus and `bench --scale`."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from conftest import RunCli, SettingsFor

from assistant import bench_scale
from assistant.bench import BENCH_QUESTIONS
from assistant.bench_scale import (
    SyntheticBuild,
    bench_queries,
    build_synthetic_index,
    variant_batches,
)
from assistant.config import Settings
from assistant.embed import MiniLMEmbedder
from assistant.engine import Engine
from assistant.index import LoadedIndex, load_index
from assistant.synthetic import (
    VARIANT_COSINE,
    VariantVectors,
    clustered_vectors,
    indexed_references,
    variant_text,
    write_variants,
)
from assistant.types import Document

LAST_LINE = re.compile(
    r"scale 2000: ask p95 \d+\.\dx encode, open \d+\.\d s, rss \d+ MB, "
    r"add-one overhead -?\d+\.\d s, check10 \d+\.\dx encode, ann recall@10 [01]\.\d\d"
)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("Kent Police in Kent.", 0, "Essex Police in Essex."),
        ("Kent Police in Kent.", 1, "Surrey Police in Surrey."),
        ("Kentish towns", 0, "Kentish towns"),  # only the whole word is the force
        ("the 2019 report", 0, "the 2016 report"),  # variant 0 moves years back three
        ("from 2018/19 to 2023-25", 0, "from 2015/16 to 2020-22"),  # short ends move too
    ],
)
def test_variant_text_changes_force_and_years(text: str, number: int, expected: str) -> None:
    assert variant_text(text, "Kent", number) == expected


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("a rate of 33.4% was", r"a rate of \d+\.\d% was"),  # one decimal stays one decimal
        ("2,093 staff replied", r"\d{1,3}(,\d{3})* staff replied"),  # thousands keep their comma
        ("107 notices", r"\d+ notices"),
    ],
)
def test_variant_text_keeps_figure_formats(text: str, pattern: str) -> None:
    changed = [variant_text(text, "Kent", n) for n in range(5)]
    assert all(re.fullmatch(pattern, c) for c in changed), changed
    assert len(set(changed)) > 1, f"the figures vary between variants: {changed}"


def test_bench_scale_smoke(built_index: Settings, run_cli: RunCli) -> None:
    result = run_cli(
        built_index, "bench", "--scale", "2000", "--synthetic-vectors", "--rounds", "1"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert LAST_LINE.fullmatch(lines[-1]), f"the last line reads like the issue's: {lines[-1]!r}"
    assert lines[0].startswith("vectors: synthetic, not embedded"), (
        f"the output says first how the stored vectors were made: {lines[0]!r}"
    )
    assert "synthetic vectors" in lines[-2], (
        f"the line before the summary says it was measured on synthetic vectors: {lines[-2]!r}"
    )
    assert re.fullmatch(r" *512 +[01]\.\d{3}( +\d+\.\d\d){3}", lines[-3]), (
        f"the line before the note ends the efSearch trade-off table: {lines[-12:]}"
    )


def test_bench_scale_refuses_a_non_positive_size(built_index: Settings, run_cli: RunCli) -> None:
    result = run_cli(built_index, "bench", "--scale", "0")
    assert result.returncode == 1 and result.stderr.strip().startswith("error: --scale"), (
        result.stderr
    )


@pytest.mark.parametrize("cosine", [0.94, 0.8])
def test_clustered_vectors_lie_at_the_asked_cosine_to_their_centre(cosine: float) -> None:
    centres = np.eye(4, 384, dtype=np.float32)  # four orthogonal unit centres
    rows = clustered_vectors(centres, 2000, cosine=cosine, seed=3)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5), "unit vectors"
    nearest = (rows @ centres.T).max(axis=1)
    assert abs(float(nearest.mean()) - cosine) < 0.01, f"mean cosine {nearest.mean():.3f}"


def test_bench_ann_only_smoke(built_index: Settings, run_cli: RunCli) -> None:
    result = run_cli(built_index, "bench", "--scale", "3000", "--ann-only")
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(
        r"ann 3000: build \d+ s, recall@10 [01]\.\d{3}, search p95 \d+\.\d\dx encode, "
        r"exact search p95 \d+\.\dx encode",
        last,
    ), last


@pytest.mark.parametrize(
    ("variant", "source"),
    [
        ("Essex had 1,204 officers in 2019/20.", "Kent had 998 officers in 2016/17."),
        ("Avon and Somerset: 33.4%", "Kent: 28.7%"),  # a force of several words is one name
    ],
)
def test_variant_key_masks_figures_and_forces(
    embedder: MiniLMEmbedder, variant: str, source: str
) -> None:
    vectors = VariantVectors(embedder, [(source, np.eye(1, 384, dtype=np.float32)[0])], ["Kent"])
    assert vectors.key(variant) == vectors.key(source)


def test_variant_vectors_lie_near_their_source_embedding(
    engine: Engine, embedder: MiniLMEmbedder
) -> None:
    references = list(indexed_references(engine.index))
    made = VariantVectors(embedder, references, ["Kent"])
    keys = Counter(made.key(t) for t, _ in references)
    text, real = next(
        (t, v) for t, v in references if "Kent" in t and "1" in t and keys[made.key(t)] == 1
    )
    variant = variant_text(text, "Kent", 3)
    assert variant != text, "the variant differs from its source"
    (vector,) = made.embed_documents([variant])
    assert made.matched == 1 and made.nearest == 0, "the variant is matched by its masked text"
    assert abs(float(vector @ real) - VARIANT_COSINE) < 0.02, f"cosine {vector @ real:.3f}"
    assert np.array_equal(made.embed_documents([variant, "x"])[0], vector), (
        "a text's vector does not depend on the batch it comes in"
    )


def test_variant_vectors_fall_back_to_the_reference_sharing_most_words(
    engine: Engine, embedder: MiniLMEmbedder
) -> None:
    references = list(indexed_references(engine.index))
    made = VariantVectors(embedder, references, ["Kent"], cosine=0.999)
    text, real = max(references, key=lambda pair: len(pair[0]))
    (vector,) = made.embed_documents([text.replace(". ", ".\n", 1) + " Extra words."])
    assert made.nearest == 1, "a text no reference matches exactly is matched by its words"
    assert float(vector @ real) > 0.99, "it takes the vector of the reference it shares words with"


@pytest.mark.parametrize(
    ("count", "smallest", "most", "sizes"),
    [
        (1, 250, 7, [1]),  # fewer variants than a batch: one batch
        (250, 250, 7, [250]),
        (251, 250, 7, [250, 1]),  # the last batch takes what is left
        (1174, 250, 7, [250, 250, 250, 250, 174]),  # 100k chunks: batches of the smallest size
        (11700, 250, 7, [1672] * 6 + [1668]),  # 1M chunks: batches grow to stay within `most`
        (10, 3, 0, [10]),  # no segment to spare still builds, in one batch
        (0, 250, 7, []),
    ],
)
def test_variant_batches_cover_every_number_once_in_order(
    count: int, smallest: int, most: int, sizes: list[int]
) -> None:
    batches = variant_batches(count, smallest, most)
    assert [len(b) for b in batches] == sizes
    assert [n for b in batches for n in b] == list(range(count)), "consecutive, none twice"


def test_variants_written_in_batches_are_the_variants_written_at_once(tmp_path: Path) -> None:
    sources = [("a", "Kent had 998 officers in 2016."), ("b", "Kent: 28.7% in 2019/20.")]
    at_once = list(write_variants(sources, tmp_path / "once", 7, "Kent"))
    batched = [
        path
        for batch in variant_batches(7, 3, 7)
        for path in write_variants(sources, tmp_path / "batched", batch.stop, "Kent", batch.start)
    ]
    assert [p.name for p in batched] == [p.name for p in at_once]
    assert [p.read_text() for p in batched] == [p.read_text() for p in at_once]


def test_a_build_in_batches_holds_what_a_build_in_one_batch_holds(
    engine: Engine,
    embedder: MiniLMEmbedder,
    corpus_documents: dict[str, Document],
    settings_for: SettingsFor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shortest = sorted(corpus_documents.values(), key=lambda d: len(d.text))[:2]
    sources = [(d.doc_id, d.text) for d in shortest]
    references = list(indexed_references(engine.index))
    built: dict[int, tuple[SyntheticBuild, LoadedIndex]] = {}
    for smallest in (2, 100):  # three batches of two variants, then one of six
        monkeypatch.setattr(bench_scale, "BUILD_BATCH_DOCUMENTS", smallest)
        run = settings_for(tmp_path / str(smallest), ann_threshold=50)
        build = build_synthetic_index(
            run, sources, "Kent", 6, VariantVectors(embedder, references, ["Kent"])
        )
        index = load_index(run.index_dir)
        built[smallest] = (build, index)
    (batched, in_batches), (whole, at_once) = built[2], built[100]
    assert (batched.batches, whole.batches) == (3, 1)
    assert len(in_batches.data.manifest.segments) == 3, "one segment a batch"
    assert batched.report.chunks == whole.report.chunks == len(at_once.chunks)
    assert [d.doc_id for d in in_batches.data.documents] == [
        d.doc_id for d in at_once.data.documents
    ]
    assert list(in_batches.chunk_pos) == list(at_once.chunk_pos), "the same chunks, in order"
    assert np.allclose(np.asarray(in_batches.data.vectors), np.asarray(at_once.data.vectors))
    assert in_batches.data.manifest.ann["kind"] == "hnsw", "the last batch builds the graph"


@pytest.mark.parametrize("most", [600, 50])
def test_recall_questions_are_the_benchs_then_gold_spread_across_the_file(
    project_root: Path, most: int
) -> None:
    questions = bench_queries(most)
    gold = [
        json.loads(line)["question"]
        for line in (project_root / "eval" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(questions) <= most and len(set(questions)) == len(questions)
    assert questions[: len(BENCH_QUESTIONS)] == list(dict.fromkeys(BENCH_QUESTIONS))
    taken = [gold.index(q) for q in questions if q in gold and q not in BENCH_QUESTIONS]
    assert taken and max(taken) >= 0.9 * len(gold), "the last sets folded in are sampled too"
    assert min(taken) <= 0.1 * len(gold), "and the first"

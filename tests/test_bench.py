"""assistant/bench_scale.py and assistant/synthetic.py: the synthetic corpus and `bench --scale`."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest
from conftest import RunCli

from assistant.config import Settings
from assistant.embed import MiniLMEmbedder
from assistant.engine import Engine
from assistant.synthetic import (
    VARIANT_COSINE,
    VariantVectors,
    clustered_vectors,
    indexed_references,
    variant_text,
)

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

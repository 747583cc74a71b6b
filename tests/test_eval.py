"""Quality guard: the gold-set metrics must not fall below eval/floors.json.

Floors are set just under measured figures and only ever raised. The same
computation as `assistant eval`, on the session's index, writing nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.engine import Engine
from assistant.evaluate import (
    evaluate_claims,
    evaluate_questions,
    expected_in,
    is_relevant,
    load_gold,
    summarise,
)
from assistant.types import Chunk


@pytest.fixture(scope="module")
def metrics(engine: Engine, project_root: Path) -> dict[str, float]:
    results = evaluate_questions(engine, load_gold(project_root / "eval" / "gold.jsonl"))
    measured = summarise(results)
    claims = evaluate_claims(engine, project_root / "eval" / "claims.jsonl")
    if claims:
        measured["claim_accuracy"] = claims["accuracy"]
    return measured


def floors(project_root: Path) -> dict[str, float]:
    return json.loads((project_root / "eval" / "floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(floors(Path(__file__).resolve().parents[1])))
def test_metric_stays_above_its_floor(
    metrics: dict[str, float], project_root: Path, name: str
) -> None:
    floor = floors(project_root)[name]
    assert metrics[name] is not None and metrics[name] >= floor, (
        f"{name} = {metrics[name]} < {floor}"
    )


@pytest.mark.parametrize(
    ("expected", "text", "found"),
    [
        ("96.6 percent", "We found it to be 96.6% compliant", True),
        ("Requires Improvement", "Investigating crime – Requires improvement", True),
        ("2,093", "Responses were received from 2093 staff", True),
        ("33.4%", "an abandonment rate of 33.5%", False),
    ],
)
def test_expected_figures_match_by_value_and_grades_by_words(
    expected: str, text: str, found: bool
) -> None:
    assert expected_in(expected, text) is found


def test_relevance_needs_the_right_document(project_root: Path) -> None:
    gold = next(
        g for g in load_gold(project_root / "eval" / "gold.jsonl") if g.answerable and g.evidence
    )
    span = gold.evidence[0]
    right = Chunk("c", gold.docs[0], span, 0, len(span), None, None, None)
    wrong = Chunk("c", "some-other-document", span, 0, len(span), None, None, None)
    assert is_relevant(right, gold) and not is_relevant(wrong, gold)


def test_confusion_table_sets_tuned_on_and_sealed_side_by_side() -> None:
    from assistant.evaluate import confusion_lines

    tuned = {"confusion": {"supported->supported": 3, "contradicted->supported": 1}}
    sealed = {"confusion": {"not_found->not_found": 2}}
    lines = confusion_lines({"tuned-on": tuned, "sealed": sealed})
    assert lines[3] == "| contradicted | 1 | 0 | 0 | 0 | 0 | 0 |", lines


@pytest.mark.parametrize(
    ("prefix", "names"),
    [
        ("", {"claim_accuracy", "contradicted_marked_supported"}),
        ("sealed_", {"sealed_claim_accuracy", "sealed_contradicted_marked_supported"}),
    ],
)
def test_claim_metrics_are_named_per_set(prefix: str, names: set[str]) -> None:
    from assistant.evaluate import claim_metrics

    claims = {"accuracy": 0.5, "contradicted_marked_supported": 1}
    assert set(claim_metrics(prefix, claims)) == names


def test_missing_sealed_claims_file_is_skipped(engine: Engine, tmp_path: Path) -> None:
    assert evaluate_claims(engine, tmp_path / "sealed" / "claims.jsonl") is None

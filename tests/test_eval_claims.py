"""Quality guard: the claim verdicts, tuned-on and sealed, must stay within eval/floors.json.

Kept apart from test_eval.py (the gold questions) so the two run on parallel workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import CLAIM_METRICS, SEALED_CLAIMS, bounds, within

from assistant.engine import Engine
from assistant.evaluate import claim_metrics, evaluate_claims


@pytest.fixture(scope="module")
def claim_results(engine: Engine, project_root: Path) -> dict[str, Any]:
    measured = claim_metrics("", evaluate_claims(engine, project_root / "eval" / "claims.jsonl"))
    if SEALED_CLAIMS.is_file():
        measured |= claim_metrics("sealed_", evaluate_claims(engine, SEALED_CLAIMS))
    return measured


@pytest.mark.parametrize(
    ("name", "kind", "bound"), [b for b in bounds(None) if b[0] in CLAIM_METRICS]
)
def test_claim_metric_stays_within_its_bound(
    claim_results: dict[str, Any], name: str, kind: str, bound: float
) -> None:
    value = claim_results.get(name)
    assert within(value, kind, bound), f"{name} = {value}, {kind} {bound}"


@pytest.mark.parametrize(
    ("prefix", "names"),
    [
        ("", {"claim_accuracy", "contradicted_marked_supported"}),
        ("sealed_", {"sealed_claim_accuracy", "sealed_contradicted_marked_supported"}),
    ],
)
def test_claim_metrics_are_named_per_set(prefix: str, names: set[str]) -> None:
    claims = {"accuracy": 0.5, "contradicted_marked_supported": 1}
    assert set(claim_metrics(prefix, claims)) == names


def test_missing_sealed_claims_file_is_skipped(engine: Engine, tmp_path: Path) -> None:
    assert evaluate_claims(engine, tmp_path / "sealed" / "claims.jsonl") is None

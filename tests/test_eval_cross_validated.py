"""Quality guard: each gold question answered by the scorer of the fold that held it out must keep
the cross-validated metrics within eval/floors.json ("cross_validated")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import bounds, within

from assistant.engine import Engine
from assistant.evaluate import evaluate_cross_validated, load_gold, summarise
from assistant.scorer import load_scorer


@pytest.fixture(scope="module")
def cross_validated(engine: Engine, project_root: Path) -> dict[str, Any]:
    gold = load_gold(project_root / "eval" / "gold.jsonl")
    return summarise(evaluate_cross_validated(engine, gold, load_scorer()[1]))


@pytest.mark.parametrize(("name", "kind", "bound"), bounds("cross_validated"))
def test_cross_validated_metric_stays_within_its_bound(
    cross_validated: dict[str, Any], name: str, kind: str, bound: float
) -> None:
    value = cross_validated[name]
    assert within(value, kind, bound), f"out-of-fold {name} = {value}, {kind} {bound}"

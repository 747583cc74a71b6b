"""Quality guard: the sealed questions (eval/sealed/, never tuned on) must keep their metrics
within eval/floors.json ("sealed"). Their claims are guarded with the tuned-on ones
(test_eval.py: sealed_claim_accuracy)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import SEALED, bounds, within

from assistant.engine import Engine
from assistant.evaluate import evaluate_questions, load_gold, summarise


@pytest.fixture(scope="module")
def sealed(engine: Engine) -> dict[str, Any]:
    return summarise(evaluate_questions(engine, load_gold(SEALED), ablations=False))


@pytest.mark.skipif(not SEALED.is_file(), reason="no sealed question set here")
@pytest.mark.parametrize(("name", "kind", "bound"), bounds("sealed"))
def test_sealed_metric_stays_within_its_bound(
    sealed: dict[str, Any], name: str, kind: str, bound: float
) -> None:
    value = sealed[name]
    assert within(value, kind, bound), f"sealed {name} = {value}, {kind} {bound}"

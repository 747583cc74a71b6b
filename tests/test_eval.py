"""Quality guard: the gold-set metrics, tuned-on and cross-validated, must not fall below
eval/floors.json.

Floors are set just under measured figures and only ever raised. The same computation as
`assistant eval`, on the session's index, writing nothing: each gold question is answered by
the full scorer and then by the scorer fitted without its fold, from one reading and one search
(evaluate_with_folds), so both sections are guarded here. The sealed section is guarded in
test_eval_sealed.py and the claims in test_eval_claims.py, so a parallel worker can take them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import CLAIM_METRICS, bounds, within

from assistant.engine import Engine
from assistant.evaluate import (
    QuestionResult,
    evaluate_with_folds,
    expected_in,
    floor_breaches,
    is_relevant,
    load_gold,
    summarise,
)
from assistant.scorer import load_scorer
from assistant.types import Chunk


@pytest.fixture(scope="module")
def answered(
    engine: Engine, project_root: Path
) -> tuple[list[QuestionResult], list[QuestionResult]]:
    """Every gold question answered by the full scorer and out of fold (no retrieval ablations:
    no floor reads them)."""
    gold = load_gold(project_root / "eval" / "gold.jsonl")
    return evaluate_with_folds(engine, gold, load_scorer()[1], ablations=False)


@pytest.fixture(scope="module")
def gold_results(
    answered: tuple[list[QuestionResult], list[QuestionResult]],
) -> list[QuestionResult]:
    """Every gold question answered once, for the floors and for the figure check below."""
    return answered[0]


@pytest.fixture(scope="module")
def cross_validated(
    answered: tuple[list[QuestionResult], list[QuestionResult]],
) -> dict[str, Any]:
    return summarise(answered[1])


@pytest.fixture(scope="module")
def metrics(gold_results: list[QuestionResult]) -> dict[str, float]:
    return summarise(gold_results)


def test_every_figure_of_every_gold_answer_verifies(gold_results: list[QuestionResult]) -> None:
    unverified = [
        (r.gold.id, r.figures - r.verified) for r in gold_results if r.verified < r.figures
    ]
    assert unverified == []


@pytest.mark.parametrize(
    ("measured", "name", "kind", "bound"),
    [("metrics", *b) for b in bounds(None) if b[0] not in CLAIM_METRICS]
    + [("cross_validated", *b) for b in bounds("cross_validated")],
)
def test_metric_stays_within_its_bound(
    request: pytest.FixtureRequest, measured: str, name: str, kind: str, bound: float
) -> None:
    """Tuned-on (`metrics`) and out-of-fold (`cross_validated`) against their own bounds."""
    value = request.getfixturevalue(measured).get(name)
    assert within(value, kind, bound), f"{measured} {name} = {value}, {kind} {bound}"


@pytest.mark.parametrize(
    ("metrics", "floors_table", "broken"),
    [
        ({"a": 0.9}, {"a": 0.8}, 0),
        ({"a": 0.7}, {"a": 0.8}, 1),
        ({"w": 0.2}, {"ceilings": {"w": 0.1}}, 1),
        ({"a": 0.9}, {"sealed": {"a": 0.95}}, 0),  # no sealed run: nothing to guard
    ],
)
def test_floor_breaches_reads_floors_ceilings_and_sections(
    metrics: dict[str, float], floors_table: dict[str, Any], broken: int
) -> None:
    assert len(floor_breaches(metrics, floors_table, {"sealed": None})) == broken


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

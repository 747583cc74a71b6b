"""The fitted scorer: its file, its arithmetic and the threshold choice (stored pieces: test_piece_store)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.candidates import FEATURES
from assistant.engine import Engine
from assistant.errors import ConfigError
from assistant.evaluate import load_gold
from assistant.fit import choose_threshold, evidence_spans, is_positive
from assistant.scorer import Scorer, load_scorer, scorer_from_json, scorer_to_json

PANEL_2024 = "2024-02-06-panel-paper-peel-2023-25"


@pytest.mark.parametrize(
    ("best", "answerable", "caught", "expected"),
    [
        # Answerable questions score 0.6 and 0.8, unanswerable 0.1 and 0.2: cut between 0.2 and 0.6.
        ([0.6, 0.8, 0.1, 0.2], [True, True, False, False], [False] * 4, 0.4),
        # Everything answerable: answer everything.
        ([0.3, 0.5], [True, True], [False, False], 0.0),
        # The 0.2 question is refused by a fact already: the cut only has to pass 0.1.
        ([0.6, 0.8, 0.1, 0.2], [True, True, False, False], [False, False, False, True], 0.15),
        # Abstaining on the 0.3 answerable question (a quarter of them, x2.5) would cost more
        # than answering the 0.5 unanswerable one (half of them): cut between 0.1 and 0.3.
        (
            [0.3, 0.7, 0.8, 0.9, 0.5, 0.1],
            [True, True, True, True, False, False],
            [False] * 6,
            0.2,
        ),
    ],
)
def test_threshold_weighs_wrong_abstentions_against_answered_near_misses(
    best: list[float], answerable: list[bool], caught: list[bool], expected: float
) -> None:
    threshold = choose_threshold(np.array(best), np.array(answerable), np.array(caught))
    assert threshold == pytest.approx(expected)


def test_probability_is_the_logistic_of_the_scaled_features() -> None:
    n = len(FEATURES)
    scorer = Scorer(np.ones(n), np.full(n, 2.0), np.eye(n)[0] * 4.0, -1.0, 0.3)
    row = np.ones(n)
    row[0] = 3.0  # (3 - 1) / 2 * 4 - 1 = 3
    assert scorer.probabilities(row[None, :])[0] == pytest.approx(1 / (1 + np.exp(-3.0)))


def test_scorer_json_round_trip() -> None:
    n = len(FEATURES)
    scorer = Scorer(np.arange(n) / 7, np.ones(n), np.linspace(-1, 1, n), 0.25, 0.2)
    again = scorer_from_json(json.loads(json.dumps(scorer_to_json(scorer))), "test")
    row = np.linspace(0, 1, n)[None, :]
    assert again.probabilities(row)[0] == pytest.approx(scorer.probabilities(row)[0], abs=1e-5)


def test_scorer_fitted_on_other_features_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps({"features": ["dense_piece"], "coef": [1.0]}), encoding="utf-8")
    with pytest.raises(ConfigError, match="assistant fit"):
        load_scorer(path)


def test_the_package_scorer_has_a_threshold_and_held_out_folds() -> None:
    scorer, folds = load_scorer()
    assert 0.0 < scorer.threshold < 1.0
    held = [q for fold in folds for q in fold.held_out]
    assert len(folds) >= 2 and len(held) == len(set(held)), "each question in one fold"


def test_a_candidate_on_the_evidence_holding_the_figure_is_positive(
    engine: Engine, project_root: Path
) -> None:
    gold = next(g for g in load_gold(project_root / "eval" / "gold.jsonl") if g.id == "q001")
    read = engine.read(gold.question)
    _, candidates = engine.evidence(read)
    spans = evidence_spans(gold, engine.index.data.texts)
    positive = [c.text for c in candidates if is_positive(gold, c, spans)]
    assert positive and all("28.7%" in text for text in positive)

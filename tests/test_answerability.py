"""The answerability model's question rows and how a scorer file carries it."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from assistant.answerability import ANSWERABILITY_FEATURES, PLAUSIBLE, question_row
from assistant.candidates import FEATURES
from assistant.errors import ConfigError
from assistant.scorer import (
    Scorer,
    answerable_probabilities,
    load_scorer,
    scorer_from_json,
    scorer_to_json,
)

COLUMN = {name: FEATURES.index(name) for name in FEATURES}
OUT = {name: ANSWERABILITY_FEATURES.index(name) for name in ANSWERABILITY_FEATURES}


def candidate(**values: float) -> np.ndarray:
    """A feature row that can answer (period, figure and kind fit) with `values` set."""
    row = np.zeros(len(FEATURES))
    for name, value in values.items():
        row[COLUMN[name]] = value
    return row


def logit(p: float) -> float:
    return math.log(p / (1 - p))


@pytest.mark.parametrize(
    ("rows", "probabilities", "expected"),
    [
        # No candidates: nothing is plausible and the best is as unlikely as can be.
        ([], [], {"best": logit(1e-6), "second": logit(1e-6), "plausible": 0.0, "possible": 0.0}),
        # The best and second best by probability; the best's own features are copied.
        (
            [candidate(dense_piece=0.2), candidate(dense_piece=0.7, lexical_piece=0.4)],
            [0.1, 0.8],
            {
                "best": logit(0.8),
                "second": logit(0.1),
                "plausible": math.log1p(2),
                "best_dense_piece": 0.7,
                "best_lexical_piece": 0.4,
                "possible": math.log1p(2),
            },
        ),
        # A candidate that cannot answer (another period) is not the best even when it scores
        # highest, and its features are not read.
        (
            [candidate(period_fit=-1.0, dense_piece=0.9), candidate(dense_piece=0.3)],
            [0.9, 0.2],
            {
                "best": logit(0.2),
                "second": logit(1e-6),
                "best_dense_piece": 0.3,
                "possible": math.log1p(1),
            },
        ),
        # A statement saying what was asked is not held cannot answer, but how well it matches
        # the question is read: the documents' own word that the answer is not there.
        (
            [candidate(withheld=1.0, dense_piece=0.6), candidate(withheld=1.0, dense_piece=0.4)],
            [0.01, 0.01],
            {"withheld_match": 0.6, "best": logit(1e-6), "possible": 0.0},
        ),
        ([candidate(dense_piece=0.6)], [0.5], {"withheld_match": 0.0, "best": logit(0.5)}),
        # Plausible counts candidates at or above PLAUSIBLE only.
        (
            [candidate(), candidate(), candidate()],
            [PLAUSIBLE, PLAUSIBLE / 2, 0.5],
            {"plausible": math.log1p(2), "possible": math.log1p(3)},
        ),
    ],
)
def test_question_row(
    rows: list[np.ndarray], probabilities: list[float], expected: dict[str, float]
) -> None:
    matrix = np.array(rows).reshape(-1, len(FEATURES))
    row = question_row(matrix, np.array(probabilities))
    assert row.shape == (len(ANSWERABILITY_FEATURES),)
    for name, value in expected.items():
        assert row[OUT[name]] == pytest.approx(value, abs=1e-6), name


def _stacked(threshold: float) -> Scorer:
    n = len(ANSWERABILITY_FEATURES)
    coef = np.zeros(n)
    coef[OUT["best"]] = 1.0
    return Scorer(np.zeros(n), np.ones(n), coef, 0.0, threshold)


def _scorer(answerability: Scorer | None) -> Scorer:
    n = len(FEATURES)
    return Scorer(np.zeros(n), np.ones(n), np.zeros(n), 0.0, 0.1, answerability)


@pytest.mark.parametrize(
    ("best", "threshold", "answers"),
    [(0.9, 0.5, True), (0.2, 0.5, False), (0.5, 0.5, True)],
)
def test_a_question_is_answerable_when_its_stacked_probability_reaches_the_threshold(
    best: float, threshold: float, answers: bool
) -> None:
    # With coefficient 1 on the best logit and no intercept, the stacked probability is `best`.
    scorer = _scorer(_stacked(threshold))
    assert scorer.answers(candidate()[None, :], np.array([best])) is answers


def test_a_scorer_without_the_model_finds_every_question_answerable() -> None:
    assert _scorer(None).answers(candidate()[None, :], np.array([0.0001])) is True


def test_the_model_survives_the_json_round_trip() -> None:
    scorer = _scorer(_stacked(0.4))
    again = scorer_from_json(json.loads(json.dumps(scorer_to_json(scorer))), "test")
    assert again.answerability is not None
    assert again.answerability.threshold == pytest.approx(0.4)
    rows, p = candidate()[None, :], np.array([0.3])
    assert again.answers(rows, p) is scorer.answers(rows, p) is False


def test_a_model_fitted_on_other_question_features_is_refused() -> None:
    raw = scorer_to_json(_scorer(_stacked(0.4)))
    raw["answerability"]["features"] = ["best"]
    with pytest.raises(ConfigError, match="answerability fitted on other features"):
        scorer_from_json(raw, "scorer.json")


def test_the_package_scorer_and_each_fold_carry_the_model() -> None:
    """A threshold of 0 is the fit's finding that the model refuses no question the scorer's
    own threshold answers (the refit of 2026-11-30 on 3,534 questions chose it: out of fold the
    model changed nothing); the model is carried all the same, for a refit that finds it useful."""
    scorer, folds = load_scorer()
    assert scorer.answerability is not None and 0.0 <= scorer.answerability.threshold < 1.0
    assert all(f.scorer.answerability is not None for f in folds)


@pytest.mark.parametrize(
    ("best", "expected"),
    [(0.6, 1.0), (0.5, 1.0), (0.49, 0.0)],
)
def test_a_direct_answer_is_not_overruled_by_the_model(best: float, expected: float) -> None:
    # A model that finds nothing answerable (intercept far below zero) still leaves a question
    # whose best statement reaches DIRECT_ANSWER (0.5) answerable.
    n = len(ANSWERABILITY_FEATURES)
    never = Scorer(np.zeros(n), np.ones(n), np.zeros(n), -50.0, 0.5)
    row = question_row(candidate()[None, :], np.array([best]))[None, :]
    assert answerable_probabilities(never, row)[0] == pytest.approx(expected, abs=1e-9)

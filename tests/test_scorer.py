"""The fitted scorer: its file, its arithmetic and the threshold choice (stored pieces: test_piece_store)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import RunCli

from assistant.candidates import FEATURES
from assistant.config import Settings
from assistant.engine import Engine
from assistant.errors import ConfigError
from assistant.evaluate import GoldQuestion, load_gold
from assistant.fit import assign_folds, choose_threshold, evidence_spans, is_positive, run_fit
from assistant.scorer import Scorer, is_direct, load_scorer, scorer_from_json, scorer_to_json

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


def _gold(qid: str, evidence: tuple[str, ...]) -> GoldQuestion:
    return GoldQuestion(qid, f"question {qid}", "single_figure", bool(evidence), (), (), evidence)


@pytest.mark.parametrize(
    ("evidence", "together", "apart"),
    [
        # Two wordings of one evidence sentence (case and punctuation aside) are one group.
        ({"a": ("Calls: 92.3% answered.",), "b": ("calls 92.3% answered",), "c": ()}, "ab", "ac"),
        # A question with two spans joins the group of each.
        ({"a": ("one",), "b": ("one", "two"), "c": ("two",), "d": ("three",)}, "abc", "ad"),
    ],
)
def test_questions_sharing_evidence_are_held_out_together(
    evidence: dict[str, tuple[str, ...]], together: str, apart: str
) -> None:
    gold = [_gold(qid, spans) for qid, spans in evidence.items()]
    folds = dict(zip(evidence, assign_folds(gold, folds=2), strict=True))
    assert len({folds[q] for q in together}) == 1
    assert folds[apart[0]] != folds[apart[1]]


def test_folds_do_not_depend_on_the_order_of_the_gold_file(project_root: Path) -> None:
    gold = sorted(load_gold(project_root / "eval" / "gold.jsonl"), key=lambda g: g.id)
    forwards = dict(zip((g.id for g in gold), assign_folds(gold), strict=True))
    backwards = dict(zip((g.id for g in gold[::-1]), assign_folds(gold[::-1]), strict=True))
    # The fold numbers may differ; which questions are held out together may not.
    assert {frozenset(q for q in forwards if forwards[q] == f) for f in range(5)} == {
        frozenset(q for q in backwards if backwards[q] == f) for f in range(5)
    }


def test_a_fit_is_a_function_of_the_questions_not_their_order(
    engine: Engine, project_root: Path, tmp_path: Path
) -> None:
    lines = (project_root / "eval" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    chosen = lines[:20] + [line for line in lines if '"answerable": false' in line][:6]
    written = []
    for name, order in (("forwards", chosen), ("backwards", chosen[::-1])):
        (tmp_path / name).mkdir()
        gold = tmp_path / name / "gold.jsonl"
        gold.write_text("\n".join(order) + "\n", encoding="utf-8")
        run_fit([(engine, gold)], tmp_path / name / "scorer.json", folds=2)
        written.append((tmp_path / name / "scorer.json").read_text(encoding="utf-8"))
    assert written[0] == written[1]


def test_fit_names_a_malformed_extra_set_in_one_line(
    built_index: Settings, run_cli: RunCli, tmp_path: Path
) -> None:
    result = run_cli(
        built_index, "fit", "--also", "no-such-file.jsonl", "--out", str(tmp_path / "s.json")
    )
    assert result.returncode != 0 and "--also 'no-such-file.jsonl'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "s.json").exists()


@pytest.mark.parametrize(
    ("probability", "document_best", "answer_best", "direct"),
    [
        (0.55, 0.55, 0.9, True),  # more likely than not: direct whatever the rest
        (0.26, 0.26, 0.59, True),  # the best of a later paper restating the measure
        (
            0.16,
            0.26,
            0.59,
            True,
        ),  # within 0.6 of its document's best, over a quarter of the answer's
        (0.15, 0.26, 0.59, False),  # under 0.6 of its document's best
        (0.12, 0.12, 0.59, False),  # a document's lone statement under a quarter of the best
        (0.30, 0.59, 0.59, False),  # under 0.6 of the best of its own document
        (0.36, 0.59, 0.59, True),
    ],
)
def test_is_direct(
    probability: float, document_best: float, answer_best: float, direct: bool
) -> None:
    assert is_direct(probability, document_best, answer_best) is direct


def test_a_signed_fit_matches_the_free_fit_and_keeps_its_signs() -> None:
    from assistant.fit import fit_scorer, fit_signed_scorer

    rng = np.random.default_rng(0)
    rows = rng.normal(size=(400, 3))
    labels = (rows[:, 0] - rows[:, 1] + rng.normal(scale=0.5, size=400) > 0).astype(np.int64)
    free = fit_scorer(rows, labels)
    same = fit_signed_scorer(rows, labels, np.array([0, 0, 0]))
    assert np.allclose(free.coef, same.coef, atol=1e-3)
    assert abs(free.intercept - same.intercept) < 1e-3
    # the second input lowers the chance; kept to "up only" its weight is 0
    signed = fit_signed_scorer(rows, labels, np.array([1, 1, 0]))
    assert signed.coef[0] > 0 and signed.coef[1] == 0.0

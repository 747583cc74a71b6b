"""Fusion weights chosen by cross-validation on a gold set: each fold's questions are ranked
with the weights that did best on the other folds, so the hit@5 reported is out-of-fold.

Run `python -m assistant.retrieval_cv` (about two minutes on the default corpus); the folds
are the scorer's (`fit.assign_folds`: questions sharing evidence stay in one fold).
"""

from __future__ import annotations

import copy
import itertools
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.config import PROJECT_ROOT, Settings, load_settings
from assistant.evaluate import GoldQuestion, first_relevant_rank, load_gold
from assistant.types import Hit

if TYPE_CHECKING:
    from assistant.engine import Engine

MISSED = 99
"""The rank recorded for a question whose evidence is not in the top 10."""


@dataclass(frozen=True, slots=True)
class Weights:
    """The fusion weights tuned here (the lexical list weighs 1)."""

    dense: float
    piece: float
    coverage: float
    period: float


GRID = tuple(
    Weights(0.4, *w)
    for w in itertools.product((0.0, 0.4, 0.8, 1.2), (0.0, 0.4, 0.8), (0.0, 0.4, 0.8))
)
"""The dense weight stays at its earlier measured 0.4: a grid over it too (0.2/0.4/0.6, before
the period prior) chose 0.4 in most folds, and tripled the run."""


def hit_rate(ranks: np.ndarray, k: int = 5) -> float:
    return float((ranks <= k).mean()) if len(ranks) else 0.0


def cross_validate(
    ranks: Mapping[Weights, np.ndarray], fold_of: np.ndarray
) -> tuple[np.ndarray, list[Weights]]:
    """Out-of-fold first-relevant ranks, and the weights each fold was ranked with: those with
    the best hit@5 on the other folds (ties: the better MRR@10, then the earlier in `ranks`)."""
    out = np.full(len(fold_of), MISSED, dtype=np.int64)
    chosen: list[Weights] = []
    for fold in sorted(set(fold_of.tolist())):
        train = fold_of != fold

        def score(weights: Weights, train: np.ndarray = train) -> tuple[float, float]:
            r = ranks[weights][train]
            return hit_rate(r), float(np.where(r <= 10, 1.0 / r, 0.0).mean())

        best = max(ranks, key=score)
        out[~train] = ranks[best][~train]
        chosen.append(best)
    return out, chosen


def grid_ranks(
    settings: Settings, gold: Sequence[GoldQuestion], grid: Sequence[Weights] = GRID
) -> dict[Weights, np.ndarray]:
    """Each answerable question's first relevant rank in the top 10, per weights, searched as
    `ask` searches (the forces it asks about, their passages joined)."""
    from assistant.engine import Engine
    from assistant.glossary import expand_query

    base = Engine.open(settings)
    engines = {w: _sharing(base, _with(settings, w)) for w in grid}
    vectors = base.embedder.embed_queries([expand_query(g.question) for g in gold])
    ranks: dict[Weights, list[int]] = {w: [] for w in grid}
    for question, vector in zip(gold, vectors, strict=True):
        scopes = base.force_scopes(question.question)
        for weights, engine in engines.items():
            passages: list[Hit] = []
            for _, filters in scopes:
                hits = engine.search(question.question, None, filters, vector=vector)
                passages += [h for h in hits if h not in passages]
            ranks[weights].append(first_relevant_rank(passages, question) or MISSED)
    return {w: np.asarray(r, dtype=np.int64) for w, r in ranks.items()}


def _with(settings: Settings, weights: Weights) -> Settings:
    return settings.with_overrides(
        dense_weight=weights.dense,
        piece_weight=weights.piece,
        coverage_weight=weights.coverage,
        period_weight=weights.period,
    )


def _sharing(engine: Engine, settings: Settings) -> Engine:
    """The same engine (index and model) searching with other settings."""
    twin = copy.copy(engine)
    twin.settings = settings
    return twin


def main(gold_path: Path = PROJECT_ROOT / "eval" / "gold.jsonl") -> None:
    from assistant.fit import assign_folds

    gold = [g for g in load_gold(gold_path) if g.answerable]
    settings = load_settings()
    ranks = grid_ranks(settings, gold)
    plain = np.array([g.wording == "plain" for g in gold])
    current = Weights(
        settings.dense_weight,
        settings.piece_weight,
        settings.coverage_weight,
        settings.period_weight,
    )
    tuned = max(ranks, key=lambda w: hit_rate(ranks[w]))
    out, chosen = cross_validate(ranks, assign_folds(gold))
    for name, r in (
        ("current", ranks.get(current)),
        ("best tuned-on", ranks[tuned]),
        ("cross-validated", out),
    ):
        if r is not None:
            print(
                f"{name:<16} hit@5 {hit_rate(r):.3f}  plain {hit_rate(r[plain]):.3f}  "
                f"document {hit_rate(r[~plain]):.3f}  hit@10 {hit_rate(r, 10):.3f}"
            )
    print(f"current {current}; best tuned-on {tuned}")
    print("chosen per fold: " + "; ".join(str(w) for w in chosen))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT / "eval" / "gold.jsonl")

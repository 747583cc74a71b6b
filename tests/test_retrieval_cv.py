"""Cross-validation of fusion weights: each fold ranked with the weights chosen on the others."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.retrieval_cv import Weights, cross_validate, hit_rate

A = Weights(0.4, 0.0, 0.0, 0.0)
B = Weights(0.4, 0.8, 0.4, 0.8)


@pytest.mark.parametrize(
    ("a", "b", "folds", "out", "chosen"),
    [
        # A wins everywhere: every fold is ranked with A
        ([1, 1, 1, 1], [9, 9, 9, 9], [0, 0, 1, 1], [1, 1, 1, 1], [A, A]),
        # each wins only its own fold: chosen on the other fold, each fold gets the loser
        ([1, 1, 9, 9], [9, 9, 1, 1], [0, 0, 1, 1], [9, 9, 9, 9], [B, A]),
        # equal hit@5 on the training fold: the better MRR@10 (rank 1 over rank 2) wins
        ([2, 2, 1, 1], [1, 1, 2, 2], [0, 0, 1, 1], [2, 2, 2, 2], [A, B]),
    ],
)
def test_each_fold_is_ranked_with_the_weights_chosen_on_the_others(
    a: list[int], b: list[int], folds: list[int], out: list[int], chosen: list[Weights]
) -> None:
    ranks = {A: np.array(a), B: np.array(b)}
    held_out, picked = cross_validate(ranks, np.array(folds))
    assert held_out.tolist() == out
    assert picked == chosen


@pytest.mark.parametrize(
    ("ranks", "k", "rate"),
    [([1, 5, 6, 99], 5, 0.5), ([1, 5, 6, 99], 10, 0.75), ([], 5, 0.0)],
)
def test_hit_rate_counts_ranks_within_k(ranks: list[int], k: int, rate: float) -> None:
    assert hit_rate(np.array(ranks, dtype=np.int64), k) == rate

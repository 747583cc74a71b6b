"""Whether the documents answer a question at all, read from its candidates as a whole.

The scorer says how likely one statement is to answer; a near miss ("the knife crime rate"
when only the charge rate is given) can still have one statement that scores well. How the
best candidate compares with the next, how many candidates are plausible, and how well the
best one matches the question's words and period say more together than the best probability
alone. The model reads only the candidates that could answer. It once also read the best word
match among all retrieved statements, gates or not, and learnt to weigh it against answering
(a near miss matches its words well), which held back questions whose best answers were good.
Measured out of fold on the gold sets of 2026-11-30 (2,402 questions, nested by fold), the
best probability alone abstained on 0.397 of unanswerable questions with 0.036 wrong
abstentions; the model with those maxima on 0.560 with 0.072, without them on 0.610 with 0.082
(cost, as fit.WRONG_ABSTENTION_COST weighs the two errors, 0.621 → 0.597).
On the gold sets of 2026-12-01 (5,535 questions) the fitted model no longer moves the out-of-fold
trade-off (0.050 wrong abstentions, 0.360 of unanswerable questions abstained, with or without
it): the best probability carries it. `withheld_match`, how well a statement saying the figure
is not held matches the question, was added then and weighed -0.02.
"""

from __future__ import annotations

import numpy as np

from assistant.candidates import FEATURES, cannot_answer_rows

ANSWERABILITY_FEATURES = (
    "best",
    "second",
    "plausible",
    "best_dense_piece",
    "best_lexical_piece",
    "best_missing_rarest",
    "best_unknown_words",
    "best_figure_fit",
    "best_kind_fit",
    "best_period_fit",
    "best_service_missing",
    "best_comparator_other",
    "best_date_fit",
    "possible",
    "withheld_match",
)
"""The answerability model's inputs, in the order of a row; scorer.json names them so."""
ANSWERABILITY_SIGNS = {
    "best": 1,
    "second": 1,
    "best_dense_piece": 1,
    "best_lexical_piece": 1,
    "best_figure_fit": 1,
    "best_kind_fit": 1,
    "best_period_fit": 1,
    "best_date_fit": 1,
    "best_missing_rarest": -1,
    "best_unknown_words": -1,
    "best_service_missing": -1,
    "best_comparator_other": -1,
    "withheld_match": -1,
}
"""Which way each input may move the chance that the documents answer (+1 up, -1 down; the
counts, unlisted, either way). A best statement that names every word asked and gives the
figure asked is evidence for an answer: left free, the model fitted on gold sets rich in near
misses learnt the reverse (a weight of -0.81 on the figure fit) and refused "How many MARACs
operate in the county?" with "one of the 13 MARACs" scoring 0.48."""
PLAUSIBLE = 0.05
"""A candidate this probable counts as plausible: several plausible statements suggest the
documents speak of what was asked; one lone match suggests a near miss."""
_FLOOR = 1e-6
_COLUMN = {name: FEATURES.index(name) for name in FEATURES}
_AT = {name: n for n, name in enumerate(ANSWERABILITY_FEATURES)}


def logit(p: float) -> float:
    """log(p / (1 - p)), with p kept off 0 and 1 so that a row stays finite."""
    p = min(max(p, _FLOOR), 1 - _FLOOR)
    return float(np.log(p / (1 - p)))


def question_row(rows: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """The answerability features of one question (or part) from its candidates' feature rows
    and the scorer's probabilities for them, read from the candidates that could answer (not
    candidates.cannot_answer_rows)."""
    row = np.zeros(len(ANSWERABILITY_FEATURES))
    row[_AT["best"]] = row[_AT["second"]] = logit(0.0)
    if len(rows) == 0:
        return row
    withheld = rows[:, _COLUMN["withheld"]] > 0
    if withheld.any():  # the documents' own word that what was asked is not held or given
        row[_AT["withheld_match"]] = float(rows[withheld, _COLUMN["dense_piece"]].max())
    possible = ~cannot_answer_rows(rows)
    if not possible.any():
        return row
    p = probabilities[possible]
    order = np.argsort(-p, kind="stable")
    row[_AT["best"]] = logit(float(p[order[0]]))
    if len(p) > 1:
        row[_AT["second"]] = logit(float(p[order[1]]))
    row[_AT["plausible"]] = np.log1p(float((p >= PLAUSIBLE).sum()))
    row[_AT["possible"]] = np.log1p(float(possible.sum()))
    best = rows[possible][order[0]]
    for name in ANSWERABILITY_FEATURES:
        if name.startswith("best_"):
            row[_AT[name]] = best[_COLUMN[name.removeprefix("best_")]]
    return row

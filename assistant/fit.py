"""`assistant fit`: label candidate statements from the gold set, fit the scorer, cross-validate it
by question, choose the abstention threshold, and write the weights as JSON.

A candidate is positive when it lies on an evidence span of its question's document and states
one of the question's expected figures or grades. Only `eval/gold.jsonl` is read; the same
command on the same index and gold set writes the same file: questions are read in order of
their id and folds are assigned from the ids, so neither the order of the gold file nor of a
merge changes the weights; the file records what it was fitted from (gold and corpus hashes,
chunker and retrieval settings), so two files that differ say why.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from assistant.abstention import abstention_fact
from assistant.answerability import (
    ANSWERABILITY_FEATURES,
    ANSWERABILITY_SIGNS,
    logit,
    question_row,
)
from assistant.candidates import FEATURES, Evidence, cannot_answer_rows
from assistant.evaluate import GoldQuestion, expected_in, load_gold
from assistant.question import QuestionPart
from assistant.scorer import SCORER_PATH, Scorer, answerable_probabilities, scorer_to_json

FOLDS = 5
REGULARISATION = 1.0
"""Inverse L2 strength of the logistic regression (scikit-learn's C)."""
WRONG_ABSTENTION_COST = 2.5
"""How much worse a wrong abstention is than answering an unanswerable question, as shares:
the issue accepts 8% of answerable questions abstaining and 20% of unanswerable ones answered,
and 0.20 / 0.08 = 2.5. Higher answers more near misses; lower refuses more real questions."""


@dataclass(frozen=True, slots=True)
class TrainingSet:
    """Feature rows of every candidate of every gold question, with labels and their question."""

    rows: np.ndarray
    labels: np.ndarray
    question: np.ndarray
    """Row -> index into `gold`."""
    gold: tuple[GoldQuestion, ...]
    by_fact: np.ndarray
    """Per question: abstains on a fact read from the corpus (another force, a year no passage
    names), whatever the scorer says."""


def evidence_spans(
    gold: GoldQuestion, texts: Mapping[str, str]
) -> dict[str, list[tuple[int, int]]]:
    """Where each evidence span lies in its cleaned documents: matched word by word, since
    cleaning rejoins wrapped lines and turns "Investigating crime\n(Requires Improvement)"
    into "Investigating crime – Requires Improvement"."""
    found: dict[str, list[tuple[int, int]]] = {}
    for doc_id in gold.docs:
        text = texts.get(doc_id, "")
        for span in gold.evidence:
            pattern = r"\W+".join(re.escape(word) for word in re.findall(r"\w+", span))
            found.setdefault(doc_id, []).extend(m.span() for m in re.finditer(pattern, text))
    return found


def is_positive(
    gold: GoldQuestion, evidence: Evidence, spans: dict[str, list[tuple[int, int]]]
) -> bool:
    if not gold.answerable or evidence.chunk.doc_id not in spans:
        return False
    on_span = any(
        evidence.start < end and start < evidence.end for start, end in spans[evidence.chunk.doc_id]
    )
    return on_span and any(expected_in(e, evidence.text) for e in gold.expected)


def training_set(engine: Any, gold: Sequence[GoldQuestion]) -> TrainingSet:
    """Every candidate the engine would weigh for each gold question, scored as one part, from
    the documents of each force it asks about (as `Engine.ask` scopes them)."""
    rows: list[np.ndarray] = []
    labels: list[int] = []
    owner: list[int] = []
    by_fact: list[bool] = []
    texts = engine.index.data.texts
    documents = {d.doc_id: d for d in engine.documents}
    gold = sorted(gold, key=lambda g: g.id)
    for number, item in enumerate(gold):
        read = engine.read(item.question)
        whole = replace(read, parts=(QuestionPart(read.text, read.intent),))
        spans = evidence_spans(item, texts)
        caught = []
        for force, filters in engine.force_scopes(read.text):
            hits, candidates = engine.evidence(whole, filters=filters, force=force)
            caught.append(abstention_fact(read.text, hits, documents, force) is not None)
            for candidate in candidates:
                rows.append(candidate.features[0])
                labels.append(int(is_positive(item, candidate, spans)))
                owner.append(number)
        by_fact.append(all(caught))
    return TrainingSet(
        np.array(rows, dtype=np.float64).reshape(-1, len(FEATURES)),
        np.array(labels, dtype=np.int64),
        np.array(owner, dtype=np.int64),
        tuple(gold),
        np.array(by_fact, dtype=bool),
    )


def joined(sets: Sequence[TrainingSet]) -> TrainingSet:
    """Several gold sets (each over its own corpus) as one, questions numbered through."""
    offsets = np.cumsum([0] + [len(t.gold) for t in sets[:-1]])
    ids = [g.id for t in sets for g in t.gold]
    if len(ids) != len(set(ids)):
        raise ValueError("the gold sets share question ids; each id must be unique")
    return TrainingSet(
        np.concatenate([t.rows for t in sets]),
        np.concatenate([t.labels for t in sets]),
        np.concatenate([t.question + o for t, o in zip(sets, offsets, strict=True)]),
        tuple(g for t in sets for g in t.gold),
        np.concatenate([t.by_fact for t in sets]),
    )


def fit_scorer(rows: np.ndarray, labels: np.ndarray, threshold: float = 0.0) -> Scorer:
    from sklearn.linear_model import LogisticRegression

    mean, scale = _standardisation(rows)
    model = LogisticRegression(C=REGULARISATION, max_iter=2000)
    model.fit((rows - mean) / scale, labels)
    return Scorer(mean, scale, model.coef_[0].copy(), float(model.intercept_[0]), threshold)


def _standardisation(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each column's mean and spread (1 where a column never varies): the scorers weigh
    standardised inputs, so their weights compare."""
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    return rows.mean(axis=0), scale


def fit_signed_scorer(rows: np.ndarray, labels: np.ndarray, signs: np.ndarray) -> Scorer:
    """Logistic regression as `fit_scorer` (same penalty), with each weight kept to the sign
    `signs` gives it (+1 at least 0, -1 at most 0, 0 free): L-BFGS-B with bounds."""
    from scipy.optimize import minimize

    mean, scale = _standardisation(rows)
    x = (rows - mean) / scale
    y = labels.astype(np.float64)
    width = x.shape[1]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w[:width] + w[width]
        p = 1.0 / (1.0 + np.exp(-z))
        value = float(np.logaddexp(0.0, z).sum() - y @ z) + 0.5 / REGULARISATION * float(
            w[:width] @ w[:width]
        )
        grad = np.append(x.T @ (p - y) + w[:width] / REGULARISATION, (p - y).sum())
        return value, grad

    bounds = [(0.0, None) if s > 0 else (None, 0.0) if s < 0 else (None, None) for s in signs]
    found = minimize(
        loss, np.zeros(width + 1), jac=True, method="L-BFGS-B", bounds=[*bounds, (None, None)]
    )
    return Scorer(mean, scale, found.x[:width].copy(), float(found.x[width]), 0.0)


def best_probabilities(scorer: Scorer, data: TrainingSet, questions: np.ndarray) -> np.ndarray:
    """Per question, the probability of its best candidate that could answer it (as
    `compose_answer` ranks them: see candidates.cannot_answer)."""
    probabilities = scorer.probabilities(data.rows)
    possible = ~cannot_answer_rows(data.rows)
    best = np.zeros(len(questions))
    for i, q in enumerate(questions):
        mask = (data.question == q) & possible
        best[i] = probabilities[mask].max() if mask.any() else 0.0
    return best


def choose_threshold(best: np.ndarray, answerable: np.ndarray, caught: np.ndarray) -> float:
    """The threshold that costs least, each kind of error weighed by how little of it we accept.

    The cost is WRONG_ABSTENTION_COST x (share of answerable questions that abstain) + (share
    of unanswerable questions answered), counting the unanswerable ones a fact read from the
    corpus (`caught`) already refuses; the lowest threshold of least cost is taken.
    """
    options = np.unique(np.concatenate([[0.0], best]))
    unanswerable = ~answerable
    costs = []
    for t in options:
        abstained = best < t
        wrong = abstained[answerable].mean() if answerable.any() else 0.0
        missed = (~(abstained | caught))[unanswerable].mean() if unanswerable.any() else 0.0
        costs.append(WRONG_ABSTENTION_COST * wrong + missed)
    top = int(np.argmin(costs))
    # Halfway to the next lower probability, so a question just above it is not on the edge.
    below = options[options < options[top]]
    return float((options[top] + below.max()) / 2) if len(below) else float(options[top])


def question_groups(gold: Sequence[GoldQuestion]) -> list[int]:
    """Per question, its group: questions answered by the same evidence sentence are one group,
    so a fold never holds out a question whose twin it was trained on."""
    parent = list(range(len(gold)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, item in enumerate(gold):
        for span in item.evidence:
            key = " ".join(re.findall(r"\w+", span.lower()))
            if key in first:
                parent[root(i)] = root(first[key])
            else:
                first[key] = i
    return [root(i) for i in range(len(gold))]


def assign_folds(gold: Sequence[GoldQuestion], folds: int = FOLDS) -> np.ndarray:
    """Per question, its fold: groups, largest first (ties by their first id), each to the
    fold holding fewest questions so far (ties to the lowest fold). A pure function of the ids
    and evidence, unlike GroupKFold's, whose ties follow the order of the rows."""
    groups = question_groups(gold)
    members: dict[int, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    ordered = sorted(members.values(), key=lambda m: (-len(m), min(gold[i].id for i in m)))
    sizes = [0] * folds
    fold_of = np.zeros(len(gold), dtype=np.int64)
    for member in ordered:
        fold = sizes.index(min(sizes))
        fold_of[member] = fold
        sizes[fold] += len(member)
    return fold_of


def question_rows(
    data: TrainingSet, probabilities: np.ndarray, questions: np.ndarray
) -> np.ndarray:
    """The answerability features (answerability.question_row) of each of `questions`, from
    the candidates' probabilities."""
    out = np.zeros((len(questions), len(ANSWERABILITY_FEATURES)))
    for i, q in enumerate(questions):
        mask = data.question == q
        out[i] = question_row(data.rows[mask], probabilities[mask])
    return out


def out_of_fold_probabilities(
    data: TrainingSet, fold_of: np.ndarray, folds: Sequence[int]
) -> np.ndarray:
    """Each candidate's probability from a scorer fitted without its question's fold, for the
    questions of `folds` (0 elsewhere): what the answerability model learns from must look like
    what it will see on new questions, not the scorer's view of its own training questions."""
    probabilities = np.zeros(len(data.rows))
    within = np.isin(fold_of[data.question], list(folds))
    if len(folds) < 2:  # nothing to hold out against: the scorer's own view it must be
        return np.where(
            within, fit_scorer(data.rows[within], data.labels[within]).probabilities(data.rows), 0.0
        )
    for fold in folds:
        held = fold_of[data.question] == fold
        scorer = fit_scorer(data.rows[within & ~held], data.labels[within & ~held])
        probabilities[held] = scorer.probabilities(data.rows[held])
    return probabilities


def fit_answerability(
    rows: np.ndarray, answerable: np.ndarray, caught: np.ndarray, threshold: float
) -> Scorer | None:
    """The answerability model on question rows, with the threshold of least cost (as for the
    scorer: see choose_threshold), counting as caught the questions the scorer's own
    `threshold` already refuses (their best probability is below it). None when the questions
    are all answerable or all not: there is nothing to learn the difference from."""
    if answerable.all() or not answerable.any():
        return None
    signs = np.array([ANSWERABILITY_SIGNS.get(n, 0) for n in ANSWERABILITY_FEATURES])
    model = fit_signed_scorer(rows, answerable.astype(np.int64), signs)
    refused = caught | (rows[:, 0] < logit(threshold))
    chances = answerable_probabilities(model, rows)
    return replace(model, threshold=choose_threshold(chances, answerable, refused))


def cross_validate(
    data: TrainingSet, folds: int = FOLDS
) -> tuple[list[dict[str, Any]], np.ndarray, np.ndarray]:
    """Grouped by question: each fold's scorer (threshold chosen on its training folds) with
    its answerability model (fitted on its training folds' own out-of-fold probabilities);
    every question's out-of-fold best probability; and whether the fold's answerability model
    finds it answerable."""
    answerable = np.array([g.answerable for g in data.gold])
    out_of_fold = np.zeros(len(data.gold))
    answers = np.zeros(len(data.gold), dtype=bool)
    fitted: list[dict[str, Any]] = []
    fold_of = assign_folds(data.gold, folds)
    for fold in range(folds):
        train_q, test_q = np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)
        train = np.isin(data.question, train_q)
        scorer = fit_scorer(data.rows[train], data.labels[train])
        threshold = choose_threshold(
            best_probabilities(scorer, data, train_q), answerable[train_q], data.by_fact[train_q]
        )
        inner = out_of_fold_probabilities(data, fold_of, [f for f in range(folds) if f != fold])
        stacked = fit_answerability(
            question_rows(data, inner, train_q),
            answerable[train_q],
            data.by_fact[train_q],
            threshold,
        )
        scorer = replace(scorer, threshold=threshold, answerability=stacked)
        out_of_fold[test_q] = best_probabilities(scorer, data, test_q)
        test_rows = question_rows(data, scorer.probabilities(data.rows), test_q)
        answers[test_q] = (
            answerable_probabilities(stacked, test_rows) >= stacked.threshold if stacked else True
        )
        fitted.append(
            {"held_out": sorted(data.gold[q].id for q in test_q), **scorer_to_json(scorer)}
        )
    return fitted, out_of_fold, answers


def engine_with_documents(settings: Any, extra: Path, root: Path, embedder: Any) -> Any:
    """An engine over the corpus of `settings` with the documents of `extra` added (catalogues
    joined), indexed under `root` from a copy of the built index so only `extra` is embedded:
    questions about other forces are asked, as users ask them, with the home corpus present."""
    import shutil

    from assistant.engine import Engine
    from assistant.ingest import ingest

    corpus, index = root / "corpus", root / "index"
    # copyfile, not copy2: the copies must be writable whatever the originals' modes.
    shutil.copytree(settings.corpus_dir, corpus, copy_function=shutil.copyfile)
    catalogues = [
        c.read_text(encoding="utf-8")
        for c in (corpus / "catalogue.toml", extra / "catalogue.toml")
        if c.is_file()
    ]
    for path in sorted(extra.iterdir()):
        if path.is_file() and path.name != "catalogue.toml":
            shutil.copyfile(path, corpus / path.name)
    (corpus / "catalogue.toml").write_text("\n".join(catalogues), encoding="utf-8")
    if settings.index_dir.is_dir():
        shutil.copytree(settings.index_dir, index, copy_function=shutil.copyfile)
    mixed = replace(settings, corpus_dir=corpus, index_dir=index)
    ingest(mixed, embedder=embedder)
    return Engine.open(mixed, embedder=embedder)


def fitted_from(engine: Any, gold_path: Path) -> dict[str, Any]:
    """What the weights are a function of, short enough to read in a diff: the gold questions
    (in any order), the corpus's content hashes, the chunker and pieces versions, and the
    retrieval settings that choose the candidates."""
    lines = sorted(
        line.strip() for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()
    )
    manifest = engine.index.data.manifest
    settings = engine.settings
    return {
        "gold": gold_path.name,
        "gold_sha256": hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16],
        "corpus_sha256": hashlib.sha256(
            json.dumps(sorted(manifest.documents.items())).encode()
        ).hexdigest()[:16],
        "chunker_version": manifest.chunker_version,
        "pieces_version": manifest.pieces_version,
        "retrieval": {
            "top_k": settings.top_k,
            "candidates": settings.candidates,
            "fusion": settings.fusion,
            "rrf_k": settings.rrf_k,
            "dense_weight": settings.dense_weight,
        },
    }


def run_fit(
    sources: Sequence[tuple[Any, Path]], out_path: Path = SCORER_PATH, folds: int = FOLDS
) -> str:
    """Fit on every (engine, gold file) pair, each engine over its own corpus; cross-validate,
    write `out_path`; return the report to print."""
    from sklearn.metrics import log_loss, roc_auc_score

    data = joined([training_set(engine, load_gold(path)) for engine, path in sources])
    names = ", ".join(path.name for _, path in sources)
    if data.labels.sum() == 0 or data.labels.sum() == len(data.labels):
        raise ValueError(f"{names}: the gold sets label no candidate both ways; cannot fit")
    answerable = np.array([g.answerable for g in data.gold])
    fold_scorers, out_of_fold, oof_answers = cross_validate(data, folds)
    scorer = fit_scorer(data.rows, data.labels)
    everyone = np.arange(len(data.gold))
    every_fold = assign_folds(data.gold, folds)
    threshold = choose_threshold(
        best_probabilities(scorer, data, everyone), answerable, data.by_fact
    )
    stacked = fit_answerability(
        question_rows(data, out_of_fold_probabilities(data, every_fold, range(folds)), everyone),
        answerable,
        data.by_fact,
        threshold,
    )
    scorer = replace(scorer, threshold=threshold, answerability=stacked)
    oof_rows = np.zeros(len(data.rows))
    for fold in fold_scorers:
        held = {data.gold.index(g) for g in data.gold if g.id in set(fold["held_out"])}
        mask = np.isin(data.question, list(held))
        fold_scorer = Scorer(
            np.asarray(fold["mean"]),
            np.asarray(fold["scale"]),
            np.asarray(fold["coef"]),
            fold["intercept"],
            fold["threshold"],
        )
        oof_rows[mask] = fold_scorer.probabilities(data.rows[mask])
    payload = {
        "features": list(FEATURES),
        **scorer_to_json(scorer),
        "fitted_on": names,
        "fitted_from": [fitted_from(engine, path) for engine, path in sources],
        "questions": len(data.gold),
        "candidates": len(data.rows),
        "positives": int(data.labels.sum()),
        "folds": fold_scorers,
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    lines = [
        f"{len(data.gold)} questions ({names}), {len(data.rows)} candidates, "
        f"{int(data.labels.sum())} positive",
        "weights (on standardised features):",
        *[f"  {name:<23} {w:+.3f}" for name, w in zip(FEATURES, scorer.coef, strict=True)],
        f"  {'intercept':<23} {scorer.intercept:+.3f}",
        f"cross-validated ({folds} folds by question): AUC {roc_auc_score(data.labels, oof_rows):.3f}, "
        f"log loss {log_loss(data.labels, oof_rows):.3f}",
        f"abstention threshold {scorer.threshold:.3f} "
        f"(folds: {', '.join(format(f['threshold'], '.3f') for f in fold_scorers)})",
        "trade-off on out-of-fold best probabilities:",
        "  threshold  wrong abstentions  unanswerable abstained",
    ]
    for t in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        abstains = (out_of_fold < t) | data.by_fact
        wrong = abstains[answerable].mean()
        right = abstains[~answerable].mean() if (~answerable).any() else float("nan")
        lines.append(f"  {t:9.2f}  {wrong:17.3f}  {right:22.3f}")
    oof_abstains = (
        out_of_fold < np.array([f["threshold"] for f in fold_scorers])[every_fold]
    ) | data.by_fact
    stacked_abstains = oof_abstains | ~oof_answers
    for label, abstains in (
        ("best probability alone", oof_abstains),
        ("with the answerability model", stacked_abstains),
    ):
        lines.append(
            f"out of fold, {label}: wrong abstentions {abstains[answerable].mean():.3f}, "
            f"unanswerable abstained {abstains[~answerable].mean():.3f}"
        )
    lines.append(f"weights written to {out_path}")
    return "\n".join(lines)

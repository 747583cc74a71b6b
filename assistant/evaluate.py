"""Gold set -> metrics, a readable report with every failure, and a floor check for CI.

A retrieval hit is a chunk from a right document that contains an evidence
span or every expected figure. Figure recall counts expected figures (by
value and unit, so "96.6 percent" = "96.6%") or grades (by words) present in
the answer. Everything is compared after folding white space.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.figures import find_figures, parse_number, same_figure
from assistant.scorer import FoldScorer
from assistant.types import Answer, Chunk, FigureMention, Hit

KS = (1, 3, 5, 10)


@dataclass(frozen=True, slots=True)
class GoldQuestion:
    id: str
    question: str
    type: str
    answerable: bool
    expected: tuple[str, ...]
    docs: tuple[str, ...]
    evidence: tuple[str, ...]
    wording: str = "document"
    """"plain" for questions in a councillor's words rather than the documents'."""


@dataclass(slots=True)
class QuestionResult:
    gold: GoldQuestion
    first_hit: dict[str, int | None] = field(default_factory=dict)  # mode -> rank (1-based) or None
    abstained: bool = False
    recall: float | None = None
    missing: list[str] = field(default_factory=list)
    figures: int = 0
    verified: int = 0
    citations: int = 0
    right_citations: int = 0
    latency_ms: float = 0.0
    answer_text: str = ""


def fold(text: str) -> str:
    return " ".join(text.split()).lower()


def load_gold(path: Path) -> list[GoldQuestion]:
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return [
        GoldQuestion(
            r["id"],
            r["question"],
            r["type"],
            bool(r["answerable"]),
            tuple(r["expected"]),
            tuple(r["docs"]),
            tuple(r["evidence"]),
            str(r.get("wording", "document")),
        )
        for r in rows
    ]


def is_relevant(chunk: Chunk, gold: GoldQuestion) -> bool:
    if chunk.doc_id not in gold.docs:
        return False
    text = fold(chunk.text)
    if any(fold(span) in text for span in gold.evidence):
        return True
    return bool(gold.expected) and all(expected_in(e, chunk.text) for e in gold.expected)


def expected_in(expected: str, text: str) -> bool:
    """Whether a text states an expected figure (by value and unit) or grade (by words). A bare
    number in the gold ("25.47", copied from a table cell) is matched by value whatever unit
    the text gives it ("Mean time to answer (seconds): 25.47" reads as seconds)."""
    wanted = find_figures(expected)
    if wanted:
        stated = find_figures(text)
        return all(any(_states(w, s) for s in stated) for w in wanted)
    return fold(expected) in fold(text)


def _states(wanted: FigureMention, stated: FigureMention) -> bool:
    if wanted.kind == "count" and wanted.unit is None and parse_number(stated.text) == wanted.value:
        return True
    return same_figure(wanted, stated)


def first_relevant_rank(hits: Iterable[Hit], gold: GoldQuestion) -> int | None:
    for rank, hit in enumerate(hits, start=1):
        if is_relevant(hit.chunk, gold):
            return rank
    return None


def score_answer(result: QuestionResult, answer: Answer) -> None:
    gold = result.gold
    result.abstained = answer.abstained
    result.answer_text = answer.text
    result.figures = len(answer.figures)
    result.verified = sum(f.verified for f in answer.figures)
    result.citations = len(answer.citations)
    result.right_citations = sum(c.chunk.doc_id in gold.docs for c in answer.citations)
    if gold.answerable and gold.expected:
        quoted = "\n".join(s.quote for s in answer.statements)
        result.missing = [e for e in gold.expected if not expected_in(e, quoted)]
        result.recall = 1 - len(result.missing) / len(gold.expected)


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def summarise(results: list[QuestionResult], mode: str = "hybrid") -> dict[str, Any]:
    answerable = [r for r in results if r.gold.answerable]
    metrics: dict[str, Any] = {}
    for k in KS:
        metrics[f"hit@{k}"] = _ratio(
            sum(1 for r in answerable if (r.first_hit.get(mode) or 99) <= k), len(answerable)
        )
    ranks = [r.first_hit.get(mode) for r in answerable]
    metrics["mrr@10"] = _ratio(
        sum(1.0 / rank for rank in ranks if rank and rank <= 10), len(answerable)
    )
    if mode != "hybrid":
        return metrics
    recalls = [r.recall for r in answerable if r.recall is not None]
    metrics["figure_recall"] = statistics.fmean(recalls) if recalls else None
    metrics["verification_rate"] = _ratio(
        sum(r.verified for r in results), sum(r.figures for r in results)
    )
    metrics["citation_accuracy"] = _ratio(
        sum(r.right_citations for r in answerable), sum(r.citations for r in answerable)
    )
    plain = [r.recall for r in answerable if r.recall is not None and r.gold.wording == "plain"]
    metrics["plain_figure_recall"] = statistics.fmean(plain) if plain else None
    metrics["wrong_abstention_rate"] = _ratio(sum(r.abstained for r in answerable), len(answerable))
    unanswerable = [r for r in results if not r.gold.answerable]
    metrics["unanswerable_abstained"] = _ratio(
        sum(r.abstained for r in unanswerable), len(unanswerable)
    )
    abstained = [r for r in results if r.abstained]
    metrics["abstention_precision"] = _ratio(
        sum(not r.gold.answerable for r in abstained), len(abstained)
    )
    metrics["abstention_recall"] = _ratio(sum(r.abstained for r in unanswerable), len(unanswerable))
    latencies = sorted(r.latency_ms for r in results)
    metrics["latency_p50_ms"] = latencies[len(latencies) // 2] if latencies else None
    metrics["latency_p95_ms"] = (
        latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
        if latencies
        else None
    )
    return metrics


def evaluate_questions(
    engine: Any, gold: list[GoldQuestion], ablations: bool = True
) -> list[QuestionResult]:
    results: list[QuestionResult] = []
    for question in gold:
        result = QuestionResult(question)
        answer = engine.ask(question.question)
        result.latency_ms = answer.timings_ms.get("total", 0.0)
        result.first_hit["hybrid"] = first_relevant_rank(answer.passages, question)
        for mode in ("dense", "lexical") if ablations else ():
            result.first_hit[mode] = first_relevant_rank(
                engine.search(question.question, 10, mode=mode), question
            )
        score_answer(result, answer)
        results.append(result)
    return results


VERDICT_ORDER = ("supported", "contradicted", "not_found")


def evaluate_with_folds(
    engine: Any, gold: list[GoldQuestion], folds: Sequence[FoldScorer], ablations: bool = True
) -> tuple[list[QuestionResult], list[QuestionResult]]:
    """Each gold question answered by the full scorer (tuned-on) and by the scorer fitted
    without its fold (out-of-fold), one straight after the other, so its reading and evidence
    are found once (Engine.remembering) and the second answer only re-scores them.

    A question added since the last `assistant fit` is in no fold: its out-of-fold answer is
    the full scorer's, so refit after adding questions.
    """
    remembering = engine.remembering()
    twins = [remembering.using(fold.scorer) for fold in folds]
    held_out_by = {
        question_id: twin
        for fold, twin in zip(folds, twins, strict=True)
        for question_id in fold.held_out
    }
    tuned: list[QuestionResult] = []
    cross: list[QuestionResult] = []
    for question in gold:
        [result] = evaluate_questions(remembering, [question], ablations)
        tuned.append(result)
        fold_engine = held_out_by.get(question.id)
        cross.append(
            evaluate_questions(fold_engine, [question], False)[0] if fold_engine else result
        )
    return tuned, cross


def evaluate_claims(engine: Any, path: Path) -> dict[str, Any] | None:
    """Verdict accuracy on a claims file, its confusion table, and the one error that matters most:
    contradicted claims marked supported. None when the file is missing."""
    if not path.is_file() or not hasattr(engine, "check"):
        return None
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    confusion: Counter[tuple[str, str]] = Counter()
    failures = []
    for row in rows:
        report = engine.check(row["text"])
        verdicts = [c.verdict for c in report.claims] or ["not_found"]
        # A claim text may split into several claims; the worst verdict speaks for the text.
        predicted = (
            "contradicted"
            if "contradicted" in verdicts
            else "not_found"
            if "not_found" in verdicts
            else "supported"
        )
        confusion[(row["verdict"], predicted)] += 1
        if predicted != row["verdict"]:
            failures.append(
                {
                    "id": row["id"],
                    "text": row["text"],
                    "gold": row["verdict"],
                    "predicted": predicted,
                    "reason": row.get("reason", ""),
                }
            )
    total = sum(confusion.values())
    correct = sum(n for (g, p), n in confusion.items() if g == p)
    return {
        "accuracy": correct / total if total else None,
        "total": total,
        "contradicted_marked_supported": confusion[("contradicted", "supported")],
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
        "failures": failures,
    }


def claim_metrics(prefix: str, claims: dict[str, Any] | None) -> dict[str, Any]:
    """A claims result as metrics: "claim_accuracy", "contradicted_marked_supported", with a prefix."""
    if not claims:
        return {}
    return {
        f"{prefix}claim_accuracy": claims["accuracy"],
        f"{prefix}contradicted_marked_supported": claims["contradicted_marked_supported"],
    }


def confusion_lines(sets: dict[str, dict[str, Any]]) -> list[str]:
    """One Markdown table: gold verdict by predicted verdict, each claims set in its own columns."""
    names = list(sets)
    header = "| gold \\ predicted | " + " | ".join(
        f"{name}: {p}" for name in names for p in VERDICT_ORDER
    )
    lines = [header + " |", "|---|" + "---|" * (len(names) * len(VERDICT_ORDER))]
    for gold in VERDICT_ORDER:
        cells = [
            str(sets[name]["confusion"].get(f"{gold}->{p}", 0))
            for name in names
            for p in VERDICT_ORDER
        ]
        lines.append(f"| {gold} | " + " | ".join(cells) + " |")
    return lines


def by_type(results: list[QuestionResult]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[QuestionResult]] = defaultdict(list)
    for r in results:
        groups[r.gold.type].append(r)
    table = {}
    for kind, group in sorted(groups.items()):
        summary = summarise(group)
        summary["n"] = len(group)
        table[kind] = summary
    return table


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def write_report(
    path: Path,
    metrics: dict[str, Any],
    ablations: dict[str, dict[str, Any]],
    types: dict[str, dict[str, Any]],
    claims: dict[str, dict[str, Any] | None],
    results: list[QuestionResult],
    sections: dict[str, dict[str, Any] | None] | None = None,
    section_types: dict[str, dict[str, dict[str, Any]] | None] | None = None,
) -> None:
    lines = [
        "# Evaluation report",
        "",
        "Generated by `assistant eval` from `eval/gold.jsonl`, `eval/claims.jsonl` (tuned-on) and,",
        "when present, the sealed claims set.",
        "",
        "## Overall",
        "",
        "| metric | value |",
        "|---|---|",
    ]
    lines += [f"| {k} | {_fmt(v)} |" for k, v in metrics.items()]
    sections = sections or {}
    lines += [
        "",
        "## Tuned-on, cross-validated and sealed",
        "",
        "Tuned-on: `eval/gold.jsonl` answered by the scorer fitted on it. Cross-validated: each of",
        "those questions answered by the scorer of the fold that held it out. Sealed: questions",
        "never used for fitting or tuning (– when the set is absent).",
        "",
        "| metric | tuned-on | cross-validated | sealed |",
        "|---|---|---|---|",
    ]
    for name in SIDE_BY_SIDE:
        row = [metrics.get(name)] + [(m or {}).get(name) for m in sections.values()]
        lines.append(f"| {name} | " + " | ".join(_fmt(v) for v in row) + " |")
    lines += [
        "",
        "## Retrieval by mode (ablation)",
        "",
        "| mode | " + " | ".join(f"hit@{k}" for k in KS) + " | mrr@10 |",
        "|---|" + "---|" * (len(KS) + 1),
    ]
    for mode, values in ablations.items():
        lines.append(
            f"| {mode} | "
            + " | ".join(_fmt(values[f"hit@{k}"]) for k in KS)
            + f" | {_fmt(values['mrr@10'])} |"
        )
    columns = [
        "n",
        "hit@5",
        "mrr@10",
        "figure_recall",
        "wrong_abstention_rate",
        "verification_rate",
        "citation_accuracy",
        "abstention_recall",
    ]
    lines += [
        "",
        "## By question type",
        "",
        "| type | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for kind, values in types.items():
        lines.append(f"| {kind} | " + " | ".join(_fmt(values.get(c)) for c in columns) + " |")
    sets = {name: c for name, c in claims.items() if c}
    for name, table in (section_types or {}).items():
        if not table:
            continue
        lines += [
            "",
            f"### By question type, {name.replace('_', '-')}",
            "",
            "| type | " + " | ".join(columns) + " |",
            "|---|" + "---|" * len(columns),
        ]
        for kind, values in table.items():
            lines.append(f"| {kind} | " + " | ".join(_fmt(values.get(c)) for c in columns) + " |")
    if sets:
        lines += ["", "## Claims (`assistant check`)", ""]
        lines += [
            f"- Verdict accuracy on {name} claims: {_fmt(c['accuracy'])} over {c['total']} claims; "
            f"contradicted claims marked supported: {c['contradicted_marked_supported']}."
            for name, c in sets.items()
        ]
        lines += ["", *confusion_lines(sets)]
        tuned = sets.get("tuned-on")
        if tuned and tuned["failures"]:
            lines += ["", "Claim failures (tuned-on set):", ""]
            lines += [
                f"- {f['id']} ({f['reason']}): gold {f['gold']}, got {f['predicted']} — {f['text']}"
                for f in tuned["failures"]
            ]
    lines += ["", "## Failures, question by question", ""]
    for r in results:
        problems = []
        if r.gold.answerable:
            if (r.first_hit.get("hybrid") or 99) > 5:
                problems.append(
                    f"no relevant passage in the top 5 (first at {r.first_hit.get('hybrid')})"
                )
            if r.abstained:
                problems.append("abstained on an answerable question")
            elif r.missing:
                problems.append(f"missing {', '.join(r.missing)}")
            if r.citations and r.right_citations < r.citations:
                problems.append(
                    f"{r.citations - r.right_citations} of {r.citations} citations "
                    "from other documents"
                )
        elif not r.abstained:
            problems.append("answered an unanswerable question")
        if r.figures and r.verified < r.figures:
            problems.append(f"{r.figures - r.verified} figures not verified")
        if problems:
            answer = " ".join(r.answer_text.split())[:300]
            lines.append(
                f"- **{r.gold.id}** ({r.gold.type}) {r.gold.question} — {'; '.join(problems)}."
                f"  \n  Answer: {answer}"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


SIDE_BY_SIDE = (
    "figure_recall",
    "plain_figure_recall",
    "wrong_abstention_rate",
    "unanswerable_abstained",
    "hit@5",
    "verification_rate",
    "citation_accuracy",
)
"""The metrics `assistant eval` shows for tuned-on, cross-validated and sealed questions."""


def check_floors(
    metrics: dict[str, Any],
    floors_path: Path,
    sections: dict[str, dict[str, Any] | None] | None = None,
) -> list[str]:
    """Every metric below its floor (or above its ceiling); `sections` holds the metrics of the
    cross-validated and sealed runs, guarded by the sections of the same name in the file."""
    if not floors_path.is_file():
        return []
    floors = json.loads(floors_path.read_text(encoding="utf-8"))
    return floor_breaches(metrics, floors, sections or {})


def floor_breaches(
    metrics: dict[str, Any], floors: dict[str, Any], sections: dict[str, dict[str, Any] | None]
) -> list[str]:
    broken = []
    for name, floor in floors.items():
        if name == "ceilings":
            for metric, ceiling in floor.items():
                value = metrics.get(metric)
                if value is None or value > ceiling:
                    broken.append(f"{metric} = {_fmt(value)} is above its ceiling {ceiling}")
        elif isinstance(floor, dict):
            section = sections.get(name)
            if section is not None:  # e.g. no sealed set here: nothing to guard
                broken += [f"{name}: {line}" for line in floor_breaches(section, floor, {})]
        else:
            value = metrics.get(name)
            if value is None or value < floor:
                broken.append(f"{name} = {_fmt(value)} is below its floor {floor}")
    return broken


def run_evaluation(
    settings: Settings,
    gold_path: Path,
    claims_path: Path,
    report_path: Path,
    json_path: Path,
    floors_path: Path,
    sealed_path: Path | None = None,
    sealed_claims_path: Path | None = None,
) -> int:
    """Score questions and both claims sets (the sealed one only when its file exists)."""
    from assistant.engine import Engine
    from assistant.scorer import load_scorer

    engine = Engine.open(settings)
    gold = load_gold(gold_path)
    folds = load_scorer()[1]
    results, cross = evaluate_with_folds(engine, gold, folds)
    metrics = summarise(results)
    ablations = {mode: summarise(results, mode) for mode in ("hybrid", "dense", "lexical")}
    claims = {
        "tuned-on": evaluate_claims(engine, claims_path),
        "sealed": evaluate_claims(engine, sealed_claims_path) if sealed_claims_path else None,
    }
    metrics |= claim_metrics("", claims["tuned-on"]) | claim_metrics("sealed_", claims["sealed"])
    types = by_type(results)
    sealed = (
        evaluate_questions(engine, load_gold(sealed_path), ablations=False)
        if sealed_path is not None and sealed_path.is_file()
        else None
    )
    sections = {
        "cross_validated": summarise(cross) if folds else None,
        "sealed": summarise(sealed) if sealed else None,
    }
    section_types = {
        "cross_validated": by_type(cross) if folds else None,
        "sealed": by_type(sealed) if sealed else None,
    }
    write_report(report_path, metrics, ablations, types, claims, results, sections, section_types)
    json_path.write_text(
        json.dumps(
            {
                "metrics": metrics,
                "ablations": ablations,
                "by_type": types,
                "claims": claims["tuned-on"],
                "sealed_claims": claims["sealed"],
                **sections,
                "by_type_cross_validated": section_types["cross_validated"],
                "by_type_sealed": section_types["sealed"],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    for name, value in metrics.items():
        print(f"{name:<22} {_fmt(value)}")
    for mode, values in ablations.items():
        print(
            f"retrieval {mode:<8} " + "  ".join(f"hit@{k} {_fmt(values[f'hit@{k}'])}" for k in KS)
        )
    print(f"{'':<24}{'tuned-on':>10}{'cross-val':>11}{'sealed':>9}")
    for name in SIDE_BY_SIDE:
        row = [metrics.get(name)] + [(m or {}).get(name) for m in sections.values()]
        print(f"{name:<24}" + "".join(f"{_fmt(v):>10} " for v in row))
    print(f"report: {report_path}")
    broken = check_floors(metrics, floors_path, sections)
    for line in broken:
        print(f"FLOOR BROKEN: {line}")
    return 1 if broken else 0

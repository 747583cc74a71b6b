"""Checks the hand-written evaluation gold files against the corpus.

Plain pytest, no project imports: these tests only look at
``eval/gold.jsonl``, ``eval/claims.jsonl`` and ``corpus/*.txt``.

A failure names the offending entry (``q017``, ``c004`` ...). Fix the DATA,
never loosen these checks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "corpus"
GOLD_PATH = ROOT / "eval" / "gold.jsonl"
CLAIMS_PATH = ROOT / "eval" / "claims.jsonl"

QUESTION_TYPES = {
    "single_figure",
    "multi_period",
    "multi_part",
    "grade",
    "count",
    "table",
    "minutes",
    "qualitative",
    "acronym",
    "synonym",
    "unanswerable",
}
VERDICTS = {"supported", "contradicted", "not_found"}
REASONS_BY_VERDICT = {
    "supported": {"correct"},
    "contradicted": {
        "wrong_figure",
        "wrong_period",
        "wrong_measure",
        "wrong_qualifier",
        "wrong_direction",
        "wrong_part",
        "wrong_role",
    },
    "not_found": {"no_source", "wrong_subject"},
}
REASONS = set().union(*REASONS_BY_VERDICT.values())
QUESTION_FIELDS = {
    "id": str,
    "question": str,
    "type": str,
    "answerable": bool,
    "expected": list,
    "docs": list,
    "evidence": list,
    "notes": str,
}
CLAIM_FIELDS = {
    "id": str,
    "text": str,
    "verdict": str,
    "figures": list,
    "expected": list,
    "docs": list,
    "evidence": list,
    "reason": str,
}

# Evidence spans must not straddle these source artefacts (see eval/README.md).
FORBIDDEN_IN_SPAN = ("**", "[bookmark", "](#)", "###", "mailto:", "Office telephone")
MAX_SPAN_CHARS = 250


def collapse(text: str) -> str:
    """Collapse every run of whitespace (spaces, tabs, newlines...) to one space."""
    return " ".join(text.split())


def _read_jsonl(path: Path) -> list[tuple[int, str]]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line) for n, line in enumerate(lines, 1) if line.strip()]


def _load(path: Path) -> list[dict]:
    entries = []
    for n, line in _read_jsonl(path):
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            entries.append({"id": f"{path.name}:line{n}", "_unparsable": line})
    return entries


CORPUS = {p.stem: collapse(p.read_text(encoding="utf-8")) for p in sorted(CORPUS_DIR.glob("*.txt"))}
QUESTIONS = _load(GOLD_PATH)
CLAIMS = _load(CLAIMS_PATH)


def _ids(entries: list[dict]) -> list[str]:
    return [str(e.get("id", f"entry{i}")) for i, e in enumerate(entries)]


def _in_named_docs(span: str, docs: list[str]) -> bool:
    needle = collapse(span)
    return any(needle in CORPUS.get(d, "") for d in docs)


# --------------------------------------------------------------------------
# whole-file checks
# --------------------------------------------------------------------------


def test_corpus_present():
    assert CORPUS, f"no corpus files found in {CORPUS_DIR}"


@pytest.mark.parametrize("path", [GOLD_PATH, CLAIMS_PATH], ids=["gold", "claims"])
def test_every_line_parses_as_json_object(path):
    assert path.exists(), f"{path} is missing"
    for n, line in _read_jsonl(path):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:  # pragma: no cover - failure path
            pytest.fail(f"{path.name} line {n} is not valid JSON: {exc}")
        assert isinstance(obj, dict), f"{path.name} line {n} is not a JSON object"


@pytest.mark.parametrize(
    "entries,prefix", [(QUESTIONS, "q"), (CLAIMS, "c")], ids=["gold", "claims"]
)
def test_ids_unique_and_well_formed(entries, prefix):
    ids = _ids(entries)
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"duplicate ids: {dupes}"
    bad = [i for i in ids if not re.fullmatch(prefix + r"\d{3,}", i)]
    assert not bad, f"ids not of the form {prefix}NNN: {bad}"


def test_minimum_counts():
    assert len(QUESTIONS) >= 80, f"only {len(QUESTIONS)} questions"
    unanswerable = [q for q in QUESTIONS if q.get("type") == "unanswerable"]
    assert len(unanswerable) >= 10, f"only {len(unanswerable)} unanswerable questions"
    assert len(CLAIMS) >= 30, f"only {len(CLAIMS)} claims"


def test_every_question_type_is_used():
    used = {q.get("type") for q in QUESTIONS}
    missing = QUESTION_TYPES - used
    assert not missing, f"question types never used: {sorted(missing)}"


def test_every_claim_verdict_and_reason_is_used():
    verdicts = {c.get("verdict") for c in CLAIMS}
    reasons = {c.get("reason") for c in CLAIMS}
    assert verdicts >= VERDICTS, f"verdicts never used: {sorted(VERDICTS - verdicts)}"
    assert reasons >= REASONS, f"reasons never used: {sorted(REASONS - reasons)}"


# --------------------------------------------------------------------------
# per-question checks
# --------------------------------------------------------------------------


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_fields(q):
    assert "_unparsable" not in q, "line is not valid JSON"
    for field, typ in QUESTION_FIELDS.items():
        assert field in q, f"missing field {field!r}"
        assert isinstance(q[field], typ), f"{field!r} should be {typ.__name__}"
    for field in ("expected", "docs", "evidence"):
        assert all(isinstance(x, str) and x.strip() for x in q[field]), (
            f"{field!r} must hold non-empty strings"
        )
    assert q["question"].strip(), "empty question"
    assert q["type"] in QUESTION_TYPES, f"unknown type {q['type']!r}"


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_answerability_consistent(q):
    if q["type"] == "unanswerable":
        assert q["answerable"] is False, "unanswerable question marked answerable"
        assert q["expected"] == [], "unanswerable question must have empty expected"
        assert q["docs"] == [], "unanswerable question must have empty docs"
        assert q["evidence"] == [], "unanswerable question must have empty evidence"
    else:
        assert q["answerable"] is True, "answerable flag false for an answerable type"
        assert q["expected"], "answerable question needs expected figures"
        assert q["docs"], "answerable question needs docs"
        assert q["evidence"], "answerable question needs evidence"


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_docs_exist(q):
    missing = [d for d in q["docs"] if d not in CORPUS]
    assert not missing, f"docs not in corpus/: {missing}"
    assert len(set(q["docs"])) == len(q["docs"]), "duplicate doc ids"


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_expected_in_named_docs(q):
    if not q["answerable"]:
        return
    missing = [x for x in q["expected"] if not _in_named_docs(x, q["docs"])]
    assert not missing, f"expected strings not found verbatim in {q['docs']}: {missing}"


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_evidence_in_named_docs(q):
    missing = [x for x in q["evidence"] if not _in_named_docs(x, q["docs"])]
    assert not missing, f"evidence spans not found verbatim in {q['docs']}: {missing}"


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_every_doc_has_evidence(q):
    unsupported = [
        d for d in q["docs"] if not any(collapse(x) in CORPUS.get(d, "") for x in q["evidence"])
    ]
    assert not unsupported, f"docs named without an evidence span from them: {unsupported}"


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_evidence_spans_are_clean(q):
    for span in q["evidence"]:
        assert len(span) <= MAX_SPAN_CHARS, (
            f"evidence span too long ({len(span)} chars): {span[:60]}..."
        )
        bad = [t for t in FORBIDDEN_IN_SPAN if t in span]
        assert not bad, f"evidence span contains source artefacts {bad}: {span[:60]}..."


# --------------------------------------------------------------------------
# per-claim checks
# --------------------------------------------------------------------------


def check_claim_fields(c: dict) -> None:
    """A claim line's fields, verdict and reason (shared with the sealed claims' checks)."""
    assert "_unparsable" not in c, "line is not valid JSON"
    for field, typ in CLAIM_FIELDS.items():
        assert field in c, f"missing field {field!r}"
        assert isinstance(c[field], typ), f"{field!r} should be {typ.__name__}"
    for field in ("figures", "expected", "docs", "evidence"):
        assert all(isinstance(x, str) and x.strip() for x in c[field]), (
            f"{field!r} must hold non-empty strings"
        )
    assert c["text"].strip(), "empty claim text"
    assert c["verdict"] in VERDICTS, f"unknown verdict {c['verdict']!r}"
    assert c["reason"] in REASONS, f"unknown reason {c['reason']!r}"
    assert c["reason"] in REASONS_BY_VERDICT[c["verdict"]], (
        f"reason {c['reason']!r} does not fit verdict {c['verdict']!r}"
    )


def check_claim_figures_in_text(c: dict) -> None:
    assert c["figures"], "claim lists no figures"
    missing = [f for f in c["figures"] if f not in c["text"]]
    assert not missing, f"figures not written verbatim in the claim text: {missing}"


def check_claim_verdict_shape(c: dict) -> None:
    if c["verdict"] == "not_found":
        assert c["expected"] == [] and c["docs"] == [] and c["evidence"] == [], (
            "not_found claims must have empty expected/docs/evidence"
        )
    else:
        assert c["docs"], "claim needs docs"
        assert c["evidence"], "claim needs evidence"
    if c["verdict"] == "supported":
        assert c["expected"] == [], "supported claims have empty expected"
    if c["verdict"] == "contradicted":
        assert c["expected"], "contradicted claims need the source figure(s) in expected"


@pytest.mark.parametrize("c", CLAIMS, ids=_ids(CLAIMS))
def test_claim_fields(c):
    check_claim_fields(c)


@pytest.mark.parametrize("c", CLAIMS, ids=_ids(CLAIMS))
def test_claim_figures_appear_in_text(c):
    check_claim_figures_in_text(c)


@pytest.mark.parametrize("c", CLAIMS, ids=_ids(CLAIMS))
def test_claim_verdict_shape(c):
    check_claim_verdict_shape(c)


@pytest.mark.parametrize("c", CLAIMS, ids=_ids(CLAIMS))
def test_claim_docs_exist(c):
    missing = [d for d in c["docs"] if d not in CORPUS]
    assert not missing, f"docs not in corpus/: {missing}"


@pytest.mark.parametrize("c", CLAIMS, ids=_ids(CLAIMS))
def test_claim_expected_in_named_docs(c):
    missing = [x for x in c["expected"] if not _in_named_docs(x, c["docs"])]
    assert not missing, f"expected strings not found verbatim in {c['docs']}: {missing}"


@pytest.mark.parametrize("c", CLAIMS, ids=_ids(CLAIMS))
def test_claim_evidence_in_named_docs(c):
    missing = [x for x in c["evidence"] if not _in_named_docs(x, c["docs"])]
    assert not missing, f"evidence spans not found verbatim in {c['docs']}: {missing}"
    for span in c["evidence"]:
        assert len(span) <= MAX_SPAN_CHARS, (
            f"evidence span too long ({len(span)} chars): {span[:60]}..."
        )
        bad = [t for t in FORBIDDEN_IN_SPAN if t in span]
        assert not bad, f"evidence span contains source artefacts {bad}: {span[:60]}..."


@pytest.mark.parametrize("c", CLAIMS, ids=_ids(CLAIMS))
def test_claim_supported_figures_in_evidence(c):
    """A supported claim's figures must each appear in one of its evidence spans."""
    if c["verdict"] != "supported":
        return
    joined = " | ".join(collapse(x) for x in c["evidence"])
    missing = [f for f in c["figures"] if collapse(f) not in joined]
    assert not missing, f"supported claim figures absent from its evidence: {missing}"


@pytest.mark.parametrize("c", CLAIMS, ids=_ids(CLAIMS))
def test_claim_contradicted_expected_in_evidence(c):
    """A contradicted claim's source figures must be shown by its evidence spans."""
    if c["verdict"] != "contradicted":
        return
    joined = " | ".join(collapse(x) for x in c["evidence"])
    missing = [x for x in c["expected"] if collapse(x) not in joined]
    assert not missing, f"expected source figures absent from the evidence: {missing}"

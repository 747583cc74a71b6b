"""Checks the sealed evaluation files in ``eval/sealed/`` against the corpus.

The sealed set is scored only at the end of a change (see ``eval/sealed/README.md``),
so these checks look at the data alone: every entry is well formed and every expected
string and evidence span occurs in a named document. Helpers and the corpus are those of
``test_gold_files``. Fix the DATA, never loosen these checks.
"""

from __future__ import annotations

import re

import pytest
from test_gold_files import (
    CORPUS,
    FORBIDDEN_IN_SPAN,
    GOLD_PATH,
    MAX_SPAN_CHARS,
    QUESTION_FIELDS,
    REASONS_BY_VERDICT,
    ROOT,
    VERDICTS,
    _ids,
    _in_named_docs,
    _load,
    _read_jsonl,
    check_claim_fields,
    check_claim_figures_in_text,
    check_claim_verdict_shape,
    collapse,
)
from test_gold_files import (
    QUESTIONS as TUNED_QUESTIONS,
)

SEALED_DIR = ROOT / "eval" / "sealed"
SEALED_QUESTIONS_PATH = SEALED_DIR / "questions.jsonl"
SEALED_CLAIMS_PATH = SEALED_DIR / "claims.jsonl"

SEALED_TYPES = {
    "single_figure",
    "multi_period",
    "multi_part",
    "grade",
    "count",
    "table",
    "minutes",
    "synonym",
    "qualitative",
    "unanswerable",
}
WORDINGS = {"plain", "document"}
# Traps of issue 9 that the sealed claims must each cover at least once.
REQUIRED_REASONS = set().union(*REASONS_BY_VERDICT.values())

MIN_QUESTIONS = 120
MIN_UNANSWERABLE = 30
MIN_CLAIMS = 60

QUESTIONS = _load(SEALED_QUESTIONS_PATH)
CLAIMS = _load(SEALED_CLAIMS_PATH)
# The sealed forces set: eval/forces/sealed/, checked against its own corpus.
FORCES_SEALED_DIR = ROOT / "eval" / "forces" / "sealed"
FORCES_SEALED_QUESTIONS_PATH = FORCES_SEALED_DIR / "questions.jsonl"
FORCES_SEALED_CLAIMS_PATH = FORCES_SEALED_DIR / "claims.jsonl"
FORCES_SEALED_CORPUS = {
    p.stem: collapse(p.read_text(encoding="utf-8"))
    for p in sorted((FORCES_SEALED_DIR / "corpus").glob("*.txt"))
}
FORCES_QUESTIONS = _load(FORCES_SEALED_QUESTIONS_PATH)
FORCES_CLAIMS = _load(FORCES_SEALED_CLAIMS_PATH)


# --------------------------------------------------------------------------
# whole-file checks
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", [SEALED_QUESTIONS_PATH, SEALED_CLAIMS_PATH], ids=["questions", "claims"]
)
def test_every_line_parses_as_json_object(path):
    assert path.exists(), f"{path} is missing"
    lines = _read_jsonl(path)
    entries = _load(path)
    assert len(entries) == len(lines), f"{path.name}: blank or merged lines"
    bad = [str(e)[:60] for e in entries if not isinstance(e, dict) or "_unparsable" in e]
    assert not bad, f"{path.name}: lines that are not JSON objects: {bad}"


@pytest.mark.parametrize(
    "entries,prefix",
    [
        (QUESTIONS, "s"),
        (CLAIMS, "sc"),
        (FORCES_QUESTIONS, "g"),
        (FORCES_CLAIMS, "gc"),
    ],
    ids=["questions", "claims", "forces-questions", "forces-claims"],
)
def test_ids_unique_and_well_formed(entries, prefix):
    ids = _ids(entries)
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"duplicate ids: {dupes}"
    bad = [i for i in ids if not re.fullmatch(prefix + r"\d{3,}", i)]
    assert not bad, f"ids not of the form {prefix}NNN: {bad}"


def test_minimum_counts():
    assert len(QUESTIONS) >= MIN_QUESTIONS, f"only {len(QUESTIONS)} questions"
    unanswerable = [q for q in QUESTIONS if q.get("type") == "unanswerable"]
    assert len(unanswerable) >= MIN_UNANSWERABLE, f"only {len(unanswerable)} unanswerable questions"
    assert len(CLAIMS) >= MIN_CLAIMS, f"only {len(CLAIMS)} claims"


def test_at_least_sixty_percent_of_the_questions_are_plain_wording():
    plain = [q for q in QUESTIONS if q.get("wording") == "plain"]
    assert 5 * len(plain) >= 3 * len(QUESTIONS), f"only {len(plain)} of {len(QUESTIONS)} plain"


def test_every_question_type_is_used():
    missing = SEALED_TYPES - {q.get("type") for q in QUESTIONS}
    assert not missing, f"question types never used: {sorted(missing)}"


def test_every_claim_verdict_and_reason_is_used():
    verdicts = {c.get("verdict") for c in CLAIMS}
    reasons = {c.get("reason") for c in CLAIMS}
    assert verdicts >= VERDICTS, f"verdicts never used: {sorted(VERDICTS - verdicts)}"
    assert reasons >= REQUIRED_REASONS, f"reasons never used: {sorted(REQUIRED_REASONS - reasons)}"


def test_about_a_third_of_claims_are_supported():
    supported = sum(c.get("verdict") == "supported" for c in CLAIMS)
    assert 0.25 <= supported / len(CLAIMS) <= 0.45, f"{supported} of {len(CLAIMS)} supported"


def test_no_sealed_question_repeats_a_tuned_on_question():
    assert GOLD_PATH.exists()
    tuned = {collapse(q.get("question", "")).lower() for q in TUNED_QUESTIONS}
    repeats = [q["id"] for q in QUESTIONS if collapse(q.get("question", "")).lower() in tuned]
    assert not repeats, f"sealed questions copied from eval/gold.jsonl: {repeats}"


# --------------------------------------------------------------------------
# per-question checks
# --------------------------------------------------------------------------


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_fields(q):
    assert "_unparsable" not in q, "line is not valid JSON"
    for field, typ in {**QUESTION_FIELDS, "wording": str}.items():
        assert field in q, f"missing field {field!r}"
        assert isinstance(q[field], typ), f"{field!r} should be {typ.__name__}"
    for field in ("expected", "docs", "evidence"):
        assert all(isinstance(x, str) and x.strip() for x in q[field]), (
            f"{field!r} must hold non-empty strings"
        )
    assert q["question"].strip(), "empty question"
    assert q["type"] in SEALED_TYPES, f"unknown type {q['type']!r}"
    assert q["wording"] in WORDINGS, f"unknown wording {q['wording']!r}"


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_answerability_consistent(q):
    if q["type"] == "unanswerable":
        assert q["answerable"] is False, "unanswerable question marked answerable"
        assert q["expected"] == [] and q["docs"] == [] and q["evidence"] == [], (
            "unanswerable questions have empty expected, docs and evidence"
        )
        assert q["notes"].strip(), "say in notes why the corpus cannot answer it"
    else:
        assert q["answerable"] is True, "answerable flag false for an answerable type"
        assert q["expected"] and q["docs"] and q["evidence"], (
            "answerable questions need expected, docs and evidence"
        )


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_has_enough_expected_for_its_type(q):
    if q["type"] in {"multi_period", "multi_part"}:
        assert len(q["expected"]) >= 2, f"{q['type']} needs every part in expected"


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_docs_exist(q):
    missing = [d for d in q["docs"] if d not in CORPUS]
    assert not missing, f"docs not in corpus/: {missing}"
    assert len(set(q["docs"])) == len(q["docs"]), "duplicate doc ids"


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_expected_in_named_docs(q):
    missing = [x for x in q["expected"] if not _in_named_docs(x, q["docs"])]
    assert not missing, f"expected strings not found verbatim in {q['docs']}: {missing}"


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids(QUESTIONS))
def test_question_evidence_in_named_docs(q):
    missing = [x for x in q["evidence"] if not _in_named_docs(x, q["docs"])]
    assert not missing, f"evidence spans not found verbatim in {q['docs']}: {missing}"
    unsupported = [
        d for d in q["docs"] if not any(collapse(x) in CORPUS.get(d, "") for x in q["evidence"])
    ]
    assert not unsupported, f"docs named without an evidence span from them: {unsupported}"


@pytest.mark.parametrize("q", QUESTIONS + CLAIMS, ids=_ids(QUESTIONS) + _ids(CLAIMS))
def test_evidence_spans_are_clean(q):
    for span in q.get("evidence", []):
        assert len(span) <= MAX_SPAN_CHARS, f"evidence span too long: {span[:60]}..."
        bad = [t for t in FORBIDDEN_IN_SPAN if t in span]
        assert not bad, f"evidence span contains source artefacts {bad}: {span[:60]}..."


# --------------------------------------------------------------------------
# per-claim checks
# --------------------------------------------------------------------------


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
def test_claim_spans_in_named_docs(c):
    assert all(d in CORPUS for d in c["docs"]), f"docs not in corpus/: {c['docs']}"
    missing = [x for x in c["expected"] + c["evidence"] if not _in_named_docs(x, c["docs"])]
    assert not missing, f"strings not found verbatim in {c['docs']}: {missing}"


@pytest.mark.parametrize("c", CLAIMS, ids=_ids(CLAIMS))
def test_claim_source_figures_in_evidence(c):
    """Supported: the claim's figures are in the evidence; contradicted: the source's are."""
    joined = " | ".join(collapse(x) for x in c["evidence"])
    shown = {"supported": c["figures"], "contradicted": c["expected"]}.get(c["verdict"], [])
    missing = [f for f in shown if collapse(f) not in joined]
    assert not missing, f"figures absent from the evidence: {missing}"


# --------------------------------------------------------------------------
# the sealed forces set: eval/forces/sealed/ checked against its own corpus
# --------------------------------------------------------------------------


MIN_FORCES_QUESTIONS = 30
MIN_FORCES_UNANSWERABLE = 8
MIN_FORCES_CLAIMS = 20
MIN_FORCES_WRONG_SUBJECT = 3


def _in_forces_docs(span: str, docs: list[str]) -> bool:
    needle = collapse(span)
    return any(needle in FORCES_SEALED_CORPUS.get(d, "") for d in docs)


def test_forces_sealed_corpus_has_a_catalogue_entry_per_document():
    catalogue = (FORCES_SEALED_DIR / "corpus" / "catalogue.toml").read_text(encoding="utf-8")
    assert FORCES_SEALED_CORPUS, "no documents in eval/forces/sealed/corpus"
    missing = [d for d in FORCES_SEALED_CORPUS if f'["{d}.txt"]' not in catalogue]
    assert not missing, f"documents without a catalogue table: {missing}"


@pytest.mark.parametrize(
    "path",
    [FORCES_SEALED_QUESTIONS_PATH, FORCES_SEALED_CLAIMS_PATH],
    ids=["forces-questions", "forces-claims"],
)
def test_forces_sealed_lines_parse_as_json_objects(path):
    assert path.exists(), f"{path} is missing"
    entries = _load(path)
    assert len(entries) == len(_read_jsonl(path)), f"{path.name}: blank or merged lines"
    bad = [str(e)[:60] for e in entries if not isinstance(e, dict) or "_unparsable" in e]
    assert not bad, f"{path.name}: lines that are not JSON objects: {bad}"


def test_forces_sealed_minimum_counts():
    unanswerable = [q for q in FORCES_QUESTIONS if q.get("type") == "unanswerable"]
    wrong_subject = [c for c in FORCES_CLAIMS if c.get("reason") == "wrong_subject"]
    assert len(FORCES_QUESTIONS) >= MIN_FORCES_QUESTIONS, f"only {len(FORCES_QUESTIONS)} questions"
    assert len(unanswerable) >= MIN_FORCES_UNANSWERABLE, f"only {len(unanswerable)} unanswerable"
    assert len(FORCES_CLAIMS) >= MIN_FORCES_CLAIMS, f"only {len(FORCES_CLAIMS)} claims"
    assert len(wrong_subject) >= MIN_FORCES_WRONG_SUBJECT, (
        f"only {len(wrong_subject)} wrong_subject"
    )


@pytest.mark.parametrize("q", FORCES_QUESTIONS, ids=_ids(FORCES_QUESTIONS))
def test_forces_sealed_question_fields_and_spans(q):
    for field, typ in {**QUESTION_FIELDS, "wording": str}.items():
        assert isinstance(q.get(field), typ), f"{field!r} missing or not {typ.__name__}"
    assert q["type"] in SEALED_TYPES, f"unknown type {q['type']!r}"
    assert q["wording"] in WORDINGS, f"unknown wording {q['wording']!r}"
    assert q["answerable"] is (q["type"] != "unanswerable"), "answerable flag does not fit the type"
    if not q["answerable"]:
        assert not (q["expected"] or q["docs"] or q["evidence"]), "unanswerable with a source"
        assert q["notes"].strip(), "say in notes why the corpus cannot answer it"
    unknown = [d for d in q["docs"] if d not in FORCES_SEALED_CORPUS]
    assert not unknown, f"docs not in eval/forces/sealed/corpus: {unknown}"
    missing = [x for x in q["expected"] + q["evidence"] if not _in_forces_docs(x, q["docs"])]
    assert not missing, f"strings not found verbatim in {q['docs']}: {missing}"


@pytest.mark.parametrize("c", FORCES_CLAIMS, ids=_ids(FORCES_CLAIMS))
def test_forces_sealed_claim_fields_and_spans(c):
    check_claim_fields(c)
    check_claim_figures_in_text(c)
    check_claim_verdict_shape(c)
    unknown = [d for d in c["docs"] if d not in FORCES_SEALED_CORPUS]
    assert not unknown, f"docs not in eval/forces/sealed/corpus: {unknown}"
    missing = [x for x in c["expected"] + c["evidence"] if not _in_forces_docs(x, c["docs"])]
    assert not missing, f"strings not found verbatim in {c['docs']}: {missing}"
    joined = " | ".join(collapse(x) for x in c["evidence"])
    shown = {"supported": c["figures"], "contradicted": c["expected"]}.get(c["verdict"], [])
    absent = [f for f in shown if collapse(f) not in joined]
    assert not absent, f"figures absent from the evidence: {absent}"

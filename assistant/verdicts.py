"""What the check says of a draft: a verdict per claim, as JSON and as terminal text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from assistant.answer import citation_to_json
from assistant.claims import ClaimFigure
from assistant.evidence import SourceFigure, evidence_citation, sentence_citation
from assistant.types import Chunk, Citation, DocumentInfo

Verdict = Literal["supported", "contradicted", "not_found"]
SEVERITY = {"contradicted": 0, "not_found": 1, "supported": 2}
"""A claim of several parts takes its worst part's verdict."""
_TRIM = " \n\t,;:–—(|"


@dataclass(frozen=True, slots=True)
class ClaimVerdict:
    """One claim of the pasted text, what the sources say of it, and the passages that say so."""

    text: str
    start: int
    end: int
    figures: tuple[str, ...]
    verdict: Verdict
    expected: tuple[str, ...]
    evidence: tuple[Citation, ...]
    explanation: str
    stated: tuple[str, ...] = ()
    """The claim's figures with their qualifiers, as the draft states them: "less than 3%"."""


@dataclass(frozen=True, slots=True)
class CheckReport:
    text: str
    claims: tuple[ClaimVerdict, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """What the sources say of one claimed figure, before the figures of a sentence are grouped."""

    verdict: Verdict
    expected: tuple[str, ...]
    evidence: tuple[SourceFigure, ...]
    explanation: str


def claim_verdicts(
    text: str,
    sentence: tuple[int, int],
    figures: list[ClaimFigure],
    findings: list[Finding],
    documents: Mapping[str, DocumentInfo],
    texts: Mapping[str, str],
) -> list[ClaimVerdict]:
    """One claim for the sentence when its figures agree, else one per figure's clause."""
    pairs = list(zip(figures, findings, strict=True))
    groups = (
        [(sentence, pairs)]
        if len({f.verdict for f in findings}) == 1
        else [(figure.clause, [(figure, finding)]) for figure, finding in pairs]
    )
    claims = []
    for (start, end), members in groups:
        start, end = _strip(text, start, end)
        sources: dict[tuple[str, int], SourceFigure] = {}
        for _, finding in members:
            for s in finding.evidence:
                sources.setdefault((s.chunk.chunk_id, s.sentence[0]), s)
        shared = len({f.explanation for _, f in members}) == 1  # e.g. a comparison reversed
        notes = [
            f.explanation if len(members) == 1 or shared else f"{c.figure.text}: {f.explanation}"
            for c, f in members
        ][: 1 if shared else None]
        claims.append(
            ClaimVerdict(
                text[start:end],
                start,
                end,
                tuple(c.figure.text for c, _ in members),
                min((f.verdict for _, f in members), key=SEVERITY.__getitem__),
                _unique(e for _, f in members for e in f.expected),
                tuple(
                    evidence_citation(n, s, documents, texts)
                    for n, s in enumerate(sources.values(), start=1)
                ),
                "; ".join(notes),
                tuple(c.reading.stated for c, _ in members),
            )
        )
    return claims


class _Quoted(Protocol):
    """A source sentence a finding quotes (date_check.DateSource, grade_check.GradeSource)."""

    @property
    def chunk(self) -> Chunk: ...

    @property
    def sentence(self) -> tuple[int, int]: ...


class _Found(Protocol):
    """What a date or grade finding says of one part of a sentence."""

    @property
    def verdict(self) -> Verdict: ...

    @property
    def source(self) -> _Quoted | None: ...

    @property
    def expected(self) -> tuple[str, ...]: ...

    @property
    def explanation(self) -> str: ...


def sentence_verdict(
    text: str,
    span: tuple[int, int],
    stated: tuple[str, ...],
    findings: Sequence[_Found],
    documents: Mapping[str, DocumentInfo],
    texts: Mapping[str, str],
) -> ClaimVerdict:
    """A sentence's verdict from its parts' findings (dates, grades): the worst of them, each
    source sentence quoted once, every explanation once."""
    worst = min(findings, key=lambda f: SEVERITY[f.verdict])
    cited = list(
        {
            (f.source.chunk.chunk_id, f.source.sentence): f.source for f in findings if f.source
        }.values()
    )
    start, end = span
    return ClaimVerdict(
        text[start:end].strip(),
        start,
        end,
        stated,
        worst.verdict,
        tuple(e for f in findings for e in f.expected),
        tuple(
            sentence_citation(n, s.chunk, s.sentence, documents, texts)
            for n, s in enumerate(cited, start=1)
        ),
        "; ".join(dict.fromkeys(f.explanation for f in findings)),
        stated,
    )


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def check_to_json(report: CheckReport) -> dict[str, object]:
    """The `check --json` object: each claim with its verdict, expected figures and cited evidence."""
    return {
        "claims": [
            {
                "text": c.text,
                "figures": list(c.figures),
                "verdict": c.verdict,
                "expected": list(c.expected),
                "evidence": [citation_to_json(e) for e in c.evidence],
                "explanation": c.explanation,
                "stated_figures": list(c.stated or c.figures),
            }
            for c in report.claims
        ]
    }


def render_check(report: CheckReport) -> str:
    """Readable terminal output: one block per claim, its verdict first, then why and where."""
    if not report.claims:
        return "No figures found in the text to check."
    blocks = []
    for claim in report.claims:
        lines = [
            f"[{claim.verdict.replace('_', ' ').upper()}] {claim.text}",
            f"  figures: {', '.join(claim.figures)}",
        ]
        if claim.expected:
            lines.append(f"  source says: {', '.join(claim.expected)}")
        lines.append(f"  why: {claim.explanation}")
        for c in claim.evidence:
            paragraph = f"para {c.chunk.paragraph}" if c.chunk.paragraph else None
            about = f"about {', '.join(c.subjects)}" if c.subjects else None
            where = ", ".join(x for x in (c.date, about, c.chunk.section, paragraph) if x)
            lines.append(f"  [{c.n}] {c.title} ({where}): “{' '.join(c.quote.split())}”")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)

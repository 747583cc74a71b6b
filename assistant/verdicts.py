"""What the check says of a draft: a verdict per claim, as JSON and as terminal text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.answer import citation_to_json
from assistant.types import Citation

Verdict = Literal["supported", "contradicted", "not_found"]


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


@dataclass(frozen=True, slots=True)
class CheckReport:
    text: str
    claims: tuple[ClaimVerdict, ...]


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
            where = ", ".join(x for x in (c.date, c.chunk.section, paragraph) if x)
            lines.append(f"  [{c.n}] {c.title} ({where}): “{' '.join(c.quote.split())}”")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)

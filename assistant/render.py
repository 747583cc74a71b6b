"""Plain-text rendering of answers for the terminal."""

from __future__ import annotations

import textwrap

from assistant.types import Answer, Citation


def describe_citation(c: Citation) -> str:
    """Where a quote comes from: title, date, section, paragraph, page, file."""
    parts = [c.title + (f" ({c.date})" if c.date else "")]
    if c.subjects:
        parts.append("about " + ", ".join(c.subjects))
    if c.chunk.section:
        parts.append(c.chunk.section.rsplit(" > ", 1)[-1])
    if c.chunk.paragraph:
        parts.append(f"para {c.chunk.paragraph}")
    if c.chunk.page:
        parts.append(f"page {c.chunk.page}")
    parts.append(c.source_path)
    return " — ".join(parts)


QUESTION_SHOWN = 300
"""Characters of a question echoed above its answer; a pasted 100 KB question is not repeated."""


def shortened(text: str, limit: int = QUESTION_SHOWN) -> str:
    """`text` on one line, cut at `limit` characters with a note of its full length."""
    line = " ".join(text.split())
    return line if len(line) <= limit else f"{line[:limit]}… ({len(line):,} characters)"


def render_answer(answer: Answer, width: int = 100) -> str:
    lines = [f"Q: {shortened(answer.question)}", ""]
    if answer.read_as:
        lines[1:1] = [f"Read as: {shortened(answer.read_as)}"]
    for line in answer.text.split("\n"):
        lines.extend(textwrap.wrap(line, width, subsequent_indent="    ") or [""])
    if answer.figures:
        lines += ["", "Figures checked against their sources:"]
        for f in answer.figures:
            mark = "✓ verified" if f.verified else "✗ NOT verified"
            period = f" ({f.period})" if f.period else ""
            lines.append(f"  {mark}: {f.text}{period} [{f.citation}]")
        lines.append("  (verified: found in the source as quoted, whether or not it answers)")
    if answer.citations:
        lines += ["", "Sources:"]
        lines += [f"  [{c.n}] {describe_citation(c)}" for c in answer.citations]
    if answer.abstained and answer.passages:
        lines += ["", "Closest passages:"]
        for hit in answer.passages[:3]:
            snippet = " ".join(hit.chunk.text.split())[:200]
            lines.append(f"  - {hit.chunk.doc_id}: {snippet}…")
    return "\n".join(lines)

"""Answers for two or more forces joined side by side: one labelled section per force.

A question such as "How did Surrey and Essex compare on 999 answering?" is answered once per
force, each from the documents about or naming that force. A sentence naming both may be
quoted in either section; each of its figures is labelled with the force named nearest before
it (`reading.subjects.figure_force`), so no figure is shown as another force's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from assistant.reading.subjects import figure_force
from assistant.types import Answer, CheckedFigure, Citation, Hit, Statement

_CITATION_MARK = re.compile(r"\[(\d+)\]")  # e.g. "… [2]" at the end of an answer line


def join_force_answers(question: str, parts: Sequence[tuple[str, Answer]]) -> Answer:
    """One answer holding each force's answer under its name, citations numbered through.

    `parts` pairs a force's label with the answer composed (and verified) for it alone.
    """
    sections: list[str] = []
    statements: list[Statement] = []
    citations: list[Citation] = []
    figures: list[CheckedFigure] = []
    passages: list[Hit] = []
    reasons: list[str] = []
    for label, answer in parts:
        offset = len(citations)
        body = _CITATION_MARK.sub(partial(_shifted, offset), answer.text)
        sections.append(f"{label}:\n{body}")
        statements += [replace(s, citation=s.citation + offset) for s in answer.statements]
        citations += [replace(c, n=c.n + offset) for c in answer.citations]
        quotes = {c.n: c.quote for c in answer.citations}
        figures += [
            replace(
                f,
                citation=f.citation + offset,
                force=figure_force(quotes.get(f.citation, ""), f.text) or label,
            )
            for f in answer.figures
        ]
        passages += [h for h in answer.passages if h not in passages]
        if answer.abstained and answer.reason:
            reasons.append(f"{label}: {answer.reason}")
    abstained = all(answer.abstained for _, answer in parts)
    timings: dict[str, float] = {}
    for _, answer in parts:
        for stage, ms in answer.timings_ms.items():
            timings[stage] = timings.get(stage, 0.0) + ms
    return Answer(
        question,
        "\n\n".join(sections),
        abstained,
        tuple(statements),
        tuple(citations),
        tuple(figures),
        tuple(passages),
        timings,
        "; ".join(reasons) if abstained else None,
    )


def _shifted(offset: int, mark: re.Match[str]) -> str:
    return f"[{int(mark.group(1)) + offset}]"


def answered_elsewhere(answer: Answer, home: str, other: str) -> Answer:
    """The panel's own force's part of an answer given from another force's document
    (Engine._ask_home_first): its statements are not quoted, since they answer less plainly,
    but its passages stay listed for the reader to judge."""
    return _unquoted(
        answer,
        f"the documents about {home} hold no statement that answers this as plainly as one "
        f"about {other} (below)",
    )


def unmentioned_at_home(answer: Answer, home: str, words: Sequence[str]) -> Answer:
    """The panel's own force's answer to a question on a topic only other forces' documents
    name ("padstow", "great north"): a statement from its documents, which never use the word,
    answers something else, so none is quoted; its passages stay listed."""
    named = ", ".join(f"'{w}'" for w in words)
    return _unquoted(answer, f"no document about {home} mentions {named}")


def _unquoted(answer: Answer, reason: str) -> Answer:
    """An answer abstaining for `reason`, with its passages kept and nothing quoted."""
    return replace(
        answer,
        text=f"Not found in the documents: {reason}.",
        abstained=True,
        statements=(),
        citations=(),
        figures=(),
        reason=reason,
        lead="",
        lead_figures=(),
        unanswered=(),
    )

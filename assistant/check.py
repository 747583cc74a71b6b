"""Pasted text -> claims -> verdicts: each figure checked against the sources for its measure and period.

A claim is a sentence of the draft that carries a figure (`assistant.claims`), a grade and no
figure (`assistant.grade_check`), or a date and no figure (`assistant.date_check`); its
sentence (and each figure's clause, when it holds several) is searched, the passages
found are read the same way (`assistant.evidence`), and each figure is judged against
them (`assistant.judge`), then grouped into claims (`assistant.verdicts`). A day date beside
figures ("signed off on 20/08/2024") is judged as a dated claim too, and reported on its own
line only when the sources contradict it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from assistant.claims import ClaimFigure, claim_sentences
from assistant.date_check import DateClaim, check_dates, date_sentences, day_dates_beside_figures
from assistant.evidence import corpus_subjects, retrieved_chunks, source_figures
from assistant.explanations import uncovered as _uncovered
from assistant.grade_check import GradedSentence, check_grades, grade_queries, grade_sentences
from assistant.judge import judge as _judge
from assistant.judge import judge_comparison, judge_difference
from assistant.types import DocumentInfo, Hit
from assistant.verdicts import (
    CheckReport,
    ClaimVerdict,
    check_to_json,
    claim_verdicts,
    render_check,
)


def check_text(
    text: str,
    search: Callable[[str], list[Hit]],
    documents: Mapping[str, DocumentInfo],
    texts: Mapping[str, str],
    idf: Mapping[str, float],
    read: Sequence[tuple[tuple[int, int], list[ClaimFigure]]] | None = None,
    dated: Sequence[tuple[tuple[int, int], list[DateClaim]]] | None = None,
    home: str | None = None,
    graded: Sequence[GradedSentence] | None = None,
) -> CheckReport:
    """Every figure (and every date of a sentence with no figure) of the pasted text, judged
    against the passages retrieved for its sentence.

    `read`, `dated` and `graded` are the text's `claim_sentences`, `date_sentences` and
    `grade_sentences` when the caller has read them already. `home`, the panel's force, is
    named first when a claim is about a force no document covers.
    """
    covered = corpus_subjects(documents, texts, home)
    claims: list[ClaimVerdict] = []
    for sentence, figures in claim_sentences(text, idf) if read is None else read:
        if covered and all(f.subjects and f.subjects.isdisjoint(covered) for f in figures):
            findings = [_uncovered(f, covered) for f in figures]
        else:
            queries = _queries(text, sentence, figures)
            sources = source_figures(retrieved_chunks(search, queries), documents, texts)
            findings = [_judge(f, sources) for f in figures]
            findings = judge_comparison(text[sentence[0] : sentence[1]], figures, findings)
            findings = judge_difference(figures, findings)
        claims.extend(claim_verdicts(text, sentence, figures, findings, documents, texts))
    graded = grade_sentences(text, idf) if graded is None else graded
    claims.extend(check_grades(text, graded, search, documents, texts, covered))
    dated = date_sentences(text, idf) if dated is None else dated
    claims.extend(check_dates(text, dated, search, documents, texts, covered))
    beside = day_dates_beside_figures(text, idf)
    claims.extend(
        c
        for c in check_dates(text, beside, search, documents, texts, covered)
        if c.verdict == "contradicted"
    )
    return CheckReport(text, tuple(sorted(claims, key=lambda c: c.start)))


def claim_queries(
    text: str,
    read: Sequence[tuple[tuple[int, int], list[ClaimFigure]]],
    dated: Sequence[tuple[tuple[int, int], list[DateClaim]]] = (),
    graded: Sequence[GradedSentence] = (),
) -> list[str]:
    """Every search `check_text` will run on the text whose `claim_sentences` are `read` (and
    `date_sentences` are `dated`, `grade_sentences` `graded`), so a caller can run them as one
    batch."""
    return (
        [q for sentence, figures in read for q in _queries(text, sentence, figures)]
        + [text[start:end] for (start, end), _ in dated]
        + [q for g in graded for q in grade_queries(text, g)]
    )


def _queries(text: str, sentence: tuple[int, int], figures: list[ClaimFigure]) -> list[str]:
    """A claim's sentence, and each figure's clause when the sentence holds several."""
    queries = [text[sentence[0] : sentence[1]]]
    if len(figures) > 1:
        queries.extend(text[f.clause[0] : f.clause[1]] for f in figures)
    return queries


__all__ = ["CheckReport", "ClaimVerdict", "check_text", "check_to_json", "render_check"]

"""Why an answer abstains: facts read from the corpus (a force no document covers, a year no
retrieved passage names), other periods than the one asked, a breakdown not given, and what
the closest statement does not mention. Each reason is said to the user in plain words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from assistant.candidates import Evidence, off_period, stated_in
from assistant.forces import (
    ALL_FORCES,
    bodies_not_listed,
    covered_forces,
    covered_phrase,
    force_mentions,
    forces_asked_about,
    forces_named,
)
from assistant.lexical import lexical_tokens
from assistant.question import YEAR_MENTION, Intent, Question
from assistant.types import Chunk, DocumentInfo, Hit

if TYPE_CHECKING:
    from assistant.answer import Candidate


def abstention_fact(
    question: str,
    hits: list[Hit],
    documents: Mapping[str, DocumentInfo],
    force: str | None = None,
    home: str | None = None,
) -> str | None:
    """Why the corpus cannot answer, read from facts rather than scores (the fit skips these
    questions when it chooses the threshold: they abstain whatever the scorer says)."""
    reason = uncovered_force_reason(question, hits, documents, force, home)
    if reason:
        return reason
    if not hits:
        return "nothing in the documents matches the question"
    for year, second in YEAR_MENTION.findall(question):
        if not _year_covered(year, second, hits):
            return f"the retrieved passages do not report on {year}{'/' + second if second else ''}"
    return None


def uncovered_force_reason(
    question: str,
    hits: list[Hit],
    documents: Mapping[str, DocumentInfo],
    force: str | None = None,
    home: str | None = None,
) -> str | None:
    """Why a question about a force no document reports on cannot be answered, naming the
    forces the documents do cover (the panel's own, `home`, first), and the force as the user
    typed it when that was a short name or a town ("Gwent Police (Newport)"); None when every
    force it names (or `force`) is covered.

    A document about all forces (a national table) covers a force only where its
    retrieved text names it.
    """
    covered = covered_forces(d.subjects for d in documents.values())
    if home in covered:
        covered = (home, *(name for name in covered if name != home))
    national = {d.doc_id for d in documents.values() if ALL_FORCES in d.subjects}
    retrieved = [  # with `force`, the hits were already narrowed to documents about or naming it
        f.name
        for h in hits
        if force or h.chunk.doc_id in national
        for f in forces_named(h.chunk.text)
    ]
    asked = [f.name for f in forces_asked_about(question)] + list(bodies_not_listed(question))
    typed = {m.force.name: question[m.start : m.end] for m in force_mentions(question, places=True)}
    for name in [force] if force else asked:
        if name not in covered and name not in retrieved:
            said = name if typed.get(name, name) == name else f"{name} ({typed[name]})"
            return f"the documents do not report on {said}; {covered_phrase(covered)}"
    return None


def _year_covered(year: str, second: str, hits: list[Hit]) -> bool:
    for hit in hits:
        haystack = f"{hit.chunk.text} {hit.chunk.context}"
        if year in haystack or (second and f"{year[2:]}/{second[-2:]}" in haystack):
            return True
    return False


def gives_breakdown(cand: Candidate, intent: Intent) -> bool:
    """A statement splits the measure asked by what was asked: it names both (e.g. bullying
    and ethnic group), not only the breakdown."""
    named = cand.evidence.piece.stems | context_stems(cand.chunk)
    if not intent.breakdown & named:
        return False
    measure = [c for c in intent.measure if c.known and not c.stems & intent.breakdown]
    total = sum(c.weight for c in measure)
    return not total or sum(c.weight for c in measure if c.matches(named)) / total >= 0.5


def context_stems(chunk: Chunk) -> frozenset[str]:
    return frozenset(lexical_tokens(chunk.context))


def other_periods(
    question: Question, evidence: Sequence[Evidence], probabilities: np.ndarray, threshold: float
) -> str | None:
    """When the statements that would answer speak of other periods than the one asked, which:
    "asked for March 2022, the documents give it for March 2023"."""
    asked = question.intent.asked_periods
    near = sorted(
        (
            (float(p), e)
            for e, p in zip(evidence, probabilities, strict=True)
            if p >= threshold and off_period(e.features[0])
        ),
        key=lambda pair: -pair[0],
    )
    stated = list(
        dict.fromkeys(s.label for _, e in near[:3] for s in stated_in(e.text, e.chunk.context))
    )
    if not asked or not stated:
        return None
    return (
        f"the documents do not give this for {asked[0].label}; the closest statements are "
        f"for {', '.join(stated[:3])}"
    )


def missing(question: Question, ranked: list[list[Candidate]]) -> str:
    """What no retrieved statement gives: a kind of figure, or the words the question turns on."""
    intent = question.intent
    pool = [c for candidates in ranked for c in candidates]
    wanted = (
        "a percentage"
        if intent.wants_percent
        else "a time"
        if intent.wants_duration
        else "an amount of money"
        if intent.wants_money
        else "a count, not a share"
        if intent.wants_count
        else "a grade"
        if intent.wants_grade
        else "a count"
        if intent.counted
        else "a figure"
        if intent.wants_figure
        else "a figure or grade"
        if intent.wants_value
        else "a statement"
    )
    if intent.comparators:  # statements setting it against no yardstick asked cannot answer
        return f"no passage compares it with the {' or '.join(sorted(intent.comparators))} figure"
    if not pool:
        return f"no passage gives {wanted} for what was asked"
    best = max(pool, key=lambda c: c.probability)
    named = best.evidence.piece.stems | context_stems(best.chunk)
    absent = [c.word for c in intent.measure if not c.matches(named)]
    reason = f"no passage gives {wanted} for what was asked"
    if absent:
        reason += f" (the closest does not mention {', '.join(repr(w) for w in absent[:3])})"
    return reason

"""question + scored evidence -> an extractive Answer: quoted sentences with periods and citations.

The composer only selects and arranges source text. Every statement is a
verbatim sentence (or table row, or heading) of a retrieved chunk; the only
words it adds are period labels taken from the source or the document date,
the lead line's figures copied from those statements, and the fixed phrases
that frame an answer or an abstention. Which statements answer is decided by
the scorer's calibrated probability, not by word rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assistant.abstention import (
    abstention_fact,
    gives_breakdown,
    missing,
    other_periods,
)
from assistant.candidates import Evidence, cannot_answer_rows
from assistant.dates import date_key, readable_date
from assistant.figures import assign_period, find_figures, find_periods, same_figure
from assistant.lead import answering_figures, lead_line, measure_named_only_later
from assistant.lexical import lexical_tokens
from assistant.question import Intent, Question
from assistant.scorer import is_direct
from assistant.types import (
    DIRECT,
    RELATED,
    Answer,
    Chunk,
    Citation,
    DocumentInfo,
    FigureMention,
    Hit,
    LeadFigure,
    Period,
    Statement,
)

PADDED_TIE = 0.005
"""How much probability a pair of sentences gives up when its first names nothing asked and its
second names the measure: "... answering 84.5% of calls in 10 seconds. In respect of 101
performance ... 33.4%" tied with "... 33.4% ... attrition rate of 12.7%" (0.246 against 0.249
before the refit of 2026-11-30, the other way after it). Only a near tie: the sentence before
may carry the answer ("... in March 2023 (69.4%). The most recent BCP data shows the force
answering 84.5% of calls in 10 seconds")."""
KEEP_WITHIN = 0.25
"""Beyond each part's best statement, others are kept while their probability is at least this
share of that best one: lower quotes more periods of a measure, and more near misses."""
RELATIVE_TO_DATE = "as at the document date"


@lru_cache(maxsize=4096)
def _periods_in(text: str) -> tuple[Period, ...]:
    """Periods of a statement, read once: a statement is re-read for its label and each figure."""
    return tuple(find_periods(text))


@lru_cache(maxsize=4096)
def _figures_in(text: str) -> tuple[FigureMention, ...]:
    return tuple(find_figures(text))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A statement the answer could quote, with its probability of answering one part."""

    evidence: Evidence
    probability: float
    part: int
    padded: bool = False
    """A pair of sentences whose first names nothing asked before its second names the
    measure (lead.measure_named_only_later): it loses a near tie (`PADDED_TIE`)."""

    @property
    def rank(self) -> tuple[float, int]:
        """Sort key, most probable first, then shortest."""
        return (-round(self.probability, 3) + PADDED_TIE * self.padded, self.end - self.start)

    @property
    def chunk(self) -> Chunk:
        return self.evidence.chunk

    @property
    def start(self) -> int:
        return self.evidence.start

    @property
    def end(self) -> int:
        return self.evidence.end

    @property
    def text(self) -> str:
        return self.evidence.text


def compose_answer(
    question: Question,
    hits: list[Hit],
    evidence: Sequence[Evidence],
    probabilities: Sequence[np.ndarray],
    threshold: float,
    documents: Mapping[str, DocumentInfo],
    max_statements: int = 6,
    force: str | None = None,
    answerable: bool = True,
    home: str | None = None,
) -> Answer:
    """Quote the statements most likely to answer each part, or abstain and say what is missing.

    `probabilities[part][i]` is the scorer's probability that `evidence[i]` answers that part;
    the evidence holds only statements that speak for `force` (Engine.evidence). `answerable`
    is False when the candidates as a whole say the documents do not answer (see
    answerability.py): then no statement is quoted as an answer. `home`, the panel's force, is
    named first among the forces the documents cover when a question asks about another.
    """
    abstain = abstention_fact(question.text, hits, documents, force, home)
    if abstain:
        return _abstention(question, hits, abstain)
    ranked = [
        _ranked(evidence, probabilities[n], n, part.intent, threshold)
        for n, part in enumerate(question.parts)
    ]
    shared = frozenset(n for n, part in enumerate(question.parts) if part.period)
    chosen, unanswered = (
        _choose(ranked, threshold, max_statements, shared) if answerable else ([], [])
    )
    if not chosen:
        reason = other_periods(question, evidence, probabilities[0], threshold)
        return _abstention(question, hits, reason or missing(question, ranked))
    if question.intent.breakdown and not any(gives_breakdown(c, question.intent) for c in chosen):
        what = " ".join(sorted(question.intent.breakdown))
        return _abstention(question, hits, f"the documents do not break the figure down by {what}")
    topic = frozenset(stem for concept in question.intent.concepts for stem in concept.stems)
    chosen = _drop_redundant(chosen, topic)
    parts = [question.parts[n].text for n in unanswered] if len(question.parts) > 1 else []
    return _assemble(question, hits, chosen, documents, tuple(parts))


def _ranked(
    evidence: Sequence[Evidence],
    probabilities: np.ndarray,
    part: int,
    intent: Intent,
    threshold: float = 0.0,
) -> list[Candidate]:
    """A part's candidates, most probable first, without those that cannot answer it (another
    period than the one asked, no figure of the kind asked: see candidates.cannot_answer_rows). A
    pair of sentences whose first names nothing asked before its second names the measure
    loses a near tie (`PADDED_TIE`); it is read only for a pair that could be quoted (within
    the tie of `threshold`): one further below ranks after every quotable statement anyway."""
    reach = threshold - PADDED_TIE
    if not evidence:
        return []
    refused = cannot_answer_rows(np.stack([e.features[part] for e in evidence]))
    found = [
        Candidate(
            e,
            float(p),
            part,
            bool(e.piece.pair and p >= reach and measure_named_only_later(e.text, 0, intent)),
        )
        for e, p, no in zip(evidence, probabilities, refused, strict=True)
        if not no
    ]
    return sorted(found, key=lambda c: c.rank)


def _choose(
    ranked: list[list[Candidate]],
    threshold: float,
    limit: int,
    shared: frozenset[int] = frozenset(),
) -> tuple[list[Candidate], list[int]]:
    """Each part's best statement first, then more within reach of their part's best; no overlaps
    or repeats, at most `limit`. Also the parts nothing answers. A part in `shared` (one period
    of several asked) is answered by a statement already chosen when that is its best: "59.7% in
    2022 and 72.6% in 2023" answers both years; another part then takes its next best."""
    chosen: list[Candidate] = []
    seen_text: set[str] = set()
    unanswered: list[int] = []

    def fits(cand: Candidate) -> bool:
        key = " ".join(cand.text.lower().split())
        if key in seen_text:
            return False
        return not any(
            c.chunk.doc_id == cand.chunk.doc_id and cand.start < c.end and c.start < cand.end
            for c in chosen
        )

    def take(cand: Candidate) -> None:
        seen_text.add(" ".join(cand.text.lower().split()))
        chosen.append(cand)

    best: dict[int, float] = {}
    for part, candidates in enumerate(ranked):
        above = [c for c in candidates if c.probability >= threshold]
        first = above[0] if above and part in shared else next((c for c in above if fits(c)), None)
        if first is None:
            unanswered.append(part)
            continue
        best[part] = first.probability
        if fits(first):
            take(first)  # else a statement chosen for an earlier period answers this one too
    pool = sorted(
        (c for part, candidates in enumerate(ranked) if part in best for c in candidates),
        key=lambda c: c.rank,
    )
    for cand in pool:
        floor = max(threshold, KEEP_WITHIN * best[cand.part])
        if cand.probability < floor:
            continue
        inside = _extends(cand, chosen)
        if inside:
            # A longer statement replaces the ones it contains when it gives a figure more:
            # "… 33.4% in March 2023. Current … 12.7%" over its first sentence alone.
            for c in inside:
                chosen.remove(c)
            take(cand)
        elif len(chosen) < limit and fits(cand):
            take(cand)
    return chosen[:limit], unanswered


def _extends(cand: Candidate, chosen: list[Candidate]) -> list[Candidate]:
    """The chosen statements `cand` wholly contains, if it overlaps no other and adds a figure."""
    same = [c for c in chosen if c.chunk.doc_id == cand.chunk.doc_id]
    overlapping = [c for c in same if cand.start < c.end and c.start < cand.end]
    inside = [c for c in overlapping if cand.start <= c.start and c.end <= cand.end]
    if not inside or len(inside) != len(overlapping):
        return []
    had = sum(len(_figures_in(c.text)) for c in inside)
    return inside if len(_figures_in(cand.text)) > had else []


def _salient_figures(text: str, topic: frozenset[str]) -> list[FigureMention]:
    """Figures a reader asked about: measures, and counts of things the question names."""
    salient = []
    for figure in _figures_in(text):
        if (
            figure.kind in ("percent", "points", "money", "duration")
            or figure.unit is None
            or set(lexical_tokens(figure.unit)) & topic
        ):
            salient.append(figure)
    return salient


def _drop_redundant(chosen: list[Candidate], topic: frozenset[str]) -> list[Candidate]:
    """Remove statements whose salient figures other chosen statements of the same document give.

    e.g. the 2018/19 report gives "over 18 percent" in 2017 in one sentence and
    "from 18 percent in 2017, to the current 7 percent" in another; the second
    says all the first does.
    """
    kept = list(chosen)
    for cand in sorted(chosen, key=lambda c: (c.probability, -(c.end - c.start))):
        mine = _salient_figures(cand.text, topic)
        if not mine:
            continue
        others = [
            f
            for c in kept
            if c is not cand and c.chunk.doc_id == cand.chunk.doc_id
            for f in _salient_figures(c.text, topic)
        ]
        if all(any(same_figure(f, o) for o in others) for f in mine):
            kept.remove(cand)
    return kept


def _period_of(
    cand: Candidate, documents: Mapping[str, DocumentInfo]
) -> tuple[str | None, tuple[int, int] | None]:
    """The statement's period: from the sentence, else the inspection cycle in its headings,
    else the document date, marked as such."""
    periods = [p for p in _periods_in(cand.text) if not p.relative]
    relative = [p for p in _periods_in(cand.text) if p.relative]
    figures = _figures_in(cand.text)
    if figures:
        assigned = [assign_period(f, list(_periods_in(cand.text)), cand.text) for f in figures]
        concrete = [p for p in assigned if p is not None and not p.relative]
        if concrete and all(p is not None and not p.relative for p in assigned):
            return _label(concrete), min(p.sort_key or (0, 0) for p in concrete)
        if any(p is not None and p.relative for p in assigned):
            relative = [p for p in assigned if p is not None and p.relative]
            periods = concrete
    if periods and not relative:
        return _label(periods), min(p.sort_key or (0, 0) for p in periods)
    cycle = [p for p in _periods_in(cand.chunk.context) if not p.relative and p.sort_key]
    doc = documents.get(cand.chunk.doc_id)
    date = doc.date if doc else None
    if relative:
        dated = (
            f"{relative[0].text} ({RELATIVE_TO_DATE}, {readable_date(date)})"
            if date
            else relative[0].text
        )
        labels = [_label(periods)] if periods else []
        return "; ".join([*labels, dated]), date_key(date)
    if cycle:
        return cycle[-1].text, cycle[-1].sort_key
    if date:
        return f"document dated {readable_date(date)}", date_key(date)
    return None, None


def _figure_periods(
    text: str, figures: tuple[FigureMention, ...], fallback: str | None, doc: DocumentInfo | None
) -> tuple[str | None, ...]:
    """Each figure's own period; "current" resolved to the document date, marked as such."""
    periods = list(_periods_in(text))
    labels: list[str | None] = []
    for figure in figures:
        own = assign_period(figure, periods, text)
        if own is None:
            labels.append(fallback)
        elif own.relative:
            date = doc.date if doc else None
            labels.append(
                f"{own.text} ({RELATIVE_TO_DATE}, {readable_date(date)})" if date else own.text
            )
        else:
            labels.append(own.text)
    return tuple(labels)


def _label(periods: list[Period]) -> str:
    seen: list[str] = []
    for p in periods:
        if p.text not in seen:
            seen.append(p.text)
    return "; ".join(seen)


def _assemble(
    question: Question,
    hits: list[Hit],
    chosen: list[Candidate],
    documents: Mapping[str, DocumentInfo],
    unanswered: tuple[str, ...],
) -> Answer:
    dated = [(cand, *_period_of(cand, documents)) for cand in chosen]
    dated.sort(key=lambda item: (item[2] is None, item[2] or (0, 0), item[0].start))
    best = max((cand.probability for cand in chosen), default=0.0)
    document_best: dict[str, float] = {}
    for cand in chosen:
        doc_id = cand.chunk.doc_id
        document_best[doc_id] = max(document_best.get(doc_id, 0.0), cand.probability)
    statements: list[Statement] = []
    citations: list[Citation] = []
    lines: list[str] = []
    for n, (cand, period, key) in enumerate(dated, start=1):
        doc = documents.get(cand.chunk.doc_id)
        citations.append(
            Citation(
                n=n,
                chunk=cand.chunk,
                title=doc.title if doc else cand.chunk.doc_id,
                date=doc.date if doc else None,
                source_path=doc.source_path if doc else "",
                quote=cand.text,
                start=cand.start,
                end=cand.end,
                subjects=doc.subjects if doc else (),
            )
        )
        figures = tuple(_figures_in(cand.text))
        direct = is_direct(cand.probability, document_best[cand.chunk.doc_id], best)
        match = DIRECT if direct else RELATED
        statements.append(
            Statement(
                cand.text,
                n,
                period,
                key,
                figures,
                _figure_periods(cand.text, figures, period, doc),
                match,
                round(cand.probability, 4),
            )
        )
        prefix = f"{period}: " if period else ""
        lines.append(f"{prefix}“{cand.text}” [{n}] ({match})")
    answering = answering_figures(statements, question.intent)
    lead = lead_line(answering)
    lines += [f"No statement answers: {part}" for part in unanswered]
    text = "\n".join([lead, *lines] if lead else lines)
    return Answer(
        question.asked,
        text,
        False,
        tuple(statements),
        tuple(citations),
        (),
        tuple(hits),
        reason=None,
        read_as=question.text if question.rewritten else None,
        lead=lead,
        lead_figures=tuple(f for f in answering if isinstance(f, LeadFigure)),
        unanswered=unanswered,
    )


def _abstention(question: Question, hits: list[Hit], reason: str) -> Answer:
    text = (
        f"Not found in the documents: {reason}. The closest passages are listed for you to judge."
    )
    return Answer(
        question.asked,
        text,
        True,
        (),
        (),
        (),
        tuple(hits),
        reason=reason,
        read_as=question.text if question.rewritten else None,
    )


def answer_to_json(
    answer: Answer, source_paths: Mapping[str, str] | None = None, top_passages: int = 10
) -> dict[str, object]:
    """The `ask --json` object; `source_paths` maps doc_id to its path for the passages."""
    paths = dict(source_paths or {})
    paths.update({c.chunk.doc_id: c.source_path for c in answer.citations})
    return {
        "question": answer.question,
        "answer": answer.text,
        "abstained": answer.abstained,
        "figures": [
            {
                "text": f.text,
                "value": f.value,
                "unit": f.unit,
                "period": f.period,
                "verified": f.verified,
                "citation": f.citation,
                "force": f.force,
                "stated": f.stated,
                "qualifier": f.qualifier,
                "sign": -1 if f.text[:1] in "-−–" else 1,
                "direction": f.direction,
            }
            for f in answer.figures
        ],
        "citations": [citation_to_json(c) for c in answer.citations],
        "passages": [
            {
                "doc_id": h.chunk.doc_id,
                "source_path": paths.get(h.chunk.doc_id, ""),
                "text": h.chunk.text,
                "score": round(h.score, 6),
            }
            for h in answer.passages[:top_passages]
        ],
        "timings_ms": {k: round(v, 2) for k, v in answer.timings_ms.items()},
        "question_as_read": answer.read_as or answer.question,
        "lead": answer.lead,
        "lead_figures": [
            {"stated": f.stated, "period": f.period, "citation": f.citation}
            for f in answer.lead_figures
        ],
        "statements": [
            {
                "quote": s.quote,
                "citation": s.citation,
                "period": s.period,
                "match": s.match,
                "probability": s.probability,
            }
            for s in answer.statements
        ],
        "unanswered_parts": list(answer.unanswered),
    }


def citation_to_json(c: Citation) -> dict[str, object]:
    return {
        "n": c.n,
        "doc_id": c.chunk.doc_id,
        "source_path": c.source_path,
        "title": c.title,
        "date": c.date,
        "page": c.chunk.page,
        "section": c.chunk.section,
        "paragraph": c.chunk.paragraph,
        "quote": c.quote,
        "start": c.start,
        "end": c.end,
        "subjects": list(c.subjects),
    }

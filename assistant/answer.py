"""question + hits -> an extractive Answer: quoted sentences with periods and numbered citations.

The composer only selects and arranges source text. Every statement is a
verbatim sentence (or table row, or heading) of a retrieved chunk; the only
words it adds are period labels taken from the source or the document date,
and the fixed phrases that frame an answer or an abstention.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assistant.dates import date_key, readable_date
from assistant.figures import assign_period, find_figures, find_periods, same_figure
from assistant.forces import ALL_FORCES, covered_forces, covered_phrase, forces_named, quotable_for
from assistant.lexical import lexical_tokens
from assistant.passages import ChunkLocator, Piece, analyse, pieces_of, years_in
from assistant.question import (
    WEAK_STEMS,
    YEAR_MENTION,
    Intent,
    read_question,
)
from assistant.types import (
    Answer,
    Chunk,
    Citation,
    DocumentInfo,
    FigureMention,
    Hit,
    Period,
    Statement,
)

MIN_COVERAGE = 0.5
"""Share of the question's weighted concepts a statement must match (its own text or headings)."""
RELATIVE_TO_DATE = "as at the document date"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A statement the answer could quote, with how well it matches the question."""

    chunk: Chunk
    start: int  # in the chunk's document text
    end: int
    text: str
    coverage: float
    score: float


def compose_answer(
    question: str,
    hits: list[Hit],
    documents: Mapping[str, DocumentInfo],
    texts: Mapping[str, str],
    idf: Mapping[str, float],
    max_statements: int = 6,
    locate: ChunkLocator | None = None,
    force: str | None = None,
) -> Answer:
    """Select the sentences that answer the question, or abstain and say why.

    With `force`, only sentences that speak of that force are quoted (see forces.quotable_for):
    in a national table "Essex Police: 80.3 per cent" is not Surrey's figure.
    """
    abstain = _abstention_reason(question, hits, documents, force)
    if abstain:
        return _abstention(question, hits, abstain)
    intent = read_question(question, idf)
    candidates = [
        c
        for c in _candidates(hits, intent, texts, locate)
        if force is None or quotable_for(c.text, _subjects(documents, c.chunk.doc_id), force)
    ]
    if not candidates:
        what = (
            "a figure" if intent.wants_figure else "a grade" if intent.wants_grade else "a passage"
        )
        reason = f"no passage gives {what} for what was asked"
        unknown = [c.word for c in intent.concepts if not any(s in idf for s in c.stems)]
        if unknown:
            reason += f" (the documents never mention {', '.join(repr(w) for w in unknown)})"
        return _abstention(question, hits, reason)
    topic = frozenset(stem for concept in intent.concepts for stem in concept.stems)
    chosen = _drop_redundant(_choose(candidates, max_statements), topic)
    return _assemble(question, hits, chosen, documents, texts)


def _abstention_reason(
    question: str, hits: list[Hit], documents: Mapping[str, DocumentInfo], force: str | None
) -> str | None:
    reason = uncovered_force_reason(question, hits, documents, force)
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
) -> str | None:
    """Why a question about a force no document reports on cannot be answered, naming the
    forces the documents do cover; None when every force it names (or `force`) is covered.

    A document about all forces (a national table) covers a force only where its
    retrieved text names it.
    """
    covered = covered_forces(d.subjects for d in documents.values())
    national = {d.doc_id for d in documents.values() if ALL_FORCES in d.subjects}
    retrieved = [  # with `force`, the hits were already narrowed to documents about or naming it
        f.name
        for h in hits
        if force or h.chunk.doc_id in national
        for f in forces_named(h.chunk.text)
    ]
    for name in [force] if force else [f.name for f in forces_named(question)]:
        if name not in covered and name not in retrieved:
            return f"the documents do not report on {name}; {covered_phrase(covered)}"
    return None


def _subjects(documents: Mapping[str, DocumentInfo], doc_id: str) -> tuple[str, ...]:
    doc = documents.get(doc_id)
    return doc.subjects if doc else ()


def _year_covered(year: str, second: str, hits: list[Hit]) -> bool:
    for hit in hits:
        haystack = f"{hit.chunk.text} {hit.chunk.context}"
        if year in haystack or (second and f"{year[2:]}/{second[-2:]}" in haystack):
            return True
    return False


def _counts(figures: tuple[FigureMention, ...], counted: frozenset[str]) -> bool:
    """Whether some figure counts one of the stems (or is a bare number)."""
    for figure in figures:
        if figure.kind in ("percent", "points", "money", "duration"):
            continue
        if figure.unit is None or figure.kind == "ratio":
            return True
        if set(lexical_tokens(figure.unit)) & counted:
            return True
    return False


def _candidates(
    hits: list[Hit], intent: Intent, texts: Mapping[str, str], locate: ChunkLocator | None
) -> list[Candidate]:
    found: list[Candidate] = []
    seen: set[tuple[str, int, int]] = set()
    for rank, chunk, piece in pieces_of(hits, intent.wants_grade, texts, locate):
        key = (chunk.doc_id, chunk.start + piece.start, chunk.start + piece.end)
        if key not in seen:
            seen.add(key)
            candidate = _judge(intent, rank, chunk, piece)
            if candidate is not None:
                found.append(candidate)
    return found


def _judge(ask: Intent, rank: int, chunk: Chunk, piece: Piece) -> Candidate | None:
    """The piece as a candidate statement, or None when it does not answer what was asked."""
    _, chunk_stems, context_stems = analyse(chunk.text, chunk.context)
    text = chunk.text[piece.start : piece.end]
    matched = 0.0
    for concept in ask.measure:
        if concept.matches(piece.stems):
            matched += concept.weight
        elif concept.matches(context_stems) or (
            not ask.wants_grade and concept.matches(chunk_stems)
        ):
            # A grade belongs to the area named beside it or in its heading, not elsewhere.
            matched += 0.5 * concept.weight
        elif concept.required:
            return None
    coverage = matched / ask.total_weight if ask.measure else 0.0
    if coverage < MIN_COVERAGE:
        return None
    if ask.wants_figure and not ask.wants_grade and not piece.has_figure:
        return None
    if ask.wants_percent and not any(f.kind == "percent" for f in piece.figures):
        return None  # "what share/proportion/percentage": only a percentage answers it
    if ask.wants_duration and not any(f.kind == "duration" for f in piece.figures):
        return None  # "what was the average response time": only a duration answers it
    if ask.counted and not _counts(piece.figures, ask.counted):
        return None  # "how many hate crimes": a figure counting AFIs does not answer it
    if ask.wants_figure and not any(
        c.matches(piece.stems)
        for c in ask.measure
        if not c.required and not (c.stems <= WEAK_STEMS)
    ):
        return None  # the figure's measure must be named beside it, not only elsewhere
    if ask.wants_grade and not piece.has_grade:
        return None
    if ask.asked_years and not (ask.asked_years & (piece.years or years_in(chunk.context))):
        return None  # the question names a period this statement is not about
    score = coverage + 0.15 / (1 + rank) + (0.1 if piece.has_figure else 0.0)
    return Candidate(
        chunk, chunk.start + piece.start, chunk.start + piece.end, text, coverage, score
    )


def _choose(candidates: list[Candidate], limit: int) -> list[Candidate]:
    """The best statements: within reach of the best score, no overlaps or repeats, at most `limit`.

    A lone sentence beats the pair that contains it unless the pair matches clearly more.
    """
    ranked = sorted(candidates, key=lambda c: (-round(c.score, 2), c.end - c.start))
    best = ranked[0].coverage
    chosen: list[Candidate] = []
    seen_text: set[str] = set()
    for cand in ranked:
        key = " ".join(cand.text.lower().split())
        if key in seen_text or cand.coverage < best - 0.25:
            continue
        if any(
            c.chunk.doc_id == cand.chunk.doc_id and cand.start < c.end and c.start < cand.end
            for c in chosen
        ):
            continue
        seen_text.add(key)
        chosen.append(cand)
        if len(chosen) >= limit:
            break
    return chosen


def _salient_figures(text: str, topic: frozenset[str]) -> list[FigureMention]:
    """Figures a reader asked about: measures, and counts of things the question names."""
    salient = []
    for figure in find_figures(text):
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
    for cand in sorted(chosen, key=lambda c: (c.score, -(c.end - c.start))):
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
    periods = [p for p in find_periods(cand.text) if not p.relative]
    relative = [p for p in find_periods(cand.text) if p.relative]
    figures = find_figures(cand.text)
    if figures:
        assigned = [assign_period(f, find_periods(cand.text), cand.text) for f in figures]
        concrete = [p for p in assigned if p is not None and not p.relative]
        if concrete and all(p is not None and not p.relative for p in assigned):
            return _label(concrete), min(p.sort_key or (0, 0) for p in concrete)
        if any(p is not None and p.relative for p in assigned):
            relative = [p for p in assigned if p is not None and p.relative]
            periods = concrete
    if periods and not relative:
        return _label(periods), min(p.sort_key or (0, 0) for p in periods)
    cycle = [p for p in find_periods(cand.chunk.context) if not p.relative and p.sort_key]
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
    periods = find_periods(text)
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
    question: str,
    hits: list[Hit],
    chosen: list[Candidate],
    documents: Mapping[str, DocumentInfo],
    texts: Mapping[str, str],
) -> Answer:
    dated = [(cand, *_period_of(cand, documents)) for cand in chosen]
    dated.sort(key=lambda item: (item[2] is None, item[2] or (0, 0), item[0].start))
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
        figures = tuple(find_figures(cand.text))
        statements.append(
            Statement(
                cand.text, n, period, key, figures, _figure_periods(cand.text, figures, period, doc)
            )
        )
        prefix = f"{period}: " if period else ""
        lines.append(f"{prefix}“{cand.text}” [{n}]")
    return Answer(
        question, "\n".join(lines), False, tuple(statements), tuple(citations), (), tuple(hits)
    )


def _abstention(question: str, hits: list[Hit], reason: str) -> Answer:
    text = (
        f"Not found in the documents: {reason}. The closest passages are listed for you to judge."
    )
    return Answer(question, text, True, (), (), (), tuple(hits), reason=reason)


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

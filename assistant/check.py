"""Pasted text -> claims -> verdicts: each figure checked against the sources for its measure and period.

The matching rule (on measure and period, never on the number alone):

- A claim is a sentence of the draft that carries a figure (`assistant.claims`);
  the passages are read the same way (`assistant.evidence`).
- A source figure *speaks to the measure* when it covers MIN_COVERAGE of the
  measure's weight and one word is named in or beside its sentence. A figure about
  the other phone service (101, 999), another force, a national comparator or a
  target never speaks to a claim that is not about it.
- Two periods match when both name the same month, or one holds the other.
  "Current" or an undated sentence stands for the months before its document's
  date and for its headings' period.
- **supported**: the best readings for a matching period state this figure and
  agree on all it says: qualifier ("less than 3%"), change (rose or fell), part
  ("14 of the 19"), threshold ("within 10 seconds"), sign; a sentence giving figures
  for several periods supports only a claim naming one. **contradicted**: they state
  another figure, or this one said otherwise (the explanation names what differs and
  quotes the source), or it belongs to another period. **not found** otherwise, and
  for a force no document covers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from assistant.claims import ClaimFigure, claim_sentences
from assistant.evidence import SourceFigure, corpus_subjects, source_figures
from assistant.reading.figures import differences
from assistant.reading.mentions import same_quantity, states_quantity, unit_family
from assistant.reading.periods import spans_match
from assistant.reading.subjects import subject_label
from assistant.thresholds import (
    AGREE_MARGIN,
    LEVELS,
    MIN_COVERAGE,
    NEAR_COVERAGE,
    STATED_BONUS,
    TOP_MARGIN,
)
from assistant.types import Chunk, DocumentInfo, Hit
from assistant.verdicts import (
    CheckReport,
    ClaimVerdict,
    Finding,
    check_to_json,
    claim_verdicts,
    render_check,
)

_LEADING_WORD = re.compile(r"^(?:in|during|for|of|by|at)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Reading:
    """A source figure read as an answer to one claim figure."""

    source: SourceFigure
    coverage: float
    clause_coverage: float  # share of the claim clause's words found in the source figure's clause
    # and nowhere else in its sentence: what tells the sentence's figures apart
    named: bool
    in_period: bool
    stated: bool  # both name the same month for their figures


def check_text(
    text: str,
    search: Callable[[str], list[Hit]],
    documents: Mapping[str, DocumentInfo],
    texts: Mapping[str, str],
    idf: Mapping[str, float],
    read: Sequence[tuple[tuple[int, int], list[ClaimFigure]]] | None = None,
) -> CheckReport:
    """Every figure of the pasted text, judged against the passages retrieved for its sentence.

    `read` is the text's `claim_sentences` when the caller has read them already.
    """
    covered = corpus_subjects(documents, texts)
    claims: list[ClaimVerdict] = []
    for sentence, figures in claim_sentences(text, idf) if read is None else read:
        if covered and all(f.subjects and not f.subjects & covered for f in figures):
            findings = [_uncovered(f, covered) for f in figures]
        else:
            queries = _queries(text, sentence, figures)
            sources = source_figures(_retrieve(search, queries), documents, texts)
            findings = [_judge(f, sources) for f in figures]
        claims.extend(claim_verdicts(text, sentence, figures, findings, documents, texts))
    return CheckReport(text, tuple(claims))


def claim_queries(
    text: str, read: Sequence[tuple[tuple[int, int], list[ClaimFigure]]]
) -> list[str]:
    """Every search `check_text` will run on the text whose `claim_sentences` are `read`, so a
    caller can run them as one batch."""
    return [q for sentence, figures in read for q in _queries(text, sentence, figures)]


def _queries(text: str, sentence: tuple[int, int], figures: list[ClaimFigure]) -> list[str]:
    """A claim's sentence, and each figure's clause when the sentence holds several."""
    queries = [text[sentence[0] : sentence[1]]]
    if len(figures) > 1:
        queries.extend(text[f.clause[0] : f.clause[1]] for f in figures)
    return queries


def _retrieve(search: Callable[[str], list[Hit]], queries: list[str]) -> list[Chunk]:
    chunks: dict[str, Chunk] = {}
    for query in queries:
        for hit in search(query):
            chunks.setdefault(hit.chunk.chunk_id, hit.chunk)
    return list(chunks.values())


# --- judging -----------------------------------------------------------------------------------


def _judge(claim: ClaimFigure, sources: list[SourceFigure]) -> Finding:
    """The verdict on one figure: the module's rule, read against every retrieved source figure."""
    readings = [r for s in sources if (r := _reading(claim, s)) is not None]
    speaking = [r for r in readings if r.named and r.coverage >= MIN_COVERAGE]
    in_period = sorted(
        _best_in_sentence([r for r in speaking if r.in_period], claim), key=_rank, reverse=True
    )
    if in_period:
        top = [r for r in in_period if _rank(r) >= _rank(in_period[0]) - TOP_MARGIN]
        same = [r for r in top if states_quantity(claim.figure, r.source.figure)] or [
            r for r in in_period if _both_terms(claim, r) and _same_sentence(r, in_period[0])
        ]  # "104 of the 130" beside the best reading's "130": two numbers agreeing
        agreeing = [r for r in same if not differences(claim.reading, r.source.reading)] or [
            r
            for r in in_period
            if same
            and _rank(r) >= _rank(in_period[0]) - AGREE_MARGIN
            and states_quantity(claim.figure, r.source.figure)
            and not differences(claim.reading, r.source.reading)
        ]  # "over 18 percent" in one sentence, "from 18 percent in 2017" in the next: as stated
        if agreeing:
            match = agreeing[0]
            return Finding(
                "supported",
                (),
                (match.source,),
                f"the source gives {match.source.reading.stated} {_when_phrase(match, claim)}",
            )
        if same:
            return _said_otherwise(claim, same[0])
        lead = next(
            (r for r in top if _partners(r, in_period[0]) and r.source.order == claim.order),
            in_period[0],
        )  # "from 839 to 751" answers "from 839 to 715" with 751
        elsewhere = [
            r
            for r in readings
            if r.named
            and r.coverage >= NEAR_COVERAGE
            and r not in top
            and states_quantity(claim.figure, r.source.figure)
        ]
        if not _may_contradict(claim, lead):
            return Finding("not_found", (), (), _not_found_reason(claim))
        return _wrong_figure(claim, lead, elsewhere)
    wrong_period = [
        r for r in speaking if not r.in_period and states_quantity(claim.figure, r.source.figure)
    ]
    if wrong_period and claim.when is None:  # the source gives it for several periods
        anchor = max(wrong_period, key=lambda r: r.coverage)
        return Finding(
            "not_found",
            (),
            (anchor.source,),
            f"the source gives {anchor.source.reading.stated} {_when_phrase(anchor, claim)}, "
            f"in a sentence giving figures for several periods; the claim names none: "
            f"“{anchor.source.clause_text}”",
        )
    if wrong_period:
        return _wrong_period(claim, max(wrong_period, key=lambda r: r.coverage), readings)
    return Finding("not_found", (), (), _not_found_reason(claim))


def _reading(claim: ClaimFigure, source: SourceFigure) -> _Reading | None:
    if (
        unit_family(source.figure) != unit_family(claim.figure)
        or not _same_scope(claim, source)
        or (source.reading.role == "target") != (claim.reading.role == "target")
    ):
        return None
    total = sum(t.weight for t in claim.terms) or 1.0
    local_total = sum(t.weight for t in claim.terms if t.local) or 1.0
    covered = in_clause = 0.0
    named = False
    for term in claim.terms:
        level = next(
            (lv for lv, stems in zip(LEVELS, source.stems, strict=True) if term.met_by(stems)), 0.0
        )
        covered += term.weight * level
        own = level == LEVELS[0] and not term.met_by(source.around)
        in_clause += term.weight if term.local and own else 0.0
        named = named or (level >= LEVELS[2] and not term.weak)
    when = claim.when
    in_period = (
        source.periods < 2 or source.reading.period is None
        if when is None
        else any(spans_match(when, w) for w in source.whens)
    )  # a sentence giving several periods' figures answers only a claim naming one of them
    # Only a month named for both figures outranks a closer reading of the measure; a source
    # sentence naming none continues the month its paragraph named last.
    firm = [
        w
        for w in (*source.whens, source.carried)
        if w is not None and w.source == "stated" and w.exact
    ]
    stated = when is not None and when.exact and any(spans_match(when, w) for w in firm)
    return _Reading(source, covered / total, in_clause / local_total, named, in_period, stated)


def _may_contradict(claim: ClaimFigure, reading: _Reading) -> bool:
    """Whether another figure of a source may stand against the claim's: one for the same kind
    of quantity, named with the claim's most telling words.

    e.g. "volume rose by 6%" is not contradicted by "attrition of just over 1%" (a level, not a
    change), nor "response time in rural areas" by a passage that never says "rural", the
    rarest word of the claim's clause.
    """
    if claim.reading.amount != reading.source.reading.amount:
        return False
    local = [t for t in claim.terms if t.local and not t.weak]
    rarest = max(local, key=lambda t: t.weight, default=None)
    return rarest is None or any(rarest.met_by(stems) for stems in reading.source.stems)


def _said_otherwise(claim: ClaimFigure, reading: _Reading) -> Finding:
    notes = "; ".join(differences(claim.reading, reading.source.reading))
    return Finding(
        "contradicted",
        (reading.source.reading.stated,),
        (reading.source,),
        f"{notes} {_when_phrase(reading, claim)}: “{reading.source.clause_text}”",
    )


def _rank(reading: _Reading) -> float:
    return reading.coverage + (STATED_BONUS if reading.stated else 0.0)


def _best_in_sentence(readings: list[_Reading], claim: ClaimFigure) -> list[_Reading]:
    """Of the figures of one source sentence, those whose own clause matches the claim's best,
    and any stating both terms of a claimed part ("104 of the 130"): two numbers agreeing.

    e.g. "84% of investigations were judged to be effective and 89% were judged to
    provide a good level of victim service": investigations judged effective are 84%.
    """
    best: dict[tuple[str, int], float] = {}
    for r in readings:
        key = (r.source.chunk.chunk_id, r.source.sentence[0])
        best[key] = max(best.get(key, 0.0), r.clause_coverage)
    return [
        r
        for r in readings
        if r.clause_coverage >= best[(r.source.chunk.chunk_id, r.source.sentence[0])]
        or _both_terms(claim, r)
    ]


def _both_terms(claim: ClaimFigure, reading: _Reading) -> bool:
    return claim.reading.part_of is not None and same_quantity(claim.figure, reading.source.figure)


def _same_sentence(a: _Reading, b: _Reading) -> bool:
    return (a.source.chunk.chunk_id, a.source.sentence) == (
        b.source.chunk.chunk_id,
        b.source.sentence,
    )


def _partners(a: _Reading, b: _Reading) -> bool:
    return a.source.chunk.chunk_id == b.source.chunk.chunk_id and a.source.clause == b.source.clause


def _wrong_figure(claim: ClaimFigure, lead: _Reading, elsewhere: list[_Reading]) -> Finding:
    evidence = [lead.source]
    stated = lead.source.reading.stated
    notes = [
        f"the source gives {stated} {_when_phrase(lead, claim)}, not {claim.reading.stated}: "
        f"“{lead.source.clause_text}”"
    ]
    if elsewhere:
        other = max(elsewhere, key=lambda r: r.coverage)
        evidence.append(other.source)
        where = "for another measure" if other.in_period else _when_phrase(other, claim)
        notes.append(f"{claim.figure.text} is given {where}: “{other.source.clause_text}”")
    return Finding("contradicted", (stated,), tuple(evidence), "; ".join(notes))


def _wrong_period(claim: ClaimFigure, anchor: _Reading, readings: list[_Reading]) -> Finding:
    """The figure belongs to another period; the same passage may give the claim's period's figure."""
    claimed = _plain(claim.when.label) if claim.when else "the one period claimed"
    note = (
        f"the source gives {claim.figure.text} {_when_phrase(anchor, claim)}, not {claimed}: "
        f"“{anchor.source.clause_text}”"
    )
    nearby = [
        r
        for r in readings
        if r.in_period
        and r.source.chunk.chunk_id == anchor.source.chunk.chunk_id
        and r.coverage >= NEAR_COVERAGE
        and not states_quantity(claim.figure, r.source.figure)
    ]
    if not nearby or claim.when is None:
        return Finding("contradicted", (), (anchor.source,), note)
    centre = anchor.source.figure.start
    other = max(nearby, key=lambda r: (r.coverage, -abs(r.source.figure.start - centre)))
    note += f"; for {claimed} it gives {other.source.reading.stated}"
    return Finding(
        "contradicted", (other.source.reading.stated,), (other.source, anchor.source), note
    )


def _uncovered(claim: ClaimFigure, covered: frozenset[str]) -> Finding:
    about = ", ".join(subject_label(s) for s in sorted(covered)) or "no named force"
    named = ", ".join(subject_label(s) for s in sorted(claim.subjects))
    return Finding(
        "not_found", (), (), f"the documents are about {about} and give no figure for {named}"
    )


def _not_found_reason(claim: ClaimFigure) -> str:
    if claim.unknown:
        return f"the documents never mention {', '.join(repr(w) for w in claim.unknown)}"
    when = f" for {_plain(claim.when.label)}" if claim.when else ""
    return f"no source gives a figure for this measure{when}"


def _when_phrase(reading: _Reading, claim: ClaimFigure) -> str:
    """The period a reading's figure is given for, in words: "for March 2023", "... dated May 2019"."""
    known = [w for w in (reading.source.carried, *reading.source.whens) if w is not None]
    matching = [w for w in known if claim.when is None or spans_match(claim.when, w)] or known
    if not matching:
        return "for an unstated period"
    when = matching[0]
    if when.source == "heading":
        return f"for {_plain(when.label)} (the period its headings name)"
    if when.source == "dated":
        return f"with no period beside it, in a document dated {when.label}"
    return f"for {_plain(when.label)}"


def _same_scope(claim: ClaimFigure, source: SourceFigure) -> bool:
    said, found = claim.scope, source.scope
    if said.services and found.services and not said.services & found.services:
        return False  # a 999 figure says nothing of 101, and the reverse
    if said.forces and found.forces and not said.forces & found.forces:
        return False  # a figure about one force says nothing of another
    return found.comparator == said.comparator  # a national figure answers only a national claim


def _plain(label: str) -> str:
    return _LEADING_WORD.sub("", label)  # "in 2017" -> "2017"


__all__ = ["CheckReport", "ClaimVerdict", "check_text", "check_to_json", "render_check"]

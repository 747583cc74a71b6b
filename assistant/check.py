"""Pasted text -> claims -> verdicts: each figure checked against the sources for its measure and period.

The matching rule (on measure and period, never on the number alone):

- A claim is a sentence of the pasted text that carries a figure (read by
  `assistant.claims`; the passages are read the same way here). A figure's
  *measure* is its sentence's content words, those of its own clause weighing
  most; its *period* is the one named nearest it in its clause, else one named
  earlier in the paragraph ("over the same period"). Thresholds ("within 10 seconds")
  belong to the measure; who said it ("the T/CC told the board") does not.
- A source figure *speaks to the measure* when it covers MIN_COVERAGE of the
  measure's weight (a word counts 1 in the figure's own clause, 0.75 elsewhere in
  its sentence, 0.6 in a neighbouring sentence, 0.5 elsewhere in its passage,
  section or headings) and one word is named in or beside its sentence. A
  figure about the other phone service (101, 999), another force, or a national
  comparator never speaks to a claim that is not about it.
- Two periods match when both name a month and it is the same month, or when
  one is a year or a financial year ("2018/19") holding the other. "Current" or
  an undated sentence stands for the months before its document's date and for
  its headings' period. A claim without a period matches any.
- Per figure: **supported** when the best readings of the measure for a
  matching period state this figure (exactly: a rounded figure needs a source
  that states it rounded); **contradicted** when they state another figure of
  the same kind (wrong figure, or wrong measure when the claimed number belongs
  to another one), or when no source gives the measure for the claim's period
  but one gives this very figure for another (wrong period; expected is what the
  same passage gives for the claim's period); **not found** otherwise.
- A sentence whose figures agree is one claim; otherwise each figure's clause is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from assistant.answer import citation_to_json
from assistant.claims import (
    FILLER_STEMS,
    ClaimFigure,
    Scope,
    When,
    WhenKind,
    blank_spans,
    claim_sentences,
    claimed_figures,
    clause_order,
    figure_clauses,
    figure_periods,
    figure_phrase,
    figure_scope,
    last_stated,
    line_sentences,
    moved_figure,
    sentence_periods,
    stated_when,
    text_stems,
    when_of,
)
from assistant.dates import readable_date
from assistant.figures import find_periods, same_figure
from assistant.types import Chunk, Citation, DocumentInfo, FigureMention, Hit, Period

Verdict = Literal["supported", "contradicted", "not_found"]

MIN_COVERAGE = 0.4
"""Weighted share of a claim's measure a source figure must cover to speak to it."""
NEAR_COVERAGE = 0.3
"""Looser share for naming where else a claimed number appears, or a passage's figure for a period."""
TOP_MARGIN = 0.05
"""Readings this close to the best one are as good: any of them may support the claim."""
STATED_BONUS = 0.3
"""Preference for a source naming the claim's month for its figure over one whose month is inferred."""
RECENT_MONTHS = 6
"""How far before its document's date a "current" or undated figure may apply."""
SECTION_REACH = 3000
"""How many characters before a passage its section's earlier text may reach."""
# What a measure word counts for, found in a source figure's: clause, sentence, neighbour, passage.
_LEVELS = (1.0, 0.75, 0.6, 0.5)
_LEADING_WORD = re.compile(r"^(?:in|during|for|of|by|at)\s+", re.IGNORECASE)
_SEVERITY = {"contradicted": 0, "not_found": 1, "supported": 2}
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


@dataclass(frozen=True, slots=True)
class CheckReport:
    text: str
    claims: tuple[ClaimVerdict, ...]


@dataclass(frozen=True, slots=True)
class _SourceFigure:
    chunk: Chunk
    figure: FigureMention  # offsets into chunk.text, as are the spans below
    sentence: tuple[int, int]
    clause: tuple[int, int]
    whens: tuple[When, ...]
    stems: tuple[frozenset[str], ...]  # of its clause, sentence, neighbours, passage (see _LEVELS)
    scope: Scope
    carried: When | None  # the month its paragraph named last, when its sentence names none
    order: int

    @property
    def clause_text(self) -> str:
        return " ".join(self.chunk.text[self.clause[0] : self.clause[1]].split()).strip(_TRIM)


@dataclass(frozen=True, slots=True)
class _Reading:
    """A source figure read as an answer to one claim figure."""

    source: _SourceFigure
    coverage: float
    clause_coverage: float  # share of the claim clause's words found in the source figure's clause
    named: bool
    in_period: bool
    stated: bool  # both name the same month for their figures


@dataclass(frozen=True, slots=True)
class _Finding:
    verdict: Verdict
    expected: tuple[str, ...]
    evidence: tuple[_SourceFigure, ...]
    explanation: str


def check_text(
    text: str,
    search: Callable[[str], list[Hit]],
    documents: Mapping[str, DocumentInfo],
    texts: Mapping[str, str],
    idf: Mapping[str, float],
) -> CheckReport:
    """Every figure of the pasted text, judged against the passages retrieved for its sentence."""
    claims: list[ClaimVerdict] = []
    for sentence, figures in claim_sentences(text, idf):
        queries = _queries(text, sentence, figures)
        sources = _source_figures(_retrieve(search, queries), documents, texts)
        findings = [_judge(f, sources) for f in figures]
        claims.extend(_claims(text, sentence, figures, findings, documents, texts))
    return CheckReport(text, tuple(claims))


def claim_queries(text: str, idf: Mapping[str, float]) -> list[str]:
    """Every search `check_text` will run on this text, so a caller can run them as one batch."""
    return [
        q
        for sentence, figures in claim_sentences(text, idf)
        for q in _queries(text, sentence, figures)
    ]


def _queries(text: str, sentence: tuple[int, int], figures: list[ClaimFigure]) -> list[str]:
    """A claim's sentence, and each figure's clause when the sentence holds several."""
    queries = [text[sentence[0] : sentence[1]]]
    if len(figures) > 1:
        queries.extend(text[f.clause[0] : f.clause[1]] for f in figures)
    return queries


# --- sources -----------------------------------------------------------------------------------


def _retrieve(search: Callable[[str], list[Hit]], queries: list[str]) -> list[Chunk]:
    chunks: dict[str, Chunk] = {}
    for query in queries:
        for hit in search(query):
            chunks.setdefault(hit.chunk.chunk_id, hit.chunk)
    return list(chunks.values())


def _source_figures(
    chunks: list[Chunk], documents: Mapping[str, DocumentInfo], texts: Mapping[str, str]
) -> list[_SourceFigure]:
    found: list[_SourceFigure] = []
    for chunk in chunks:
        doc = documents.get(chunk.doc_id)
        found.extend(
            _passage_figures(chunk, doc.date if doc else None, _section_before(chunk, texts))
        )
    return found


def _section_before(chunk: Chunk, texts: Mapping[str, str]) -> str:
    """The chunk's section before it, which often names what "the report" or "the force" did."""
    document = texts.get(chunk.doc_id, "")
    heading = (chunk.section or "").split(" > ")[-1].strip()
    found = (
        document.rfind(heading, max(0, chunk.start - SECTION_REACH), chunk.start) if heading else -1
    )
    return document[found : chunk.start] if found >= 0 else ""


@lru_cache(maxsize=4096)
def _passage_figures(chunk: Chunk, date: str | None, section: str) -> tuple[_SourceFigure, ...]:
    """Every figure of a passage with its clause, periods and surrounding words, computed once."""
    text = chunk.text
    passage = text_stems(text) | text_stems(chunk.context) | text_stems(section)
    background = _background_whens(chunk.context, date)
    heading = (chunk.section or "").split(" > ")[-1]  # "101 calls": what an unnamed service is
    found = []
    for spans in line_sentences(text):
        sentence_stems = [text_stems(text[s:e]) for s, e in spans]
        carried: When | None = None
        for i, (start, end) in enumerate(spans):
            sentence = text[start:end]
            figures = claimed_figures(sentence)
            periods = sentence_periods(sentence, int(date[:4]) if date else None)
            neighbours = frozenset().union(
                *sentence_stems[max(0, i - 1) : i], *sentence_stems[i + 1 : i + 2]
            )
            clauses = figure_clauses(sentence, figures)
            spans_out = [(f.start, f.end) for f in figures] + [(p.start, p.end) for p in periods]
            blanked = blank_spans(sentence, spans_out)
            for figure, clause, period in zip(
                figures, clauses, figure_periods(sentence, figures, periods), strict=True
            ):
                clause_text = sentence[clause[0] : clause[1]]
                clause_stems = text_stems(clause_text)
                if not text_stems(blanked[clause[0] : clause[1]]) - FILLER_STEMS:
                    clause_stems = sentence_stems[i]  # "and 60.1% in September": the sentence's
                found.append(
                    _SourceFigure(
                        chunk,
                        moved_figure(figure, start),
                        (start, end),
                        (clause[0] + start, clause[1] + start),
                        _source_whens(period, background, date),
                        (clause_stems, sentence_stems[i], neighbours, passage),
                        figure_scope(
                            clause_text, sentence, figure_phrase(sentence, figure), heading
                        ),
                        carried if period is None else None,
                        clause_order(clauses, figures, figure),
                    )
                )
            carried = last_stated(periods, carried)
    return tuple(found)


def _source_whens(
    period: Period | None, background: tuple[When, ...], date: str | None
) -> tuple[When, ...]:
    if period is not None and (when := stated_when(period)) is not None:
        return (when,)
    if period is not None and date:
        return (_recent(date, f"{period.text} (as at {readable_date(date)})", "relative"),)
    return background


def _background_whens(context: str, date: str | None) -> tuple[When, ...]:
    """What an undated sentence may speak of: its headings' periods and the months before its date."""
    whens = [
        w
        for p in find_periods(context)
        if not p.relative and (w := when_of(p, "heading")) is not None
    ]
    if date:
        whens.append(_recent(date, readable_date(date), "dated"))
    return tuple(whens)


# --- judging -----------------------------------------------------------------------------------


def _judge(claim: ClaimFigure, sources: list[_SourceFigure]) -> _Finding:
    """The verdict on one figure: the module's rule, read against every retrieved source figure."""
    readings = [r for s in sources if (r := _reading(claim, s)) is not None]
    speaking = [r for r in readings if r.named and r.coverage >= MIN_COVERAGE]
    in_period = sorted(
        _best_in_sentence([r for r in speaking if r.in_period]), key=_rank, reverse=True
    )
    if in_period:
        top = [r for r in in_period if _rank(r) >= _rank(in_period[0]) - TOP_MARGIN]
        match = next((r for r in top if same_figure(r.source.figure, claim.figure)), None)
        if match is not None:
            return _Finding(
                "supported",
                (),
                (match.source,),
                f"the source gives {match.source.figure.text} {_when_phrase(match, claim)}",
            )
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
            and same_figure(r.source.figure, claim.figure)
        ]
        return _wrong_figure(claim, lead, elsewhere)
    wrong_period = [
        r for r in speaking if not r.in_period and same_figure(r.source.figure, claim.figure)
    ]
    if wrong_period:
        return _wrong_period(claim, max(wrong_period, key=lambda r: r.coverage), readings)
    return _Finding("not_found", (), (), _not_found_reason(claim))


def _reading(claim: ClaimFigure, source: _SourceFigure) -> _Reading | None:
    if _family(source.figure) != _family(claim.figure) or not _same_scope(
        claim.scope, source.scope
    ):
        return None
    total = sum(t.weight for t in claim.terms) or 1.0
    local_total = sum(t.weight for t in claim.terms if t.local) or 1.0
    covered = in_clause = 0.0
    named = False
    for term in claim.terms:
        level = next(
            (lv for lv, stems in zip(_LEVELS, source.stems, strict=True) if term.met_by(stems)), 0.0
        )
        covered += term.weight * level
        in_clause += term.weight if term.local and level == _LEVELS[0] else 0.0
        named = named or (level >= _LEVELS[2] and not term.weak)
    when = claim.when
    in_period = when is None or any(_periods_match(when, w) for w in source.whens)
    # Only a month named for both figures outranks a closer reading of the measure; a source
    # sentence naming none continues the month its paragraph named last.
    firm = [
        w
        for w in (*source.whens, source.carried)
        if w is not None and w.kind == "stated" and w.exact
    ]
    stated = when is not None and when.exact and any(_periods_match(when, w) for w in firm)
    return _Reading(source, covered / total, in_clause / local_total, named, in_period, stated)


def _rank(reading: _Reading) -> float:
    return reading.coverage + (STATED_BONUS if reading.stated else 0.0)


def _best_in_sentence(readings: list[_Reading]) -> list[_Reading]:
    """Of the figures of one source sentence, those whose own clause matches the claim's best.

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
    ]


def _partners(a: _Reading, b: _Reading) -> bool:
    return a.source.chunk.chunk_id == b.source.chunk.chunk_id and a.source.clause == b.source.clause


def _wrong_figure(claim: ClaimFigure, lead: _Reading, elsewhere: list[_Reading]) -> _Finding:
    evidence = [lead.source]
    notes = [
        f"the source gives {lead.source.figure.text} {_when_phrase(lead, claim)}, not {claim.figure.text}"
    ]
    if elsewhere:
        other = max(elsewhere, key=lambda r: r.coverage)
        evidence.append(other.source)
        where = "for another measure" if other.in_period else _when_phrase(other, claim)
        notes.append(f"{claim.figure.text} is given {where}: “{other.source.clause_text}”")
    return _Finding("contradicted", (lead.source.figure.text,), tuple(evidence), "; ".join(notes))


def _wrong_period(claim: ClaimFigure, anchor: _Reading, readings: list[_Reading]) -> _Finding:
    """The figure belongs to another period; the same passage may give the claim's period's figure."""
    claimed = _plain(claim.when.label) if claim.when else "the period claimed"
    note = f"the source gives {claim.figure.text} {_when_phrase(anchor, claim)}, not {claimed}"
    nearby = [
        r
        for r in readings
        if r.in_period
        and r.source.chunk.chunk_id == anchor.source.chunk.chunk_id
        and r.coverage >= NEAR_COVERAGE
        and not same_figure(r.source.figure, claim.figure)
    ]
    if not nearby:
        return _Finding("contradicted", (), (anchor.source,), note)
    centre = anchor.source.figure.start
    other = max(nearby, key=lambda r: (r.coverage, -abs(r.source.figure.start - centre)))
    note += f"; for {claimed} it gives {other.source.figure.text}"
    return _Finding(
        "contradicted", (other.source.figure.text,), (other.source, anchor.source), note
    )


def _not_found_reason(claim: ClaimFigure) -> str:
    if claim.scope.forces:
        return f"the documents are about Kent Police and give no figure for {', '.join(sorted(claim.scope.forces))}"
    if claim.unknown:
        return f"the documents never mention {', '.join(repr(w) for w in claim.unknown)}"
    when = f" for {_plain(claim.when.label)}" if claim.when else ""
    return f"no source gives a figure for this measure{when}"


def _when_phrase(reading: _Reading, claim: ClaimFigure) -> str:
    """The period a reading's figure is given for, in words: "for March 2023", "... dated May 2019"."""
    known = [w for w in (reading.source.carried, *reading.source.whens) if w is not None]
    matching = [w for w in known if claim.when is None or _periods_match(claim.when, w)] or known
    if not matching:
        return "for an unstated period"
    when = matching[0]
    if when.kind == "heading":
        return f"for {_plain(when.label)} (the period its headings name)"
    if when.kind == "dated":
        return f"with no period beside it, in a document dated {when.label}"
    return f"for {_plain(when.label)}"


# --- assembling --------------------------------------------------------------------------------


def _claims(
    text: str,
    sentence: tuple[int, int],
    figures: list[ClaimFigure],
    findings: list[_Finding],
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
        sources: dict[tuple[str, int], _SourceFigure] = {}
        for _, finding in members:
            for s in finding.evidence:
                sources.setdefault((s.chunk.chunk_id, s.sentence[0]), s)
        notes = [
            f.explanation if len(members) == 1 else f"{c.figure.text}: {f.explanation}"
            for c, f in members
        ]
        claims.append(
            ClaimVerdict(
                text[start:end],
                start,
                end,
                tuple(c.figure.text for c, _ in members),
                min((f.verdict for _, f in members), key=_SEVERITY.__getitem__),
                _unique(e for _, f in members for e in f.expected),
                tuple(
                    _citation(n, s, documents, texts)
                    for n, s in enumerate(sources.values(), start=1)
                ),
                "; ".join(notes),
            )
        )
    return claims


def _citation(
    n: int, source: _SourceFigure, documents: Mapping[str, DocumentInfo], texts: Mapping[str, str]
) -> Citation:
    """A citation quoting the evidence sentence, located in its document's text."""
    chunk = source.chunk
    doc = documents.get(chunk.doc_id)
    start, end = chunk.start + source.sentence[0], chunk.start + source.sentence[1]
    quote = (
        texts[chunk.doc_id][start:end]
        if chunk.doc_id in texts
        else chunk.text[slice(*source.sentence)]
    )
    return Citation(
        n,
        chunk,
        doc.title if doc else chunk.doc_id,
        doc.date if doc else None,
        doc.source_path if doc else "",
        quote,
        start,
        end,
    )


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


# --- periods, scopes and spans -----------------------------------------------------------------


def _recent(date: str, label: str, kind: WhenKind) -> When:
    """The months a document's "current" may mean: those up to its date (its year, if undated)."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return When(parts[0] * 12, parts[0] * 12 + 11, label, False, kind)
    month = parts[0] * 12 + parts[1] - 1
    return When(month - RECENT_MONTHS, month, label, False, kind)


def _periods_match(a: When, b: When) -> bool:
    if a.exact and b.exact:
        return a.last == b.last
    return a.first <= b.last and b.first <= a.last


def _same_scope(claim: Scope, source: Scope) -> bool:
    if claim.services and source.services and not claim.services & source.services:
        return False  # a 999 figure says nothing of 101, and the reverse
    if claim.forces and not claim.forces & source.forces:
        return False
    return source.comparator == claim.comparator  # a national figure answers only a national claim


def _family(f: FigureMention) -> str:
    return "number" if f.kind in ("count", "word", "ratio") else f.kind


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _plain(label: str) -> str:
    return _LEADING_WORD.sub("", label)  # "in 2017" -> "2017"


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


__all__ = ["CheckReport", "ClaimVerdict", "check_text", "check_to_json", "render_check"]

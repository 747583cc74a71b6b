"""Pasted text -> claims -> verdicts: every figure checked against the sources for its measure and period.

The rule. A claim is a sentence of the pasted text that carries a figure. Each
figure has a measure, the sentence's content words (those of the figure's own
clause weigh double), and a period, the one named nearest it in its clause.
A source figure *speaks to the measure* when the weighted share of the measure's
concepts it covers reaches MIN_COVERAGE (a concept in its own clause counts 1,
elsewhere in its sentence 0.8, in a neighbouring sentence 0.6, elsewhere in the
passage or its headings 0.5) and one concept is named in its own sentence; a
source about the other phone service (101 against 999), another force, or a
national comparator never speaks to a claim that is not. Two periods match
when both name a month and it is the same month, or when one spans a year or a
financial year that holds the other ("March 2023" in "2023", "2018/19"); "current"
or an undated sentence means the months before its document's date (or its
headings' period); a claim without a period matches any. Then, per figure:
- supported: the best-covering source figures for a matching period state it
  (exactly: a rounded figure needs a source that states it rounded);
- contradicted: they state another figure of the same kind (wrong figure or wrong
  measure, the claimed number then belonging to another measure), or no source
  gives the measure for the claim's period but one gives this figure for another
  (wrong period; expected is that passage's figure for the claim's period);
- not found: no source speaks to the measure for the period.
A claim's figures share its verdict when they agree; otherwise each clause is a claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from assistant.answer import OTHER_FORCES, citation_to_json, question_concepts
from assistant.chunk import sentence_spans
from assistant.figures import MONTH_NUMBER, assign_period, find_figures, find_periods, same_figure
from assistant.glossary import ACRONYMS
from assistant.lexical import lexical_tokens
from assistant.types import Chunk, Citation, DocumentInfo, FigureMention, Hit, Period

Verdict = Literal["supported", "contradicted", "not_found"]

MIN_COVERAGE = 0.5
"""Weighted share of a claim's measure a source figure must cover to speak to it."""
ELSEWHERE_WEIGHT = 0.3
"""Weight of a claim's words outside the figure's own clause, against 1 for those inside it."""
TOP_MARGIN = 0.05
"""Source figures this close to the best coverage count as equally good readings of the measure."""
NEAR_COVERAGE = 0.3
"""Looser share for the figure a passage gives for the claim's period beside a wrong-period match."""
SECTION_REACH = 3000
"""How many characters before a passage its section's earlier text may reach."""
RECENT_MONTHS = 6
"""How far before its document's date a "current" or undated figure may apply."""
_LEVELS = (1.0, 0.75, 0.6, 0.5)  # concept in: the figure's clause, sentence, neighbour, passage+section
STATED_BONUS = 0.3
"""Preference for a source that names the claim's period beside the figure over one inferred."""
_WEAK = frozenset(lexical_tokens("rate rates percentage proportion per cent percent total average"))
_FRAMING = frozenset(
    "said told tell says stated advised added noted reported report reports found shows showed show "
    "highlighted inspection inspections inspected hmicfrs peel gave given received relied".split()
)  # that something was said or found, not what was measured
_FILLER = frozenset(
    "from within down up than over under out about around approximately some more less fewer almost "
    "nearly just only also still all its those which when had has have been being were stood since "
    "across each every other another same period time times fell fall falls falling rose rise rises "
    "rising increase increased increases increasing decrease decreased decreasing reduce reduced "
    "reduces reducing reduction cut cuts higher lower grew grown growth".split()
)  # words around a figure that say how it moved, not what it measures
_ATTRIBUTION = re.compile(
    r"\b(?:told|said|says|reported|reports|advised|stated|states|noted|added|confirmed|explained|found|"
    r"finds|showed|shows|highlighted)\b")  # e.g. "The T/CC told the board that": who, not what
_CLAUSE_BREAKS = (
    re.compile(r"[;|]|\s[–—]\s"),
    re.compile(r",|\((?![\w ]{1,12}\))"),  # not a gloss: "(DVPNs)", "(67%)"
    re.compile(r"\s(?:but|while|whereas|with|which|who|compared)\s", re.IGNORECASE),
    re.compile(r"(?<!england)(?<!stop)\sand\s(?!wales|search)", re.IGNORECASE),
)  # strongest first: "X and Y" joins clauses least surely ("stop and search", "Kent and Medway")
_STRONG_BREAK = re.compile(r";|\s[–—]\s")
_APPOSITION = re.compile(r"\s*(?:[A-Za-z]+\s+){0,2}\(\s*")  # e.g. "527 (63.42 percent)"
_QUALIFIER_BEFORE = re.compile(
    r"(?:\b(?:within|in|under|over|inside|after|less than|more than|at least|up to|the (?:last|past|"
    r"first|next))\s*$)", re.IGNORECASE)  # e.g. "within 10 seconds": part of the measure
_PER_BEFORE = re.compile(r"\bper\s*$", re.IGNORECASE)  # e.g. "per 1,000 population"
_BOUND_AFTER = re.compile(r"\s*(?:in|during|for|at|by|of)?\s*(?:the\s+)?", re.IGNORECASE)
_BARE_MONTH = re.compile(
    r"\b(?:in|during|since|from|by|for|of|to|until)\s+(January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b(?!\s*(?:\d|/))")
_MONTH_NAMED = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_SPLIT_YEAR = re.compile(r"\b((?:19|20)\d{2})\s*[/-]\s*(\d{2}|(?:19|20)\d{2})\b")
_COMPARATOR = re.compile(
    r"\b(?:england and wales|most similar|all forces|other forces|national(?:ly)?|nationwide)\b",
    re.IGNORECASE)
_MONTH_NAMES = "January February March April May June July August September October November December".split()


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
class When:
    """A period as months counted from year 0 (year * 12 + month - 1): one month or a span of them."""

    first: int
    last: int
    label: str
    exact: bool  # names one month: "March 2023", "rolling year to December 2023"
    stated: bool  # named beside the figure, not inferred from "current", headings or the date


def periods_match(a: When, b: When) -> bool:
    if a.exact and b.exact:
        return a.last == b.last
    return a.first <= b.last and b.first <= a.last


@dataclass(frozen=True, slots=True)
class _Term:
    word: str
    stems: frozenset[str]
    weight: float
    weak: bool
    local: bool  # in the figure's own clause


@dataclass(frozen=True, slots=True)
class _Scope:
    """What a text is about beyond its words: the phone service, another force, a national figure."""

    services: frozenset[str]
    forces: frozenset[str]
    comparator: bool


@dataclass(frozen=True, slots=True)
class _ClaimFigure:
    figure: FigureMention  # offsets into the pasted text
    clause: tuple[int, int]
    when: When | None
    terms: tuple[_Term, ...]
    scope: _Scope
    unknown: tuple[str, ...]  # content words the documents never use


@dataclass(frozen=True, slots=True)
class _SourceFigure:
    chunk: Chunk
    figure: FigureMention  # offsets into chunk.text
    sentence: tuple[int, int]
    clause: tuple[int, int]
    whens: tuple[When, ...]
    stems: tuple[frozenset[str], ...]  # clause, sentence, neighbours, passage (see _LEVELS)
    scope: _Scope

    @property
    def clause_text(self) -> str:
        return " ".join(self.chunk.text[self.clause[0] : self.clause[1]].split()).strip(" ,;:–—(|")


@dataclass(frozen=True, slots=True)
class _Reading:
    """A source figure as a reading of one claim figure: how well it covers the measure and period."""

    source: _SourceFigure
    coverage: float
    clause_coverage: float  # share of the claim clause's words found in the source figure's clause
    named: bool
    in_period: bool
    stated: bool  # both name the same month beside the figure


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
    unknown_weight = max(idf.values(), default=1.0)
    claims: list[ClaimVerdict] = []
    for sentence, figures in claim_sentences(text, idf, unknown_weight):
        queries = [text[sentence[0] : sentence[1]]]
        if len(figures) > 1:
            queries.extend(text[f.clause[0] : f.clause[1]] for f in figures)
        sources = _source_figures(_retrieve(search, queries), documents, texts)
        findings = [_judge(f, sources) for f in figures]
        claims.extend(_claims(text, sentence, figures, findings, documents, texts))
    return CheckReport(text, tuple(claims))


# --- claims ------------------------------------------------------------------------------------

def claim_sentences(
    text: str, idf: Mapping[str, float], unknown_weight: float
) -> list[tuple[tuple[int, int], list[_ClaimFigure]]]:
    """Sentences of the pasted text that carry figures, each figure with its measure and period.

    A sentence naming no period takes the last one named earlier in its paragraph
    ("Over the same period ...").
    """
    found: list[tuple[tuple[int, int], list[_ClaimFigure]]] = []
    for para_start, para_end in _paragraphs(text):
        inherited: When | None = None
        for start, end in sentence_spans(text, para_start, para_end):
            sentence = text[start:end]
            figures = _figures(sentence)
            periods = _periods(sentence, None)
            whens = [w for p in periods if (w := _when(p, True)) is not None]
            if figures:
                claimed = _claim_figures(sentence, start, figures, periods, inherited, idf, unknown_weight)
                found.append(((start, end), claimed))
            if whens:
                inherited = whens[-1]
    return found


def _claim_figures(
    sentence: str, offset: int, figures: list[FigureMention], periods: list[Period],
    inherited: When | None, idf: Mapping[str, float], unknown_weight: float,
) -> list[_ClaimFigure]:
    blanked = _blank(sentence, [(f.start, f.end) for f in figures] + [(p.start, p.end) for p in periods])
    said = [m.end() for m in _ATTRIBUTION.finditer(sentence, 0, figures[0].start)]
    speaker = _blank(blanked, [(0, said[-1])]) if said else blanked  # the clause without who said it
    claimed = []
    for figure, clause, period in zip(
        figures, _clauses(sentence, figures), _figure_periods(sentence, figures, periods), strict=True
    ):
        when = _when(period, True) if period is not None and not period.relative else None
        local = speaker[clause[0] : clause[1]]
        terms, unknown = _terms(blanked, local, idf, unknown_weight)
        scope = _scope(sentence[clause[0] : clause[1]], sentence, _phrase(sentence, figure))
        moved = FigureMention(figure.text, figure.value, figure.unit, figure.start + offset,
                              figure.end + offset, figure.kind)
        claimed.append(_ClaimFigure(moved, (clause[0] + offset, clause[1] + offset),
                                    when if period is not None else inherited, terms, scope, unknown))
    return claimed


def _terms(
    sentence: str, clause: str, idf: Mapping[str, float], unknown_weight: float
) -> tuple[tuple[_Term, ...], tuple[str, ...]]:
    """The measure's concepts: the whole sentence's, lighter where the figure's clause lacks them.

    A word the documents never use weighs as much as the rarest word they do, so a
    measure they never report cannot be matched on its commoner words alone.
    """
    local = {s for c in question_concepts(clause, idf) for s in c.stems}
    terms: list[_Term] = []
    unknown: list[str] = []
    for concept in question_concepts(sentence, idf):
        if concept.word in _FRAMING or concept.word in _FILLER or _force_named(concept.word):
            continue
        own = [idf[s] for s in lexical_tokens(concept.word) if s in idf]
        known = own or [idf[s] for s in concept.stems if s in idf]
        weight = max(known, default=unknown_weight)  # linear rarity: the rarest word decides
        if not known and concept.stems & local:
            unknown.append(concept.word)
        if concept.stems <= _WEAK:
            weight *= 0.3
        if not concept.stems & local:
            weight *= ELSEWHERE_WEIGHT
        terms.append(_Term(concept.word, concept.stems, weight, concept.stems <= _WEAK,
                           bool(concept.stems & local)))
    return tuple(terms), tuple(unknown)


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
        found.extend(_passage_figures(chunk, doc.date if doc else None, _section_before(chunk, texts)))
    return found


def _section_before(chunk: Chunk, texts: Mapping[str, str]) -> str:
    """The text of the chunk's section before it, which often names what "the report" is."""
    document = texts.get(chunk.doc_id, "")
    heading = (chunk.section or "").split(" > ")[-1].strip()
    if not heading or not document:
        return ""
    found = document.rfind(heading, max(0, chunk.start - SECTION_REACH), chunk.start)
    return document[found : chunk.start] if found >= 0 else ""


@lru_cache(maxsize=4096)
def _passage_figures(chunk: Chunk, date: str | None, section: str) -> tuple[_SourceFigure, ...]:
    """Every figure of a passage with its clause, periods and the words around it, computed once."""
    text = chunk.text
    passage = _stems(text) | _stems(chunk.context) | _stems(section)
    background = _background_whens(chunk.context, date)
    year = int(date[:4]) if date else None
    found: list[_SourceFigure] = []
    for line_spans in _lines(text):
        sentence_stems = [_stems(text[s:e]) for s, e in line_spans]
        for i, (start, end) in enumerate(line_spans):
            sentence = text[start:end]
            figures = _figures(sentence)
            if not figures:
                continue
            neighbours = frozenset().union(*sentence_stems[max(0, i - 1) : i], *sentence_stems[i + 1 : i + 2])
            periods = _periods(sentence, year)
            for figure, clause, period in zip(
                figures, _clauses(sentence, figures), _figure_periods(sentence, figures, periods), strict=True
            ):
                whens = _source_whens(period, background, date)
                clause_text = sentence[clause[0] : clause[1]]
                moved = FigureMention(figure.text, figure.value, figure.unit, figure.start + start,
                                      figure.end + start, figure.kind)
                found.append(_SourceFigure(
                    chunk, moved, (start, end), (clause[0] + start, clause[1] + start), whens,
                    (_stems(clause_text), sentence_stems[i], neighbours, passage),
                    _scope(clause_text, sentence, _phrase(sentence, figure)),
                ))
    return tuple(found)


def _source_whens(period: Period | None, background: tuple[When, ...], date: str | None) -> tuple[When, ...]:
    if period is not None and not period.relative:
        when = _when(period, True)
        if when is not None:
            return (when,)
    if period is not None and date:
        return (_recent(date, f"{period.text} (as at {_pretty_date(date)})"),)
    return background


def _background_whens(context: str, date: str | None) -> tuple[When, ...]:
    """The periods an undated sentence may speak of: its headings' and the months before its document."""
    whens = [w for p in find_periods(context) if not p.relative and (w := _when(p, False)) is not None]
    if date:
        whens.append(_recent(date, f"the document's date, {_pretty_date(date)}"))
    return tuple(whens)


# --- judging -----------------------------------------------------------------------------------

def _judge(claim: _ClaimFigure, sources: list[_SourceFigure]) -> _Finding:
    readings = [r for s in sources if (r := _reading(claim, s)) is not None]
    speaking = [r for r in readings if r.named and r.coverage >= MIN_COVERAGE]
    in_period = sorted(_best_in_sentence([r for r in speaking if r.in_period]), key=_rank, reverse=True)
    if in_period:
        lead = in_period[0]
        top = [r for r in in_period if _rank(r) >= _rank(lead) - TOP_MARGIN]
        match = next((r for r in top if same_figure(r.source.figure, claim.figure)), None)
        if match is not None:
            return _Finding("supported", (), (match.source,),
                            f"the source gives {match.source.figure.text} for {_period_label(match, claim)}")
        elsewhere = [r for r in readings if r.named and r.coverage >= NEAR_COVERAGE and r not in top
                     and same_figure(r.source.figure, claim.figure)]
        return _wrong_figure(claim, lead, elsewhere)
    wrong_period = [r for r in speaking if not r.in_period and same_figure(r.source.figure, claim.figure)]
    if wrong_period:
        anchor = max(wrong_period, key=lambda r: r.coverage)
        return _wrong_period(claim, anchor, readings)
    return _Finding("not_found", (), (), _not_found_reason(claim))


def _best_in_sentence(readings: list[_Reading]) -> list[_Reading]:
    """Of several figures in one source sentence, those whose own clause names the measure best.

    e.g. "84% of investigations were judged to be effective and 89% were judged to
    provide a good level of victim service": for investigations judged effective, 84%.
    """
    best: dict[tuple[str, int], float] = {}
    for r in readings:
        key = (r.source.chunk.chunk_id, r.source.sentence[0])
        best[key] = max(best.get(key, 0.0), r.clause_coverage)
    return [r for r in readings
            if r.clause_coverage >= best[(r.source.chunk.chunk_id, r.source.sentence[0])] - 1e-9]


def _rank(reading: _Reading) -> float:
    return reading.coverage + (STATED_BONUS if reading.stated else 0.0)


def _reading(claim: _ClaimFigure, source: _SourceFigure) -> _Reading | None:
    if _family(source.figure) != _family(claim.figure) or not _same_scope(claim.scope, source.scope):
        return None
    total = sum(t.weight for t in claim.terms) or 1.0
    local_total = sum(t.weight for t in claim.terms if t.local) or 1.0
    covered = in_clause = 0.0
    named = False
    for term in claim.terms:
        level = next((lv for lv, stems in zip(_LEVELS, source.stems, strict=True) if term.stems & stems), 0.0)
        covered += term.weight * level
        in_clause += term.weight if term.local and level == _LEVELS[0] else 0.0
        named = named or (level >= _LEVELS[1] and not term.weak)
    when = claim.when
    in_period = when is None or any(periods_match(when, w) for w in source.whens)
    # Only a month named beside both figures is firm enough to outrank a closer reading of the measure.
    stated = when is not None and when.exact and any(
        w.stated and w.exact and periods_match(when, w) for w in source.whens)
    return _Reading(source, covered / total, in_clause / local_total, named, in_period, stated)


def _wrong_figure(claim: _ClaimFigure, lead: _Reading, elsewhere: list[_Reading]) -> _Finding:
    said = f"the source gives {lead.source.figure.text} for {_period_label(lead, claim)}"
    evidence = [lead.source]
    notes = [f"{said}, not {claim.figure.text}"]
    if elsewhere:
        other = max(elsewhere, key=lambda r: r.coverage)
        evidence.append(other.source)
        where = f"for {_period_label(other, claim)}" if not other.in_period else "for another measure"
        notes.append(f"{claim.figure.text} is given {where}: “{other.source.clause_text}”")
    return _Finding("contradicted", (lead.source.figure.text,), tuple(evidence), "; ".join(notes))


def _wrong_period(claim: _ClaimFigure, anchor: _Reading, readings: list[_Reading]) -> _Finding:
    """The figure belongs to another period; the same passage may give the claim's period's figure."""
    claimed = claim.when.label if claim.when else "the period claimed"
    note = f"the source gives {claim.figure.text} for {_period_label(anchor, claim)}, not {claimed}"
    nearby = [
        r for r in readings
        if r.in_period and r.source.chunk.chunk_id == anchor.source.chunk.chunk_id
        and r.coverage >= NEAR_COVERAGE and not same_figure(r.source.figure, claim.figure)
    ]
    if not nearby:
        return _Finding("contradicted", (), (anchor.source,), note)
    centre = anchor.source.figure.start
    alternative = max(nearby, key=lambda r: (r.coverage, -abs(r.source.figure.start - centre)))
    note += f"; for {claimed} it gives {alternative.source.figure.text}"
    return _Finding("contradicted", (alternative.source.figure.text,), (alternative.source, anchor.source), note)


def _not_found_reason(claim: _ClaimFigure) -> str:
    if claim.scope.forces:
        return f"the documents are about Kent Police and give no figure for {', '.join(sorted(claim.scope.forces))}"
    if claim.unknown:
        return f"the documents never mention {', '.join(repr(w) for w in claim.unknown)}"
    when = f" for {claim.when.label}" if claim.when else ""
    return f"no source gives a figure for this measure{when}"


# --- assembling claims -------------------------------------------------------------------------

_RANK = {"contradicted": 0, "not_found": 1, "supported": 2}


def _claims(
    text: str, sentence: tuple[int, int], figures: list[_ClaimFigure], findings: list[_Finding],
    documents: Mapping[str, DocumentInfo], texts: Mapping[str, str],
) -> list[ClaimVerdict]:
    """One claim for the sentence when its figures agree, else one per figure's clause."""
    if len({f.verdict for f in findings}) == 1:
        groups = [(sentence, list(zip(figures, findings, strict=True)))]
    else:
        groups = [(f.clause, [(f, finding)]) for f, finding in zip(figures, findings, strict=True)]
    claims = []
    for (start, end), members in groups:
        start, end = _strip(text, start, end)
        verdict = min((f.verdict for _, f in members), key=_RANK.__getitem__)
        expected = _unique(e for _, f in members for e in f.expected)
        sources = _unique_sources(s for _, f in members for s in f.evidence)
        notes = [f"{c.figure.text}: {f.explanation}" if len(members) > 1 else f.explanation for c, f in members]
        claims.append(ClaimVerdict(
            text[start:end], start, end, tuple(c.figure.text for c, _ in members), verdict, expected,
            tuple(_citation(n, s, documents, texts) for n, s in enumerate(sources, start=1)),
            "; ".join(notes),
        ))
    return claims


def _citation(n: int, source: _SourceFigure, documents: Mapping[str, DocumentInfo],
              texts: Mapping[str, str]) -> Citation:
    chunk = source.chunk
    doc = documents.get(chunk.doc_id)
    start, end = chunk.start + source.sentence[0], chunk.start + source.sentence[1]
    quote = texts[chunk.doc_id][start:end] if chunk.doc_id in texts else chunk.text[slice(*source.sentence)]
    return Citation(n, chunk, doc.title if doc else chunk.doc_id, doc.date if doc else None,
                    doc.source_path if doc else "", quote, start, end)


def check_to_json(report: CheckReport) -> dict[str, object]:
    """The `check --json` object: each claim with its verdict, expected figures and cited evidence."""
    return {"claims": [
        {"text": c.text, "figures": list(c.figures), "verdict": c.verdict, "expected": list(c.expected),
         "evidence": [citation_to_json(e) for e in c.evidence], "explanation": c.explanation}
        for c in report.claims
    ]}


def render_check(report: CheckReport) -> str:
    """Readable terminal output: one block per claim, its verdict first."""
    if not report.claims:
        return "No figures found in the text."
    blocks = []
    for claim in report.claims:
        lines = [f"[{claim.verdict.replace('_', ' ').upper()}] {claim.text}",
                 f"  figures: {', '.join(claim.figures)}"]
        if claim.expected:
            lines.append(f"  source says: {', '.join(claim.expected)}")
        lines.append(f"  why: {claim.explanation}")
        for c in claim.evidence:
            where = ", ".join(x for x in (c.date, c.chunk.section, f"para {c.chunk.paragraph}"
                                          if c.chunk.paragraph else None) if x)
            lines.append(f"  [{c.n}] {c.title} ({where}): “{' '.join(c.quote.split())}”")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


# --- text pieces -------------------------------------------------------------------------------

def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _lines(text: str) -> list[list[tuple[int, int]]]:
    """Sentences of each line of a passage; a table row or heading line is one sentence."""
    found, cursor = [], 0
    for line in text.split("\n"):
        start, end = cursor, cursor + len(line)
        cursor = end + 1
        if not line.strip():
            continue
        found.append([(start, end)] if " | " in line else sentence_spans(text, start, end))
    return found


def _figures(sentence: str) -> list[FigureMention]:
    """The figures a sentence claims: not thresholds that define a measure ("within 10 seconds")."""
    kept = []
    for f in find_figures(sentence):
        before = sentence[max(0, f.start - 20) : f.start]
        if _PER_BEFORE.search(before):
            continue
        if (f.kind == "duration" or f.unit in ("months", "years")) and _QUALIFIER_BEFORE.search(before):
            continue
        if f.kind == "word" and not f.unit and not sentence[f.end : f.end + 4].startswith(" of"):
            continue
        kept.append(f)
    return kept


def _clauses(sentence: str, figures: list[FigureMention]) -> list[tuple[int, int]]:
    """Each figure's clause: split between neighbouring figures at the gap's strongest break.

    e.g. "the establishment was 613 and currently there were 567 on the detective
    pathway": 613 -> "the establishment was 613", 567 -> "and currently ... pathway".
    With no break between them, the words between belong to both.
    """
    heads = [f for i, f in enumerate(figures) if i == 0 or not _in_apposition(sentence, figures[i - 1], f)]
    spans = dict(zip((f.start for f in heads), _head_clauses(sentence, heads), strict=True))
    result: list[tuple[int, int]] = []
    for figure in figures:
        result.append(spans.get(figure.start, result[-1] if result else (0, len(sentence))))
    return result


def _in_apposition(sentence: str, head: FigureMention, figure: FigureMention) -> bool:
    """Whether a figure restates the one before it: "527 (63.42 percent)", "1,616 crimes (67%)"."""
    return bool(_APPOSITION.fullmatch(sentence[head.end : figure.start]))


def _head_clauses(sentence: str, figures: list[FigureMention]) -> list[tuple[int, int]]:
    cuts: list[tuple[int, int]] = []
    for left, right in zip(figures, figures[1:], strict=False):
        cut = next((breaks[-1].start() for pattern in _CLAUSE_BREAKS
                    if (breaks := list(pattern.finditer(sentence, left.end, right.start)))), None)
        cuts.append((cut, cut) if cut is not None else (right.start, left.end))
    before = [m.end() for m in _STRONG_BREAK.finditer(sentence, 0, figures[0].start)]
    after = [m.start() for m in _STRONG_BREAK.finditer(sentence, figures[-1].end)]
    starts = [before[-1] if before else 0] + [c[1] for c in cuts]
    ends = [c[0] for c in cuts] + [after[0] if after else len(sentence)]
    return list(zip(starts, ends, strict=True))


def _periods(sentence: str, default_year: int | None) -> list[Period]:
    """The sentence's periods, with a bare month ("in June") dated by a year named beside it."""
    periods = find_periods(sentence)
    dated = [p for p in periods if p.sort_key is not None and not p.relative]
    for m in _BARE_MONTH.finditer(sentence):
        if any(p.start < m.end() and m.start() < p.end for p in periods):
            continue
        after = [p for p in dated if p.start >= m.end()]
        before = [p for p in dated if p.end <= m.start()]
        year = (after[0].sort_key or (0, 0))[0] if after else (before[-1].sort_key or (0, 0))[0] \
            if before else default_year
        if year:
            month = m.group(1)
            periods.append(Period(f"{month} {year}", m.start(), m.end(), (year, MONTH_NUMBER[month.lower()])))
    return sorted(periods, key=lambda p: p.start)


def _figure_periods(sentence: str, figures: list[FigureMention], periods: list[Period]) -> list[Period | None]:
    """Each figure's period; one named straight after a figure is that figure's alone.

    e.g. "from 18 percent in 2017 to 7 percent": "in 2017" is 18 percent's, not 7 percent's.
    """
    bound: dict[int, Period] = {}
    for i, figure in enumerate(figures):
        for period in periods:
            gap = sentence[figure.end : period.start]
            if period.start >= figure.end and _BOUND_AFTER.fullmatch(gap):
                bound[i] = period
    result: list[Period | None] = []
    for i, figure in enumerate(figures):
        if i in bound:
            result.append(bound[i])
            continue
        free = [p for p in periods if p not in bound.values()]
        result.append(assign_period(figure, free or periods, sentence))
    return result


def _when(period: Period, stated: bool) -> When | None:
    if period.sort_key is None:
        return None
    year, month = period.sort_key
    split = _SPLIT_YEAR.search(period.text)
    if split:  # a financial year or a cycle: "2018/19" is April 2018 to March 2019
        return When(int(split.group(1)) * 12 + 3, year * 12 + month - 1, period.text, False, stated)
    if _MONTH_NAMED.search(period.text):
        return When(year * 12 + month - 1, year * 12 + month - 1, period.text, True, stated)
    return When(year * 12, year * 12 + 11, period.text, False, stated)


def _recent(date: str, label: str) -> When:
    parts = date.split("-")
    if len(parts) == 1:
        return When(int(parts[0]) * 12, int(parts[0]) * 12 + 11, label, False, False)
    month = int(parts[0]) * 12 + int(parts[1]) - 1
    return When(month - RECENT_MONTHS, month, label, False, False)


def _period_label(reading: _Reading, claim: _ClaimFigure) -> str:
    matching = [w for w in reading.source.whens if claim.when is None or periods_match(claim.when, w)]
    whens = matching or list(reading.source.whens)
    return whens[0].label if whens else "an unstated period"


def _stems(text: str) -> frozenset[str]:
    """Lexical stems of a text, with the expansions of the acronyms it uses ("ELP" -> evidence ...)."""
    stems = set(lexical_tokens(text))
    for word in set(re.findall(r"[a-z/]+", text.lower())):
        if word in ACRONYMS:
            stems.update(lexical_tokens(ACRONYMS[word]))
    return frozenset(stems)


def _scope(clause: str, sentence: str, phrase: str) -> _Scope:
    services = _services(clause) or _services(sentence)
    lowered = sentence.lower()
    forces = frozenset() if "kent" in lowered else frozenset(
        f.title() for f in OTHER_FORCES if re.search(rf"\b{re.escape(f)}\b", lowered))
    return _Scope(services, forces, bool(_COMPARATOR.search(phrase)))


def _phrase(sentence: str, figure: FigureMention) -> str:
    """The words bound most tightly to a figure: up to the nearest break on either side.

    e.g. "(28.7% of stop and searches in Kent had linked outcomes which is higher than
    the ... rate across all forces in England and Wales at 22.2%)": a national figure
    is 22.2%, not 28.7%, though "compared to other forces" opens the sentence.
    """
    start, end = 0, len(sentence)
    for pattern in _CLAUSE_BREAKS[:3]:
        before = [m.end() for m in pattern.finditer(sentence, 0, figure.start)]
        after = [m.start() for m in pattern.finditer(sentence, figure.end)]
        start = max([start, *before[-1:]])
        end = min([end, *after[:1]])
    return sentence[start:end]


def _services(text: str) -> frozenset[str]:
    lowered = text.lower()
    found = set()
    if re.search(r"\b999\b|(?<!non-)(?<!non)\bemergency", lowered):
        found.add("999")
    if re.search(r"\b101\b|\bnon-?emergency", lowered):
        found.add("101")
    return frozenset(found)


def _same_scope(claim: _Scope, source: _Scope) -> bool:
    if claim.services and source.services and not claim.services & source.services:
        return False  # 999 figures say nothing of 101, and the reverse
    if claim.forces and not claim.forces & source.forces:
        return False
    return source.comparator == claim.comparator  # a national figure answers only a national claim


def _force_named(word: str) -> bool:
    return any(word == f or word in f.split() for f in OTHER_FORCES)


def _family(f: FigureMention) -> str:
    return "number" if f.kind in ("count", "word", "ratio") else f.kind


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t,;:–—(|":
        start += 1
    while end > start and text[end - 1] in " \n\t,;:–—(|":
        end -= 1
    return start, end


def _pretty_date(date: str) -> str:
    parts = date.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def _unique(items: object) -> tuple[str, ...]:
    seen: list[str] = []
    for item in items:  # type: ignore[attr-defined]
        if item not in seen:
            seen.append(item)
    return tuple(seen)


def _unique_sources(items: object) -> list[_SourceFigure]:
    seen: dict[tuple[str, int], _SourceFigure] = {}
    for s in items:  # type: ignore[attr-defined]
        seen.setdefault((s.chunk.chunk_id, s.sentence[0]), s)
    return list(seen.values())


__all__ = ["CheckReport", "ClaimVerdict", "check_text", "check_to_json", "render_check"]

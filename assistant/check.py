"""Pasted text -> claims -> verdicts: each figure checked against the sources for its measure and period.

The matching rule (on measure and period, never on the number alone):

- A claim is a sentence of the pasted text that carries a figure. A figure's
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
from itertools import pairwise
from typing import Literal

from assistant.answer import OTHER_FORCES, citation_to_json, question_concepts
from assistant.chunk import sentence_spans
from assistant.figures import MONTH_NUMBER, assign_period, find_figures, find_periods, same_figure
from assistant.glossary import ACRONYMS
from assistant.lexical import lexical_tokens
from assistant.types import Chunk, Citation, DocumentInfo, FigureMention, Hit, Period

Verdict = Literal["supported", "contradicted", "not_found"]
WhenKind = Literal["stated", "relative", "heading", "dated"]

MIN_COVERAGE = 0.4
"""Weighted share of a claim's measure a source figure must cover to speak to it."""
NEAR_COVERAGE = 0.3
"""Looser share for naming where else a claimed number appears, or a passage's figure for a period."""
ELSEWHERE_WEIGHT = 0.3
"""Weight of a claim's words outside the figure's own clause, against 1 for those inside it."""
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
    "reduces reducing reduction cut cuts higher lower grew grown growth came come comes took take "
    "takes taken made make makes got get gets went go goes put saw now then".split()
)  # how a figure moved, or a light verb: not what it measures
_VERB_LIKE = re.compile(r"[a-z]{3,}ed")  # "obtained", "reached": how it was said, less what
_FILLER_STEMS = frozenset(lexical_tokens(" ".join(_FILLER)))
_ATTRIBUTION = re.compile(
    r"\b(?:told|said|says|reported|reports|advised|stated|states|noted|added|confirmed|explained|found|"
    r"finds|showed|shows|highlighted)\b"
)  # e.g. "The T/CC told the board that": who, not what
_CLAUSE_BREAKS = (
    re.compile(r"[;|]|\s[–—]\s"),
    re.compile(r",|\((?![\w ]{1,12}\))"),  # a gloss is no break: "(DVPNs)", "(67%)"
    re.compile(r"\s(?:but|while|whereas|with|which|who|compared)\s", re.IGNORECASE),
    re.compile(r"(?<!england)(?<!stop)\sand\s(?!wales|search)", re.IGNORECASE),
)  # strongest first; "and" joins clauses least surely ("stop and search", "England and Wales")
_STRONG_BREAK = _CLAUSE_BREAKS[0]
_APPOSITION = re.compile(r"\s*(?:[A-Za-z]+\s+){0,2}\(\s*")  # e.g. "527 (63.42 percent)"
_QUALIFIER_BEFORE = re.compile(
    r"\b(?:within|in|under|over|inside|after|less than|more than|at least|up to|the (?:last|past|first|"
    r"next))\s*$",
    re.IGNORECASE,
)  # e.g. "within 10 seconds": part of the measure, not a claim
_PER_BEFORE = re.compile(r"\bper\s*$", re.IGNORECASE)  # e.g. "per 1,000 population"
_TIME_UNITS = ("seconds", "minutes", "hours", "days", "weeks", "months", "years")
_BOUND_AFTER = re.compile(r"\s*(?:in|during|for|at|by|of)?\s*(?:the\s+)?", re.IGNORECASE)
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_BARE_MONTH = re.compile(
    rf"\b(?:in|during|since|from|by|for|of|to|until)\s+{_MONTH}\b(?!\s*(?:\d|/))"
)
_MONTH_NAMED = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
_SPLIT_YEAR = re.compile(r"\b((?:19|20)\d{2})\s*[/-]\s*(\d{2}|(?:19|20)\d{2})\b")
_COMPARATOR = re.compile(
    r"\b(?:england and wales|most similar|all forces|other forces|national(?:ly)?|nationwide)\b",
    re.IGNORECASE,
)
_CONTINUES = re.compile(
    r"\b(?:same (?:period|time|year|month|quarter)|that (?:year|month|quarter|period|time)|by then|"
    r"at that time|meanwhile)\b",
    re.IGNORECASE,
)  # a sentence that keeps the period named before it
_LEADING_WORD = re.compile(r"^(?:in|during|for|of|by|at)\s+", re.IGNORECASE)
_MONTH_NAMES = _MONTH.strip("()").split("|")
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
class _When:
    """A period as months from year 0 (year * 12 + month - 1): one month, or a span of them."""

    first: int
    last: int
    label: str
    exact: bool  # names one month: "March 2023", "rolling year to December 2023"
    kind: WhenKind  # stated beside the figure, "current", a heading's, or the document's date


@dataclass(frozen=True, slots=True)
class _Term:
    """One word (or glossary phrase) of a claim's measure, met by any of its stems or phrases."""

    word: str
    stems: frozenset[str]
    phrases: tuple[frozenset[str], ...]  # multi-word variants, met only when all their stems are
    weight: float
    weak: bool
    local: bool  # in the figure's own clause

    def met_by(self, stems: frozenset[str]) -> bool:
        return bool(self.stems & stems) or any(phrase <= stems for phrase in self.phrases)


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
    when: _When | None
    terms: tuple[_Term, ...]
    scope: _Scope
    unknown: tuple[str, ...]  # words of its clause the documents never use
    order: int  # place among the figures sharing its clause: "from 839 (0) to 751 (1)"


@dataclass(frozen=True, slots=True)
class _SourceFigure:
    chunk: Chunk
    figure: FigureMention  # offsets into chunk.text, as are the spans below
    sentence: tuple[int, int]
    clause: tuple[int, int]
    whens: tuple[_When, ...]
    stems: tuple[frozenset[str], ...]  # of its clause, sentence, neighbours, passage (see _LEVELS)
    scope: _Scope
    carried: _When | None  # the month its paragraph named last, when its sentence names none
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
    for sentence, figures in _claim_sentences(text, idf):
        queries = [text[sentence[0] : sentence[1]]]
        if len(figures) > 1:
            queries.extend(text[f.clause[0] : f.clause[1]] for f in figures)
        sources = _source_figures(_retrieve(search, queries), documents, texts)
        findings = [_judge(f, sources) for f in figures]
        claims.extend(_claims(text, sentence, figures, findings, documents, texts))
    return CheckReport(text, tuple(claims))


# --- claims ------------------------------------------------------------------------------------


def _claim_sentences(
    text: str, idf: Mapping[str, float]
) -> list[tuple[tuple[int, int], list[_ClaimFigure]]]:
    """Sentences that carry figures, each figure with its measure and period.

    A sentence naming no measure takes the sentence before's ("In March 2023 the
    figure had been 69.4%"); one naming no period takes the last one named earlier
    in its paragraph when it says it continues ("Over the same period ...") or
    borrows the measure, and otherwise matches any period.
    """
    found = []
    for para_start, para_end in _paragraphs(text):
        inherited: _When | None = None
        previous = ""
        for start, end in sentence_spans(text, para_start, para_end):
            sentence = text[start:end]
            figures = _figures(sentence)
            periods = _periods(sentence, None)
            blanked = _blank(
                sentence, [(f.start, f.end) for f in figures] + [(p.start, p.end) for p in periods]
            )
            if figures:
                found.append(
                    (
                        (start, end),
                        _claim_figures(
                            sentence, start, figures, periods, blanked, inherited, previous, idf
                        ),
                    )
                )
            named = [w for p in periods if not p.relative and (w := _when(p, "stated")) is not None]
            inherited = named[-1] if named else inherited
            previous = blanked
    return found


def _claim_figures(
    sentence: str,
    offset: int,
    figures: list[FigureMention],
    periods: list[Period],
    blanked: str,
    inherited: _When | None,
    previous: str,
    idf: Mapping[str, float],
) -> list[_ClaimFigure]:
    said = [m.end() for m in _ATTRIBUTION.finditer(sentence, 0, figures[0].start)]
    unsaid = _blank(blanked, [(0, said[-1])]) if said else blanked  # without who said it
    clauses = _clauses(sentence, figures)
    claimed = []
    for figure, clause, period in zip(
        figures, clauses, _figure_periods(sentence, figures, periods), strict=True
    ):
        local = unsaid[clause[0] : clause[1]]
        terms, unknown = _terms(blanked, local, idf)
        borrows = bool(previous) and all(t.weak for t in terms)  # "the figure had been 69.4%"
        if borrows:
            terms, unknown = _terms(f"{previous} {blanked}", local, idf)
        context = f"{previous} {sentence}" if borrows else sentence
        if period is None:
            when = inherited if borrows or _CONTINUES.search(sentence) else None
        else:
            when = None if period.relative else _when(period, "stated")
        claimed.append(
            _ClaimFigure(
                _moved(figure, offset),
                (clause[0] + offset, clause[1] + offset),
                when,
                terms,
                _scope(sentence[clause[0] : clause[1]], context, _phrase(sentence, figure)),
                unknown,
                _order(clauses, figures, figure),
            )
        )
    return claimed


def _terms(
    sentence: str, clause: str, idf: Mapping[str, float]
) -> tuple[tuple[_Term, ...], tuple[str, ...]]:
    """The measure: the sentence's concepts, weighted by rarity, lighter outside the figure's clause.

    A word the documents never use weighs as much as their rarest, so a measure they
    never report cannot be matched on its commoner words alone.
    """
    rarest = max(idf.values(), default=1.0)
    local = _stems(clause)
    terms, unknown = [], []
    for concept in question_concepts(sentence, idf):
        if concept.word in _FRAMING or concept.word in _FILLER or _names_force(concept.word):
            continue
        own = [idf[s] for s in lexical_tokens(concept.word) if s in idf]
        known = own or [idf[s] for s in concept.stems if s in idf]
        weak, inside = concept.stems <= _WEAK, concept.matches(local)
        if not known and inside:
            unknown.append(concept.word)
        verb = not concept.phrases and bool(_VERB_LIKE.fullmatch(concept.word))
        weight = (
            max(known, default=rarest)
            * (0.3 if weak else 0.5 if verb else 1.0)
            * (1.0 if inside else ELSEWHERE_WEIGHT)
        )
        terms.append(_Term(concept.word, concept.stems, concept.phrases, weight, weak, inside))
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
    passage = _stems(text) | _stems(chunk.context) | _stems(section)
    background = _background_whens(chunk.context, date)
    heading = (chunk.section or "").split(" > ")[-1]  # "101 calls": what an unnamed service is
    found = []
    for spans in _lines(text):
        sentence_stems = [_stems(text[s:e]) for s, e in spans]
        carried: _When | None = None
        for i, (start, end) in enumerate(spans):
            sentence = text[start:end]
            figures = _figures(sentence)
            periods = _periods(sentence, int(date[:4]) if date else None)
            neighbours = frozenset().union(
                *sentence_stems[max(0, i - 1) : i], *sentence_stems[i + 1 : i + 2]
            )
            clauses = _clauses(sentence, figures)
            spans_out = [(f.start, f.end) for f in figures] + [(p.start, p.end) for p in periods]
            blanked = _blank(sentence, spans_out)
            for figure, clause, period in zip(
                figures, clauses, _figure_periods(sentence, figures, periods), strict=True
            ):
                clause_text = sentence[clause[0] : clause[1]]
                clause_stems = _stems(clause_text)
                if not _stems(blanked[clause[0] : clause[1]]) - _FILLER_STEMS:
                    clause_stems = sentence_stems[i]  # "and 60.1% in September": the sentence's
                found.append(
                    _SourceFigure(
                        chunk,
                        _moved(figure, start),
                        (start, end),
                        (clause[0] + start, clause[1] + start),
                        _source_whens(period, background, date),
                        (clause_stems, sentence_stems[i], neighbours, passage),
                        _scope(clause_text, sentence, _phrase(sentence, figure), heading),
                        carried if period is None else None,
                        _order(clauses, figures, figure),
                    )
                )
            named = [w for p in periods if not p.relative and (w := _when(p, "stated")) is not None]
            carried = named[-1] if named else carried
    return tuple(found)


def _source_whens(
    period: Period | None, background: tuple[_When, ...], date: str | None
) -> tuple[_When, ...]:
    if period is not None and not period.relative and (when := _when(period, "stated")) is not None:
        return (when,)
    if period is not None and date:
        return (_recent(date, f"{period.text} (as at {_pretty_date(date)})", "relative"),)
    return background


def _background_whens(context: str, date: str | None) -> tuple[_When, ...]:
    """What an undated sentence may speak of: its headings' periods and the months before its date."""
    whens = [
        w
        for p in find_periods(context)
        if not p.relative and (w := _when(p, "heading")) is not None
    ]
    if date:
        whens.append(_recent(date, _pretty_date(date), "dated"))
    return tuple(whens)


# --- judging -----------------------------------------------------------------------------------


def _judge(claim: _ClaimFigure, sources: list[_SourceFigure]) -> _Finding:
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


def _reading(claim: _ClaimFigure, source: _SourceFigure) -> _Reading | None:
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


def _wrong_figure(claim: _ClaimFigure, lead: _Reading, elsewhere: list[_Reading]) -> _Finding:
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


def _wrong_period(claim: _ClaimFigure, anchor: _Reading, readings: list[_Reading]) -> _Finding:
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


def _not_found_reason(claim: _ClaimFigure) -> str:
    if claim.scope.forces:
        return f"the documents are about Kent Police and give no figure for {', '.join(sorted(claim.scope.forces))}"
    if claim.unknown:
        return f"the documents never mention {', '.join(repr(w) for w in claim.unknown)}"
    when = f" for {_plain(claim.when.label)}" if claim.when else ""
    return f"no source gives a figure for this measure{when}"


def _when_phrase(reading: _Reading, claim: _ClaimFigure) -> str:
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
    figures: list[_ClaimFigure],
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


# --- figures, clauses and periods in a sentence ------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs and list items: a hard-wrapped line runs on, a bullet starts afresh."""
    breaks = re.finditer(r"\n\s*\n|\n(?=[ \t]*(?:[-•*–]|\d{1,2}[.)])\s)", text)
    bounds = [0, *(x for m in breaks for x in (m.start(), m.end())), len(text)]
    spans = list(zip(bounds[::2], bounds[1::2], strict=True))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _lines(text: str) -> list[list[tuple[int, int]]]:
    """The sentences of each line of a passage; a table row is one sentence."""
    found, cursor = [], 0
    for line in text.split("\n"):
        start, end = cursor, cursor + len(line)
        cursor = end + 1
        if line.strip():
            found.append([(start, end)] if " | " in line else sentence_spans(text, start, end))
    return found


def _figures(sentence: str) -> list[FigureMention]:
    """The figures a sentence claims: not the thresholds that define a measure ("within 10 seconds")."""
    kept = []
    for f in find_figures(sentence):
        before = sentence[max(0, f.start - 20) : f.start]
        timed = f.kind == "duration" or f.unit in _TIME_UNITS
        if _PER_BEFORE.search(before) or (timed and _QUALIFIER_BEFORE.search(before)):
            continue
        if f.kind == "word" and not f.unit and not sentence.startswith(" of", f.end):
            continue  # "one", "two" without a counted noun: "five of which" stays
        kept.append(f)
    return kept


def _clauses(sentence: str, figures: list[FigureMention]) -> list[tuple[int, int]]:
    """Each figure's clause; a figure restating the one before ("527 (63.42 percent)") shares it."""
    heads = [
        f
        for i, f in enumerate(figures)
        if i == 0 or not _APPOSITION.fullmatch(sentence[figures[i - 1].end : f.start])
    ]
    spans = dict(zip((f.start for f in heads), _head_clauses(sentence, heads), strict=True))
    clauses: list[tuple[int, int]] = []
    for figure in figures:
        clauses.append(spans.get(figure.start, clauses[-1] if clauses else (0, len(sentence))))
    return clauses


def _head_clauses(sentence: str, figures: list[FigureMention]) -> list[tuple[int, int]]:
    """Clauses split at the strongest break between neighbouring figures.

    e.g. "the establishment was 613 and currently there were 567 on the detective
    pathway": 613 -> "the establishment was 613", 567 -> "and currently ... pathway".
    Figures with no break between them share one clause: "from 94 to 47".
    """
    if not figures:
        return []
    cuts: list[int | None] = []
    for left, right in pairwise(figures):
        cuts.append(
            next(
                (
                    breaks[-1].start()
                    for pattern in _CLAUSE_BREAKS
                    if (breaks := list(pattern.finditer(sentence, left.end, right.start)))
                ),
                None,
            )
        )
    before = [m.end() for m in _STRONG_BREAK.finditer(sentence, 0, figures[0].start)]
    after = [m.start() for m in _STRONG_BREAK.finditer(sentence, figures[-1].end)]
    clauses: list[tuple[int, int]] = []
    start, waiting = (before[-1] if before else 0), 0
    for cut in [*cuts, after[0] if after else len(sentence)]:
        waiting += 1
        if cut is not None:
            clauses.extend([(start, cut)] * waiting)
            start, waiting = cut, 0
    return clauses


def _order(
    clauses: list[tuple[int, int]], figures: list[FigureMention], figure: FigureMention
) -> int:
    clause = clauses[figures.index(figure)]
    return sum(
        1 for c, f in zip(clauses, figures, strict=True) if c == clause and f.start < figure.start
    )


def _phrase(sentence: str, figure: FigureMention) -> str:
    """The words bound most tightly to a figure: up to the nearest break on either side.

    e.g. "(28.7% of stop and searches in Kent had linked outcomes which is higher than
    the ... rate across all forces in England and Wales at 22.2%)": the national
    figure is 22.2%, not 28.7%.
    """
    start, end = 0, len(sentence)
    for pattern in _CLAUSE_BREAKS[:3]:
        start = max([start, *[m.end() for m in pattern.finditer(sentence, 0, figure.start)][-1:]])
        end = min([end, *[m.start() for m in pattern.finditer(sentence, figure.end)][:1]])
    return sentence[start:end]


def _periods(sentence: str, default_year: int | None) -> list[Period]:
    """The sentence's periods, with a bare month ("in June") dated by a year named beside it."""
    periods = find_periods(sentence)
    years = [(p.start, p.sort_key[0]) for p in periods if p.sort_key is not None and not p.relative]
    for m in _BARE_MONTH.finditer(sentence):
        if any(p.start < m.end() and m.start() < p.end for p in periods):
            continue
        after = [y for start, y in years if start >= m.end()]
        year = after[0] if after else years[-1][1] if years else default_year
        if year:
            periods.append(
                Period(
                    f"{m.group(1)} {year}",
                    m.start(),
                    m.end(),
                    (year, MONTH_NUMBER[m.group(1).lower()]),
                )
            )
    return sorted(periods, key=lambda p: p.start)


def _figure_periods(
    sentence: str, figures: list[FigureMention], periods: list[Period]
) -> list[Period | None]:
    """Each figure's period; one named straight after a figure is that figure's alone.

    e.g. "from 18 percent in 2017 to 7 percent": "in 2017" is 18 percent's, not 7 percent's.
    """
    bound = {
        i: p
        for i, f in enumerate(figures)
        for p in periods
        if p.start >= f.end and _BOUND_AFTER.fullmatch(sentence[f.end : p.start])
    }
    free = [p for p in periods if p not in bound.values()] or periods
    return [
        bound[i] if i in bound else assign_period(f, free, sentence) for i, f in enumerate(figures)
    ]


def _when(period: Period, kind: WhenKind) -> _When | None:
    if period.sort_key is None:
        return None
    year, month = period.sort_key
    last = year * 12 + month - 1
    split = _SPLIT_YEAR.search(period.text)
    if split:  # a financial year or a cycle: "2018/19" is April 2018 to March 2019
        return _When(int(split.group(1)) * 12 + 3, last, period.text, False, kind)
    if _MONTH_NAMED.search(period.text):
        return _When(last, last, period.text, True, kind)
    return _When(year * 12, year * 12 + 11, period.text, False, kind)


def _recent(date: str, label: str, kind: WhenKind) -> _When:
    """The months a document's "current" may mean: those up to its date (its year, if undated)."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return _When(parts[0] * 12, parts[0] * 12 + 11, label, False, kind)
    month = parts[0] * 12 + parts[1] - 1
    return _When(month - RECENT_MONTHS, month, label, False, kind)


def _periods_match(a: _When, b: _When) -> bool:
    if a.exact and b.exact:
        return a.last == b.last
    return a.first <= b.last and b.first <= a.last


# --- words -------------------------------------------------------------------------------------


def _stems(text: str) -> frozenset[str]:
    """Lexical stems of a text, with the expansions of its acronyms ("ELP" -> evidence led ...)."""
    stems = set(lexical_tokens(text))
    for word in set(re.findall(r"[a-z/]+", text.lower())) & ACRONYMS.keys():
        stems.update(lexical_tokens(ACRONYMS[word]))
    return frozenset(stems)


def _scope(clause: str, sentence: str, phrase: str, heading: str = "") -> _Scope:
    """The phone service named nearest the figure (then its heading), the forces, a national figure."""
    lowered = sentence.lower()
    forces = (
        frozenset()
        if "kent" in lowered
        else frozenset(
            f.title() for f in OTHER_FORCES if re.search(rf"\b{re.escape(f)}\b", lowered)
        )
    )
    return _Scope(
        _services(phrase) or _services(heading) or _services(clause) or _services(sentence),
        forces,
        bool(_COMPARATOR.search(phrase)),
    )


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
        return False  # a 999 figure says nothing of 101, and the reverse
    if claim.forces and not claim.forces & source.forces:
        return False
    return source.comparator == claim.comparator  # a national figure answers only a national claim


def _names_force(word: str) -> bool:
    return any(word == f or word in f.split() for f in OTHER_FORCES)


def _family(f: FigureMention) -> str:
    return "number" if f.kind in ("count", "word", "ratio") else f.kind


def _moved(f: FigureMention, offset: int) -> FigureMention:
    return FigureMention(f.text, f.value, f.unit, f.start + offset, f.end + offset, f.kind)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _plain(label: str) -> str:
    return _LEADING_WORD.sub("", label)  # "in 2017" -> "2017"


def _pretty_date(date: str) -> str:
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = f"{_MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return f"{int(parts[2])} {month}" if len(parts) == 3 else month


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


__all__ = ["CheckReport", "ClaimVerdict", "check_text", "check_to_json", "render_check"]

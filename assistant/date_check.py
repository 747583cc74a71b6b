"""Claims that carry a date and no figure ("HMICFRS published its interim findings on 10 January
2023"): each date judged against the source sentences that say the same thing.

A date alone proves nothing: a source sentence speaks to a claimed date only when it covers
DATE_COVERAGE of the claim's measure (its words, weighted by rarity as `claims.measure_terms`
weighs them) in the sentence itself, headings and the sentence before counting for less.

- **supported**: a sentence that speaks to it states the date (all the claim states of it:
  "autumn 2019" for "autumn 2019", and "2019" for "in 2019"), as the date of its own clause
  when the sentence gives several; a sentence stating a grade is a grade claim, never read here;
  a sentence far behind the best (DATE_MARGIN) that misses the claim's rarest word, which the
  best names, is about another event (the next row of a table) and confirms nothing.
- **contradicted**: the sentence that speaks to it best states a date that conflicts with it
  (another year, month or day), and none that speaks to it as well states the claimed date; or
  the sentence stating it (or the one before) labels the event by another year than the claim
  ("for 22/23" where the claim says "the 2021/22 disclaimer").
- **not found** otherwise, and for a claim about a force no document covers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from assistant.claims import Term, measure_terms, share_said, text_stems
from assistant.dates import readable_date
from assistant.evidence import document_subjects, retrieved_chunks
from assistant.explanations import uncovered_forces
from assistant.reading.changes import OPPOSITE_WAY, ways
from assistant.reading.clauses import blank_spans, claimed_figures, figure_clauses
from assistant.reading.dates import DateMention, confirms, conflicts, find_dates, moved
from assistant.reading.grades import GRADE_WORD
from assistant.reading.measures import ATTRIBUTION
from assistant.reading.periods import PeriodSpan, find_periods, spans_match, stated_spans
from assistant.reading.sentences import line_sentences, paragraph_spans, sentence_spans
from assistant.reading.subjects import subjects_named
from assistant.thresholds import DATE_COVERAGE, DATE_MARGIN, LEVELS
from assistant.types import Chunk, DocumentInfo, Hit
from assistant.verdicts import ClaimVerdict, Verdict, sentence_verdict


@dataclass(frozen=True, slots=True)
class DateClaim:
    """One date of a draft sentence that carries no figure, with the words its clause says."""

    date: DateMention  # offsets into the pasted text
    clause: tuple[int, int]
    terms: tuple[Term, ...]
    forces: frozenset[str]
    framing: bool = False  # when it was said ("In 2019 the force told inspectors …"), not done
    moves: frozenset[str] = frozenset()  # which ways its sentence says something moved ("up",
    # "better"): a date confirms that only with a source saying the same
    compares: bool = False  # "compared with August", "than": a date cannot confirm a comparison
    years: tuple[PeriodSpan, ...] = ()  # the years or runs of years its sentence names what it
    # dates by: "2021/22" of "the 2021/22 disclaimer was due on the 4th December"


@dataclass(frozen=True, slots=True)
class DateSource:
    """A source sentence that states dates, with its words and those around it."""

    chunk: Chunk
    sentence: tuple[int, int]  # offsets into chunk.text
    dates: tuple[DateMention, ...]  # offsets into chunk.text
    clauses: tuple[frozenset[str], ...]  # the stems of each date's clause
    stems: frozenset[str]
    around: frozenset[str]  # its headings' and the sentence before's
    forces: frozenset[str]  # the forces its document is about
    said: DateMention | None = None  # its document's date: when it was said
    years: tuple[PeriodSpan, ...] = ()  # the years or runs of years it and the sentence before
    # name: "22/23" of "The plan by EY remains for 22/23 ... This is due on the 4th December"


@dataclass(frozen=True, slots=True)
class DateFinding:
    """What the sources say of one claimed date, before a sentence's dates are grouped."""

    verdict: Verdict
    source: DateSource | None
    expected: tuple[str, ...]
    explanation: str


_COUNTED_OVER = re.compile(r"\b(?:rolling|year|months|quarter|ending|ended)\b", re.IGNORECASE)
_COMPARES = re.compile(r"\b(?:compared (?:with|to)|than)\b", re.IGNORECASE)


_FRAMING_START = re.compile(r"^\W*(?:in|by|at|during)\s+(?:the\s+)?$", re.IGNORECASE)
_WROTE = re.compile(rf"{ATTRIBUTION.pattern}|\b(?:wrote|writes|published|announced)\b", re.I)


def date_sentences(
    text: str, idf: Mapping[str, float]
) -> list[tuple[tuple[int, int], list[DateClaim]]]:
    """Sentences with dates and no figure (`claims.claim_sentences` reads those with figures)."""
    return _dated_sentences(text, idf, beside_figures=False)


def day_dates_beside_figures(
    text: str, idf: Mapping[str, float]
) -> list[tuple[tuple[int, int], list[DateClaim]]]:
    """The day dates of sentences that carry figures ("All four ... were signed off on
    20/08/2024"): a day is when something happened, never a figure's period, so it is checked
    too; the sentence's figures carry its verdict, and only a date the sources contradict is
    reported beside them (`check.check_text`)."""
    return _dated_sentences(text, idf, beside_figures=True)


def _dated_sentences(
    text: str, idf: Mapping[str, float], beside_figures: bool
) -> list[tuple[tuple[int, int], list[DateClaim]]]:
    """The sentences with event dates and no grade, each with its dated claims: those without a
    figure with every date, or (`beside_figures`) those with one with their full day dates."""
    found = []
    for para_start, para_end in paragraph_spans(text):
        for start, end in sentence_spans(text, para_start, para_end):
            sentence = text[start:end]
            if bool(claimed_figures(sentence)) != beside_figures or GRADE_WORD.search(sentence):
                continue  # a grade is judged by its area, which a date cannot confirm
            dates = [
                d
                for d in event_dates(sentence)
                if not beside_figures or (d.day is not None and d.year is not None)
            ]
            if dates:
                found.append(((start, end), _date_claims(sentence, start, dates, idf)))
    return found


def event_dates(sentence: str) -> list[DateMention]:
    """The dates a sentence says something happened on: not the months a measure was counted
    over ("by the rolling year to December 2023", "in the year ending March 2024")."""
    counted = [(p.start, p.end) for p in find_periods(sentence) if _COUNTED_OVER.search(p.text)]
    return [d for d in find_dates(sentence) if not any(s <= d.start < e for s, e in counted)]


def _date_claims(
    sentence: str, offset: int, dates: list[DateMention], idf: Mapping[str, float]
) -> list[DateClaim]:
    blanked = blank_spans(sentence, [(_lead_start(sentence, d), d.end) for d in dates])
    clauses = figure_clauses(sentence, dates)
    forces = subjects_named(sentence)
    moves, compares = ways(blanked), bool(_COMPARES.search(blanked))
    years = named_years(sentence)
    claims = []
    for date, clause in zip(dates, clauses, strict=True):
        siblings = " ".join(blanked[c[0] : c[1]] for c in dict.fromkeys(clauses) if c != clause)
        terms, _ = measure_terms(blanked, blanked[clause[0] : clause[1]], idf, siblings)
        claims.append(
            DateClaim(
                moved(date, offset),
                (clause[0] + offset, clause[1] + offset),
                terms,
                forces,
                _framing(sentence, date),
                moves,
                compares,
                years,
            )
        )
    return claims


_WEEK_OF = re.compile(r"\bweek\s+(?:starting|commencing|beginning)(?:\s+on)?\s+$|\bw/c\s+$", re.I)
"""Words that make a day a week's ("the week starting 10 April 2023"): part of the date, not of
what happened."""


def _lead_start(sentence: str, date: DateMention) -> int:
    """Where a date's words begin: "week starting" before its day belongs to it."""
    lead = _WEEK_OF.search(sentence, max(0, date.start - 30), date.start)
    return lead.start() if lead else date.start


def _framing(sentence: str, date: DateMention) -> bool:
    """Whether a date says when something was said: it opens the sentence ("In 2019, …") or
    comes before the verb of saying ("The HM Inspector wrote in 2019 that …")."""
    if _FRAMING_START.match(sentence[: date.start]):
        return True
    said = _WROTE.search(sentence[max(0, date.start - 30) : date.start + 40])
    that = sentence.find(" that ", date.end)
    return bool(said) and 0 <= that - date.end < 15


def date_sources(
    chunks: list[Chunk], documents: Mapping[str, DocumentInfo], texts: Mapping[str, str]
) -> list[DateSource]:
    found = []
    for chunk in chunks:
        doc = documents.get(chunk.doc_id)
        forces = document_subjects(doc, texts)
        said = next(iter(find_dates(readable_date(doc.date))), None) if doc and doc.date else None
        heading = text_stems(chunk.context)
        previous: frozenset[str] = frozenset()
        before = ""
        for line in line_sentences(chunk.text):
            for start, end in line:
                sentence = chunk.text[start:end]
                stems = text_stems(sentence)
                own = find_dates(sentence)
                if own:
                    clauses = figure_clauses(sentence, own)
                    found.append(
                        DateSource(
                            chunk,
                            (start, end),
                            tuple(moved(d, start) for d in own),
                            tuple(text_stems(sentence[s:e]) for s, e in clauses),
                            stems,
                            heading | previous,
                            forces,
                            said,
                            named_years(f"{before} {sentence}"),
                        )
                    )
                previous, before = stems, sentence
    return found


def coverage(terms: tuple[Term, ...], source: DateSource) -> float:
    """How much of a claim's measure a source sentence says: in itself in full, around it less."""
    return share_said(terms, (source.stems, 1.0), (source.around, LEVELS[2]))


def judge_date(
    claim: DateClaim, sources: list[DateSource], others: tuple[DateMention, ...] = ()
) -> DateFinding:
    """The verdict on one claimed date (this module's rule); `others` are the other dates of its
    sentence: a source date that confirms one of them says nothing against this one."""
    speaking = sorted(
        (
            (cov, s)
            for s in sources
            if not claim.forces or not s.forces or claim.forces & s.forces
            if (cov := coverage(claim.terms, s)) >= DATE_COVERAGE
        ),
        key=lambda pair: -pair[0],
    )
    if not speaking:
        return DateFinding("not_found", None, (), "no source says this with a date")
    rarest = max(claim.terms, key=lambda t: t.weight, default=None)
    for cov, source in speaking:
        if _outspoken(rarest, cov, source, speaking[0]):
            continue  # a sentence about a neighbouring event (the next row of a table)
        if claim.framing and source.said and confirms(source.said, claim.date):
            return _other_years(claim, source) or _moved(claim, source)
        confirming = [i for i, d in enumerate(source.dates) if confirms(d, claim.date)]
        if confirming and _own_date(claim, source, confirming[0], others):
            return _other_years(claim, source) or _moved(claim, source)
    best = speaking[0][1]
    against = [d for d in best.dates if not any(confirms(d, o) for o in others)]
    if claim.framing or not against or not all(conflicts(d, claim.date) for d in against):
        return DateFinding("not_found", None, (), f"no source confirms {claim.date.text}")
    stated = best.chunk.text[against[0].start : against[0].end]
    return DateFinding(
        "contradicted", best, (stated,), f"the source gives {stated}, not {claim.date.text}"
    )


def _outspoken(
    rarest: Term | None, cov: float, source: DateSource, best: tuple[float, DateSource]
) -> bool:
    """Whether a sentence speaks to the claim so much less than the best one (by DATE_MARGIN) that
    it is about something else: the best names the claim's rarest word and this one does not.
    "POCA ... 13/02/25", the row under "Insurance ... 12/02/25", does not confirm the Insurance
    audit's start; "visited the custody facilities in September 2024" still confirms a custody
    inspection though "the previous inspection of custody was in 2012" says more of its words."""
    best_cov, best_source = best
    return (
        rarest is not None
        and cov < best_cov - DATE_MARGIN
        and rarest.met_by(best_source.stems)
        and not rarest.met_by(source.stems)
    )


def _own_date(
    claim: DateClaim, source: DateSource, at: int, others: tuple[DateMention, ...]
) -> bool:
    """Whether a source sentence's date `at` is the date of what the claim says: alone in its
    sentence, or its clause says more of the claim than any other date's clause. "The review of
    the breach of 8 August, published on 22 August 2023, …" gives 22 August for the review."""
    rivals = [
        i
        for i, d in enumerate(source.dates)
        if i != at and not confirms(d, claim.date) and not any(confirms(d, o) for o in others)
    ]
    if not rivals:
        return True
    mine = share_said(claim.terms, (source.clauses[at], 1.0))
    return all(mine > share_said(claim.terms, (source.clauses[i], 1.0)) for i in rivals)


def named_years(text: str) -> tuple[PeriodSpan, ...]:
    """The financial years and runs of years a text names ("2021/22", "22/23", "2023-25"), not a
    calendar year, month or day: what a dated event is labelled by ("the 2021/22 accounts")."""
    return tuple(
        s for s in stated_spans(text) if s.last - s.first >= _A_YEAR and _RUN_LABEL.search(s.label)
    )


_A_YEAR = 11  # months from first to last: a year or more
_RUN_LABEL = re.compile(r"\d\s*[/–-]\s*\d")  # "2021/22", "2023-25"


def _other_years(claim: DateClaim, source: DateSource) -> DateFinding | None:
    """A source giving the claimed date for another year's event: "the 2021/22 disclaimer was
    due on the 4th December", where the source's disclaimer is on the 22/23 accounts."""
    if not claim.years or not source.years:
        return None
    if any(spans_match(c, s) for c in claim.years for s in source.years):
        return None
    given, said = source.years[0].label, claim.years[0].label
    return DateFinding(
        "contradicted",
        source,
        (given,),
        f"the source gives {claim.date.text} for {given}, not {said}",
    )


def _moved(claim: DateClaim, source: DateSource) -> DateFinding:
    """A source that gives the claimed date, read for the change or comparison the claim states."""
    said = ways(source.chunk.text[source.sentence[0] : source.sentence[1]])
    if claim.moves and claim.moves <= said and not claim.compares:
        return DateFinding("supported", source, (), f"the source gives {claim.date.text}")
    opposite = {OPPOSITE_WAY[w] for w in claim.moves} & said - claim.moves
    if opposite:
        return DateFinding(
            "contradicted",
            source,
            (),
            f"the source says it went {' and '.join(sorted(opposite))} in {claim.date.text}",
        )
    if claim.moves or claim.compares:
        return DateFinding(
            "not_found", None, (), f"the source gives {claim.date.text} but not the change"
        )
    return DateFinding("supported", source, (), f"the source gives {claim.date.text}")


def check_dates(
    text: str,
    read: Sequence[tuple[tuple[int, int], list[DateClaim]]],
    search: Callable[[str], list[Hit]],
    documents: Mapping[str, DocumentInfo],
    texts: Mapping[str, str],
    covered: Sequence[str],
) -> list[ClaimVerdict]:
    """One verdict per sentence: the worst of its dates' (contradicted, then not found).
    `covered` are the forces the documents are about (corpus_subjects): a claim naming only
    others has no source."""
    verdicts = []
    for (start, end), claims in read:
        forces = claims[0].forces
        if covered and forces and forces.isdisjoint(covered):
            findings = [DateFinding("not_found", None, (), uncovered_forces(forces, covered))]
        else:
            sources = date_sources(retrieved_chunks(search, [text[start:end]]), documents, texts)
            findings = [
                judge_date(c, sources, tuple(o.date for o in claims if o is not c)) for c in claims
            ]
        stated = tuple(c.date.text for c in claims)
        verdicts.append(sentence_verdict(text, (start, end), stated, findings, documents, texts))
    return verdicts

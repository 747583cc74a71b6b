"""Claims that state a grade and no figure ("Thames Valley Police was graded inadequate for
responding to the public in PEEL 2023-25"): the grade judged against the grades the sources
state for the same area, force and inspection.

A source grade speaks to the claim when its area says GRADE_COVERAGE of the claim's area (its
words weighted by rarity, as `claims.measure_terms` weighs them; `claims.share_said`); its line,
or else its document, is about the claim's force; and, when the claim names its inspection's
years, the source's sentence, headings or document title name the same inspection: a claimed
cycle of years the same cycle, a claimed year any period overlapping it ("its 2023 inspection",
"PEEL 2023-25").

- **supported**: a source that speaks to it states the claimed grade;
- **contradicted**: sources speak to it and none states the claimed grade (the one whose area
  says most of the claim's is quoted); or none speaks to it for the claimed inspection, and one
  gives the claimed grade for another;
- **not found** otherwise: no source grades the area, or the one for the claimed inspection
  leaves it blank ("Effectiveness: –"); and for a claim about a force no document covers.

A sentence stating one grade for a named area is a grade claim; so is one stating a change of
grade with each grade's inspection ("went from good in 2018/19 to requires improvement in
2021/22"): each grade is judged for its inspection, and a change whose grades the sources bear
out is contradicted when it says the grade went the other way. Other sentences with several
grades, or a grade with no area ("good in six areas"), are left to the figure check (a count)
or unjudged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from assistant.claims import Term, measure_terms, share_said, text_stems
from assistant.evidence import document_subjects, retrieved_chunks
from assistant.explanations import uncovered_forces
from assistant.lexical import lexical_tokens
from assistant.reading.changes import ways
from assistant.reading.clauses import blank_spans, claimed_figures
from assistant.reading.grades import (
    GRADE_FORM,
    JUDGING_WORDS,
    SCALE_RANK,
    GradeReading,
    grade_name,
    read_grades,
)
from assistant.reading.periods import PeriodSpan, find_periods, stated_span, stated_spans
from assistant.reading.sentences import line_sentences, paragraph_spans, sentence_spans
from assistant.reading.subjects import subjects_named
from assistant.reading.tables import cells, is_dash, is_table_row
from assistant.thresholds import GRADE_COVERAGE
from assistant.types import Chunk, DocumentInfo, Hit
from assistant.verdicts import ClaimVerdict, Verdict, sentence_verdict


@dataclass(frozen=True, slots=True)
class GradeClaim:
    """The one grade a draft sentence states, for the area it names."""

    grade: str  # lower case, one space: "requires improvement"
    stated: str  # as the draft writes it
    area: str
    terms: tuple[Term, ...]  # the area's words
    forces: frozenset[str]  # the forces its sentence names
    years: tuple[PeriodSpan, ...]  # the periods its sentence names: its inspection's


@dataclass(frozen=True, slots=True)
class GradedSentence:
    """A draft sentence's grade claims: one, or one per inspection of a change it states ("from
    good in 2018/19 to requires improvement in 2021/22"), with the way it says the grade moved."""

    span: tuple[int, int]
    claims: tuple[GradeClaim, ...]
    way: str | None = None  # "better" or "worse"


@dataclass(frozen=True, slots=True)
class GradeSource:
    """A grade a source sentence states for an area."""

    chunk: Chunk
    sentence: tuple[int, int]  # offsets into chunk.text
    grade: str  # "" for a table cell that gives none ("–")
    stated: str
    area: frozenset[str]  # the stems of its area
    forces: frozenset[str]  # the forces its sentence names, else its document's
    years: tuple[PeriodSpan, ...]  # its sentence's periods; else, for a heading, row or list item,
    # those of the last sentence above it in the passage naming any; else its headings', else
    # its title's


@dataclass(frozen=True, slots=True)
class GradeFinding:
    verdict: Verdict
    source: GradeSource | None
    expected: tuple[str, ...]
    explanation: str


def grade_sentences(text: str, idf: Mapping[str, float]) -> list[GradedSentence]:
    """The sentences of a draft that carry no figure and state one grade for a named area, or a
    change of grade with each grade's inspection."""
    found = []
    for para_start, para_end in paragraph_spans(text):
        for start, end in sentence_spans(text, para_start, para_end):
            sentence = text[start:end]
            claim = grade_claim(sentence, idf)
            if claim is not None:
                found.append(GradedSentence((start, end), (claim,)))
            elif (move := grade_move(sentence, idf)) is not None:
                found.append(GradedSentence((start, end), *move))
    return found


def grade_move(
    sentence: str, idf: Mapping[str, float]
) -> tuple[tuple[GradeClaim, ...], str | None] | None:
    """The grades of a change a sentence states, each with the inspection named right after it
    ("went from Good in 2018/19 to Requires Improvement in 2021/22"), for the area the rest of
    the sentence names, and the way it says the grade moved; None unless every one of two or
    more grades has its own inspection."""
    if claimed_figures(sentence):
        return None
    mentions = list(GRADE_FORM.finditer(sentence))
    periods = find_periods(sentence)
    paired = [
        (m, next((p for p in periods if 0 <= p.start - m.end() <= _PERIOD_REACH), None))
        for m in mentions
    ]
    years = [stated_span(p) if p is not None else None for _, p in paired]
    if len(paired) < 2 or any(y is None for y in years):
        return None  # "from good the year before": an inspection not named
    spans = [(m.start(), m.end()) for m in mentions] + [(p.start, p.end) for p in periods]
    rest = blank_spans(sentence, spans)
    terms = tuple(
        t
        for t in measure_terms(rest, rest, idf)[0]
        if not frozenset(lexical_tokens(t.word)) <= _SAID_OF_GRADES
    )
    if not terms:
        return None
    forces = subjects_named(sentence)
    claims = tuple(
        GradeClaim(
            grade_name(m.group(0)),
            m.group(0),
            " ".join(t.word for t in terms),
            terms,
            forces,
            (year,),
        )
        for (m, _), year in zip(paired, years, strict=True)
        if year is not None
    )
    said = ways(sentence)
    way = "better" if said & {"up", "better"} else "worse" if said & {"down", "worse"} else None
    return claims, way


def _moved(claims: tuple[GradeClaim, ...]) -> str | None:
    """Which way the grades of a change went, earliest inspection to latest."""
    dated = sorted((c for c in claims if c.years), key=lambda c: c.years[0].first)
    if len(dated) < 2:
        return None
    first, last = SCALE_RANK[dated[0].grade], SCALE_RANK[dated[-1].grade]
    return "better" if last > first else "worse" if last < first else None


_PERIOD_REACH = 12  # characters from a grade to its inspection: " in PEEL " and a little more
_SAID_OF_GRADES = frozenset(lexical_tokens(f"{JUDGING_WORDS} stayed remained changed grade"))


def grade_claim(sentence: str, idf: Mapping[str, float]) -> GradeClaim | None:
    """The grade claim a sentence makes, if it states one grade for a named area, with no figure
    and no change ("fell to requires improvement" says how it moved, which one grade cannot
    confirm)."""
    readings = read_grades(sentence)
    if len(readings) != 1 or readings[0].area is None:
        return None
    if claimed_figures(sentence) or ways(sentence):
        return None
    reading = readings[0]
    area_at = sentence.find(reading.area or "", reading.end)
    if any(
        not reading.start <= m.start() < reading.end
        and not area_at <= m.start() < area_at + len(reading.area or "")
        for m in GRADE_FORM.finditer(sentence)
    ):
        return None  # "required improvement for X, and was good for Y": a grade not read
    area = _without_periods(reading.area or "")
    terms, _ = measure_terms(area, area, idf)
    if not terms:
        return None
    return GradeClaim(
        reading.grade,
        sentence[reading.start : reading.end],
        " ".join(area.split()),
        terms,
        subjects_named(sentence),
        stated_spans(sentence),
    )


def _without_periods(text: str) -> str:
    """An area's words without the inspection they were graded in ("in its PEEL 2023-25
    inspection")."""
    blanked = blank_spans(text, [(p.start, p.end) for p in find_periods(text)])
    return _INSPECTION_NAMED.sub("", blanked)


_INSPECTION_NAMED = re.compile(
    r"(?:\s+(?:in|its|the|their|this|that|latest|last|peel|inspection|report|round|cycle))+\s*$",
    re.IGNORECASE,
)


def grade_sources(
    chunks: list[Chunk], documents: Mapping[str, DocumentInfo], texts: Mapping[str, str]
) -> list[GradeSource]:
    """Every grade the chunks state for a named area, with whom and when it is about."""
    found = []
    for chunk in chunks:
        doc = documents.get(chunk.doc_id)
        about = document_subjects(doc, texts)
        headings = stated_spans(chunk.context) or (stated_spans(doc.title) if doc else ())
        above: tuple[PeriodSpan, ...] = ()  # the periods the last sentence naming any named
        for line in line_sentences(chunk.text):
            for start, end in line:
                sentence = chunk.text[start:end]
                own = stated_spans(sentence)
                named = subjects_named(sentence) or (about if len(about) == 1 else frozenset())
                graded = [
                    (r.grade, sentence[r.start : r.end], *_prose_area(sentence, r, own))
                    for r in read_grades(sentence)
                    if r.area is not None
                ]
                for grade, stated, area, label, years in graded + _withheld(sentence, own):
                    listed = label and above  # a row under "PEEL 2023-25 grades:"
                    found.append(
                        GradeSource(
                            chunk,
                            (start, end),
                            grade,
                            stated,
                            text_stems(area),
                            named,
                            years or (above if listed else headings),
                        )
                    )
                above = own or above
    return found


def _prose_area(
    sentence: str, reading: GradeReading, own: tuple[PeriodSpan, ...]
) -> tuple[str, bool, tuple[PeriodSpan, ...]]:
    """A grade's area, whether it is a label, and the periods that date it. A label's line dates
    it whole; a sentence's grade runs to the end of its clause ("good at supporting vulnerable
    victims and has been reducing its use of RUI (down from … 2017/18 …)" grades the support),
    and only the periods up to there date it, not those of the figures after it."""
    area = reading.area or ""
    if reading.form == "label":
        return area, True, own
    cut = _CLAUSE_END.search(area)
    area = area[: cut.start()] if cut else area
    at = sentence.find(area, reading.end)
    return area, False, stated_spans(sentence[: at + len(area)] if at >= 0 else sentence)


_CLAUSE_END = re.compile(
    r"\s*(?:[(;]|\band\s+(?:has|have|had|is|was|it|its|the)\b|\bbut\b|\bwhich\b|\bwhile\b)"
)


def _withheld(
    sentence: str, own: tuple[PeriodSpan, ...]
) -> list[tuple[str, str, str, bool, tuple[PeriodSpan, ...]]]:
    """The dashed cells of a table row, as grades not given ("Effectiveness: –"): a source that
    says the grade is not shown is no ground to contradict a claim of it."""
    if not is_table_row(sentence):
        return []
    return [("", value, label, True, own) for label, value in cells(sentence) if is_dash(value)]


def _same_inspection(claim: tuple[PeriodSpan, ...], source: tuple[PeriodSpan, ...]) -> bool:
    """Whether a source may be about the inspection the claim names: no years claimed, or years
    stated for the source that are the same inspection's (`_same_years`)."""
    if not claim:
        return True
    return any(_same_years(c, s) for c in claim for s in source)


def _same_years(claim: PeriodSpan, source: PeriodSpan) -> bool:
    """A claimed cycle of years ("PEEL 2022-24") is only the same cycle ("2023-25" and "2022"
    are not); a claimed year overlaps the source's ("its 2023 inspection" is PEEL 2023-25's,
    "2021/22" is the 2022 report's)."""
    if claim.last - claim.first > _A_YEAR:
        return (claim.first, claim.last) == (source.first, source.last)
    return claim.first <= source.last and source.first <= claim.last


_A_YEAR = 12  # months from first to last: more is a cycle of years


def judge_grade(claim: GradeClaim, sources: list[GradeSource]) -> GradeFinding:
    """The verdict on one claimed grade (this module's rule)."""
    about = sorted(
        (
            (cov, s)
            for s in sources
            if not claim.forces or claim.forces & s.forces
            if (cov := share_said(claim.terms, (s.area, 1.0))) >= GRADE_COVERAGE
        ),
        key=lambda pair: -pair[0],
    )
    speaking = [(cov, s) for cov, s in about if _same_inspection(claim.years, s.years)]
    if not speaking:
        return _other_inspection(claim, [s for _, s in about if s.grade])
    if not any(s.grade for _, s in speaking):
        return GradeFinding("not_found", None, (), f"the source gives no grade for {claim.area}")
    speaking = [(cov, s) for cov, s in speaking if s.grade]
    same = next((s for _, s in speaking if s.grade == claim.grade), None)
    if same is not None:
        return GradeFinding("supported", same, (), f"the source grades {claim.area} {same.stated}")
    best = speaking[0][1]
    return GradeFinding(
        "contradicted",
        best,
        (best.stated,),
        f"the source grades {claim.area} {best.stated}, not {claim.stated}",
    )


def _other_inspection(claim: GradeClaim, about: list[GradeSource]) -> GradeFinding:
    """No source grades the area for the claimed inspection: one giving the claimed grade for
    another inspection contradicts its period ("outstanding for efficiency in 2018/19", where
    the source gives outstanding for 2017), as a figure given for another period does."""
    other = next((s for s in about if s.grade == claim.grade and s.years), None)
    if other is None:
        return GradeFinding("not_found", None, (), f"no source gives a grade for {claim.area}")
    given, said = other.years[0].label, claim.years[0].label
    return GradeFinding(
        "contradicted",
        other,
        (given,),
        f"the source grades {claim.area} {other.stated} for {given}, not {said}",
    )


def grade_queries(text: str, graded: GradedSentence) -> list[str]:
    """The searches for a sentence's grades: the sentence, and for a change each grade with its
    area and inspection ("investigating crime Good 2018/19"), whose source the sentence as a
    whole may not find."""
    start, end = graded.span
    queries = [text[start:end]]
    if len(graded.claims) > 1:
        queries.extend(
            f"{c.area} {c.stated} {' '.join(y.label for y in c.years)}" for c in graded.claims
        )
    return queries


def judge_sentence(graded: GradedSentence, sources: list[GradeSource]) -> list[GradeFinding]:
    """Each grade of a sentence judged, and a change whose grades the sources bear out judged
    for its way: "worsened from requires improvement to good" went the other way."""
    findings = [judge_grade(c, sources) for c in graded.claims]
    moved = _moved(graded.claims)
    if (
        graded.way
        and moved
        and graded.way != moved
        and all(f.verdict == "supported" for f in findings)
    ):
        first, last = graded.claims[0].stated, graded.claims[-1].stated
        findings.append(
            GradeFinding(
                "contradicted",
                findings[-1].source,
                (),
                f"from {first} to {last} is {moved}, not {graded.way}",
            )
        )
    return findings


def check_grades(
    text: str,
    read: Sequence[GradedSentence],
    search: Callable[[str], list[Hit]],
    documents: Mapping[str, DocumentInfo],
    texts: Mapping[str, str],
    covered: Sequence[str],
) -> list[ClaimVerdict]:
    """One verdict per sentence: the worst of its grades' (contradicted, then not found).
    `covered` are the forces the documents are about (corpus_subjects): a claim naming only
    others has no source."""
    verdicts = []
    for graded in read:
        forces = graded.claims[0].forces
        if covered and forces and forces.isdisjoint(covered):
            findings = [GradeFinding("not_found", None, (), uncovered_forces(forces, covered))]
        else:
            chunks = retrieved_chunks(search, grade_queries(text, graded))
            sources = grade_sources(chunks, documents, texts)
            findings = judge_sentence(graded, sources)
        stated = tuple(c.stated for c in graded.claims)
        verdicts.append(sentence_verdict(text, graded.span, stated, findings, documents, texts))
    return verdicts

"""Claims that state a grade and no figure ("Thames Valley Police was graded inadequate for
responding to the public in PEEL 2023-25"): the grade judged against the grades the sources
state for the same area, force and inspection.

A source grade speaks to the claim when its area says GRADE_COVERAGE of the claim's area (its
words weighted by rarity, as `claims.measure_terms` weighs them); its line, or else its
document, is about the claim's force; and, when the claim names its inspection's years, the
source's sentence, headings or document title name years that overlap them. Inspections are
named loosely ("2023", "PEEL 2023-25", "the 2023/25 report"), so overlap is enough.

- **supported**: a source that speaks to it states the claimed grade;
- **contradicted**: sources speak to it and none states the claimed grade (the one whose area
  says most of the claim's is quoted); or none speaks to it for the claimed inspection, and one
  gives the claimed grade for another;
- **not found** otherwise: no source grades the area, or the one for the claimed inspection
  leaves it blank ("Effectiveness: –"); and for a claim about a force no document covers.

Only a sentence stating one grade for a named area is a grade claim. Several grades, or a grade
with no area ("moved from adequate to good", "good in six areas"), state a change or a count:
the figure check reads a count, and a change between grades is left unjudged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from assistant.claims import Term, measure_terms, text_stems
from assistant.evidence import document_subjects, sentence_citation
from assistant.explanations import uncovered_forces
from assistant.reading.changes import ways
from assistant.reading.clauses import blank_spans, claimed_figures
from assistant.reading.grades import read_grades
from assistant.reading.periods import PeriodSpan, find_periods, stated_spans
from assistant.reading.sentences import line_sentences, paragraph_spans, sentence_spans
from assistant.reading.subjects import subjects_named
from assistant.reading.tables import cells, is_dash, is_table_row
from assistant.thresholds import GRADE_COVERAGE
from assistant.types import Chunk, DocumentInfo, Hit
from assistant.verdicts import ClaimVerdict, Verdict


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


def grade_sentences(
    text: str, idf: Mapping[str, float]
) -> list[tuple[tuple[int, int], GradeClaim]]:
    """The sentences of a draft that state one grade for a named area and carry no figure."""
    found = []
    for para_start, para_end in paragraph_spans(text):
        for start, end in sentence_spans(text, para_start, para_end):
            claim = grade_claim(text[start:end], idf)
            if claim is not None:
                found.append(((start, end), claim))
    return found


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
        for m in _ANY_GRADE_WORD.finditer(sentence)
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


_ANY_GRADE_WORD = re.compile(
    r"\b(?:outstanding|good|adequate|inadequate|requir\w*\s+improvement)\b", re.IGNORECASE
)
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
                    (r.grade, sentence[r.start : r.end], r.area, r.form == "label")
                    for r in read_grades(sentence)
                    if r.area is not None
                ]
                for grade, stated, area, label in graded + _withheld(sentence):
                    listed = label and above  # a row under "PEEL 2023-25 grades:"
                    found.append(
                        GradeSource(
                            chunk,
                            (start, end),
                            grade,
                            stated,
                            text_stems(area),
                            named,
                            own or (above if listed else headings),
                        )
                    )
                above = own or above
    return found


def _withheld(sentence: str) -> list[tuple[str, str, str, bool]]:
    """The dashed cells of a table row, as grades not given ("Effectiveness: –"): a source that
    says the grade is not shown is no ground to contradict a claim of it."""
    if not is_table_row(sentence):
        return []
    return [("", value, label, True) for label, value in cells(sentence) if is_dash(value)]


def area_coverage(terms: tuple[Term, ...], area: frozenset[str]) -> float:
    """The weighted share of a claim's area words a source's area says."""
    total = sum(t.weight for t in terms) or 1.0
    return sum(t.weight for t in terms if t.met_by(area)) / total


def _same_inspection(claim: tuple[PeriodSpan, ...], source: tuple[PeriodSpan, ...]) -> bool:
    """Whether a source may be about the inspection the claim names: no years claimed, or years
    stated for the source that overlap them."""
    if not claim:
        return True
    return any(c.first <= s.last and s.first <= c.last for c in claim for s in source)


def judge_grade(claim: GradeClaim, sources: list[GradeSource]) -> GradeFinding:
    """The verdict on one claimed grade (this module's rule)."""
    about = sorted(
        (
            (cov, s)
            for s in sources
            if not claim.forces or claim.forces & s.forces
            if (cov := area_coverage(claim.terms, s.area)) >= GRADE_COVERAGE
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
    given = ", ".join(dict.fromkeys(y.label for y in other.years))
    said = ", ".join(y.label for y in claim.years)
    return GradeFinding(
        "contradicted",
        other,
        (given,),
        f"the source grades {claim.area} {other.stated} for {given}, not {said}",
    )


def check_grades(
    text: str,
    read: Sequence[tuple[tuple[int, int], GradeClaim]],
    search: Callable[[str], list[Hit]],
    documents: Mapping[str, DocumentInfo],
    texts: Mapping[str, str],
    covered: Sequence[str],
) -> list[ClaimVerdict]:
    """One verdict per grade claim. `covered` are the forces the documents are about
    (corpus_subjects): a claim naming only others has no source."""
    verdicts = []
    for (start, end), claim in read:
        if covered and claim.forces and claim.forces.isdisjoint(covered):
            finding = GradeFinding("not_found", None, (), uncovered_forces(claim.forces, covered))
        else:
            chunks = {h.chunk.chunk_id: h.chunk for h in search(text[start:end])}
            finding = judge_grade(claim, grade_sources(list(chunks.values()), documents, texts))
        cited = (finding.source,) if finding.source else ()
        verdicts.append(
            ClaimVerdict(
                text[start:end].strip(),
                start,
                end,
                (claim.stated,),
                finding.verdict,
                finding.expected,
                tuple(
                    sentence_citation(n, s.chunk, s.sentence, documents, texts)
                    for n, s in enumerate(cited, start=1)
                ),
                finding.explanation,
                (claim.stated,),
            )
        )
    return verdicts

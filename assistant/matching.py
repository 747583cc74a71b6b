"""What one source figure says to one claim figure: how much of the claim's measure it names,
whether its period matches, and which neighbouring figure measures what the claim says better.

A source figure is read only against a claim figure of the same kind of quantity, the
same phone service, force and comparator, and the same role (a target answers only a
target); the rest of the check (`assistant.judge`) ranks these readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.claims import FILLER_STEMS, ClaimFigure, text_stems
from assistant.evidence import SourceFigure
from assistant.reading.bands import band_differences
from assistant.reading.clauses import moved_figure
from assistant.reading.figures import differences
from assistant.reading.measures import fits_better, measure_words
from assistant.reading.mentions import (
    counted_phrase,
    find_figures,
    part_whole,
    same_quantity,
    states_quantity,
    unit_family,
)
from assistant.reading.parts import opens_on_set_before
from assistant.reading.periods import PeriodSpan, dated_before, spans_match, stated_spans
from assistant.thresholds import LEVELS, STATED_BONUS, TOP_MARGIN


@dataclass(frozen=True, slots=True)
class Reading:
    """A source figure read as an answer to one claim figure."""

    source: SourceFigure
    coverage: float
    clause_coverage: float  # share of the claim clause's words found in the source figure's clause
    # and nowhere else in its sentence: what tells the sentence's figures apart
    named: bool
    in_period: bool
    stated: bool  # both name the same month for their figures


def read_source(claim: ClaimFigure, source: SourceFigure, any_role: bool = False) -> Reading | None:
    """A source figure read against a claim figure; None when it cannot speak to it at all
    (`any_role`: a target may speak to an achieved figure, a yardstick's figure to the force's
    own, and the reverse)."""
    if (
        unit_family(source.figure) != unit_family(claim.figure)
        or not _same_scope(claim, source, any_role)
        or (not any_role and (crosses_role(claim, source) or crosses_body(claim, source)))
        or counts_other(claim, source)
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
        (source.periods < 2 or source.reading.period is None)
        and (claim.earlier or not dated_before(source.reading.period))
        if when is None
        else any(spans_match(when, w) for w in source.whens)
    ) and (
        claim.earlier or not source.earlier
    )  # a sentence giving several periods' figures answers only a claim naming one of them; the
    # first value of a change ("from 37 to 51") is the period before's, unless claimed as such
    # Only a month named for both figures outranks a closer reading of the measure; a source
    # sentence naming none continues the month its paragraph named last.
    firm = [
        w
        for w in (*source.whens, source.carried)
        if w is not None and w.source == "stated" and w.exact
    ]
    stated = when is not None and when.exact and any(spans_match(when, w) for w in firm)
    in_period = in_period and not (
        when is not None and (names_other_run(when, source) or _a_years_figure(when, source))
    )
    return Reading(source, covered / total, in_clause / local_total, named, in_period, stated)


def _a_years_figure(when: PeriodSpan, source: SourceFigure) -> bool:
    """Whether a claim for one month ("in October 2023") meets a figure its source gives for
    whole years only ("had averaged 59.7 percent in 2022 and 72.6 percent in 2023"): a year's
    figure is not a month's, though the month lies in the year."""
    return (
        when.exact
        and when.first == when.last
        and bool(source.whens)
        and all(w.source == "stated" and w.last - w.first >= 11 for w in source.whens)
    )


def counts_other(claim: ClaimFigure, source: SourceFigure) -> bool:
    """Whether the same number counts different things: a word of what the claim counts (with
    its glossary variants) is neither in what the source counts nor in the source figure's
    clause (its sentence, when the source names nothing counted). "More than 100 communities"
    does not bear out "more than 100 officers", nor "151 sexual harm prevention orders" "151
    sexual risk orders", however alike the rest; another number stays a reading, which may
    show the claim's to be wrong."""
    said, found = claim.figure, source.figure
    if (
        said.kind != "count"
        or found.kind != "count"
        or said.value != found.value
        or not said.unit
        or not found.unit
    ):
        return False
    counted = counted_phrase(source.chunk.text, found.end)
    if _PARTICIPLE.search(found.unit) and not counted:
        return False  # "over 500 completed": no noun is counted ("210 warranted beat officers" is)
    if claim.counted and counted and text_stems(claim.counted[-1]) == text_stems(counted[-1]):
        # the same thing counted, told apart by the words before it: "sexual risk orders"
        missing = text_stems(" ".join(claim.counted)) - text_stems(" ".join(counted))
    else:
        missing = text_stems(said.unit)
        if missing & text_stems(found.unit):
            return False
    # a source naming what its figure counts is read in that figure's clause: "187 crimes ...
    # but made more arrests" does not count arrests; one naming nothing, in its sentence
    near = source.stems[0] if counted else source.stems[0] | source.stems[1]
    return any(not t.met_by(near) for t in claim.terms if t.stems & (missing - FILLER_STEMS))


def counts_whole(claim: ClaimFigure, source: SourceFigure) -> bool:
    """Whether a part's whole counts what the claim counts: "one of the 13 MARACs operating in
    the county" says there are 13 MARACs, so it stands against "12 MARACs operate"."""
    if claim.figure.kind not in ("count", "word") or not claim.figure.unit:
        return False
    if part_whole(source.figure) is None:
        return False
    noun = text_stems(claim.figure.unit) - FILLER_STEMS
    after = source.chunk.text[source.figure.end : source.figure.end + _WHOLE_NOUN_CHARS]
    return bool(noun) and bool(noun & text_stems(" ".join(after.split()[:2])))


_WHOLE_NOUN_CHARS = 40


def names_other_run(when: PeriodSpan, source: SourceFigure) -> bool:
    """Whether a claim's period of more than a year ("PEEL 2022-24", "the 2022-24 cycle") is a
    label its source names otherwise: a run of years is named, never merely held, so "PEEL
    2022-24" is not the November 2023 report of a section headed "PEEL 2023/25"."""
    if when.last - when.first < _YEAR:
        return False
    runs = [
        w
        for w in stated_spans(source.chunk.context) + stated_spans(source.sentence_text)
        if w.last - w.first >= _YEAR
    ]
    return bool(runs) and not any((w.first, w.last) == (when.first, when.last) for w in runs)


_YEAR = 12  # months: a span longer than one year is a run of years
_PARTICIPLE = re.compile(r"(?:ed|ing)$")


def crosses_role(claim: ClaimFigure, source: SourceFigure) -> bool:
    """Whether one is a target and the other what was achieved: "a 90% target", "answered 90%"."""
    return (source.reading.role == "target") != (claim.reading.role == "target")


def crosses_body(claim: ClaimFigure, source: SourceFigure) -> bool:
    """Whether one is another body's figure and the other not: "the council issued 64 tickets"
    is no evidence that the police issued 64 (reading.figures.figure_body)."""
    return (source.reading.body is None) != (claim.reading.body is None)


def _same_scope(claim: ClaimFigure, source: SourceFigure, any_role: bool = False) -> bool:
    said, found = claim.scope, source.scope
    if said.services and found.services and not said.services & found.services:
        return False  # a 999 figure says nothing of 101, and the reverse
    if said.forces and found.forces and not said.forces & found.forces:
        return False  # a figure about one force says nothing of another
    return any_role or found.comparator == said.comparator  # a national figure answers only a
    # national claim


def disagreements(claim: ClaimFigure, source: SourceFigure) -> list[str]:
    """What a claim says of its figure that a source stating it does not: qualifier, change,
    sign and thresholds (`reading.figures.differences`), the way its two values move
    (`reading.changes`), the summary it is (median or mean, `reading.measures`) and the band
    it counts within (`reading.bands`)."""
    notes = differences(claim.reading, source.reading)
    said, found = claim.implied or claim.reading.change, source.implied or source.reading.change
    if claim.implied and claim.reading.change and claim.implied != claim.reading.change:
        notes.append(
            f"the claim says it {_moved(claim.reading.change)}, but its own figures "
            f"{_moved(claim.implied)}"
        )  # e.g. "fell slightly to 151 ..., from 147": the values say it rose
    elif said and found and said != found and not (claim.reading.change and source.reading.change):
        notes.append(f"the source says it {_moved(found)}, not that it {_moved(said)}")
    whole = claim.reading.part_of
    if whole is not None and source.whole is not None and source.whole != whole:
        notes.append(
            f"the source gives {source.figure.text} of {_count(source.whole)}, "
            f"not of {_count(whole)}"
        )  # e.g. "1,616 of 2,431" where the source counts 1,616 of 2,413
    elif whole is not None and source.whole is None and whole not in _values(source.chunk.text):
        notes.append(
            f"the source gives {source.figure.text} but never counts {_count(whole)} as its whole"
        )  # e.g. "three of ten areas" where the passage graded nine areas, three inadequate
    notes.extend(_ranked_otherwise(claim, source))
    if claim.statistic and source.statistic and claim.statistic != source.statistic:
        notes.append(f"the source gives the {source.statistic}, not the {claim.statistic}")
    return notes + band_differences(claim.bands, source.bands)


_OPPOSITE_RANKS = {
    "highest": "lowest",
    "lowest": "highest",
    "best": "worst",
    "worst": "best",
    "fastest": "slowest",
    "slowest": "fastest",
}


def _ranked_otherwise(claim: ClaimFigure, source: SourceFigure) -> list[str]:
    """A rank the claim gives its figure that the source's sentence or its neighbours turn
    round: "the highest of any force" where the source says "the lowest of any force"."""
    near = source.stems[1] | source.stems[2]
    return [
        f"the source says {other}, not {rank}"
        for rank, other in _OPPOSITE_RANKS.items()
        if rank in claim.words and other in near and rank not in near
    ]


@lru_cache(maxsize=4096)
def _values(text: str) -> frozenset[float]:
    """Every value a passage states, wholes of its parts too ("14 of the 19": 14 and 19)."""
    figures = find_figures(text)
    return frozenset(f.value for f in figures if f.value is not None) | frozenset(
        w for f in figures if (w := part_whole(f)) is not None
    )


def _count(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:,}"


def _moved(direction: str) -> str:
    return "rose" if direction == "rise" else "fell"


def rank(reading: Reading) -> float:
    """How well a reading answers its claim: a month named for both outranks a closer wording."""
    return reading.coverage + (STATED_BONUS if reading.stated else 0.0)


def best_in_sentence(readings: list[Reading], claim: ClaimFigure) -> list[Reading]:
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
        or both_terms(claim, r)
    ]


def both_terms(claim: ClaimFigure, reading: Reading) -> bool:
    return claim.reading.part_of is not None and same_quantity(claim.figure, reading.source.figure)


def part_beside_whole(claim: ClaimFigure, part: Reading, whole: Reading) -> bool:
    """Whether a passage gives a claimed part next to the sentence giving its whole: "Inspectors
    examined 78 case files. Of these, 49 were rated good" and "recorded 173 crimes. Thefts made
    up 96 of the 173" state "49 of the 78" and "96 of the 173". Not when the claim's words
    belong to another figure of the part's sentence ("8 as inadequate")."""
    if not both_terms(claim, part) or whole.source.figure.value != claim.reading.part_of:
        return False
    source = part.source
    if source.chunk.chunk_id != whole.source.chunk.chunk_id:
        return False
    said = [text_stems(t.word) for t in claim.terms if not t.weak]  # the words, no variants
    own = source.stems[0] | whole.source.stems[1]
    if any(stems & source.around and not stems & own for stems in said):
        return False  # "inadequate" belongs to "8 as inadequate", not to 49
    told = source.stems[0] - FILLER_STEMS - {w for w in source.stems[0] if w[:1].isdigit()}
    if told and not told & claim.words:
        return False  # "thefts made up 96 of the 173" counts no drug offences
    if part_whole(source.figure) == claim.reading.part_of:
        return True
    between = source.chunk.text[whole.source.sentence[1] : source.sentence[0]]
    opening = source.chunk.text[source.sentence[0] : source.figure.start]
    return not between.strip() and opens_on_set_before(opening)


def same_change(claim: ClaimFigure, reading: Reading) -> bool:
    """Whether a source states the claim's change with both its values: "from 67 to 44"."""
    return claim.values is not None and claim.values == reading.source.values


def same_sentence(a: Reading, b: Reading) -> bool:
    return (a.source.chunk.chunk_id, a.source.sentence) == (
        b.source.chunk.chunk_id,
        b.source.sentence,
    )


def partners(a: Reading, b: Reading) -> bool:
    return a.source.chunk.chunk_id == b.source.chunk.chunk_id and a.source.clause == b.source.clause


def may_contradict(claim: ClaimFigure, reading: Reading) -> bool:
    """Whether another figure of a source may stand against the claim's: one for the same kind
    of quantity, named with the claim's most telling words.

    e.g. "volume rose by 6%" is not contradicted by "attrition of just over 1%" (a level, not a
    change), "1,250 cases heard" by "one of the 13 MARACs" (a part, not a count), nor "response
    time in rural areas" by a passage that never says "rural", the rarest word of the claim's
    clause.
    """
    if claim.reading.amount != reading.source.reading.amount:
        return False
    if (
        claim.reading.part_of is None
        and reading.source.reading.part_of is not None
        and not counts_whole(claim, reading.source)
    ):
        return False  # "one of the 13 MARACs" counts no cases heard; "three in four" no calls
    local = [t for t in claim.terms if t.local and not t.weak]
    rarest = max(local, key=lambda t: t.weight, default=None)
    return rarest is None or any(rarest.met_by(stems) for stems in reading.source.stems)


def rival(claim: ClaimFigure, match: Reading, readings: list[Reading]) -> Reading | None:
    """A figure of the match's document for a neighbouring measure the claim's words fit better.

    e.g. "Norfolk records 82.3 percent of all crimes" states the violent crime recording
    rate (82.3 percent); the document's rate for all crimes is 87.5 percent.
    """
    found = _measure(match)
    rivals = [
        r
        for r in readings
        if r.source.chunk.doc_id == match.source.chunk.doc_id
        and r.source.reading.amount == match.source.reading.amount
        and not partners(r, match)  # "55 a week, up from 37": one measure, two periods
        and r.stated >= match.stated
        and rank(r) >= rank(match) - TOP_MARGIN
        and not states_quantity(claim.figure, r.source.figure)
        and r.source.figure.value
        != claim.reading.part_of  # "4 AFIs", the whole of "three of the four"
        and fits_better(claim.words, found, _measure(r), same_sentence(r, match))
    ]
    return max(rivals, key=rank, default=None)


def _measure(reading: Reading) -> frozenset[str]:
    """The source figure's measure, read in its sentence (`assistant.reading.measures`)."""
    source = reading.source
    start, end = source.sentence
    return measure_words(
        source.chunk.text[start:end],
        (source.clause[0] - start, source.clause[1] - start),
        moved_figure(source.figure, -start),
    )

"""One claimed figure against every retrieved source figure: supported, contradicted or not found.

The matching rule (on measure and period, never on the number alone):

- A source figure *speaks to the measure* when it covers MIN_COVERAGE of the
  claim's measure weight and one word is named in or beside its sentence
  (`assistant.matching`). A figure about the other phone service (101, 999), another
  force, a national comparator or a target never speaks to a claim not about it.
- Two periods match when both name the same month, or one holds the other.
  "Current" or an undated sentence stands for the months before its document's
  date and for its headings' period.
- **supported**: the best readings for a matching period state this figure and
  agree on all it says: qualifier ("less than 3%"), change (rose or fell), part
  ("14 of the 19"), threshold ("within 10 seconds"), sign, all or part of a set ("all four"
  against "three of the four"); a sentence giving figures
  for several periods supports only a claim naming one; and no neighbouring figure
  of its document measures what the claim's words say better (`reading.measures`). A claim
  that its figure rose or fell needs a source saying so: else **not found**.
- **contradicted**: they state another figure, or this one said otherwise, or for
  another measure whose neighbour the claim names, or it belongs to another period
  (the explanation names what differs and quotes the source, `assistant.explanations`).
- A comparison between two figures the sources both support ("108 ..., below the most
  similar forces' 82") whose numbers go the other way is **contradicted** by them
  (`judge_comparison`, `reading.comparisons`).
- **not found** otherwise, and for a force no document covers.
"""

from __future__ import annotations

from assistant.claims import ClaimFigure
from assistant.evidence import SourceFigure
from assistant.explanations import (
    difference_made,
    direction_unstated,
    misdated_source,
    moved_otherwise,
    nothing_found,
    part_for_all,
    reversed_order,
    said_otherwise,
    several_periods,
    supported,
    unsettled_change,
    wrong_figure,
    wrong_measure,
    wrong_period,
    wrong_role,
)
from assistant.matching import (
    Reading,
    best_in_sentence,
    both_terms,
    crosses_role,
    disagreements,
    may_contradict,
    part_beside_whole,
    partners,
    rank,
    read_source,
    rival,
    same_change,
    same_sentence,
)
from assistant.passages import document_years
from assistant.question import documents_dated
from assistant.reading.comparisons import stated_order
from assistant.reading.figures import admits, makes_difference
from assistant.reading.mentions import find_figures, states_quantity, unit_family
from assistant.reading.parts import extent
from assistant.reading.vocabulary import comparator_families
from assistant.thresholds import (
    AGREE_MARGIN,
    MIN_COVERAGE,
    NEAR_COVERAGE,
    TOP_MARGIN,
)
from assistant.verdicts import Finding


def judge(claim: ClaimFigure, sources: list[SourceFigure]) -> Finding:
    """The verdict on one figure: this module's rule, read against every retrieved source figure."""
    readings = [r for s in sources if (r := read_source(claim, s)) is not None]
    speaking = [r for r in readings if r.named and r.coverage >= MIN_COVERAGE]
    in_speaking = [r for r in speaking if r.in_period]
    in_period = sorted(best_in_sentence(in_speaking, claim), key=rank, reverse=True)
    rounded = [r for r in in_period if admits(r.source.reading, claim.reading)]
    if rounded:  # "More than 2,000 vehicles seized" in a headline stands for the 2,167 claimed
        in_period = [r for r in in_period if r not in rounded]
        if not in_period:
            return _other_role(claim, sources) or nothing_found(claim)
    if in_period:
        top = [r for r in in_period if rank(r) >= rank(in_period[0]) - TOP_MARGIN]
        same = (
            [r for r in top if states_quantity(claim.figure, r.source.figure)]
            or [r for r in in_period if both_terms(claim, r) and same_sentence(r, in_period[0])]
            or [r for r in in_period if part_beside_whole(claim, r, in_period[0])]
            or [r for r in in_period if same_change(claim, r)]
        )  # "104 of the 130" beside the best reading's "130": two numbers agreeing; "fell from
        # 67 to 44" stated with both its values, though another sentence names the month
        agreeing = [r for r in same if not disagreements(claim, r.source)] or [
            r
            for r in in_period
            if same
            and rank(r) >= rank(in_period[0]) - AGREE_MARGIN
            and states_quantity(claim.figure, r.source.figure)
            and not disagreements(claim, r.source)
        ]  # "over 18 percent" in one sentence, "from 18 percent in 2017" in the next: as stated
        if agreeing:
            rivals = [rival(claim, r, in_speaking) for r in agreeing]
            if rivals[0] is not None and all(rivals):
                return wrong_measure(claim, agreeing[0], rivals[0])
            match = agreeing[rivals.index(None)]
            return (
                _moved_against(claim, match, speaking)
                or _direction_unstated(claim, match, agreeing)
                or _misdated(claim, match)
                or _part_for_all(claim, match)
                or supported(claim, match)
            )
        if same:
            return said_otherwise(claim, same[0])
        lead = next(
            (r for r in top if partners(r, in_period[0]) and r.source.order == claim.order),
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
        if not may_contradict(claim, lead):
            return _other_role(claim, sources) or nothing_found(claim)
        return wrong_figure(claim, lead, elsewhere)
    other_periods = [
        r for r in speaking if not r.in_period and states_quantity(claim.figure, r.source.figure)
    ]
    if other_periods and claim.when is None:  # the source gives it for several periods
        return several_periods(claim, max(other_periods, key=lambda r: r.coverage))
    if other_periods:
        return wrong_period(claim, max(other_periods, key=lambda r: r.coverage), readings)
    return _other_role(claim, sources) or nothing_found(claim)


def _part_for_all(claim: ClaimFigure, match: Reading) -> Finding | None:
    """A claim that all of a set did something ("closed all four AFIs", "in every district")
    is contradicted by its source's sentence saying part did ("three of the four", "some
    districts"), whatever figure they share."""
    if claim.extent == "all" and extent(match.source.sentence_text) == "part":
        return part_for_all(claim, match)
    return None


def _misdated(claim: ClaimFigure, match: Reading) -> Finding | None:
    """A claim that dates its source ("the PCC's 2023 paper says") is borne out only by a
    document of that date, or by one whose sentence or headings name a document of that year
    (a 2024 paper on "the PEEL 2021/22 report"); an undated document cannot say."""
    chunk = match.source.chunk
    dated = document_years(chunk.context)
    if not claim.source_years or not dated:
        return None
    named = dated | documents_dated(match.source.sentence_text) | documents_dated(chunk.context)
    return None if claim.source_years & named else misdated_source(claim, match)


def _moved_against(claim: ClaimFigure, match: Reading, speaking: list[Reading]) -> Finding | None:
    """A claim that its figure moved over a run of months ("got slower between December 2022
    and January 2023, averaging 6.42 seconds") checked against the source's figure for the
    run's first month: contradicted when the two move the other way, not found when no source
    gives it (the way it moved is then unsettled), None when they agree."""
    if claim.baseline is None or claim.reading.change is None:
        return None
    month = claim.baseline.first
    before = [
        r
        for r in speaking
        if r.source.figure.value is not None
        and not r.source.reading.amount  # "two seconds quicker than in September"
        and any(w.exact and w.first == w.last == month for w in r.source.whens)
    ]
    if not before:
        return unsettled_change(claim, match)
    start = max(before, key=rank)
    end_value, start_value = match.source.figure.value, start.source.figure.value
    assert start_value is not None  # filtered above
    if end_value is None or end_value == start_value:
        return unsettled_change(claim, match)
    if ("rise" if end_value > start_value else "fall") == claim.reading.change:
        return None
    return moved_otherwise(claim, start, match)


def _direction_unstated(
    claim: ClaimFigure, match: Reading, agreeing: list[Reading]
) -> Finding | None:
    """A claim that its figure rose or fell ("had slipped back to nearly 90%") where no source
    sentence giving the figure says which way it moved: not found, since the figure is right
    and its movement unsupported. A change stated by its two values is checked by them."""
    if claim.reading.change is None or claim.implied is not None or claim.baseline is not None:
        return None
    if any(r.source.reading.change is not None for r in agreeing):
        return None
    return direction_unstated(claim, match)


def _other_role(claim: ClaimFigure, sources: list[SourceFigure]) -> Finding | None:
    """The claimed target stated for its measure and period as what was achieved ("the target
    ..., which it met, was 21 minutes 24 seconds" where the source gives that time as achieved),
    or the force's own figure stated only as a yardstick's ("its officers lost 10.3 days" where
    10.3 is the England and Wales average), or another body's figure claimed as the police's
    ("the force issued 64 parking tickets" where the council's officers issued them). A target
    claimed as achieved settles nothing: a force may have achieved its target's figure."""
    crossed = [
        r
        for s in sources
        if (
            (claim.reading.role == "target" and crosses_role(claim, s))
            or (_yardstick(s) and not claim.scope.comparator)
            or (s.reading.body is not None and claim.reading.body is None)
        )
        and states_quantity(claim.figure, s.figure)
        and (r := read_source(claim, s, any_role=True)) is not None
        and r.named
        and r.coverage >= MIN_COVERAGE
        and r.in_period
    ]
    return wrong_role(claim, max(crossed, key=rank)) if crossed else None


def _yardstick(source: SourceFigure) -> bool:
    """Whether a source figure is plainly a yardstick's: its comparator is a national or most
    similar forces figure ("the England and Wales average", a row labelled "all forces"), not a
    word like "National" in a name ("the National Centre for ... Learning")."""
    return bool(comparator_families(source.reading.comparator or ""))


def judge_comparison(
    sentence: str, figures: list[ClaimFigure], findings: list[Finding]
) -> list[Finding]:
    """The findings of a sentence's figures, after its comparison: "108 ..., below the most
    similar forces' 82" quotes two right figures and reverses them; when the sources support
    both, the claim is contradicted by its own numbers."""
    order = stated_order(sentence, [f.reading for f in figures])
    if order is None or order.holds is not False:
        return findings
    at = [
        next(i for i, f in enumerate(figures) if f.reading is r)
        for r in (order.first, order.second)
    ]
    if any(findings[i].verdict != "supported" for i in at):
        return findings
    reversed_ = reversed_order(order, findings[at[0]], findings[at[1]])
    return [reversed_ if i in at else finding for i, finding in enumerate(findings)]


def judge_difference(figures: list[ClaimFigure], findings: list[Finding]) -> list[Finding]:
    """The findings of a sentence's figures, after the differences it states: "22 front counters,
    nine fewer than the 31 it had" and "5,318 ..., around 700 fewer than the 6,040" state a
    difference no source writes down; it is borne out when two figures the sources support
    (the claim's, or its source sentence's: "2,167, up from 1,894") make it."""
    out = list(findings)
    for k, claim in enumerate(figures):
        if not claim.reading.amount or findings[k].verdict == "supported":
            continue
        if claim.figure.value is None or claim.figure.kind not in _DIFFERENCE_KINDS:
            continue
        pair = _making(claim, figures, findings)
        if pair is not None:
            out[k] = difference_made(claim, *pair)
    return out


_DIFFERENCE_KINDS = ("count", "word", "money", "duration")
"""Differences of levels; a percentage's change may be in points or per cent, so it is left out."""


def _making(
    claim: ClaimFigure, figures: list[ClaimFigure], findings: list[Finding]
) -> tuple[str, str, SourceFigure] | None:
    """Two supported figures whose difference is the claim's, with the source of the later."""
    family = unit_family(claim.figure)
    for i, other in enumerate(figures):
        found = findings[i]
        if found.verdict != "supported" or not found.evidence or other.figure.value is None:
            continue
        if unit_family(other.figure) != family or other.reading.amount:
            continue
        source = found.evidence[0]
        beside = [
            (f.text, f.value)
            for f in find_figures(source.sentence_text)
            if f.value is not None and unit_family(f) == family
        ] + [
            (f.figure.text, f.figure.value)
            for j, f in enumerate(figures)
            if j != i and findings[j].verdict == "supported" and not f.reading.amount
        ]
        for text, value in beside:
            if value is not None and makes_difference(
                abs(other.figure.value - value), claim.figure.value, claim.reading.bound
            ):
                return other.figure.text, text, source
    return None

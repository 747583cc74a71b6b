"""The words of a verdict: what the source gives, for which period and measure, and where.

Every explanation quotes the source clause it rests on, so a reader can check it
without opening the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.chunk import CONTEXT_SEPARATOR
from assistant.claims import ClaimFigure
from assistant.evidence import SourceFigure
from assistant.forces import covered_phrase
from assistant.matching import Reading, disagreements
from assistant.reading.comparisons import StatedOrder
from assistant.reading.figures import FigureReading
from assistant.reading.mentions import states_quantity
from assistant.reading.periods import spans_match
from assistant.reading.subjects import subject_label
from assistant.thresholds import NEAR_COVERAGE
from assistant.verdicts import Finding

_LEADING_WORD = re.compile(r"^(?:in|during|for|of|by|at)\s+", re.IGNORECASE)


def supported(claim: ClaimFigure, match: Reading) -> Finding:
    return Finding(
        "supported",
        (),
        (match.source,),
        f"the source gives {match.source.reading.stated} {when_phrase(match, claim)}",
    )


def difference_made(claim: ClaimFigure, first: str, second: str, source: SourceFigure) -> Finding:
    """The claimed difference is not written down, but two supported figures make it."""
    return Finding(
        "supported",
        (),
        (source,),
        f"the sources give {first} and {second}, a difference of "
        f"{claim.reading.stated}: “{' '.join(source.sentence_text.split())}”",
    )


def part_for_all(claim: ClaimFigure, match: Reading) -> Finding:
    """The figure is as claimed, but the claim says all where the source says part."""
    source = match.source
    sentence = " ".join(source.sentence_text.split())
    return Finding(
        "contradicted",
        (),
        (source,),
        f"the source gives {source.reading.stated} for part, not all: “{sentence}”",
    )


def misdated_source(claim: ClaimFigure, match: Reading) -> Finding:
    """The figure is as claimed, but the claim dates the document saying it otherwise."""
    dated = "/".join(str(y) for y in sorted(claim.source_years))
    source = match.source.chunk.context.partition(CONTEXT_SEPARATOR)[0]
    return Finding(
        "contradicted",
        (),
        (match.source,),
        f"the source gives {match.source.reading.stated}, but it is {source}, not a document "
        f"of {dated}",
    )


def several_periods(claim: ClaimFigure, anchor: Reading) -> Finding:
    """The figure is in a sentence giving figures for several periods, and the claim names none."""
    return Finding(
        "not_found",
        (),
        (anchor.source,),
        f"the source gives {anchor.source.reading.stated} {when_phrase(anchor, claim)}, "
        f"in a sentence giving figures for several periods; the claim names none: "
        f"“{anchor.source.clause_text}”",
    )


def nothing_found(claim: ClaimFigure) -> Finding:
    if claim.unknown:
        reason = f"the documents never mention {', '.join(repr(w) for w in claim.unknown)}"
    else:
        when = f" for {_plain(claim.when.label)}" if claim.when else ""
        reason = f"no source gives a figure for this measure{when}"
    return Finding("not_found", (), (), reason)


def wrong_measure(claim: ClaimFigure, match: Reading, rival: Reading) -> Finding:
    """The claimed figure is the source's for another measure; the claim's own has another figure."""
    stated = rival.source.reading.stated
    return Finding(
        "contradicted",
        (stated,),
        (rival.source, match.source),
        f"wrong measure: the source gives {stated} {when_phrase(rival, claim)} for the "
        f"measure claimed: “{rival.source.clause_text}”; {claim.figure.text} is its figure for "
        f"another measure: “{match.source.clause_text}”",
    )


def said_otherwise(claim: ClaimFigure, reading: Reading) -> Finding:
    notes = "; ".join(disagreements(claim, reading.source))
    return Finding(
        "contradicted",
        (reading.source.reading.stated,),
        (reading.source,),
        f"{notes} {when_phrase(reading, claim)}: “{reading.source.clause_text}”",
    )


def wrong_figure(claim: ClaimFigure, lead: Reading, elsewhere: list[Reading]) -> Finding:
    evidence = [lead.source]
    stated = lead.source.reading.stated
    notes = [
        f"the source gives {stated} {when_phrase(lead, claim)}, not {claim.reading.stated}: "
        f"“{lead.source.clause_text}”"
    ]
    if elsewhere:
        other = max(elsewhere, key=lambda r: r.coverage)
        evidence.append(other.source)
        where = "for another measure" if other.in_period else when_phrase(other, claim)
        notes.append(f"{claim.figure.text} is given {where}: “{other.source.clause_text}”")
        if other.in_period:
            notes[0] = f"wrong measure: {notes[0]}"
    return Finding("contradicted", (stated,), tuple(evidence), "; ".join(notes))


def wrong_period(claim: ClaimFigure, anchor: Reading, readings: list[Reading]) -> Finding:
    """The figure belongs to another period; the same passage may give the claim's period's figure."""
    claimed = _plain(claim.when.label) if claim.when else "the one period claimed"
    note = (
        f"the source gives {claim.figure.text} {when_phrase(anchor, claim)}, not {claimed}: "
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


def moved_otherwise(claim: ClaimFigure, start: Reading, end: Reading) -> Finding:
    """The source's figures for the two ends of the claimed run move the other way."""
    first, last = start.source.reading.stated, end.source.reading.stated
    moved, said = ("rose", "fell") if claim.reading.change == "fall" else ("fell", "rose")
    return Finding(
        "contradicted",
        (last, first),
        (end.source, start.source),
        f"the source gives {first} {when_phrase(start, claim)} and {last} "
        f"{when_phrase(end, claim)}: it {moved}, where the claim says it {said}: "
        f"“{start.source.clause_text}”",
    )


def reversed_order(order: StatedOrder, first: Finding, second: Finding) -> Finding:
    """Both figures of a comparison are the source's, and they go the other way."""
    a, b = order.first.stated, order.second.stated
    truly = "lower" if order.says == "higher" else "higher"
    return Finding(
        "contradicted",
        (a, b),
        first.evidence + second.evidence,
        f"the source gives {a} and {b}: {a} is {truly} than {b}, where the claim says it is "
        f"{order.says}",
    )


def unsettled_change(claim: ClaimFigure, end: Reading) -> Finding:
    """The claim's figure is the source's, but nothing gives the month it moved from."""
    start = claim.baseline.label if claim.baseline else "the month before"
    return Finding(
        "not_found",
        (),
        (end.source,),
        f"the source gives {end.source.reading.stated} {when_phrase(end, claim)}, but no figure "
        f"for {start} to say which way it moved: “{end.source.clause_text}”",
    )


def direction_unstated(claim: ClaimFigure, match: Reading) -> Finding:
    """The claim's figure is the source's, but the claim says it rose or fell and the source
    says neither: the figure is quoted right, the movement is the draft's own."""
    moved = "rose" if claim.reading.change == "rise" else "fell"
    return Finding(
        "not_found",
        (),
        (match.source,),
        f"the source gives {match.source.reading.stated} {when_phrase(match, claim)}, but does "
        f"not say it {moved}: “{match.source.clause_text}”",
    )


def wrong_role(claim: ClaimFigure, reading: Reading) -> Finding:
    """The claimed figure is the source's, but as a target where the claim says achieved, or the
    reverse, or as a yardstick's ("the England and Wales figure") or another body's where the
    claim says its own."""
    source = reading.source.reading
    found, said = _role_phrase(source), _role_phrase(claim.reading)
    if (source.comparator and not claim.reading.comparator) or (
        source.body and not claim.reading.body
    ):
        said = "its own figure"
    stated = source.stated
    return Finding(
        "contradicted",
        (stated,),
        (reading.source,),
        f"the source gives {stated} {when_phrase(reading, claim)} as {found}, not as {said}: "
        f"“{reading.source.clause_text}”",
    )


def _role_phrase(reading: FigureReading) -> str:
    if reading.role == "target":
        return "a target"
    if reading.comparator:
        return f"the {reading.comparator} figure"
    if reading.body:
        return f"a figure of {reading.body}"
    return "what was achieved"


def uncovered(claim: ClaimFigure, covered: Sequence[str]) -> Finding:
    return Finding("not_found", (), (), uncovered_forces(claim.subjects, covered))


def uncovered_forces(named: frozenset[str], covered: Sequence[str]) -> str:
    """Why a claim about forces no document covers is not found, naming the forces covered in
    `covered`'s order (the panel's own first) and only the first few of a long list."""
    names = ", ".join(subject_label(s) for s in sorted(named))
    return f"the documents give no figure for {names}; {covered_phrase(covered)}"


def when_phrase(reading: Reading, claim: ClaimFigure) -> str:
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


def _plain(label: str) -> str:
    return _LEADING_WORD.sub("", label)  # "in 2017" -> "2017"

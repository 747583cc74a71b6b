"""What a figure measures: the words of the phrase it qualifies, and those that set it apart.

A figure's *measure* is the content words of its clause's phrase around it, from after
any lead-in ("the inspectors estimate that") to the nearest break, less what frames,
moves, dates or attributes a figure. Two neighbouring figures of one passage share
their common words; the words one has and the other lacks tell the measures apart:
"the force records 87.5 percent of the crimes reported to it" and "the recording rate
for violent crime is only 82.3 percent" share "record" and "crime", and "violent" marks
the second as a subgroup. A claim fits a measure when it names all of that measure's
telling words, so a claim about "all crimes" fits the first and not the second.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.forces import force_mentions
from assistant.lexical import lexical_tokens
from assistant.reading.clauses import phrase_span
from assistant.reading.mentions import find_figures
from assistant.reading.periods import find_periods
from assistant.reading.vocabulary import (
    FILLER,
    FRAMING,
    GENERIC_WORDS,
    NUMBER_WORDS,
    QUALIFIERS,
    WEAK_WORDS,
)
from assistant.types import FigureMention

ATTRIBUTION = re.compile(
    r"\b(?:told|said|says|reported|reports|advised|stated|states|noted|added|confirmed|explained|"
    r"found|finds|showed|shows|highlighted|heard)\b"
)  # e.g. "The T/CC told the board that": who said it, not what was measured
_LEAD_IN = re.compile(rf"{ATTRIBUTION.pattern}|\bthat\b|:", re.IGNORECASE)
_UNMEASURED = (
    "inspectorate inspectors inspector hmicfrs estimate estimated cent "
    "first second third fourth fifth last next previous final"
)  # who counted, and the ordinals of periods ("in the first quarter")
_NOT_MEASURE = frozenset(
    lexical_tokens(
        " ".join(
            [GENERIC_WORDS, WEAK_WORDS, _UNMEASURED, *FILLER, *FRAMING, *QUALIFIERS, *NUMBER_WORDS]
        )
    )
)
"""Stems that frame, hedge, move or count a figure without saying what it counts."""
MEASURE_REACH = 4
"""Content words read on each side of a figure as its measure: the noun phrase it qualifies
("the recording rate for violent crime is 82.3 percent"), not the clause's framing before it."""


def measure_words(sentence: str, clause: tuple[int, int], figure: FigureMention) -> frozenset[str]:
    """The stems naming what a figure of a sentence counts (its offsets are the sentence's).

    e.g. "The inspectors estimate that the force records 87.5 percent of the crimes
    reported to it" -> {"record", "crime"}: who estimated it and "reported" frame it.
    """
    return _measure_words(sentence, clause, figure)


@lru_cache(maxsize=16384)
def _measure_words(sentence: str, clause: tuple[int, int], figure: FigureMention) -> frozenset[str]:
    low, high = measure_span(sentence, clause, figure)
    before = _content(sentence[low : figure.start])
    after = _content(sentence[figure.end : high])[:MEASURE_REACH]
    lead = sentence[_after_lead_in(sentence, 0, low) : low]
    if not before and not after and not find_figures(sentence[:low]):
        before = _content(lead)  # e.g. "use of RUI in domestic abuse cases (down from 24.21%"
    label = sentence.find(" | ")
    row = (
        _content(sentence[:label])  # a table row's label names its cells' measure:
        if 0 < label < low and not find_figures(sentence[:label])  # "Non-visible frontline |
        else []  # Force spend: £58"
    )
    # A bare figure after another ("about 100 CADs a month ...; it was now nearly 300") names
    # no measure of its own: it continues the one before, so it has no telling words.
    return frozenset(before[-MEASURE_REACH:] + after + row)


def _content(text: str) -> list[str]:
    """The stems of a text that may name a measure, in order."""
    blanked = [(f.start, f.end) for f in find_figures(text)]
    blanked += [(p.start, p.end) for p in find_periods(text) if not p.relative]
    blanked += [(m.start, m.end) for m in force_mentions(text)]  # whose figure, not what
    for s, e in blanked:
        text = text[:s] + " " * (e - s) + text[e:]
    return [w for w in lexical_tokens(text) if w not in _NOT_MEASURE]


def measure_span(sentence: str, clause: tuple[int, int], figure: FigureMention) -> tuple[int, int]:
    """Where a figure's measure is named: its phrase within its clause, after any lead-in."""
    phrase = phrase_span(sentence, figure)
    low, high = max(clause[0], phrase[0]), min(clause[1], phrase[1])
    return _after_lead_in(sentence, low, figure.start), high


def _after_lead_in(sentence: str, start: int, end: int) -> int:
    lead_ins = [m.end() for m in _LEAD_IN.finditer(sentence, start, end)]
    return lead_ins[-1] if lead_ins else start


def statistic(clause: str) -> str | None:
    """Which summary of many values a clause's figure is, when it names one: "median" or "average".

    e.g. "Median wait for a 101 call to be answered: around 2 seconds" -> "median"; "answered
    calls in an average of 6.42 seconds" -> "average"; a clause naming both, or neither -> None.
    """
    named = {_STATISTICS[m.group(0).lower()] for m in _STATISTIC.finditer(clause)}
    return named.pop() if len(named) == 1 else None


_STATISTICS = {
    "median": "median",
    "average": "average",
    "averaging": "average",
    "averaged": "average",
}
_STATISTIC = re.compile(rf"\b(?:{'|'.join(_STATISTICS)})\b", re.IGNORECASE)


def telling_words(own: frozenset[str], other: frozenset[str]) -> frozenset[str]:
    """The words of one measure that tell it from a neighbouring one: none when they share no
    word, for then they are not neighbours but different things."""
    return own - other if own & other else frozenset()


def fits_better(
    claimed: frozenset[str], found: frozenset[str], other: frozenset[str], listed: bool = False
) -> bool:
    """Whether a claim's words fit a neighbouring measure (`other`) better than the one whose
    figure it states (`found`): the claim names all of the neighbour's telling words, and
    lacks one of the found measure's, or names fewer of them.

    e.g. "Norfolk records 82.3 percent of all crimes reported to it" names nothing of
    "violent", so 82.3 percent (the violent crime recording rate) is not its measure,
    and the whole's "records 87.5 percent of the crimes" (no telling word left) is.

    Figures `listed` in one sentence share its lead-in, so their own words tell them apart
    even when they share none, if the claim names none of the found figure's: "an ELP was considered in 59.4% of domestic abuse ... and
    73.6% of rape investigations" gives rape investigations 73.6%, not 59.4%.
    """
    shared = bool(found & other) or listed
    own = found - other if shared else frozenset()
    theirs = other - found if shared else frozenset()
    if (
        not shared
        or not theirs <= claimed
        or (listed and not found & other and (own & claimed or not (found and theirs)))
    ):
        return False  # a listed figure is the claim's when it names some of its own words; a
        # bare one continues its neighbour: "about 100 CADs a month ...; it was now nearly 300"
    return not own <= claimed or len(theirs & claimed) > len(own & claimed)

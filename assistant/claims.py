"""Pasted text -> claims: each figure of a draft read with its clause, measure, period and subject.

A claim is a sentence of the pasted text that carries a figure. A figure's *measure* is its
sentence's content words, those of its own clause weighing most; its *period* is the one named
nearest it in its clause, else one named earlier in the paragraph ("over the same period").
Thresholds ("within 10 seconds") belong to the measure; who said it ("the T/CC told the board")
does not. Everything else a figure states (qualifier, change, part, role, subject) is read by
`assistant.reading`, the same reader the check applies to the sources.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.forces import bodies_not_listed
from assistant.glossary import ONE_WAY
from assistant.lexical import lexical_tokens
from assistant.question import documents_dated, question_concepts
from assistant.reading.bands import Band, clause_bands
from assistant.reading.changes import judged_direction, pair_of, run_ends, value_pairs
from assistant.reading.clauses import (
    blank_spans,
    claimed_figures,
    clause_order,
    figure_clauses,
    figure_phrase,
    moved_figure,
    restated_shares,
)
from assistant.reading.figures import (
    Direction,
    FigureReading,
    named_comparator,
    opening_comparator,
    read_figure,
)
from assistant.reading.measures import ATTRIBUTION, statistic
from assistant.reading.mentions import SHARE_IN_WORDS, counted_phrase
from assistant.reading.parts import Extent, extent
from assistant.reading.periods import (
    PeriodSpan,
    figure_periods,
    is_previous,
    last_stated,
    previous_span,
    sentence_periods,
    stated_span,
)
from assistant.reading.sentences import paragraph_spans, sentence_spans
from assistant.reading.subjects import names_force, subjects_named
from assistant.reading.vocabulary import (
    FILLER,
    FRACTION_WORDS,
    FRAMING,
    NUMBER_WORDS,
    WEAK_WORDS,
)
from assistant.thresholds import ELSEWHERE_WEIGHT
from assistant.types import FigureMention, Period

_WEAK = frozenset(lexical_tokens(WEAK_WORDS))
_VERB_LIKE = re.compile(r"[a-z]{3,}ed")  # "obtained", "reached": how it was said, less what
FILLER_STEMS = frozenset(lexical_tokens(" ".join(FILLER)))
"""Stems that say how a figure moved, not what it measures: a clause of only these says nothing."""
_CONTINUES = re.compile(
    r"\b(?:same (?:period|time|year|month|quarter)|that (?:year|month|quarter|period|time)|by then|"
    r"at that time|meanwhile)\b",
    re.IGNORECASE,
)  # a sentence that keeps the period named before it


@dataclass(frozen=True, slots=True)
class Term:
    """One word (or glossary phrase) of a claim's measure, met by any of its stems or phrases."""

    word: str
    stems: frozenset[str]
    phrases: tuple[frozenset[str], ...]  # multi-word variants, met only when all their stems are
    weight: float
    weak: bool
    local: bool  # in the figure's own clause

    def met_by(self, stems: frozenset[str]) -> bool:
        return bool(self.stems & stems) or any(phrase <= stems for phrase in self.phrases)


def share_said(terms: tuple[Term, ...], *places: tuple[frozenset[str], float]) -> float:
    """The weighted share of the terms met, each at the level of the first place that meets it:
    how much of a claim's measure, area or event a source says."""
    total = sum(t.weight for t in terms) or 1.0
    said = sum(
        t.weight * next((level for stems, level in places if t.met_by(stems)), 0.0) for t in terms
    )
    return said / total


@dataclass(frozen=True, slots=True)
class Scope:
    """What a text is about beyond its words: the phone service, another force, a national figure."""

    services: frozenset[str]
    forces: frozenset[str]
    comparator: bool


@dataclass(frozen=True, slots=True)
class ClaimFigure:
    """One figure of the draft as `check` judges it: what it measures, for when, and about whom."""

    figure: FigureMention  # offsets into the pasted text
    clause: tuple[int, int]
    when: PeriodSpan | None
    terms: tuple[Term, ...]
    scope: Scope
    unknown: tuple[str, ...]  # words of its clause the documents never use
    order: int  # place among the figures sharing its clause: "from 839 (0) to 751 (1)"
    reading: FigureReading  # qualifier, change, part, role and subject, offsets the sentence's
    subjects: frozenset[str]  # the forces its sentence names
    words: frozenset[str] = frozenset()  # every stem its sentence names, glossary variants too
    bands: tuple[Band, ...] = ()  # what its clause counts within: "longer than 60 seconds"
    implied: Direction | None = None  # which way its change's two values move: "from 147 to 151"
    earlier: bool = False  # the first value of a change it states: 147 of "from 147 to 151";
    # or one it dates "last year" with no year named to count back from
    values: tuple[float | None, float | None] | None = None  # its change's values: (147, 151)
    statistic: str | None = None  # the summary its clause names: "average" of "average wait"
    baseline: PeriodSpan | None = None  # the month a change over a run moved from: December
    # 2022 of "got slower between December 2022 and January 2023, averaging 6.42 seconds"
    source_years: frozenset[int] = frozenset()  # years its sentence dates a document by: 2023
    # of "the PCC's 2023 paper says" (question.source_periods)
    extent: Extent | None = None  # "all": its clause (its sentence, if its only figure) says
    # every one of a set ("all four AFIs were closed"); "part": only some (reading.parts.extent)
    counted: tuple[str, ...] = ()  # what a count counts: "151 sexual risk orders" -> sexual,
    # risk, orders (reading.mentions.counted_phrase)


def claim_sentences(
    text: str, idf: Mapping[str, float]
) -> list[tuple[tuple[int, int], list[ClaimFigure]]]:
    """Sentences that carry figures, each figure with its measure and period.

    A sentence naming no measure takes the sentence before's ("In March 2023 the
    figure had been 69.4%"); one naming no period takes the last one named earlier
    in its paragraph when it says it continues ("Over the same period ...") or
    borrows the measure, and otherwise matches any period.
    """
    found = []
    for para_start, para_end in paragraph_spans(text):
        inherited: PeriodSpan | None = None
        previous = ""
        for start, end in sentence_spans(text, para_start, para_end):
            sentence = text[start:end]
            restated = restated_shares(sentence)  # "four in five (77.8%)" claims 77.8% once
            figures = [f for f in claimed_figures(sentence) if f not in restated]
            periods = sentence_periods(sentence, None)
            blanked = blank_spans(
                sentence,
                [(f.start, f.end) for f in [*figures, *restated]]
                + [(p.start, p.end) for p in periods],
            )
            if figures:
                found.append(
                    (
                        (start, end),
                        _claim_figures(
                            sentence,
                            start,
                            (figures, periods),
                            blanked,
                            (inherited, previous),
                            idf,
                        ),
                    )
                )
            inherited = last_stated(periods, inherited)
            previous = blanked
    return found


def _claim_figures(
    sentence: str,
    offset: int,
    found: tuple[list[FigureMention], list[Period]],
    blanked: str,
    before: tuple[PeriodSpan | None, str],
    idf: Mapping[str, float],
) -> list[ClaimFigure]:
    figures, periods = found
    inherited, previous = before
    said = [m.end() for m in ATTRIBUTION.finditer(sentence, 0, figures[0].start)]
    unsaid = blank_spans(blanked, [(0, said[-1])]) if said else blanked  # without who said it
    clauses = figure_clauses(sentence, figures)
    pairs = value_pairs(sentence, figures)
    claimed = []
    owned = figure_periods(sentence, figures, periods)
    dated = documents_dated(sentence)
    for figure, clause, period in zip(figures, clauses, owned, strict=True):
        local = unsaid[clause[0] : clause[1]]
        siblings = " ".join(unsaid[c[0] : c[1]] for c in dict.fromkeys(clauses) if c != clause)
        terms, unknown = measure_terms(blanked, local, idf, siblings)
        borrows = bool(previous) and all(t.weak for t in terms)  # "the figure had been 69.4%"
        if borrows:
            terms, unknown = measure_terms(f"{previous} {blanked}", local, idf, siblings)
        context = f"{previous} {sentence}" if borrows else sentence
        if period is None:
            when = inherited if borrows or _CONTINUES.search(sentence) else None
        elif is_previous(period):
            when = previous_span(
                period, last_stated([p for p in periods if p != period], inherited)
            )
        else:
            when = stated_span(period) or _framing_span(period, periods, owned)
        reading = read_figure(sentence, figure, clause, when)
        judged = judged_direction(sentence, figure)
        if judged and reading.change and judged != reading.change:
            reading = replace(reading, change=judged)  # "abandonment worsened, going from 33.4%
            # to 12.7%": worse is higher, whatever way its values go
        moved = reading.change or judged
        pair = pair_of(pairs, figure)  # "from 10 minutes to 90 seconds" names its own start
        ends = run_ends(when) if when and moved and not (reading.amount or pair) else None
        if ends:  # "got slower between December 2022 and January 2023, averaging 6.42 seconds":
            when = ends[1]  # 6.42 seconds is January's, and December's figure is the baseline
            reading = read_figure(sentence, figure, clause, when)
        claimed.append(
            ClaimFigure(
                moved_figure(figure, offset),
                (clause[0] + offset, clause[1] + offset),
                when,
                terms,
                figure_scope(
                    sentence[clause[0] : clause[1]],
                    context,
                    figure_phrase(sentence, figure),
                ),
                unknown,
                clause_order(clauses, figures, figure),
                replace(reading, change=moved),
                _named_subjects(context),
                _claimed_words(
                    blank_spans(sentence, [c for c in dict.fromkeys(clauses) if c != clause]),
                    previous if borrows else "",
                    terms,
                ),
                clause_bands(sentence[clause[0] : clause[1]]),
                pair.direction if pair else None,
                (pair is not None and pair.earlier == figure)
                or (when is None and period is not None and is_previous(period)),
                (pair.earlier.value, pair.later.value) if pair else None,
                statistic(sentence[clause[0] : clause[1]]),
                ends[0] if ends else None,
                dated,
                extent(local if len(figures) > 1 else unsaid),
                counted_phrase(sentence, figure.end),
            )
        )
    return claimed


def _framing_span(
    period: Period, periods: list[Period], owned: list[Period | None]
) -> PeriodSpan | None:
    """The month a "now" or "currently" stands for when its sentence names one no figure owns:
    "At the October 2021 board the T/CC said compliance was now nearly 90%" is October 2021's."""
    if not period.relative:
        return None
    return last_stated([p for p in periods if p not in owned and p.start < period.start], None)


def measure_terms(
    sentence: str, clause: str, idf: Mapping[str, float], siblings: str = ""
) -> tuple[tuple[Term, ...], tuple[str, ...]]:
    """The measure: the sentence's concepts, weighted by rarity, lighter outside the figure's clause.

    A word the documents never use weighs as much as their rarest, so a measure they
    never report cannot be matched on its commoner words alone. A word the sentence's
    other figures' clauses share tells the figures apart no better than one outside:
    in "the Detective Constable establishment was 613, with 567 officers currently on the
    detective pathway", 613's own words are "constable establishment".
    """
    rarest = max(idf.values(), default=1.0)
    local = text_stems(clause) - text_stems(siblings)
    terms, unknown = [], []
    for concept in question_concepts(sentence, idf):
        if (
            concept.word in FRAMING
            or concept.word in FILLER
            or (concept.word in FRACTION_WORDS and SHARE_IN_WORDS.search(sentence))
            # "a third of the workforce": how much, not of what; "fifth of all forces" ranks
            or names_force(concept.word)
        ):
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
        stems = concept.stems | number_forms(concept.word)
        terms.append(Term(concept.word, stems, concept.phrases, weight, weak, inside))
    return tuple(terms), tuple(unknown)


_NUMBER_WORD = {word: str(value) for word, value in NUMBER_WORDS.items()}
_NUMBER_DIGITS = {digits: word for word, digits in _NUMBER_WORD.items()}


def number_forms(word: str) -> frozenset[str]:
    """The other spelling of a number a measure names, as a stem: "within ten seconds" is
    "within 10 seconds" ("ten" -> "10", "10" -> "ten"); other words have none."""
    word = word.lower()
    other = _NUMBER_WORD.get(word) or _NUMBER_DIGITS.get(word)
    return frozenset(lexical_tokens(other)) if other else frozenset()


# --- words -------------------------------------------------------------------------------------


def _claimed_words(own: str, previous: str, terms: tuple[Term, ...]) -> frozenset[str]:
    """Every stem a claim names for one figure, glossary variants too: its sentence without the
    clauses of its other figures ("and the courts granted 100 DVPOs"), and the sentence
    before when it borrows that one's measure."""
    stems = text_stems(f"{previous} {own}")
    return stems.union(
        *(t.stems for t in terms if t.local), *(p for t in terms if t.local for p in t.phrases)
    )


def text_stems(text: str) -> frozenset[str]:
    """Lexical stems of a text, with the expansions of its acronyms ("ELP" -> evidence led ...)."""
    stems = set(lexical_tokens(text))
    for word in set(re.findall(r"[a-z/]+", text.lower())) & ONE_WAY.keys():
        stems.update(lexical_tokens(ONE_WAY[word]))
    return frozenset(stems)


def figure_scope(
    clause: str,
    sentence: str,
    phrase: str,
    heading: str = "",
    document: frozenset[str] = frozenset(),
) -> Scope:
    """The phone service named nearest the figure (then its heading), its forces, a national figure.

    Its forces are those named in its own clause, else in its sentence, else its document's:
    "Leicestershire answered 92.5 per cent and Surrey 92.3 per cent" gives Surrey only the
    second figure, and "the force answered 84.5%" in a paper about one force is that force's.
    """
    forces = _named_subjects(clause) or _named_subjects(sentence) or document
    yardstick = named_comparator(sentence, phrase) or opening_comparator(sentence, clause)
    return Scope(
        _services(phrase) or _services(heading) or _services(clause) or _services(sentence),
        forces,
        yardstick is not None,
    )


@lru_cache(maxsize=8192)
def _named_subjects(text: str) -> frozenset[str]:
    """Whose figure a claim or source text gives: the forces it names, and bodies the registry
    does not list ("the Royal Military Police", "Cumbria Fire and Rescue Service"), which no
    document is about. Cached: a source sentence is read for each of its figures and claims."""
    return subjects_named(text) | frozenset(bodies_not_listed(text))


def _services(text: str) -> frozenset[str]:
    lowered = text.lower()
    found = set()
    if re.search(r"\b999\b|(?<!non-)(?<!non)\bemergency", lowered):
        found.add("999")
    if re.search(r"\b101\b|\bnon-?emergency", lowered):
        found.add("101")
    return frozenset(found)

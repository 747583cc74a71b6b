"""Pasted text -> claims: each figure of a draft with its clause, its measure and its period.

A claim is a sentence of the pasted text that carries a figure. A figure's *measure* is its
sentence's content words, those of its own clause weighing most; its *period* is the one named
nearest it in its clause, else one named earlier in the paragraph ("over the same period").
Thresholds ("within 10 seconds") belong to the measure; who said it ("the T/CC told the board")
does not. The sentence, clause and period readers here also read the source passages, so that
`assistant.check` compares a claim and a source figure cut the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from assistant.chunk import sentence_spans
from assistant.dates import MONTH_NUMBER, MONTHS
from assistant.figures import assign_period, find_figures, find_periods
from assistant.forces import force_words, forces_named
from assistant.glossary import ACRONYMS
from assistant.lexical import lexical_tokens
from assistant.question import question_concepts
from assistant.types import FigureMention, Period

WhenKind = Literal["stated", "relative", "heading", "dated"]

ELSEWHERE_WEIGHT = 0.3
"""Weight of a claim's words outside the figure's own clause, against 1 for those inside it."""
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
FILLER_STEMS = frozenset(lexical_tokens(" ".join(_FILLER)))
"""Stems that say how a figure moved, not what it measures: a clause of only these says nothing."""
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
_MONTH = f"({'|'.join(MONTHS)})"  # e.g. "(January|February|...)"
_BARE_MONTH = re.compile(
    rf"\b(?:in|during|since|from|by|for|of|to|until)\s+{_MONTH}\b(?!\s*(?:\d|/))"
)
_MONTH_NAMED = re.compile(
    rf"\b(?:{'|'.join(m[:3].lower() for m in MONTHS)})[a-z]*\b", re.IGNORECASE
)  # e.g. "Mar", "March", "march"
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


@dataclass(frozen=True, slots=True)
class When:
    """A period as months from year 0 (year * 12 + month - 1): one month, or a span of them."""

    first: int
    last: int
    label: str
    exact: bool  # names one month: "March 2023", "rolling year to December 2023"
    kind: WhenKind  # stated beside the figure, "current", a heading's, or the document's date


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


@dataclass(frozen=True, slots=True)
class Scope:
    """What a text is about beyond its words: the phone service, the forces it names, a national
    figure."""

    services: frozenset[str]
    forces: frozenset[str]
    comparator: bool


@dataclass(frozen=True, slots=True)
class ClaimFigure:
    """One figure of the draft as `check` judges it: what it measures, for when, and about whom."""

    figure: FigureMention  # offsets into the pasted text
    clause: tuple[int, int]
    when: When | None
    terms: tuple[Term, ...]
    scope: Scope
    unknown: tuple[str, ...]  # words of its clause the documents never use
    order: int  # place among the figures sharing its clause: "from 839 (0) to 751 (1)"


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
    for para_start, para_end in _paragraphs(text):
        inherited: When | None = None
        previous = ""
        for start, end in sentence_spans(text, para_start, para_end):
            sentence = text[start:end]
            figures = claimed_figures(sentence)
            periods = sentence_periods(sentence, None)
            blanked = blank_spans(
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
            inherited = last_stated(periods, inherited)
            previous = blanked
    return found


def _claim_figures(
    sentence: str,
    offset: int,
    figures: list[FigureMention],
    periods: list[Period],
    blanked: str,
    inherited: When | None,
    previous: str,
    idf: Mapping[str, float],
) -> list[ClaimFigure]:
    said = [m.end() for m in _ATTRIBUTION.finditer(sentence, 0, figures[0].start)]
    unsaid = blank_spans(blanked, [(0, said[-1])]) if said else blanked  # without who said it
    clauses = figure_clauses(sentence, figures)
    claimed = []
    for figure, clause, period in zip(
        figures, clauses, figure_periods(sentence, figures, periods), strict=True
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
            when = stated_when(period)
        claimed.append(
            ClaimFigure(
                moved_figure(figure, offset),
                (clause[0] + offset, clause[1] + offset),
                when,
                terms,
                figure_scope(
                    sentence[clause[0] : clause[1]], context, figure_phrase(sentence, figure)
                ),
                unknown,
                clause_order(clauses, figures, figure),
            )
        )
    return claimed


def _terms(
    sentence: str, clause: str, idf: Mapping[str, float]
) -> tuple[tuple[Term, ...], tuple[str, ...]]:
    """The measure: the sentence's concepts, weighted by rarity, lighter outside the figure's clause.

    A word the documents never use weighs as much as their rarest, so a measure they
    never report cannot be matched on its commoner words alone.
    """
    rarest = max(idf.values(), default=1.0)
    local = text_stems(clause)
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
        terms.append(Term(concept.word, concept.stems, concept.phrases, weight, weak, inside))
    return tuple(terms), tuple(unknown)


# --- figures, clauses and periods in a sentence ------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs and list items: a hard-wrapped line runs on, a bullet starts afresh."""
    breaks = re.finditer(r"\n\s*\n|\n(?=[ \t]*(?:[-•*–]|\d{1,2}[.)])\s)", text)
    bounds = [0, *(x for m in breaks for x in (m.start(), m.end())), len(text)]
    spans = list(zip(bounds[::2], bounds[1::2], strict=True))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def line_sentences(text: str) -> list[list[tuple[int, int]]]:
    """The sentences of each line of a passage; a table row is one sentence."""
    found, cursor = [], 0
    for line in text.split("\n"):
        start, end = cursor, cursor + len(line)
        cursor = end + 1
        if line.strip():
            found.append([(start, end)] if " | " in line else sentence_spans(text, start, end))
    return found


def claimed_figures(sentence: str) -> list[FigureMention]:
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


def figure_clauses(sentence: str, figures: list[FigureMention]) -> list[tuple[int, int]]:
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


def clause_order(
    clauses: list[tuple[int, int]], figures: list[FigureMention], figure: FigureMention
) -> int:
    """Which of its clause's figures it is, so "from 839 to 715" meets "from 839 to 751" in order."""
    clause = clauses[figures.index(figure)]
    return sum(
        1 for c, f in zip(clauses, figures, strict=True) if c == clause and f.start < figure.start
    )


def figure_phrase(sentence: str, figure: FigureMention) -> str:
    """The words bound most tightly to a figure: up to the nearest break on either side.

    e.g. "(28.7% of stop and searches in the force had linked outcomes which is higher than
    the ... rate across all forces in England and Wales at 22.2%)": the national
    figure is 22.2%, not 28.7%.
    """
    start, end = 0, len(sentence)
    for pattern in _CLAUSE_BREAKS[:3]:
        start = max([start, *[m.end() for m in pattern.finditer(sentence, 0, figure.start)][-1:]])
        end = min([end, *[m.start() for m in pattern.finditer(sentence, figure.end)][:1]])
    return sentence[start:end]


def sentence_periods(sentence: str, default_year: int | None) -> list[Period]:
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


def figure_periods(
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


def when_of(period: Period, kind: WhenKind) -> When | None:
    """A period as months, so a claim's and a source's periods compare as spans; None if undated."""
    if period.sort_key is None:
        return None
    year, month = period.sort_key
    last = year * 12 + month - 1
    split = _SPLIT_YEAR.search(period.text)
    if split:  # a financial year or a cycle: "2018/19" is April 2018 to March 2019
        return When(int(split.group(1)) * 12 + 3, last, period.text, False, kind)
    if _MONTH_NAMED.search(period.text):
        return When(last, last, period.text, True, kind)
    return When(year * 12, year * 12 + 11, period.text, False, kind)


def stated_when(period: Period) -> When | None:
    """A period named outright; a relative one ("currently") has no months of its own to match."""
    return None if period.relative else when_of(period, "stated")


def last_stated(periods: list[Period], before: When | None) -> When | None:
    """The last period a sentence names outright, else `before`: what the sentences after it keep."""
    named = [w for p in periods if (w := stated_when(p)) is not None]
    return named[-1] if named else before


# --- words -------------------------------------------------------------------------------------


def text_stems(text: str) -> frozenset[str]:
    """Lexical stems of a text, with the expansions of its acronyms ("ELP" -> evidence led ...)."""
    stems = set(lexical_tokens(text))
    for word in set(re.findall(r"[a-z/]+", text.lower())) & ACRONYMS.keys():
        stems.update(lexical_tokens(ACRONYMS[word]))
    return frozenset(stems)


def figure_scope(clause: str, sentence: str, phrase: str, heading: str = "") -> Scope:
    """The phone service named nearest the figure (then its heading), the forces, a national figure."""
    # The force named in the figure's own clause, else in its sentence: "Leicestershire answered
    # 92.5 per cent and Surrey 92.3 per cent" gives Surrey only the second figure.
    forces = frozenset(f.name for f in forces_named(clause)) or frozenset(
        f.name for f in forces_named(sentence)
    )
    return Scope(
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


def _names_force(word: str) -> bool:
    return word in force_words()


def moved_figure(f: FigureMention, offset: int) -> FigureMention:
    """A figure found in a sentence, placed in the whole text (or passage) the sentence came from."""
    return FigureMention(f.text, f.value, f.unit, f.start + offset, f.end + offset, f.kind)


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with figures and periods blanked, so their digits and months are not measure words."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text

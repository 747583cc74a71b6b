"""What each figure of a text states: value and sign, qualifier, change, part, role, subject, period.

`read_figures(text, context)` reads a whole text; `read_figure` reads one figure
of a sentence already cut into clauses, which is how the check reads both a
draft and its sources, so the two are compared reading to reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from assistant.reading.clauses import (
    CLAUSE_BREAKS,
    claimed_figures,
    figure_clauses,
    figure_phrase,
    is_threshold,
    moved_figure,
)
from assistant.reading.mentions import find_figures, part_whole
from assistant.reading.periods import (
    PeriodSpan,
    figure_periods,
    find_periods,
    period_span,
    recent_span,
    sentence_periods,
)
from assistant.reading.sentences import line_sentences
from assistant.reading.subjects import subjects_named
from assistant.reading.tables import is_table_row, row_label
from assistant.reading.vocabulary import (
    COMPARATOR_PATTERN,
    FALL_WORDS,
    LARGE_CHANGE_WORDS,
    OTHER_BODY_PATTERN,
    QUALIFIERS,
    RISE_WORDS,
    SMALL_CHANGE_WORDS,
    qualifier_before,
)
from assistant.thresholds import ADMITTED_POINTS, ADMITTED_SPREAD, DIFFERENCE_HEDGE
from assistant.types import FigureMention

Direction = Literal["rise", "fall"]
Degree = Literal["large", "small"]
Role = Literal["achieved", "target", "comparator"]


@dataclass(frozen=True, slots=True)
class ReadingContext:
    """What a text's figures may take from outside it: its document's date and subject."""

    date: str | None = None
    subject: str | None = None
    heading: str = ""  # the section's headings, whose period an undated sentence takes


@dataclass(frozen=True, slots=True)
class FigureReading:
    """One figure as its sentence states it; `start`/`end` span the qualifier and the figure."""

    figure: FigureMention
    start: int
    end: int
    sign: int  # -1 for a stated minus ("-2%"), else 1
    qualifier: str | None  # as written: "less than", "about"; None when stated exactly
    bound: str | None  # what the qualifier says: "below", "above", "about", "nearly", ...
    change: Direction | None  # which way the clause says it moved
    part_of: float | None  # the whole of "14 of the 19": 19
    role: Role
    comparator: str | None  # "England and Wales", "most similar forces", ...
    thresholds: tuple[str, ...]  # what bounds the measure: "10 seconds" of "within 10 seconds"
    subject: str | None
    period: PeriodSpan | None
    amount: bool = False  # the size of a change ("rose by 6%", "an increase of 4.5%"), not a level
    # how much its clause says it moved, read only when it moved: "fell sharply" is large
    degree: Degree | None = None
    # a body other than the police whose figure it is: "Tewkesbury Borough Council said its
    # officers issued 64 tickets", "Network Rail estimated the cost at £14.6 million"
    body: str | None = None

    @property
    def stated(self) -> str:
        """The figure with its qualifier, as a badge or quote should show it: "less than 3%"."""
        return f"{self.qualifier} {self.figure.text}" if self.qualifier else self.figure.text


def read_figure(
    sentence: str,
    figure: FigureMention,
    clause: tuple[int, int],
    period: PeriodSpan | None,
    subject: str | None = None,
) -> FigureReading:
    """One figure of a sentence, read within its clause (offsets stay the sentence's)."""
    qualifier = qualifier_before(sentence, figure.start)
    phrase = figure_phrase(sentence, figure)
    named = subjects_named(sentence[clause[0] : clause[1]]) or subjects_named(sentence)
    comparator = named_comparator(sentence, phrase) or opening_comparator(
        sentence, sentence[clause[0] : clause[1]]
    )
    change = figure_change(sentence, figure, clause)
    return FigureReading(
        figure,
        qualifier.start(1) if qualifier else figure.start,
        figure.end,
        -1 if figure.text[:1] in "-−–" else 1,
        qualifier.group(1).lower() if qualifier else None,
        QUALIFIERS[qualifier.group(1).lower()] if qualifier else None,
        change,
        part_whole(figure),
        _role(sentence, figure, comparator is not None),
        " ".join(comparator.group(0).split()) if comparator else None,
        clause_thresholds(sentence, clause),
        min(named) if len(named) == 1 else subject,
        period,
        is_change_amount(sentence, figure),
        change_degree(sentence[clause[0] : clause[1]]) if change else None,
        figure_body(sentence, figure),
    )


def figure_body(sentence: str, figure: FigureMention) -> str | None:
    """The body other than the police that a sentence gives a figure as its own: its subject,
    the last named before the figure with no other figure between ("Tewkesbury Borough Council
    said its enforcement officers issued 64 parking tickets", "Trading standards estimate the
    value at about £365,000"), or the one a closing clause names ("..., 310 people; those are
    the organisers' figures"). Not a body after a preposition ("EBIT, built with Cambridge
    University, is used on four crime types"), nor where the police are named too: they act
    and the body helps ("Officers worked with the council to close 12 premises"), or both act
    ("the council and the force carried out 31 visits")."""
    before = sentence[: figure.start]
    closing = _ATTRIBUTED.search(sentence, figure.end)
    found = OTHER_BODY_PATTERN.match(sentence, closing.end()) if closing else None
    if found is None:
        subjects = [
            b
            for b in OTHER_BODY_PATTERN.finditer(before)
            if not _PREPOSITION_BEFORE.search(before, 0, b.start())
            and not any(b.end() <= f.start < figure.start for f in find_figures(sentence))
        ]
        found = subjects[-1] if subjects else None
    if found is None:
        return None
    rest = sentence[: found.start()] + sentence[found.end() : max(figure.start, found.start())]
    if _POLICE.search(rest) or subjects_named(rest):  # "Redcar and Cleveland Borough Council"
        return None  # names a place, not Cleveland Police
    name = re.sub(r"['’]s?$", "", " ".join(found.group(0).split()))  # "the organisers'"
    return "the" + name[3:] if name.startswith("The ") else name


_PREPOSITION_BEFORE = re.compile(r"\b(?:with|by|from|to|for|of|alongside)\s+$", re.IGNORECASE)
_ATTRIBUTED = re.compile(
    r"\b(?:those|these|this|that|they|it)\s+(?:are|were|is|was)\s+(?=[^.;]*?['’]s?\s+"
    r"(?:own\s+)?(?:figures?|estimates?|counts?|data)\b)",
    re.IGNORECASE,
)  # "; those are the organisers' figures": whose the figure before it is


def change_degree(clause: str) -> Degree | None:
    """How big a clause says a change was, when it says: "fell sharply" -> large, "marginally
    decreased" -> small; a clause saying both ("a sharp rise, then a slight fall") says neither."""
    words = {w.lower() for w in _WORD.findall(clause)}
    found = {
        degree
        for degree, said in (("large", LARGE_CHANGE_WORDS), ("small", SMALL_CHANGE_WORDS))
        if words & said
    }
    return found.pop() if len(found) == 1 else None  # type: ignore[return-value]


def is_change_amount(sentence: str, figure: FigureMention) -> bool:
    """Whether a figure is how much something moved rather than where it stands.

    e.g. "rose by 6%", "an increase of 4.5%", "a 34.7 percent increase", "down 2%":
    amounts; "rose to 84%", "55 a week, up from 37": levels.
    """
    before = _PARTICLE_MOVE.sub(" ", sentence[max(0, figure.start - 40) : figure.start])
    if figure.kind == "duration":
        before = _LOST.sub(" ", before)  # "lost 8.1 days": days lost, not a fall of 8.1
    after = sentence[figure.end : figure.end + 50]
    return bool(_AMOUNT_BEFORE.search(before) or _AMOUNT_AFTER.match(after))


def opening_comparator(sentence: str, clause: str) -> re.Match[str] | None:
    """The yardstick a sentence opens with, before its first figure: the subject of the figures
    of each clause after it when no force and no "the force" is named in between. "Great
    Britain as a whole recorded 1,711 road deaths in 2022 and 1,624 in 2023": 1,624 is Great
    Britain's too; "Across all forces, 71% ...; Essex answered 84%": 84% is Essex's. "National"
    alone names no yardstick ("the Office for National Statistics")."""
    opening = _opening_yardstick(sentence)
    if opening is None:
        return None
    end = sentence.find(clause) + len(clause) if clause in sentence else len(sentence)
    between = sentence[opening.end() : end]
    return None if subjects_named(between) or _OWN_FORCE.search(between) else opening


@lru_cache(maxsize=8192)
def _opening_yardstick(sentence: str) -> re.Match[str] | None:
    """The yardstick named before a sentence's first figure, near its start: read once per
    sentence, though each of its figures asks."""
    figures = find_figures(sentence)
    if not figures:
        return None
    opening = COMPARATOR_PATTERN.search(sentence, 0, figures[0].start)
    if not opening or opening.start() > _OPENING_REACH or opening.group(0).lower() == "national":
        return None
    return opening


_OPENING_REACH = 30  # characters into the sentence its subject may start: "1. Across the UK, ..."
_OWN_FORCE = re.compile(
    r"\b(?:the|this|our|its|their) (?:force|constabulary)\b|\bforce['’]s\b", re.I
)
_POLICE = re.compile(
    rf"{_OWN_FORCE.pattern}|\b(?:police|constabulary|(?<!\bits\s)(?<!\btheir\s)"
    r"(?<!\benforcement\s)(?<!\bparking\s)(?<!\bcivil\s)officers)\b",
    re.IGNORECASE,
)  # "officers made 12 arrests" are police officers; "its enforcement officers" the council's


def named_comparator(sentence: str, phrase: str) -> re.Match[str] | None:
    """The yardstick a figure's phrase names ("the England and Wales average of 10.3"), the most
    specific, named last; in a table row, the one its label names ("England and Wales | 10.3")."""
    comparators = list(COMPARATOR_PATTERN.finditer(phrase)) or (
        list(COMPARATOR_PATTERN.finditer(row_label(sentence))) if is_table_row(sentence) else []
    )
    return comparators[-1] if comparators else None


def _role(sentence: str, figure: FigureMention, compared: bool) -> Role:
    """A target ("against a 90% target", "aims to create 210", "will recruit about 500"),
    someone else's yardstick, or what was achieved."""
    before = _INSERTED.sub("", sentence[: figure.start])[-60:]  # "target, which it met, was"
    if (
        _TARGET_AFTER.match(sentence, figure.end)
        or _TARGET_BEFORE.search(before)
        or _INTENDED_BEFORE.search(before)
    ):
        return "target"
    return "comparator" if compared else "achieved"


def read_figures(
    text: str, context: ReadingContext = ReadingContext()
) -> tuple[FigureReading, ...]:
    """Every figure a text claims, read; offsets are the text's."""
    year = int(context.date[:4]) if context.date else None
    headed = [
        w
        for p in find_periods(context.heading)
        if not p.relative and (w := period_span(p, "heading")) is not None
    ]
    found = []
    for spans in line_sentences(text):
        for start, end in spans:
            sentence = text[start:end]
            figures = claimed_figures(sentence)
            periods = sentence_periods(sentence, year)
            clauses = figure_clauses(sentence, figures)
            for figure, clause, period in zip(
                figures, clauses, figure_periods(sentence, figures, periods), strict=True
            ):
                span = None
                if period is not None and not period.relative:
                    span = period_span(period, "stated")
                elif period is not None and context.date:
                    span = recent_span(context.date, period.text, "relative")
                elif headed:
                    span = headed[-1]
                elif context.date:
                    span = recent_span(context.date, context.date, "dated")
                reading = read_figure(sentence, figure, clause, span, context.subject)
                found.append(
                    replace(
                        reading,
                        figure=moved_figure(figure, start),
                        start=reading.start + start,
                        end=reading.end + start,
                    )
                )
    return tuple(found)


@lru_cache(maxsize=4096)
def lead_figures(text: str) -> dict[int, str]:
    """The figures a quote may lead an answer with, by start offset, each as stated ("less than
    3%", "-2%"): not a measure's bound ("within 10 seconds") nor a target ("a 90% target")."""
    return {r.figure.start: r.stated for r in read_figures(text) if r.role != "target"}


@lru_cache(maxsize=8192)
def target_starts(text: str) -> frozenset[int]:
    """Where the figures a text gives as a target or standard start ("a 90% target", "the
    standard is to answer 90%"): no answer to what a force achieved."""
    return frozenset(r.figure.start for r in read_figures(text) if r.role == "target")


def differences(said: FigureReading, found: FigureReading) -> list[str]:
    """What a claim says of its figure that its source does not, each named in words.

    A bare figure and "about" it agree; "less than", "over", "nearly" and the rest
    each need the source to say the same. Change and thresholds are compared only
    when both sides state one.
    """
    notes = []
    if said.bound != found.bound and not (said.bound in _HEDGES and found.bound in _HEDGES):
        notes.append(f"the source says “{found.stated}”, not “{said.stated}”")
    if said.change and found.change and said.change != found.change:
        notes.append(f"the source says it {_moved(found)}, not that it {_moved(said)}")
    if said.thresholds and found.thresholds and _bounds(said) != _bounds(found):
        notes.append(
            f"the source gives it within {', '.join(found.thresholds)}, "
            f"not {', '.join(said.thresholds)}"
        )
    if (
        said.change
        and found.change
        and said.degree
        and found.degree
        and said.degree != found.degree
    ):
        notes.append(f"the source says it moved {_SIZE[found.degree]}, not {_SIZE[said.degree]}")
    if said.sign != found.sign:
        notes.append(f"the source gives {found.stated}, not {said.stated}")
    return notes


def admits(found: FigureReading, said: FigureReading) -> bool:
    """Whether a source's bounded figure allows a figure claimed exactly, near it: "more than
    2,000" allows 2,167, "nearly 90%" 89.1%; it neither bears the claim out nor stands against it.
    """
    value, bound = said.figure.value, found.figure.value
    if said.bound is not None or value is None or bound is None or bound <= 0:
        return False
    if said.figure.kind != found.figure.kind or said.figure.unit != found.figure.unit:
        return False
    spread = ADMITTED_POINTS if said.figure.kind == "percent" else ADMITTED_SPREAD * bound
    if value == bound or abs(value - bound) > spread:
        return False  # "£174.5 million" claimed of "up to £174.5 million": the qualifier differs
    above = value > bound
    return {"above": above, "at least": above, "below": not above, "at most": not above}.get(
        found.bound or "",
        found.bound == "nearly" and not above and abs(value - bound) <= spread / 2,
    )


def makes_difference(difference: float, said: float | None, bound: str | None) -> bool:
    """Whether two figures' difference bears out one claimed with its qualifier: 722 makes
    "around 700" and 9 "nine", but 722 does not make "more than 800"."""
    if said is None:
        return False
    if bound in (None, "exactly"):
        return difference == said
    low, high = said * (1 - DIFFERENCE_HEDGE), said * (1 + DIFFERENCE_HEDGE)
    return {
        "above": said < difference <= high + said * DIFFERENCE_HEDGE,
        "at least": said <= difference <= high + said * DIFFERENCE_HEDGE,
        "below": low - said * DIFFERENCE_HEDGE <= difference < said,
        "at most": low - said * DIFFERENCE_HEDGE <= difference <= said,
        "nearly": low <= difference < said,
    }.get(bound, low <= difference <= high)  # about, around, some


def _bounds(reading: FigureReading) -> set[tuple[float | None, str | None]]:
    """A reading's thresholds by quantity: "ten seconds" and "10 seconds" bound alike."""
    return {(f.value, f.unit) for t in reading.thresholds for f in find_figures(t)[:1]}


def _moved(reading: FigureReading) -> str:
    return "rose" if reading.change == "rise" else "fell"


def figure_change(
    sentence: str, figure: FigureMention, clause: tuple[int, int]
) -> Direction | None:
    """Which way the figure's clause says it moved: the change word nearest it, else "from X to Y".

    e.g. "an increase of 4.5%" -> rise; "decreased from 237 in 2017 to 156" -> fall;
    "from 94 to 47" -> fall. "Higher" and "lower" compare; they say nothing of a change.
    """
    phrase_start = sentence.find(figure_phrase(sentence, figure))
    phrase = (phrase_start, phrase_start + len(figure_phrase(sentence, figure)))
    for start, end in (phrase, clause):  # the words bound tightest to the figure first
        words = [
            (abs(m.start() - figure.start), "rise" if m.group(0).lower() in RISE_WORDS else "fall")
            for m in _MOVING_WORD.finditer(sentence, start, end)
            if (m.group(0).lower() in RISE_WORDS or m.group(0).lower() in FALL_WORDS)
            and not _UP_TO.match(sentence, m.start())
            and not (
                m.group(0).lower() in ("up", "down")
                and _PARTICLE.search(sentence, max(0, m.start() - 12), m.start())
            )
            and not _NEGATED.search(sentence, max(0, m.start() - 12), m.start())
            and not (figure.kind == "duration" and _LOST.fullmatch(m.group(0)))
            and not (
                m.group(0).lower() == "raised"
                and _PASSIVE.search(sentence, max(0, m.start() - 12), m.start())
            )
        ]
        if words:
            return min(words)[1]  # type: ignore[return-value]
    versus = _POINTS_VERSUS.match(sentence, figure.end) if figure.kind == "points" else None
    if versus and not COMPARATOR_PATTERN.search(sentence, versus.end(), versus.end() + 40):
        # "2 percentage points above that referenced in the PEEL report": up since then; "3
        # points below the national rate" compares with a yardstick and says nothing of a move
        return "rise" if versus.group(1).lower() in ("above", "higher") else "fall"
    earlier = _THAN_EARLIER.search(sentence, clause[0], clause[1])
    if earlier:  # "2.4 per cent fewer than the year before" is a change, not a comparison
        return "rise" if earlier.group(1).lower() in _MORE else "fall"
    moved = _FROM_TO.search(sentence, clause[0], clause[1])
    if moved:
        before, after = (find_figures(moved.group(g)) for g in (1, 2))
        values = [f[0].value for f in (before, after) if f and f[0].value is not None]
        if len(values) == 2 and values[0] != values[1]:
            return "rise" if values[1] > values[0] else "fall"
    return _change_from_base(sentence, phrase[0])


def _change_from_base(sentence: str, phrase_start: int) -> Direction | None:
    """The change a figure is the starting point of: "had fallen slightly over the last 3 months
    compared to a high of 186 in June" says it fell from 186. None unless the figure's phrase
    follows "compared to" (or "with") and the words before say which way it moved."""
    base = _COMPARED_BEFORE.search(sentence, max(0, phrase_start - 12), phrase_start)
    if not base:
        return None
    breaks = [m.end() for p in CLAUSE_BREAKS[:3] for m in p.finditer(sentence, 0, base.start())]
    words = [
        m.group(0).lower()
        for m in _MOVING_WORD.finditer(sentence, max(breaks, default=0), base.start())
        if m.group(0).lower() in RISE_WORDS | FALL_WORDS
    ]
    if not words:
        return None
    return "rise" if words[-1] in RISE_WORDS else "fall"


def clause_thresholds(sentence: str, clause: tuple[int, int]) -> tuple[str, ...]:
    """The bounds a clause's measure names: ("10 seconds",) for "answered 84.5% in 10 seconds"."""
    part = sentence[clause[0] : clause[1]]
    return tuple(f.text.lower() for f in find_figures(part) if is_threshold(part, f))


_SIZE = {"large": "by much", "small": "a little"}
_HEDGES = (None, "about")  # a bare figure and "about" it say the same; "less than" does not
_WORD = re.compile(r"[A-Za-z]+")
_MOVING_WORD = re.compile(r"(?<![\w‑-])[A-Za-z]+(?![\w‑-])")
"""A word that may say which way a figure moved: not part of a compound ("the follow-up")."""
_UP_TO = re.compile(r"up to\b", re.IGNORECASE)  # "up to 200": a bound, not a rise
_PARTICLE_VERB = (
    r"\b(?:make|makes|made|making|set|sets|setting|sum|sums|summed|pick|picks|picked|picking|"
    r"sign|signs|signed|follow|follows|followed|take|takes|took|taken|write|writes|wrote|written|"
    r"break|breaks|broke|broken|hand|hands|handed|shut|shuts|turn|turns|turned|back|backed)"
)
_PARTICLE = re.compile(rf"{_PARTICLE_VERB}\s+$", re.IGNORECASE)
"""Before "up" or "down": "make up 8.4 percent", "picked up within 10 seconds", "written down"
are a verb, not a move."""
_PARTICLE_MOVE = re.compile(rf"{_PARTICLE_VERB}\s+(?:up|down)\b", re.IGNORECASE)
_LOST = re.compile(r"\b(?:lose|loses|losing|lost)\b", re.IGNORECASE)
"""Time lost is a measure, not a fall: "officers lost 9.6 days each to sickness", "days lost"."""
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+$", re.IGNORECASE)
"""An AFI or a concern "was raised": put forward, not made higher."""
_NEGATED = re.compile(r"\b(?:no|not|without|nor)\s+$", re.IGNORECASE)  # "saw no increase": no move
_MORE = frozenset({"more", "higher", "greater", "up"})
_POINTS_VERSUS = re.compile(r"\s+(above|below|higher|lower)\b", re.IGNORECASE)
"""A difference in points set above or below what it is measured from says which way it moved."""
_THAN_EARLIER = re.compile(
    r"\b(more|fewer|less|higher|lower|greater|up|down)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:than|on|compared\s+(?:with|to))\s+"
    r"(?:when\b|(?:in\s+)?(?:(?:the|a)\s+)?(?:(?:year|month|quarter|period|12\s+months)\s+"
    r"(?:before|earlier|ago)|(?:previous|preceding|prior|last)\s+"
    r"(?:year|month|quarter|period|12\s+months)|same\s+(?:period|months?|quarters?|time)\b))",
    re.IGNORECASE,
)  # a comparison with the period before it says which way the figure moved
_FROM_TO = re.compile(
    r"\bfrom\s+(.{1,40}?)\s+to\s+(?:the\s+)?(?:current\s+)?(.{1,30}?)(?=[,;.)]|$|\s+(?:in|by|for|at)\b)",
    re.IGNORECASE,
)
_MOVE = "|".join(sorted(RISE_WORDS | FALL_WORDS))
_AMOUNT_BEFORE = re.compile(
    rf"\b(?:{_MOVE})\b(?:[^.;,]{{0,30}}?\bby|\s+of)?\s+"
    rf"(?:(?!to\b|from\b|at\b|on\b|against\b)[a-z]+\s+){{0,2}}$",
    re.IGNORECASE,
)  # e.g. "fell by ", "decreased in the last quarter by ", "an increase of ", "up "; not "an
# increase on the 147 issued the year before", which is the level it rose from
_AMOUNT_AFTER = re.compile(
    rf"\s*(?:(?:{_MOVE})\b|(?:higher|lower|more|fewer|less|quicker|faster|slower|longer|"
    rf"shorter)(?:\s+[\w-]+){{0,4}}?\s+than\b)",
    re.IGNORECASE,
)  # e.g. "4.5% increase", "6% more than", "two seconds quicker than", "9% more 999 calls a
# month than"
_COMPARED_BEFORE = re.compile(r"\bcompared\s+(?:to|with)?\s*$", re.IGNORECASE)
_INSERTED = re.compile(r",\s*(?:which|who|as|where)\b[^,.;]*,")  # ", which it met in 2022,"
_TARGET_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:target|threshold|goal|ambition)\b", re.IGNORECASE)
_TARGET_BEFORE = re.compile(
    r"\b(?:target|threshold|goal|ambition|aim|standard)\b(?:\s+\w+){0,4}?\s+(?:of|is|was|to)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)  # e.g. "a target of 90%", "the standard expected of forces is to answer 90%"
_INTENDED_BEFORE = re.compile(
    r"\b(?:(?:aims?|aimed|aiming|(?<!\ba )(?<!\bthe )(?<!\bits )plans?|planned|planning|"
    r"intends?|intended|intending|expects?|expected|hopes?|hoped|hoping|set|on course)\s+"
    r"to|will)\s+(?:[\w-]+\s+){0,5}"
    r"(?<!\bthe )(?<!\ball )(?<!\bits )(?<!\btheir )(?<!\bthese )(?<!\bthose )$",
    re.IGNORECASE,
)  # what is meant or foreseen, not yet done: "aims to create 210", "will recruit a total of
# approximately 500", "is on course to have 4,145", "planned to deploy 60 officers" (a plan
# made before the event, beside what was done); not "a plan to progress the 14 areas"
# nor "will cover all 19 AFIs", a plan for what is already there; not "would", which reports a
# projection ("would face a shortfall of £180 million") as often as it foresees one

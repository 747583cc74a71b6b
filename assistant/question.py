"""What a question asks: its topics (glossary-widened, weighted by rarity), the kind of answer
it wants, the periods it names, and how a follow-up reads with the question before it.

Shared by the answer composer and the figure check, so both read a question the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from assistant.figures import find_figures, find_periods
from assistant.forces import force_mentions
from assistant.glossary import EVERYDAY_WORDS, ONE_WAY, SYNONYMS, is_phrase, read_as
from assistant.lexical import lexical_tokens
from assistant.reading.grades import JUDGING_WORDS, asks_grade, names_grade
from assistant.reading.mentions import word_answers_asked
from assistant.reading.periods import PeriodSpan, split_year, stated_span, stated_spans
from assistant.reading.vocabulary import GENERIC_WORDS, RATE_WORDS, comparator_families
from assistant.types import Chunk, FigureMention
from assistant.word_neighbours import CorpusVocabulary

# Words that ask for a kind of figure rather than name a measure: "what share of staff …".
_PROPORTION = frozenset(lexical_tokens("share proportion percentage percent fraction"))
_FIGURE_KIND = _PROPORTION | frozenset(
    lexical_tokens("rate rates number total count amount figure")
)
_GENERIC = frozenset(lexical_tokens(GENERIC_WORDS))
WEAK_STEMS = frozenset(lexical_tokens(RATE_WORDS))
_WANTS_FIGURE = re.compile(
    r"\b(how many|how much|how long|how quickly|how fast|what (?:was|is|were|are) (?:the )?(?:[\w-]+(?:'s?|’s) )?"
    r"(?:\w+ ){0,4}(?:rate|percentage|proportion|number|figure|level|time|times|spend|count|total|"
    r"budget|cost)|"
    r"what percentage|what proportion|what share|what fraction|how often|how far|rate|percent|%|number of|"
    r"average|median|on average)\b",
    re.IGNORECASE,
)
_SHARE_WITHIN = re.compile(
    r"\bwithin (?:the )?(?:\d+|[a-z]+) (?:seconds?|minutes?|hours?|days?)\b", re.IGNORECASE
)  # "how did they compare on answering calls within 10 seconds": the share done in time
_AMOUNT_NUMBER = re.compile(r"(?<![\d.,])(\d+)(?:\.\d+)?\s*(?:%|per ?cent\b|percent\b)|£(\d+)")
"""A number the question gives as a share or a sum ("the 90% target", "over £2m"), not a name."""
_WANTS_DATE = re.compile(
    r"^\s*when\s+(?:was|were|did|is|are|will|does|do|has|have|had)\b(?![^?]*,\s*(?:what|how|which|who)\b)"
    r"|\b(?:what|which) (?:date|day|month|year)\b",
    re.IGNORECASE,
)  # "when was it published", "on what date": not "when a case was closed, how often …"
_ASKS_TARGET = re.compile(
    r"\b(?:targets?|standards?|thresholds?|goals?|aims?|aiming|ambitions?|expect\w*|supposed to|"
    r"meant to|plans?|planned|planning|intend\w*|forecasts?|anticipated|projected|will|"
    r"going to|on course|set to)\b",
    re.IGNORECASE,
)  # a target, a plan or a forecast: what reading.figures reads as role "target"
_WANTS_PERCENT = re.compile(
    r"\b(?:proportion|proportions|percentage|percentages|percent|per cent|fraction)\b|%|"
    r"(?:\b(?:what|which|the|a|its|their|that|this|same|larger|smaller|higher|lower|bigger|"
    r"greater|overall|total)\s+(?:[\w-]+\s+){0,2}|['’]s\s+(?:[\w-]+\s+){0,2})shares?\b|"
    r"\bshares?\s+of\b",
    re.IGNORECASE,
)  # "share" the noun ("what share", "the force's answering share", "share of"), not the verb:
# "the centre the force shares with its neighbour", "sharing back-office services" ask no share
_WANTS_COUNT = re.compile(
    r"\b(?:as an? (?:number|head ?count|count)|(?:the )?actual number|head ?count|"
    r"in (?:raw |actual )?numbers|rather than (?:as )?an? (?:percentage|share|proportion|rate))\b",
    re.IGNORECASE,
)  # the question says it wants a number of things, not the share a document may give instead
_WANTS_TIME_STATED = re.compile(
    r"\b(?:how many (?:seconds|minutes|hours)|on average|"
    r"(?:average|mean|median) (?:[\w-]+ ){0,2}(?:times?|waits?)|speed of answer)\b",
    re.IGNORECASE,
)  # a time itself, not a share within a time ("84.5% of calls within 10 seconds")
_WANTS_DURATION = re.compile(
    r"\b(how long|how quickly|how fast|how many (?:seconds|minutes|hours)|time taken|"
    r"(?:average|median|mean)\s+(?:[\w-]+\s+){0,2}waits?|duration)\b",
    re.IGNORECASE,
)  # only a duration ("25 minutes 13 seconds", "one day") answers these
_NAMES_TIMES = re.compile(
    r"\b(response times?|waiting times?|wait times?|answer(?:ing)? times?|"
    r"times? (?:taken )?to (?:answer|attend|allocate|respond)|speed of answer)\b",
    re.IGNORECASE,
)  # a time as the topic: asked for when nothing else is ("what were the response times?"), not
# in "how many officers were sent to fix 101 waiting times" or "what share met the response time"
_COUNTS_THINGS = re.compile(
    r"\bhow many (?!seconds|minutes|hours|days|weeks|months|years)[a-z]", re.IGNORECASE
)
_WANTS_MONEY = re.compile(
    r"\b(how much money|spend|spent|spending|cost|costs|budget|saved|savings|funding|£)",
    re.IGNORECASE,
)
_BREAKDOWN = re.compile(
    r"\b(?:broken down|split|breakdown|break down|divided)\s+by\s+([a-z]+(?:\s+[a-z]+)?)|"
    r"\bby (ethnic\w*|ethnicity|gender|sex|age|district|division|ward|race)\b",
    re.IGNORECASE,
)
_SUBGROUP = tuple(
    re.compile(p)
    for p in (
        r"\b(?:(?i:how many|which|what (?:share|proportion|percentage|number))\s+of\s+[^?]*?|"
        r"^(?i:of)\s[^?]*?,\s*(?i:how many|what (?:share|proportion|percentage|number)))\s+"
        r"(?:were|was|are|is)\s+(?:an? |the |in |from |at )?((?:[a-z-]+\s+){0,2}[a-z-]+|"
        r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s*\?\s*$",
        r"\b(?i:in|for|within) each\s+(?!of\b)([a-z]+)\b",
        r"\b(?:at|on|over) (weekends?|night|the weekend)\b",
        r"\bfor ([a-z]+(?: [a-z]+)?) specifically\b",
        r"\b([a-z]+(?: [a-z]+)?),? as opposed to\b",
    )
)  # a part of what is counted: "how many of them were burglars?", "in each division"; lower
# case only, so that "each New Horizon meeting" names no part; a place is a part too ("how many
# of the 13 conferences are in Medway?")
_NOT_A_PART = re.compile(
    r"\b(?:\w+ed|\w+[ai]ble|broken|taken|given|written|seen|done|shown|now|still)\b"
)
"""A state of what is counted ("were closed", "are now broken", "is manageable"), not a part."""


def _parts_counted(question: str, wants_figure: bool) -> list[str]:
    """What a figure asked is to be split by or restricted to; a question asking no figure
    ("what help do the teams in each division offer?") splits nothing."""
    if not wants_figure:
        return []
    return [
        g
        for pattern in _SUBGROUP
        for m in pattern.finditer(question)
        for g in m.groups()
        if g and not _NOT_A_PART.search(g) and not force_mentions(g)
    ]


YEAR_MENTION = re.compile(r"\b((?:19|20)\d{2})(?:\s*[/-]\s*(\d{2,4}))?\b")
_GRADE_STEMS = frozenset(lexical_tokens(JUDGING_WORDS))


@dataclass(frozen=True, slots=True)
class Concept:
    """One idea of the question, satisfied by any of its stems; `required` ones must be matched."""

    word: str
    stems: frozenset[str]
    weight: float
    required: bool
    phrases: tuple[frozenset[str], ...] = ()
    """Multi-word variants ("domestic abuse" for "DA"), matched only when all their stems are."""
    known: bool = True
    """False when no document uses the word or its variants: no passage can match it."""

    def matches(self, stems: frozenset[str] | set[str]) -> bool:
        return bool(self.stems & stems) or any(phrase <= stems for phrase in self.phrases)


def question_concepts(question: str, idf: Mapping[str, float]) -> list[Concept]:
    """The question's content words, each widened by the glossary, weighted by rarity."""
    concepts: list[Concept] = []
    rarest = max(idf.values(), default=1.0)
    lowered = question.lower().replace("’", "'")
    for period in find_periods(
        question
    ):  # "in the 12 months to September 2018" is a period, not a topic
        lowered = (
            lowered[: period.start] + " " * (period.end - period.start) + lowered[period.end :]
        )
    for named in force_mentions(question):  # "Essex's", "the Met": whose figure, not which figure
        if named.force.kind != "national":
            lowered = (
                lowered[: named.start] + " " * (named.end - named.start) + lowered[named.end :]
            )
    lowered = _take_phrases(lowered, idf, concepts)
    amounts = frozenset(m.group(1) or m.group(2) for m in _AMOUNT_NUMBER.finditer(lowered))
    for word in re.findall(r"\d{1,3}(?:,\d{3})+|[a-z0-9/'-]+", lowered):  # "1,000" stays one word
        word = word.strip("'-").removesuffix("'s")
        stems = set(lexical_tokens(word))
        if not stems or stems <= _GENERIC | _FIGURE_KIND or YEAR_MENTION.fullmatch(word):
            continue
        variants = _variants(word)
        all_stems = (
            frozenset(s for v in variants if not is_phrase(v) for s in lexical_tokens(v)) - _GENERIC
        )
        if not all_stems:
            continue
        phrases = tuple(
            dict.fromkeys(
                frozenset(lexical_tokens(v)) for v in variants if is_phrase(v) and lexical_tokens(v)
            )
        )
        # Weighed by the user's own word; a synonym may match but lends it no rarity.
        own = [idf[s] for s in stems if s in idf]
        known = own or [idf[s] for s in all_stems.union(*phrases) if s in idf]
        if not known and isinstance(idf, CorpusVocabulary):
            # no document uses the word or a variant: the documents' words nearest in meaning
            near = frozenset(s for n in idf.neighbours(word) for s in lexical_tokens(n))
            all_stems |= near - _GENERIC
            known = [idf[s] for s in all_stems if s in idf]
        # Square root damps rarity, so one unmatched uncommon word does not outweigh the rest.
        weight = math.sqrt(max(known) if known else rarest)  # a word no document uses cannot match
        if stems <= WEAK_STEMS:
            weight *= 0.3
        required = word.isdigit() and word not in amounts  # "101", "999": the service asked
        # about must be named; "the 90% target" gives a figure, which need not be
        if any(c.stems == all_stems and c.phrases == phrases for c in concepts):
            continue
        concepts.append(Concept(word, all_stems, weight, required, phrases, bool(known)))
    return concepts


def _variants(word: str) -> list[str]:
    """The word and what stands for it in the glossary, the word first. An everyday word's
    reading ("cops": police officers) is met word by word, since its head alone says it; an
    acronym's long form or a synonym of several words only as a whole (`is_phrase`): "PCSO" is
    not met by "officers", nor "survey" by "staff"."""
    variants = [word]
    if word in EVERYDAY_WORDS:
        variants.extend(w for w in EVERYDAY_WORDS[word].split() if w not in variants)
    elif word in ONE_WAY:
        variants.extend(read_as(word))
    for group in SYNONYMS:
        if word in group:
            variants.extend(t for t in group if t not in variants)
    return variants


def _glossary_phrases() -> list[tuple[str, set[str]]]:
    """Every multi-word glossary term with the terms that stand for it."""
    phrases: list[tuple[str, set[str]]] = []
    for acronym in ONE_WAY:
        readings = read_as(acronym)
        phrases.extend((r, {acronym, *readings}) for r in readings if is_phrase(r))
    for group in SYNONYMS:
        for term in group:
            if " " in term or "-" in term:
                phrases.append((term, set(group)))
    return sorted(phrases, key=lambda p: -len(p[0]))


_PHRASES = _glossary_phrases()


def _take_phrases(lowered: str, idf: Mapping[str, float], concepts: list[Concept]) -> str:
    """Turn glossary phrases in the question into one concept each and blank them out.

    e.g. "full-time equivalent" becomes one concept met by "FTE" or by both words.
    """
    for phrase, variants in _PHRASES:
        found = re.search(rf"\b{re.escape(phrase)}\b", lowered)
        if not found:
            continue
        single = frozenset(
            s for v in variants if " " not in v and "-" not in v for s in lexical_tokens(v)
        )
        multi = tuple(
            frozenset(lexical_tokens(v))
            for v in variants
            if " " in v or "-" in v
            if lexical_tokens(v)
        )
        own = [idf[t] for t in lexical_tokens(phrase) if t in idf]
        weight = math.sqrt(max(own)) if own else 1.0
        concepts.append(Concept(phrase, single - _GENERIC, weight, False, multi, bool(own)))
        lowered = lowered[: found.start()] + " " * len(phrase) + lowered[found.end() :]
    return lowered


_FOLLOW_UP = re.compile(
    r"^\s*(and|what about|how about|and what about|same for|what of)\b", re.IGNORECASE
)
_POINTING_BACK = re.compile(
    r"\b(?-i:(?!IT\b))(that|this|it|those|these|then|same)\b(?!\s+(?:of|for|in|on|which|who)\b)",
    re.IGNORECASE,
)  # "how does that compare?", "was it higher then?"; "IT monitoring" is information technology


def contextualise(question: str, previous: str | None, idf: Mapping[str, float]) -> str:
    """A follow-up read with the question before it: "And in 2022?" after "What was Essex's
    101 abandonment rate?" asks about the 101 rate in 2022.

    Only a question that opens as a follow-up ("And …", "What about …"), or names no topic
    of its own, or names one at most while pointing back ("was that higher?"), is rewritten;
    any other question stands alone.
    """
    if not previous:
        return question
    topics = [c for c in question_concepts(question, idf) if not (c.stems <= WEAK_STEMS)]
    opens_as_follow_up = bool(_FOLLOW_UP.match(question))
    points_back = len(topics) <= 1 and bool(_POINTING_BACK.search(question))
    if opens_as_follow_up or not topics or points_back:
        return f"{previous.rstrip(' ?.')} — {question}"
    return question


def idf_table(chunks: tuple[Chunk, ...]) -> dict[str, float]:
    """Inverse document frequency of every lexical token over the chunks."""
    frequency: dict[str, int] = {}
    for chunk in chunks:
        for token in set(lexical_tokens(chunk.indexed_text)):
            frequency[token] = frequency.get(token, 0) + 1
    total = max(len(chunks), 1)
    return {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}


def _counted_stems(question: str, concepts: list[Concept]) -> frozenset[str]:
    """For "how many N …", the stems (with glossary variants) of the thing counted."""
    m = re.search(
        r"\bhow many\s+(?:of the\s+)?([a-z0-9' -]+?)(?:\s+(?:did|does|do|were|was|are|is|had|has|have|"
        r"in|on|for|per|by|at)\b|[?,]|$)",
        question.lower(),
    )
    if not m:
        return frozenset()
    words = set(lexical_tokens(m.group(1)))
    stems = {s for c in concepts if c.stems & words for s in c.stems} | words
    return frozenset(stems - _GENERIC)


def years_of(text: str) -> set[int]:
    """Years a period covers: "2023-25" -> {2023, 2024, 2025}, "2018/19" -> {2018, 2019}; a
    period written without a four-digit year, as typed in a hurry, by the months it spans:
    "oct 22" -> {2022}, "22/23" -> {2022, 2023}."""
    years: set[int] = set()
    for first, second in YEAR_MENTION.findall(text):
        start = int(first)
        if second:
            _, end = split_year(first, second)
            years.update(range(start, end + 1))
        else:
            years.add(start)
    for period in find_periods(text):
        if period.relative or YEAR_MENTION.search(period.text):
            continue
        if (span := stated_span(period)) is not None:
            # "since feb 24" names 2024, as "since 2010" names 2010, not every year after
            years.update(_span_years((span,)) or {span.first // 12})
    return years


@dataclass(frozen=True, slots=True)
class Intent:
    """What a question asks for, worked out once and applied to every candidate statement."""

    concepts: tuple[Concept, ...]
    """Every topic of the question."""
    measure: tuple[Concept, ...]
    """The topics a statement is scored on: a grade asked for is not a topic to match."""
    asked_years: frozenset[int]
    counted: frozenset[str]
    wants_figure: bool
    wants_grade: bool
    wants_percent: bool
    wants_duration: bool
    wants_money: bool = False
    wants_time_stated: bool = False
    """ "How many seconds …", "on average": a time stated answers, not the time a share is
    counted within."""
    wants_count: bool = False
    """ "As a number", "the actual number": only a count answers, not a share of one."""
    breakdown: frozenset[str] = frozenset()
    """For "broken down by ethnic group", the stems of what the figure is split by."""
    asked_periods: tuple[PeriodSpan, ...] = ()
    """The periods named, as months: "March 2022" is one month, "2019/20" April to March."""
    grade_named: bool = False
    """A grade asked in so many words ("how was it graded"); without it, a grade question asks
    the inspectors' view, which a sentence of judgement answers too."""
    given: frozenset[tuple[str, float]] = frozenset()
    """The figures the question itself states, as (kind, value): "of the 93 offenders" is what
    is counted from, never the figure asked (see `given_figures`)."""
    source_years: frozenset[int] = frozenset()
    """Years that name the document asked about, not the figure's period: "the 2019 report",
    "at the October 2022 board". A statement there may give any period; the statement, its
    headings or its document's date must name the year (see `source_periods`, `period_fit`)."""
    word_answers: frozenset[str] = frozenset()
    """Answers in words that stand for the figure asked (reading.mentions.word_answers_asked):
    "weekly" for "how often", "hundreds" for "how many", "since 2010" for "how long has"."""
    wants_value: bool = False
    """A search-box query naming a period asks a figure or a grade, whichever is stated
    (`asks_value`)."""
    asks_finding: bool = False
    """It asks, with no figure, what someone found, said or wants ("what did the inspectors
    think was missing nationally"): a yardstick it names is a scope, not a comparison."""
    asks_target: bool = False
    """The question asks for a target or standard ("what is the target for …"): a figure read
    as one answers it, where otherwise only what was achieved does."""
    wants_date: bool = False
    """ "When was …", "on what date": a statement giving a date or year answers, one giving
    none seldom does ("springtime" and "early next year" still may)."""
    telegraphic: bool = False
    """Typed as into a search box, with no question word ("religious hate crime in south
    yorkshire"): it asks for what the documents count or grade on a topic, so a statement that
    no such figure is kept does not answer it (candidates._withheld)."""
    comparators: frozenset[str] = frozenset()
    """The yardsticks it names ("most similar forces", "national"; reading.vocabulary): a
    statement setting the figure against another yardstick only is a near miss."""

    @property
    def total_weight(self) -> float:
        return sum(c.weight for c in self.measure) or 1.0

    def gives(self, figure: FigureMention) -> bool:
        """Whether the question itself states this figure (see `given`)."""
        return (_figure_kind(figure), figure.value) in self.given


def asks_figure(question: str) -> bool:
    """ "How many …", "what was the rate …", "what percentage …", how something done
    "within 10 seconds" compared, and a sum named in a search-box query ("essex interpreter
    spend 23/24", "dorset kennel costs vs budget"): a figure is the answer."""
    return bool(
        _WANTS_FIGURE.search(question)
        or _SHARE_WITHIN.search(question)
        or (is_telegraphic(question) and _NAMES_SUM.search(question))
    )


_NAMES_SUM = re.compile(
    r"\b(?:spend|spent|spending|overspend|costs?|budgets?|savings|funding|"
    r"figures|numbers|statistics|stats)\b",
    re.IGNORECASE,
)
"""Nouns of money spent or saved, and of figures themselves: typed without a question word
("dorset kennel costs", "west mercia traffic figures for the festival"), they ask how much or
how many, so a passage giving no figure is no answer."""


_NAMES_DATES = re.compile(r"\b(?:dates?|deadlines?)\b", re.IGNORECASE)
"""Words asking a date; "when" needs no place here, as it is a question word already."""
_FINDING = re.compile(
    r"\b(?:say|said|says|find|found|finds|think|thought|thinks|want|wants|wanted|"
    r"recommend\w*|expect\w*|call(?:s|ed)? for|urge[sd]?|conclude[sd]?)\b",
    re.IGNORECASE,
)  # what someone found or asks for


def asks_value(question: str) -> bool:
    """A search-box query naming a period or things counted ("dv protection notices issued in
    2018", "north wales efficiency 2017", "parking fines at the festival"): a figure or a grade
    is the answer, whichever the documents state, and a passage stating neither is none. Of the
    gold sets' search-box queries naming things, 97% are answered by a figure; not one that
    states a figure itself ("the 210 in the panel paper" asks what it counts) or asks for words
    (`_ASKS_WORDS`). A topic alone ("stalking action plan") may want a passage."""
    if not is_telegraphic(question):
        return False
    return bool(stated_spans(question)) or (
        bool(_PLURAL.search(question))
        and not (_ASKS_WORDS.search(question) or find_figures(question))
    )


_PLURAL = re.compile(r"\b[a-z]{3,}(?<!ss|us|is)s\b", re.IGNORECASE)
"""A word that looks plural ("fines", "arrests", "admissions"): things a query may count."""


_ASKS_WORDS = re.compile(
    r"\b(?:jobs?|roles?|titles?|views?|straplines?|slogans?|lines|wording|status|asks?|themes?|"
    r"types?|kinds?|languages?|names?|worst|best|main|commonest|most(?!\s+similar)|least|why|"
    r"reasons?|purpose|meaning|definition|stands?\s+for)\b",
    re.IGNORECASE,
)
"""Words a query asks for words with: a job, a view, a status, the worst or main one."""


_ASKING_WORD = re.compile(
    r"\b(?:what|whats|which|who|whom|whose|when|where|why|how|is|are|was|were|did|do|does|has|"
    r"have|had|can|could|would|should|will)\b|\?|"
    r"^\s*(?:please\s+)?(?:tell|list|describe|explain|give|show|summari[sz]e)\b",
    re.IGNORECASE,
)
"""A question word, a question mark, or a verb of asking that opens the request ("list the
grades"): inside a query "show" and "list" are nouns ("figures at the lincolnshire show")."""


def is_telegraphic(question: str) -> bool:
    """A query typed as into a search box: no question word, verb of asking or question mark."""
    return not _ASKING_WORD.search(question)


def _share_within(question: str) -> bool:
    """A share of things done within a time, asked without "what percentage": "how did they
    compare on answering calls within 10 seconds"."""
    return bool(_SHARE_WITHIN.search(question)) and not _WANTS_FIGURE.search(question)


def read_question(question: str, idf: Mapping[str, float]) -> Intent:
    concepts = question_concepts(question, idf)
    wants_figure = asks_figure(question)
    wants_grade = asks_grade(question, wants_figure)
    # The grade is asked for, not named: a grade word in the passage satisfies it.
    measure = [c for c in concepts if not (wants_grade and c.stems & _GRADE_STEMS)]
    wants_count = bool(_WANTS_COUNT.search(question))
    wants_percent = bool(_WANTS_PERCENT.search(question) or _share_within(question))
    wants_duration = bool(_WANTS_DURATION.search(question)) or (
        bool(_NAMES_TIMES.search(question))
        and not (wants_percent or wants_count or _COUNTS_THINGS.search(question))
    )
    measured = source_periods(question)[0]
    return Intent(
        concepts=tuple(concepts),
        measure=tuple(measure),
        asked_years=frozenset(years_of(measured)) | _span_years(asked_periods(measured)),
        counted=_counted_stems(question, measure),
        wants_figure=wants_figure,
        wants_grade=wants_grade,
        wants_percent=wants_percent and not wants_count,
        wants_duration=wants_duration,
        wants_money=bool(_WANTS_MONEY.search(question)) and wants_figure,
        wants_count=wants_count,
        wants_time_stated=wants_duration and bool(_WANTS_TIME_STATED.search(question)),
        breakdown=frozenset(
            s
            for g in [
                *(g for m in _BREAKDOWN.finditer(question) for g in m.groups() if g),
                *_parts_counted(question, wants_figure),
            ]
            for s in lexical_tokens(g)
        )
        - _GENERIC,
        asked_periods=asked_periods(measured),
        grade_named=wants_grade and names_grade(question),
        given=given_figures(question) if wants_figure else frozenset(),
        source_years=documents_dated(question),
        word_answers=word_answers_asked(question),
        wants_value=not (wants_figure or wants_grade or _NAMES_DATES.search(question))
        and asks_value(question),
        asks_finding=not wants_figure and bool(_FINDING.search(question)),
        asks_target=bool(_ASKS_TARGET.search(question)),
        comparators=comparator_families(question),
        wants_date=bool(_WANTS_DATE.search(question)),
        telegraphic=is_telegraphic(question),
    )


def given_figures(question: str) -> frozenset[tuple[str, float]]:
    """The figures a question states, by kind and value: "how many of the 93 offenders breached
    their orders?" is answered by a count that is not 93, and "93" in a passage answers nothing
    the asker did not know."""
    return frozenset(
        (_figure_kind(f), f.value) for f in find_figures(question) if f.value is not None
    )


def _figure_kind(figure: FigureMention) -> str:
    """The kind two figures must share to be the same figure: "four" and "4" are both counts."""
    return "count" if figure.kind == "word" else figure.kind


def asked_periods(question: str) -> tuple[PeriodSpan, ...]:
    return stated_spans(question)


SPAN_YEARS_MAX = 3
"""The longest period, in years, whose every year a question is taken to ask about: "spring 23",
"22/23" and "dec 23" name their years only in two digits; "since 2010" names no year's figure."""


def _span_years(spans: tuple[PeriodSpan, ...]) -> frozenset[int]:
    """The years of the periods a question asks about, however they are written."""
    return frozenset(
        year
        for span in spans
        if span.last - span.first < 12 * SPAN_YEARS_MAX
        for year in range(span.first // 12, span.last // 12 + 1)
    )


_SOURCE_NOUN = re.compile(
    r"\s+(?:(?!(?:to|of|in|on|at|for|by|from|according|and|or)\b)[\w&’'-]+,?\s+){0,4}?"
    r"(?:report|reports|board|meeting|minutes|paper|update|letter|plan|summary|release|"
    r"document|article|publication)\b",
    re.IGNORECASE,
)  # "the 2019 report", "the November 2024 Inspections, Audits & Reviews paper"


def documents_dated(text: str) -> frozenset[int]:
    """The years a text dates documents by: {2021, 2022} for "the PEEL 2021/22 report"."""
    return frozenset(y for period in source_periods(text)[1] for y in years_of(period))


_SOURCE_BEFORE = re.compile(
    r"\b(?:board|panel|meeting|committee|report|minutes|paper|update|letter)\s+"
    r"(?:held\s+|published\s+)?(?:in|of|on|dated|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)  # "reported to the board in October 2022": the meeting's month, not the figures'


def source_periods(question: str) -> tuple[str, tuple[str, ...]]:
    """The question with the periods that name a document blanked out, and those periods:
    in "what did the 2019 report say about 101 waits?" 2019 dates the report, and the report
    may give the waits for 2017; "what was the 101 wait in 2019?" asks the 2019 figure."""
    measured, sources = question, []
    for period in find_periods(question):
        dates_source = _SOURCE_NOUN.match(question, period.end) or _SOURCE_BEFORE.search(
            question, 0, period.start
        )
        if period.relative or not dates_source:
            continue
        sources.append(period.text)
        blank = " " * (period.end - period.start)
        measured = measured[: period.start] + blank + measured[period.end :]
    return measured, tuple(sources)


_PART_BREAK = re.compile(
    r"\?\s+(?=\S)|;\s*|,?\s+and\s+(?=(?:what|how|which|when|who|whom|is|was|were|did|does|has|have)\b)",
    re.IGNORECASE,
)  # e.g. "How many staff answered, and what share of the workforce is that?"


_TOPIC = re.compile(r"^(?P<topic>[^:?]{3,60}?)\s*:\s+(?=\S)")
"""A telegraphic question's topic before a colon: "vetting: the 2019 backlog and the 2024
position" asks two things about vetting."""
_TOPIC_BREAK = re.compile(r",\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)
# "march 23 vs dec 23" is one measure at two periods: `period_parts`' work, not a topic's
TOPIC_PART_WORDS = 2
"""Fewest words a piece after a topic's colon needs to be asked on its own: "stop and search",
"Devon and Cornwall" and "answered and abandoned" stay one thing."""


def topic_pieces(text: str) -> list[str]:
    """The things a "topic: this and that" question asks, each with its topic; the question
    alone when it has no topic or one thing follows it."""
    m = _TOPIC.match(text)
    if not m:
        return [text]
    pieces: list[str] = []
    for piece in _TOPIC_BREAK.split(text[m.end() :]):
        piece = piece.strip(" ,?")
        if not piece:
            continue
        if pieces and (
            len(piece.split()) < TOPIC_PART_WORDS or len(pieces[-1].split()) < TOPIC_PART_WORDS
        ):
            pieces[-1] = f"{pieces[-1]} and {piece}"
        else:
            pieces.append(piece)
    if len(pieces) < 2:
        return [text]
    return [f"{m.group('topic')}: {piece}" for piece in pieces]


@dataclass(frozen=True, slots=True, eq=False)
class QuestionPart:
    """One of the things a question asks, with what it wants."""

    text: str
    intent: Intent
    period: str | None = None
    """The one period this part asks, when the question asks the same thing for several
    (`period_parts`): a statement giving several periods' figures answers each of them."""


@dataclass(frozen=True, slots=True, eq=False)
class Question:
    """A question read once at the top of `Engine.ask` and passed down to every stage."""

    asked: str
    """As the user typed it."""
    text: str
    """As read: a follow-up joined to the question before it, else the same as `asked`."""
    intent: Intent
    parts: tuple[QuestionPart, ...]
    tokens: tuple[str, ...]
    vector: np.ndarray
    """The embedded (glossary-expanded) question."""

    @property
    def rewritten(self) -> bool:
        return self.text != self.asked


def question_parts(text: str, intent: Intent, idf: Mapping[str, float]) -> tuple[QuestionPart, ...]:
    """The separate things asked; a fragment with no topic of its own, or one that points back
    without asking for a figure ("and was that better?"), stays with the one before.

    A part that names no period inherits the question's ("… in 2018/19, and how many were good?").
    """
    topical = topic_pieces(text)
    pieces = [
        (p.strip(" ,?"), len(topical) > 1 and i == 0)
        for piece in topical
        for i, p in enumerate(_PART_BREAK.split(piece))
        if p and p.strip(" ,?")
    ]
    merged: list[str] = []
    for piece, restates_topic in pieces:
        topics = [c for c in question_concepts(piece, idf) if not (c.stems <= WEAK_STEMS)]
        # "op engage: who ran it in 21/22" — after a topic's colon, "it" is the topic
        leans_back = (
            not restates_topic and _POINTING_BACK.search(piece) and not _WANTS_FIGURE.search(piece)
        )
        if merged and (not topics or leans_back):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    if len(merged) <= 1:
        return period_parts(text, intent) or (QuestionPart(text, intent),)
    parts = []
    for piece in merged:
        own = read_question(piece, idf)
        if not own.asked_years and not own.source_years:
            own = replace(
                own,
                asked_years=intent.asked_years,
                asked_periods=intent.asked_periods,
                source_years=intent.source_years,
            )
        parts.append(QuestionPart(piece, own))
    return tuple(parts)


def period_parts(text: str, intent: Intent) -> tuple[QuestionPart, ...]:
    """A question naming two or more periods asks each one's figure ("in the 2019 report and in
    October 2022", "in 2018/19, 2021/22 and 2023-25"): one part per period, asking only its
    years, so that each period is covered by a statement of its own before any period gets a
    second. Empty when the question names fewer than two periods of different years."""
    measured, sources = source_periods(text)
    named: list[tuple[str, frozenset[int], bool]] = [
        (p.text, frozenset(years_of(p.text)), False)
        for p in find_periods(measured)
        if not p.relative
    ] + [(period, frozenset(years_of(period)), True) for period in sources]
    seen: set[frozenset[int]] = set()
    periods = []
    for label, years, source in sorted(named, key=lambda n: text.find(n[0])):
        if years and years not in seen:
            seen.add(years)
            periods.append((label, years, source))
    if len(periods) < 2:
        return ()
    return tuple(
        QuestionPart(
            f"{text.rstrip(' ?')} ({label})",
            replace(
                intent,
                asked_years=frozenset() if source else years,
                asked_periods=() if source else stated_spans(label),
                source_years=years if source else frozenset(),
            ),
            label,
        )
        for label, years, source in periods
    )


def understand_question(
    asked: str,
    previous: str | None,
    idf: Mapping[str, float],
    embed: Callable[[str], np.ndarray],
) -> Question:
    """Everything later stages need of a question, worked out once."""
    text = contextualise(asked, previous, idf)
    intent = read_question(text, idf)
    return Question(
        asked=asked,
        text=text,
        intent=intent,
        parts=question_parts(text, intent, idf),
        tokens=tuple(lexical_tokens(text)),
        vector=embed(text),
    )

"""Figure mentions: the numbers a reader could quote, each with its span, value and unit.

A figure is "33.4%", "18 percent", "-2%", "2,093", "£4.9m", "25 minutes 13 seconds",
"22 from 24", "one in four", "eleven". Years, dates, paragraph numbers, labels
("AFI 9", "outcome 21", "Section 136") and the service names "101" and "999" are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.reading.periods import find_periods
from assistant.reading.vocabulary import (
    COMPOUND_NUMBER_PATTERN,
    CONNECTORS,
    MONTH_PATTERN,
    NUMBER_WORD_PATTERN,
    NUMBER_WORDS,
    UNIT_STOP,
    WEEKDAY_PATTERN,
    YEAR_PATTERN,
    word_value,
)
from assistant.types import FigureMention

_MONTH = MONTH_PATTERN
_WEEKDAY = WEEKDAY_PATTERN
_YEAR = YEAR_PATTERN

_WORD_NUMBER = rf"\b({NUMBER_WORD_PATTERN})\b"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # e.g. "2,093", "33.4", "37278"
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:outcome|outcomes|afi|afis|section|sections|slide|slides|paragraph|paragraphs|para|"
    r"item|page|pages|op|operation|appendix|annex|tier|act|phase|cohort|pillar|level|question|"
    r"stage|group|chapter|part|regulation|article|rule|step|no)|(?<!['’])\bs|\bq|#)"
    r"(?:\s*\d+\s*(?:and|&|,|-|–|to))?\s*$",
    re.IGNORECASE,
)  # e.g. "AFI 9", "outcome 21", "Section 136", "Slide 22 and 23"
_NOT_ONE = re.compile(
    rf"\s+(?:of|another|or|hand|way|thing|that|in(?!\s+{_MONTH}\b)|is|was|which|who)\b",
    re.IGNORECASE,
)  # "one in four" is a ratio, "one of them" no count; "one in August" counts
_COUNTED = re.compile(
    r"(?=\s)[ \t]*\n?[ \t]*([A-Za-z][A-Za-z'’-]*)"
)  # its noun, not past a blank line
SERVICE_NUMBERS = ("101", "999")
"""Numbers that name a service (the non-emergency and emergency lines), not a quantity."""
_SERVICE_VALUES = {float(n) for n in SERVICE_NUMBERS}
_MINUS_BEFORE = re.compile(r"[\s(:][-−–]$")  # "-2%" in a table, not "2018-2%"
_TERM = rf"{_NUM}|\b{NUMBER_WORD_PATTERN}"


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    mention: FigureMention | None


def parse_number(token: str) -> float | None:
    token = token.strip().lower().replace(",", "")
    if (words := word_value(token)) is not None:
        return float(words)
    try:
        return float(token)
    except ValueError:
        return None


def find_figures(text: str) -> list[FigureMention]:
    """Every figure in the text, in order; dates, years, labels and service numbers excluded."""
    return list(_figures_read(text))


@lru_cache(maxsize=32768)
def _figures_read(text: str) -> tuple[FigureMention, ...]:
    """`find_figures`, read once per text, as the same sentences are read for every question."""
    blocked = [(p.start, p.end) for p in find_periods(text) if not p.relative]
    blocked.extend((m.start(), m.end()) for m in _DATE.finditer(text))
    blocked.extend((m.start(), m.end()) for m in _PARAGRAPH_MARKER.finditer(text))
    found: list[FigureMention] = []
    for pattern, build in _FIGURE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in blocked):
                continue
            mention = build(m, text)
            if mention is not None:
                found.append(mention)
            blocked.append((m.start(), m.end()))
    return tuple(sorted(found, key=lambda f: f.start))


_SERVICE_NAME = re.compile(rf"(?<![\w.,£])({'|'.join(SERVICE_NUMBERS)})(?![\w%]|[.,]\d)")


def services_named(text: str) -> frozenset[str]:
    """The numbered services a text names ("101", "999"): names, not figures."""
    return frozenset(m.group(1) for m in _SERVICE_NAME.finditer(text))


def same_figure(a: FigureMention, b: FigureMention) -> bool:
    """Whether two mentions state the same quantity: "96.6 percent" = "96.6%", "2,093" = "2093"."""
    if a.value is None or b.value is None:
        return a.text.lower() == b.text.lower()
    if unit_family(a) != unit_family(b):
        return False
    return (
        bool(_values(a) & _values(b))
        if "ratio" in (a.kind, b.kind)
        else abs(a.value - b.value) < 1e-9
    )


def _values(f: FigureMention) -> set[float]:
    """The numbers a mention states: both terms of a ratio ("25 of the 29" states 25 and 29)."""
    values = {f.value} if f.value is not None else set()
    if f.kind == "ratio" and f.unit:
        second = parse_number(f.unit.removeprefix("of ").strip())
        if second is not None:
            values.add(second)
    return values


def same_quantity(a: FigureMention, b: FigureMention) -> bool:
    """Whether two mentions state the same number of the same kind, both terms of a part alike.

    Stricter than `same_figure`: "15 of the 19" is not "14 of the 19", "-2%" is not "2%";
    a bare "14" still states the first term of "14 of the 19". `a` is the claimed mention: a
    share in words ("a third") states a share in digits near it, not the reverse.
    """
    if a.value is None or b.value is None:
        return a.text.lower() == b.text.lower()
    if unit_family(a) != unit_family(b):
        return False
    if in_words_share(a) != in_words_share(b):  # "about a third" claimed of 33.9%: a rounding;
        # 33.9% claimed of "over a third" is more than the source says
        return in_words_share(a) and abs(a.value - b.value) <= SHARE_IN_WORDS_TOLERANCE
    if abs(a.value - b.value) > 1e-9:
        return False
    wholes = [part_whole(f) for f in (a, b)]
    return None in wholes or wholes[0] == wholes[1]


SHARE_IN_WORDS_TOLERANCE = 2.5
"""Percentage points within which a share in words ("a third", "three-quarters") names a share
in digits: a third is 33.3%, and a draft calling 33.9% "about a third" quotes it fairly."""
_SHARE_IN_DIGITS = re.compile(r"\d|per\s?cent|%", re.IGNORECASE)


def in_words_share(f: FigureMention) -> bool:
    """ "A third", "three-quarters": a share stated as a fraction in words."""
    return f.kind == "percent" and not _SHARE_IN_DIGITS.search(f.text)


def states_quantity(claimed: FigureMention, source: FigureMention) -> bool:
    """Whether a source mention states the claimed one: as `same_quantity`, or a bare number
    naming the whole of a part ("five AFIs" in "four of the remaining five")."""
    if same_quantity(claimed, source):
        return True
    whole = part_whole(source)
    return (
        claimed.kind != "ratio"
        and whole is not None
        and claimed.value == whole
        and unit_family(claimed) == "number"
    )


def part_whole(f: FigureMention) -> float | None:
    """The whole a part is of: 19 for "14 of the 19", 4 for "one in four"; None for other figures."""
    if f.kind != "ratio" or not f.unit:
        return None
    return parse_number(f.unit.removeprefix("of ").strip())


def unit_family(f: FigureMention) -> str:
    """What a figure can be compared with: counts, words and parts are all numbers."""
    if f.kind in ("count", "word", "ratio"):
        return "number"
    return f.kind


# --- figures -----------------------------------------------------------------------------------

_DATE = re.compile(
    rf"\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b|\b\d{{2}}/\d{{2}}\b|"
    rf"\bQ\d(?:/\d)?\b|\b\d{{1,2}}(?:st|nd|rd|th)\b|"
    rf"\b\d{{1,2}}(?=\s*(?:-|–|to|and|until)\s*(?:{_WEEKDAY}\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b)"
)  # e.g. "30/10/2024", "4th December", "22/23", "Q2/3"; the first day of "Thursday 22 to Sunday
# 25 August" and "between 22 and 25 August"
_PARAGRAPH_MARKER = re.compile(
    r"(?m)^\d{1,2}(?:\.\d{1,2})*\.(?=[ \t]*(?:\|[ \t]*)?\n?[ \t]*[A-Z(“‘\"'])"
    r"|^\d{1,2}(?:\.\d{1,2})+(?=[ \t]*(?:\|[ \t]*)?\n?[ \t]*[A-Z])"
)  # "20. Performance" or "3.1 HMICFRS" opening a paragraph; "96.6 percent" is a figure, and so
# is "4.2" alone on its line above a blank one (a table cell of a PDF laid out one per line);
# "4.1 | The force's ..." is a Word export's numbered paragraph, its tab cleaned to a bar


def _figure(kind: str, value: float | None, unit: str | None, m: re.Match[str]) -> FigureMention:
    return FigureMention(m.group(0), value, unit, m.start(), m.end(), kind)  # type: ignore[arg-type]


def _build_duration(m: re.Match[str], text: str) -> FigureMention | None:
    minutes, seconds = parse_number(m.group(1)), parse_number(m.group(2))
    if minutes is None or seconds is None:
        return None
    return _figure("duration", minutes * 60 + seconds, "seconds", m)


_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
"""Seconds in each unit a duration is read in; months and years are counted, not converted."""
_PERIOD_LENGTH_BEFORE = re.compile(
    r"\b(?:previous|preceding|last|past|first|next|following|same|those|these|every|each)\s+$",
    re.IGNORECASE,
)
_PERIOD_LENGTH_AFTER = re.compile(r"\s+(?:earlier|ago|later|before|previously)\b", re.IGNORECASE)
"""Words that make a number of months or years a period ("the previous twelve months", "two
years earlier") or how often ("every three months") rather than a figure; a count of them stays
one ("ten years as a constable")."""


def _build_simple_duration(m: re.Match[str], text: str) -> FigureMention | None:
    value = parse_number(m.group(1))
    unit = m.group(2).lower().rstrip("s")
    scale = _SECONDS.get(unit)
    if value is None:
        return None
    if scale is None:
        if m.group(1)[0].isdigit() and not m.group(0)[len(m.group(1)) :][:1].isspace():
            return None  # "the 12-month rolling rate" names a period, it counts nothing
        if _PERIOD_LENGTH_BEFORE.search(text, 0, m.start()) or _PERIOD_LENGTH_AFTER.match(
            text, m.end()
        ):
            return None  # "in the previous twelve months", "two years earlier": when, not what
        return _figure("count", value, unit + "s", m)  # months, years: a count of them
    return _figure("duration", value * scale, "seconds", m)


def _build_half_duration(m: re.Match[str], text: str) -> FigureMention | None:
    whole = _build_simple_duration(m, text)
    if whole is None or whole.value is None:
        return None
    scale = whole.value / (parse_number(m.group(1)) or 1.0)
    return FigureMention(
        whole.text, whole.value + scale / 2, whole.unit, whole.start, whole.end, whole.kind
    )


def _build_labelled_duration(m: re.Match[str], text: str) -> FigureMention | None:
    value = parse_number(m.group(2))
    scale = _SECONDS[m.group(1).lower().rstrip("s")]
    if value is None:
        return None
    return FigureMention(m.group(2), value * scale, "seconds", m.start(2), m.end(2), "duration")


def _build_compound_count(m: re.Match[str], text: str) -> FigureMention | None:
    """ "A seven-force alliance" counts seven forces; "one-off", "twenty-four" and "two-thirds"
    count nothing here (a number word, or a fraction read before)."""
    word, noun = m.group(1).lower(), m.group(2).lower()
    if (
        word == "one"
        or noun in NUMBER_WORDS
        or noun.rstrip("s") in _DENOMINATORS
        or noun.endswith("ed")  # "four-legged officers", "two-pronged": a kind, not a count
    ):
        return None
    value = word_value(word)
    if value is None:
        return None
    return FigureMention(m.group(1), float(value), noun, m.start(1), m.end(1), "word")


def _build_percent(m: re.Match[str], text: str) -> FigureMention | None:
    return _signed(_figure("percent", parse_number(m.group(1)), "%", m), text)


def _build_points(m: re.Match[str], text: str) -> FigureMention | None:
    return _signed(_figure("points", parse_number(m.group(1)), "percentage points", m), text)


def _signed(f: FigureMention, text: str) -> FigureMention:
    """A figure with its stated minus sign: "Percentage change -2%" is -2%, not 2%."""
    before = text[max(0, f.start - 2) : f.start]
    if f.value is None or not _MINUS_BEFORE.search(before.rjust(2)):
        return f
    start = f.start - 1
    return FigureMention(text[start : f.end], -f.value, f.unit, start, f.end, f.kind)


def _build_money(m: re.Match[str], text: str) -> FigureMention | None:
    value = parse_number(m.group(1))
    if value is None:
        return None
    scale = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}.get(
        (m.group(2) or "").lower(), 1
    )
    return _figure("money", value * scale, "£", m)


def _build_ratio(m: re.Match[str], text: str) -> FigureMention | None:
    first = parse_number(m.group(1))
    if _is_label(m, text) or first is None:
        return None
    if parse_number(m.group(2)) is None or (m.group(0).lower().split()[1] == "in" and first >= 100):
        return None
    return _figure("ratio", first, f"of {m.group(2)}", m)


SHARE_IN_WORDS = re.compile(
    r"(?<!first )(?<!second )(?<!third )(?<!fourth )(?<!last )(?<!final )(?<!next )"
    r"\b(?:(a|one|two|three|four|nine)[\s-]+(halfs?|thirds?|quarters?|fifths?|tenths?)|"
    r"(half))(?=\s+of\b)|"
    r"\b(one|two|three|four|nine)[\s-]+(halfs?|thirds?|quarters?|fifths?|tenths?)\b",
    re.IGNORECASE,
)
"""A share in words: "a third of sergeants", "about one fifth", "half of"; not "the last
quarter of", "a third time", "fifth of all forces" (a rank)."""
_WORD_ANSWERS = {
    "frequency": re.compile(
        r"\b(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly|biannually|"
        r"(?:once|twice|\w+ times) (?:a|an|per|each|every) (?:day|week|fortnight|month|quarter|year)|"
        r"every (?:\w+ )?(?:day|week|fortnight|month|quarter|year|days|weeks|months|years))\b",
        re.IGNORECASE,
    ),
    "quantity": re.compile(
        r"\b(?:hundreds|thousands|tens of thousands|dozens|millions|double|doubled|halved|"
        r"treble|trebled|tripled)\b",
        re.IGNORECASE,
    ),
    "start": re.compile(
        rf"\b[Ss]ince\s+(?:(?:early|late|mid-?)\s*)?(?:{MONTH_PATTERN}\s+)?{YEAR_PATTERN}\b"
    ),  # case kept: MONTH_PATTERN names months as written
    "speed": re.compile(
        r"\b(?:promptly|quickly|swiftly|immediately|straight away|without delay|slowly|"
        r"slow to|too long|delays?|delayed|timely|in good time)\b",
        re.IGNORECASE,
    ),
}


_WORD_ANSWERS_ASKED = {
    "frequency": re.compile(r"\bhow (?:often|frequently|regularly)\b", re.IGNORECASE),
    "quantity": re.compile(r"\bhow many\b", re.IGNORECASE),
    "start": re.compile(r"\bhow long (?:has|have|had)\b", re.IGNORECASE),
    "speed": re.compile(r"\bhow (?:quickly|fast|promptly|soon)\b", re.IGNORECASE),
}
TIME_IN_WORDS = frozenset({"start", "speed"})
"""The answers in words that say how long or how quickly: they answer a question for a time."""


def word_answers_asked(question: str) -> frozenset[str]:
    """The answers in words a question accepts for its figure (see `word_answers`): "how
    often" takes a frequency, "how many" an amount, "how long has" a start, "how quickly" a
    pace."""
    return frozenset(kind for kind, p in _WORD_ANSWERS_ASKED.items() if p.search(question))


def word_answers(text: str) -> frozenset[str]:
    """What a text states in words that can answer a question for a figure: a frequency
    ("weekly", "twice a year") answers "how often", an amount ("hundreds of calls", "double
    the recommended number") "how many", a start ("since 2010") "how long has it been", a
    pace ("answer calls promptly", "slow to make progress") "how quickly". Not figures:
    nothing to verify or chart."""
    return frozenset(kind for kind, pattern in _WORD_ANSWERS.items() if pattern.search(text))


_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}
_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}


_RESTATED = re.compile(r"[^().;]{0,40}\(\s*\d[\d.,]*\s*(?:%|per\s?cent)", re.IGNORECASE)


def _build_fraction(m: re.Match[str], text: str) -> FigureMention | None:
    """ "A third of sergeants" is a share, read as its percentage (33.3…%): a share in words
    compares with shares, never with a count ("half of the areas" does not state 2 areas)."""
    if _RESTATED.match(text, m.end()):
        return None  # "about a third of the workforce (33.9%)": the digits are the figure
    counted, part = next(
        ((m.group(g), m.group(g + 1)) for g in (1, 4) if m.group(g + 1)), (None, m.group(3))
    )  # "a third", "one fifth", or "half" (of): one of two
    numerator = _NUMERATORS[(counted or "one").lower()]
    whole = _DENOMINATORS[part.lower().removesuffix("s")]
    return _figure("percent", 100.0 * numerator / whole, "%", m)


def _build_count(m: re.Match[str], text: str) -> FigureMention | None:
    value = parse_number(m.group(0))
    if value is None or _is_label(m, text):
        return None
    token = m.group(0)
    if re.fullmatch(_YEAR, token):
        return None
    if value in _SERVICE_VALUES and "," not in token:
        return None  # "101" and "999" name the phone services
    if text[m.end() : m.end() + 1] in ("-", "/") and text[m.end() + 1 : m.end() + 2].isalpha():
        return None  # e.g. "101-abandonment", "24/7"? kept out: a compound, not a quantity
    return _figure("count", value, _counted_noun(text, m.end()), m)


def _build_word(m: re.Match[str], text: str) -> FigureMention | None:
    word = m.group(1).lower()
    after = text[m.end() : m.end() + 16]
    if word == "one" and (_NOT_ONE.match(after) or not _COUNTED.match(after)):
        return None
    if re.search(r"\bnot\s+$", text[max(0, m.start() - 8) : m.start()], re.IGNORECASE):
        return None  # "not one inadequate grade" says none, it counts nothing
    if re.match(r"\s*-", after):
        return None  # e.g. "three-day", "one-off": an adjective
    value = word_value(word)
    if value is None:
        return None
    return FigureMention(
        m.group(1),
        float(value),
        _counted_noun(text, m.end()),
        m.start(1),
        m.end(1),
        "word",
    )


def _counted_noun(text: str, end: int) -> str | None:
    m = _COUNTED.match(text, end)
    if m and m.group(1).lower() not in UNIT_STOP:
        return m.group(1).lower()
    return None


_PHRASE_WORD = re.compile(r"[ \t]*([A-Za-z][A-Za-z'’-]*)")
COUNTED_PHRASE_WORDS = 4


def counted_phrase(text: str, end: int) -> tuple[str, ...]:
    """The words right after a count that say what it counts, up to the first small word or
    mark, without the verbs that follow ("-ed", "-ing"): "151 sexual harm prevention orders
    (SHPOs)" -> sexual, harm, prevention, orders; "82 police staff needing vetting" -> police,
    staff; "14 of the 19" -> nothing. `_counted_noun` keeps the first word alone, which cannot
    tell "sexual risk orders" from "sexual harm prevention orders"."""
    words: list[str] = []
    at = end
    while len(words) < COUNTED_PHRASE_WORDS:
        m = _PHRASE_WORD.match(text, at)
        if not m or m.group(1).lower() in UNIT_STOP or m.group(1).lower() in CONNECTORS:
            break
        words.append(m.group(1).lower())
        at = m.end()
    while words and words[-1].endswith(("ed", "ing")):
        words.pop()
    return tuple(words)


def _is_label(m: re.Match[str], text: str) -> bool:
    return bool(_LABEL_BEFORE.search(text[max(0, m.start() - 14) : m.start()]))


_FIGURE_PATTERNS = [
    (
        re.compile(r"\b(\d+)\s+minutes?\s+(?:and\s+)?(\d+)\s+seconds?\b", re.IGNORECASE),
        _build_duration,
    ),
    (
        re.compile(
            rf"({_NUM}|\b(?:{'|'.join(NUMBER_WORDS)}))\s+percentage points?\b", re.IGNORECASE
        ),
        _build_points,
    ),
    (
        re.compile(
            rf"(?<![\w.])({_NUM}|(?<![-‑])\b{NUMBER_WORD_PATTERN}\s)\s*(?:%|per\s?cent\b)",
            re.IGNORECASE,
        ),
        _build_percent,
    ),  # e.g. "33.4%", "18 percent", "five per cent"
    (re.compile(rf"£\s?({_NUM})(?:\s*(bn|billion|million|m|k)\b)?", re.IGNORECASE), _build_money),
    (
        re.compile(
            rf"(?<![\w.,‑-])({_NUM}|\b{NUMBER_WORD_PATTERN})[\s-]+and[\s-]+a[\s-]+half[\s-]+"
            r"(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b",
            re.IGNORECASE,
        ),
        _build_half_duration,
    ),  # e.g. "four-and-a-half minutes", "two and a half years"
    (
        re.compile(
            rf"(?<![\w.,‑-])({_NUM}|\b{NUMBER_WORD_PATTERN})(?:\s+|[-‑])"
            r"(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b",
            re.IGNORECASE,
        ),
        _build_simple_duration,
    ),  # e.g. "14 days", "one day", "a three-day course", "a 12-month plan"
    (
        re.compile(
            rf"(?<![\w.,])({_TERM})\s+(?:from|out of(?: the)?|of(?: the)?(?: remaining)?"
            r"(?: (?:force|service)(?:'s|’s)| its| their| [A-Z][A-Za-z]+(?:'s|’s))?)\s+"
            rf"({_TERM})\b(?![\w.,]*%)(?!\s*(?:%|per\s?cent|percent))",
            re.IGNORECASE,
        ),
        _build_ratio,
    ),  # e.g. "22 from 24", "14 of the 19", "four of the remaining five", "527 of the force's 831"
    (
        re.compile(
            rf"\b({NUMBER_WORD_PATTERN}|\d{{1,2}})\s+in\s+({NUMBER_WORD_PATTERN}|\d{{1,3}})\b(?!\s*%)",
            re.IGNORECASE,
        ),
        _build_ratio,
    ),  # e.g. "one in four", "3 in 10"  # e.g. "22 from 24", "14 of the 19"
    (SHARE_IN_WORDS, _build_fraction),
    (
        re.compile(
            rf"\((seconds|minutes|hours|days)\)\s*[:|]\s*({_NUM})(?![\w%]|[.,]\d)", re.IGNORECASE
        ),
        _build_labelled_duration,
    ),  # a table cell whose unit is in its label: "Mean time to answer (seconds): 36.10"
    (
        re.compile(
            rf"\b(?!{COMPOUND_NUMBER_PATTERN}\b)({NUMBER_WORD_PATTERN})-([a-z]+)\b", re.IGNORECASE
        ),
        _build_compound_count,
    ),  # "the seven-force alliance": seven forces
    (re.compile(rf"(?<![\w.,/£$-])(?:{_NUM})(?![\w%]|[.,]\d)"), _build_count),
    (re.compile(_WORD_NUMBER, re.IGNORECASE), _build_word),
]

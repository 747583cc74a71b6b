"""Find and normalise figures and periods in text; shared by answer, verify and check.

A figure is a number a reader could quote: "33.4%", "18 percent", "2,093",
"£4.9m", "25 minutes 13 seconds", "22 from 24", "eleven". Years, dates,
paragraph numbers, labels ("AFI 9", "outcome 21", "Section 136") and the
service names "101" and "999" are not figures. A period is when a figure
applies: "March 2023", "rolling year to December 2023", "in 2017", "2018/19".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.dates import MONTH_NUMBER
from assistant.types import FigureMention, Period

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"  # 1950-2049: "2093" is a count, not a year

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
_WORD_NUMBER = r"\b(" + "|".join(NUMBER_WORDS) + r")\b"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # e.g. "2,093", "33.4", "37278"
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:outcome|outcomes|afi|afis|section|sections|slide|slides|paragraph|paragraphs|para|"
    r"item|page|pages|op|operation|appendix|annex|tier|act|phase|cohort|pillar|level|question|"
    r"stage|group|chapter|part|regulation|article|rule|step|no)|\bs|\bq|#)"
    r"(?:\s*\d+\s*(?:and|&|,|-|–|to))?\s*$",
    re.IGNORECASE,
)  # e.g. "AFI 9", "outcome 21", "Section 136", "Slide 22 and 23"
_NOT_ONE = re.compile(
    r"\s+(?:of|another|or|hand|way|thing|that|in|is|was|which|who)\b", re.IGNORECASE
)
_COUNTED = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*)")
_SERVICE_NUMBERS = {101.0, 999.0}
_UNIT_STOP = frozenset(
    "a an the of and or to in on for with by from at as that which was were is are be per than "
    "percent cent".split()
)


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    mention: FigureMention | None


def parse_number(token: str) -> float | None:
    token = token.strip().lower().replace(",", "")
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    try:
        return float(token)
    except ValueError:
        return None


def find_periods(text: str) -> list[Period]:
    """Every period named in the text, longest first where they overlap, in text order."""
    found: list[Period] = []
    taken: list[tuple[int, int]] = []
    for pattern, keyer in _PERIOD_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            key, relative = keyer(m)
            text_, end = m.group(0).strip(), m.end()
            if text_.endswith(")") and "(" not in text_:
                text_, end = text_[:-1].rstrip(), end - 1  # "(rolling year to December 2023)"
            found.append(Period(text_, m.start(), end, key, relative))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda p: p.start)


def find_figures(text: str) -> list[FigureMention]:
    """Every figure in the text, in order; dates, years, labels and service numbers excluded."""
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
    return sorted(found, key=lambda f: f.start)


def same_figure(a: FigureMention, b: FigureMention) -> bool:
    """Whether two mentions state the same quantity: "96.6 percent" = "96.6%", "2,093" = "2093"."""
    if a.value is None or b.value is None:
        return a.text.lower() == b.text.lower()
    if _unit_family(a) != _unit_family(b):
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


def _unit_family(f: FigureMention) -> str:
    if f.kind in ("count", "word", "ratio"):
        return "number"
    return f.kind


def assign_period(figure: FigureMention, periods: list[Period], text: str) -> Period | None:
    """The period a figure belongs to: the nearest in its clause, preferring one before it.

    e.g. "from 18 percent in 2017, to the current 7 percent": 18 percent -> "in 2017",
    7 percent -> "current". A period after the figure counts 1.5 times its distance,
    and one across a ";" or a sentence end is passed over when another is in reach.
    """
    best: tuple[float, Period] | None = None
    for period in periods:
        if period.end <= figure.start:
            gap = text[period.end : figure.start]
            distance = float(len(gap))
        elif period.start >= figure.end:
            gap = text[figure.end : period.start]
            distance = 1.5 * len(gap)
        else:
            continue
        if ";" in gap or re.search(r"[.!?]\s", gap):
            distance += 400
        if best is None or distance < best[0]:
            best = (distance, period)
    return best[1] if best else None


# --- periods -----------------------------------------------------------------------------------


def _month_year(month: str, year: str) -> tuple[int, int]:
    return int(year), MONTH_NUMBER[month.lower()[:3]]


def _key_last_month_year(m: re.Match[str]) -> tuple[tuple[int, int] | None, bool]:
    pairs = re.findall(rf"({_MONTH})\s+({_YEAR})", m.group(0))
    if pairs:
        month, year = pairs[-1]
        return _month_year(month, year), False
    months = re.findall(_MONTH, m.group(0))
    years = re.findall(_YEAR, m.group(0))
    if months and years:
        return _month_year(months[-1], years[-1]), False
    if years:
        return (int(years[-1]), 12), False
    return None, False


def _key_split_year(m: re.Match[str]) -> tuple[tuple[int, int] | None, bool]:
    first = int(m.group(1))
    second = int(m.group(2))
    year = (first // 100) * 100 + second if second < 100 else second
    if year < first:
        year += 100
    return (year, 3), False  # e.g. "2018/19" ends in March 2019, the financial year


def _key_year(m: re.Match[str]) -> tuple[tuple[int, int] | None, bool]:
    return (int(re.findall(_YEAR, m.group(0))[-1]), 12), False


def _key_relative(m: re.Match[str]) -> tuple[tuple[int, int] | None, bool]:
    return None, True


_PERIOD_PATTERNS = [
    (
        re.compile(
            rf"\brolling (?:year|quarter|12 months)(?: data| figures?)?(?: to| for| ending| \()?\s*"
            rf"(?:\d{{1,2}}\s+)?{_MONTH}\s+{_YEAR}\)?",
            re.IGNORECASE,
        ),
        _key_last_month_year,
    ),
    (
        re.compile(
            rf"\b(?:the\s+)?(?:(?:last|past|previous)\s+)?(?:12|twelve|six|three)\s+months?\s+"
            rf"(?:to|ending|up to)\s+(?:\d{{1,2}}\s+)?{_MONTH}\s+{_YEAR}",
            re.IGNORECASE,
        ),
        _key_last_month_year,
    ),
    (
        re.compile(rf"\byear ending\s+(?:\d{{1,2}}\s+)?{_MONTH}\s+{_YEAR}", re.IGNORECASE),
        _key_last_month_year,
    ),
    (
        re.compile(
            rf"\b(?:between\s+)?(?:{_MONTH}\s+(?:{_YEAR}\s+)?)(?:to|and|-|–)\s+{_MONTH}\s+{_YEAR}"
        ),
        _key_last_month_year,
    ),  # e.g. "April to September 2020", "November 2021 to April 2022"
    (
        re.compile(
            rf"\b(?:week commencing\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\s+{_YEAR}"
        ),
        _key_last_month_year,
    ),
    (
        re.compile(rf"\b({_YEAR})\s*[/-]\s*(\d{{2}}|{_YEAR})\b"),
        _key_split_year,
    ),  # "2018/19", "2023-25"
    (re.compile(rf"\b(?:in|during|since|from|for|by|of)\s+{_YEAR}\b"), _key_year),
    (re.compile(rf"(?<![\d,.£$])\b{_YEAR}\b(?!\s*(?:%|percent|per cent))"), _key_year),
    (
        re.compile(
            r"\b(?:in recent (?:months|weeks)|recent months|recent weeks|currently|current|latest|"
            r"at the time of (?:our |the )?inspection|now)\b",
            re.IGNORECASE,
        ),
        _key_relative,
    ),
]

# --- figures -----------------------------------------------------------------------------------

_DATE = re.compile(
    rf"\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b|\b\d{{2}}/\d{{2}}\b|"
    rf"\bQ\d(?:/\d)?\b|\b\d{{1,2}}(?:st|nd|rd|th)\b"
)  # e.g. "30/10/2024", "4th December", "22/23", "Q2/3"
_PARAGRAPH_MARKER = re.compile(
    r"(?m)^\d{1,2}(?:\.\d{1,2})*\.(?=\s+[A-Z(“‘\"'])|^\d{1,2}(?:\.\d{1,2})+(?=\s+[A-Z])"
)  # "20. Performance" or "3.1 HMICFRS" opening a paragraph; "96.6 percent" is a figure


def _figure(kind: str, value: float | None, unit: str | None, m: re.Match[str]) -> FigureMention:
    return FigureMention(m.group(0), value, unit, m.start(), m.end(), kind)  # type: ignore[arg-type]


def _build_duration(m: re.Match[str], text: str) -> FigureMention | None:
    minutes, seconds = parse_number(m.group(1)), parse_number(m.group(2))
    if minutes is None or seconds is None:
        return None
    return _figure("duration", minutes * 60 + seconds, "seconds", m)


def _build_simple_duration(m: re.Match[str], text: str) -> FigureMention | None:
    value = parse_number(m.group(1))
    unit = m.group(2).lower().rstrip("s")
    scale = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}.get(unit)
    if value is None:
        return None
    if scale is None:
        return _figure("count", value, unit + "s", m)  # months, years: a count of them
    return _figure("duration", value * scale, "seconds", m)


def _build_percent(m: re.Match[str], text: str) -> FigureMention | None:
    return _figure("percent", parse_number(m.group(1)), "%", m)


def _build_points(m: re.Match[str], text: str) -> FigureMention | None:
    return _figure("points", parse_number(m.group(1)), "percentage points", m)


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
    return _figure("ratio", first, f"of {m.group(2)}", m)


def _build_count(m: re.Match[str], text: str) -> FigureMention | None:
    value = parse_number(m.group(0))
    if value is None or _is_label(m, text):
        return None
    token = m.group(0)
    if re.fullmatch(_YEAR, token):
        return None
    if value in _SERVICE_NUMBERS and "," not in token:
        return None  # "101" and "999" name the phone services
    if text[m.end() : m.end() + 1] in ("-", "/") and text[m.end() + 1 : m.end() + 2].isalpha():
        return None  # e.g. "101-abandonment", "24/7"? kept out: a compound, not a quantity
    return _figure("count", value, _counted_noun(text, m.end()), m)


def _build_word(m: re.Match[str], text: str) -> FigureMention | None:
    word = m.group(1).lower()
    after = text[m.end() : m.end() + 12]
    if word == "one" and (_NOT_ONE.match(after) or not _COUNTED.match(after)):
        return None
    if re.match(r"\s*-", after):
        return None  # e.g. "three-day", "one-off": an adjective
    return FigureMention(
        m.group(1),
        float(NUMBER_WORDS[word]),
        _counted_noun(text, m.end()),
        m.start(1),
        m.end(1),
        "word",
    )


def _counted_noun(text: str, end: int) -> str | None:
    m = _COUNTED.match(text, end)
    if m and m.group(1).lower() not in _UNIT_STOP:
        return m.group(1).lower()
    return None


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
    (re.compile(rf"(?<![\w.])({_NUM})\s*(?:%|per\s?cent\b)", re.IGNORECASE), _build_percent),
    (re.compile(rf"£\s?({_NUM})(?:\s*(bn|billion|million|m|k)\b)?", re.IGNORECASE), _build_money),
    (
        re.compile(
            rf"(?<![\w.,])({_NUM}|\b(?:{'|'.join(NUMBER_WORDS)}))\s+"
            r"(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b",
            re.IGNORECASE,
        ),
        _build_simple_duration,
    ),  # e.g. "14 days", "one day"
    (
        re.compile(
            rf"(?<![\w.,])({_NUM})\s+(?:from|out of(?: the)?|of(?: the)?)\s+({_NUM})(?![\w.,]*%)",
            re.IGNORECASE,
        ),
        _build_ratio,
    ),  # e.g. "22 from 24", "14 of the 19"
    (re.compile(rf"(?<![\w.,/£$-])(?:{_NUM})(?![\w%]|[.,]\d)"), _build_count),
    (re.compile(_WORD_NUMBER, re.IGNORECASE), _build_word),
]

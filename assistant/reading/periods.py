"""The one period reader: "March 2023", "2018/19", "rolling year to December 2023", "current".

A period named in a text is a `Period` (its words and where they stand); what
months it covers is a `PeriodSpan`, with where that came from: stated beside the
figure, a relative word ("currently") resolved against the document date, the
section's headings, or only the document's date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from assistant.reading.vocabulary import (
    MONTH_NUMBER,
    MONTH_PATTERN,
    MONTHS,
    NUMBER_WORD_PATTERN,
    NUMBER_WORDS,
    YEAR_PATTERN,
)
from assistant.thresholds import RECENT_MONTHS
from assistant.types import FigureMention, Period

PeriodSource = Literal["stated", "relative", "heading", "dated"]


@dataclass(frozen=True, slots=True)
class PeriodSpan:
    """A period as months from year 0 (year * 12 + month - 1): one month, or a span of them."""

    first: int
    last: int
    label: str
    exact: bool  # names one month: "March 2023", "rolling year to December 2023"
    source: PeriodSource


def find_periods(text: str) -> list[Period]:
    """Every period named in the text, longest first where they overlap, in text order."""
    return list(_periods_read(text))


@lru_cache(maxsize=32768)
def _periods_read(text: str) -> tuple[Period, ...]:
    """`find_periods`, read once per text: the same sentences are read for every question a
    session asks (a fifth of an answer's time went on re-reading them)."""
    found: list[Period] = []
    taken: list[tuple[int, int]] = []
    for pattern, keyer in _PERIOD_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            key, relative = keyer(m)
            if key is None and not relative:
                continue  # looked like a period, is not one ("12/11")
            text_, start, end = m.group(0).strip(), m.start(), m.end()
            since = None if relative else _SINCE_BEFORE.search(text, max(0, start - 12), start)
            if since:  # "since the 2021/22 inspection": from then on
                text_, start = text[since.start() : start] + text_, since.start()
            if text_.endswith(")") and "(" not in text_:
                text_, end = text_[:-1].rstrip(), end - 1  # "(rolling year to December 2023)"
            found.append(Period(text_, start, end, key, relative))
            taken.append((start, m.end()))
    return tuple(sorted(found, key=lambda p: p.start))


def split_year(first: str, second: str) -> tuple[int, int]:
    """The years a split year names: "2018/19" -> (2018, 2019), "2023-25" -> (2023, 2025)."""
    start, end = int(first), int(second)
    end = (start // 100) * 100 + end if end < 100 else end
    return start, end + 100 if end < start else end


def assign_period(figure: FigureMention, periods: Sequence[Period], text: str) -> Period | None:
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


def sentence_periods(
    sentence: str, default_year: int | None, dated: str | None = None
) -> list[Period]:
    """The sentence's periods, with a bare month ("in June") dated by a year named beside it,
    else the default year; one after the month of the document's date ("in October" in news
    dated January 2024) is the year before's."""
    periods = find_periods(sentence)
    years = [(p.start, p.sort_key[0]) for p in periods if p.sort_key is not None and not p.relative]
    for m in _BARE_MONTH.finditer(sentence):
        if any(p.start < m.end() and m.start() < p.end for p in periods):
            continue
        after = [y for start, y in years if start >= m.end()]
        year = after[0] if after else years[-1][1] if years else default_year
        month = MONTH_NUMBER[m.group(1).lower()]
        if year and not years and dated and dated[:4] == str(year) and len(dated) >= 7:
            year -= month > int(dated[5:7])  # e.g. "in October", dated 2024-01: October 2023
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
    sentence: str, figures: Sequence[FigureMention], periods: Sequence[Period]
) -> list[Period | None]:
    """Each figure's period; one named straight after a figure is that figure's alone.

    e.g. "from 18 percent in 2017 to 7 percent": "in 2017" is 18 percent's, not 7 percent's,
    and 7 percent has no period of its own.
    """
    bound = {
        i: p
        for i, f in enumerate(figures)
        for p in periods
        if p.start >= f.end and _BOUND_AFTER.fullmatch(sentence[f.end : p.start])
    }
    if _respective(sentence, figures, periods):
        return list(periods)  # "from 9.4 to 9.1 days between 2021/22 and 2022/23": in order
    free = [p for p in periods if p not in bound.values()]
    out: list[Period | None] = []
    for i, f in enumerate(figures):
        if i in bound:
            out.append(bound[i])
        elif free:
            own = [p for p in free if not _across_comparison(sentence, f, p)]
            out.append(assign_period(f, own, sentence) if own else None)
        elif _FROM_TO_END.search(sentence, 0, f.start):
            out.append(None)
        else:
            out.append(_shared_period(sentence, figures, i, bound, periods))
    return out


def _across_comparison(sentence: str, figure: FigureMention, period: Period) -> bool:
    """Whether a period is the other side of a comparison: "three crimes at the
    festival, down from nine at last year's" and "..., against nine in 2023" date the other
    value (too small a word to be read as a figure), not this one; "80%, compared with the
    national average, in March 2024" dates both."""
    if (
        is_previous(period)
        and ";" in sentence[min(figure.end, period.end) : max(figure.start, period.start)]
    ):
        return True  # "aims to reach 12,000 pupils; last year's talks reached 9,000"
    if period.start < figure.end:
        return False
    contrast = _CONTRAST.search(sentence, figure.end, period.start)
    if contrast is None:
        return False
    between = sentence[contrast.end() : period.start]
    return is_previous(period) or _NUMBER_BETWEEN.search(between) is not None


def _respective(sentence: str, figures: Sequence[FigureMention], periods: Sequence[Period]) -> bool:
    """Whether two or more figures are followed by as many periods joined as a list ("between
    2021/22 and 2022/23", "in 2022 and 2023 respectively"), each period the figure's in turn."""
    if len(figures) < 2 or len(periods) != len(figures) or periods[0].start < figures[-1].end:
        return False
    joins = [sentence[a.end : b.start] for a, b in pairwise(periods)]
    return all(_LIST_JOIN.fullmatch(j) for j in joins) and bool(
        _FROM.search(sentence, 0, figures[0].start) or _BETWEEN.search(sentence, figures[-1].end)
    )


def _shared_period(
    sentence: str,
    figures: Sequence[FigureMention],
    i: int,
    bound: dict[int, Period],
    periods: Sequence[Period],
) -> Period | None:
    """The period a figure with none of its own shares with a neighbour, unless a word of
    comparison stands between them: "278, down from 312 in 2021" dates 312 alone, where
    "71% and 5% in 2023" dates both."""
    period = assign_period(figures[i], periods, sentence)
    owner = next((j for j, p in bound.items() if p is period), None)
    if owner is None:
        return period
    a, b = sorted((figures[i], figures[owner]), key=lambda f: f.start)
    return None if _CONTRAST.search(sentence, a.end, b.start) else period


def period_span(period: Period, source: PeriodSource) -> PeriodSpan | None:
    """A period as months, so a claim's and a source's periods compare as spans; None if undated."""
    if period.sort_key is None:
        return None
    year, month = period.sort_key
    last = year * 12 + month - 1
    if _SEASON.search(period.text):  # "autumn 2022": September to November, loosely
        return PeriodSpan(last - 2, last, period.text, False, source)
    if _SINCE.match(period.text):  # "since 2010": from then on, open-ended
        first = period_span(Period(_SINCE.sub("", period.text), 0, 0, period.sort_key), source)
        return PeriodSpan(first.first if first else last, _OPEN_END, period.text, False, source)
    split = _SPLIT_YEAR.search(period.text)
    if split:  # a financial year or a cycle: "2018/19" is April 2018 to March 2019
        return PeriodSpan(int(split.group(1)) * 12 + 3, last, period.text, False, source)
    if _SHORT_SPLIT_YEAR.fullmatch(period.text):  # "22/23": April 2022 to March 2023
        return PeriodSpan(last - 11, last, period.text, False, source)
    if cycle := _SHORT_CYCLE_TEXT.fullmatch(period.text):  # "23-25": April 2023 to March 2025
        return PeriodSpan((2000 + int(cycle.group(1))) * 12 + 3, last, period.text, False, source)
    rolling = _ROLLING.search(period.text)
    if rolling:  # "12 months to March 2023", "year ending March 2023": April 2022 to March 2023
        return PeriodSpan(
            last - _ROLLING_MONTHS[rolling.group(1).lower()] + 1, last, period.text, True, source
        )
    months = _month_years(period.text)
    named = _MONTH_NAMED.findall(period.text)
    if len(named) >= 2:  # "April to September 2022", "November 2021 to April 2022"
        first_year = months[0][0] if len(months) >= 2 else year
        opening = first_year * 12 + MONTH_NUMBER[named[0].lower()[:3]] - 1
        return PeriodSpan(min(opening, last), last, period.text, True, source)
    if named:
        return PeriodSpan(last, last, period.text, True, source)  # one month: "March 2023"
    return PeriodSpan(year * 12, year * 12 + 11, period.text, False, source)


def is_previous(period: Period) -> bool:
    """Whether a period is the year before another ("the previous 12-month period")."""
    return period.relative and _PREVIOUS.fullmatch(period.text) is not None


def dated_before(span: PeriodSpan | None) -> bool:
    """Whether a figure's months are the year before its sentence's ("51 per cent a year
    before", "15 at last year's festival"): not what a claim naming no period, or "now", means."""
    return span is not None and _PREVIOUS.fullmatch(span.label) is not None


def previous_span(period: Period, reference: PeriodSpan | None) -> PeriodSpan | None:
    """The year before `reference`: "the previous year" after "the 12 months to March 2018" is
    the 12 months to March 2017 ("two years earlier", March 2016); None with nothing named
    before it."""
    if reference is None:
        return None
    count = period.text.split()[0].lower()  # "two years earlier": 24 months back
    back = 12 * (int(count) if count.isdigit() else NUMBER_WORDS.get(count, 1))
    return PeriodSpan(
        reference.first - back, reference.last - back, period.text, reference.exact, "stated"
    )


def stated_span(period: Period) -> PeriodSpan | None:
    """A period named outright; a relative one ("currently") has no months of its own to match."""
    return None if period.relative else period_span(period, "stated")


@lru_cache(maxsize=16384)
def stated_spans(text: str) -> tuple[PeriodSpan, ...]:
    """Every period a text names outright, as months: what a question asks or a passage states."""
    return tuple(span for p in find_periods(text) if (span := stated_span(p)) is not None)


def last_stated(periods: Sequence[Period], before: PeriodSpan | None) -> PeriodSpan | None:
    """The last period a sentence names outright, else `before`: what the sentences after it keep."""
    named = [w for p in periods if (w := stated_span(p)) is not None]
    return named[-1] if named else before


def recent_span(date: str, label: str, source: PeriodSource) -> PeriodSpan:
    """The months a document's "current" may mean: those up to its date (its year, if undated)."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return PeriodSpan(parts[0] * 12, parts[0] * 12 + 11, label, False, source)
    month = parts[0] * 12 + parts[1] - 1
    return PeriodSpan(month - RECENT_MONTHS, month, label, False, source)


def spans_match(a: PeriodSpan, b: PeriodSpan) -> bool:
    """Whether two periods may be the same: named months or runs of months must be the same run;
    a named run and a stated year match when one holds the other; a month and a year, or a
    period inferred from a date or heading, when they overlap.

    e.g. "12 months to March 2023" = "year ending March 2023" = "2022/23", but not
    "12 months to March 2022", "March 2023" alone, or the calendar year 2023.
    """
    if a.exact and b.exact:
        return (a.first, a.last) == (b.first, b.last)
    overlap = a.first <= b.last and b.first <= a.last
    run = next((w for w in (a, b) if w.exact and w.first < w.last), None)
    other = b if run is a else a
    if run is None or other.source != "stated":
        return overlap if run is None else other.first <= run.last <= other.last
    holds = (run.first <= other.first and other.last <= run.last) or (
        other.first <= run.first and run.last <= other.last
    )
    return holds


def asked_period_fits(asked: PeriodSpan, stated: PeriodSpan) -> bool:
    """Whether a statement's period may answer the period a question asks: questions name their
    period loosely, so "by December 2023" fits "rolling quarter data for December 2023" (it ends
    in the month asked) and "June and September 2022" fits "September 2022" (it lies within the
    run asked); a year or a cycle fits what overlaps it. "March 2022" does not fit "March 2023",
    nor "the year to March 2024" the "rolling year to December 2023", nor a month within it: a
    rolling year's figure is not March's."""
    if asked.exact and stated.exact:
        within = asked.first <= stated.first and stated.last <= asked.last
        return asked.last == stated.last or (within and not _ROLLING.search(asked.label))
    return asked.first <= stated.last and stated.first <= asked.last


# --- patterns ----------------------------------------------------------------------------------

_MONTH = MONTH_PATTERN
_YEAR = YEAR_PATTERN
_BARE_MONTH = re.compile(
    rf"\b(?i:in|during|since|from|by|for|of|to|until)\s+({_MONTH})\b(?!\s*(?:\d|/))"
)  # "in June", "In November there were …" at a sentence's start
_MONTH_NAMED = re.compile(
    rf"\b(?:{'|'.join(m[:3].lower() for m in MONTHS)})[a-z]*\b", re.IGNORECASE
)  # e.g. "Mar", "March", "march"
_SPLIT_YEAR = re.compile(rf"\b({_YEAR})\s*[/\-–]\s*(\d{{2}}|{_YEAR})\b")
_SHORT_SPLIT_YEAR = re.compile(r"(?<![\d/])(\d{2})\s*/\s*(\d{2})(?![\d/])")
_CYCLE_BEFORE = ("in", "In", "the", "The", "from", "to", "for", "and", "during", "PEEL", "peel")
# not "of" or "by": "shifts of 15-17 officers", "rose by 15-16"
_SHORT_CYCLE = re.compile(
    "(?:" + "|".join(rf"(?<=\b{word} )" for word in _CYCLE_BEFORE) + ")"
    r"(1[5-9]|[23]\d)\s*[-–]\s*(1[5-9]|[23]\d)\b(?![\d%/-]|[.,]\d)"
    r"(?!\s*(?:per\b|percent|per cent|years?\b|year-olds|months?\b|weeks?\b|days?\b|hours?\b|"
    r"minutes?\b|seconds?\b|mph\b|age\b|aged?\b))"
)  # "in 23-25", "the 23-25 staff survey"; written by hurried users for PEEL 2023-25
_ROLLING = re.compile(
    r"\b(rolling year|rolling 12 months|rolling quarter|year ending|year to|12 months|twelve months|"
    r"six months|three months)\b",
    re.IGNORECASE,
)  # e.g. "rolling year to December 2023", "the 12 months to 31 March 2018"
_ROLLING_MONTHS = {
    "rolling year": 12,
    "rolling 12 months": 12,
    "year ending": 12,
    "year to": 12,
    "12 months": 12,
    "twelve months": 12,
    "rolling quarter": 3,
    "three months": 3,
    "six months": 6,
}
_PREVIOUS = re.compile(
    r"\b(?:the\s+)?(?:previous|preceding|prior)\s+(?:12-month period|12 months|twelve months|"
    r"year|financial year)|\bthe year before\b|\blast year\b|"
    r"\b(?:a|one|two|three|four|five|[2-5])\s+years?\s+(?:earlier|before|ago)\b",
    re.IGNORECASE,
)  # e.g. "the 147 issued in the previous 12-month period": the year before the one just named;
# "265 two years earlier", "2,610 a year ago": that many years before it; "against 15 at last year's
# Tankfest": the year before the one its sentence, heading or document names
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s*and|to|–|-)\s*", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\b", re.IGNORECASE)  # "from 9.4 to 9.1 days between …"
_BETWEEN = re.compile(r"\bbetween\b|\brespectively\b", re.IGNORECASE)
_CONTRAST = re.compile(
    r"\b(?:compared\s+(?:with|to)|compares\s+with|from|than|versus|vs|whereas|against)\b",
    re.IGNORECASE,
)  # between two figures, they are two periods' values, not one period's two measures
_NUMBER_BETWEEN = re.compile(rf"\d|\b{NUMBER_WORD_PATTERN}\b", re.IGNORECASE)
"""The other value of a comparison, as digits or a word."""
_FROM_TO_END = re.compile(r"\bto\s+(?:the\s+)?(?:current\s+)?$", re.IGNORECASE)
_SEASON_ENDS = {"spring": 5, "summer": 8, "autumn": 11, "winter": 2}
"""The month each season ends in; a season is its three months up to then."""
_SEASON = re.compile(r"\b(spring|summer|autumn|winter)\b", re.IGNORECASE)
_SHORT_MONTHS = frozenset(m.lower()[:3] for m in MONTHS if m != "May") | {"sept"}
_SHORT_MONTH = rf"(?:{'|'.join(sorted(_SHORT_MONTHS, key=lambda m: (-len(m), m)))})\.?"
_MONTH_YEARS = re.compile(
    rf"\b({_MONTH}|{_SHORT_MONTH})\s+({_YEAR}|'?(?:[1-4]\d)(?![\d,.%]))(?!\s*(?:%|percent|per cent))",
    re.IGNORECASE,
)  # "March 2023", "march 2023", "Dec 2023", "dec 23" (in a short form only: "March 23" is a day)
_SHORT_MONTH_YEAR = rf"\b{_SHORT_MONTH}\s+(?:{_YEAR}|'?[1-4]\d(?![\d,.%]))"
_DAY_OF_MONTH = r"\d{1,2}(?:st|nd|rd|th)?\s+"  # "1 ", "29th "
_SINCE = re.compile(r"^since\s+(?:the\s+)?", re.IGNORECASE)
_SHORT_CYCLE_TEXT = re.compile(r"(\d{2})\s*[-–]\s*\d{2}")
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
_OPEN_END = 2100 * 12  # "since 2010" runs on to any later month
_BOUND_AFTER = re.compile(
    r"\s*(?:in|during|for|at|by|of)?\s*(?:the\s+)?|"
    r"\s*(?:in|over|during|for|at)\s+the\s+same\s+(?:[A-Za-z-]+\s+){1,3}|"
    r"\s*(?:[A-Za-z]+\s+){0,2}by\s+(?:the\s+end\s+of\s+)?",
    re.IGNORECASE,
)  # e.g. "7 percent in 2017", "4,145 officers by the end of March 2023": that figure's own


def _month_year(month: str, year: str) -> tuple[int, int]:
    digits = int(year.lstrip("'"))
    return digits + 2000 if digits < 100 else digits, MONTH_NUMBER[month.lower()[:3]]


def _month_years(text: str) -> list[tuple[int, int]]:
    """Each month named with its year, in order; a two-digit year only after a short month."""
    return [
        _month_year(month, year)
        for month, year in _MONTH_YEARS.findall(text)
        if len(year.lstrip("'")) == 4 or month.lower().rstrip(".") in _SHORT_MONTHS
    ]


def _key_last_month_year(m: re.Match[str]) -> tuple[tuple[int, int] | None, bool]:
    pairs = _month_years(m.group(0))
    if pairs:
        return pairs[-1], False
    months = re.findall(_MONTH, m.group(0))
    years = re.findall(_YEAR, m.group(0))
    if months and years:
        return _month_year(months[-1], years[-1]), False
    if years:
        return (int(years[-1]), 12), False
    return None, False


def _key_split_year(m: re.Match[str]) -> tuple[tuple[int, int] | None, bool]:
    return (split_year(m.group(1), m.group(2))[1], 3), False  # "2018/19" ends in March 2019


def _key_short_split_year(m: re.Match[str]) -> tuple[tuple[int, int] | None, bool]:
    """ "22/23" is the financial year 2022/23 when the years follow on and the second cannot be
    a month (over 12); anything else ("12/11", "30/10") is no period of its own (None)."""
    first, second = int(m.group(1)), int(m.group(2))
    if second != first + 1 or second <= 12 or second >= 50:
        return None, False
    return (2000 + second, 3), False


def _key_short_cycle(m: re.Match[str]) -> tuple[tuple[int, int] | None, bool]:
    """ "23-25" after "in" or "the" is PEEL 2023-25, ending in March 2025, when the second year
    is one or two after the first; "the 18-24 age group" is no period (None)."""
    first, second = int(m.group(1)), int(m.group(2))
    if second - first not in (1, 2):
        return None, False
    return (2000 + second, 3), False


def _key_year(m: re.Match[str]) -> tuple[tuple[int, int] | None, bool]:
    return (int(re.findall(_YEAR, m.group(0))[-1]), 12), False


def _key_season(m: re.Match[str]) -> tuple[tuple[int, int] | None, bool]:
    """A season's last month: spring ends in May, summer in August, autumn in November, and
    winter in the February after the year named ("winter 2023" is 2023/24's)."""
    last_month = _SEASON_ENDS[m.group(1).lower()]
    year = int(m.group(2).lstrip("'"))
    year = year + 2000 if year < 100 else year
    return (year + (last_month < 3), last_month), False


def _key_short_year(m: re.Match[str]) -> tuple[tuple[int, int] | None, bool]:
    return (2000 + int(m.group(1)), 12), False


def _key_relative(m: re.Match[str]) -> tuple[tuple[int, int] | None, bool]:
    return None, True


_PERIOD_PATTERNS = [
    (
        re.compile(
            rf"\brolling (?:year|quarter|12 months)(?: data| figures?)?(?: to| for| ending| \()?\s*"
            rf"(?:the\s+end\s+of\s+)?(?:(?:\d{{1,2}}\s+)?{_MONTH}\s+{_YEAR}|{_SHORT_MONTH_YEAR})\)?",
            re.IGNORECASE,
        ),
        _key_last_month_year,
    ),
    (
        re.compile(
            rf"\b(?:the\s+)?(?:(?:last|past|previous)\s+)?(?:12|twelve|six|three)\s+months?\s+"
            rf"(?:to|ending|up to)\s+(?:the\s+end\s+of\s+)?"
            rf"(?:(?:\d{{1,2}}\s+)?{_MONTH}\s+{_YEAR}|{_SHORT_MONTH_YEAR})",
            re.IGNORECASE,
        ),
        _key_last_month_year,
    ),
    (
        re.compile(
            rf"\byear (?:ending|to)\s+(?:the\s+end\s+of\s+)?"
            rf"(?:(?:\d{{1,2}}\s+)?{_MONTH}\s+{_YEAR}|{_SHORT_MONTH_YEAR})",
            re.IGNORECASE,
        ),
        _key_last_month_year,
    ),
    (
        re.compile(
            rf"\b(?:between\s+|BETWEEN\s+)?(?:{_MONTH},\s+)*(?:{_DAY_OF_MONTH})?"
            rf"(?:{_MONTH}\s+(?:{_YEAR}\s+)?)"
            rf"(?:to|and|TO|AND|-|–)\s+(?:{_DAY_OF_MONTH})?{_MONTH}\s+{_YEAR}"
        ),
        _key_last_month_year,
    ),  # e.g. "April to September 2020", "November 2021 to April 2022", "June, July and August 2022",
    # "1 January to 31 December 2022", "9 October 2022 to 9 January 2023"
    (
        re.compile(rf"\b(?:as at\s+|week commencing\s+)?(?:{_DAY_OF_MONTH})?{_MONTH}\s+{_YEAR}"),
        _key_last_month_year,
    ),
    (
        re.compile(
            rf"{_SHORT_MONTH_YEAR}(?:\s+(?:to|-|–)\s+{_SHORT_MONTH_YEAR})?|"
            rf"\b(?:{_DAY_OF_MONTH})?(?:{'|'.join(m.lower() for m in MONTHS if m != 'May')})\s+"
            rf"{_YEAR}|\b{_DAY_OF_MONTH}may\s+{_YEAR}",
            re.IGNORECASE,
        ),
        _key_last_month_year,
    ),  # as typed in a hurry: "dec 23", "nov 21 to oct 22", "march 2023", "7 july 2024"; "may"
    # is a verb too, so only with its day: "1 may 2024"
    (
        re.compile(
            rf"\b(?:the\s+)?(spring|summer|autumn|winter)(?:\s+of)?\s+({_YEAR}|'?[1-4]\d)(?![\d,.%])",
            re.IGNORECASE,
        ),
        _key_season,
    ),  # "autumn 2022", "the summer of 2024", "autumn 22"
    (
        re.compile(
            r"\b(?:the\s+)?(?:end|start|beginning|middle|mid|early|late)(?:\s+of)?[\s-]+'?"
            r"(1[5-9]|2\d)\b(?![\d,.%:/])(?!\s*(?:months?|weeks?|days?|years?|hours?|minutes?|"
            r"seconds?|per\b|percent|people|officers|cases|calls))",
            re.IGNORECASE,
        ),
        _key_short_year,
    ),  # "end of 23", "early 24": a two-digit year where no day is meant (not "end of 12 months")
    (
        re.compile(rf"\b({_YEAR})\s*[/\-–]\s*(\d{{2}}|{_YEAR})\b"),
        _key_split_year,
    ),  # "2018/19", "2023-25"
    (
        _SHORT_SPLIT_YEAR,
        _key_short_split_year,
    ),  # "22/23" for 2022/23, only where the second follows the first: "12/11" may be a date
    (
        _SHORT_CYCLE,
        _key_short_cycle,
    ),  # "in 23-25", "the 21-22 report": an inspection cycle or a year with two-digit years
    (re.compile(rf"\b(?:in|during|since|from|for|by|of)\s+{_YEAR}\b"), _key_year),
    (re.compile(rf"(?<![\d,.£$])(?<!Act )\b{_YEAR}\b(?!\s*(?:%|percent|per cent))"), _key_year),
    (_PREVIOUS, _key_relative),
    (
        re.compile(
            r"\b(?:in recent (?:months|weeks)|recent months|recent weeks|currently|current|latest|"
            r"at the time of (?:our |the )?(?:inspection|writing)|last month|this month|"
            r"last quarter|this year|now)\b",
            re.IGNORECASE,
        ),
        _key_relative,
    ),
]

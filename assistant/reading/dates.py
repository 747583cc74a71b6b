"""Dates of events as a sentence states them: "on 10 January 2024", "in autumn 2019", "on the
4th December" (a day and month with no year),
"signed off on 27/08/2024", "starting 12/02/25", "by March 2024", "in 2019".

A figure's period says *when a number was true*; an event's date says *when something
happened*. The check reads the second kind for claims that carry no figure but a date ("the
report was published on 10 January 2023"): the date is what such a claim asserts, so two dates
agree or conflict by what both state: a year alone agrees with any day of it and conflicts
only with another year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.reading.vocabulary import MONTH_NUMBER, MONTH_PATTERN, WEEKDAY_PATTERN, YEAR_PATTERN

_SEASON_WORDS = {
    "spring": "spring",
    "summer": "summer",
    "autumn": "autumn",
    "fall": "autumn",
    "winter": "winter",
}
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"\b(?P<dmy_d>[0-3]?\d)/(?P<dmy_m>[01]?\d)/(?P<dmy_y>{YEAR_PATTERN}|\d\d)\b(?!/)"
    rf"|\b(?P<day>[0-3]?\d){_ORDINAL}\s+(?:of\s+)?(?P<month>{MONTH_PATTERN})\s+(?P<year>{YEAR_PATTERN})\b"
    rf"|\b(?P<m_month>{MONTH_PATTERN})\s+(?P<m_day>[0-3]?\d){_ORDINAL},?\s+(?P<m_year>{YEAR_PATTERN})\b"
    rf"|\b(?P<month_only>{MONTH_PATTERN}),?\s+(?P<my_year>{YEAR_PATTERN})\b"
    rf"|\b(?P<season>(?i:spring|summer|autumn|fall|winter))\s+(?:of\s+)?(?P<s_year>{YEAR_PATTERN})\b"
    rf"|\b(?P<dm_day>[0-3]?\d){_ORDINAL}\s+(?:of\s+)?(?P<dm_month>{MONTH_PATTERN})\b(?!,?\s+\d)"
    rf"|(?<![/\d£$–-])\b(?P<y>{YEAR_PATTERN})\b(?![/\d]|\s*[-–]\s*\d|%)",
)


_ROLE_BEFORE = (
    (
        "deadline",
        re.compile(r"\b(?:by|until|till|before|due|deadline|no later than)\s+(?:the\s+)?$", re.I),
    ),
    ("start", re.compile(r"\b(?:since|from|after|starting)\s+(?:the\s+)?$", re.I)),
    ("event", re.compile(r"\b(?:in|on|during|at|of)\s+(?:the\s+)?(?:early|late|mid)?\s*$", re.I)),
)
"""What a date is to its event, read from the word before it: "by March 2024" is a deadline,
"since 2017" a start, "on 10 January 2024" when it happened."""
_NAMED_BEFORE = re.compile(r"\b[A-Z][A-Za-z]+\s+$")
"""A year right after a capitalised word is part of a name: "the Police and Crime Act 2017",
"the Policing Protocol 2023"."""


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as stated: what it names of day, month or season, and year; offsets into its text;
    and its role ("event", "deadline", "start", "name", or None when no word before it says)."""

    text: str
    start: int
    end: int
    year: int | None  # None for a day and month alone ("on the 4th December")
    month: int | None = None
    day: int | None = None
    season: str | None = None
    role: str | None = None


def find_dates(text: str) -> list[DateMention]:
    """Every date the text states, in order; a year inside a span of years ("2019/20",
    "2021-2024") or an amount is no event's date."""
    found = []
    for m in _DATE.finditer(text):
        g = m.groupdict()
        if g["dmy_y"]:
            month = int(g["dmy_m"])
            if not 1 <= month <= 12:
                continue
            mention = _mention(m, _full_year(g["dmy_y"]), month=month, day=int(g["dmy_d"]))
        elif g["year"]:
            mention = _mention(m, int(g["year"]), month=_month(g["month"]), day=int(g["day"]))
        elif g["m_year"]:
            mention = _mention(m, int(g["m_year"]), month=_month(g["m_month"]), day=int(g["m_day"]))
        elif g["my_year"]:
            mention = _mention(m, int(g["my_year"]), month=_month(g["month_only"]))
        elif g["s_year"]:
            mention = _mention(m, int(g["s_year"]), season=_SEASON_WORDS[g["season"].lower()])
        elif g["dm_month"]:
            day = int(g["dm_day"])
            if not 1 <= day <= 31:
                continue
            mention = _mention(m, None, month=_month(g["dm_month"]), day=day)
        else:
            mention = _mention(m, int(g["y"]))
        found.append(mention)
    return found


def _mention(m: re.Match[str], year: int | None, **parts: int | str | None) -> DateMention:
    before = m.string[max(0, m.start() - 25) : m.start()]
    role = next((name for name, pattern in _ROLE_BEFORE if pattern.search(before)), None)
    if role is None and not parts and _NAMED_BEFORE.search(before):
        role = "name"
    return DateMention(m.group(0), m.start(), m.end(), year, **parts, role=role)  # type: ignore[arg-type]


def moved(date: DateMention, offset: int) -> DateMention:
    """A date found in a sentence, placed in the text the sentence came from."""
    return replace(date, start=date.start + offset, end=date.end + offset)


def _full_year(year: str) -> int:
    """A year as written in a day/month/year date: "25" of "12/02/25" is 2025, "98" 1998 (the
    years YEAR_PATTERN reads, 1950-2049)."""
    value = int(year)
    if value >= 100:
        return value
    return 2000 + value if value < 50 else 1900 + value


def _month(name: str) -> int:
    return MONTH_NUMBER[name.lower()]


def _fields(date: DateMention) -> dict[str, int | str]:
    fields: dict[str, int | str] = {} if date.year is None else {"year": date.year}
    if date.month:
        fields["month"] = date.month
    if date.day:
        fields["day"] = date.day
    if date.season:
        fields["season"] = date.season
    return fields


def confirms(source: DateMention, claimed: DateMention) -> bool:
    """Whether a source's date confirms a claimed one: it states all the claim states, the same
    ("autumn 2019" confirms "2019"; "2019" does not confirm "autumn 2019")."""
    mine, theirs = _fields(claimed), _fields(source)
    if "season" in mine and "month" in theirs and "season" not in theirs:
        return False
    return all(theirs.get(k) == v for k, v in mine.items())


def conflicts(source: DateMention, claimed: DateMention) -> bool:
    """Whether two dates of the same role cannot both be right: they differ in something both
    state ("March 2023" and "March 2024"; "27/08/2024" and "27/09/2024"; "autumn 2018" and
    "autumn 2019"). A deadline does not conflict with when something happened ("in 2019 it
    aimed to be digital by 2025")."""
    if "name" in (source.role, claimed.role) or (
        source.role and claimed.role and source.role != claimed.role
    ):
        return False
    mine, theirs = _fields(claimed), _fields(source)
    return any(k in theirs and theirs[k] != v for k, v in mine.items())


_AMOUNT = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|"
    r"some)"
)
_UNIT = r"(?:days?|weeks?|months?|years?|hours?|minutes?|quarters?|financial year)"
_WHEN = re.compile(
    rf"\b(?:{MONTH_PATTERN}|(?i:spring|summer|autumn|winter)(?:time)?)\b"
    r"|\b(?i:Q[1-4])\b"
    rf"|(?i:\b(?:early|late|mid|next|last|this|following|previous)[\s-]+"
    rf"(?:{_UNIT}|spring|summer|autumn|winter)\b)"
    rf"|(?i:\b{_AMOUNT}\s+{_UNIT}\s+(?:before|after|earlier|later|ago|on|into|from)\b)"
    rf"|(?i:\b(?:after|within|for|once|at|by|reached)\s+(?:about\s+|around\s+)?"
    rf"{_AMOUNT}\s+{_UNIT})"
    rf"|(?i:\b{WEEKDAY_PATTERN}s?\b|\bweek(?:end|day)s?\b"
    r"|\bovernight\b|\b(?:nights?|days?) a week\b|\boffice hours\b|\bat night\b"
    r"|\b(?:daily|weekly|monthly|quarterly|annually|every (?:day|week|month|year))\b"
    r"|\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b[0-2]\d:[0-5]\d\b)"
)
"""A time as prose gives it without a calendar date: a month or season alone ("the
cancelled September meeting", "around springtime"), a quarter ("Q4"), a time relative to
another ("early next year", "five weeks before our inspection"), after a span ("once they
have reached about 15 months"), or when something recurs ("three nights a week", "at
weekends", "during office hours")."""


def says_when(text: str) -> bool:
    """Whether a text gives any time at all: a date, or a time written as prose gives it
    (`_WHEN`). A "when" question's answer must; "the force pioneered DARA" names none."""
    return bool(find_dates(text)) or bool(_WHEN.search(text))

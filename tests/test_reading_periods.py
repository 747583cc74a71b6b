"""Periods as the documents write them, read into spans of months (one reading per case)."""

from __future__ import annotations

import pytest

from assistant.reading.clauses import claimed_figures
from assistant.reading.periods import (
    PeriodSpan,
    asked_period_fits,
    dated_before,
    figure_periods,
    find_periods,
    is_previous,
    period_span,
    previous_span,
    recent_span,
    sentence_periods,
    spans_match,
    split_year,
)


def months(span: PeriodSpan) -> tuple[tuple[int, int], tuple[int, int]]:
    return (span.first // 12, span.first % 12 + 1), (span.last // 12, span.last % 12 + 1)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("in March 2023 (69.4%)", (2023, 3), (2023, 3)),
        ("the previous PEEL 2021/22 inspection", (2021, 4), (2022, 3)),  # a financial year
        ("PEEL 2023-25", (2023, 4), (2025, 3)),
        ("In PEEL 2023–25 Sussex Police was graded", (2023, 4), (2025, 3)),  # an en dash
        ("contact demand in 2024–25", (2024, 4), (2025, 3)),
        ("from 18 percent in 2017", (2017, 1), (2017, 12)),
        ("rolling year to December 2023 reporting", (2023, 1), (2023, 12)),  # the whole year
        ("in the 12 months to 31 March 2018", (2017, 4), (2018, 3)),
        ("12 months ending 30 September 2018", (2017, 10), (2018, 9)),
        ("in the year ending March 2023", (2022, 4), (2023, 3)),
        ("1 January to 31 December 2022", (2022, 1), (2022, 12)),  # a run of days
        ("reviewed 9 October 2022 to 9 January 2023", (2022, 10), (2023, 1)),
        ("in the year to December 2023?", (2023, 1), (2023, 12)),  # a year, not its last month
        ("the year to September 2018", (2017, 10), (2018, 9)),
        ("Rolling quarter data for December 2023", (2023, 10), (2023, 12)),
        ("He reported that April to September 2020 the average", (2020, 4), (2020, 9)),
        ("issued between November 2021 and April 2022", (2021, 11), (2022, 4)),
        ("Over June, July and August 2022, on average 75%", (2022, 6), (2022, 8)),  # a list
        ("saved £90m since 2010", (2010, 1), (2100, 1)),  # open-ended
        ("since the 2021/22 inspection", (2021, 4), (2100, 1)),
        ("as at 31 March 2018", (2018, 3), (2018, 3)),
        ("week commencing 10 April 2023", (2023, 4), (2023, 4)),
        # A heading in capitals names its month as prose does.
        ("999 CALLS ANSWERED, NOVEMBER 2023: SELECTED FORCES", (2023, 11), (2023, 11)),
        ("ANSWER TIMES, MAY 2022 TO APRIL 2023", (2022, 5), (2023, 4)),
        # A financial year with two-digit years, where the second follows the first.
        ("The plan by EY remains for 22/23 in terms of", (2022, 4), (2023, 3)),
        # "the end of" a month ends a rolling year there
        ("closed 287 farms in the 12 months to the end of October 2023", (2022, 11), (2023, 10)),
        # typed in a hurry: lower case, short months, two-digit years
        ("how many were shut down in the year to october 2023", (2022, 11), (2023, 10)),
        ("what was the rate in march 2023", (2023, 3), (2023, 3)),
        ("hung up, year to dec 23", (2023, 1), (2023, 12)),
        ("suspects nov 21 to oct 22 - how many", (2021, 11), (2022, 10)),
        ("sept 2024 figures", (2024, 9), (2024, 9)),
        # a day before a lower-case month; "may" only with its day, since it is a verb too
        ("crimes at the highland games on 7 july 2024", (2024, 7), (2024, 7)),
        ("crimes in padstow on 1 may 2024", (2024, 5), (2024, 5)),
        ("the fair that finished on 29th june 2024", (2024, 6), (2024, 6)),
        ("Table: Mar 23 | Apr 23", (2023, 3), (2023, 3)),
        # a season, loosely: its three months
        ("moved onto the phones in autumn 22", (2022, 9), (2022, 11)),
        ("over the summer of 2024", (2024, 6), (2024, 8)),
        ("winter 2023", (2023, 12), (2024, 2)),
        # a two-digit year after "end of", "early", "mid": the whole year, as "end of 2023" is
        ("999 answer rate end of 23", (2023, 1), (2023, 12)),
        ("abandonment early 24 vs now", (2024, 1), (2024, 12)),
        ("mid-23", (2023, 1), (2023, 12)),
        # an inspection cycle with two-digit years, after a word that introduces a period
        ("In the 23-25 staff survey 93.4% said", (2023, 4), (2025, 3)),
        ("grounds recorded went to 88.5% in 23-25.", (2023, 4), (2025, 3)),
        ("abandonment rose in 23-24, then fell", (2023, 4), (2024, 3)),
    ],
)
def test_period_span(text: str, first: tuple[int, int], last: tuple[int, int]) -> None:
    periods = find_periods(text)
    assert periods, f"no period in {text!r}"
    span = period_span(periods[0], "stated")
    assert span is not None and months(span) == (first, last)


@pytest.mark.parametrize(
    "text",
    [
        "in recent months",
        "Current performance reflects",
        "at the time of our inspection",
        "last month",
    ],
)
def test_relative_period_has_no_months_of_its_own(text: str) -> None:
    (period,) = find_periods(text)
    assert period.relative and period.sort_key is None


@pytest.mark.parametrize(
    ("date", "first", "last"),
    [
        ("2024-02-06", (2023, 8), (2024, 2)),
        ("2019-05", (2018, 11), (2019, 5)),
        ("2022", (2022, 1), (2022, 12)),
    ],
)
def test_recent_span_resolves_against_the_document_date(
    date: str, first: tuple[int, int], last: tuple[int, int]
) -> None:
    assert months(recent_span(date, "currently", "relative")) == (first, last)


@pytest.mark.parametrize(
    ("first", "second", "years"),
    [("2018", "19", (2018, 2019)), ("2023", "25", (2023, 2025)), ("1999", "00", (1999, 2000))],
)
def test_split_year(first: str, second: str, years: tuple[int, int]) -> None:
    assert split_year(first, second) == years


def _span(text: str) -> PeriodSpan:
    span = period_span(find_periods(text)[0], "stated")
    assert span is not None
    return span


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ("in March 2023", "in March 2023", True),
        ("in March 2023", "rolling year to December 2023", False),
        ("in 2023", "rolling year to December 2023", True),
        ("in 2018/19", "in 2018", True),
        ("in April 2018", "in April 2019", False),  # the blended-periods trap
        ("in 2015", "in 2017", False),
        ("in the 12 months to March 2023", "in the year ending March 2023", True),
        ("in the 12 months to March 2023", "in the 12 months to March 2022", False),
        ("in the 12 months to March 2023", "in 2022/23", True),  # the same twelve months
        ("in the 12 months to March 2023", "in 2023", False),  # a run is not a calendar year
        ("in the 12 months to June 2023", "in the 12 months to March 2023", False),
        ("April to September 2022", "in 2022", True),
        ("April to September 2022", "April to September 2021", False),
        ("since the 2021/22 inspection", "as at October 2022", True),
        ("since 2010", "in 2009", False),
    ],
)
def test_spans_match(a: str, b: str, match: bool) -> None:
    assert spans_match(_span(a), _span(b)) is match


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        # 2019 report: the period after the first figure is that figure's alone
        ("cut its rate from 18 percent in 2017 to 7 percent", ["in 2017", None]),
        ("from 18 percent in 2017, to the current 7 percent", ["in 2017", "current"]),
        # a deadline after the figure, not the month it was said (board minutes, own words)
        ("In October 2022 it expected 4,145 officers by the end of March 2023", ["March 2023"]),
        ("In 2018 the force obtained 156 orders", ["2018"]),
        # a comparison between two figures: the period named after the second is its alone
        ("The force now has 278 PCSOs, down from 312 in 2021", ["now", "in 2021"]),
        ("The wait was 31 days, compared with 47 days in 2022", [None, "in 2022"]),
        ("Arrests rose to 341, more than the 296 of 2022", [None, "of 2022"]),
        # as many periods as figures, listed after them: each in turn
        ("Sickness fell from 9.4 to 9.1 days between 2021/22 and 2022/23", ["2021/22", "2022/23"]),
        ("It answered 71% and 75% in 2022 and 2023 respectively", ["in 2022", "2023"]),
        # no comparison between them: one period for both figures
        ("It answered 71% of calls and abandoned 5% in March 2023", ["March 2023", "March 2023"]),
        # "last year" is the other value's; the first takes its heading's or document's period
        ("Officers recorded 9 crimes, against 15 at last year's show", [None, "last year"]),
        ("They received 17 calls, compared with 26 last year", [None, "last year"]),
        # the other value too small a word to be read as a figure: its period is still not ours
        ("Three crimes were reported, down from nine at last year's fair", [None]),
        ("Three crimes were reported, against nine in 2023", [None]),
        # "in the same six months of 2023" is the second figure's own
        (
            "It recorded 27 robberies between April and September 2024, down from 41 in the "
            "same six months of 2023",
            ["between April and September 2024", "of 2023"],
        ),
        # a previous year across a semicolon belongs to its own side
        (
            "The force aims to reach 12,000 pupils; last year's talks reached 9,000",
            [None, "last year"],
        ),
    ],
)
def test_figure_periods(text: str, periods: list[str | None]) -> None:
    figures = claimed_figures(text)
    found = figure_periods(text, figures, sentence_periods(text, None))
    assert [p.text if p else None for p in found] == periods


@pytest.mark.parametrize(
    ("reference", "text", "first", "last"),
    [
        # 2019 report: 151 SHPOs in the 12 months to 31 March 2018, 147 "in the previous 12-month
        # period"
        ("in the 12 months to 31 March 2018", "the previous 12-month period", (2016, 4), (2017, 3)),
        ("in 2022/23", "the previous year", (2021, 4), (2022, 3)),
        ("in March 2023", "a year earlier", (2022, 3), (2022, 3)),
        ("at 31 March 2024", "two years earlier", (2022, 3), (2022, 3)),
        ("in September 2024", "a year ago", (2023, 9), (2023, 9)),
        ("in 2023/24", "three years before", (2020, 4), (2021, 3)),
        ("in 2024", "last year", (2023, 1), (2023, 12)),  # "15 at last year's festival"
    ],
)
def test_previous_period_is_the_year_before_the_one_named(
    reference: str, text: str, first: tuple[int, int], last: tuple[int, int]
) -> None:
    (period,) = find_periods(text)
    span = previous_span(period, _span(reference))
    assert is_previous(period) and span is not None and months(span) == (first, last)


@pytest.mark.parametrize(
    ("asked", "stated", "fits"),
    [
        # a question's month fits a run ending in it, as users ask "by December 2023"
        ("by December 2023", "Rolling quarter data for December 2023", True),
        ("in the year to December 2023", "rolling year to December 2023", True),
        ("in the year to December 2023", "rolling year figures (December 2023)", True),
        # a month inside the run asked: "June and September 2022" fits "September 2022"
        ("between June and September 2022", "in September 2022", True),
        # the near misses: another month, another run
        ("in March 2022", "in March 2023", False),
        ("in the year to March 2024", "rolling year to December 2023", False),
        ("in the year to March 2024", "in March 2023", False),
        # a month inside a rolling year asked is not the rolling year's figure
        ("for the rolling year to December 2023", "in March 2023", False),
        ("in the 12 months to June 2018", "in January 2018", False),
        ("for the rolling year to December 2023", "in December 2023", True),
        ("in 2019/20", "in 2018/19", False),
        # a year or a cycle asked fits what overlaps it
        ("in 2022", "in September 2022", True),
        ("in 2023", "rolling year to December 2023", True),
        ("PEEL 2023-25", "in 2024", True),
        ("in 2019", "in 2017", False),
    ],
)
def test_asked_period_fits(asked: str, stated: str, fits: bool) -> None:
    assert asked_period_fits(_span(asked), _span(stated)) is fits


@pytest.mark.parametrize(
    ("sentence", "date", "named"),
    [
        # South Wales news dated January 2024: "in October" is October 2023
        ("South Wales Police received 19,593 emergency calls in October.", "2024-01-07",
         (2023, 10)),
        ("Calls rose in January.", "2024-01-07", (2024, 1)),
        ("Calls rose in October.", "2024", (2024, 10)),  # a year alone says no month
        ("Calls rose in October 2022.", "2024-01-07", (2022, 10)),  # a year named wins
        ("In November there were 655 cases.", "2022-10-31", (2021, 11)),  # at a sentence's start
    ],
)  # fmt: skip
def test_a_bare_month_is_the_last_one_before_the_documents_date(
    sentence: str, date: str, named: tuple[int, int]
) -> None:
    (period,) = sentence_periods(sentence, int(date[:4]), date)
    assert period.sort_key == named


@pytest.mark.parametrize(
    "text",
    [
        "section 136 of the Mental Health Act 1983 at about 1,450 a year",  # a statute
        "met on 12/11 to agree it",  # could be a date: no period of its own
        "scored 3/4 on the checklist",
        "signed off 30/10",
        "In June 23 officers joined",  # a full month's name with a number is a day or a count
        "the force may 23 times have",
        "reviewed at the end of 12 months",  # a count of months, not 2012
        "the end of 20 minutes",
        "officers in their early 20s",
        # two two-digit numbers joined by a dash: an age band, a range, a count, not a cycle
        "the 18-24 age group",
        "the 16-25 year olds",
        "waits of 23-25 minutes",
        "from 23-25 per cent",
        "in 23-25,000 cases",
        "the 20-25 plan",  # five years apart: a range, not a cycle
        "shifts of 15-17 officers",
        "calls rose by 15-16 a day",
    ],
)
def test_not_a_period(text: str) -> None:
    assert find_periods(text) == [], f"no period expected in {text!r}"


@pytest.mark.parametrize(
    ("reference", "text", "before"),
    [
        ("in 2024", "last year", True),  # "51 per cent a year before": not what "now" means
        ("in March 2023", "a year earlier", True),
        ("in 2022/23", "the previous year", True),
    ],
)
def test_a_span_counted_back_is_dated_before(reference: str, text: str, before: bool) -> None:
    (period,) = find_periods(text)
    assert dated_before(previous_span(period, _span(reference))) is before
    assert not dated_before(_span(reference))
    assert not dated_before(None)

"""Figures and periods as the documents write them (every case is a phrase from the corpus)."""

from __future__ import annotations

import pytest

from assistant.figures import assign_period, find_figures, find_periods, same_figure
from assistant.reading.mentions import counted_phrase, services_named, states_quantity


@pytest.mark.parametrize(
    ("text", "figure", "value", "unit"),
    [
        ("an abandonment rate of 33.4%, resulting in an AFI", "33.4%", 33.4, "%"),
        ("from 18 percent in 2017", "18 percent", 18.0, "%"),
        ("the pilot ran for 18 months", "18 months", 18.0, "months"),  # a length still counts
        (
            "2 percentage points above that referenced",
            "2 percentage points",
            2.0,
            "percentage points",
        ),
        ("Responses were received from 2,093 staff members", "2,093", 2093.0, "staff"),
        ("The force closed 37,278 investigations", "37,278", 37278.0, "investigations"),
        ("Spend per head of population | Kent spend: £160", "£160", 160.0, "£"),
        ("a budget of £4.9m for the year", "£4.9m", 4_900_000.0, "£"),
        (
            "the average response time was 25 minutes 13 seconds;",
            "25 minutes 13 seconds",
            1513.0,
            "seconds",
        ),
        ("this was higher at 91.6% (22 from 24).", "22 from 24", 22.0, "of 24"),
        ("agreed that 14 of the 19 AFIs", "14 of the 19", 14.0, "of 19"),
        ("assessed the force across eleven areas of policing", "eleven", 11.0, "areas"),
        ("two areas being graded 'Requires Improvement'", "two", 2.0, "areas"),
        (
            "The current time to allocate an investigation is one day.",
            "one day",
            86400.0,
            "seconds",
        ),
        # shares in words, read as the percentage they name
        ("Over a third of Sgts had completed the training", "a third", 100 / 3, "%"),
        (
            "the force attends almost three-quarters of domestic abuse incidents",
            "three-quarters",
            75.0,
            "%",
        ),
        ("more than half of the areas inspected", "half", 50.0, "%"),
        ("In June about one fifth had taken longer", "one fifth", 20.0, "%"),
        # A table cell alone on its line, the next cell's label after a blank line.
        ("compared to white individuals\n\n4.2\n\nStop and Search", "4.2", 4.2, None),
        # Durations and counts written as adjectives or in a table label.
        (
            "all frontline staff attend a three-day public protection course",
            "three-day",
            259200.0,
            "seconds",
        ),
        ("savings of £24.1m over a three-year period", "three-year", 3.0, "years"),
        (
            "Average time to answer a 101 call, March 2023: four-and-a-half minutes",
            "four-and-a-half minutes",
            270.0,
            "seconds",
        ),
        ("Mean time to answer (seconds): 36.10 | Position of 44", "36.10", 36.1, "seconds"),
        ("The seven-force strategic alliance, of which Kent is a member", "seven", 7.0, "force"),
        # compound number words, as news copy opens a sentence: one number, not its last word
        ("Twenty-two officers were hurt on duty.", "Twenty-two", 22.0, "officers"),
        ("The unit now has forty-five PCSOs.", "forty-five", 45.0, "pcsos"),
        (
            "Thirty-one of the 57 people arrested lived outside Wales.",
            "Thirty-one of the 57",
            31.0,
            "of 57",
        ),
        ("ninety-nine per cent of calls were answered", "ninety-nine per cent", 99.0, "%"),
        ("the line is staffed twenty-four hours a day", "twenty-four hours", 86400.0, "seconds"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_finds_figure_with_value_and_unit(text: str, figure: str, value: float, unit: str) -> None:
    found = {f.text: f for f in find_figures(text)}
    assert figure in found, f"expected {figure!r} among {list(found)}"
    assert (found[figure].value, found[figure].unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Performance in respect of 999 and 101 calls was adversely affected",  # service names
        "the force's 101-abandonment rate",
        "On 17 November 2023, HMICFRS published",  # a date
        "Deadline 30/10/2024 and signoff 14/08/2024",
        "AFI 9 – the force needs to better manage",  # a label
        "the administration of outcome 21",
        "reduction in Section 136 detentions",
        "Slide 22 and 23 – FCR performance",
        "PEEL 2021/22 and the Policing Protocol 2023",  # years
        "20. Performance in respect of call handling",  # a paragraph number
        "3.1\nHMICFRS published its report",  # a paragraph number on the line above its text
        "4.1 | The force's performance report",  # a Word export's numbered paragraph, cleaned
        "4. | Call answering",
        "for a force once graded inadequate, not one inadequate grade",  # "not one" is none
        "Not three areas but all of them",
        "They marginally decreased in the last quarter of 2022",  # a quarter of the year
        "in the first half of 2023",
        "on behalf of the Commissioner",
        "asked for a third time",
        "fifth of all forces that month",  # a rank
        "the 12-month rolling average",  # a period's length, not a count of months
        "up from the previous twelve months",  # a period, not a count of months
        "the same figure two years earlier",
        "over the past three years",
        "a team formed ten years ago",
        "the board meets every three months",  # how often, not a count of months
        "in the first six months of the scheme",
        "Meet the four-legged officers of the dog section",  # a kind, not a count of legs
        "a one-off payment",
        "section 136 of the Mental Health Act 1983",  # a statute's year
        "The plan by EY remains for 22/23",  # a financial year
        "from Thursday 22 to Sunday 25 August 2024",  # a run of days
        "between 11 and 12 January 2025",
        "the festival ran 6-12 June",
    ],
)
def test_ignores_what_is_not_a_figure(text: str) -> None:
    assert find_figures(text) == [], f"no figure expected in {text!r}"


@pytest.mark.parametrize(
    ("a", "b"),
    [("96.6 percent", "96.6%"), ("2,093", "2093"), ("18 per cent", "18%"), ("29", "25 of the 29")],
)
def test_same_quantity_written_two_ways(a: str, b: str) -> None:
    assert same_figure(find_figures(a)[0], find_figures(b)[0])


@pytest.mark.parametrize(
    ("a", "b"),
    [("96.6%", "96.7%"), ("7 percent", "7 days"), ("12.7%", "12.7 percentage points")],
)
def test_different_quantities_do_not_match(a: str, b: str) -> None:
    assert not same_figure(find_figures(a)[0], find_figures(b)[0])


@pytest.mark.parametrize(
    ("text", "period", "key"),
    [
        (
            "rolling year to December 2023 reporting an attrition rate",
            "rolling year to December 2023",
            (2023, 12),
        ),
        ("the report refers to March 2023 data", "March 2023", (2023, 3)),
        ("in the 12 months to 31 March 2018", "the 12 months to 31 March 2018", (2018, 3)),
        ("April to September 2020 the average response time", "April to September 2020", (2020, 9)),
        ("the previous PEEL 2021/22 inspection", "2021/22", (2022, 3)),
        ("from 18 percent in 2017", "in 2017", (2017, 12)),
    ],
)
def test_periods_have_sortable_keys(text: str, period: str, key: tuple[int, int]) -> None:
    found = {p.text: p.sort_key for p in find_periods(text)}
    assert found.get(period) == key, f"expected {period!r} -> {key}, got {found}"


@pytest.mark.parametrize(
    ("text", "figure", "period"),
    [
        (
            "Significantly, the force has reduced its 101-abandonment rate from 18 percent in 2017, "
            "to the current 7 percent.",
            "18 percent",
            "in 2017",
        ),
        (
            "Significantly, the force has reduced its 101-abandonment rate from 18 percent in 2017, "
            "to the current 7 percent.",
            "7 percent",
            "current",
        ),
        (
            "The most recent published BCP data (rolling year to December 2023) shows the force "
            "answering 84.5% of calls in 10 seconds.",
            "84.5%",
            "rolling year to December 2023",
        ),
        (
            "He reported that April to September 2020 the average response time was 25 minutes 13 "
            "seconds; 2021 was 20 minutes 33 seconds; and 2022 was 21 minutes 24 seconds.",
            "20 minutes 33 seconds",
            "2021",
        ),
    ],
)
def test_each_figure_gets_its_own_period(text: str, figure: str, period: str) -> None:
    periods = find_periods(text)
    mention = next(f for f in find_figures(text) if f.text == figure)
    assigned = assign_period(mention, periods, text)
    assert assigned is not None and assigned.text == period


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Performance in respect of 999 and 101 calls was improving", {"999", "101"}),
        ("the force's 101-abandonment rate", {"101"}),
        ("answering 84.5% of calls in 10 seconds", set()),
        ("1,999 calls and £101 spent", set()),  # figures, not service names
        ("101.5 hours", set()),
    ],
)
def test_names_the_numbered_services(text: str, named: set[str]) -> None:
    assert services_named(text) == named


def test_a_share_in_words_restated_in_digits_is_one_figure() -> None:
    assert [f.text for f in find_figures("about a third of the workforce (33.9%)")] == ["33.9%"]


@pytest.mark.parametrize(
    ("claimed", "source", "states"),
    [
        ("about a third of staff", "33.9% of staff", True),  # a draft rounds the share to words
        ("a third of calls", "33.4% of calls", True),
        ("a quarter of calls", "33.4% of calls", False),
        ("33.9% of staff", "over a third of staff", False),  # the source is vaguer than the claim
        ("three-quarters of incidents", "almost three-quarters of incidents", True),  # qualifier
        # is judged apart
    ],
)
def test_a_share_in_words_states_a_near_share_in_digits(
    claimed: str, source: str, states: bool
) -> None:
    assert states_quantity(find_figures(claimed)[0], find_figures(source)[0]) is states


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "issued 151 sexual harm prevention orders (SHPOs).",
            ("sexual", "harm", "prevention", "orders"),
        ),
        ("issued four sexual risk orders, with two breached", ("sexual", "risk", "orders")),
        ("closed 14 of the 19 areas", ("areas",)),  # a part of a whole counts what follows it
        ("14 of them were closed", ()),  # "of" ends it
        ("2,759 people recorded who are wanted", ("people",)),  # not the verb after it
        ("82 police staff needing vetting", ("police", "staff")),
        ("210 new warranted beat officers in Medway", ("new", "warranted", "beat", "officers")),
        ("answered 84.5% of calls", ()),
        ("a total of 12\nofficers", ()),  # not across a line: a table's next row
    ],
)
def test_counted_phrase_is_what_a_count_counts(text: str, phrase: tuple[str, ...]) -> None:
    figure = next(f for f in find_figures(text) if f.kind in ("count", "word", "percent", "ratio"))
    assert counted_phrase(text, figure.end) == phrase

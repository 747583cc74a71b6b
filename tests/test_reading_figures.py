"""What a figure states, read from sentences of the corpus and (in our own words) of public reports.

Corpus sentences are quoted from `corpus/`; the "public report" ones restate facts of
HMICFRS reports on other forces in our own wording. One reading per case.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.lead import lead_line
from assistant.reading.clauses import claimed_figures
from assistant.reading.figures import (
    ReadingContext,
    admits,
    change_degree,
    differences,
    figure_body,
    lead_figures,
    makes_difference,
    read_figures,
    target_starts,
)
from assistant.reading.mentions import find_figures, same_quantity, states_quantity
from assistant.types import Answer, CheckedFigure, Chunk, Citation, LeadFigure
from assistant.ui_text import answer_badges, chart_series, figure_badge, series_notes


def reading(text: str, figure: str, date: str | None = None, heading: str = ""):  # type: ignore[no-untyped-def]
    found = {r.figure.text: r for r in read_figures(text, ReadingContext(date, heading=heading))}
    assert figure in found, f"expected {figure!r} among {list(found)}"
    return found[figure]


@pytest.mark.parametrize(
    ("text", "figure", "qualifier", "bound"),
    [
        # Panel paper 20
        ("in recent months, 101 call attrition has been less than 3%.", "3%", "less than", "below"),
        # Panel paper 17
        (
            "with a level of accuracy exceeding 96%, diligence in crime recording",
            "96%",
            "exceeding",
            "above",
        ),
        # 2019 report
        ("there were about 2,000 crimes awaiting allocation", "2,000", "about", "about"),
        ("the force engaged with more than 100 communities", "100", "more than", "above"),
        ("with up to 200 people attending each meeting", "200", "up to", "at most"),
        (
            "It is anticipated that the force will recruit a total of approximately 500 officers",
            "500",
            "approximately",
            "about",
        ),
        (
            "Over 1,000 members of the workforce have entered the programme",
            "1,000",
            "over",
            "above",
        ),
        # Board minutes
        ("compliance was now nearly 90% compliance", "90%", "nearly", "nearly"),
        ("the examination rate was almost 100% for urgent cases", "100%", "almost", "nearly"),
        ("just over 90% for the RVR process and 87% for general", "90%", "just over", "above"),
        # 2024 board paper
        ("Gender and age are above 99% compliance.", "99%", "above", "above"),
        # public report, own words: a force "answered at least 85% of calls within ten seconds"
        (
            "The force answered at least 85% of emergency calls promptly.",
            "85%",
            "at least",
            "at least",
        ),
        ("The control room answered under 60% of non-emergency calls.", "60%", "under", "below"),
        ("The force answered 87% of its 999 calls.", "87%", None, None),
        # "rose up to" says where it rose to; a bare "up to" bounds
        ("Repeat calls rose up to 12% over the winter.", "12%", None, None),
        ("Waiting times have gone up to 40 minutes at peak.", "40 minutes", None, None),
        ("The share edged up to 88.5% from 87.5%.", "88.5%", None, None),
        ("Answering has crept up to 71% this year.", "71%", None, None),
        # a bounded time alone in its sentence is the claim, with its bound (2024 board paper)
        (
            "Rape victims often wait at least two years for a trial date.",
            "two years",
            "at least",
            "at least",
        ),
        ("Victims can wait up to two years for a trial.", "two years", "up to", "at most"),
    ],
)
def test_qualifier(text: str, figure: str, qualifier: str | None, bound: str | None) -> None:
    found = reading(text, figure)
    assert (found.qualifier, found.bound) == (qualifier, bound)


@pytest.mark.parametrize(
    ("text", "figure", "stated"),
    [
        ("101 call attrition has been less than 3%.", "3%", "less than 3%"),
        ("Police Staff\t1,874\t1,905\t-2%", "-2%", "-2%"),
        ("with a level of accuracy exceeding 96%", "96%", "exceeding 96%"),
    ],
)
def test_stated_keeps_qualifier_and_sign(text: str, figure: str, stated: str) -> None:
    assert reading(text, figure).stated == stated


@pytest.mark.parametrize(
    ("text", "figure", "sign", "value"),
    [
        ("Police Community Support Officer\t321\t345\t-7%", "-7%", -1, -7.0),
        ("Police Officer\t3,261\t3,268\t-0%", "-0%", -1, 0.0),
        ("an increase of 4.5%.", "4.5%", 1, 4.5),
        ("between 2016 and 2018-2% fewer", "2%", 1, 2.0),
    ],
)
def test_sign(text: str, figure: str, sign: int, value: float) -> None:
    found = reading(text, figure)
    assert (found.sign, found.figure.value) == (sign, value)


@pytest.mark.parametrize(
    ("text", "figure", "change"),
    [
        # Panel paper 14
        (
            "Mental health incidents continue to rise with rolling year figures (December 2023) at 28,945 an increase of 4.5%.",
            "4.5%",
            "rise",
        ),
        (
            "S136 detentions continue to reduce with the rolling year figure (December 2023) at 738 which is a reduction of 16.2%.",
            "16.2%",
            "fall",
        ),
        (
            "S136 detentions continue to reduce with the rolling year figure (December 2023) at 738 which is a reduction of 16.2%.",
            "738",
            "fall",
        ),
        # 2019 report
        (
            "The force has recorded a 34.7 percent increase in crime over the 12 months to March 2018.",
            "34.7 percent",
            "rise",
        ),
        ("the number of DVPOs has decreased from 237 in 2017 to 156 in 2018.", "156", "fall"),
        (
            "The number of right to ask applications has reduced however from 94 to 47.",
            "47",
            "fall",
        ),
        ("children's social services (which has increased from 37 to 51 referrals).", "51", "rise"),
        (
            "in favour of pre-charge bail (up from 8.19 percent in the first quarter of 2017/18 to 11.07 percent in the fourth quarter)",
            "8.19 percent",
            "rise",
        ),
        # Board minutes: the direction nearest the figure, not the next clause's
        (
            "They marginally decreased in the last quarter by 2,103 calls, whereas 999 calls increased.",
            "2,103",
            "fall",
        ),
        # "from X to Y" with no verb
        ("Repeat referrals went from 839 to 751.", "751", "fall"),
        # "up to" bounds, it does not rise; "higher" compares
        ("with up to 200 people attending each meeting", "200", None),
        ("this was higher at 91.6% (22 from 24).", "91.6%", None),
        # "up" and "down" of a verb that does not move the figure
        (
            "Mental health incidents make up 8.4 percent of all recorded incidents.",
            "8.4 percent",
            None,
        ),
        ("The force picked up 84.5% of 999 calls within 10 seconds.", "84.5%", None),
        ("Calls went up by 12% a week.", "12%", "rise"),
        # "up" inside a compound moves nothing
        ("In the 2024 follow-up, inspectors rated 49 files good.", "49", None),
        ("The take-up of the scheme reached 61 farms.", "61", None),
        # a panel member's plainer verbs
        ("Mental health incidents eased by 4.5 per cent.", "4.5 per cent", "fall"),
        ("Thefts from vans swelled by a fifth to 412.", "412", "rise"),
        ("Repeat referrals dwindled to 751.", "751", "fall"),
        ("The force answered 87% of its 999 calls.", "87%", None),
        ("Repeat calls rose up to 12% over the winter.", "12%", "rise"),
        # a comparison with the period before says which way the figure moved
        (
            "It attended 62,960 incidents, 2.4 per cent fewer than the year before.",
            "2.4 per cent",
            "fall",
        ),
        ("Calls were 3% higher than the previous year.", "3%", "rise"),
        ("There were 5% more victims than in the previous 12 months.", "5%", "rise"),
        # "more than" a figure is a bound; "higher than" another force compares
        ("It answered more than 2,400 calls.", "2,400", None),
        ("Its rate was 3% higher than the national average.", "3%", None),
        # doubling and halving say which way a figure moved
        ("Referrals doubled to 1,200 in the year.", "1,200", "rise"),
        ("The backlog was halved to 1,000 crimes within four weeks.", "1,000", "fall"),
        # Surrey note, in a claim's words: "slipped" moves down
        (
            "The share answered in time slipped to 77 per cent by November 2023.",
            "77 per cent",
            "fall",
        ),
        # a negated change word says nothing of which way the figure moved
        ("Some districts gained 18 constables while others saw no increase.", "18", "rise"),
        ("Some districts lost 18 constables while others saw no increase.", "18", "fall"),
        ("Recorded crime of 400 a month showed no increase.", "400", None),
        # "raised", against the figure's own values, and "than when" an earlier time
        ("The force has since raised this figure to £47m.", "£47m", "rise"),
        ("the force raised its abandonment rate from 18 percent to 7 percent", "7 percent", "rise"),
        (
            "he reported there were about 200 less now than when the inspection finished",
            "200",
            "fall",
        ),
        ("Numbers were about 200 higher than when the review began.", "200", "rise"),
        # the same months of the year before, with the measure between comparative and "than"
        (
            "The force received on average 9% more 999 calls each month than in the same months of 2021.",
            "9%",
            "rise",
        ),
        ("Calls were 4% fewer than in the same period last year.", "4%", "fall"),
        # time lost is a measure: "lost 9.6 days" names no fall, "lost 18 constables" does
        ("Officers lost 9.6 days each to sickness in 2022/23.", "9.6 days", None),
        ("On average 9.6 days were lost per officer.", "9.6 days", None),
        # an AFI "was raised": put forward, not made higher
        ("One AFI was raised on serious and organised crime.", "One", None),
        ("The force raised its rate to 84%.", "84%", "rise"),
        # points above or below an earlier figure say which way it moved; a yardstick does not
        (
            "The charge rate is 2 percentage points above that referenced in the PEEL report.",
            "2 percentage points",
            "rise",
        ),
        ("The rate is now 3 percentage points below last year's.", "3 percentage points", "fall"),
        (
            "The rate is 3 percentage points below the national average.",
            "3 percentage points",
            None,
        ),
    ],
)
def test_change(text: str, figure: str, change: str | None) -> None:
    assert reading(text, figure).change == change


@pytest.mark.parametrize(
    ("text", "figure", "amount"),
    [
        ("which is a reduction of 16.2%.", "16.2%", True),
        ("The force has recorded a 34.7 percent increase in crime.", "34.7 percent", True),
        ("They marginally decreased in the last quarter by 2,103 calls.", "2,103", True),
        ("Demand on the 999 line rose by 6% over the year.", "6%", True),
        ("Calls were down 2% on the year before.", "2%", True),
        ("Answering within ten seconds rose to 84% by December.", "84%", False),
        ("an average of 55 applications per week, up from 37", "37", False),
        ("low attrition across the rolling year, just over 1%", "1%", False),
        ("The investigation was supported by 200 staff.", "200", False),
        ("on average 9% more 999 calls each month than in 2021", "9%", True),
        ("Kent answered 92% of calls, more than most forces did.", "92%", False),
        # time lost is how much time, not how far a figure fell; staff lost is
        ("Officers lost 8.1 days each to sickness.", "8.1 days", False),
        ("The force lost 40 officers last year.", "40", True),
        # what it rose on, or against, is the level before, not how far it rose
        ("This is a slight increase on the 147 issued the year before.", "147", False),
        ("Arrests were up on the 2,310 made a year earlier.", "2,310", False),
        ("a rise against the 58 recorded in 2022", "58", False),
        ("an increase of over 5% on the year", "5%", True),
        # "made up", "set up": a verb and its particle, not a move
        ("Minority ethnic staff made up 3.1% of the workforce.", "3.1%", False),
        ("The force has set up 12 new hubs.", "12", False),
        ("Calls were up 9% on the year.", "9%", True),
    ],
)
def test_change_amount(text: str, figure: str, amount: bool) -> None:
    assert reading(text, figure).amount is amount


@pytest.mark.parametrize(
    ("text", "figure", "part_of"),
    [
        ("HMICFRS have agreed to close 14 of the 19 AFIs", "14 of the 19", 19.0),
        ("with four of the remaining five being superseded", "four of the remaining five", 5.0),
        (
            "The work in these areas has addressed three of the four previous AFIs",
            "three of the four",
            4.0,
        ),
        (
            "we judged that in 52 out of the 62 files there had been good victim care",
            "52 out of the 62",
            62.0,
        ),
        ("this was higher at 91.6% (22 from 24).", "22 from 24", 24.0),
        # public report, own words
        ("Around one in four victims withdrew their support.", "one in four", 4.0),
        # a possessive between the part and its whole
        ("In 2018/19, 527 of Kent's 831 detective posts were filled.", "527 of Kent's 831", 831.0),
        ("It has closed 12 of its 15 recommendations.", "12 of its 15", 15.0),
        ("The force answered 87% of its 999 calls.", "87%", None),
    ],
)
def test_part_of(text: str, figure: str, part_of: float | None) -> None:
    assert reading(text, figure).part_of == part_of


@pytest.mark.parametrize(
    ("text", "figure", "role", "comparator"),
    [
        # Panel paper 11
        (
            "28.7% of stop and searches in Kent had linked outcomes which is higher than the linked outcome rate across all forces in England and Wales at 22.2%",
            "22.2%",
            "comparator",
            "England and Wales",
        ),
        (
            "28.7% of stop and searches in Kent had linked outcomes which is higher than the linked outcome rate across all forces in England and Wales at 22.2%",
            "28.7%",
            "achieved",
            None,
        ),
        # 2019 report
        (
            "Its revenue expenditure per head of population is £155 compared with a national average of £177.",
            "£177",
            "comparator",
            "national",
        ),
        (
            "Its revenue expenditure per head of population is £155 compared with a national average of £177.",
            "£155",
            "achieved",
            None,
        ),
        # public report, own words
        (
            "The force answered 71% of 999 calls in ten seconds, against a 90% target.",
            "90%",
            "target",
            None,
        ),
        (
            "The force answered 71% of 999 calls in ten seconds, against a 90% target.",
            "71%",
            "achieved",
            None,
        ),
        (
            "Its rate was 12%, against 9% for its most similar forces.",
            "9%",
            "comparator",
            "most similar forces",
        ),
        # a plan or aim made before an event, beside what was done (own words)
        (
            "The force planned to deploy 45 officers a day; the average was 41.",
            "45",
            "target",
            None,
        ),
        (
            "The force planned to deploy 45 officers a day; the average was 41.",
            "41",
            "achieved",
            None,
        ),
        (
            "Its event plan aimed to reach 80 per cent of urgent calls within 20 minutes.",
            "80 per cent",
            "target",
            None,
        ),
        # "due to" gives a cause as often as a plan
        (
            "Calls were lost due to 3 system outages in March.",
            "3",
            "achieved",
            None,
        ),
        # Home Office 999 tables, own words: a standard several words before its figure
        (
            "The standard set for every force is to answer 90% of 999 calls within ten seconds.",
            "90%",
            "target",
            None,
        ),
        # a yardstick a sentence opens with is the subject of the clauses after it that name
        # no force: the second year's deaths are Great Britain's too (a table note, own words)
        (
            "1. Great Britain as a whole recorded 1,711 road deaths in 2022 and 1,624 in 2023.",
            "1,624",
            "comparator",
            "Great Britain",
        ),
        (
            "Across all forces, 71% of 999 calls were answered in time and 5% were abandoned.",
            "5%",
            "comparator",
            "all forces",
        ),
        # ... not of a clause naming a force, or "the force"
        (
            "Across England and Wales forces answered 71% of calls; Kent answered 84%.",
            "84%",
            "achieved",
            None,
        ),
        (
            "The Office for National Statistics said 25,400 people were arrested in the Thames "
            "Valley, but about 6% were charged or summonsed.",
            "6%",
            "achieved",
            None,
        ),
        (
            "Across the country the rate was 22.2%; the force's rate was 28.7%.",
            "28.7%",
            "achieved",
            None,
        ),
    ],
)
def test_role(text: str, figure: str, role: str, comparator: str | None) -> None:
    found = reading(text, figure)
    assert (found.role, found.comparator) == (role, comparator)


@pytest.mark.parametrize(
    ("text", "figure", "thresholds"),
    [
        ("shows the force answering 84.5% of calls in 10 seconds.", "84.5%", ("10 seconds",)),
        ("Kent answered 84.5% of 999 calls within 15 seconds.", "84.5%", ("15 seconds",)),
        ("Kent answered 84.5% of 999 calls.", "84.5%", ()),
    ],
)
def test_thresholds(text: str, figure: str, thresholds: tuple[str, ...]) -> None:
    assert reading(text, figure).thresholds == thresholds


@pytest.mark.parametrize(
    ("text", "claimed"),
    [
        ("Kent answered 84.5% of 999 calls within 10 seconds.", ["84.5%"]),
        ("The aim is to answer 999 calls within 10 seconds.", []),  # a standard, no claim
        ("Victims often wait at least two years to reach trial.", ["two years"]),
        ("The rate was 175 per 1,000 population.", ["175"]),
    ],
)
def test_claimed_figures_leave_out_the_measures_bounds(text: str, claimed: list[str]) -> None:
    assert [f.text for f in claimed_figures(text)] == claimed


@pytest.mark.parametrize(
    ("text", "figure", "subject"),
    [
        ("Kent Police answered 84.5% of calls.", "84.5%", "Kent Police"),
        # public report, own words
        ("Essex Police answered 80% of 999 calls within ten seconds.", "80%", "Essex Police"),
        (
            "Hampshire Constabulary reviewed 90 case files.",
            "90",
            "Hampshire and Isle of Wight Constabulary",
        ),
        ("The force answered 87% of its 999 calls.", "87%", None),
    ],
)
def test_subject(text: str, figure: str, subject: str | None) -> None:
    assert reading(text, figure).subject == subject


@pytest.mark.parametrize(
    ("text", "figure", "first", "last", "source"),
    [
        (
            "rolling year to December 2023 reporting an attrition rate of 12.7%",
            "12.7%",
            (2023, 1),
            (2023, 12),
            "stated",
        ),
        # a deadline after the figure is that figure's period, not the date it was said
        (
            "In October 2022 the force expected to reach 4,145 officers by the end of March 2023.",
            "4,145",
            (2023, 3),
            (2023, 3),
            "stated",
        ),
        ("It has made savings of £90m since 2010.", "£90m", (2010, 1), (2100, 1), "stated"),
        (
            "So, in 2016/17, 23.4 percent of all crimes were closed using outcome 16",
            "23.4 percent",
            (2016, 4),
            (2017, 3),
            "stated",
        ),
        (
            "the force closed 25,963 investigations in 2017",
            "25,963",
            (2017, 1),
            (2017, 12),
            "stated",
        ),
        # relative periods resolve against the document date (panel paper, 6 February 2024)
        (
            "in recent months, 101 call attrition has been less than 3%.",
            "3%",
            (2023, 8),
            (2024, 2),
            "relative",
        ),
        ("Currently 85 staff are in post.", "85", (2023, 8), (2024, 2), "relative"),
        ("85 staff are in post.", "85", (2023, 8), (2024, 2), "dated"),
    ],
)
def test_period_span(
    text: str, figure: str, first: tuple[int, int], last: tuple[int, int], source: str
) -> None:
    span = reading(text, figure, date="2024-02-06").period
    assert span is not None
    months = ((span.first // 12, span.first % 12 + 1), (span.last // 12, span.last % 12 + 1))
    assert (months, span.source) == ((first, last), source)


@pytest.mark.parametrize(
    ("claimed", "source", "same"),
    [
        ("15 of the 19", "14 of the 19", False),
        ("14 of the 20", "14 of the 19", False),
        ("14 of the 19", "14 of the 19", True),
        ("21 of 24", "22 from 24", False),
        ("22 of 24", "22 from 24", True),
        ("-2%", "2%", False),
        ("14", "14 of the 19", True),
    ],
)
def test_same_quantity_compares_both_terms_and_sign(claimed: str, source: str, same: bool) -> None:
    a, b = find_figures(claimed)[0], find_figures(source)[0]
    assert same_quantity(a, b) is same


@pytest.mark.parametrize(
    ("claimed", "source", "stated"),
    [
        ("five AFIs", "four of the remaining five", True),
        ("four AFIs", "four of the remaining five", True),
        ("six AFIs", "four of the remaining five", False),
    ],
)
def test_a_whole_is_stated_by_its_part(claimed: str, source: str, stated: bool) -> None:
    a, b = find_figures(claimed)[0], find_figures(source)[0]
    assert states_quantity(a, b) is stated


# --- the reading travels to answers: checked figures, badges, JSON and the chart --------------


def test_answer_keeps_the_sources_qualifier(engine) -> None:  # type: ignore[no-untyped-def]
    # Panel paper 20: "in recent months, 101 call attrition has been less than 3%."
    answer = engine.ask("What has 101 call attrition been in recent months?")
    stated = {f.text: f.stated for f in answer.figures if f.verified}
    assert stated.get("3%") == "less than 3%", stated


def test_answer_json_has_qualifier_sign_and_direction(engine) -> None:  # type: ignore[no-untyped-def]
    from assistant.answer import answer_to_json

    figures = answer_to_json(engine.ask("What has 101 call attrition been in recent months?"))[
        "figures"
    ]
    assert isinstance(figures, list) and figures
    assert {"qualifier", "sign", "direction", "stated"} <= set(figures[0])


@pytest.mark.parametrize(
    ("figure", "badge"),
    [
        (
            CheckedFigure("3%", 3.0, "%", "in recent months", 1, True, qualifier="less than"),
            "✓ less than 3% · in recent months [1]",
        ),
        (CheckedFigure("-2%", -2.0, "%", None, 2, True), "✓ -2% [2]"),
        (
            CheckedFigure("96%", 96.0, "%", None, 1, True, qualifier="exceeding"),
            "✓ exceeding 96% [1]",
        ),
    ],
)
def test_badge_shows_the_figure_as_stated(figure: CheckedFigure, badge: str) -> None:
    assert figure_badge(figure) == badge


@pytest.mark.parametrize(
    ("quote", "lead"),
    [
        # Panel paper: the rate leads, not the time it is measured within
        (
            "shows the force answering 84.5% of calls in 10 seconds.",
            ["84.5%"],
        ),
        # public report, own words: what was achieved leads, not the target
        ("The force answered 71% of 999 calls against a 90% target.", ["71%"]),
        ("in recent months, 101 call attrition has been less than 3%.", ["less than 3%"]),
        ("Percentage change: -2%", ["-2%"]),
    ],
)
def test_lead_figures_leave_out_bounds_and_targets(quote: str, lead: list[str]) -> None:
    assert list(lead_figures(quote).values()) == lead


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("The national standard is to answer 90% of 999 calls within 10 seconds.", ["90%"]),
        ("Essex answered 80.3% of calls, against the national standard of 90%.", ["90%"]),
        ("The force answered 71% of 999 calls against a 90% target.", ["90%"]),
        ("The force will recruit a total of approximately 500 officers this year.", ["500"]),
        ("The new model aims to create 210 beat officers.", ["210"]),
        ("The new model has seen the creation of 210 beat officers.", []),
        ("The force put in place a plan to progress the 14 areas for improvement.", []),
        ("The T/CC said he would cover all 19 AFIs in the presentation.", []),
        ("He will report on the four areas graded requires improvement.", []),
        ("Kent Police had answered 92.3% in the same period.", []),
    ],
)
def test_target_starts_are_where_targets_are_given(text: str, targets: list[str]) -> None:
    starts = target_starts(text)
    assert sorted(text[s : s + 3] for s in starts) == [t[:3] for t in targets]


@pytest.mark.parametrize(
    ("lead", "badged"),
    [
        ([LeadFigure("84.5%", "rolling year to December 2023", 1)], ["84.5%"]),
        ([LeadFigure("less than 3%", "in recent months", 1)], ["3%"]),
        # a period label that holds brackets of its own
        ([LeadFigure("less than 3%", "current (as at the document date, May 2019)", 1)], ["3%"]),
        # the same figure from another source is not the one the lead line answers with
        ([LeadFigure("84.5%", None, 2)], []),
        ([], ["84.5%", "50", "3%"]),  # no lead line: every figure checked is shown
    ],
)
def test_badges_follow_the_lead_line(lead: list[LeadFigure], badged: list[str]) -> None:
    figures = [
        CheckedFigure("84.5%", 84.5, "%", "rolling year to December 2023", 1, True),
        CheckedFigure("50", 50.0, "staff", None, 1, True),
        CheckedFigure("3%", 3.0, "%", "in recent months", 1, True, qualifier="less than"),
    ]
    answer = replace(
        _answer(figures, ["2024-panel-paper"]),
        lead=lead_line(lead),
        lead_figures=tuple(lead),
    )
    assert [f.text for f in answer_badges(answer)] == badged


def test_an_unverified_figure_is_always_badged() -> None:
    figures = [
        CheckedFigure("84.5%", 84.5, "%", None, 1, True),
        CheckedFigure("12%", 12.0, "%", None, 1, False),
    ]
    lead = (LeadFigure("84.5%", None, 1),)
    answer = replace(_answer(figures, ["doc"]), lead=lead_line(lead), lead_figures=lead)
    assert [f.text for f in answer_badges(answer)] == ["84.5%", "12%"]


def _answer(figures: list[CheckedFigure], docs: list[str]) -> Answer:
    citations = tuple(
        Citation(n, Chunk(f"c{n}", doc, "", 0, 0, None, None, None), doc, None, "", "", 0, 0)
        for n, doc in enumerate(docs, start=1)
    )
    return Answer("q", "a", False, (), citations, tuple(figures), ())


def test_chart_says_when_its_points_come_from_several_documents() -> None:
    answer = _answer(
        [
            CheckedFigure("33.4%", 33.4, "%", "March 2023", 1, True),
            CheckedFigure("7 percent", 7.0, "%", "2018", 2, True),
        ],
        ["2024-panel-paper", "2019-peel-report"],
    )
    notes = series_notes(chart_series(answer), answer)
    assert any("2 documents" in n for n in notes), notes


def test_chart_marks_a_qualified_point() -> None:
    answer = _answer(
        [
            CheckedFigure("33.4%", 33.4, "%", "March 2023", 1, True),
            CheckedFigure("3%", 3.0, "%", "February 2024", 1, True, qualifier="less than"),
        ],
        ["2024-panel-paper"],
    )
    series = chart_series(answer)
    assert [p.qualified for p in series] == [False, True]
    assert any("less than 3%" in n for n in series_notes(series, answer))


@pytest.mark.parametrize(
    ("claim", "source", "differs"),
    [
        ("attrition has been 3%.", "attrition has been less than 3%.", "less than 3%"),
        ("attrition has been under 3%.", "attrition has been less than 3%.", None),
        ("attrition was about 7 percent.", "the current 7 percent.", None),
        ("there were exactly 2,000 crimes.", "there were about 2,000 crimes.", "about 2,000"),
        ("incidents fell by 4.5%.", "incidents rose by 4.5%.", "rose"),
        ("incidents were 4.5% higher.", "incidents rose by 4.5%.", None),
        (
            "answered 84.5% of calls within 15 seconds.",
            "answered 84.5% of calls in 10 seconds.",
            "10 seconds",
        ),
        (
            "answered 84.5% of calls within ten seconds.",
            "answered 84.5% of calls in 10 seconds.",
            None,
        ),
        ("the change was 2%.", "Police Staff\t1,874\t1,905\t-2%", "-2%"),
        # October 2022 minutes: 101 calls "marginally decreased ... by 2,103"
        (
            "101 calls had fallen sharply, by 2,103, in the last quarter.",
            "they marginally decreased in the last quarter by 2,103 calls",
            "a little",
        ),
        ("calls fell slightly, by 2,103.", "they marginally decreased by 2,103 calls", None),
        ("calls fell by 2,103.", "they marginally decreased by 2,103 calls", None),
        ("calls fell sharply, by 2,103.", "calls fell by 2,103", None),
    ],
)
def test_differences_name_what_the_source_says_otherwise(
    claim: str, source: str, differs: str | None
) -> None:
    said, found = read_figures(claim)[-1], read_figures(source)[-1]
    notes = differences(said, found)
    assert (differs is None and not notes) or (
        differs is not None and differs in " ".join(notes)
    ), notes


def test_an_undated_sentence_takes_its_headings_period() -> None:
    # 2019 report: a table under "Crime Outcomes / 12 months ending 30 September 2018"
    span = reading(
        "Proportion of crimes where action was taken\t9%\t12%",
        "9%",
        date="2019-05",
        heading="Crime Outcomes > 12 months ending 30 September 2018",
    ).period
    assert span is not None and (span.source, span.last) == ("heading", 2018 * 12 + 8)


@pytest.mark.parametrize(
    ("text", "figure", "change"),
    [
        # PDB minutes: the figure a change is measured from takes the change before it
        ("rape volumes had fallen slightly over last 3 months compared to a high of 186 in "
         "June 2022.", "186", "fall"),
        ("Referrals have grown this year compared with 212 in 2022.", "212", "rise"),
        # a comparison with no change before it says nothing of one
        ("The force answered 71%, compared with 75% nationally.", "75%", None),
        # 2019 report, in a claim's words: "grow" is a rise, whatever its values say
        ("Kent's reserves were set to grow from £51m in March 2018 to £16m in April 2023.",
         "£16m", "rise"),
    ],
)  # fmt: skip
def test_change_from_a_base_and_of_every_verb_form(
    text: str, figure: str, change: str | None
) -> None:
    assert reading(text, figure).change == change


@pytest.mark.parametrize(
    ("text", "figure", "role"),
    [
        # a target named before a clause inserted between it and its figure
        ("Kent's target for average response time, which it met in April to September 2022, "
         "was 21 minutes 24 seconds.", "21 minutes 24 seconds", "target"),
        ("The response time, which was published in 2022, was 21 minutes 24 seconds.",
         "21 minutes 24 seconds", "achieved"),
    ],
)  # fmt: skip
def test_role_across_an_inserted_clause(text: str, figure: str, role: str) -> None:
    assert reading(text, figure).role == role


@pytest.mark.parametrize(
    ("text", "claimed"),
    [
        # PDB minutes, in a claim's words: number words counted for a month are claims
        ("Three offenders were not visited in time, one in August and two in September 2022.",
         ["Three", "one", "two"]),
        ("one in four calls was abandoned", ["one in four"]),
        ("one of them was closed", []),
    ],
)  # fmt: skip
def test_number_words_counted_for_a_month_are_claimed(text: str, claimed: list[str]) -> None:
    assert [f.text for f in claimed_figures(text)] == claimed


@pytest.mark.parametrize(
    ("clause", "degree"),
    [
        ("they marginally decreased in the last quarter by 2,103 calls", "small"),
        ("calls fell sharply to 2,103", "large"),
        ("a significant increase of 12%", "large"),
        ("a slight rise to 151", "small"),
        ("rose only modestly, to 84%", "small"),
        ("rose to 84%", None),
        ("a sharp rise, then a slight fall", None),  # says both: neither is the figure's
    ],
)
def test_change_degree(clause: str, degree: str | None) -> None:
    assert change_degree(clause) == degree


@pytest.mark.parametrize(
    ("difference", "said", "bound", "made"),
    [
        (9, 9, None, True),  # "nine fewer than the 31", from 31 and 22
        (10, 9, None, False),
        (722, 700, "about", True),  # "around 700 fewer", from 6,040 and 5,318
        (722, 900, "about", False),
        (273, 270, "about", True),  # "some 270 more"
        (117, 100, "above", True),  # "more than 100 more"
        (100, 100, "above", False),
        (250, 100, "above", False),  # far past the bound: not what "more than 100" says
        (95, 100, "nearly", True),
        (100, 100, "nearly", False),
        (180, 200, "below", True),
        (718, 718, "exactly", True),
        (5, None, None, False),
    ],
)
def test_makes_difference(
    difference: float, said: float | None, bound: str | None, made: bool
) -> None:
    assert makes_difference(difference, said, bound) is made


@pytest.mark.parametrize(
    ("source", "claim", "admitted"),
    [
        # a headline rounds the body's figure: it neither bears out nor contradicts it
        ("More than 2,000 vehicles were seized.", "Officers seized 2,167 vehicles.", True),
        ("More than 2,000 vehicles were seized.", "Officers seized 1,900 vehicles.", False),
        ("More than 2,000 vehicles were seized.", "Officers seized 2,000 vehicles.", False),
        ("Nearly 90% of calls were answered.", "It answered 89.1% of calls.", True),
        ("Just under 92% of calls were answered.", "It answered 76.8% of calls.", False),
        # the bound claimed without its qualifier is another claim, never admitted
        ("The force will receive up to £174.5 million.", "It will receive £174.5 million.", False),
        ("Fewer than 300 officers left.", "The force lost 281 officers.", True),
        # a qualified claim is judged on its qualifier, not here
        ("More than 2,000 vehicles were seized.", "Officers seized over 2,100 vehicles.", False),
    ],
)
def test_admits(source: str, claim: str, admitted: bool) -> None:
    found, said = read_figures(source)[0], read_figures(claim)[0]
    assert admits(found, said) is admitted


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        # another body's figure, reported in a police paper (own words)
        (
            "Harbourside District Council said its parking officers issued 71 tickets.",
            "Harbourside District Council",
        ),
        (
            "The Safer Roads Wessex partnership's vans caught 212 speeding drivers.",
            "the Safer Roads Wessex partnership",
        ),
        (
            "Trading standards put the value of the seized goods at about £48,000.",
            "Trading standards",
        ),
        ("Network Rail estimated the repairs at £2.3 million.", "Network Rail"),
        ("The organisers estimate that about 9,000 people came.", "organisers"),
        ("The Broads Authority gave 240 speeding warnings to skippers.", "the Broads Authority"),
        ("The Tank Museum said about 18,000 people attended.", "the Tank Museum"),
        ("The resort said it had reunited about 1,020 lost children.", "resort"),
        # ... or named by a closing clause
        (
            "They said their first-aid tents saw 212 people; those are the organisers' figures.",
            "the organisers",
        ),
        # a body after a preposition, or before another figure, is not the figure's subject
        ("The tool, built with Wessex University, is used on only five crime types.", None),
        ("The organisers paid £50,000 towards the £80,000 it cost to police the show.", None),
        # a place in a council's name is no force
        (
            "Redcar and Cleveland Borough Council's wardens issued 126 notices.",
            "Redcar and Cleveland Borough Council",
        ),
        # the police act, the body helps, or both act together
        ("Officers worked with the council to close 12 premises.", None),
        ("In partnership with the council, officers made 12 arrests.", None),
        ("The council and the force carried out 31 joint visits.", None),
        ("The force recorded 97 crimes at the festival.", None),
        # council tax is the police's precept
        ("The council tax precept rose by 4.99%.", None),
    ],
)
def test_figure_body(sentence: str, body: str | None) -> None:
    assert figure_body(sentence, find_figures(sentence)[-1]) == body

"""Reading a question once: its parts, what it wants, and when it is a follow-up."""

from __future__ import annotations

import pytest

from assistant.engine import Engine
from assistant.lexical import lexical_tokens
from assistant.question import (
    contextualise,
    is_telegraphic,
    period_parts,
    question_concepts,
    question_parts,
    read_question,
    topic_pieces,
    years_of,
)

PREVIOUS = "What was Kent's 101 abandonment rate?"


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "How many staff answered the survey, and what share of the workforce is that?",
            ["How many staff answered the survey", "what share of the workforce is that"],
        ),
        (
            "How many files were reviewed in 2018/19, and how many were of a good standard?",
            ["How many files were reviewed in 2018/19", "how many were of a good standard"],
        ),
        (
            "What was the 999 answer rate in March 2023?",
            ["What was the 999 answer rate in March 2023?"],
        ),
        (
            "How many searches had grounds recorded in 2023-25, and was that better than before?",
            ["How many searches had grounds recorded in 2023-25, and was that better than before?"],
        ),
        # after a topic's colon, "it" is the topic, not the part before
        (
            "op engage: who ran it in 21/22 and what it was for in 23-25",
            ["op engage: who ran it in 21/22", "op engage: what it was for in 23-25"],
        ),
        # "IT" in capitals is information technology, not a word pointing back
        (
            "counter corruption IT monitoring: 2019 ask and 23-25 finding",
            [
                "counter corruption IT monitoring: 2019 ask",
                "counter corruption IT monitoring: 23-25 finding",
            ],
        ),
    ],
)
def test_a_question_splits_into_the_things_it_asks(question: str, parts: list[str]) -> None:
    read = question_parts(question, read_question(question, {}), {})
    assert [p.text for p in read] == parts


@pytest.mark.parametrize(
    ("question", "pieces"),
    [
        (
            "vetting workload: the 2019 backlog and the 2024 position",
            ["vetting workload: the 2019 backlog", "vetting workload: the 2024 position"],
        ),
        (
            "recruitment: officers joined since april 18, weekly applications in oct 22",
            [
                "recruitment: officers joined since april 18",
                "recruitment: weekly applications in oct 22",
            ],
        ),
        # one thing after the colon: names and pairs joined by "and" stay whole
        ("stop and search: how many records were checked", None),
        ("Devon and Cornwall: stop and search records checked", None),
        ("calls: answered and abandoned", None),
        # one measure at two periods is `period_parts`' to split
        ("999 answering: march 23 vs dec 23", None),
        # no topic: a colon late in a question, or none
        ("How are crime victims put in touch with Victim Support: do they have to ask?", None),
        ("What was the 999 answer rate in March 2023?", None),
    ],
)
def test_a_topic_before_a_colon_goes_with_each_thing_asked_of_it(
    question: str, pieces: list[str] | None
) -> None:
    assert topic_pieces(question) == (pieces or [question])


def test_a_part_without_a_period_takes_the_question_s() -> None:
    question = "How many files were reviewed in 2018/19, and how many were of a good standard?"
    second = question_parts(question, read_question(question, {}), {})[1]
    assert second.intent.asked_years == frozenset({2018, 2019})


@pytest.mark.parametrize(
    ("question", "breakdown"),
    [
        ("What share of staff felt bullied, broken down by ethnic group?", {"ethnic", "group"}),
        ("How many stop and searches were there by gender?", {"gender"}),
        ("What share of staff felt bullied?", set()),
        # a part of what is counted, or a split by something other than a category word
        ("How many of the 93 offenders on tags were burglars?", {"burglar"}),
        ("Of the crimes with a named suspect in 2022, how many were rapes?", {"rape"}),
        ("How many DVPNs were issued in each division?", {"divis"}),
        ("What share of 101 calls were abandoned at weekends?", {"weekend"}),
        ("How many of the 13 risk conferences are in Medway?", {"medway"}),
        ("How many of the 79 referrals were from Thanet?", {"thanet"}),
        ("How many of the AFIs were for Kent?", set()),  # a force is the subject, not a part
        (
            "What was the appraisal rate for police staff as opposed to officers?",
            {"staff"},
        ),
        # a state of what is counted is no part of it; nor a name; nor a question asking no figure
        ("How many of the 19 AFIs were closed?", set()),
        ("How many of them were broken?", set()),
        ("What share of staff said their workload is manageable?", set()),
        ("What share of the cases were suitable?", set()),
        ("How many people took part in each New Horizon meeting?", set()),
        ("What help do the prevention teams in each division offer?", set()),
    ],
)
def test_the_breakdown_asked_for_is_read(question: str, breakdown: set[str]) -> None:
    assert read_question(question, {}).breakdown == breakdown


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        ("And in March 2023?", True),
        ("What about 2019?", True),
        ("Was that higher than in 2019?", True),
        ("How many registered sex offenders does Kent manage?", False),
        ("What grade did Kent get for investigating crime?", False),
        ("How many calls went unanswered on 999?", False),
    ],
)
def test_only_a_follow_up_is_read_with_the_question_before(question: str, rewritten: bool) -> None:
    assert (contextualise(question, PREVIOUS, {}) != question) is rewritten


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("What share of calls were abandoned?", "wants_percent"),
        ("How long did it take to reach an emergency?", "wants_duration"),
        ("On average, how many seconds did it take to answer a 999 call?", "wants_duration"),
        ("On average, how many seconds did it take to answer a 999 call?", "wants_time_stated"),
        ("What was the average response time in rural Kent?", "wants_time_stated"),
        ("How much did the force spend per head?", "wants_money"),
        ("How was Kent graded for investigating crime?", "wants_grade"),
        ("As a number, how many victims were satisfied?", "wants_count"),
        ("What was the actual number of arrests?", "wants_count"),
        ("How many calls were abandoned, in numbers rather than a percentage?", "wants_count"),
        # an average or median asks a figure; an average wait asks a time
        ("What is the average wait on the 101 line?", "wants_figure"),
        ("What is the average wait on the 101 line?", "wants_duration"),
        ("median 999 wait in march", "wants_duration"),
        ("What is the average caseload of an offender manager?", "wants_figure"),
        # an average answer time asks the time itself, not a share answered within ten seconds
        ("what was sussex's average 999 answer time in january 2023", "wants_duration"),
        ("what was sussex's average 999 answer time in january 2023", "wants_time_stated"),
        ("101 average speed of answer last year", "wants_time_stated"),
    ],
)
def test_the_kind_of_figure_wanted_is_read(question: str, wants: str) -> None:
    assert getattr(read_question(question, {}), wants) is True


@pytest.mark.parametrize(
    ("question", "duration"),
    [
        ("What were the response times in 2022?", True),
        ("what's the 101 waiting time", True),
        # the question word asks a count or a share; the times are only its topic
        ("How many officers were sent to the control room to fix 101 waiting times?", False),
        ("What share of 999 calls met the answer time standard?", False),
        ("What share of emergencies were attended within the response time?", False),
        # an explicit "how long" still asks a time
        ("How long were the waiting times, and how many callers gave up?", True),
    ],
)
def test_a_time_named_as_the_topic_is_asked_only_when_nothing_else_is(
    question: str, duration: bool
) -> None:
    assert read_question(question, {}).wants_duration is duration


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        # "sharing" stems to "share", but asks no share
        (
            "How much does the force save every year by sharing back-office services?",
            "wants_percent",
        ),
        # a budget named as a thing, not an amount asked
        ("What level of assurance did the Budget Setting and Control audit give?", "wants_money"),
        # a count asked in so many words is not a share, though it names one
        (
            "As a number rather than a percentage, how many searches found something?",
            "wants_percent",
        ),
        # "how many" alone may be answered by a share ("how many callers gave up": 33.4%)
        ("How many people gave up on the 101 line?", "wants_count"),
        ("What number of staff answered the survey?", "wants_count"),
        # a share within a time answers "how quickly" (gold: "88.10%" for Lancashire's 999 calls)
        ("How quickly does Lancashire answer 999 calls?", "wants_time_stated"),
        (
            "How did the inspectors rate the force's work protecting vulnerable people?",
            "wants_figure",
        ),
        # "share" the verb asks no share
        ("Where is the business centre Kent shares with Essex being set up?", "wants_percent"),
        ("What part of crime fighting does Kent share with Essex?", "wants_percent"),
        ("Which system lets officers securely share evidence with the CPS?", "wants_percent"),
        # "how many … within" counts, "how quickly" asks a time: neither is a share
        ("How many 999 calls were answered within 10 seconds?", "wants_percent"),
        ("How quickly were calls answered within the hour?", "wants_percent"),
        ("What share of 999 calls did Kent answer within 10 seconds?", "asks_target"),
        # "mean" the verb asks no figure
        ("What does it mean when the inspectors call a force inadequate?", "wants_figure"),
        ("What is the average caseload of an offender manager?", "wants_duration"),
        # a sum named in a question that asks something else is no sum asked
        ("what did the kennelling budget cover", "wants_money"),
        ("Who set the budget?", "wants_figure"),
    ],
)
def test_a_kind_not_asked_is_not_read(question: str, wants: str) -> None:
    read = read_question(question, {})
    wanted = getattr(read, wants) and not (wants == "wants_figure" and read.wants_grade)
    assert not wanted


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        (
            "How did the inspectors rate the force's work protecting vulnerable people?",
            "wants_grade",
        ),
        ("What is the force's annual overtime budget?", "wants_money"),
        ("What percentage of calls were answered?", "wants_percent"),
        ("What share of calls were answered in 10 seconds?", "wants_percent"),
        ("What was the Met's 999 answering share within 10 seconds?", "wants_percent"),
        ("What was the force's share of the national budget?", "wants_percent"),
        # how something done within a time compared: the share done in time
        (
            "How did Kent and Essex compare on answering 999 calls within 10 seconds?",
            "wants_percent",
        ),
        ("Did the force get to emergencies within 15 minutes?", "wants_figure"),
        # a target asked for is an answer, where otherwise only what was achieved is
        ("What is the national standard for answering 999 calls?", "asks_target"),
        ("What was Kent's target for answering 101 calls?", "asks_target"),
        ("How many officers was Kent planning to recruit in 2018/19?", "asks_target"),
        ("How much will the shared centre save?", "asks_target"),
        # a sum named in a search-box query asks how much
        ("kent interpreter spend 23/24", "wants_money"),
        ("dorset kennel costs vs budget", "wants_money"),
        ("gmp overtime budget 2024/25", "wants_figure"),
        # so does a query naming figures or numbers
        ("neighbouring force traffic figures for the festival", "wants_figure"),
        ("stop and search numbers by ethnicity", "wants_figure"),
    ],
)
def test_more_kinds_wanted_are_read(question: str, wants: str) -> None:
    assert getattr(read_question(question, {}), wants) is True


def test_the_engine_reads_a_question_once_with_its_embedding(engine: Engine) -> None:
    read = engine.read("And in March 2023?", previous=PREVIOUS)
    assert read.rewritten and read.text.startswith("What was Kent's 101 abandonment rate")
    assert read.vector.shape == (engine.embedder.dimension,)
    assert "2023" in read.tokens


@pytest.mark.parametrize(
    ("question", "given"),
    [
        ("How many of the 93 offenders on tags breached their orders?", {("count", 93.0)}),
        ("What share of the four AFIs were closed?", {("count", 4.0)}),
        ("What was the 101 abandonment rate in March 2023?", set()),  # a service, a date
        ("Of the 33.4% of callers who hung up, how many called back?", {("percent", 33.4)}),
        ("Did the force answer 90% of 999 calls?", set()),  # no figure asked: nothing given
    ],
)
def test_the_figures_a_question_gives_are_read(
    question: str, given: set[tuple[str, float]]
) -> None:
    assert read_question(question, {}).given == given


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("What grade did the force get for investigating crime?", True),
        ("How was Kent rated for responding to the public?", True),
        ("What did the inspectors think of how Kent handles crime reports?", False),
        ("How well do the inspectors say the force treats victims?", False),
    ],
)
def test_a_grade_named_is_told_from_the_inspectors_view_asked(question: str, named: bool) -> None:
    intent = read_question(question, {})
    assert intent.wants_grade and intent.grade_named is named


@pytest.mark.parametrize(
    ("question", "measured", "source"),
    [
        # a year that dates the document asked about
        (
            "What was the recent peak in rape volumes mentioned at the October 2022 board?",
            set(),
            {2022},
        ),
        ("What did the 2019 report say about how fairly Kent treats the public?", set(), {2019}),
        (
            "How many AFIs were closed in the November 2024 Inspections, Audits & Reviews paper?",
            set(),
            {2024},
        ),
        ("Which population estimates does the 2018/19 PEEL report use?", set(), {2018, 2019}),
        ("What completion rates were reported to the board in October 2022?", set(), {2022}),
        # a year that bounds the figure asked
        ("What was the 101 abandonment rate in 2019, according to the report?", {2019}, set()),
        ("What was the 101 rate in March 2023 reported to the panel?", {2023}, set()),
        ("In the 2021/22 inspection, were response times acceptable?", {2021, 2022}, set()),
        ("What share of victims were satisfied in the 2023 victim service review?", {2023}, set()),
    ],
)
def test_a_year_naming_a_report_dates_the_source_not_the_figure(
    question: str, measured: set[int], source: set[int]
) -> None:
    read = read_question(question, {})
    assert (set(read.asked_years), set(read.source_years)) == (measured, source)


@pytest.mark.parametrize(
    ("question", "years"),
    [
        # periods written with two-digit years name their years too
        ("101 abandonment spring 23", {2023}),
        ("abandonment feb 24", {2024}),
        ("abandonment in 22/23", {2022, 2023}),
        ("999 answered yr to dec 23", {2023}),
        ("What was the rate in March 2023?", {2023}),
        # an open-ended period names only the year it starts from
        ("savings since 2010", {2010}),
        ("what was it last year", set()),
    ],
)
def test_the_years_a_question_asks_about(question: str, years: set[int]) -> None:
    assert set(read_question(question, {}).asked_years) == years


@pytest.mark.parametrize(
    ("question", "telegraphic", "value"),
    [
        # typed as into a search box, naming a period: a figure or grade is wanted
        ("dv protection notices issued in 2018", True, True),
        ("kent drink drive arrests christmas 2023", True, True),
        ("north wales efficiency 2017", True, True),
        # ... naming no period, it may want a passage
        ("whats athena", False, False),
        ("stalking action plan", True, False),
        ("op engage", True, False),
        # ... naming things counted, it wants a figure or grade (words asked for excepted)
        ("parking fines at the festival", True, True),
        ("hospital admissions from the pub crawl", True, True),
        ("worst areas for knife crime", True, False),
        ("the 210 in the neighbourhood section", True, False),
        ("chief officers - jobs", True, False),
        # asked in words: as the words say
        ("What did the inspectors say about stalking in 2023?", False, False),
        ("How many DVPNs were issued in 2018?", False, False),
        # a date is asked, not a figure or grade
        ("external audit 22/23 disclaimer - dates for the jac and the backstop", True, False),
        # "show" and "list" inside a query are nouns; opening it, they ask
        ("crime at the county show 2024", True, True),
        ("waiting list for vetting in 2023", True, True),
        ("show me the vetting backlog in 2023", False, False),
        ("list the grades from 2023", False, False),
    ],
)
def test_a_search_box_query_naming_a_period_wants_a_figure_or_grade(
    question: str, telegraphic: bool, value: bool
) -> None:
    read = read_question(question, {})
    assert (is_telegraphic(question), read.wants_value) == (telegraphic, value)


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("How often does the commissioner get briefed by the chief constable?", {"frequency"}),
        ("How frequently is the threat assessment published?", {"frequency"}),
        ("How many calls can one big incident bring in?", {"quantity"}),
        ("What share of calls were answered?", set()),
    ],
)
def test_the_answers_in_words_a_question_accepts_are_read(question: str, kinds: set[str]) -> None:
    assert set(read_question(question, {}).word_answers) == kinds


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        # one part per period, in the order asked; a report's year is the report's
        (
            "How big was the detective establishment in the 2019 report and in October 2022?",
            [((), (2019,)), ((2022,), ())],
        ),
        (
            "How was Kent graded for protecting vulnerable people in 2018/19, 2021/22 and 2023-25?",
            [((2018, 2019), ()), ((2021, 2022), ()), ((2023, 2024, 2025), ())],
        ),
        ("did 999 answering get better between 2022 and 2023", [((2022,), ()), ((2023,), ())]),
        # periods typed in a hurry: a month and a two-digit year, a short financial year
        ("101 waits in oct 22 and feb 24", [((2022,), ()), ((2024,), ())]),
        ("officer numbers 21/22 v 2019", [((2021, 2022), ()), ((2019,), ())]),
        (
            "what the nov 24 paper and the 2019 report say on vetting",
            [((), (2024,)), ((), (2019,))],
        ),
        # one period, or two of the same years: one part
        ("What was the 101 abandonment rate in March 2023?", []),
        ("What was the rate in March 2023, the month of the inspection data?", []),
        ("How many officers are there now?", []),
    ],
)
def test_period_parts_ask_each_period_once(
    question: str, asked: list[tuple[tuple[int, ...], tuple[int, ...]]]
) -> None:
    parts = period_parts(question, read_question(question, {}))
    assert [
        (tuple(sorted(p.intent.asked_years)), tuple(sorted(p.intent.source_years))) for p in parts
    ] == asked


@pytest.mark.parametrize(
    ("question", "required"),
    [
        # a service number names what is asked about and must be matched
        ("What is the 101 abandonment rate?", {"101"}),
        ("What share of 999 calls were answered within 10 seconds?", {"999", "10"}),
        # a share or sum the question gives is a figure, not a name
        ("Did Kent hit the 90% target for 999 calls?", {"999"}),
        ("Was more than 80 per cent of the budget spent?", set()),
        ("Did the force save over £2m?", set()),
    ],
)
def test_the_numbers_a_question_requires_are_names_not_figures(
    question: str, required: set[str]
) -> None:
    intent = read_question(question, {})
    assert {c.word for c in intent.measure if c.required} == required


def test_when_questions_want_a_date() -> None:
    assert [
        read_question(q, {}).wants_date
        for q in (
            "When was the Pledge launched?",
            "On what date was the audit finalised?",
            "When a case was closed, how often were victims told?",
            "What was the rate in 2022?",
        )
    ] == [True, True, False, False]


def _stems(text: str) -> frozenset[str]:
    return frozenset(lexical_tokens(text))


@pytest.mark.parametrize(
    ("question", "word", "met", "not_met"),
    [
        # an acronym's long form only as a whole
        ("How many PCSOs are there?", "pcsos", "police community support officers", "officers"),
        ("How many PCSOs are there?", "pcsos", "PCSOs", "community engagement"),
        ("What is the PDR rate?", "pdr", "personal development review", "review"),
        ("What is the PDR rate?", "pdr", "appraisals", "personal"),
        # a synonym of several words likewise
        ("Who answered the survey?", "survey", "the staff survey", "staff"),
        ("What was the FTE?", "fte", "full-time equivalent", "time"),
        # an everyday word's reading word by word: its head says it
        ("how many cops are there", "cops", "officers", "cars"),
    ],
)
def test_a_glossary_phrase_meets_a_question_word_only_as_a_whole(
    engine: Engine, question: str, word: str, met: str, not_met: str
) -> None:
    (concept,) = [c for c in question_concepts(question, engine._idf) if c.word == word]
    assert concept.matches(_stems(met))
    assert not concept.matches(_stems(not_met))


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2019", {2019}),
        ("2018/19", {2018, 2019}),
        ("2023-25", {2023, 2024, 2025}),
        ("since 2010", {2010}),
        ("12 months to March 2024", {2024}),  # a four-digit year is read as written
        # no four-digit year: the months the period spans
        ("oct 22", {2022}),
        ("feb 24", {2024}),
        ("21/22", {2021, 2022}),
        ("since feb 24", {2024}),  # an open period names its first year, as "since 2010" does
        ("dec 23 and 2019", {2019, 2023}),
        ("12/11", set()),  # a date, not a year
        ("last month", set()),
        ("officers", set()),
    ],
)
def test_years_of_reads_periods_however_written(text: str, years: set[int]) -> None:
    assert years_of(text) == years

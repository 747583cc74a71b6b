"""The features that tell a near miss from an answer: periods, carried measures, missing words."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.candidates import (
    FEATURES,
    _before,
    _carried,
    _comparator_other,
    _date_fit,
    _figure_fit,
    _heading_stems,
    _joins_another_service,
    _kind_fit,
    _missing_rarest,
    _period_stated_elsewhere,
    _service_missing,
    _withheld,
    cannot_answer,
    period_fit,
    services_asked,
)
from assistant.lexical import lexical_tokens
from assistant.passages import analyse
from assistant.question import read_question
from assistant.types import Chunk

IDF = {
    t: 2.0
    for t in lexical_tokens(
        "calls answered seconds knife crime rate rural response medway detentions"
    )
}


@pytest.mark.parametrize(
    ("question", "statement", "headings", "elsewhere"),
    [
        # The piece names its own month and it is not the month asked.
        (
            "What was the rate in the rolling quarter to March 2024?",
            "In December 2023 it was 9%.",
            "",
            1.0,
        ),
        # A financial year is April to March: 2018/19 is not 2019/20, though both hold 2019.
        ("How much was spent in 2019/20?", "Spend per head in 2018/19 was £160.", "", 1.0),
        ("How much was spent in 2019/20?", "Spend per head in 2019/20 was £160.", "", 0.0),
        # A year asked holds every month of it.
        ("What was the rate in 2022?", "In September 2022 the rate was 9%.", "", 0.0),
        # A piece stating no period, under headings stating none: nothing to contradict.
        ("What was the rate in March 2024?", "The rate was 9%.", "Contact", 0.0),
        # ... under a heading stating another month (a table row), the heading's period counts,
        # in capitals too.
        (
            "What share did Gwent answer in December 2023?",
            "Gwent Police 7,151 90.6% 1",
            "999 CALLS ANSWERED WITHIN 10 SECONDS, NOVEMBER 2023",
            1.0,
        ),
        (
            "What share did Gwent answer in November 2023?",
            "Gwent Police 7,151 90.6% 1",
            "999 CALLS ANSWERED WITHIN 10 SECONDS, NOVEMBER 2023",
            0.0,
        ),
        # The document's date after its title, and a heading's day date (when the minutes were
        # written), are not the period of the figures.
        (
            "What share did Essex answer in October 2023?",
            "Essex answered 80.3%.",
            "Police and Crime Panel minutes (12 December 2024) — Minutes of the meeting held on "
            "Thursday 12 December 2024",
            0.0,
        ),
        # The piece's own period wins over its headings'.
        (
            "What was the rate in March 2023?",
            "In March 2023 the rate was 33.4%.",
            "Performance to December 2023",
            0.0,
        ),
        # No period asked: nothing to contradict.
        ("What was the rate?", "In December 2023 it was 9%.", "", 0.0),
        # A month with no year in minutes is of the months before the meeting: "in June and in
        # September" of October 2022 minutes is not July 2022, and is June 2022.
        (
            "What share of assessments were completed in July 2022?",
            "Completion was 48.8% in June and 60.1% in September.",
            "Board minutes (31 October 2022)",
            1.0,
        ),
        (
            "What share of assessments were completed in June 2022?",
            "Completion was 48.8% in June and 60.1% in September.",
            "Board minutes (31 October 2022)",
            0.0,
        ),
        # ... "in November" of minutes dated October 2022 is November 2021.
        (
            "How many cases were there in November 2022?",
            "In November there were 655 cases.",
            "Board minutes (31 October 2022)",
            1.0,
        ),
        # ... while "now" in those minutes is the months up to their date, autumn 2022 too.
        (
            "How many cases were there in autumn 2022?",
            "In August there were 655 cases; it was now 407.",
            "Board minutes (31 October 2022)",
            0.0,
        ),
        # ... and of an undated document, or beside a year, the year beside it.
        ("What was the rate in July 2022?", "It was 9% in June.", "Undated note", 0.0),
        ("What was the rate in July 2022?", "It was 9% in June and July 2022.", "", 0.0),
    ],
)
def test_a_statement_stating_another_period_is_marked(
    question: str, statement: str, headings: str, elsewhere: float
) -> None:
    intent = read_question(question, IDF)
    assert _period_stated_elsewhere(intent, statement, headings) == elsewhere


PARAGRAPH = (
    "In the 12 months ending October 2024 Essex Police answered 80.3% of 999 calls within "
    "10 seconds. A member asked about neighbours. Kent Police had answered 92.3% in the same "
    "period."
)


@pytest.mark.parametrize(
    ("sentence", "carried_more"),
    [
        # A parallel percentage: the measure is carried from the sentence before.
        ("Kent Police had answered 92.3% in the same period.", True),
        # No figure of a kind the paragraph gave: only its own words count.
        ("A member asked about neighbours.", False),
    ],
)
def test_a_parallel_figure_takes_the_measure_of_the_sentences_before(
    sentence: str, carried_more: bool
) -> None:
    intent = read_question("What share of 999 calls were answered within 10 seconds?", IDF)
    start = PARAGRAPH.index(sentence)
    piece = next(p for p in analyse(PARAGRAPH, "")[0] if p.start == start and not p.pair)
    total = sum(c.weight for c in intent.measure if c.known)
    own = sum(c.weight for c in intent.measure if c.known and c.matches(piece.stems)) / total
    carried = _carried(intent, piece, _before(PARAGRAPH, start), total, own)
    assert (carried > own) is carried_more, (carried, own)


@pytest.mark.parametrize(
    ("question", "named", "expected"),
    [
        ("What is the knife crime rate?", "the crime rate per 1,000 population", 1.0),
        ("What is the knife crime rate?", "knife crime rose", 0.0),
        ("What is the average response time in rural areas?", "the average response time", 1.0),
    ],
)
def test_the_most_specific_word_missing_is_measured(
    question: str, named: str, expected: float
) -> None:
    intent = read_question(question, IDF)
    assert _missing_rarest(intent, frozenset(lexical_tokens(named))) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("question", "named", "missing"),
    [
        ("What share of 101 calls were abandoned?", "999 calls abandoned", 1.0),
        ("What share of 101 calls were abandoned?", "101 calls abandoned", 0.0),
        ("What share of calls were abandoned?", "999 calls abandoned", 0.0),
    ],
)
def test_a_service_number_asked_must_be_named(question: str, named: str, missing: float) -> None:
    intent = read_question(question, IDF)
    assert _service_missing(intent, frozenset(lexical_tokens(named))) == missing


@pytest.mark.parametrize(
    ("question", "statement", "figure", "kind"),
    [
        # a share in words answers "what share"
        (
            "What share of sergeants had done the course?",
            "Over a third of Sgts had completed it.",
            1.0,
            1.0,
        ),
        (
            "What proportion of calls took over a minute?",
            "About one fifth of calls took longer.",
            1.0,
            1.0,
        ),
        ("What share of victims were satisfied?", "One in four victims was satisfied.", 1.0, 1.0),
        # no time where a time is asked
        (
            "How long did it take to answer 101 calls?",
            "The force answered 84.5% of calls.",
            1.0,
            -1.0,
        ),
        # no figure at all where one is asked
        ("How many drones does the force operate?", "The force operates two hubs.", 1.0, 0.0),
        (
            "How many drones does the force operate?",
            "The force has no response targets.",
            -1.0,
            0.0,
        ),
        # a grade asked: figures are not required
        (
            "How was the force graded for investigating crime?",
            "Investigating crime: Good",
            0.0,
            0.0,
        ),
        # the figure the question gives is not an answer to it
        (
            "How many of the 40 tagged offenders breached their orders?",
            "There were 40 tagged offenders.",
            -1.0,
            0.0,
        ),
        (
            "How many of the 40 tagged offenders breached their orders?",
            "Of the 40 tagged offenders, 12 breached their orders.",
            1.0,
            0.0,
        ),
        (
            "What share of the 2,000 unallocated crimes were burglaries?",
            "Some 2,000 crimes were waiting to be allocated.",
            -1.0,
            -1.0,
        ),
        (
            "What share of the 2,000 unallocated crimes were burglaries?",
            "Some 2,000 crimes, 15% of them burglaries, were waiting.",
            1.0,
            1.0,
        ),
        # the same value of another kind is still an answer: 40% is not "40 offenders"
        (
            "How many of the 40 tagged offenders breached their orders?",
            "Around 40% of them breached their orders.",
            1.0,
            0.0,
        ),
        # a frequency in words answers "how often"; an amount in words "how many"
        (
            "How often does the force publish its firearms threat assessment?",
            "The assessment is published annually with a register of risks.",
            0.5,
            0.0,
        ),
        (
            "How often does the force publish its firearms threat assessment?",
            "The assessment is published with a register of risks.",
            -1.0,
            0.0,
        ),
        (
            "How many calls can one major incident bring in?",
            "A major incident could bring hundreds of calls.",
            0.5,
            0.0,
        ),
        # a start says how long it has been; a pace in words how quickly
        (
            "How long has Kent been sharing support services with Essex?",
            "Since 2010, the combined directorates with Essex Police have provided support.",
            0.5,
            0.5,
        ),
        (
            "How quickly does the control room pick up calls?",
            "Control room staff generally answer calls promptly.",
            0.5,
            0.5,
        ),
        (
            "How quickly does the control room pick up calls?",
            "Control room staff answer the calls.",
            -1.0,
            -1.0,
        ),
        # months and years say how long; so does a duration written as an adjective
        (
            "How long are student officers posted to the investigation teams?",
            "They are posted to the teams for 12 months.",
            1.0,
            1.0,
        ),
        (
            "How long is the public protection course?",
            "All frontline staff attend a three-day public protection course.",
            1.0,
            1.0,
        ),
        # a share in words answers what share; "the last quarter" is a period, not a share
        (
            "What share of sergeants had done the course?",
            "Over a third of Sgts had completed the training.",
            1.0,
            1.0,
        ),
        (
            "What share of 101 calls were dropped?",
            "They marginally decreased in the last quarter by 2,103 calls.",
            1.0,
            -1.0,
        ),
    ],
)
def test_figure_and_kind_fit(question: str, statement: str, figure: float, kind: float) -> None:
    intent = read_question(question, IDF)
    piece = analyse(statement, "")[0][0]
    assert (_figure_fit(intent, piece), _kind_fit(intent, piece)) == (figure, kind)


def _row(**values: float) -> np.ndarray:
    row = np.zeros(len(FEATURES))
    for name, value in values.items():
        row[FEATURES.index(name)] = value
    return row


@pytest.mark.parametrize(
    ("question", "row", "withheld"),
    [
        # the column the question names is a dash: the row's other cells do not answer it
        (
            "how many times did british transport police fire taser in 2023/24",
            "Year: 2023/24 | Taser drawn or aimed: 744 | Taser fired: – | Share fired: –",
            1.0,
        ),
        (
            "how many times did british transport police draw taser in 2023/24",
            "Year: 2023/24 | Taser drawn or aimed: 744 | Taser fired: – | Share fired: –",
            0.0,
        ),
        # the period asked is a dash; the other period's cell is no answer
        (
            "How many sickness days did Sussex officers take in 2021/22?",
            "Force: Sussex Police | 2021/22: – | 2022/23: 10.8",
            1.0,
        ),
        (
            "How many sickness days did Sussex officers take in 2022/23?",
            "Force: Sussex Police | 2021/22: – | 2022/23: 10.8",
            0.0,
        ),
        # a figure asked, and the documents say they hold none
        (
            "How many e-scooters were used for drug dealing?",
            "Officers said they did not keep a separate count of e-scooters used in drug dealing.",
            1.0,
        ),
        # a topic typed as a search asks the same
        (
            "e-scooters used for drug dealing in gloucestershire",
            "Officers said they did not keep a separate count of e-scooters used in drug dealing.",
            1.0,
        ),
        # a question asking what was said, not a figure, is answered by it
        (
            "What did officers say about e-scooters used for drug dealing?",
            "Officers said they did not keep a separate count of e-scooters used in drug dealing.",
            0.0,
        ),
        # a statement that goes on to give a figure may still answer
        (
            "religious hate crime in south yorkshire",
            "Religious hate crimes were not broken down last year; this year there were 41.",
            0.0,
        ),
    ],
)
def test_a_statement_or_a_dash_that_withholds_the_figure_asked(
    question: str, row: str, withheld: float
) -> None:
    piece = analyse(row, "")[0][0]
    assert (
        _withheld(read_question(question, IDF | {"taser": 2.0, "fire": 2.0}), piece, row)
        == withheld
    )


@pytest.mark.parametrize(
    ("question", "statement", "fit"),
    [
        ("When was the Pledge launched?", "The Pledge was launched on 4 March 2023.", 1.0),
        ("When was the Pledge launched?", "The Pledge was launched in 2023.", 1.0),
        (
            "on what date was the audit finalised",
            "The audit was finalised on the 4th December.",
            1.0,
        ),
        ("When was the Pledge launched?", "The Pledge was built with the views of staff.", -1.0),
        # a time in prose answers a when too
        ("When were the inspectors due back?", "They would return around springtime.", 1.0),
        ("When did the force bring in Athena?", "It came in five weeks before our visit.", 1.0),
        # not a date question: nothing asked, nothing to fit
        ("When a case was closed, how often were victims told?", "Victims were told.", 0.0),
        ("What share of victims were told?", "Victims were told in 2023.", 0.0),
    ],
)
def test_a_when_question_wants_a_date(question: str, statement: str, fit: float) -> None:
    piece = analyse(statement, "")[0][0]
    assert _date_fit(read_question(question, IDF), piece, statement) == fit


@pytest.mark.parametrize(
    ("question", "statement", "headings", "other"),
    [
        # The yardstick asked is not the one the statement gives.
        (
            "business support spend per head in kent's most similar forces",
            "Business support | Kent spend: £30 | England and Wales spend: £41",
            "",
            1.0,
        ),
        (
            "violence against the person rate across england and wales",
            "Violence against the person | Kent rate: 42 | Most Similar Forces rate: 27",
            "",
            1.0,
        ),
        # ... the one asked, or named by the headings.
        (
            "How does Kent compare with its most similar forces on violent crime?",
            "Violence against the person | Kent rate: 42 | Most Similar Forces rate: 27",
            "",
            0.0,
        ),
        (
            "what was the national average linked outcome rate",
            "Kent 28.7% | 22.2%",
            "Stop and search linked outcomes, Kent and England and Wales",
            0.0,
        ),
        # None named at all: the comparison asked is not made (Kent's 28.7% is no national
        # rate), and none is asked of a question naming no yardstick.
        ("linked outcome rate nationally", "The linked outcome rate was 28.7%.", "", 1.0),
        (
            "how does the 79% ACRO accuracy compare with other forces nationally",
            "It is currently achieving a 79 percent accuracy rate on all ACRO checks.",
            "",
            1.0,
        ),
        ("what was the linked outcome rate", "The linked outcome rate was 28.7%.", "", 0.0),
        # a finding asked "nationally" is no figure to compare
        (
            "what did the inspectors think was missing around impartiality nationally",
            "Guidance needed to be reviewed and updated.",
            "",
            0.0,
        ),
        # "National" naming a system is no yardstick.
        (
            "how many wanted people were missing from the police national computer",
            "Its most similar forces had fewer.",
            "",
            0.0,
        ),
    ],
)
def test_another_yardstick_than_the_one_asked_is_measured(
    question: str, statement: str, headings: str, other: float
) -> None:
    assert _comparator_other(read_question(question, IDF), statement, headings) == other


@pytest.mark.parametrize(
    ("values", "cannot"),
    [
        ({}, False),
        ({"figure_fit": 1.0, "kind_fit": 1.0, "period_fit": 1.0}, False),
        ({"period_fit": -1.0}, True),  # no year asked in it or its headings
        ({"period_stated_elsewhere": 1.0}, True),  # "March 2023" for "March 2022"
        ({"figure_fit": -1.0}, True),
        ({"kind_fit": -1.0}, True),
        ({"service_missing": 1.0}, True),  # a 999 figure for a 101 question
        ({"comparator_other": 1.0}, True),  # no national figure for "compared nationally"
        ({"date_fit": -1.0}, True),  # no time at all for "when did it start"
        ({"count_fit": -1.0, "missing_rarest": 1.0}, False),  # soft signals only
    ],
)
def test_cannot_answer(values: dict[str, float], cannot: bool) -> None:
    assert cannot_answer(_row(**values)) is cannot


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("What share of 999 calls were answered within 10 seconds?", {"999"}),
        ("How quickly are emergency calls answered?", {"999"}),  # a glossary variant
        ("How often do people give up on the non-emergency line?", {"101"}),
        ("How did 999 and 101 answering compare?", {"101", "999"}),
        ("What was the knife crime rate?", set()),
    ],
)
def test_services_asked(question: str, asked: set[str]) -> None:
    assert services_asked(read_question(question, IDF)) == asked


@pytest.mark.parametrize(
    ("pair", "asked", "joins"),
    [
        # The second sentence is about the 101 line only: no statement about 999 answering.
        (
            "The force answered 84.5% of calls in 10 seconds. In respect of 101 performance, the "
            "abandonment rate was 33.4% in March 2023.",
            {"999"},
            True,
        ),
        # Both sentences about the service asked, or one naming none: a statement.
        (
            "In March 2023 69.4% of 999 calls were answered in 10 seconds. The rolling year to "
            "December 2023 shows 84.5%.",
            {"999"},
            False,
        ),
        # A sentence naming both services is about the one asked too.
        ("Calls to 999 and 101 rose. The 101 wait fell to 2 minutes.", {"999"}, True),
        ("Calls to 999 and 101 rose. Answering improved to 84.5%.", {"999"}, False),
        # No service asked: nothing to judge by.
        ("The force answered 84.5%. The 101 rate was 33.4%.", set(), False),
    ],
)
def test_a_pair_joining_another_service_is_no_candidate(
    pair: str, asked: set[str], joins: bool
) -> None:
    assert _joins_another_service(pair, frozenset(asked)) is joins


@pytest.mark.parametrize(
    ("context", "stems"),
    [
        # The title (and its date) says what the document covers; the headings what a part is about.
        (
            "Kent and Medway Police and Crime Panel (6 February 2024) — Mental health — Detentions",
            "mental health detentions",
        ),
        ("Kent and Medway Police and Crime Panel (6 February 2024)", ""),
    ],
)
def test_heading_stems_leave_out_the_title(context: str, stems: str) -> None:
    assert _heading_stems(context) == frozenset(lexical_tokens(stems))


def test_a_place_named_only_in_the_title_is_missing() -> None:
    # "in Medway" asked of a county-wide figure in a paper titled for Kent and Medway.
    intent = read_question("How many detentions were there in Medway?", IDF)
    headings = _heading_stems(
        "Kent and Medway Police and Crime Panel (6 February 2024) — Mental health"
    )
    assert _missing_rarest(intent, frozenset(lexical_tokens("738 detentions")) | headings) > 0


@pytest.mark.parametrize(
    ("question", "statement", "context", "fit"),
    [
        # a year asked is named by the piece, its headings, or its paragraph before it
        (
            "What share of 999 calls were answered in October 2023?",
            "In October 2023 it was 75%.",
            "",
            1.0,
        ),
        (
            "What share of 999 calls did Derbyshire answer in October 2023?",
            "Figures for October 2023 are out. It answered 75.5 per cent in the month.",
            "",
            0.5,
        ),
        (
            "What share of 999 calls were answered in October 2023?",
            "It answered 75.5 per cent.",
            "Table (May 2024)",
            -1.0,
        ),
        # a year naming the report asked about: the document's date counts as well
        (
            "What did the 2019 report say about 101 abandonment?",
            "It was 18 percent in 2017.",
            "PEEL 2018/19 (May 2019)",
            0.5,
        ),
        (
            "What did the 2019 report say about 101 abandonment?",
            "It was 18 percent in 2017.",
            "Panel paper (6 February 2024)",
            -1.0,
        ),
        (
            "What did the 2019 report say about 101 abandonment?",
            "The 2019 report gave it as 18 percent in 2017.",
            "Panel paper (6 February 2024)",
            1.0,
        ),
    ],
)
def test_period_fit(question: str, statement: str, context: str, fit: float) -> None:
    intent = read_question(question, IDF)
    pieces = analyse(statement, context)[0]
    piece = pieces[len(pieces) - 1] if len(pieces) == 1 else [p for p in pieces if not p.pair][-1]
    chunk = Chunk("c", "d", statement, 0, len(statement), None, None, None, context)
    assert period_fit(intent, chunk, piece, _before(statement, piece.start).years) == fit

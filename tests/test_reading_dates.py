"""The date reader: which dates a sentence states, what each names, its role, and when two
agree or conflict."""

from __future__ import annotations

import pytest

from assistant.date_check import event_dates
from assistant.reading.changes import ways
from assistant.reading.dates import DateMention, confirms, conflicts, find_dates, says_when


def _one(text: str) -> DateMention:
    found = find_dates(text)
    assert len(found) == 1, [d.text for d in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "stated", "fields"),
    [
        ("published on 10 January 2024", "10 January 2024", (2024, 1, 10, None)),
        ("signed off on 27/08/2024", "27/08/2024", (2024, 8, 27, None)),
        ("planned to start on 12/02/25", "12/02/25", (2025, 2, 12, None)),
        ("an audit in 06/11/24", "06/11/24", (2024, 11, 6, None)),
        ("the act came into force on 1/3/98", "1/3/98", (1998, 3, 1, None)),
        ("to go to the JAC on the 4th December", "4th December", (None, 12, 4, None)),
        ("published on 28 March.", "28 March", (None, 3, 28, None)),
        ("the 4th of December 2023", "4th of December 2023", (2023, 12, 4, None)),
        ("on January 10, 2024", "January 10, 2024", (2024, 1, 10, None)),
        ("closed in March 2024", "March 2024", (2024, 3, None, None)),
        ("due to begin in autumn 2019", "autumn 2019", (2019, None, None, "autumn")),
        ("launched in 2019", "2019", (2019, None, None, None)),
    ],
)
def test_a_date_is_read_with_what_it_names(
    text: str, stated: str, fields: tuple[int, int | None, int | None, str | None]
) -> None:
    date = _one(text)
    assert date.text == stated
    assert (date.year, date.month, date.day, date.season) == fields


@pytest.mark.parametrize(
    "text",
    [
        "the pension grant for 2019/20",
        "assessments carried out between 2021-2024 overall",
        "a similar survey in 2015–2017",
        "a budget of £2019",
        "on 45/13/2024",  # no such day or month
        "2,093 crimes",
        "a ratio of 12/02/2025/1",  # one more field: no day/month/year date
        "on 31/13/25",  # no thirteenth month
    ],
)
def test_no_event_date_is_read_from_spans_amounts_and_counts(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("fully digital-enabled by 2025", "deadline"),
        ("due by 30/12/2023", "deadline"),
        ("improved since 2017", "start"),
        ("published on 10 January 2024", "event"),
        ("took place in early 2022", "event"),
        ("the Police and Crime Act 2017", "name"),
        ("2019 was a hard year", None),
    ],
)
def test_a_date_s_role_is_read_from_the_word_before_it(text: str, role: str | None) -> None:
    assert _one(text).role == role


@pytest.mark.parametrize(
    ("source", "claimed", "confirmed", "conflicting"),
    [
        ("on 10 January 2024", "on 10 January 2024", True, False),
        ("on 10 January 2024", "on 10 January 2023", False, True),
        ("on 27/08/2024", "on 27/09/2024", False, True),
        ("in autumn 2019", "in 2019", True, False),  # a year agrees with any day of it
        ("in 2019", "in autumn 2019", False, False),  # but does not confirm a season
        ("in autumn 2018", "in autumn 2019", False, True),
        ("in September 2019", "in autumn 2019", False, False),
        ("by 2025", "in 2019", False, False),  # a deadline is not when it happened
        ("the Act 2011", "in 2023", False, False),  # a name's year is no event's date
        # a day and month alone agree with that day of any year, and conflict with another day
        ("on 4 December 2023", "on 4 December", True, False),
        ("on 28 April", "on 28 March", False, True),
        ("on 4 December", "on 4 December 2023", False, False),  # the source states no year
    ],
)
def test_two_dates_agree_or_conflict_by_what_both_state(
    source: str, claimed: str, confirmed: bool, conflicting: bool
) -> None:
    s, c = _one(source), _one(claimed)
    assert (confirms(s, c), conflicts(s, c)) == (confirmed, conflicting)


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("Both measures had improved by the rolling year to December 2023.", []),
        ("In the year ending March 2024 the force was inspected on 3 May 2023.", ["3 May 2023"]),
        ("Medway was due to begin using the scheme in autumn 2019.", ["autumn 2019"]),
    ],
)
def test_a_period_a_measure_was_counted_over_is_no_event_date(
    sentence: str, dates: list[str]
) -> None:
    assert [d.text for d in event_dates(sentence)] == dates


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("rape and sexual offences both fell in September", {"down"}),
        ("calls rose sharply", {"up"}),
        ("accuracy had slipped since 2017", {"down", "worse"}),
        ("call handling had deteriorated", {"worse"}),
        ("it substantially improved its accuracy", {"better"}),
        ("the report was published in May", set()),
    ],
)
def test_which_way_a_sentence_says_something_moved(text: str, moved: set[str]) -> None:
    assert ways(text) == moved


@pytest.mark.parametrize(
    ("text", "gives_a_time"),
    [
        # a calendar date or year
        ("The report was published on 10 October 2024.", True),
        ("Athena went live in 2018.", True),
        # a time in prose, with no calendar date
        ("They expected the inspectors back around springtime.", True),
        ("Data requests were likely early next year.", True),
        ("The force introduced Athena five weeks before our inspection.", True),
        ("Student officers move on once they have reached about 15 months.", True),
        ("The triage car runs three nights a week.", True),
        ("Most thefts happened at weekends.", True),
        ("Partners are available during office hours.", True),
        ("Audit: Technology Optimisation | Planned start: Q4 TBC", True),
        ("It was prepared for the cancelled September meeting.", True),
        ("Patrols run from 10pm until 3am.", True),
        # what, not when
        ("Kent pioneered the introduction of DARA with many other forces now adopting it.", False),
        ("He highlighted the DA Hub and the video response service as examples.", False),
        ("There are 2,451 registered sex offenders in the county.", False),
        ("It may be that more work is needed.", False),  # "may", the verb
        ("We found 80 percent had reasonable grounds recorded.", False),
    ],
)
def test_a_time_is_read_however_prose_gives_it(text: str, gives_a_time: bool) -> None:
    assert says_when(text) is gives_a_time

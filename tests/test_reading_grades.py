"""Grades read one way from headings, table rows, lists and prose; and which questions ask one."""

from __future__ import annotations

import pytest

from assistant.lexical import lexical_tokens
from assistant.question import Concept
from assistant.reading.grades import asks_grade, grade_for_area, read_grades


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Investigating crime – Requires Improvement",
            [("requires improvement", "Investigating crime")],
        ),
        ("Managing offenders – Adequate (2 AFIs)", [("adequate", "Managing offenders")]),
        (
            "Good: Preventing crime | Requires improvement: Responding to the public",
            [("good", "Preventing crime"), ("requires improvement", "Responding to the public")],
        ),
        (
            "Protecting vulnerable people | Good | Last inspected: 2018/19",
            [("good", "Protecting vulnerable people")],
        ),
        ("Recording data about crime: Inadequate", [("inadequate", "Recording data about crime")]),
        ("Preventing crime\tGood\tAdequate", [("good", "Preventing crime")]),
        (
            "· One area outstanding: supporting the workforce",
            [("outstanding", "supporting the workforce")],
        ),
        ("Victim service assessment – Not Graded", [("not graded", "Victim service assessment")]),
        # a grade in brackets: after its area, or on a line of its own under the area's heading
        (
            "Strategic Planning, Organisational Management and Value for Money (Good)",
            [("good", "Strategic Planning, Organisational Management and Value for Money")],
        ),
        (
            "Crime data integrity\n\n(Outstanding)\n\n3. HMICFRS graded it",
            [
                ("outstanding", "Crime data integrity"),
            ],
        ),
        ("(Requires Improvement)", [("requires improvement", None)]),
        ("The report said so.\n(Good)", [("good", None)]),  # a sentence heads no grade
        ("The force was rated (good) last time.", []),  # brackets inside prose
        ("The force is good at catching criminals.", [("good", "catching criminals")]),
        (
            "Our inspectors judged the force as outstanding at planning ahead.",
            [("outstanding", "planning ahead")],
        ),
        ("Kent Police is very good at financial planning.", [("good", "financial planning")]),
        # a list of areas belongs to its grade, and a second grade joined by "and" is read too
        (
            "It was good at preventing crime, treating the public fairly and managing offenders, "
            "and inadequate at responding to the public.",
            [
                ("good", "preventing crime, treating the public fairly and managing offenders"),
                ("inadequate", "responding to the public"),
            ],
        ),
        (
            "The force was rated adequate for investigating crime but requires improvement in "
            "protecting vulnerable people; other areas were not inspected.",
            [
                ("adequate", "investigating crime"),
                ("requires improvement", "protecting vulnerable people"),
            ],
        ),
        ("The force got a good grading for preventing crime.", [("good", "preventing crime")]),
        ("The force kept the good grading, the paper says.", [("good", None)]),
        ("Its grade of ‘Outstanding’ still stands.", [("outstanding", None)]),
        ("It has moved from requires improvement to adequate in this area.", [("adequate", None)]),
        ("Inspectors found it good in six of them.", [("good", None)]),
        ("The force continues to be outstanding in this area.", [("outstanding", "this area")]),
        # a list whose bullets were cleaned away: one grade and its area per line
        (
            "The inspectors graded our service as follows:\n\nOutstanding at engaging with the "
            "public\nRequires improvement at responding to the public, investigating crime",
            [
                ("outstanding", "engaging with the public"),
                ("requires improvement", "responding to the public, investigating crime"),
            ],
        ),
        # a table row as the cleaner writes it: each grade for its column, none for the others
        (
            "Force: Gwent Police | PEEL year: 2017 | Effectiveness: Requires improvement | "
            "Efficiency: Good | Legitimacy: –",
            [("requires improvement", "Effectiveness"), ("good", "Efficiency")],
        ),
        (
            "Area: Preventing and deterring crime | Grade: Adequate",
            [("adequate", "Preventing and deterring crime")],
        ),
        # a force in the first cell: a column per area
        (
            "Northamptonshire Police | 2017 | Effectiveness: Requires improvement | Efficiency: Good",
            [("requires improvement", "Effectiveness"), ("good", "Efficiency")],
        ),
        # a bare first cell is the row's area, whatever the cleaner put over the grade's cell
        (
            "Armed response capability | Effectiveness: Ungraded | 2018/19",
            [("ungraded", "Armed response capability")],
        ),
        # labels whose lines were joined by the cleaner: each read on its own
        (
            "Engaging with the public: Good Responding to the public: Requires Improvement "
            "Value for money: Inadequate",
            [
                ("good", "Engaging with the public"),
                ("requires improvement", "Responding to the public"),
                ("inadequate", "Value for money"),
            ],
        ),
    ],
)
def test_read_grades(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(r.grade, r.area) for r in read_grades(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The funding does not always buy a good service for the public.",
        "The force has a good financial plan.",
        "Officers chase the number of outstanding suspects every day.",
        "The chair said it was good to hear of the new team.",
        "We found good examples of joint working.",
        "Outstanding | Good | Adequate | Requires improvement | Inadequate",
    ],
)
def test_a_grade_word_alone_states_no_grade(text: str) -> None:
    assert read_grades(text) == ()


@pytest.mark.parametrize(
    ("question", "wants_figure", "expected"),
    [
        ("What grade did the force get for investigating crime?", False, True),
        ("Was the force any good at answering calls in 2023-25?", False, True),
        ("How well did the inspectors think the force treats people fairly?", False, True),
        ("What did the 2018/19 report say about how the force plans ahead?", False, True),
        ("How efficient did the 2019 report find the force?", False, True),
        ("How well did the force answer 999 calls?", False, False),
        ("What did the report find the 101 abandonment rate was?", True, False),
        ("What share of cases were judged to give a good service?", True, False),
        ("How many areas was the force rated good in?", True, True),
        ("Which university does the 2018/19 report say the force works with?", False, False),
    ],
)
def test_asks_grade(question: str, wants_figure: bool, expected: bool) -> None:
    assert asks_grade(question, wants_figure) is expected


def _concepts(*words: str) -> list[Concept]:
    return [Concept(w, frozenset(lexical_tokens(w)), 1.0, False) for w in words]


@pytest.mark.parametrize(
    ("words", "text", "expected"),
    [
        (
            ("investigating", "crime"),
            "Good: Preventing crime | Requires improvement: Investigating crime",
            "Requires improvement",
        ),
        (
            ("preventing",),
            "Good: Preventing crime | Requires improvement: Investigating crime",
            "Good",
        ),
        (
            ("vetting",),
            "Good: Preventing crime | Requires improvement: Investigating crime",
            "Good",
        ),
        (("vetting",), "No grade is stated here.", None),
        (
            ("managing", "offenders"),
            "It was adequate at preventing crime, treating the public fairly and managing "
            "offenders, and requires improvement at investigating crime.",
            "adequate",
        ),
        (
            ("investigating", "crime"),
            "It was adequate at preventing crime, treating the public fairly and managing "
            "offenders, and requires improvement at investigating crime.",
            "requires improvement",
        ),
    ],
)
def test_grade_for_area(words: tuple[str, ...], text: str, expected: str | None) -> None:
    grade = grade_for_area(_concepts(*words), text)
    assert (text[grade.start : grade.end] if grade else None) == expected


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("Requires Improvement", "requires improvement"),
        ("required  improvement", "requires improvement"),
        ("requiring improvement", "requires improvement"),
        ("Good", "good"),
        ("Inadequate", "inadequate"),
    ],
)
def test_grade_name_is_the_scale_s_word(words: str, name: str) -> None:
    from assistant.reading.grades import SCALE_RANK, grade_name

    assert grade_name(words) == name and name in SCALE_RANK

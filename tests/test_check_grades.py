"""The check reads claims that state a grade and no figure: the grade against the grade a source
gives the same area, for the same force and inspection.

The document below is written for this test in our own words (its grades are made up); each
claim's verdict comes from the paragraph named beside it.
"""

from __future__ import annotations

import pytest
from conftest import EngineOver

from assistant.claims import Term
from assistant.engine import Engine
from assistant.grade_check import _same_years, grade_claim, grade_move
from assistant.reading.periods import stated_spans

DOCUMENT = """Title: Wiltshire Police - PEEL inspection grades, 2021/22 and 2023-25
Date: 20 March 2025

1. Grades from the PEEL 2023-25 inspection:

- Responding to the public – Requires improvement
- Investigating crime – Adequate
- Protecting vulnerable people – Good

2. In its PEEL 2021/22 inspection the force was graded inadequate for responding to the public.

3. The inspectorate praised the force's work with schools but gave it no grade for it.
"""

CLAIMS = [
    # 1.: the same grade, the same area, the inspection named loosely
    ("Wiltshire Police was graded requires improvement for responding to the public in PEEL "
     "2023-25.", "supported"),
    ("In the 2023-25 PEEL round Wiltshire was judged good at protecting vulnerable people.",
     "supported"),
    # 1.: another grade for the area
    ("Wiltshire Police was graded good for investigating crime in PEEL 2023-25.",
     "contradicted"),
    # 2.: the earlier inspection's grade for the area, and the other inspection's grade put in it
    ("Wiltshire Police was graded inadequate for responding to the public in PEEL 2021/22.",
     "supported"),
    ("Wiltshire Police was graded requires improvement for responding to the public in PEEL "
     "2021/22.", "contradicted"),
    # 3.: an area no source grades
    ("Wiltshire Police was graded outstanding for its work with schools in PEEL 2023-25.",
     "not_found"),
    # a force no document covers
    ("Dorset Police was graded good for investigating crime in PEEL 2023-25.", "not_found"),
    # 1. and 2.: a change, each grade for its inspection, and the way it went
    ("Wiltshire's grade for responding to the public improved from inadequate in PEEL 2021/22 "
     "to requires improvement in PEEL 2023-25.", "supported"),
    ("Wiltshire's grade for responding to the public worsened from inadequate in PEEL 2021/22 "
     "to requires improvement in PEEL 2023-25.", "contradicted"),
    ("Wiltshire's grade for responding to the public went from requires improvement in PEEL "
     "2021/22 to inadequate in PEEL 2023-25.", "contradicted"),
]  # fmt: skip


@pytest.fixture(scope="module")
def wiltshire(engine_over_one: EngineOver) -> Engine:
    return engine_over_one("2025-03-wiltshire-peel-grades.txt", DOCUMENT)


@pytest.mark.parametrize(("text", "verdict"), CLAIMS)
def test_a_grade_claim_is_judged_by_the_grade_its_area_was_given(
    wiltshire: Engine, text: str, verdict: str
) -> None:
    report = wiltshire.check(text)
    assert [c.verdict for c in report.claims] == [verdict], [c.explanation for c in report.claims]


def test_a_contradicted_grade_names_and_cites_the_source_s_grade(wiltshire: Engine) -> None:
    (claim,) = wiltshire.check(CLAIMS[2][0]).claims
    assert claim.figures == ("good",)
    assert claim.expected == ("Adequate",)
    assert "Investigating crime – Adequate" in claim.evidence[0].quote


IDF = {"respond": 3.0, "public": 2.0, "investig": 3.0, "crime": 1.0, "vulner": 3.0, "peopl": 1.5}


@pytest.mark.parametrize(
    ("sentence", "grade", "area", "years"),
    [
        ("Kent was graded good for investigating crime in PEEL 2023-25.", "good",
         "investigating crime", ("2023-25",)),
        ("The force is outstanding at responding to the public.", "outstanding",
         "responding to the public", ()),
        ("Essex Police received a requires improvement grading for protecting vulnerable people.",
         "requires improvement", "protecting vulnerable people", ()),
    ],
)  # fmt: skip
def test_grade_claim_reads_the_grade_its_area_and_its_years(
    sentence: str, grade: str, area: str, years: tuple[str, ...]
) -> None:
    claim = grade_claim(sentence, IDF)
    assert claim is not None
    assert (claim.grade, claim.area) == (grade, area)
    assert tuple(y.label for y in claim.years) == years


@pytest.mark.parametrize(
    "sentence",
    [
        "Kent was graded good in six areas.",  # a count: the figure check reads it
        "The grade for investigating crime went from good in 2018/19 to adequate in 2021/22.",
        "The force's grade for investigating crime fell to requires improvement.",  # a change
        "Kent was graded good for investigating crime, with 96.7% of crimes recorded.",  # figures
        "The force gave a good service to victims.",  # a grade word, no grade
        # a second grade the reader does not take ("required improvement" with no "was")
        "In 2016 the force required improvement for efficiency, and was good for legitimacy.",
    ],
)
def test_grade_claim_leaves_counts_changes_and_figures_alone(sentence: str) -> None:
    assert grade_claim(sentence, IDF) is None


@pytest.mark.parametrize(
    ("sentence", "grades", "way"),
    [
        ("Kent's investigating crime grade went from Good in 2018/19 to Requires Improvement in "
         "2021/22.", [("good", "2018/19"), ("requires improvement", "2021/22")], None),
        ("Its efficiency improved from requires improvement in 2017 to good in 2018/19.",
         [("requires improvement", "2017"), ("good", "2018/19")], "better"),
        ("Responding to the public fell from adequate in PEEL 2021/22 to inadequate in PEEL "
         "2023-25.", [("adequate", "2021/22"), ("inadequate", "2023-25")], "worse"),
    ],
)  # fmt: skip
def test_grade_move_pairs_each_grade_with_its_inspection(
    sentence: str, grades: list[tuple[str, str]], way: str | None
) -> None:
    move = grade_move(sentence, IDF)
    assert move is not None
    claims, said = move
    months = [(y.first, y.last) for _, label in grades for y in stated_spans(label)]
    assert [c.grade for c in claims] == [grade for grade, _ in grades]
    assert [(c.years[0].first, c.years[0].last) for c in claims] == months
    assert said == way


@pytest.mark.parametrize(
    "sentence",
    [
        "Its effectiveness fell to requires improvement in 2016 from good the year before.",
        "The grade moved from adequate to good.",  # no inspection named for either grade
        "Kent was graded good in 2018/19.",  # one grade
    ],
)
def test_grade_move_needs_an_inspection_for_every_grade(sentence: str) -> None:
    assert grade_move(sentence, IDF) is None


@pytest.mark.parametrize(
    ("area", "source", "share"),
    [
        ("responding to the public", "Responding to the public", 1.0),
        ("investigating crime", "preventing crime", 1.0 / 4.0),
        ("protecting vulnerable people", "protection of vulnerable people", 1.0),  # one stem
        # "protect" is in no document: it weighs as much as the rarest word (3.0)
        ("protecting vulnerable people", "vulnerable adults", 3.0 / 7.5),
    ],
)
def test_an_area_s_share_said_weighs_its_words_by_rarity(
    area: str, source: str, share: float
) -> None:
    from assistant.claims import measure_terms, share_said, text_stems

    terms: tuple[Term, ...] = measure_terms(area, area, IDF)[0]
    assert share_said(terms, (text_stems(source), 1.0)) == pytest.approx(share, abs=0.01)


@pytest.mark.parametrize(
    ("claimed", "stated", "same"),
    [
        ("in its 2023 inspection", "PEEL 2023-25", True),  # a year of the cycle
        ("PEEL 2023/25", "PEEL 2023-25", True),
        ("PEEL 2021/22", "published in 2022", True),
        ("PEEL 2022-24", "PEEL 2023-25", False),  # a claimed cycle must be the same one
        ("PEEL 2022-24", "published in 2022", False),
        ("in 2017", "2018/19", False),
    ],
)
def test_same_years_names_one_inspection(claimed: str, stated: str, same: bool) -> None:
    (claim,) = stated_spans(claimed)
    (source,) = stated_spans(stated)
    assert _same_years(claim, source) is same

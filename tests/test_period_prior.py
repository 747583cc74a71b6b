"""The period prior: the years a document is about, and how far a question's years match them."""

from __future__ import annotations

import pytest

from assistant.engine import Engine
from assistant.period_prior import document_years, period_match
from assistant.types import DocumentInfo


def _document(title: str, date: str | None) -> DocumentInfo:
    return DocumentInfo("d", "corpus/d.txt", title, date, "report", None, "h")


@pytest.mark.parametrize(
    ("title", "date", "years"),
    [
        ("PEEL 2018/19 – An inspection of Kent Police", "2019-05", {2018, 2019}),
        ("Summary of the PEEL 2021/22 inspection", "2022", {2021, 2022}),
        ("Board notes", "2022-10-31", {2022}),  # no year in the title: its date's
        ("Board notes", None, set()),
    ],
)
def test_a_document_is_about_the_years_of_its_title_and_date(
    title: str, date: str | None, years: set[int]
) -> None:
    assert document_years(_document(title, date)) == years


def _first_chunk_of(engine: Engine, doc_id: str) -> int:
    return next(i for i, c in enumerate(engine.index.chunks) if c.doc_id == doc_id)


@pytest.mark.parametrize(
    ("question", "doc_id", "match"),
    [
        ("grade in the 2021/22 inspection", "2022-force-summary-peel-2021-22", 1.0),
        ("grade in the 2021/22 inspection", "2019-05-hmicfrs-peel-2018-19-kent", 0.0),
        ("calls in the year to March 2018", "2019-05-hmicfrs-peel-2018-19-kent", 1.0),
        ("from 2019 to 2022", "2022-force-summary-peel-2021-22", 0.5),  # one of its two years
    ],
)
def test_period_match_is_the_share_of_the_questions_years_a_document_covers(
    engine: Engine, question: str, doc_id: str, match: float
) -> None:
    row = _first_chunk_of(engine, doc_id)
    assert period_match(engine.index, [row], question)[row] == pytest.approx(match)


def test_a_question_naming_no_year_gets_no_prior(engine: Engine) -> None:
    assert period_match(engine.index, [0, 1], "What is the 101 abandonment rate?") == {}

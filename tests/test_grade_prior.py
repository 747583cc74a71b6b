"""The grade prior: chunks stating a grade for the area a grade question names."""

from __future__ import annotations

import pytest

from assistant.engine import Engine
from assistant.grade_prior import grade_match, graded_areas
from assistant.lexical import lexical_tokens


def _stems(text: str) -> frozenset[str]:
    return frozenset(lexical_tokens(text))


@pytest.mark.parametrize(
    ("text", "section", "areas"),
    [
        (
            "The force must speed up.",
            "Report > Investigating crime – Good",
            ["investigating crime"],
        ),
        ("It is good at catching criminals.", "Summary", ["catching criminals"]),
        (
            "Good: Preventing crime | Adequate: Managing offenders",
            "",
            ["preventing crime", "managing offenders"],
        ),
        ("The force gave a good service to victims.", "Victims", []),
    ],
)
def test_graded_areas_come_from_headings_rows_and_prose(
    text: str, section: str, areas: list[str]
) -> None:
    assert graded_areas(text, section) == tuple(_stems(a) for a in areas)


def _chunk_under(engine: Engine, doc_id: str, heading: str) -> int:
    return next(
        row
        for row, chunk in enumerate(engine.index.chunks)
        if chunk.doc_id == doc_id and (chunk.section or "").startswith(heading)
    )


def test_a_grade_question_favours_the_section_graded_for_its_area(engine: Engine) -> None:
    doc = "2022-force-summary-peel-2021-22"
    graded = _chunk_under(engine, doc, "Investigating crime – Requires Improvement")
    other = _chunk_under(engine, doc, "Crime data integrity – Outstanding")
    question = "What grade did Kent get for investigating crime in PEEL 2021/22?"
    match = grade_match(engine.index, [graded, other], question)
    assert match[graded] > match[other]


def test_a_question_asking_no_grade_gets_no_prior(engine: Engine) -> None:
    assert grade_match(engine.index, [0, 1], "What is the 101 abandonment rate?") == {}


def test_the_graded_section_reaches_the_top_five(engine: Engine) -> None:
    hits = engine.search("What grade did Kent get for investigating crime in PEEL 2021/22?")
    sections = [h.chunk.section or "" for h in hits[:5]]
    assert any(s.startswith("Investigating crime – Requires") for s in sections), sections

"""The lead line of a grade question: the grade stated for the area asked, copied from the quote."""

from __future__ import annotations

import pytest

from assistant.figures import find_figures
from assistant.lead import answering_figures, lead_line, measure_named_only_later
from assistant.lexical import lexical_tokens
from assistant.question import read_question
from assistant.types import DIRECT, RELATED, Statement

ROW = "Good: Preventing crime | Adequate: Managing offenders | Requires improvement: Investigating crime"
_IDF = {stem: 2.0 for stem in lexical_tokens(ROW + " vetting")}


@pytest.mark.parametrize(
    ("question", "quote", "lead"),
    [
        (
            "What grade did the force get for investigating crime?",
            ROW,
            ["Requires improvement [1]"],
        ),
        ("What grade did the force get for managing offenders?", ROW, ["Adequate [1]"]),
        (
            "What grade did the force get for vetting?",
            "The force was given a good service by its partners.",
            [],
        ),
    ],
)
def test_a_grade_lead_gives_the_grade_of_the_area_asked(
    question: str, quote: str, lead: list[str]
) -> None:
    statement = Statement(quote, 1, None, None, match=DIRECT)
    assert list(answering_figures([statement], read_question(question, _IDF))) == lead


def test_a_related_statement_gives_no_lead() -> None:
    statement = Statement(ROW, 1, None, None, match=RELATED)
    intent = read_question("What grade did the force get for investigating crime?", _IDF)
    assert answering_figures([statement], intent) == ()


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("How many areas did the force do well in?", ["2 (2023) [1]"]),
        ("Which areas was the force good at?", []),  # no figure asked: the quote answers
    ],
)
def test_only_a_question_asking_a_figure_gets_figures_in_its_lead(
    question: str, lead: list[str]
) -> None:
    quote = "In 2023 the force was graded good in 2 areas: preventing crime and managing offenders."
    figures = tuple(find_figures(quote))
    statement = Statement(quote, 1, "2023", (2023, 12), figures, ("2023",) * len(figures), DIRECT)
    shown = [
        lead_line([f]).removeprefix("Answer: ")
        for f in answering_figures([statement], read_question(question, _IDF))
    ]
    assert shown == lead


_PAIR = (
    "The latest figures show the force answering 84.5% of calls in 10 seconds. On the 101 line, "
    "the abandonment rate was 33.4% in March 2023."
)
_CARRIED = "The 101 abandonment rate was reviewed in March 2023. It stood at 33.4% that month."


@pytest.mark.parametrize(
    ("question", "quote", "lead"),
    [
        # the first sentence names nothing asked; the second names the measure: only its figure
        ("What was the 101 abandonment rate?", _PAIR, ["33.4%"]),
        # asked about what the first sentence names: its figure stays; the second's has no
        # sentence after it, so this rule leaves it to the others
        ("What share of calls were answered in 10 seconds?", _PAIR, ["84.5%", "33.4%"]),
        # a sentence after the one naming the measure carries it on
        ("What was the 101 abandonment rate?", _CARRIED, ["33.4%"]),
    ],
)
def test_a_figure_before_the_sentence_naming_the_measure_is_no_answer(
    question: str, quote: str, lead: list[str]
) -> None:
    idf = {stem: 2.0 for stem in lexical_tokens(_PAIR + " " + _CARRIED)}
    figures = tuple(f for f in find_figures(quote) if f.kind == "percent")
    statement = Statement(quote, 1, None, None, figures, (None,) * len(figures), DIRECT)
    shown = [f.stated for f in answering_figures([statement], read_question(question, idf))]
    assert shown == lead


@pytest.mark.parametrize(
    ("quote", "padded"),
    [
        (_PAIR, True),  # opens with a sentence about 999 answering before the 101 measure
        (_CARRIED, False),  # opens with the measure
        ("The abandonment rate was 33.4%.", False),  # one sentence
    ],
)
def test_a_quote_opening_with_a_sentence_before_the_measure_is_padded(
    quote: str, padded: bool
) -> None:
    idf = {stem: 2.0 for stem in lexical_tokens(_PAIR + " " + _CARRIED)}
    intent = read_question("What was the 101 abandonment rate?", idf)
    assert measure_named_only_later(quote, 0, intent) is padded

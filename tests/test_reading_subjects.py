"""Whose figure a sentence gives (reading.subjects.sentence_forces), table-driven."""

from __future__ import annotations

import pytest

from assistant.forces import ALL_FORCES
from assistant.reading.subjects import figure_force, names_force, sentence_forces, speaks_for

SURREY, CLEVELAND, WMP = "Surrey Police", "Cleveland Police", "West Midlands Police"
BEDS, ESSEX = "Bedfordshire Police", "Essex Police"
TABLE = frozenset({SURREY, CLEVELAND, WMP, "Merseyside Police", "Thames Valley Police"})


@pytest.mark.parametrize(
    ("sentence", "before", "document", "expected"),
    [
        # a sentence naming a force is that force's, whatever the document
        ("Surrey answered 77 per cent of 999 calls.", "", TABLE, {SURREY}),
        ("Surrey answered 77 per cent of 999 calls.", "", frozenset({WMP}), {SURREY}),
        # a document about several forces: the paragraph's last named force carries over
        (
            "At the inspection it answered 77 per cent of 999 calls within 10 seconds.",
            "2. Surrey Police was graded inadequate for responding to the public. ",
            TABLE,
            {SURREY},
        ),
        (
            "It was up from 75 per cent.",
            "Essex answered 80.3 per cent. Cleveland answered 71 per cent. ",
            frozenset({ALL_FORCES}),
            {CLEVELAND},
        ),
        # only the paragraph carries: an earlier line is another paragraph
        (
            "At the inspection it answered 77 per cent.",
            "Surrey Police was graded inadequate.\n",
            TABLE,
            TABLE,
        ),
        # nothing named before it: the document's forces, all of them
        ("Grades cannot be compared across cycles.", "Notes ", TABLE, TABLE),
        # a document about one force keeps it after a comparator is named
        (
            "The force has since cut its average to 12 seconds.",
            "For comparison, the quickest force, Bedfordshire, took 7.1 seconds. ",
            frozenset({WMP}),
            {WMP},
        ),
        ("The force answered 84.5% of calls.", "", frozenset({"Kent Police"}), {"Kent Police"}),
        ("Across all forces, 71% were answered.", "", frozenset({ALL_FORCES}), {ALL_FORCES}),
        ("No force named here.", "", frozenset(), set()),
    ],
)
def test_sentence_forces(
    sentence: str, before: str, document: frozenset[str], expected: set[str]
) -> None:
    assert sentence_forces(sentence, before, document) == frozenset(expected)


def test_a_named_comparator_is_its_own_subject() -> None:
    assert sentence_forces("Bedfordshire took 7.1 seconds.", "", frozenset({WMP})) == {BEDS}


KENT = "Kent Police"
PAIR = (
    "Across May and June 2022 the force took almost 37 seconds to answer a 999 call. "
    "For comparison, the quickest force, Bedfordshire, took 7.1 seconds."
)


@pytest.mark.parametrize(
    ("text", "before", "document", "force", "expected"),
    [
        ("Essex Police: 80.3 per cent", "", {ALL_FORCES}, KENT, False),
        ("Kent Police 92.3 per cent", "", {ALL_FORCES}, KENT, True),
        ("Across all forces, 71% of calls were answered.", "", {ALL_FORCES}, KENT, False),
        ("The force answered 84.5% of calls.", "", {KENT}, KENT, True),
        ("The force answered 80.3% of calls.", "", {ESSEX}, KENT, False),
        ("Kent Police had answered 92.3%.", "", {ESSEX}, KENT, True),
        ("Essex answered 80.3% and Kent 92.3%.", "", {ESSEX}, KENT, True),
        # each sentence with a figure must be the force's: a comparator's pair is not
        (PAIR, "", {WMP}, BEDS, False),
        (PAIR, "", {WMP}, WMP, False),
        (PAIR.split(". ")[1], "", {WMP}, BEDS, True),
        # a sentence without a figure does not decide when another gives one
        ("Surrey was graded inadequate. The force answered 77 per cent.", "", TABLE, SURREY, True),
        # the figure-less statement is quotable where one of its sentences is the force's
        ("Cleveland Police was graded good at preventing crime.", "", TABLE, CLEVELAND, True),
        ("Grades of different cycles cannot be compared.", "", TABLE, CLEVELAND, True),
        # carried from the paragraph before the statement
        (
            "At the inspection it answered 77 per cent.",
            "2. Surrey Police was graded inadequate. ",
            TABLE,
            CLEVELAND,
            False,
        ),
        (
            "At the inspection it answered 77 per cent.",
            "2. Surrey Police was graded inadequate. ",
            TABLE,
            SURREY,
            True,
        ),
    ],
)
def test_speaks_for(text: str, before: str, document: set[str], force: str, expected: bool) -> None:
    assert speaks_for(text, before, frozenset(document), force) is expected


BOTH = (
    "A member asked how Essex compared with neighbouring forces. The office said that Surrey "
    "Police had answered 92.3% in the same period and that Essex was among the five forces with "
    "the lowest share."
)


@pytest.mark.parametrize(
    ("quote", "figure", "force"),
    [
        (BOTH, "92.3%", SURREY),  # quoted in Essex's section, still Surrey's
        (BOTH, "five", ESSEX),
        ("Cleveland Police answered 87.8% of 999 calls within ten seconds.", "87.8%", CLEVELAND),
        ("It answered 77 per cent of calls.", "77 per cent", None),  # the section's force
        ("Surrey answered 90%. It has 12 call handlers.", "12", None),  # another sentence's
        ("Surrey answered 90%.", "65%", None),  # not in the quote
    ],
)
def test_a_quoted_figure_is_the_force_its_sentence_names_before_it(
    quote: str, figure: str, force: str | None
) -> None:
    assert figure_force(quote, figure) == force


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("essex", True),  # a territorial force's name
        ("met", True),  # its short name
        ("nca", True),  # another body's one-word name
        ("btp", True),
        ("crime", False),  # of "National Crime Agency": a measure word in claims about any force
        ("airport", False),  # of "Belfast International Airport Constabulary"
        ("transport", False),  # of "British Transport Police"
        ("nuclear", False),  # of "Civil Nuclear Constabulary"
    ],
)
def test_names_force_takes_whose_words_not_measure_words(word: str, expected: bool) -> None:
    assert names_force(word) is expected

"""The one sentence splitter and the paragraph and line cuts built on it."""

from __future__ import annotations

import pytest

from assistant.reading.sentences import line_sentences, paragraph_spans, sentence_spans


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("The force closed 37,278 investigations. This is an increase.", 2),
        ("e.g. the force. It did.", 2),  # "e.g." ends no sentence
        ("6. The victim service assessment took place.", 1),  # a paragraph number
        ("It cost £1m. Then it rose.", 2),
        ("Mr. Smith said so. He left.", 2),
        ("J. Smith reported it.", 1),  # a lone initial
        ("It took 38 seconds. [TABLE: calls, not shown] The head of contact said so.", 2),
        ("It took 38 seconds [see table].", 1),
    ],
)
def test_sentence_count(text: str, sentences: int) -> None:
    assert len(sentence_spans(text)) == sentences


def test_sentence_spans_are_absolute_within_a_window() -> None:
    text = "Ignore this. Keep one. Keep two."
    start = text.index("Keep")
    assert [text[s:e] for s, e in sentence_spans(text, start)] == ["Keep one.", "Keep two."]


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("One line\nwrapped on.\n\nA new paragraph.", 2),
        ("Intro:\n• a bullet\n• another", 3),
        ("1. First item\n2. Second item", 2),
    ],
)
def test_paragraphs(text: str, paragraphs: int) -> None:
    assert len(paragraph_spans(text)) == paragraphs


def test_a_table_row_is_one_sentence() -> None:
    text = "Police Staff\t1,874\t1,905\t-2%. Next\nAnother line. Two sentences."
    assert [len(line) for line in line_sentences(text)] == [1, 2]


def test_a_web_page_line_with_a_bar_in_its_debris_is_still_prose() -> None:
    # Thames Valley 999 web page, its lines joined by the cleaner: a byline's "|" is no table
    text = (
        "By our news team | Published September 2022 Share: Facebook X Email Thames Valley "
        "Police has not once met the national target this year. In August the force needed "
        "an average of 14.4 seconds to answer a 999 call. Forces are expected to answer 90 "
        "per cent of 999 calls in under 10 seconds."
    )
    assert [len(line) for line in line_sentences(text)] == [3]


def test_a_word_exports_numbered_paragraph_is_prose_not_a_row() -> None:
    # a panel paper saved from Word: "4.1<tab>" numbers the paragraph; a row of cells stays a row
    text = (
        "4.1\tThe report records 12,920 calls. Most were answered quickly. Some were not.\n"
        "4.2\t77%\t80%\n"
        "4.3 | The cleaner keeps a tab as a bar. It is still prose."
    )
    assert [len(line) for line in line_sentences(text)] == [3, 1, 2]

"""assistant/chunk.py on the real corpus with the real word-piece counter.

The panel paper of 6 February 2024 has two paragraphs numbered 20: in the main body,
"in recent months, 101 call attrition has been less than 3%"; in Appendix A, under
"Responding to the Public – Requires Improvement (4 AFIs)", the March 2023 abandonment rate
of 33.4% and the rolling-year attrition rate of 12.7%. Each must be one citable chunk.
"""

from __future__ import annotations

import itertools
import re

import pytest

from assistant.chunk import CHUNKER_VERSION, chunk_document, sentence_spans
from assistant.config import Settings
from assistant.model_files import MODEL_WINDOW, WordPieceCounter
from assistant.types import Block, Chunk, Document

MINUTES = "2022-10-31-pdb-minutes-peel-improvement-plan"
PANEL = "2024-02-06-panel-paper-peel-2023-25"
SUMMARY = "2022-force-summary-peel-2021-22"
DOC_IDS = [
    "2019-05-hmicfrs-peel-2018-19-kent",
    MINUTES,
    SUMMARY,
    PANEL,
    "2024-11-pdb-paper-inspections-audits-reviews",
]
# e.g. "…12.7%.", "…exemplary.’", "…HMICFRS state:"
SENTENCE_END = re.compile(r"[.!?:][’”'\")\]]*$|[’”\")\]]$")


@pytest.fixture(scope="module")
def chunks(
    corpus_documents: dict[str, Document], word_pieces: WordPieceCounter
) -> dict[str, list[Chunk]]:
    settings = Settings()
    return {
        doc_id: chunk_document(
            doc, word_pieces, settings.chunk_max_tokens, settings.chunk_min_tokens
        )
        for doc_id, doc in corpus_documents.items()
    }


def holding(chunks: list[Chunk], fragment: str) -> list[Chunk]:
    return [c for c in chunks if fragment in c.text]


# --- the two paragraphs 20 of the panel paper -------------------------------------------------------


@pytest.fixture(scope="module")
def appendix_20(chunks: dict[str, list[Chunk]]) -> Chunk:
    found = holding(chunks[PANEL], "abandonment rate of 33.4%")
    assert len(found) == 1, f"one chunk holds the 33.4% sentence, not {len(found)}"
    return found[0]


@pytest.fixture(scope="module")
def body_20(chunks: dict[str, list[Chunk]]) -> Chunk:
    found = holding(chunks[PANEL], "101 call attrition has been less than 3%")
    assert len(found) == 1, f"one chunk holds the 'less than 3%' sentence, not {len(found)}"
    return found[0]


def test_appendix_20_holds_both_figures(appendix_20: Chunk) -> None:
    assert "12.7%" in appendix_20.text, "33.4% and 12.7% of paragraph 20 are in one chunk"


def test_appendix_20_is_the_whole_paragraph(
    appendix_20: Chunk, corpus_documents: dict[str, Document]
) -> None:
    doc = corpus_documents[PANEL]
    first, last = "20. Performance in respect of 999 and 101 calls", "an attrition rate of 12.7%."
    start, end = doc.text.index(first), doc.text.index(last) + len(last)
    assert appendix_20.start <= start and appendix_20.end >= end, (
        "the chunk spans all of paragraph 20"
    )


def test_appendix_20_paragraph_label(appendix_20: Chunk) -> None:
    assert appendix_20.paragraph == "20", f"labelled paragraph 20, not {appendix_20.paragraph!r}"


def test_appendix_20_section(appendix_20: Chunk) -> None:
    section = appendix_20.section or ""
    assert section.endswith("Responding to the Public – Requires Improvement (4 AFIs)"), (
        f"the section ends with the appendix heading: {section!r}"
    )


def test_appendix_20_section_path_starts_at_the_appendix(appendix_20: Chunk) -> None:
    section = appendix_20.section or ""
    assert section.startswith("Police Effectiveness, Efficiency and Legitimacy (PEEL) 2023/25"), (
        f"the heading path starts at Appendix A's title: {section!r}"
    )


def test_body_20_is_another_chunk(appendix_20: Chunk, body_20: Chunk) -> None:
    assert body_20.chunk_id != appendix_20.chunk_id, "the two paragraphs 20 are two chunks"


def test_body_20_paragraph_label(body_20: Chunk) -> None:
    assert body_20.paragraph == "20", (
        f"the main body's paragraph 20 is labelled 20: {body_20.paragraph!r}"
    )


def test_body_20_has_another_section(appendix_20: Chunk, body_20: Chunk) -> None:
    assert body_20.section != appendix_20.section, (
        f"the two paragraphs 20 have different sections: {body_20.section!r}"
    )


def test_body_20_section_is_holding_to_account(body_20: Chunk) -> None:
    assert "Holding to account" in (body_20.section or ""), (
        f"under 'Holding to account': {body_20.section!r}"
    )


def test_body_20_does_not_hold_the_appendix_figures(body_20: Chunk) -> None:
    assert "33.4%" not in body_20.text, (
        "the main body's paragraph 20 is not joined to the appendix's"
    )


def test_context_names_the_document_and_date(appendix_20: Chunk) -> None:
    assert appendix_20.context.startswith("HMICFRS PEEL 2023-25 – An inspection of Kent Police"), (
        f"the context starts with the document title: {appendix_20.context[:80]!r}"
    )


def test_context_reads_the_date(appendix_20: Chunk) -> None:
    assert "6 February 2024" in appendix_20.context, (
        f"the date is in the context: {appendix_20.context!r}"
    )


# --- numbered paragraphs are never joined ------------------------------------------------------------


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_numbered_paragraph_chunks_carry_its_number(
    chunks: dict[str, list[Chunk]], corpus_documents: dict[str, Document], doc_id: str
) -> None:
    doc = corpus_documents[doc_id]
    wrong = [
        (block.number, c.chunk_id, c.paragraph)
        for block in doc.blocks
        if block.kind == "paragraph" and block.number is not None
        for c in chunks[doc_id]
        if c.start < block.end and block.start < c.end and c.paragraph != block.number
    ]
    assert not wrong, (
        f"every chunk overlapping a numbered paragraph carries its number: {wrong[:5]}"
    )


@pytest.mark.parametrize("number", ["15", "21", "26", "33"])
def test_summary_paragraph_is_one_chunk(chunks: dict[str, list[Chunk]], number: str) -> None:
    found = [c for c in chunks[SUMMARY] if c.text.startswith(f"{number}. ")]
    assert len(found) == 1 and found[0].paragraph == number, (
        f"paragraph {number} of the 2021/22 summary starts one chunk labelled {number}"
    )


def test_summary_governance_paragraph_section(chunks: dict[str, list[Chunk]]) -> None:
    # "PEEL Governance." heads paragraphs 47 and 48 in the source.
    found = [c for c in chunks[SUMMARY] if c.paragraph == "47"]
    assert found and "PEEL Governance" in (found[0].section or ""), (
        f"paragraph 47 sits under 'PEEL Governance': {[c.section for c in found]}"
    )


def test_investigating_crime_paragraph_section(chunks: dict[str, list[Chunk]]) -> None:
    found = [c for c in chunks[SUMMARY] if c.paragraph == "27"]
    sections = [c.section or "" for c in found]
    assert sections and sections[0].endswith("Investigating crime – Requires Improvement"), (
        f"paragraph 27 (457 reviews, 93.5%) sits under Investigating crime: {sections}"
    )


# --- the minutes' footer ---------------------------------------------------------------------------


@pytest.mark.parametrize("footer", ["Sutton Road", "contactyourpcc", "ME15 9BZ", "01622 677055"])
def test_no_minutes_chunk_holds_the_footer(chunks: dict[str, list[Chunk]], footer: str) -> None:
    found = [c.chunk_id for c in chunks[MINUTES] if footer in c.indexed_text]
    assert not found, f"no chunk holds the footer's {footer!r}: {found}"


# --- spans, sentences, budget: every chunk of every document ------------------------------------------


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_chunk_text_is_its_span(
    chunks: dict[str, list[Chunk]], corpus_documents: dict[str, Document], doc_id: str
) -> None:
    text = corpus_documents[doc_id].text
    bad = [c.chunk_id for c in chunks[doc_id] if c.text != text[c.start : c.end]]
    assert not bad, f"chunk.text == document.text[start:end] for every chunk: {bad[:5]}"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_chunks_are_in_order_and_do_not_overlap(
    chunks: dict[str, list[Chunk]], doc_id: str
) -> None:
    spans = [(c.start, c.end) for c in chunks[doc_id]]
    bad = [(a, b) for a, b in itertools.pairwise(spans) if not a[0] < a[1] <= b[0]]
    assert not bad, f"chunks follow one another without overlapping: {bad[:5]}"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_chunks_cover_every_block(
    chunks: dict[str, list[Chunk]], corpus_documents: dict[str, Document], doc_id: str
) -> None:
    """Every character of every paragraph, bullet and row is in some chunk (bar the spaces
    between the sentences of a paragraph split in two)."""
    doc = corpus_documents[doc_id]
    covered = bytearray(len(doc.text))
    for chunk in chunks[doc_id]:
        covered[chunk.start : chunk.end] = b"\x01" * (chunk.end - chunk.start)
    lost = [
        (doc.block_text(b)[:40], doc.text[i])
        for b in doc.blocks
        if b.kind != "heading"
        for i in range(b.start, b.end)
        if not covered[i] and not doc.text[i].isspace()
    ]
    assert not lost, f"no character of a paragraph, bullet or row is left out: {lost[:5]}"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_no_chunk_ends_mid_sentence(
    chunks: dict[str, list[Chunk]], corpus_documents: dict[str, Document], doc_id: str
) -> None:
    """A chunk ends at the end of a block, or inside one only after a sentence's last character."""
    ends = {b.end for b in corpus_documents[doc_id].blocks}
    cut = [
        c.text[-60:]
        for c in chunks[doc_id]
        if c.end not in ends and not SENTENCE_END.search(c.text)
    ]
    assert not cut, f"chunks inside a block end on a sentence boundary: {cut[:5]}"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_no_chunk_starts_mid_sentence(
    chunks: dict[str, list[Chunk]], corpus_documents: dict[str, Document], doc_id: str
) -> None:
    doc = corpus_documents[doc_id]
    starts = {b.start for b in doc.blocks}
    cut = [
        c.text[:60] for c in chunks[doc_id]
        if c.start not in starts and not SENTENCE_END.search(doc.text[: c.start].rstrip())
    ]  # fmt: skip
    assert not cut, f"chunks inside a block start after a sentence's end: {cut[:5]}"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_chunk_ends_with_a_finished_sentence_or_a_non_prose_block(
    chunks: dict[str, list[Chunk]], corpus_documents: dict[str, Document], doc_id: str
) -> None:
    """Its text ends with sentence punctuation or a closing quote/bracket, or its last block is a
    heading, table row, list item or a one-line label ("12 months ending 30 September 2018")."""
    doc = corpus_documents[doc_id]
    last_block = {b.end: b for b in doc.blocks}
    unfinished = []
    for chunk in chunks[doc_id]:
        if SENTENCE_END.search(chunk.text):
            continue
        block = last_block.get(chunk.end)
        label = (
            block is not None
            and block.kind == "paragraph"
            and len(doc.block_text(block).split()) <= 15
        )
        if block is None or not (block.kind in ("heading", "table_row", "bullet") or label):
            unfinished.append(chunk.text[-70:])
    assert not unfinished, f"no chunk stops in the middle of a sentence: {unfinished[:5]}"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_chunk_fits_the_model_window(
    chunks: dict[str, list[Chunk]], word_pieces: WordPieceCounter, doc_id: str
) -> None:
    over = [
        (c.chunk_id, word_pieces(c.indexed_text) + 2)
        for c in chunks[doc_id]
        if word_pieces(c.indexed_text) + 2 > MODEL_WINDOW
    ]
    assert not over, (
        f"context + text + [CLS]/[SEP] fit the model's {MODEL_WINDOW} word-pieces: {over}"
    )


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_chunk_ids_are_unique_and_name_the_document(
    chunks: dict[str, list[Chunk]], doc_id: str
) -> None:
    ids = [c.chunk_id for c in chunks[doc_id]]
    assert len(set(ids)) == len(ids) and all(i.startswith(f"{doc_id}#") for i in ids), (
        "chunk ids are unique and start with the document id"
    )


def test_chunker_version_names_the_cleaner() -> None:
    from assistant.clean import CLEANER_VERSION

    assert CHUNKER_VERSION.endswith(f"c{CLEANER_VERSION}"), (
        "a cleaner change changes the chunker version, so old indexes are refused"
    )


@pytest.fixture(scope="module")
def long_paragraph() -> Document:
    """One numbered paragraph of thirty sentences: far over a 60-word-piece budget."""
    sentence = "The force answered 84.5% of emergency calls within ten seconds in December 2023."
    text = "1. " + " ".join([sentence] * 30)
    block = Block("paragraph", 0, len(text), number="1")
    return Document("long", "long.txt", "Long", None, "document", text, (block,), None, "0" * 64)


def test_split_paragraph_keeps_every_sentence(
    long_paragraph: Document, word_pieces: WordPieceCounter
) -> None:
    pieces = chunk_document(long_paragraph, word_pieces, max_tokens=60, min_tokens=10)
    assert " ".join(c.text for c in pieces) == long_paragraph.text, (
        "a paragraph over budget is split between sentences, losing none"
    )


def test_split_paragraph_pieces_fit_the_budget(
    long_paragraph: Document, word_pieces: WordPieceCounter
) -> None:
    pieces = chunk_document(long_paragraph, word_pieces, max_tokens=60, min_tokens=10)
    over = [word_pieces(c.text) for c in pieces if word_pieces(c.text) > 60]
    assert len(pieces) > 1 and not over, f"each piece is within 60 word-pieces: {over}"


def test_split_paragraph_pieces_keep_the_number(
    long_paragraph: Document, word_pieces: WordPieceCounter
) -> None:
    pieces = chunk_document(long_paragraph, word_pieces, max_tokens=60, min_tokens=10)
    assert {c.paragraph for c in pieces} == {"1"}, "every piece of paragraph 1 is labelled 1"


def test_split_paragraph_later_pieces_quote_the_lead(
    long_paragraph: Document, word_pieces: WordPieceCounter
) -> None:
    pieces = chunk_document(long_paragraph, word_pieces, max_tokens=60, min_tokens=10)
    assert "1. The force answered 84.5%" in pieces[1].context, (
        f"a later piece's context carries the paragraph's opening sentence: {pieces[1].context!r}"
    )


# --- sentence_spans ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        pytest.param(
            "Use other routes, e.g. this one. Then stop.",
            ["Use other routes, e.g. this one.", "Then stop."],
            id="e.g.-lower",
        ),
        pytest.param(
            "Athena is shared with other forces, e.g. Essex. It is used for crime.",
            ["Athena is shared with other forces, e.g. Essex.", "It is used for crime."],
            id="e.g.-capital",
        ),
        pytest.param(
            "It is shared, i.e. Essex uses it. Kent too.",
            ["It is shared, i.e. Essex uses it.", "Kent too."],
            id="i.e.",
        ),
        pytest.param(
            "20. Performance was improving. It got better.",
            ["20. Performance was improving.", "It got better."],
            id="paragraph-number",
        ),
        pytest.param(
            "Mr. Harper attended. He spoke.", ["Mr. Harper attended.", "He spoke."], id="mr"
        ),
        pytest.param(
            "J. Smith chaired. The board met.",
            ["J. Smith chaired.", "The board met."],
            id="initial",
        ),
        pytest.param(
            "The rate was 33.4% in March. It fell to 12.7%.",
            ["The rate was 33.4% in March.", "It fell to 12.7%."],
            id="decimals",
        ),
        pytest.param(
            "He said “it was good.” Then he left.",
            ["He said “it was good.”", "Then he left."],
            id="closing-double-quote",
        ),
        pytest.param(
            "HMICFRS said ‘it isn’t possible.’ The force agreed.",
            ["HMICFRS said ‘it isn’t possible.’", "The force agreed."],
            id="closing-single-quote",
        ),
        pytest.param(
            "The force improved. “We hope so,” he said.",
            ["The force improved.", "“We hope so,” he said."],
            id="opening-quote",
        ),
        pytest.param(
            "It was answered. 999 calls rose.",
            ["It was answered.", "999 calls rose."],
            id="digit-start",
        ),
        pytest.param(
            "Was it met? Yes. Really!", ["Was it met?", "Yes.", "Really!"], id="question-exclaim"
        ),
        pytest.param(
            "It cost £4.2m. £1m was saved.",
            ["It cost £4.2m.", "£1m was saved."],
            id="money-then-pound-start",
        ),
        pytest.param(  # the 2019 report, on the force's finances
            "increased insurance premiums of £1m. The chief finance officer also warns.",
            ["increased insurance premiums of £1m.", "The chief finance officer also warns."],
            id="money-at-sentence-end",
        ),
        pytest.param(  # the 2019 report, on mental health demand
            "there are still problems in A&E. The force has started joint training.",
            ["there are still problems in A&E.", "The force has started joint training."],
            id="a&e-at-sentence-end",
        ),
        pytest.param(
            "A review (see below.) Next one.",
            ["A review (see below.)", "Next one."],
            id="closing-bracket",
        ),
        pytest.param("No full stop at the end", ["No full stop at the end"], id="no-final-stop"),
    ],
)
def test_sentence_spans(text: str, sentences: list[str]) -> None:
    found = [text[s:e] for s, e in sentence_spans(text)]
    assert found == sentences, f"{text!r} splits into {sentences}"


def test_sentence_spans_are_absolute() -> None:
    text = "Ignore this. Kent answered 84.5% of calls. It improved."
    start = text.index("Kent")
    spans = sentence_spans(text, start, len(text))
    assert [text[s:e] for s, e in spans] == ["Kent answered 84.5% of calls.", "It improved."], (
        "spans within text[start:end] index the whole text"
    )

"""The one sentence splitter, with the paragraph and line cuts built on it."""

from __future__ import annotations

import re

_ABBREVIATIONS = (
    "e.g",
    "i.e",
    "etc",
    "no",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "vs",
    "approx",
    "para",
    "ref",
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])([’”'\")]*)\s+(?=[“‘\"'(\[]?[A-Z0-9£])")
_CELL_BREAK = re.compile(r" \| |\t")
_NUMBERED_PARAGRAPH = re.compile(
    r"[ \t]*\d{1,2}(?:\.\d{1,2})*\.?(?:\t+| \| )(?=[A-Z(“‘\"'])(?:(?! \| )[^\t])*$"
)
"""A Word export's numbered paragraph, "4.1<tab>The force's report records ..." (its tab kept
as " | " once cleaned): prose, not a row whose first cell is the figure 4.1."""
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t]*(?:[-•*–]|\d{1,2}[.)])\s)")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence boundaries within text[start:end], as absolute spans.

    Splits after . ! ? followed by a capital, digit, opening quote or bracket (a web page's
    "[TABLE: … not available in this view]" starts afresh), but not
    after abbreviations such as "e.g." or a lone initial.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_BREAK.finditer(text, start, end):
        before = text[cursor : match.start()]
        # A lone letter is an initial only when it stands alone: "£1m." and "A&E." end sentences.
        last_word = re.findall(r"(?<![^\s(])[A-Za-z.]+$", before)
        word = last_word[0].rstrip(".").lower() if last_word else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        if re.fullmatch(r"\s*[\d.]+", text[cursor : match.start()]):
            continue  # a paragraph number such as "6." is not a sentence
        spans.append((cursor, match.end(1)))  # a closing quote or bracket stays with its sentence
        cursor = match.end()
    if cursor < end:
        spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs and list items: a hard-wrapped line runs on, a bullet starts afresh."""
    breaks = _PARAGRAPH_BREAK.finditer(text)
    bounds = [0, *(x for m in breaks for x in (m.start(), m.end())), len(text)]
    spans = list(zip(bounds[::2], bounds[1::2], strict=True))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def line_sentences(text: str) -> list[list[tuple[int, int]]]:
    """The sentences of each line of a passage; a table row is one sentence."""
    found, cursor = [], 0
    for line in text.split("\n"):
        start, end = cursor, cursor + len(line)
        cursor = end + 1
        if line.strip():
            table_row = (
                (" | " in line or "\t" in line.strip())
                and not any(len(sentence_spans(cell)) > 2 for cell in _CELL_BREAK.split(line))
                and not _NUMBERED_PARAGRAPH.match(line)
            )  # a web page's "By our news team | Published ..." runs on into prose
            found.append([(start, end)] if table_row else sentence_spans(text, start, end))
    return found

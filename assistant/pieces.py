"""The quotable pieces of a chunk: sentences, adjacent-sentence pairs, table rows and headings.

One definition shared by the index (which embeds every piece at ingest) and the composer
(which scores them), so a stored piece vector and the piece it is judged as always align.
"""

from __future__ import annotations

import re
from itertools import pairwise

from assistant.chunk import sentence_spans
from assistant.types import Chunk

PIECES_VERSION = 4
"""Bump when what a piece is, or the text embedded for it, changes: old indexes are refused."""


def statement_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of prose; whole lines for headings and table rows (no sentence inside them);
    a figure alone on its line with the label above it."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for line in text.split("\n"):
        start, end = cursor, cursor + len(line)
        cursor = end + 1
        if not line.strip():
            continue
        if not _LETTER.search(line) and spans:
            spans.append((_label_start(text, spans, start), end))
        elif " | " in line or not re.search(r"[.!?]", line):
            spans.append((start, end))
        else:
            spans.extend(sentence_spans(text, start, end))
    return spans


_LETTER = re.compile(r"[^\W\d_]")
MAX_LABEL_CHARS = 240
"""How far above a lone figure its label may start; further, the figure stands alone."""


def _label_start(text: str, spans: list[tuple[int, int]], start: int) -> int:
    """Where the label of a figure alone on its line begins: the paragraph of the nearest line
    above that has words. A table exploded one cell per line (PDF layout) otherwise yields
    quotes such as "4.2" that say nothing of what they measure."""
    for label, _ in reversed(spans):
        if _LETTER.search(text[label:start]):
            paragraph = text.rfind("\n\n", 0, label)
            begin = label if paragraph < 0 else paragraph + 2
            return begin if start - begin <= MAX_LABEL_CHARS else start
    return start


def piece_spans(text: str) -> list[tuple[int, int]]:
    """Every single statement, then every pair of adjacent statements of one paragraph."""
    singles = statement_spans(text)
    pairs = [(a[0], b[1]) for a, b in pairwise(singles) if "\n" not in text[a[0] : b[1]]]
    return singles + pairs


def piece_embedding_text(chunk: Chunk, start: int, end: int) -> str:
    """What is embedded for a piece: its headings as context, then its words."""
    text = chunk.text[start:end]
    return f"{chunk.section}\n{text}" if chunk.section else text

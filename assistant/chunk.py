"""Document -> chunks: structure-aware passages sized to the embedding model's window.

Units are a numbered paragraph with its bullets, an unnumbered paragraph, a
bullet, or a table row. A chunk never cuts a sentence, never crosses a
section, and never joins two numbered paragraphs (so "paragraph 20" is one
citation). Small units in a section are packed together up to the budget.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.clean import CLEANER_VERSION
from assistant.dates import readable_date
from assistant.reading.sentences import sentence_spans
from assistant.types import Block, Chunk, Document

CHUNKER_VERSION = f"8.c{CLEANER_VERSION}"
CONTEXT_MAX_TOKENS = 54
CONTEXT_SEPARATOR = " — "
"""Between a chunk context's title (with its date), headings, table header and lead."""
_DATED_TITLE = re.compile(r"\s*\([^()]*\)$")  # "Panel paper (6 February 2024)"
"""With chunk text of at most 200 word-pieces, context + text + [CLS]/[SEP] fit MiniLM's 256."""

TokenCounter = Callable[[str], int]


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    tokens: int
    kind: str  # "numbered", "paragraph", "bullet", "table_row"
    section: str | None
    paragraph: str | None
    page: int | None
    table_header: str | None = None


def chunk_document(
    document: Document,
    count_tokens: TokenCounter,
    max_tokens: int = 200,
    min_tokens: int = 40,
) -> list[Chunk]:
    units = _units(document, count_tokens)
    packed = _pack(units, max_tokens, min_tokens)
    chunks: list[Chunk] = []
    for group in packed:
        pieces = _split_to_budget(document.text, group, count_tokens, max_tokens)
        lead = _lead_sentence(document.text, pieces[0]) if len(pieces) > 1 else None
        for number, (start, end) in enumerate(pieces):
            first = group[0]
            context = _fit(
                _context(
                    document.title,
                    document.date,
                    first.section,
                    first.table_header,
                    lead if number else None,
                ),
                count_tokens,
                CONTEXT_MAX_TOKENS,
            )
            chunks.append(
                Chunk(
                    chunk_id=f"{document.doc_id}#{len(chunks):04d}",
                    doc_id=document.doc_id,
                    text=document.text[start:end],
                    start=start,
                    end=end,
                    section=first.section,
                    paragraph=first.paragraph,
                    page=first.page,
                    context=context,
                )
            )
    return chunks


def _context(
    title: str,
    date: str | None,
    section: str | None,
    table_header: str | None,
    lead: str | None = None,
) -> str:
    """What a chunk is about beyond its own words: the document, its date, the headings above
    it, a table's header row, and for the later parts of a split paragraph its opening sentence."""
    parts = [f"{title} ({readable_date(date)})" if date else title]
    if section:
        parts.append(section)
    if table_header:
        parts.append(table_header)
    if lead:
        parts.append(lead)
    return CONTEXT_SEPARATOR.join(parts)


def context_parts(context: str) -> tuple[str, str]:
    """A chunk's context split as `_context` joined it: its document's title without the date
    in brackets after it, and the headings, table header and lead below ("" when none)."""
    head, _, below = context.partition(CONTEXT_SEPARATOR)
    return _DATED_TITLE.sub("", head), below


def _fit(context: str, count_tokens: TokenCounter, limit: int) -> str:
    """Trim the context to `limit` word-pieces: the title and date stay, the headings and lead
    lose words from their front (the outermost heading is the least specific)."""
    head, sep, rest = context.partition(CONTEXT_SEPARATOR)
    words = rest.split(" ") if sep else []
    while words and count_tokens(CONTEXT_SEPARATOR.join([head, " ".join(words)])) > limit:
        words = words[1:]
    if words:
        return f"{head}{CONTEXT_SEPARATOR}{' '.join(words)}"
    head_words = head.split(" ")
    while len(head_words) > 1 and count_tokens(" ".join(head_words)) > limit:
        head_words = head_words[:-1]
    return " ".join(head_words)


def _lead_sentence(text: str, span: tuple[int, int], limit: int = 160) -> str:
    sentences = sentence_spans(text, span[0], span[1])
    first = text[sentences[0][0] : sentences[0][1]] if sentences else text[span[0] : span[1]]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def _units(document: Document, count_tokens: TokenCounter) -> list[_Unit]:
    text = document.text
    stack: list[tuple[int, str]] = []
    heading_start: int | None = None  # headings just above the next unit are quoted with it
    units: list[_Unit] = []
    last_number: str | None = None
    table_header: str | None = None
    previous: Block | None = None

    def section() -> str | None:
        return " > ".join(t for _, t in stack) or None

    for block in document.blocks:
        body = text[block.start : block.end]
        if block.kind == "heading":
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            stack.append((block.level, body))
            if heading_start is None:
                heading_start = block.start
            last_number = None
            previous = block
            continue
        start = heading_start if heading_start is not None else block.start
        heading_start = None
        if block.kind == "table_row":
            if previous is None or previous.kind != "table_row":
                table_header = body
            units.append(
                _Unit(
                    start,
                    block.end,
                    count_tokens(text[start : block.end]),
                    "table_row",
                    section(),
                    None,
                    block.page,
                    table_header,
                )
            )
        elif (
            block.kind == "bullet"
            and units
            and units[-1].kind == "numbered"
            and previous is not None
            and previous.kind in ("paragraph", "bullet")
            and units[-1].end == previous.end
        ):
            # A numbered paragraph's list belongs to it: "5. … grades:" then "- Outstanding – …".
            unit = units[-1]
            unit.end = block.end
            unit.tokens = count_tokens(text[unit.start : unit.end])
        else:
            if block.number is not None:
                last_number = block.number
                kind = "numbered"
            else:
                kind = "bullet" if block.kind == "bullet" else "paragraph"
            units.append(
                _Unit(
                    start,
                    block.end,
                    count_tokens(text[start : block.end]),
                    kind,
                    section(),
                    last_number,
                    block.page,
                )
            )
        previous = block
    return units


def _pack(units: list[_Unit], max_tokens: int, min_tokens: int) -> list[list[_Unit]]:
    """Group neighbouring units of one section while they fit the budget.

    Numbered paragraphs stand alone; bullets and table rows pack freely;
    unnumbered paragraphs pack only while the group is still small.
    """
    groups: list[list[_Unit]] = []
    for unit in units:
        if groups:
            group = groups[-1]
            last = group[-1]
            total = sum(u.tokens for u in group) + unit.tokens
            same_place = last.section == unit.section and last.paragraph == unit.paragraph
            fits = total <= max_tokens
            kinds = {u.kind for u in group} | {unit.kind}
            if same_place and fits and "numbered" not in kinds:
                if kinds <= {"bullet"} or kinds <= {"table_row"}:
                    group.append(unit)
                    continue
                small = sum(u.tokens for u in group) < min_tokens or unit.tokens < min_tokens
                if small and "table_row" not in kinds:
                    group.append(unit)
                    continue
        groups.append([unit])
    return groups


def _split_to_budget(
    text: str, group: list[_Unit], count_tokens: TokenCounter, max_tokens: int
) -> list[tuple[int, int]]:
    """The group's span, or its sentences packed into spans of at most max_tokens each.

    A single sentence longer than the budget stays whole: cutting it would lose
    the figure's measure or period.
    """
    start, end = group[0].start, group[-1].end
    if sum(u.tokens for u in group) <= max_tokens or count_tokens(text[start:end]) <= max_tokens:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start: int | None = None
    piece_end = start
    piece_tokens = 0
    for s, e in _sentences_and_lines(text, start, end):
        tokens = count_tokens(text[s:e])
        if piece_start is not None and piece_tokens + tokens > max_tokens:
            pieces.append((piece_start, piece_end))
            piece_start, piece_tokens = None, 0
        if piece_start is None:
            piece_start = s
        piece_end = e
        piece_tokens += tokens
    if piece_start is not None:
        pieces.append((piece_start, piece_end))
    return pieces


def _sentences_and_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for line in text[start:end].split("\n"):
        line_start = cursor
        line_end = cursor + len(line)
        if line.strip():
            spans.extend(sentence_spans(text, line_start, line_end))
        cursor = line_end + 1
    return spans

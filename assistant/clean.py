"""Repair extraction damage and recover structure: RawDocument -> cleaned text + blocks.

The damage handled is what PDF and Word extraction really leaves in this corpus:
lines hard-wrapped mid-sentence (with blank lines inside sentences), a page
footer repeated on every page, words hyphenated across lines, bullet glyphs,
`[text](#)` link debris, `[bookmark: …]` artefacts, Markdown emphasis, and
tables flattened to tab-separated rows or to one cell per line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assistant.reading.vocabulary import CONNECTORS
from assistant.types import Block, BlockKind, RawDocument

CLEANER_VERSION = "8"

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]\s*")
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:#|[a-z]+:[^)\s]*|[^)\s]*)\)")  # e.g. [full report](#)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_MD_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_BULLET = re.compile(
    r"^(?:[•➢▪◦●■·∙‣\-–*]|o(?=\s+\S)|[a-z]\))\s+"
)  # e.g. "• The T/CC", "o He", "a) Through"
_LEAD_BULLET = "➢"
_NUMBERED = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2})*)(\.?)\s+(\S.*)$"
)  # e.g. "20. Performance", "3.1 HMICFRS"
_KEY_VALUE = re.compile(r"^[A-Z][A-Za-z &/]{1,30}:\s+\S")  # e.g. "Date: 6 February 2024"
_FRONT_MATTER = re.compile(
    r"^(?:Title|Subject|To|From|Date|Date\s*&\s*time|Time|Venue|Location|Attendees|Present|Chair|"
    r"Apologies|Author|Ref|Reference|Classification|Status|Version|Prepared by|Report of):\s",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
_CONTACT = re.compile(
    r"@|mailto:|www\.|https?://|telephone|tel:|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"  # e.g. ME15 9BZ
)
_GLUED_HEADING = re.compile(r"(\d{2}/\d{2})(?=[A-Z][a-z])")  # e.g. "2021/22Victim service"
_GRADE_LINE = re.compile(
    r"^\(?\s*(Outstanding|Good|Adequate|Requires [Ii]mprovement|Inadequate|Ungraded|"
    r"Not [Gg]raded)\s*\)?$"
)
_GRADE_IN_PARENS = re.compile(
    r"\((Outstanding|Good|Adequate|Requires [Ii]mprovement|Inadequate)\)$"
)
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")  # e.g. "| Humberside Police | 2% |"
_BARE_PIPE_ROW = re.compile(r"^[^|\t]+(?:\s\|\s*[^|\t]*){2,}$")  # "Burglary | 286 | 312"
_PIPE_RULE = re.compile(r"^\s*\|[\s|:-]*\|\s*$")  # e.g. "|---|:--:|"
_WEB_DEBRIS = re.compile(
    r"^(?:skip to (?:main )?content|share:?|share this (?:article|page|story)\b.*|related (?:stories|articles|content)|"
    r"sign up to (?:our|the) newsletter\b.*|print this (?:page|document)|back to top|"
    r"(?:by|written by)\s+(?:a |our )?(?:staff|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3})(?:\s+reporter|\s+correspondent)?|"
    r"(?:photo|photograph|picture|image|file photo|photo caption)\b[^.]{0,160}?(?:\bpicture|\bphotograph|\bcredit|\bimage):\s*[^.]{0,60}\.?|"
    r"(?:photo|photograph|picture|image|file photo|photo caption):.{0,200})$",
    re.IGNORECASE,
)  # e.g. "Skip to content", "Share:", "By Jane Smith", "Photo: a control room. Picture: PA Images"
_COOKIES = re.compile(
    r"\bcookies?\b.*\b(?:accept|reject|settings|preferences|consent)\b", re.IGNORECASE
)
_DATE_TAG = re.compile(
    r"^(date:?\s+(?:19|20)\d{2}-\d{2}-\d{2})\s+(?=\S)", re.IGNORECASE
)  # a crawler's tag glued to a headline, e.g. "date 2022-05-31 Avon and Somerset Police is …"
_SENTENCE_END = re.compile(r"[.!?:;”’\"')]\s*$")


@dataclass(frozen=True, slots=True)
class CleanedText:
    text: str
    blocks: tuple[Block, ...]


@dataclass(slots=True)
class _Line:
    text: str
    page: int | None
    gap_before: bool


@dataclass(slots=True)
class _Proto:
    kind: BlockKind
    parts: list[str]
    page: int | None
    level: int = 0
    number: str | None = None
    closed: bool = False  # headings and table rows never take continuation lines
    glyph: str = ""
    single_line: bool = True
    gap_after: bool = False


def clean_document(raw: RawDocument) -> CleanedText:
    """Cleaned text and its blocks; every block's span indexes into the returned text."""
    lines = _bare_pipe_tables(_normalise(raw))
    lines = _drop_web_debris(lines)
    lines = _drop_boilerplate(lines)
    lines = _relocate_front_matter(lines)
    vocabulary = _word_counts(lines)
    protos = _build_blocks(lines, vocabulary)
    protos = _mark_headings(protos)
    return _assemble(protos)


def _normalise(raw: RawDocument) -> list[tuple[str, int | None]]:
    pages = raw.line_pages or (None,) * len(raw.lines)
    out = []
    for text, page in zip(raw.lines, pages, strict=True):
        text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\r", "")
        text = _BOOKMARK.sub("", text)
        text = _LINK.sub(r"\1", text)
        text = _GLUED_HEADING.sub("\\1\n", text)
        if _PIPE_ROW.match(text):  # a Markdown or web table row: cells as the tab tables have them
            if _PIPE_RULE.match(text):
                continue
            text = "\t".join(c.strip() for c in text.strip().strip("|").split("|"))
        for i, piece in enumerate(text.split("\n")):
            if i:
                out.append(("", page))
            out.append((piece.rstrip(" "), page))  # trailing tabs are empty table cells
    return out


def _bare_pipe_tables(lines: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    """A table typed with pipes between cells but none at the ends ("Burglary | 286 | 312"),
    as plain-text notes write one: cells as the tab tables have them. Only a run of two or more
    lines with the same number of cells, some of them figures, is a table; a menu line ("News |
    Transport | Crime") and labelled rows ("Areas graded: 8 | Good: 2") are not."""
    out = list(lines)
    i = 0
    while i < len(out):
        run = i
        while run < len(out) and _BARE_PIPE_ROW.match(out[run][0]) and ": " not in out[run][0]:
            run += 1
        rows = [[c.strip() for c in out[n][0].split("|")] for n in range(i, run)]
        if (
            len(rows) >= 2
            and len({len(r) for r in rows}) == 1
            # a dash stands for no figure: "-" and "–" are number cells already, "—" is not
            and any(_is_number(c) or c == "—" for r in rows[1:] for c in r[1:])
        ):
            for n, row in zip(range(i, run), rows, strict=True):
                out[n] = ("\t".join(row), out[n][1])
        i = max(run, i + 1)
    return out


def _drop_web_debris(lines: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    """Drop what a saved web page or Word export wraps round the text: "Skip to content",
    cookie banners, "Share:" links, bylines and photo captions; part a crawler's date tag
    from the headline it was glued to (the date stays, for the metadata to read)."""
    kept: list[tuple[str, int | None]] = []
    for text, page in lines:
        squashed = _squash(text)
        if squashed and (
            _WEB_DEBRIS.match(squashed)
            or (len(squashed) < 300 and _COOKIES.search(squashed) and "we use" in squashed.lower())
        ):
            continue
        tag = _DATE_TAG.match(squashed)
        if tag:  # the headline after the tag stands alone
            kept += [(tag.group(1), page), ("", page), (squashed[tag.end() :], page), ("", page)]
            continue
        kept.append((text, page))
    return _one_paragraph_per_line(kept)


def _one_paragraph_per_line(lines: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    """A page saved as one paragraph per line, with no blank lines, keeps its lines apart.

    Hard-wrapped text breaks mid-sentence; a saved web page ends most lines with a full stop,
    so there joining "Wiltshire Police: 80.8 per cent" to the next line would be damage.
    """
    filled = [t for t, _ in lines if t.strip()]
    gaps = sum(1 for i in range(1, len(lines) - 1) if not lines[i][0].strip())
    ended = sum(1 for t in filled if _SENTENCE_END.search(t))
    if len(filled) < 5 or gaps > len(filled) // 4 or ended < len(filled) / 2:
        return lines
    spaced: list[tuple[str, int | None]] = []
    for text, page in lines:
        spaced.append((text, page))
        if text.strip():
            spaced.append(("", page))
    return spaced


def _squash(text: str) -> str:
    return " ".join(text.split())


def _drop_boilerplate(lines: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    """Drop page furniture: lines repeated on several pages (footers, headers) and page numbers.

    A repeated line counts as furniture when it carries contact details or is long;
    short repeats ("Complete", "Low") are table cells and stay.
    """
    counts = Counter(_squash(t) for t, _ in lines if t.strip())
    kept = []
    for text, page in lines:
        squashed = _squash(text)
        if squashed and not text.startswith("\t"):
            repeated = counts[squashed] >= 2
            if repeated and (
                _CONTACT.search(squashed) or (counts[squashed] >= 3 and len(squashed) >= 40)
            ):
                continue
            if _PAGE_NUMBER.match(squashed) and page is not None:
                continue
        kept.append((text, page))
    return kept


def _relocate_front_matter(lines: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    """Move a "Title: … Apologies …" block that extraction left mid-page to the top."""
    starts = [i for i, (t, _) in enumerate(lines) if t.strip().startswith("Title:")]
    if not starts or starts[0] < 3:
        return lines
    first = starts[0]
    for j in range(first, min(first + 60, len(lines))):
        if lines[j][0].strip().startswith("Apologies"):
            block = lines[first : j + 1]
            rest = [*lines[:first], ("", None), *lines[j + 1 :]]
            return [*block, ("", None), *rest]
    return lines


def _word_counts(lines: list[tuple[str, int | None]]) -> Counter[str]:
    return Counter(w.lower() for t, _ in lines for w in re.findall(r"[A-Za-z]+", t))


def _strip_markdown(text: str) -> str:
    text = _BOLD.sub(r"\1", text)
    return _ITALIC.sub(r"\1", text)


def _build_blocks(lines: list[tuple[str, int | None]], vocabulary: Counter[str]) -> list[_Proto]:
    protos: list[_Proto] = []
    table_rows: list[list[str]] = []
    table_page: int | None = None
    pending_cells: list[str] = []
    gap = True

    def flush_cells() -> None:
        if pending_cells:
            table_rows.append(list(pending_cells))
            pending_cells.clear()

    def flush_table() -> None:
        nonlocal table_page
        flush_cells()
        if table_rows:
            for row in _render_table(table_rows):
                protos.append(_Proto("table_row", [row], table_page, closed=True))
            table_rows.clear()
        table_page = None

    for raw_text, page in lines:
        if not raw_text.strip():
            gap = True
            flush_cells()
            if protos:
                protos[-1].gap_after = True
            continue
        if "\t" in raw_text:
            cells = [_strip_markdown(c).strip() for c in raw_text.split("\t")]
            if table_page is None:
                table_page = page
            if raw_text.startswith("\t") and sum(1 for c in cells if c) == 1 and len(cells) == 2:
                pending_cells.append(cells[1])  # a table flattened to one cell per line
            else:
                flush_cells()
                table_rows.append(cells)
            gap = False
            continue
        flush_table()
        # An indented line after a finished sentence starts afresh ("  Slide 24 – VAWG …").
        indented = (
            raw_text[:1] == " "
            and bool(protos)
            and bool(_SENTENCE_END.search(protos[-1].parts[-1]))
        )
        line = _Line(raw_text.strip(), page, gap or indented)
        gap = False
        _add_line(protos, line, vocabulary)
    flush_table()
    return protos


def _add_line(protos: list[_Proto], line: _Line, vocabulary: Counter[str]) -> None:
    text = line.text
    md = _MD_HEADING.match(text)
    if md and md.group(2):
        level = min(len(md.group(1)), 3)
        protos.append(
            _Proto("heading", [_strip_markdown(md.group(2))], line.page, level, closed=True)
        )
        return
    bold = re.fullmatch(r"\*\*(.+?)\*\*\s*", text)
    if bold:
        inner = _strip_markdown(bold.group(1)).strip()
        if _KEY_VALUE.match(inner):
            protos.append(_Proto("paragraph", [inner], line.page, closed=True))
        else:
            protos.append(_Proto("heading", [inner], line.page, 3, closed=True))
        return
    text = _strip_markdown(text)
    grade = _GRADE_LINE.match(text)
    if grade and protos and protos[-1].kind in ("heading", "paragraph") and protos[-1].single_line:
        # A grade on its own line belongs to the heading above it ("Investigating crime" / "Good").
        head = protos[-1]
        head.parts[-1] = f"{head.parts[-1]} – {grade.group(1)}"
        head.kind = "heading"
        head.level = 2
        head.closed = True
        return
    bullet = _BULLET.match(text)
    if (
        bullet
        and text[0] in "-–*"
        and not line.gap_before
        and protos
        and not protos[-1].closed
        and protos[-1].glyph not in "-–*"
        and text[bullet.end() : bullet.end() + 1].islower()
    ):
        bullet = None  # "- skilled, experienced …" after an unfinished line is a wrapped dash
    if bullet:
        body = text[bullet.end() :].strip()
        glyph = text[0]
        level = 4 if glyph == _LEAD_BULLET else 2 if glyph == "o" else 1
        protos.append(_Proto("bullet", [body], line.page, level=level, glyph=glyph))
        return
    numbered = _NUMBERED.match(text)
    if numbered and (numbered.group(2) or "." in numbered.group(1)):
        protos.append(_Proto("paragraph", [text], line.page, number=numbered.group(1)))
        return
    if _FRONT_MATTER.match(text):
        # "Title: …" then "Date: …" on the next line are two fields, never one wrapped sentence.
        protos.append(_Proto("paragraph", [text], line.page))
        return
    if protos and not protos[-1].closed and _continues(protos[-1], text, line.gap_before):
        _append(protos[-1], text, vocabulary)
        return
    protos.append(_Proto("paragraph", [text], line.page))


def _continues(proto: _Proto, text: str, gap_before: bool) -> bool:
    """Whether a line carries on the block before it rather than starting a new one."""
    if proto.closed or proto.kind == "table_row":
        return False
    previous = proto.parts[-1]
    if not gap_before:
        return True
    if _SENTENCE_END.search(previous):
        return False
    last_word = previous.rsplit(" ", 1)[-1].lower()
    first = text[0]
    return first.islower() or previous.endswith(("-", ",")) or last_word in CONNECTORS


def _append(proto: _Proto, text: str, vocabulary: Counter[str]) -> None:
    previous = proto.parts[-1]
    proto.single_line = False
    hyphen = re.search(r"([A-Za-z]+)-$", previous)
    if hyphen and text[:1].isalpha():
        # "investi-" + "gation": drop the hyphen only when the joined word occurs elsewhere.
        head = hyphen.group(1)
        tail = re.match(r"[A-Za-z]+", text)
        joined = (head + tail.group(0)).lower() if tail else ""
        if joined and vocabulary.get(joined, 0) > 0:
            proto.parts[-1] = previous[:-1] + text
        else:
            proto.parts[-1] = previous + text
        return
    if previous.endswith("-") and text[:1].isdigit():
        proto.parts[-1] = previous + text  # e.g. "2-" + "4 weeks"
        return
    proto.parts.append(text)


def _mark_headings(protos: list[_Proto]) -> list[_Proto]:
    """Short standalone lines with no closing punctuation are headings.

    Numbered short lines ("3.1 HMICFRS Publication …", "2. Notes of Previous
    Meeting") are headings too, their depth giving their level. A short bullet
    that introduces sub-bullets ("• 999 calls" then "o …") heads them.
    """
    for i, proto in enumerate(protos):
        following = protos[i + 1] if i + 1 < len(protos) else None
        text = " ".join(proto.parts)
        words = len(text.split())
        if proto.kind == "paragraph" and proto.single_line and not proto.closed:
            ends = bool(re.search(r"[.!?;,:]$", text))
            if (
                ends
                and text.endswith(".")
                and words <= 4
                and following is not None
                and following.number is not None
                and all(w[:1].isupper() for w in text.split())
            ):
                ends = False  # "PEEL Governance." heading numbered paragraphs 47-48
            standalone = proto.gap_after or following is None or following.kind != "paragraph"
            if proto.number is not None:
                dotted = "." in proto.number
                limit = (
                    30 if dotted else 14
                )  # "3.1 HMICFRS Publication - An inspection report on …"
                if words <= limit and (not ends or (dotted and words <= 8)) and standalone:
                    proto.kind = "heading"
                    proto.level = proto.number.count(".") + 1
            elif (
                words <= 14
                and not ends
                and standalone
                and text[:1].isupper()
                and not _KEY_VALUE.match(text)
                and not text.endswith(":")
            ):
                proto.kind = "heading"
                proto.level = 2 if _GRADE_IN_PARENS.search(text) else max(proto.level, 3)
        elif proto.kind == "bullet" and proto.level == 4 and proto.single_line is not None:
            proto.kind = "heading"
            proto.closed = True
        elif (
            proto.kind == "bullet"
            and proto.level == 1
            and words <= 4
            and not re.search(r"[.!?]$", text)
            and following is not None
            and following.kind == "bullet"
            and following.level == 2
        ):
            proto.kind = "heading"
            proto.level = 5
    return protos


def _render_table(rows: list[list[str]]) -> list[str]:
    """Render table rows as text that keeps each cell beside its column header.

    A table whose first row starts with a label ("IPA area | Inspected in
    2018/19?", "Outstanding | Good | …") has that row as its header throughout;
    one whose first row starts empty ("| Force rate | England and Wales rate")
    labels its rows in the first column, and any later row starting empty is a
    new header. e.g. "Investigating crime" under "Requires improvement" renders
    as "Requires improvement: Investigating crime".
    """
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        return []
    first = rows[0]
    column_table = bool(first[0]) and not any(_is_number(c) for c in first)
    header: list[str] = first if (column_table or not first[0]) else []
    rendered = [" | ".join(c for c in first if c)] if header else []
    for row in rows[1:] if header else rows:
        if not column_table and not row[0] and not any(_is_number(c) for c in row):
            header = row
            rendered.append(" | ".join(c for c in row if c))
            continue
        cells = []
        for i, cell in enumerate(row):
            if not cell:
                continue
            label = header[i] if i < len(header) else ""
            if i == 0 and not column_table:
                cells.append(cell)
            elif label and label != cell:
                cells.append(f"{label}: {cell}")
            else:
                cells.append(cell)
        rendered.append(" | ".join(cells))
    return rendered


def _is_number(cell: str) -> bool:
    return bool(cell) and bool(re.fullmatch(r"[£$]?[\d.,%+\-– ]+[kmKM]?%?", cell))


def _assemble(protos: list[_Proto]) -> CleanedText:
    pieces: list[str] = []
    blocks: list[Block] = []
    offset = 0
    previous_kind: str | None = None
    for proto in protos:
        text = _squash(" ".join(proto.parts))
        if not text:
            continue
        if pieces:
            tight = proto.kind == previous_kind and proto.kind in ("bullet", "table_row")
            separator = "\n" if tight else "\n\n"
            pieces.append(separator)
            offset += len(separator)
        blocks.append(
            Block(proto.kind, offset, offset + len(text), proto.level, proto.number, proto.page)
        )
        pieces.append(text)
        offset += len(text)
        previous_kind = proto.kind
    return CleanedText("".join(pieces), tuple(blocks))

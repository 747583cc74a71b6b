"""Table cells that are bare numbers, read with the unit their caption gives.

A table often states its unit once, above it ("Average working days lost per officer to
sickness") and leaves its cells bare ("Essex Police | 2021/22: 9.4"). Read alone, "8.9" is a
count and cannot speak to a claim of "8.9 days"; read with its caption it is 8.9 days. Only a
row whose figures are all bare takes the unit, and only from a caption naming one unit, not as a
threshold ("answered within 10 seconds" names how a share is counted, not what the cells hold).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.reading.mentions import find_figures
from assistant.types import FigureMention

_UNITS = (
    ("days", re.compile(r"\bdays?\b", re.IGNORECASE)),
    ("hours", re.compile(r"\bhours?\b", re.IGNORECASE)),
    ("minutes", re.compile(r"\bminutes?\b", re.IGNORECASE)),
    ("seconds", re.compile(r"\bseconds?\b", re.IGNORECASE)),
    ("per cent", re.compile(r"\bper ?cent\b|\bpercentages?\b|\(%\)", re.IGNORECASE)),
    ("£", re.compile(r"£|\bpounds\b", re.IGNORECASE)),
    ("£ million", re.compile(r"£\s?(?:millions?|m)\b|\bmillions? of pounds\b", re.IGNORECASE)),
)
_COUNTED = re.compile(r"(?:\d|\b(?:a|an|one|two|three|ten|twelve))$", re.IGNORECASE)
"""A unit right after a number ("within 10 seconds", "a day") bounds a measure; it is no cell's."""
CAPTION_PARAGRAPHS = 2
CAPTION_CHARS = 400
CAPTION_REACH = 4000  # how far back before a table chunk its caption is looked for
"""How much of the prose before a table is read for its caption: its title and the paragraph
under it, most often."""


def caption_unit(caption: str) -> str | None:
    """The one unit a table's caption gives its cells, or None when it names none or several."""
    named = {
        name
        for name, pattern in _UNITS
        for m in pattern.finditer(caption)
        if not _COUNTED.search(caption[max(0, m.start() - 12) : m.start()].rstrip())
    }
    if "£ million" in named:
        named.discard("£")  # "Figures in £ million": the cells are millions of pounds
    return next(iter(named)) if len(named) == 1 else None


def is_table_row(sentence: str) -> bool:
    """A row as the cleaner writes it: "Force: Essex Police | 2021/22: 9.4 | 2022/23: 9.1"."""
    return sentence.count(" | ") >= 1 and ": " in sentence


_DASH = re.compile(r"^(?:[–—-]+|n/?a|\.\.|not (?:available|published|given))$", re.IGNORECASE)


def cells(row: str) -> list[tuple[str, str]]:
    """A row's cells as (column label, value): "Taser fired: –" is ("Taser fired", "–")."""
    found = []
    for cell in row.split(" | "):
        label, sep, value = cell.partition(": ")
        if sep:
            found.append((label.strip(), value.strip()))
    return found


def is_dash(value: str) -> bool:
    """A cell that gives no figure: a dash, "n/a", "..", "not available"."""
    return bool(_DASH.match(value.strip()))


def row_label(row: str) -> str:
    """A row's first cell, which says whose its figures are: "Force: England and Wales"."""
    return row.split(" | ", 1)[0]


def with_unit(figures: list[FigureMention], unit: str | None) -> list[FigureMention]:
    """A row's figures read with its caption's unit, when every one of them is bare (no unit of
    its own); else as they are."""
    if unit is None or not figures or any(f.unit or f.kind != "count" for f in figures):
        return figures
    return [_reread(f, unit) for f in figures]


def _reread(figure: FigureMention, unit: str) -> FigureMention:
    text = (
        f"£{figure.text}"
        if unit == "£"
        else f"£{figure.text}m"
        if unit == "£ million"
        else f"{figure.text} {unit}"
    )
    found = find_figures(text)
    if len(found) != 1:
        return figure
    return replace(found[0], text=figure.text, start=figure.start, end=figure.end)

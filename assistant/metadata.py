"""Detect a document's title, date and kind from its cleaned text; the catalogue overrides."""

from __future__ import annotations

import re

from assistant.dates import MONTH_NUMBER
from assistant.errors import CatalogueError
from assistant.forces import ALL_FORCES, ForceRegistry, default_registry
from assistant.forces import detect_subjects as _subjects_in
from assistant.reading.vocabulary import MONTH_PATTERN
from assistant.types import Block

_MONTH = f"({MONTH_PATTERN})"
_DATE_LINE = re.compile(
    rf"^Date(?:\s*&\s*time)?:\s*(?:[A-Z][a-z]+day,?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(\d{{4}})",
    re.MULTILINE,
)  # e.g. "Date & time: Monday 31 October 2022"
_IMPRINT = re.compile(rf"{_MONTH}\s+(\d{{4}})\s*\|\s*©")  # e.g. "May 2019 | © HMICFRS 2019"
_PUBLISHED_LINE = re.compile(
    rf"^(?:Published|Last updated|Updated)(?:\s+on)?:?\s+(?:[A-Z][a-z]+day,?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(\d{{4}})",
    re.MULTILINE | re.IGNORECASE,
)  # e.g. "Published on: 9 June 2023", "Published 27 September 2024"
_DATE_TAG = re.compile(
    r"^\s*date:?\s+((?:19|20)\d{2})-(\d{2})-(\d{2})\b", re.MULTILINE | re.IGNORECASE
)  # a crawler's tag, e.g. "date 2022-05-31"
_TITLE_LINE = re.compile(r"^(?:Subject|Title):\s*(.+)$", re.MULTILINE)


def detect_date(text: str) -> str | None:
    """ISO date ("2024-02-06", or "2019-05" when the source gives only a month)."""
    if m := _DATE_LINE.search(text):
        day, month, year = m.groups()
        return f"{year}-{MONTH_NUMBER[month.lower()]:02d}-{int(day):02d}"
    if m := _PUBLISHED_LINE.search(text):
        day, month, year = m.groups()
        return f"{year}-{MONTH_NUMBER[month.lower()]:02d}-{int(day):02d}"
    if m := _DATE_TAG.search(text):
        return "-".join(m.groups())
    if m := _IMPRINT.search(text):
        month, year = m.groups()
        return f"{year}-{MONTH_NUMBER[month.lower()]:02d}"
    return None


def detect_subjects(
    title: str, text: str, registry: ForceRegistry | None = None
) -> tuple[str, ...]:
    """The forces a document reports on, judged from its title, then its text."""
    return _subjects_in(title, text, registry)


def catalogue_subjects(
    names: tuple[str, ...], where: str, registry: ForceRegistry | None = None
) -> tuple[str, ...]:
    """Subjects a user wrote ("Essex", "the Met", "All forces") as canonical force names."""
    registry = registry or default_registry()
    subjects = []
    for name in names:
        if name.strip().lower() == ALL_FORCES.lower():
            subjects.append(ALL_FORCES)
            continue
        force = registry.get(name)
        if force is None:
            raise CatalogueError(
                f"{where}: subjects: unknown force {name!r} (see assistant/data/forces.toml)"
            )
        subjects.append(force.name)
    return tuple(dict.fromkeys(subjects))


def detect_title(text: str, blocks: tuple[Block, ...], fallback: str) -> str:
    if m := _TITLE_LINE.search(text):
        return m.group(1).strip()
    headings = [text[b.start : b.end] for b in blocks[:6] if b.kind == "heading"]
    if headings:
        title = headings[0]
        for more in headings[1:3]:
            if len(title.split()) > 3 and len(title) > 40:
                break
            title = f"{title} – {more}"
        return title
    return fallback


def detect_kind(text: str) -> str:
    head = text[:3000].lower()
    if "meeting notes" in head or "attendees:" in head or "minutes" in head[:500]:
        return "board minutes"
    if "police and crime panel" in head and ("to:" in head or "subject:" in head):
        return "panel paper"
    if "we inspected" in head or "our inspection" in head or "© hmicfrs" in text[-2000:].lower():
        return "inspection report"
    if "performance and delivery board" in head or "aims of the report" in head:
        return "board paper"
    return "document"

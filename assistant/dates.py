"""Document dates as a reader writes them; month names come from `assistant.reading.vocabulary`."""

from __future__ import annotations

from assistant.reading.vocabulary import MONTH_NUMBER, MONTHS

__all__ = ["MONTHS", "MONTH_NUMBER", "date_key", "readable_date"]


def readable_date(date: str | None) -> str:
    """An ISO date as a reader writes it: "2022-10-31" -> "31 October 2022", "2019-05" -> "May 2019"."""
    if not date:
        return "undated"
    parts = date.split("-")
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        month = MONTHS[int(parts[1]) - 1]
        return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
    return parts[0]


def date_key(date: str | None) -> tuple[int, int] | None:
    """(year, month) for ordering; a bare year sorts at its end."""
    if not date:
        return None
    parts = date.split("-")
    return int(parts[0]), int(parts[1]) if len(parts) > 1 else 12

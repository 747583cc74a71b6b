"""reading.tables: the unit a table's caption gives its bare cells."""

from __future__ import annotations

import pytest

from assistant.reading.mentions import find_figures
from assistant.reading.tables import caption_unit, cells, is_dash, is_table_row, with_unit


@pytest.mark.parametrize(
    ("caption", "unit"),
    [
        ("Average working days lost per officer to sickness. A dash means not available.", "days"),
        ("Spend per head of population (£)", "£"),
        ("Figures in £ million unless stated.", "£ million"),
        ("Savings required and delivered (£m)", "£ million"),
        ("Share of incidents attended on time (%)", "per cent"),
        ("Percentage of crimes solved, by year", "per cent"),
        # a unit right after a number bounds the measure; it is not what the cells hold
        ("999 calls answered within 10 seconds, November 2023", None),
        # none, or two: no unit to give
        ("Stop and search by ethnicity", None),
        ("Days lost and the percentage change", None),
    ],
)
def test_caption_unit(caption: str, unit: str | None) -> None:
    assert caption_unit(caption) == unit


@pytest.mark.parametrize(
    ("row", "unit", "read"),
    [
        # bare cells take the caption's unit
        ("Force: Kent Police | 2021/22: 8.9 | 2022/23: 9.6", "days", ["8.9 days", "9.6 days"]),
        ("Area: Medway | Spend: 61", "£", ["£61"]),
        ("Line: Savings delivered | 2024/25: 5.9", "£ million", ["£5.9m"]),  # millions of pounds
        # a row with a unit of its own keeps its figures as they are
        ("Year: 2022/23 | Fired: 63 | Share fired: 9.0%", "per cent", ["63", "9.0%"]),
        # no unit: as they are
        ("Force: Kent Police | 2021/22: 8.9", None, ["8.9"]),
    ],
)
def test_with_unit(row: str, unit: str | None, read: list[str]) -> None:
    assert is_table_row(row)
    expected = [find_figures(r)[0] for r in read]
    got = with_unit(find_figures(row), unit)
    assert [(f.value, f.kind) for f in got] == [(f.value, f.kind) for f in expected]
    assert [row[f.start : f.end] for f in got] == [f.text for f in got]  # offsets kept


def test_prose_is_no_table_row() -> None:
    assert not is_table_row("Kent's 2022/23 figure is below the average: 10.3 days.")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "Year: 2023/24 | Taser fired: – | Share fired: 9.0%",
            [("Year", "2023/24"), ("Taser fired", "–"), ("Share fired", "9.0%")],
        ),
        ("Force: Kent Police | 2021/22: 8.9", [("Force", "Kent Police"), ("2021/22", "8.9")]),
    ],
)
def test_cells(row: str, expected: list[tuple[str, str]]) -> None:
    assert cells(row) == expected


@pytest.mark.parametrize(
    ("value", "dash"),
    [("–", True), ("-", True), ("—", True), ("n/a", True), ("N/A", True), ("..", True),
     ("not available", True), ("0", False), ("8.9", False), ("-2%", False), ("Good", False)],
)  # fmt: skip
def test_is_dash(value: str, dash: bool) -> None:
    assert is_dash(value) is dash

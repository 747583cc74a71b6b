"""assistant/metadata.py: dates read from the lines that state them."""

from __future__ import annotations

import pytest

from assistant.metadata import detect_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date: 6 February 2024\nTo: the Panel", "2024-02-06"),
        ("Date & time: Monday 31 October 2022", "2022-10-31"),
        ("Heading\n\nPublished: 1 June 2022\n\nText.", "2022-06-01"),
        ("Heading\n\nPublished on: 27 September 2024\n", "2024-09-27"),
        ("Last updated 3 March 2023\n", "2023-03-03"),
        ("date 2022-05-31\n\nAvon and Somerset Police is the only force", "2022-05-31"),
        ("May 2019 | © HMICFRS 2019", "2019-05"),
        ("The report was published in 2019 and dated later.", None),
        ("It was updated on time.", None),
    ],
)
def test_detect_date(text: str, expected: str | None) -> None:
    assert detect_date(text) == expected

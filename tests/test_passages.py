"""What the answer composer reads of each quotable piece of a chunk (assistant/passages.py)."""

from __future__ import annotations

import pytest

from assistant.passages import analyse


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        # the time a share is counted within bounds it; a bounded time alone is the figure
        ("The force answered 84.5% of calls within 10 seconds.", ["10 seconds"]),
        ("The average wait for a 101 call was less than three minutes.", []),
        ("The average wait on 999 had been 6 seconds.", []),
    ],
)
def test_a_piece_knows_which_figures_bound_its_measure(text: str, bounds: list[str]) -> None:
    piece = analyse(text, "")[0][0]
    assert [f.text for f in piece.bounds] == bounds

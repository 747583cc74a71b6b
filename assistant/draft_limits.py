"""Bounds on the work one draft check may take: its length and its number of figures.

Each figure of a draft costs a search, so an unbounded draft is unbounded work;
a draft over a limit is refused with what to do, before any search starts.
"""

from __future__ import annotations

from assistant.errors import DraftTooLargeError
from assistant.figures import find_figures


def figures_to_check(text: str, max_chars: int, max_figures: int) -> int:
    """How many figures the draft holds; DraftTooLargeError if it is over either limit."""
    if len(text) > max_chars:
        raise DraftTooLargeError(
            f"the draft is {len(text):,} characters; one check reads at most {max_chars:,} "
            "(setting check_max_chars): check it in parts"
        )
    count = len(find_figures(text))
    if count > max_figures:
        raise DraftTooLargeError(
            f"the draft holds {count:,} figures; one check reads at most {max_figures:,} "
            "(setting check_max_figures): check it in parts"
        )
    return count

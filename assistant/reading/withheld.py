"""A sentence that says a figure or grade is not given: "the paper gave no average speed of
answer", "its 2018/19 grades are not shown", "No figure for the average wait was before the
Panel", "the force does not hold a breakdown by area", "the figure was not recorded", "its figures
are not part of this paper".

Panel minutes and briefing notes often say what they lack. Such a sentence matches a near miss's
every word, and it is the documents' own word that the answer is not there: it can never be the
answer to a figure or grade question (candidates.cannot_answer_rows), though a question about
what a paper held may still quote it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NO_MORE = r"(?!\s+(?:more|less|fewer|longer|later|earlier|sooner|one|change|increase|decrease)\b)"
_WITHHELD = re.compile(
    rf"\b(?:gave|gives|give|giving|contained|contains|included|includes|provided|provides|"
    rf"published|offered|offers|showed|shows|held|holds|reported|reports)\s+no\b{_NO_MORE}|"
    r"\bno\s+(?:[\w-]+\s+){0,3}(?:figures?|data|breakdowns?|totals?|statistics)\b|"
    r"\b(?:is|are|was|were|been|be|has|have|had)\s+(?:not|never)\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:shown|given|reported|"
    r"published|available|recorded|stated|included|provided|graded|broken down|made public|"
    r"collected|held|kept|tracked|measured|monitored|known)\b|"  # not "counted": "not counted
    # in the 412" leaves cases out of a total, which is given
    r"\b(?:did|does|do)\s+not\s+(?:give|show|report|publish|include|provide|state|break|"
    r"record|hold|collect|keep|track|count|measure|monitor)\b|"
    r"\bwithout\s+(?:a\s+|any\s+)?(?:figures?|grades?|breakdowns?|numbers?)\b|"
    r"\b(?:figures?|numbers?|data|statistics)\s+(?:\w+\s+){0,2}(?:is|are|was|were)\s+not\s+"
    r"(?:part\s+of|included\s+in|covered\s+by|in\s+(?:this|the|these)\s+"
    r"(?:paper|report|page|table|release|minutes))\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=32768)
def says_withheld(text: str) -> bool:
    """Whether a text says a figure, grade or breakdown is not given (cached: the same pieces
    are read for every question)."""
    return bool(_WITHHELD.search(text))

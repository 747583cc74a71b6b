"""The check reads a part next to the sentence that gives its whole: "examined 78 case files. Of
these, 49 were rated good" states "49 of the 78", and "recorded 173 crimes. Thefts made up 96
of the 173" states "96 of the 173"; but not for the words of another figure of the part's
sentence or for a part of another kind ("drug offences").

The document below is written for this test in our own words (its figures are made up); each
claim's verdict comes from the paragraph named beside it.
"""

from __future__ import annotations

import pytest
from conftest import EngineOver, worst_verdict

from assistant.engine import Engine

DOCUMENT = """Title: Humberside Police - child protection files and festival crime
Date: 14 October 2024

1. In the 2024 follow-up inspection, inspectors examined 64 case files. Of these, 37 were rated good or adequate, 19 as requiring improvement and 8 as inadequate.

2. Humberside Police recorded 152 crimes at this year's Hull Freedom Festival. Thefts made up 88 of the 152, most of them of phones. Drug offences made up 21.
"""

CLAIMS = [
    # 1.: the part after "Of these", and a sibling figure's words
    ("In the 2024 follow-up, inspectors rated 37 of the 64 Humberside child protection files "
     "good or adequate.", "supported"),
    ("In the 2024 follow-up, inspectors rated 41 of the 64 Humberside child protection files "
     "good or adequate.", "contradicted"),
    # 2.: the part restating its whole in the next sentence, and a part of another kind
    ("Thefts accounted for 88 of the 152 crimes recorded at the 2024 Hull Freedom Festival.",
     "supported"),
    ("Drug offences accounted for 88 of the 152 crimes recorded at the 2024 Hull Freedom "
     "Festival.", "contradicted"),
]  # fmt: skip


@pytest.fixture(scope="module")
def humberside(engine_over_one: EngineOver) -> Engine:
    return engine_over_one("2024-10-humberside-files-and-festival.txt", DOCUMENT)


@pytest.mark.parametrize(("text", "verdict"), CLAIMS)
def test_verdict_on_a_part_beside_its_whole(humberside: Engine, text: str, verdict: str) -> None:
    worst, notes = worst_verdict(humberside, text)
    assert worst == verdict, notes

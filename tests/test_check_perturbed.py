"""Claims edited one way from a supported one (`eval/perturb.py`) are never supported: a
direction word swapped, a run of years moved ("PEEL 2022-24" for "PEEL 2023/25"), a board's
month moved where its figure is "now", a part given another whole, a rank turned round.

The document below is written for this test in our own words (its figures are made up);
each pair is a claim its paragraph supports and the same claim with one word or year changed.
"""

from __future__ import annotations

import pytest
from conftest import EngineOver, worst_verdict

from assistant.claims import claim_sentences
from assistant.engine import Engine

DOCUMENT = """Title: Cumbria Constabulary - panel paper on PEEL 2023/25
Date: 6 February 2024

1. PEEL 2023/25 - An inspection of Cumbria Constabulary

On 20 October 2023 HMICFRS published its PEEL report, giving the force 11 areas for improvement.

2. Crime recording

At the January 2024 board the deputy chief constable said compliance with the crime recording standard was now nearly 93%.

3. Demand

Between July and December 2023 the force received on average 6% more 999 calls each month than in the same months of 2022.

The deputy chief constable reported there were about 150 fewer outstanding warrants now than when the review finished.

Some areas had increased by 12 officers and others had seen no increase.

4. Calls

The force cut its 101 abandonment rate from 21 percent in 2022 to 9 percent in 2023.

5. Grades

The inspectorate graded policing in eight areas. Cumbria was judged good in five of them.

6. Answering

In November 2023 the force answered 94.1% of 999 calls within ten seconds. This was the highest share of any force in the region.
"""

PAIRS = [
    # 1.: a run of years is a label: "2022-24" does not hold the 2023/25 report
    ("HMICFRS's PEEL 2023-25 inspection gave Cumbria Constabulary 11 areas for improvement.",
     "HMICFRS's PEEL 2022-24 inspection gave Cumbria Constabulary 11 areas for improvement."),
    # 5.: a part's whole the source never counts ("five of nine" where it graded eight areas)
    ("Cumbria was judged good in five of eight graded areas.",
     "Cumbria was judged good in five of nine graded areas."),
    # 6.: a rank turned round by the sentence after the figure's
    ("In November 2023 Cumbria answered 94.1% of 999 calls within ten seconds, the highest share "
     "of any force in the region.",
     "In November 2023 Cumbria answered 94.1% of 999 calls within ten seconds, the lowest share "
     "of any force in the region."),
    # 2.: "now" is the board's month
    ("At the January 2024 board the deputy chief constable said compliance with the crime "
     "recording standard was now nearly 93%.",
     "At the January 2023 board the deputy chief constable said compliance with the crime "
     "recording standard was now nearly 93%."),
    # 3.: more or fewer than in the same months of the year before
    ("Between July and December 2023 Cumbria received on average 6% more 999 calls a month than "
     "in the same months of 2022.",
     "Between July and December 2023 Cumbria received on average 6% fewer 999 calls a month than "
     "in the same months of 2022."),
    # 3.: fewer or more "than when" an earlier time
    ("Cumbria had about 150 fewer outstanding warrants than when the review finished.",
     "Cumbria had about 150 more outstanding warrants than when the review finished."),
    # 3.: "lost" against "increased by", and "no increase" in the other clause says nothing
    ("Some Cumbria areas gained 12 officers while others saw no increase.",
     "Some Cumbria areas lost 12 officers while others saw no increase."),
    # 4.: "raised" against the claim's own two values
    ("Cumbria cut its 101 abandonment rate from 21 percent in 2022 to 9 percent in 2023.",
     "Cumbria raised its 101 abandonment rate from 21 percent in 2022 to 9 percent in 2023."),
]  # fmt: skip


@pytest.fixture(scope="module")
def cumbria(engine_over_one: EngineOver) -> Engine:
    return engine_over_one("2024-02-06-cumbria-panel-paper-peel.txt", DOCUMENT)


@pytest.mark.parametrize("text", [supported for supported, _ in PAIRS])
def test_the_original_is_supported(cumbria: Engine, text: str) -> None:
    worst, notes = worst_verdict(cumbria, text)
    assert worst == "supported", notes


@pytest.mark.parametrize("text", [edited for _, edited in PAIRS])
def test_the_edited_claim_is_contradicted(cumbria: Engine, text: str) -> None:
    worst, notes = worst_verdict(cumbria, text)
    assert worst == "contradicted", notes


@pytest.mark.parametrize(
    ("text", "figure", "when"),
    [
        ("At the October 2021 board the T/CC said compliance was now nearly 90%.", "90%",
         "October 2021"),
        ("In March 2023 the force said it now had 4,145 officers.", "4,145", "March 2023"),
        # a month another figure owns is not the "now" of this one
        ("In 2017 the rate was 18 percent, and it is now 7 percent.", "7 percent", None),
        ("Compliance is now nearly 90%.", "90%", None),
    ],
)  # fmt: skip
def test_now_takes_the_month_its_sentence_names(text: str, figure: str, when: str | None) -> None:
    found = {f.figure.text: f for _, figures in claim_sentences(text, {}) for f in figures}
    assert found[figure].when is None if when is None else found[figure].when.label == when

"""The check never marks supported a claim its source contradicts, in the shapes a draft
gets wrong: a direction against its own values or the source's, a part of another whole,
parts swapped between months, an achieved figure claimed as a target, a neighbouring row's
figure, a median claimed as an average, last year's figure claimed for this year, all of a set
claimed where the source says part, an aim claimed as done and the reverse, a count against
the whole of "one of the 6", a table's bare cell in its caption's unit, and the yardstick's row
claimed as the force's own, a year's average claimed for a month, and a country's figure
claimed as the force's.

The document below is written for this test in our own words (its figures are made up);
each claim's verdict comes from the document's paragraph named beside it.
"""

from __future__ import annotations

import pytest
from conftest import EngineOver, worst_verdict

from assistant.engine import Engine

DOCUMENT = """Title: Dyfed-Powys Police - performance and finance report
Date: 14 November 2023

1. The reserves stood at £40m on 31 March 2022 and are forecast to fall to £12m by March 2026.

2. Spend per head of population by category, 2023/24

\tForce spend\tEngland and Wales spend
Visible frontline\t£61\t£66
Non-visible frontline\t£57\t£60
Business support\t£29\t£38

3. Between January and September 2023, of 1,904 recorded VAWG offences, 1,288 (68%) had a named suspect.

4. The head of public protection said stalking referrals had dropped over the last quarter compared to a peak of 143 in June 2023.

5. In July and August there were 4 registered offenders who were not visited on time (3 in July and 1 in August).

6. The force has no target for emergency response times. Its average emergency response time in 2022/23 was 14 minutes 10 seconds.

7. Median wait for a 101 call to be answered in October 2023: around 3 seconds. The median is the middle wait; it is not an average of every wait.

8. The control room answered 999 calls in an average of 8.1 seconds in October 2023. That was about two seconds quicker than in September 2023, when the average was 10.2 seconds.

9. The 2022 custody inspection made five recommendations; by October 2023 the force had closed three of the five. Inspectors also read 40 custody records and found that in most of them the detainee's risk assessment was complete.

10. The new neighbourhood model has seen the creation of 40 rural beat officers, and the force aims to recruit 60 more rural beat officers by March 2025.

11. Every high-risk stalking case is passed to one of the 6 risk panels that meet across the force area.

12. Average working days lost per officer to sickness

Force\t2021/22\t2022/23
Dyfed-Powys Police\t8.1\t8.7
England and Wales\t9.5\t10.3

13. Over the whole of 2023 the control room answered an average of 88.4 per cent of 999 calls within 10 seconds, against 81.0 per cent over 2022.

14. Great Britain as a whole recorded 1,711 road deaths in 2022 and 1,624 in 2023.
"""

CLAIMS = [
    # 1.: the claim's verb against its own two values
    ("Dyfed-Powys Police's reserves were forecast to grow from £40m in March 2022 to £12m in "
     "March 2026.", "contradicted"),
    # 2.: a neighbouring row's figure
    ("In 2023/24 Dyfed-Powys Police spent £57 per head of population on the visible frontline.",
     "contradicted"),
    ("In 2023/24 Dyfed-Powys Police spent £61 per head of population on the visible frontline.",
     "supported"),
    # 3.: a part of another whole, the source naming its whole first
    ("Between January and September 2023, 1,288 of 1,940 VAWG offences had a named suspect.",
     "contradicted"),
    ("Between January and September 2023, 1,288 of 1,904 VAWG offences had a named suspect.",
     "supported"),
    # 4.: a direction against the source's, the figure being where the change started
    ("Stalking referrals had risen over the last quarter from 143 in June 2023.", "contradicted"),
    # 5.: two parts swapped between two months
    ("Four registered offenders were not visited on time, one in July and three in August 2023.",
     "contradicted"),
    # 6.: an achieved figure claimed as the target
    ("The force's target for emergency response time, which it met in 2022/23, was 14 minutes "
     "10 seconds.", "contradicted"),
    # 7.: a median claimed as an average
    ("The average wait for a Dyfed-Powys 101 call in October 2023 was around 3 seconds.",
     "contradicted"),
    ("The median wait for a Dyfed-Powys 101 call in October 2023 was around 3 seconds.",
     "supported"),
    # 8.: "slower" against two months' times, where lower is faster
    ("Dyfed-Powys Police got slower at answering 999 calls between September and October 2023, "
     "averaging 8.1 seconds.", "contradicted"),
    ("Dyfed-Powys Police got quicker at answering 999 calls between September and October 2023, "
     "averaging 8.1 seconds.", "supported"),
    # 9.: all of a set claimed where the source says part of it
    ("By October 2023 Dyfed-Powys Police had closed all five recommendations of the 2022 "
     "custody inspection.", "contradicted"),
    ("By October 2023 Dyfed-Powys Police had closed three of the five recommendations of the "
     "2022 custody inspection.", "supported"),
    ("Inspectors read 40 custody records and found the risk assessment complete in every one.",
     "contradicted"),
    # 10.: what was achieved claimed as an aim, and an aim claimed as done
    ("Dyfed-Powys Police's neighbourhood model aims to create 40 rural beat officers.",
     "contradicted"),
    ("Dyfed-Powys Police recruited 60 more rural beat officers by March 2025.", "contradicted"),
    ("Dyfed-Powys Police aims to recruit 60 more rural beat officers by March 2025.", "supported"),
    # 11.: the whole of "one of the 6 risk panels" counts the panels
    ("Seven risk panels meet across the Dyfed-Powys force area to hear stalking cases.",
     "contradicted"),
    ("Six risk panels meet across the Dyfed-Powys force area to hear stalking cases.",
     "supported"),
    # 12.: bare cells in the caption's unit; another year's cell; the yardstick's row
    ("Dyfed-Powys officers lost 8.7 days each to sickness in 2022/23.", "supported"),
    ("Dyfed-Powys officers lost 8.1 days each to sickness in 2022/23.", "contradicted"),
    ("Dyfed-Powys officers lost 10.3 days each to sickness in 2022/23.", "contradicted"),
    ("Officers across England and Wales lost 10.3 days each to sickness in 2022/23.",
     "supported"),
    # 13.: a year's average claimed for one month of it
    ("Dyfed-Powys Police answered 88.4 per cent of 999 calls within 10 seconds in October 2023.",
     "contradicted"),
    ("Dyfed-Powys Police answered 88.4 per cent of 999 calls within 10 seconds in 2023.",
     "supported"),
    # 14.: the country's figure, in a clause after the one naming it, claimed as the force's
    ("Dyfed-Powys Police recorded 1,624 road deaths in 2023.", "contradicted"),
    ("Great Britain recorded 1,624 road deaths in 2023.", "supported"),
]  # fmt: skip


@pytest.fixture(scope="module")
def dyfed_powys(engine_over_one: EngineOver) -> Engine:
    return engine_over_one("2023-11-dyfed-powys-performance-finance.txt", DOCUMENT)


@pytest.mark.parametrize(("text", "verdict"), CLAIMS)
def test_verdict_on_each_shape(dyfed_powys: Engine, text: str, verdict: str) -> None:
    worst, notes = worst_verdict(dyfed_powys, text)
    assert worst == verdict, notes


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (CLAIMS[3][0], "of 1,904, not of 1,940"),
        (CLAIMS[7][0], "as what was achieved, not as a target"),
        (CLAIMS[8][0], "the median, not the average"),
        (CLAIMS[10][0], "it fell, where the claim says it rose"),
        (CLAIMS[14][0], "for part, not all"),
        (CLAIMS[-4][0], "for 2023, not October 2023"),
        (CLAIMS[-2][0], "as the Great Britain figure, not as its own figure"),
    ],
)
def test_explanation_names_what_differs(dyfed_powys: Engine, text: str, named: str) -> None:
    _, notes = worst_verdict(dyfed_powys, text)
    assert named in " ".join(notes), notes


def test_a_change_whose_first_month_no_source_gives_is_not_found(dyfed_powys: Engine) -> None:
    worst, notes = worst_verdict(
        dyfed_powys,
        "Dyfed-Powys Police got quicker at answering 999 calls between August and October 2023, "
        "averaging 8.1 seconds.",
    )
    assert worst == "not_found", notes

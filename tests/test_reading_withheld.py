"""reading.withheld: a sentence saying a figure or grade is not given."""

from __future__ import annotations

import pytest

from assistant.reading.withheld import says_withheld


@pytest.mark.parametrize(
    ("text", "withheld"),
    [
        # panel minutes and papers saying what they lack
        ("3.4 The paper gave no average speed of answer for 999 or 101 calls.", True),
        ("5.6 No figure for the average wait on 101 was before the Panel.", True),
        ("Northamptonshire Police's 2018/19 grades are not shown.", True),
        ("The force did not publish a breakdown by district.", True),
        ("The report was published without any figures for 101.", True),
        ("Data for March has not yet been published.", True),
        ("Figures for March are not yet available.", True),
        # what a force says it does not hold, record or keep (written for this test)
        ("The force does not hold a breakdown of the reviews by area.", True),
        ("The inspector said the force did not record where the drivers lived.", True),
        ("Officers did not keep a separate count of the bikes seized.", True),
        ("The figure was not held centrally, the deputy chief said.", True),
        ("Completions for 2023/24 were not yet known when the table was compiled.", True),
        # another body's figures said to be left out (written for this test)
        (
            "The bypass was policed by the neighbouring force; its figures are not part of this page.",
            True,
        ),
        ("The county's parking numbers were not included in the paper.", True),
        ("The ambulance service's figures were not in the report, the inspector said.", True),
        ("Response figures were not in line with the target.", False),
        # cases left out of a total: the total is given
        (
            "A further 27 cases came from the regional unit; these are not counted in the 412.",
            False,
        ),
        ("The force recorded all 412 reports it received.", False),
        # figures given, or "no" that says something else
        ("The force answered 84.5% of calls in 10 seconds.", False),
        ("The number of DVPOs fell from 237 to 156.", False),
        ("There was no change in the charge rate.", False),
        ("It gave no more than 5 warnings.", False),
        ("Officers had no access to the system for three days.", False),
        # a grade not received is a finding, not a grade withheld
        ("It received no good or outstanding grade: three areas were graded inadequate", False),
    ],
)
def test_says_withheld(text: str, withheld: bool) -> None:
    assert says_withheld(text) is withheld

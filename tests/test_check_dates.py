"""The check reads claims that carry a date and no figure: the date against the sentence that says
the same thing, never the date alone.

The document below is written for this test in our own words (its dates are made up); each
claim's verdict comes from the paragraph named beside it.
"""

from __future__ import annotations

import pytest
from conftest import EngineOver

from assistant.engine import Engine

DOCUMENT = """Title: Norfolk Constabulary - inspection and partnership update
Date: 14 May 2024

1. The inspectorate published its report on the force's custody suites on 12 February 2024.

2. Schools in Thetford already take part in the domestic abuse notification scheme, and King's Lynn is due to join it in spring 2025.

3. The force aims for every response officer to carry a body-worn camera by 2026.

4. Recorded burglary fell in March 2024 compared with February.

5. The force was graded good for preventing crime in its 2023 inspection.

6. The inspectorate's review of the records breach of 3 March 2024, which it published on 9 April 2024, found the force had been slow to tell the people affected.

7. Internal audits planned for early 2025:

Audit\tPlanned start\tStatus
Fleet management\t03/03/25\tScope agreed
Seized property\t04/03/25\tScope agreed

8. The external auditor's opinion on the 2023/24 accounts will be qualified. It is due to go to the audit committee on the 5th March.

9. The peer review of custody took place week commencing 3 June 2024 and looked at 40 detention records.
"""

CLAIMS = [
    # 1.: the same event, the same day; another year
    ("The inspectorate's custody report on the force was published on 12 February 2024.",
     "supported"),
    ("The inspectorate's custody report on the force was published on 12 February 2023.",
     "contradicted"),
    # 2.: a season; another season's year
    ("King's Lynn is due to join the domestic abuse notification scheme in spring 2025.",
     "supported"),
    ("King's Lynn is due to join the domestic abuse notification scheme in spring 2024.",
     "contradicted"),
    # 3.: a deadline is not when something was done
    ("In 2024 the force aimed for every response officer to carry a body-worn camera by 2026.",
     "supported"),
    ("The force gave every response officer a body-worn camera in 2024.", "not_found"),
    # 4.: the date is right but the direction is not
    ("Recorded burglary rose in March 2024 compared with February.", "contradicted"),
    # 6.: a sentence with two dates gives each to its own clause
    ("The records breach happened on 3 March 2024.", "supported"),
    ("The records breach happened on 9 April 2024.", "not_found"),
    # 7.: a day/month/year date with a two-digit year, and the next row's date
    ("The fleet management audit is planned to start on 03/03/25.", "supported"),
    ("The seized property audit is planned to start on 4 March 2025.", "supported"),
    ("The fleet management audit is planned to start on 04/03/25.", "contradicted"),
    # 8.: a day with no year, and the year the event is labelled by in the sentence before
    ("The auditor's opinion on the 2023/24 accounts is due at the audit committee on 5th March.",
     "supported"),
    ("The auditor's opinion on the 2022/23 accounts is due at the audit committee on 5th March.",
     "contradicted"),
    # 9.: "the week starting" is part of the date, not words of what happened
    ("The custody peer review was carried out in the week starting 3 June 2024.", "supported"),
    ("The custody peer review was carried out in the week starting 10 June 2024.",
     "contradicted"),
    # a date about something no sentence says
    ("The force opened a new control room in June 2023.", "not_found"),
]  # fmt: skip


@pytest.fixture(scope="module")
def norfolk(engine_over_one: EngineOver) -> Engine:
    return engine_over_one("2024-05-norfolk-inspection-update.txt", DOCUMENT)


@pytest.mark.parametrize(("text", "verdict"), CLAIMS)
def test_a_dated_claim_is_judged_by_the_sentence_that_says_it(
    norfolk: Engine, text: str, verdict: str
) -> None:
    report = norfolk.check(text)
    assert [c.verdict for c in report.claims] == [verdict], [c.explanation for c in report.claims]


def test_a_grade_claim_is_not_judged_by_its_date(norfolk: Engine) -> None:
    # 5.: the date is right but the grade is not; a grade is judged by its area, not its date
    report = norfolk.check(
        "The force was graded outstanding for preventing crime in its 2023 inspection."
    )
    assert [c.verdict for c in report.claims] != ["supported"]


def test_a_contradicted_date_names_the_source_s_date_and_cites_it(norfolk: Engine) -> None:
    (claim,) = norfolk.check(CLAIMS[1][0]).claims
    assert claim.expected == ("12 February 2024",)
    assert "12 February 2024" in claim.evidence[0].quote
    assert claim.figures == ("12 February 2023",)


@pytest.mark.parametrize(
    ("text", "date_verdict"),
    [
        # 7.: a day date beside figures is checked too: a wrong day is reported on its own line
        ("Both of the 2 audits in the plan, fleet management first, start on 05/03/25.",
         "contradicted"),
        # ... and a right one adds nothing: the figures carry the sentence's verdict
        ("Both of the 2 audits in the plan, fleet management first, start on 03/03/25.", None),
    ],
)  # fmt: skip
def test_a_day_date_beside_figures_is_reported_only_when_contradicted(
    norfolk: Engine, text: str, date_verdict: str | None
) -> None:
    dated = [c for c in norfolk.check(text).claims if c.figures == ("05/03/25",)]
    dated += [c for c in norfolk.check(text).claims if c.figures == ("03/03/25",)]
    assert [c.verdict for c in dated] == ([date_verdict] if date_verdict else [])

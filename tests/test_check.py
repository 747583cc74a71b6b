"""The figure check on the real corpus and model: claims written from the documents, not from the code.

Each claim below was written by reading the source passage it names; the expected
verdicts and figures come from that passage. `engine` is the session's (tests/conftest.py):
the real model over an index built from a copy of corpus/.
"""

from __future__ import annotations

import pytest
from conftest import CITATION_FIELDS

from assistant.check import CheckReport, check_text, check_to_json, render_check
from assistant.claims import figure_scope
from assistant.engine import Engine

SEVERITY = {"contradicted": 0, "not_found": 1, "supported": 2}

SUPPORTED = [
    # 2019 report: "£155 compared with a national average of £177", the comparison as it goes.
    (
        "comparison-as-it-goes",
        "Kent's revenue expenditure per head of population, £155, is lower than the national "
        "average of £177.",
    ),
    # Board minutes: "the establishment was 613 and currently there were 567 on the detective
    # pathway": each figure by its own words, though both clauses say "detective".
    (
        "two-clauses-two-figures",
        "Kent's detective constable establishment stood at 613, with 567 officers now on the "
        "detective pathway.",
    ),
    # Board minutes: "on course to have 4,145 officers by the end of March 2023" (said in October
    # 2022): the deadline is the figure's period.
    (
        "deadline-is-the-period",
        "In October 2022 Kent expected to reach 4,145 officers by the end of March 2023.",
    ),
    # 2019: "over 18 percent" in 2017 in one sentence, "from 18 percent in 2017" in another.
    (
        "as-one-sentence-states-it",
        "Kent cut its 101 abandonment rate from 18 percent in 2017 to 7 percent.",
    ),
    # 2019 PEEL report, "Protecting vulnerable people": "In the 12 months to 31 March 2018, the force
    # issued 151 sexual harm prevention orders (SHPOs)."
    (
        "shpos-to-march-2018",
        "In the 12 months to 31 March 2018 Kent issued 151 sexual harm prevention orders.",
    ),
    # 2019: "The force manages 2,451 RSOs living within the county."
    ("rsos-managed", "Kent Police manages 2,451 registered sex offenders living in the county."),
    # 2019: "The force recorded 192 cases of human trafficking and modern slavery in 2017."
    (
        "trafficking-2017",
        "The force recorded 192 cases of human trafficking and modern slavery in 2017.",
    ),
    # Panel paper, Appendix A 14: "rolling year figures (December 2023) at 28,945 an increase of 4.5%".
    (
        "mental-health-incidents",
        "Mental health incidents rose to 28,945 in the rolling year to December 2023, an increase of 4.5%.",
    ),
    # Panel paper, Appendix A 28: "victim contracts adhered to in 94.2% of cases reviewed".
    (
        "victim-contracts",
        "In the victim service assessment, victim contracts were adhered to in 94.2% of cases reviewed.",
    ),
    # Panel paper, Appendix A 43: "comprehensive PDR processes (95.7% compliance)".
    ("pdr-compliance", "PDR compliance stood at 95.7%."),
    # Force summary 27: "Latest Force data (March 2022) shows in 457 (93.5%) reviews ... allocated in a
    # timely manner".
    (
        "allocation-march-2022",
        "Force data for March 2022 showed crimes were allocated in a timely manner in 93.5% of reviews.",
    ),
    # Board minutes: "2021 was 20 minutes 33 seconds" (average response time).
    ("response-time-2021", "Kent's average response time in 2021 was 20 minutes 33 seconds."),
    # 2019 table: "Police Officer | FTE in post on 31 March 2018: 3,261".
    ("officers-in-post-table", "Kent had 3,261 FTE police officers in post on 31 March 2018."),
    # 2019: "The number of right to ask applications has reduced however from 94 to 47."
    ("right-to-ask-from-to", "The number of right to ask applications fell from 94 to 47."),
    # Panel paper 15: "the Force received 14 Areas for Improvement (AFIs)".
    ("figure-in-words", "Kent received fourteen areas for improvement in PEEL 2023-25."),
    # Panel paper, Appendix A 20: 84.5% for the rolling year to December 2023; 69.4% in March 2023.
    (
        "measure-from-sentence-before",
        "Kent answered 84.5% of 999 calls within 10 seconds in the rolling year to December 2023. "
        "In March 2023 the figure had been 69.4%.",
    ),
    # Panel paper, Appendix A 26: "2 percentage points above that referenced in the PEEL report".
    (
        "percentage-points",
        "The charge rate for victim-based crime was 2 percentage points above the figure in the PEEL report.",
    ),
    # 2019: "the £4.9m spent on providing frontline officers with mobile devices".
    ("money", "The force spent £4.9m providing frontline officers with mobile devices."),
    # 2024 paper: "migrating plans onto Athena with over 500 completed": "completed" counts
    # the plans, it is no other thing counted.
    ("count-by-participle", "More than 500 plans had been moved onto Athena by February 2024."),
]

CONTRADICTED = [
    # 2024 panel paper: "rolling year to December 2023 ... answering 84.5% of calls in 10
    # seconds": the claim spells the threshold out ("ten seconds"), the source in digits.
    (
        "threshold-spelt-out",
        "In the rolling year to December 2023 Kent answered 86.1% of 999 calls within ten seconds.",
        "84.5%",
    ),
    # 2019 report: "151 ... SHPOs" in the 12 months to March 2018, "a slight increase on the 147
    # issued in the previous 12-month period": 147 is the year before's level, not a rise of 147.
    (
        "increase-on-the-year-before",
        "Kent issued 151 sexual harm prevention orders in the 12 months to March 2017.",
        "147",
    ),
    # 2019 report: "Its revenue expenditure per head of population is £155 compared with a
    # national average of £177": both figures right, the comparison between them reversed.
    (
        "comparison-reversed",
        "Kent's revenue expenditure per head of population, £155, is higher than the national "
        "average of £177.",
        "£155",
    ),
    # Wrong figure: same measure and period, another number.
    (
        "rsos-transposed",
        "Kent Police manages 2,541 registered sex offenders living in the county.",
        "2,451",
    ),
    (
        "shpos-wrong-count",
        "In the 12 months to 31 March 2018 Kent issued 115 sexual harm prevention orders.",
        "151",
    ),
    (
        "reasonable-grounds-2023-25",
        "HMICFRS found that 98.5% of Kent's stop and searches had reasonable grounds recorded in the 2023-25 "
        "inspection.",
        "88.5%",
    ),
    # Force summary 3: "with a compliance rate of 96.7%": 97% is a rounding the source never states.
    ("rounded-compliance", "Kent's crime recording accuracy in PEEL 2021/22 was 97%.", "96.7%"),
    (
        "acro-digits-swapped",
        "The force reported a 97 percent accuracy rate on ACRO checks.",
        "79 percent",
    ),
    # Board minutes: "compared to a high of 186 in June 2022".
    ("rape-volumes-june-2022", "Rape volumes reached a high of 168 in June 2022.", "186"),
    # 2019: "the rate of repeat referrals to the MARAC reduced from 839 to 751".
    (
        "second-figure-of-from-to",
        "In the 12 months to June 2018, repeat referrals to the MARAC fell from 839 to 715.",
        "751",
    ),
    (
        "measure-from-sentence-before-wrong",
        "Kent answered 84.5% of 999 calls within 10 seconds in the rolling year to December 2023. "
        "In March 2023 the figure had been 74.9%.",
        "69.4%",
    ),
    # Wrong period: the right number, but the source gives it for another period.
    (
        "999-rolling-year-as-march-2023",
        "In March 2023 the force answered 84.5% of emergency calls within 10 seconds.",
        "69.4%",
    ),
    # 2019: "DVPOs has decreased from 237 in 2017 to 156 in 2018".
    (
        "dvpos-2017-figure-as-2018",
        "In 2018 the number of domestic violence protection orders obtained by Kent was 237.",
        "156",
    ),
    # 2019: "in 2016/17, 23.4 percent of all crimes were closed using outcome 16, increasing to 26.4
    # percent in 2017/18".
    (
        "outcome-16-years-swapped",
        "In 2016/17, 26.4 percent of all crimes were closed using outcome 16.",
        "23.4 percent",
    ),
    (
        "response-time-2022-as-2021",
        "Kent's average response time in 2021 was 21 minutes 24 seconds.",
        "20 minutes 33 seconds",
    ),
    # Board minutes: "increased from 48.4% in June, to 67.6% in September 2022".
    (
        "elp-june-figure-as-september",
        "In September 2022, 48.4% of cases showed an evidence-led prosecution had been properly considered.",
        "67.6%",
    ),
    (
        "officers-2014-figure-as-2018",
        "Kent had 3,268 FTE police officers in post on 31 March 2018.",
        "3,261",
    ),
    # Wrong measure: the number belongs to a neighbouring measure.
    # Panel paper, Appendix A 2: "94.5% agreed that their line manager challenged discriminatory
    # behaviour ... 90.3% agreed their line manager created an inclusive working environment".
    (
        "survey-neighbouring-answer",
        "90.3% of staff agreed that their line manager challenged discriminatory behaviour.",
        "94.5%",
    ),
    # Panel paper, Appendix A 11: 28.7% linked outcomes in Kent; 22.2% across all forces.
    (
        "national-rate-as-kents",
        "Kent's linked outcome rate for stop and search was 22.2%.",
        "28.7%",
    ),
    # Panel paper, Appendix A 8: "arrests ... in 97% of those reviewed, 84% of investigations were
    # judged to be effective".
    (
        "vsa-neighbouring-figure",
        "Arrests were made within an appropriate timeframe in 84% of the VSA cases reviewed.",
        "97%",
    ),
    # 2019: 2,686 people "have been wanted for up to six months"; the force manages 2,451 RSOs.
    (
        "wanted-people-as-rsos",
        "At the time of the 2018/19 inspection Kent Police had 2,686 registered sex offenders.",
        "2,451",
    ),
    # 2019 table: "999 calls per 1,000 population ... | Kent rate: 175 | England and Wales rate: 171".
    (
        "national-table-cell-as-kents",
        "Kent received 171 999 calls per 1,000 population in the 12 months ending 30 September 2018.",
        "175",
    ),
    # 2019: "£4.9m in mobile working; £4.2m in multi-media capture".
    ("neighbouring-bullet", "The force invested £4.2m in mobile working.", "£4.9m"),
    # Board minutes: "the establishment was 613 and currently there were 567 on the detective
    # pathway": "detective" is said of both, so "establishment" decides which figure is meant.
    ("establishment-from-pathway", "The Detective Constable establishment was 567.", "613"),
    # Board minutes: "since the inspection, an additional 69 officers had gone into Local
    # Policing": "since" runs from the inspection to the minutes' date.
    (
        "since-the-inspection",
        "Since the 2021/22 inspection a further 59 officers have gone into Local Policing.",
        "69",
    ),
    # 2024 board paper: victims "often waiting at least two years to reach trial".
    (
        "bounded-wait",
        "Rape victims often wait up to two years to reach trial.",
        "at least two years",
    ),
    # 2019 report: "engaged with more than 100 communities" and "redirect 100 officers and 80
    # staff": the same number counting other things bears nothing out.
    (
        "count-of-other-things",
        "After the New Horizon review more than 100 officers and 80 staff moved into local "
        "policing posts.",
        "100",
    ),
    # autumn 2024 paper: "eight recommendations, five of which are for forces to address".
    (
        "all-for-five-of-which",
        "Every one of the eight ASB report recommendations is for forces to address.",
        "eight",
    ),
    # October 2022 minutes: 101 calls "marginally decreased in the last quarter by 2,103".
    ("sharp-for-marginal", "Calls to 101 fell sharply in the last quarter, by 2,103.", "2,103"),
]

NOT_FOUND = [
    ("another-force-surrey", "Surrey Police answered 91% of 999 calls within 10 seconds in 2023."),
    ("another-force-essex", "Essex Police recorded 5,000 stop and searches in 2022."),
    ("uncovered-year", "Kent's 101 abandonment rate was 15% in 2012."),
    ("unreported-measure", "Kent Police employs 120 drone pilots."),
    ("unreported-road-deaths", "Kent's road deaths fell by 6% in 2020."),
    ("unreported-assaults", "Kent recorded 14 assaults on police officers in March 2023."),
    # the minutes give 999 attrition ("just over 1%"), a level, never how much call volume rose
    ("change-against-level", "Kent's 999 call volume rose by 6% in 2022."),
]

MIXED = (
    "Kent Police manages 2,451 registered sex offenders living in the county. "
    "In 2018 the number of domestic violence protection orders obtained by Kent was 237. "
    "Arrests were made within an appropriate timeframe in 84% of the VSA cases reviewed. "
    "Surrey Police answered 91% of 999 calls within 10 seconds in 2023."
)


def check(engine: Engine, text: str) -> CheckReport:
    """As the engine will call it."""
    return check_text(
        text,
        lambda q: engine.search(q, k=10),
        engine._documents,
        engine.index.data.texts,
        engine._idf,
    )


def verdict(report: CheckReport) -> str:
    """The text's overall verdict: its worst claim's."""
    return min((c.verdict for c in report.claims), key=SEVERITY.__getitem__, default="not_found")


def expected(report: CheckReport) -> list[str]:
    return [e for c in report.claims for e in c.expected]


@pytest.mark.parametrize(("text",), [(t,) for _, t in SUPPORTED], ids=[i for i, _ in SUPPORTED])
def test_supported(engine: Engine, text: str) -> None:
    report = check(engine, text)
    assert verdict(report) == "supported", [(c.verdict, c.explanation) for c in report.claims]


@pytest.mark.parametrize(
    ("text", "source_figure"),
    [(t, e) for _, t, e in CONTRADICTED],
    ids=[i for i, _, _ in CONTRADICTED],
)
def test_contradicted(engine: Engine, text: str, source_figure: str) -> None:
    report = check(engine, text)
    assert verdict(report) == "contradicted", [(c.verdict, c.explanation) for c in report.claims]


@pytest.mark.parametrize(
    ("text", "source_figure"),
    [(t, e) for _, t, e in CONTRADICTED],
    ids=[i for i, _, _ in CONTRADICTED],
)
def test_contradicted_gives_the_source_figure(
    engine: Engine, text: str, source_figure: str
) -> None:
    report = check(engine, text)
    assert source_figure in expected(report), [(c.expected, c.explanation) for c in report.claims]


@pytest.mark.parametrize(("text",), [(t,) for _, t in NOT_FOUND], ids=[i for i, _ in NOT_FOUND])
def test_not_found(engine: Engine, text: str) -> None:
    report = check(engine, text)
    assert verdict(report) == "not_found", [(c.verdict, c.explanation) for c in report.claims]


def test_wrong_period_says_which_period_the_figure_belongs_to(engine: Engine) -> None:
    report = check(
        engine, "In March 2023 the force answered 84.5% of emergency calls within 10 seconds."
    )
    assert "December 2023" in report.claims[0].explanation, report.claims[0].explanation


def test_wrong_measure_quotes_where_the_number_belongs(engine: Engine) -> None:
    report = check(
        engine, "90.3% of staff agreed that their line manager challenged discriminatory behaviour."
    )
    assert "inclusive working environment" in report.claims[0].explanation, report.claims[
        0
    ].explanation


def test_other_force_is_named_in_the_explanation(engine: Engine) -> None:
    report = check(engine, "Surrey Police answered 91% of 999 calls within 10 seconds in 2023.")
    assert "Surrey" in report.claims[0].explanation, report.claims[0].explanation


def test_mixed_paragraph_gives_each_sentence_its_own_verdict(engine: Engine) -> None:
    report = check(engine, MIXED)
    assert [c.verdict for c in report.claims] == [
        "supported",
        "contradicted",
        "contradicted",
        "not_found",
    ]


def test_mixed_paragraph_claims_are_its_sentences(engine: Engine) -> None:
    report = check(engine, MIXED)
    assert [MIXED[c.start : c.end] for c in report.claims] == [
        s.strip() + "." for s in MIXED.split(".")[:4]
    ]


def test_sentence_with_figures_of_different_verdicts_is_split_into_clauses(engine: Engine) -> None:
    # Appendix A 20: 84.5% is the rolling year to December 2023; 12.7% is 101 attrition for it.
    text = (
        "In the rolling year to December 2023 Kent answered 84.5% of 999 calls within 10 seconds, "
        "and 101 attrition was 21.7%."
    )
    report = check(engine, text)
    assert [(c.figures, c.verdict) for c in report.claims] == [
        (("84.5%",), "supported"),
        (("21.7%",), "contradicted"),
    ]


def test_threshold_in_the_measure_is_not_a_claimed_figure(engine: Engine) -> None:
    report = check(
        engine, "In March 2023 the force answered 84.5% of emergency calls within 10 seconds."
    )
    assert [c.figures for c in report.claims] == [("84.5%",)]


def test_text_without_figures_grades_or_dates_has_no_claims(engine: Engine) -> None:
    report = check(engine, "The force works with its partners to protect vulnerable people.")
    assert report.claims == ()


def test_a_grade_without_figures_is_a_claim(engine: Engine) -> None:
    # the 2024 panel paper: Kent the only force graded good for protecting vulnerable people
    report = check(engine, "The force was graded good at protecting vulnerable people.")
    assert [(c.figures, c.verdict) for c in report.claims] == [(("good",), "supported")]


def test_no_retrieved_passage_means_not_found(engine: Engine) -> None:
    report = check_text(
        "Kent answered 84.5% of 999 calls.",
        lambda q: [],
        engine._documents,
        engine.index.data.texts,
        engine._idf,
    )
    assert [c.verdict for c in report.claims] == ["not_found"]


def json_claims(engine: Engine, text: str) -> list[dict[str, object]]:
    claims = check_to_json(check(engine, text))["claims"]
    assert isinstance(claims, list)
    return claims


def test_json_claim_fields(engine: Engine) -> None:
    fields = {
        "text",
        "figures",
        "stated_figures",
        "verdict",
        "expected",
        "evidence",
        "explanation",
    }
    assert [set(c) for c in json_claims(engine, MIXED)] == [fields] * 4


def test_json_verdicts_and_expected(engine: Engine) -> None:
    claims = json_claims(engine, MIXED)
    assert [(c["verdict"], c["expected"]) for c in claims] == [
        ("supported", []),
        ("contradicted", ["156"]),
        ("contradicted", ["97%"]),
        ("not_found", []),
    ]


def test_json_evidence_is_ask_citations(engine: Engine) -> None:
    evidence = [e for c in json_claims(engine, MIXED) for e in c["evidence"]]  # type: ignore[attr-defined]
    assert evidence and all(set(e) == CITATION_FIELDS for e in evidence)


def test_evidence_quote_is_the_document_text_at_its_span(engine: Engine) -> None:
    report = check(engine, MIXED)
    texts = engine.index.data.texts
    quotes = [
        (e.quote, texts[e.chunk.doc_id][e.start : e.end]) for c in report.claims for e in c.evidence
    ]
    assert quotes and all(quote == located for quote, located in quotes)


def test_supported_evidence_quotes_the_figure(engine: Engine) -> None:
    report = check(
        engine, "Kent Police manages 2,451 registered sex offenders living in the county."
    )
    assert "2,451" in report.claims[0].evidence[0].quote


def test_contradicted_evidence_quotes_the_source_figure(engine: Engine) -> None:
    report = check(
        engine, "In March 2023 the force answered 84.5% of emergency calls within 10 seconds."
    )
    assert any("69.4%" in e.quote for e in report.claims[0].evidence)


def test_render_has_one_block_per_claim(engine: Engine) -> None:
    text = render_check(check(engine, MIXED))
    assert [block.split("]")[0] for block in text.split("\n\n")] == [
        "[SUPPORTED",
        "[CONTRADICTED",
        "[CONTRADICTED",
        "[NOT FOUND",
    ]


# The traps of issue 9, each written from the source sentence quoted beside it.
TRAPS = [
    # Panel paper Appendix A 6: "HMICFRS have agreed to close 14 of the 19 AFIs issued from PEEL 2021/22."
    (
        "part",
        "HMICFRS agreed to close 15 of the 19 PEEL 2021/22 AFIs.",
        "contradicted",
        "14 of the 19",
    ),
    # Panel paper 20: "in recent months, 101 call attrition has been less than 3%."
    (
        "qualifier-dropped",
        "Recently, 101 call attrition has been 3%.",
        "contradicted",
        "less than 3%",
    ),
    (
        "qualifier-kept",
        "Recently, 101 call attrition has been under 3%.",
        "supported",
        "less than 3%",
    ),
    # Appendix A 14: "Mental health incidents continue to rise ... at 28,945 an increase of 4.5%."
    (
        "direction",
        "In the rolling year to December 2023 mental health incidents fell by 4.5%.",
        "contradicted",
        "rose",
    ),
    # Board minutes: "April to September 2020 ... 25 minutes 13 seconds; 2021 was 20 minutes 33 seconds"
    (
        "several-periods",
        "In 2021 the average response time was 25 minutes 13 seconds.",
        "contradicted",
        "2020",
    ),
    # Appendix A 11: "... higher than the linked outcome rate across all forces in England and Wales at 22.2%"
    (
        "comparator",
        "The linked outcome rate of Kent's stop and searches was 22.2%.",
        "contradicted",
        "28.7%",
    ),
    # Appendix A 20: "shows the force answering 84.5% of calls in 10 seconds."
    (
        "threshold",
        "In the rolling year to December 2023 Kent answered 84.5% of 999 calls within 20 seconds.",
        "contradicted",
        "10 seconds",
    ),
    (
        "subject",
        "Cumbria Constabulary closed 14 of the 19 AFIs from PEEL 2021/22.",
        "not_found",
        "Kent Police",
    ),
]


@pytest.mark.parametrize(
    ("text", "verdict", "named"), [t[1:] for t in TRAPS], ids=[t[0] for t in TRAPS]
)
def test_trap_verdict(engine: Engine, text: str, verdict: str, named: str) -> None:
    (claim,) = check(engine, text).claims
    assert claim.verdict == verdict, claim.explanation


@pytest.mark.parametrize(
    ("text", "verdict", "named"), [t[1:] for t in TRAPS], ids=[t[0] for t in TRAPS]
)
def test_trap_explanation_names_what_differs(
    engine: Engine, text: str, verdict: str, named: str
) -> None:
    (claim,) = check(engine, text).claims
    assert named in claim.explanation, claim.explanation


def test_contradiction_quotes_the_source(engine: Engine) -> None:
    (claim,) = check(engine, "Recently, 101 call attrition has been 3%.").claims
    assert "“in recent months, 101 call attrition has been less than 3%" in claim.explanation


def test_json_keeps_the_claims_qualifier(engine: Engine) -> None:
    (claim,) = json_claims(engine, "Recently, 101 call attrition has been under 3%.")
    assert (claim["figures"], claim["stated_figures"]) == (["3%"], ["under 3%"])


def test_figure_from_a_several_period_sentence_needs_the_claims_period(engine: Engine) -> None:
    # Board minutes: "April to September 2020 ... 25 minutes 13 seconds; 2021 was 20 minutes 33
    # seconds; and 2022 was 21 minutes 24 seconds."
    (claim,) = check(engine, "Kent's average response time was 21 minutes 24 seconds.").claims
    assert (claim.verdict, "2022" in claim.explanation) == ("not_found", True), claim.explanation


@pytest.mark.parametrize(
    ("sentence", "phrase", "national"),
    [
        # Home Office 999 tables, own words
        (
            "Across all forces, 71% of 999 calls were answered within 10 seconds.",
            "71% of 999 calls were answered within 10 seconds.",
            True,
        ),
        (
            "In England and Wales, 71% of emergency calls met the standard.",
            "71% of emergency calls met the standard.",
            True,
        ),
        (
            "Across all forces, Essex answered 88% of 999 calls within 10 seconds.",
            "Essex answered 88% of 999 calls within 10 seconds.",
            False,
        ),
        ("Kent answered 84.5% of calls in 10 seconds.", "Kent answered 84.5% of calls", False),
    ],
)
def test_a_national_lead_in_makes_the_figure_a_comparator(
    sentence: str, phrase: str, national: bool
) -> None:
    assert figure_scope(sentence, sentence, phrase).comparator is national

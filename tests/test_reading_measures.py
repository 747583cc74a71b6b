"""What measure a figure is about, read from sentences of the corpora, and which measure a claim fits.

Sentences are quoted from `corpus/` and `eval/forces/corpus/` (the team's own wording of
public reports). One figure per case; the expected words are the stems a reader would
say name what that figure counts.
"""

from __future__ import annotations

import pytest

from assistant.lexical import lexical_tokens
from assistant.reading.clauses import claimed_figures, figure_clauses
from assistant.reading.measures import fits_better, measure_words, statistic, telling_words


def measure(sentence: str, figure: str) -> frozenset[str]:
    figures = claimed_figures(sentence)
    clauses = dict(zip((f.text for f in figures), figure_clauses(sentence, figures), strict=True))
    found = {f.text: f for f in figures}
    assert figure in found, f"expected {figure!r} among {list(found)}"
    return measure_words(sentence, clauses[figure], found[figure])


def stems(words: str) -> frozenset[str]:
    return frozenset(lexical_tokens(words))


@pytest.mark.parametrize(
    ("sentence", "figure", "words"),
    [
        # Norfolk crime data integrity summary: the whole and its violent crime subgroup
        (
            "The inspectors estimate that the force records 87.5 percent of the crimes reported "
            "to it (confidence interval plus or minus 1.81 percent).",
            "87.5 percent",
            "records crimes",
        ),
        (
            "The recording rate for violent crime is only 82.3 percent (confidence interval plus "
            "or minus 2.88 percent), and many of the violent crimes that go unrecorded are "
            "domestic abuse.",
            "82.3 percent",
            "recording violent crime",
        ),
        # West Midlands PCC release: answered in time vs abandoned
        (
            "In May 2022 West Midlands Police managed only 47 per cent inside that time, callers "
            "waited 42 seconds on average, and 8.4 per cent of 999 calls were abandoned before "
            "they were answered.",
            "8.4 per cent",
            "999 calls abandoned answered",
        ),
        # Panel paper: one figure per clause of a shared sentence
        (
            "victim contracts adhered to in 94.2% of cases reviewed and 89.8% of cases reviewed "
            "were judged to provide a good level of service in line with VCOP",
            "94.2%",
            "victim contracts adhered cases reviewed",
        ),
        # Panel paper: the period and its framing are not the measure
        (
            "Current performance reflects the improvements made with rolling year to December "
            "2023 reporting an attrition rate of 12.7%.",
            "12.7%",
            "attrition",
        ),
        # 2019 report: a bracketed figure takes its measure from before the bracket
        (
            "The force has been reducing its use of RUI in domestic abuse cases (down from 24.21 "
            "percent in the first quarter of 2017/18 to 21.52 percent in the fourth quarter).",
            "24.21 percent",
            "RUI domestic abuse cases",
        ),
        # Surrey note: the 101 line's abandonment, not the 999 answering
        (
            "At the inspection it answered 77 per cent of 999 calls within 10 seconds against the "
            "national target of 90 per cent, and 47 per cent of calls to its 101 line were "
            "abandoned.",
            "47 per cent",
            "calls 101 line abandoned",
        ),
        # PDB minutes: a bare figure continuing the one before names no measure of its own
        (
            "the Force used to average about 100 high appointment CADS a month that were "
            "responded to in under a couple of hours; it was now nearly 300.",
            "300",
            "",
        ),
    ],
)
def test_measure_words(sentence: str, figure: str, words: str) -> None:
    assert measure(sentence, figure) == stems(words)


@pytest.mark.parametrize(
    ("own", "other", "telling"),
    [
        ("recording violent crime", "records crimes", "violent"),
        ("records crimes", "recording violent crime", ""),  # the whole: nothing sets it apart
        ("999 calls abandoned", "managed inside", ""),  # no shared word: not neighbours
        ("calls 101 line abandoned", "answered 999 calls", "101 line abandoned"),
    ],
)
def test_telling_words(own: str, other: str, telling: str) -> None:
    assert telling_words(stems(own), stems(other)) == stems(telling)


@pytest.mark.parametrize(
    ("claim", "found", "other", "better"),
    [
        # fc037: a figure of the violent crime subgroup claimed for all crimes
        ("Norfolk records 82.3 percent of all crimes reported to it", "record violent crime",
         "record crime", True),
        # the reverse: the whole's figure claimed for the subgroup
        ("Norfolk's recording rate for violent crime was 87.5 percent", "record crime",
         "record violent crime", True),
        # the subgroup's figure claimed for the subgroup
        ("Norfolk records 82.3 percent of violent crimes", "record violent crime",
         "record crime", False),
        # the whole's figure claimed for the whole
        ("HMICFRS estimated that Norfolk records 87.5 percent of the crimes reported to it",
         "record crime", "record violent crime", False),
        # neither measure's telling words: a paraphrase, left to the figures
        ("Norfolk's crime recording was 87.5 percent", "record crime report",
         "record violent crime", False),
        # measures sharing no word are not neighbours
        ("8.4 per cent of 999 calls were abandoned", "999 call abandon", "manag insid", False),
    ],
)  # fmt: skip
def test_fits_better(claim: str, found: str, other: str, better: bool) -> None:
    assert fits_better(stems(claim), stems(found), stems(other)) is better


@pytest.mark.parametrize(
    ("claim", "found", "other", "better"),
    [
        # c471: figures listed after one lead-in, sharing no measure word; the claim names
        # the sibling's group and nothing of the found figure's
        ("An ELP was considered in 59.4% of rape investigations", "pursu deem domestic abuse",
         "rape investigations", True),
        ("An ELP was considered in 59.4% of domestic abuse cases", "pursu deem domestic abuse",
         "rape investigations", False),
        # c011: a part of the figure before it; the claim names the found figure's own word
        ("The report made 27 recommendations, 14 of them for chief constables",
         "recommendations", "chief constables", False),
        # c373: a bare figure continues its neighbour and is no listed measure
        ("where it used to average about 100", "high appointment cads dealt", "", False),
    ],
)  # fmt: skip
def test_fits_better_among_listed_figures(claim: str, found: str, other: str, better: bool) -> None:
    assert fits_better(stems(claim), stems(found), stems(other), listed=True) is better


@pytest.mark.parametrize(
    ("sentence", "figure", "words"),
    [
        # 2019 report's spend table, as the chunker writes a row: its label names the measure,
        # and its cell's header is a lead-in
        ("Visible frontline | Kent spend: £56 | England and Wales spend: £65", "£56",
         "visible frontline"),
        ("Non-visible frontline | Kent spend: £58 | England and Wales spend: £62", "£58",
         "non visible frontline"),
        # a row whose label is a figure names nothing more
        ("2021 | 20 minutes 33 seconds", "20 minutes 33 seconds", ""),
    ],
)  # fmt: skip
def test_a_table_rows_label_names_its_cells_measure(sentence: str, figure: str, words: str) -> None:
    assert measure(sentence, figure) == stems(words)


@pytest.mark.parametrize(
    ("clause", "named"),
    [
        # Lancashire 101 news, own words
        ("Median wait for a 101 call to be answered: around 2 seconds", "median"),
        ("answered emergency calls in an average of 6.42 seconds", "average"),
        ("got slower at answering 999 calls, averaging 6.42 seconds", "average"),
        ("the median was 2 seconds and the average 9 seconds", None),  # both: not one
        ("answered 84.5% of calls in 10 seconds", None),
    ],
)
def test_statistic(clause: str, named: str | None) -> None:
    assert statistic(clause) == named


@pytest.mark.parametrize(
    ("sentence", "shared"),
    [
        # A range's bounds are one measure's: one clause.
        ("Each officer has responsibility for between 36 and 70 individual RSOs.", True),
        ("Waits ranged from 4 to 8 seconds.", True),
        # Two figures joined by "and" with no range: two clauses.
        ("The establishment was 613 and there were 567 on the pathway.", False),
        # "from X in a year to Y": two periods, two clauses.
        ("The rate fell from 18 percent in 2017, to the current 7 percent.", False),
    ],
)
def test_a_range_is_one_clause(sentence: str, shared: bool) -> None:
    figures = claimed_figures(sentence)
    assert len(figures) == 2, figures
    clauses = figure_clauses(sentence, figures)
    assert (clauses[0] == clauses[1]) is shared, clauses

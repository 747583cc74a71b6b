"""The band a figure counts within, read from sentences of the corpora and of public reports.

Sentences are the corpora's (the team's own wording of public reports) or written here from
the facts of public 999 answering tables; a band is the interval of the bounding quantity in
seconds (or the denominator of a rate), so "within 60 seconds" and "longer than 60 seconds"
differ though they name one number.
"""

from __future__ import annotations

import math

import pytest

from assistant.reading.bands import Band, band_differences, clause_bands
from assistant.reading.clauses import claimed_figures


@pytest.mark.parametrize(
    ("clause", "bands"),
    [
        # Dorset news (eval/forces/corpus): three bands of one table
        ("Over that period 63 per cent of 999 calls to Dorset Police were answered in less "
         "than ten seconds.", [(0.0, 10.0, "seconds")]),
        ("A further 32 per cent of the force's emergency calls were answered between ten and "
         "60 seconds", [(10.0, 60.0, "seconds")]),
        ("and five per cent took longer than 60 seconds.", [(60.0, math.inf, "seconds")]),
        # Panel paper: the BCP standard
        ("shows the force answering 84.5% of calls in 10 seconds", [(0.0, 10.0, "seconds")]),
        # 999 table wording: minutes scale the lower bound too
        ("4% of calls waited between two and five minutes", [(120.0, 300.0, "seconds")]),
        # 2019 report's crime rate table: a rate's denominator
        ("Kent recorded 108 crimes per 1,000 population", [(1000.0, 1000.0, "per")]),
        # a plain level names no band
        ("the force recorded 77.7% of the crimes reported to it", []),
    ],
)  # fmt: skip
def test_clause_bands(clause: str, bands: list[tuple[float, float, str]]) -> None:
    assert [(b.low, b.high, b.unit) for b in clause_bands(clause)] == bands


@pytest.mark.parametrize(
    ("claim", "source", "differs"),
    [
        ("took longer than 60 seconds", "answered between ten and 60 seconds", True),
        ("answered within 60 seconds", "took longer than 60 seconds", True),
        ("answered within 10 seconds", "answered in under ten seconds", False),
        ("answered within 10 seconds", "answered within 15 seconds", True),
        ("crimes per 1,000 population", "crimes per 100,000 population", True),
        ("answered within 10 seconds", "the force recorded 77.7%", False),  # no band: not compared
    ],
)
def test_band_differences(claim: str, source: str, differs: bool) -> None:
    assert bool(band_differences(clause_bands(claim), clause_bands(source))) is differs


def test_band_difference_names_both_bands() -> None:
    (note,) = band_differences(
        (Band(60.0, math.inf, "seconds", "longer than 60 seconds"),),
        (Band(10.0, 60.0, "seconds", "between ten and 60 seconds"),),
    )
    assert note == "the source counts between ten and 60 seconds, not longer than 60 seconds"


@pytest.mark.parametrize(
    ("sentence", "claimed"),
    [
        ("In the first national 999 figures, 32 per cent of Dorset's emergency calls took "
         "longer than 60 seconds to answer.", ["32 per cent"]),
        ("A further 32 per cent of the force's emergency calls were answered between ten and "
         "60 seconds, and five per cent took longer than 60 seconds.",
         ["32 per cent", "five per cent"]),
    ],
)  # fmt: skip
def test_a_band_bound_is_not_claimed(sentence: str, claimed: list[str]) -> None:
    assert [f.text for f in claimed_figures(sentence)] == claimed

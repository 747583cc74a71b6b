"""embed.batch_threads: how many threads a batch of documents is embedded on."""

from __future__ import annotations

import pytest

from assistant.embed import batch_threads


@pytest.mark.parametrize(
    ("omp_setting", "cores", "threads"),
    [
        # the environment's setting wins: the test suite and shared machines set 1
        ("1", 2, 1),
        ("4", 2, 4),
        (" 2 ", 8, 2),
        # unset, empty or not a positive whole number: every core
        (None, 2, 2),
        ("", 8, 8),
        ("0", 2, 2),
        ("two", 2, 2),
        ("-1", 2, 2),
        # no core count known: one
        (None, None, 1),
    ],
)
def test_batch_threads(omp_setting: str | None, cores: int | None, threads: int) -> None:
    assert batch_threads(omp_setting, cores) == threads

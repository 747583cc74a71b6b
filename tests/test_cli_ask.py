"""The `assistant ask` and `assistant bench` commands, run as a user runs them."""

from __future__ import annotations

import json

from conftest import RunCli

from assistant.config import Settings


def test_batch_json_prints_one_object_per_question_in_order(
    built_index: Settings, run_cli: RunCli
) -> None:
    questions = (
        "What was Kent's 101 abandonment rate?\nWhat was Essex Police's 101 abandonment rate?\n"
    )
    result = run_cli(built_index, "ask", "--json", "--batch", "-", stdin=questions)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["question"] for line in lines] == questions.splitlines()
    assert lines[0]["abstained"] is False and any(f["text"] == "33.4%" for f in lines[0]["figures"])
    assert lines[1]["abstained"] is True, "an abstention is a handled question (exit 0)"


def test_readable_answer_has_numbered_sources(built_index: Settings, run_cli: RunCli) -> None:
    result = run_cli(
        built_index, "ask", "How many case files did the victim service assessment review in 2023?"
    )
    assert result.returncode == 0, result.stderr
    assert "116 case files" in result.stdout
    assert "Sources:" in result.stdout and "[1] " in result.stdout


def test_bench_prints_percentiles_by_stage_and_the_embedding_floor(
    built_index: Settings, run_cli: RunCli
) -> None:
    result = run_cli(built_index, "bench", "--rounds", "1")
    assert result.returncode == 0, result.stderr
    for stage in ("retrieve", "answer", "verify", "total", "embed only"):
        assert any(line.startswith(stage) for line in result.stdout.splitlines()), result.stdout
    assert "p50" in result.stdout and "p95" in result.stdout

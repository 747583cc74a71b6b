"""assistant/engine.py, batch plumbing: a draft's claims are read once and encoded in one batch,
and `ask --batch` embeds questions of one length together; reports and answers are those of
one at a time. On the session's real index and model."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import assistant.engine as engine_module
from assistant.answer import answer_to_json
from assistant.bench_scale import CHECK_DRAFT
from assistant.check import check_text, check_to_json
from assistant.engine import CHECK_DEPTH, Engine
from assistant.glossary import expand_query
from assistant.scorer import load_scorer
from assistant.types import Answer

GOLD = Path(__file__).resolve().parent.parent / "eval" / "gold.jsonl"

DRAFT = (
    "In 2017 the force's 101 abandonment rate was over 18 percent. "
    "The inspection found that 33.4% of 101 calls were abandoned in March 2023. "
    "Officers answered 84.5% of 999 calls within 10 seconds."
)


class Counting:
    """The real embedder, with its calls counted by method."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.inner, name)
        if not callable(value):
            return value

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] = self.calls.get(name, 0) + 1
            return value(*args, **kwargs)

        return counted


@pytest.fixture
def counted(engine: Engine) -> Iterator[tuple[Engine, Counting]]:
    twin = engine.using(engine.scorer)
    spy = Counting(engine.embedder)
    twin.embedder = spy  # type: ignore[assignment]
    yield twin, spy


def spied(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[str]:
    """Record each call of a module's function (still run for real) by its text argument."""
    real: Callable[..., Any] = getattr(module, name)
    seen: list[str] = []

    def recording(text: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(module, name, recording)
    return seen


def test_check_reads_the_claims_once(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.check as check_module

    reads = spied(monkeypatch, engine_module, "claim_sentences")
    again = spied(monkeypatch, check_module, "claim_sentences")
    engine.check(DRAFT)
    assert (len(reads), len(again)) == (1, 0), (
        f"the engine reads the draft's claims once and the check reuses them: {reads}, {again}"
    )


def test_check_encodes_every_claim_in_one_batch(counted: tuple[Engine, Counting]) -> None:
    twin, spy = counted
    twin.check(CHECK_DRAFT)
    assert spy.calls == {"embed_queries": 1}, (
        f"ten claims' queries go through the model in one call: {spy.calls}"
    )


@pytest.mark.parametrize("draft", [DRAFT, CHECK_DRAFT])
def test_batched_check_gives_the_one_by_one_report(engine: Engine, draft: str) -> None:
    one_by_one = check_text(
        draft,
        lambda q: engine.search(q, CHECK_DEPTH),
        engine._documents,
        engine.index.data.texts,
        engine._idf,
    )
    assert check_to_json(engine.check(draft)) == check_to_json(one_by_one), (
        "batching the searches changes no verdict, figure or explanation"
    )


def test_single_query_is_encoded_as_search_encodes_it(engine: Engine) -> None:
    text = "What was the 101 abandonment rate in 2023?"
    batched = engine._encode([text])[0]
    assert np.array_equal(batched, engine.embedder.embed_query(expand_query(text))), (
        "a lone query's vector is bit for bit the one `search` uses"
    )


def gold_questions(count: int) -> list[str]:
    rows = (json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line)
    return [row["question"] for row in rows][:count]


def without_timings(answer: Answer, engine: Engine) -> dict[str, object]:
    shown = answer_to_json(answer, engine.source_paths)
    shown.pop("timings_ms")
    return shown


def test_questions_of_one_length_are_encoded_together(counted: tuple[Engine, Counting]) -> None:
    twin, spy = counted
    encoded = twin._encode_alike(gold_questions(24))
    assert spy.calls.get("embed_queries", 0) >= 1 and len(encoded) >= 2, (
        f"some of 24 gold questions share a length and go through the model together: {spy.calls}"
    )
    assert all(
        np.array_equal(vector, twin.embedder.embed_query(expand_query(text)))
        for text, vector in encoded.items()
    ), "each vector is bit for bit the one `ask` would embed on its own"


def test_batch_answers_equal_one_by_one_answers(engine: Engine) -> None:
    questions = gold_questions(12)
    batch = engine.ask_many(questions)
    alone = [engine.ask(question) for question in questions]
    assert [without_timings(a, engine) for a in batch] == [
        without_timings(a, engine) for a in alone
    ], "`ask --batch` answers every question exactly as `ask` does"


def test_a_remembering_engine_embeds_a_question_once_for_every_scorer(
    counted: tuple[Engine, Counting],
) -> None:
    twin, spy = counted
    remembering = twin.remembering()
    other = remembering.using(load_scorer()[1][0].scorer)
    question = "What was the 101 abandonment rate in March 2023?"
    remembering.ask(question)
    other.ask(question)
    assert spy.calls.get("embed_query", 0) == 1, spy.calls


def test_a_remembering_engine_answers_as_each_scorer_does_alone(engine: Engine) -> None:
    """Only the reading and the evidence are kept: a fold's scorer re-scores them, so its
    answers are those it gives on a fresh engine, question after question."""
    folds = load_scorer()[1]
    remembering = engine.remembering()
    twins = [remembering.using(fold.scorer) for fold in folds[:2]]
    for question in gold_questions(10):
        for twin, fold in zip(twins, folds[:2], strict=True):
            assert without_timings(twin.ask(question), engine) == without_timings(
                engine.using(fold.scorer).ask(question), engine
            ), question
        assert without_timings(remembering.ask(question), engine) == without_timings(
            engine.ask(question), engine
        ), question

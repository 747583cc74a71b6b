"""Fusion, filters and diversity of retrieval."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.engine import Engine
from assistant.glossary import expand_query, expansions
from assistant.lexical import lexical_tokens
from assistant.retrieve import (
    COVERAGE_SHARE,
    Filters,
    allowed_mask,
    diversify,
    fuse_convex,
    fuse_rrf,
    fuse_weighted,
    question_tokens,
    top_k,
)
from assistant.types import DocumentInfo


def test_rrf_adds_reciprocal_ranks() -> None:
    fused = dict(fuse_rrf([[1, 2], [2, 3]], k=60))
    assert fused[2] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[1] == pytest.approx(1 / 61)


def test_convex_fusion_keeps_a_clear_lexical_winner_first() -> None:
    dense = {1: 0.60, 2: 0.58, 3: 0.10}
    lexical = {3: 30.0, 2: 5.0, 1: 4.0}
    assert fuse_convex(dense, lexical, dense_weight=0.4)[0][0] == 3


@pytest.mark.parametrize(
    ("lists", "expected"),
    [
        # scaled within each list: 1 tops the first, 2 the second, 3 is bottom of both
        (
            [({1: 0.9, 2: 0.5, 3: 0.1}, 1.0), ({2: 9.0, 1: 5.0, 3: 1.0}, 1.0)],
            {1: 0.75, 2: 0.75, 3: 0.0},
        ),
        # an item a list does not hold scores 0 there
        ([({1: 0.9, 2: 0.1}, 1.0), ({3: 4.0, 1: 2.0}, 3.0)], {1: 0.25, 2: 0.0, 3: 0.75}),
        # a weight of 0 leaves a list out, though its items stay candidates
        ([({1: 0.9, 2: 0.1}, 1.0), ({2: 4.0, 3: 2.0}, 0.0)], {1: 1.0, 2: 0.0, 3: 0.0}),
    ],
)
def test_weighted_fusion_of_scaled_lists(
    lists: list[tuple[dict[int, float], float]], expected: dict[int, float]
) -> None:
    assert dict(fuse_weighted(lists)) == pytest.approx(expected)


def test_weighted_fusion_of_two_lists_is_convex_fusion() -> None:
    dense = {1: 0.60, 2: 0.58, 3: 0.10}
    lexical = {3: 30.0, 2: 5.0, 1: 4.0}
    assert fuse_weighted([(dense, 0.4), (lexical, 1.0)]) == fuse_convex(dense, lexical, 0.4)


@pytest.mark.parametrize(
    ("question", "word", "times"),
    [
        ("How many DVPOs were granted?", "dvpos", 2),  # the topic: twice
        ("How many DVPOs were granted?", "domest", 1),  # its glossary long form: once
        ("What did the inspection report say about custody?", "custodi", 2),
        ("What did the inspection report say about custody?", "inspect", 1),  # any question's word
        ("What did the inspection report say about custody?", "report", 1),
    ],
)
def test_bm25_query_weighs_topic_words_above_generic_ones(
    question: str, word: str, times: int
) -> None:
    stems = lexical_tokens(word)
    assert question_tokens(question).count(stems[0]) == times


@pytest.mark.parametrize(
    ("other", "picked"),
    [
        (COVERAGE_SHARE * 0.9 + 0.01, [0, 3]),  # near enough the best: document b gets a place
        (COVERAGE_SHARE * 0.9 - 0.01, [0, 1]),  # a weak match takes no place from a's second
    ],
)
def test_diversify_gives_each_document_matching_well_a_place(
    other: float, picked: list[int]
) -> None:
    fused = [(0, 0.9), (1, 0.8), (2, 0.7), (3, other)]
    docs = ["a", "a", "a", "b"]
    vectors = np.eye(4, dtype=np.float32)
    assert [item for item, _ in diversify(fused, docs, vectors, k=2)] == picked


def test_diversify_drops_near_duplicates() -> None:
    fused = [(0, 0.9), (1, 0.8), (2, 0.7)]
    vectors = np.array([[1, 0], [1, 0], [0, 1]], dtype=np.float32)
    picked = [item for item, _ in diversify(fused, ["a", "b", "c"], vectors, k=3)]
    assert 1 not in picked


@pytest.mark.parametrize(
    ("filters", "allowed"),
    [
        (Filters(since="2020"), False),
        (Filters(until="2020"), True),
        (Filters(since="2019-05"), True),
        (Filters(since="2019-05-15"), True),  # a May 2019 report may be from the 31st
        (Filters(kinds=frozenset({"panel paper"})), False),
        (Filters(doc_ids=frozenset({"report"})), True),
    ],
)
def test_filters_on_a_document_dated_may_2019(filters: Filters, allowed: bool) -> None:
    doc = DocumentInfo(
        "report", "corpus/report.txt", "PEEL 2018/19", "2019-05", "inspection report", None, "h"
    )
    assert filters.allows(doc) is allowed


def test_glossary_turns_abandonment_into_attrition() -> None:
    assert "attrition" in expansions("What was Kent's 101 abandonment rate?")
    assert "area for improvement" in expand_query("How many AFIs?")


@pytest.mark.parametrize(
    ("text", "expanded"),
    [
        ("Over a third of Sgts had completed the training", "sergeants"),
        ("two DCs joined the team", "detective constables"),
        ("the PCSO numbers", "police community support officer"),
    ],
)
def test_ranks_as_minutes_abbreviate_them_are_expanded(text: str, expanded: str) -> None:
    assert expanded in expand_query(text)


@pytest.mark.parametrize(
    ("text", "expanded", "not_expanded"),
    [
        ("how often do people give up on the non-emergency line", "abandonment", None),
        ("callers who hung up before anyone answered", "abandoned", None),
        ("how many cops does the force have", "police officers", None),
        ("how long do you wait when you ring 999", "call", None),
        # one way: a question about calls is not widened to rings and phones
        ("how many calls were answered", "answering", "ring"),
    ],
)
def test_everyday_words_are_read_as_the_documents_words(
    text: str, expanded: str, not_expanded: str | None
) -> None:
    found = expansions(text)
    assert expanded in found
    assert not_expanded is None or not_expanded not in found


def test_the_101_question_reaches_both_documents_that_report_it(engine: Engine) -> None:
    docs = {hit.chunk.doc_id for hit in engine.search("What was Kent's 101 abandonment rate?", 10)}
    assert {"2019-05-hmicfrs-peel-2018-19-kent", "2024-02-06-panel-paper-peel-2023-25"} <= docs


def test_document_filter_keeps_to_that_document(engine: Engine) -> None:
    only = frozenset({"2022-10-31-pdb-minutes-peel-improvement-plan"})
    hits = engine.search("response times", 10, Filters(doc_ids=only))
    assert hits and {h.chunk.doc_id for h in hits} == set(only)


def test_date_filter_excludes_older_documents(engine: Engine) -> None:
    hits = engine.search("101 abandonment rate", 10, Filters(since="2024-01-01"))
    assert hits and all(h.chunk.doc_id.startswith("2024") for h in hits)


@pytest.mark.parametrize(
    ("scores", "k"),
    [
        ([3.0, 1.0, 2.0], 2),
        ([1.0, 1.0, 1.0, 1.0], 2),  # ties keep the earlier position
        ([0.5, 2.0, 2.0, 0.5, 2.0], 3),
        ([0.0, -1.0, 4.0], 5),  # k beyond the length
        ([], 3),
        ([2.0, 1.0], 0),
    ],
)
def test_top_k_is_the_head_of_a_stable_sort(scores: list[float], k: int) -> None:
    array = np.asarray(scores, dtype=np.float64)
    expected = np.argsort(-array, kind="stable")[:k]
    assert top_k(array, k).tolist() == expected.tolist()


def test_top_k_on_many_tied_scores() -> None:
    array = np.random.default_rng(3).integers(0, 5, size=2000).astype(np.float64)
    assert top_k(array, 50).tolist() == np.argsort(-array, kind="stable")[:50].tolist()


@pytest.mark.parametrize(
    ("filters", "expected_docs"),
    [
        (Filters(), None),
        (
            Filters(since="2024-01-01"),
            {"2024-02-06-panel-paper-peel-2023-25", "2024-11-pdb-paper-inspections-audits-reviews"},
        ),
        (
            Filters(doc_ids=frozenset({"2022-force-summary-peel-2021-22"})),
            {"2022-force-summary-peel-2021-22"},
        ),
        (Filters(doc_ids=frozenset({"no-such-document"})), set()),
    ],
)
def test_allowed_mask_marks_the_chunks_of_allowed_documents(
    engine: Engine, filters: Filters, expected_docs: set[str] | None
) -> None:
    mask = allowed_mask(engine.index, filters)
    if expected_docs is None:
        assert mask is None, "no filter, no mask"
        return
    marked = {c.doc_id for c, allowed in zip(engine.index.chunks, mask, strict=True) if allowed}
    unmarked = {
        c.doc_id for c, allowed in zip(engine.index.chunks, mask, strict=True) if not allowed
    }
    assert marked == expected_docs and not (unmarked & expected_docs)


def test_batched_search_equals_one_by_one(engine: Engine) -> None:
    questions = ["What was Kent's 101 abandonment rate?", "How many DVPOs were granted?"]
    batched = engine.search_many(questions, 10)
    single = [engine.search(q, 10) for q in questions]
    ids = [[h.chunk.chunk_id for h in hits] for hits in batched]
    assert ids == [[h.chunk.chunk_id for h in hits] for hits in single]


def test_ask_many_answers_as_ask_does(engine: Engine) -> None:
    questions = ["What was Kent's 101 abandonment rate?", "How many DVPOs were granted?"]
    together = [a.text for a in engine.ask_many(questions)]
    assert together == [engine.ask(q).text for q in questions]

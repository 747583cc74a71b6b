"""Dense + lexical retrieval with glossary expansion, score fusion, filters and diversity."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from assistant.best_piece import best_piece_cosines, best_piece_coverage, query_concepts
from assistant.exact_search import SegmentVectors, faiss_threads
from assistant.forces import covers
from assistant.glossary import expansions
from assistant.grade_prior import grade_match
from assistant.index import LoadedIndex
from assistant.lexical import lexical_tokens
from assistant.period_prior import period_match
from assistant.reading.vocabulary import GENERIC_WORDS
from assistant.types import DocumentInfo, Hit

Mode = Literal["hybrid", "dense", "lexical"]
NEAR_DUPLICATE = 0.97
"""Cosine above which a candidate repeats one already chosen (e.g. the same table twice)."""
COVERAGE_DEPTH = 20
"""A document whose best chunk ranks this deep after fusion is given a place in the results."""
COVERAGE_SHARE = 0.25
"""The share of the best fused score a document's chunk needs for that place: in a corpus of
many short documents, twenty documents' weak matches (0.03 beside 0.54) filled every place,
and the best document's second chunk, which held the answer, was never read. Measured on the
tuned-on sets (no floor -> 0.25 -> 0.5): forces hit@5 0.872 -> 0.922 -> 0.931, figure recall
0.800 -> 0.820 -> 0.823, near misses refused 0.424 -> 0.412 -> 0.406; the default corpus's five
documents moved by at most 0.002. The lower floor keeps more documents' answers to one measure
in view, which is what the places are for."""
PIECE_DEPTH = 30
"""Candidates, best first by dense + lexical fusion, whose pieces are read and scored: as deep
as all ~80 found the same gold hit@5 (0.928) at three times the cost."""
GENERIC_STEMS = frozenset(lexical_tokens(GENERIC_WORDS))
"""Words of any question ("how many", "report", "inspection"): in BM25 they count as much as a
glossary synonym, not twice like the user's topic words."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrict retrieval to some documents, kinds, a date range (ISO strings, inclusive), or the
    documents about one force (its canonical name; a document about all forces covers it)."""

    doc_ids: frozenset[str] | None = None
    kinds: frozenset[str] | None = None
    since: str | None = None
    until: str | None = None
    force: str | None = None

    def allows(self, doc: DocumentInfo) -> bool:
        if self.doc_ids is not None and doc.doc_id not in self.doc_ids:
            return False
        if self.kinds is not None and doc.kind not in self.kinds:
            return False
        if self.force is not None and not covers(doc.subjects, self.force):
            return False
        if self.since and (doc.date is None or _date_end(doc.date) < self.since):
            return False
        return not (self.until and (doc.date is None or doc.date > self.until))

    @property
    def active(self) -> bool:
        return any(
            v is not None for v in (self.doc_ids, self.kinds, self.since, self.until, self.force)
        )


def _date_end(date: str) -> str:
    """The last day a partial date can mean: "2019-05" -> "2019-05-31" (for --since)."""
    return date + "-31" if len(date) == 7 else date + "-12-31" if len(date) == 4 else date


def fuse_rrf(
    rankings: Sequence[Sequence[int]], k: int = 60, weights: Sequence[float] | None = None
) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: each list adds weight / (k + rank) to an item's score (rank from 1)."""
    scores: dict[int, float] = {}
    for number, ranking in enumerate(rankings):
        weight = weights[number] if weights else 1.0
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


def fuse_convex(
    dense: dict[int, float], lexical: dict[int, float], dense_weight: float
) -> list[tuple[int, float]]:
    """Weighted sum of scores scaled to [0, 1] within each list (min-max).

    Unlike rank fusion it keeps how far ahead a list's best item is: a passage
    that BM25 scores far above the rest is not overtaken by one that both lists
    rank middling.
    """
    return fuse_weighted([(dense, dense_weight), (lexical, 1.0)])


def fuse_weighted(lists: Sequence[tuple[dict[int, float], float]]) -> list[tuple[int, float]]:
    """`fuse_convex` over any number of (scores, weight) lists; an item missing from a list
    scores 0 there, and the sum is divided by the total weight."""

    def scaled(scores: dict[int, float]) -> dict[int, float]:
        if not scores:
            return {}
        low, high = min(scores.values()), max(scores.values())
        span = (high - low) or 1.0
        return {i: (v - low) / span for i, v in scores.items()}

    scaled_lists = [(scaled(scores), weight) for scores, weight in lists]
    total = sum(weight for _, weight in lists) or 1.0
    items = set().union(*(scores for scores, _ in scaled_lists))
    fused = {i: sum(w * s.get(i, 0.0) for s, w in scaled_lists) / total for i in items}
    return sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))


def diversify(
    fused: list[tuple[int, float]],
    doc_of: Sequence[Hashable] | np.ndarray,
    vectors: np.ndarray,
    k: int,
) -> list[tuple[int, float]]:
    """Top k by fused score, but every document with a chunk in the top COVERAGE_DEPTH scoring
    at least COVERAGE_SHARE of the best gets one, and near-duplicates of a chosen chunk are
    passed over.

    A measure reported by several documents (the 101 rate in 2019 and in 2024)
    then surfaces from each of them rather than k times from one.
    """
    chosen: list[tuple[int, float]] = []
    # every candidate's vector read once, in one call: a row read at a time from the mapped
    # segments cost 40 us each, 2,300 of them a 10-claim check. Each pair is still one dot
    # product (a matrix product rounds differently and could move a cosine across 0.97).
    items = list(dict.fromkeys(item for item, _ in fused))
    rows = dict(zip(items, np.asarray(vectors[np.asarray(items, dtype=np.int64)]), strict=True))

    def duplicate(item: int) -> bool:
        return any(float(rows[item] @ rows[c]) > NEAR_DUPLICATE for c, _ in chosen)

    seen_docs: set[Hashable] = set()
    floor = COVERAGE_SHARE * fused[0][1] if fused else 0.0
    for item, score in fused[:COVERAGE_DEPTH]:
        if score < floor:
            break
        if doc_of[item] not in seen_docs and not duplicate(item):
            seen_docs.add(doc_of[item])
            chosen.append((item, score))
    for item, score in fused:
        if len(chosen) >= k:
            break
        if all(item != c for c, _ in chosen) and not duplicate(item):
            chosen.append((item, score))
    chosen = sorted(chosen, key=lambda pair: -pair[1])
    return chosen[:k]


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k highest scores, best first, ties by position: the first k of a stable
    descending sort, found by partial selection instead of sorting every score."""
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    negated = -scores
    boundary = np.partition(negated, k - 1)[k - 1]
    above = np.flatnonzero(negated < boundary)
    tied = np.flatnonzero(negated == boundary)[: k - len(above)]
    chosen = np.concatenate([above, tied])
    return chosen[np.lexsort((chosen, negated[chosen]))]


def allowed_mask(index: LoadedIndex, filters: Filters | None) -> np.ndarray | None:
    """A boolean per chunk: does its document pass the filters (None when nothing is filtered)."""
    if filters is None or not filters.active:
        return None
    documents = np.fromiter(
        (filters.allows(d) for d in index.data.documents),
        dtype=bool,
        count=len(index.data.documents),
    )
    return documents[index.chunk_doc] if len(documents) else np.zeros(0, dtype=bool)


def allowed_positions(index: LoadedIndex, filters: Filters | None) -> np.ndarray | None:
    mask = allowed_mask(index, filters)
    return None if mask is None else np.flatnonzero(mask)


def dense_search(
    index: LoadedIndex, query_vector: np.ndarray, depth: int, allowed: np.ndarray | None
) -> dict[int, float]:
    """Cosine of the `depth` nearest chunks (among the allowed ones, a boolean mask), best first."""
    return dense_search_many(index, query_vector.reshape(1, -1), depth, allowed)[0]


def dense_search_many(
    index: LoadedIndex, query_vectors: np.ndarray, depth: int, allowed: np.ndarray | None
) -> list[dict[int, float]]:
    """`dense_search` for several queries in one call: exact search over the mapped vectors
    (`SegmentVectors`) or FAISS's HNSW.

    One query runs on one thread, a batch on every core (see `faiss_threads`).
    """
    total = index.faiss_index.ntotal
    count = len(query_vectors)
    allowed_count = total if allowed is None else int(allowed.sum())
    if total == 0 or allowed_count == 0 or count == 0:
        return [{} for _ in range(count)]
    depth = min(depth, allowed_count)
    queries = np.ascontiguousarray(query_vectors, dtype=np.float32)
    if isinstance(index.faiss_index, SegmentVectors):
        scores, ids = index.faiss_index.search(queries, depth, allowed)
    else:
        scores, ids = _faiss_search(index.faiss_index, queries, depth, allowed)
    return [
        {int(i): float(v) for i, v in zip(row_ids, row_scores, strict=True) if i >= 0}
        for row_ids, row_scores in zip(ids, scores, strict=True)
    ]


def _faiss_search(
    dense: Any, queries: np.ndarray, depth: int, allowed: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """A FAISS index's search (HNSW), restricted by an ID selector, one OpenMP thread a query."""
    import faiss

    params = None
    if allowed is not None:
        bits = np.packbits(allowed, bitorder="little")
        selector = faiss.IDSelectorBitmap(len(allowed), faiss.swig_ptr(bits))
        params = (
            faiss.SearchParametersHNSW(  # type: ignore[attr-defined]
                sel=selector, efSearch=dense.hnsw.efSearch
            )
            if hasattr(dense, "hnsw")
            else faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
        )
    with faiss_threads(len(queries)):
        scores, ids = dense.search(queries, depth, params=params)
    return scores, ids


def question_tokens(question: str) -> list[str]:
    """The BM25 query: the user's own topic words count twice; generic question words
    (`GENERIC_STEMS`) and glossary expansions once."""
    own = list(dict.fromkeys(lexical_tokens(question)))
    extra = [
        t for t in dict.fromkeys(lexical_tokens(" ".join(expansions(question)))) if t not in own
    ]
    return own + [t for t in own if t not in GENERIC_STEMS] + extra


def lexical_scores(index: LoadedIndex, question: str, allowed: np.ndarray | None) -> np.ndarray:
    """BM25 score of every chunk (0 where `allowed`, a boolean mask, is false)."""
    tokens = [t for t in question_tokens(question) if t in index.bm25]
    if not tokens or not index.chunks:
        return np.zeros(len(index.chunks))
    scores = np.asarray(index.bm25.scores(tokens), dtype=np.float64)
    if allowed is not None:
        scores[~allowed] = 0.0
    return scores


def lexical_search(
    index: LoadedIndex, question: str, depth: int, allowed: np.ndarray | None
) -> dict[int, float]:
    """BM25 score of the `depth` best chunks with any match, best first."""
    scores = lexical_scores(index, question, allowed)
    matched = np.flatnonzero(scores > 0)
    order = matched[top_k(scores[matched], depth)]
    return {int(i): float(scores[i]) for i in order}


def retrieve(
    index: LoadedIndex,
    query_vector: np.ndarray,
    question: str,
    k: int = 10,
    filters: Filters | None = None,
    depth: int = 50,
    rrf_k: int = 60,
    mode: Mode = "hybrid",
    dense_weight: float = 1.0,
    fusion: str = "convex",
    piece_weight: float = 0.0,
    coverage_weight: float = 0.0,
    period_weight: float = 0.0,
    grade_weight: float = 0.0,
) -> list[Hit]:
    """The k best chunks for a question; `query_vector` is the embedded expanded question."""
    allowed = allowed_mask(index, filters)
    dense = dense_search(index, query_vector, depth, allowed) if mode != "lexical" else {}
    return retrieve_from(
        index,
        dense,
        question,
        k,
        allowed,
        depth,
        rrf_k,
        mode,
        dense_weight,
        fusion,
        query_vector,
        piece_weight,
        coverage_weight,
        period_weight,
        grade_weight,
    )


def retrieve_from(
    index: LoadedIndex,
    dense: dict[int, float],
    question: str,
    k: int = 10,
    allowed: np.ndarray | None = None,
    depth: int = 50,
    rrf_k: int = 60,
    mode: Mode = "hybrid",
    dense_weight: float = 1.0,
    fusion: str = "convex",
    query_vector: np.ndarray | None = None,
    piece_weight: float = 0.0,
    coverage_weight: float = 0.0,
    period_weight: float = 0.0,
    grade_weight: float = 0.0,
) -> list[Hit]:
    """`retrieve` given the dense results already searched (so a batch can search them at once).

    In hybrid mode the candidates of both searches are also scored by their best piece
    (`best_piece`), by meaning (`piece_weight`, given the query vector) and by the question's
    words it holds (`coverage_weight`), and by whether their document is about the years the
    question names (`period_prior`, `period_weight`), and, for a question asking a grade, by
    whether they state a grade for the area it names (`grade_prior`, `grade_weight`); a weight
    of 0 leaves that signal out.
    """
    lexical = lexical_search(index, question, depth, allowed) if mode != "dense" else {}
    lists = [(dense, dense_weight), (lexical, 1.0)]
    if mode == "hybrid" and (piece_weight or coverage_weight):
        candidates = [item for item, _ in fuse_weighted(lists)[:PIECE_DEPTH]]
        if piece_weight and query_vector is not None:
            lists.append((best_piece_cosines(index, candidates, query_vector), piece_weight))
        if coverage_weight:
            concepts = query_concepts(question, index)
            lists.append((best_piece_coverage(index, candidates, concepts), coverage_weight))
    if mode == "hybrid" and (period_weight or grade_weight):
        every = list(dict.fromkeys([*dense, *lexical]))  # both searches' candidates, once each
        if period_weight:
            lists.append((period_match(index, every, question), period_weight))
        if grade_weight:
            lists.append((grade_match(index, every, question), grade_weight))
    if fusion == "rrf":
        rankings = [sorted(scores, key=lambda i: -scores[i]) for scores, _ in lists]
        fused = fuse_rrf(rankings, rrf_k, [weight for _, weight in lists])
    else:
        fused = fuse_weighted(lists)
    picked = (
        diversify(fused, index.chunk_doc, index.data.vectors, k) if mode == "hybrid" else fused[:k]
    )
    dense_rank = {item: rank for rank, item in enumerate(dense, start=1)}
    lexical_rank = {item: rank for rank, item in enumerate(lexical, start=1)}
    # The extra signals reorder; a hit's score stays the dense + lexical fusion, the scale the
    # answer scorer's retrieval_score feature was fitted on (refit before letting it change).
    reported = dict(fuse_weighted(lists[:2])) if len(lists) > 2 and fusion != "rrf" else {}
    return [
        Hit(
            index.chunks[item],
            reported.get(item, score),
            dense_rank.get(item),
            lexical_rank.get(item),
        )
        for item, score in picked
    ]

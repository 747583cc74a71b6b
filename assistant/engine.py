"""One engine, loaded once (model and index), answering many questions; shared by CLI, app and eval.

Its state is read-only after loading and the embedder serialises its own
forward passes, so one Engine is safe to share between threads.
"""

from __future__ import annotations

import bisect
import gc
import time
from pathlib import Path

import numpy as np

from assistant.answer import compose_answer
from assistant.check import CheckReport, check_text, claim_queries
from assistant.chunk import CHUNKER_VERSION
from assistant.config import Settings
from assistant.embed import Embedder, MiniLMEmbedder
from assistant.glossary import expand_query
from assistant.index import LoadedIndex, check_compatible, load_index
from assistant.question import contextualise
from assistant.retrieve import Filters, Mode, allowed_mask, dense_search_many, retrieve_from
from assistant.types import Answer, Chunk, DocumentInfo, Hit
from assistant.verify import verify_answer

CHECK_DEPTH = 20
"""Passages searched per claim: a claim's wrong number pulls BM25 towards passages holding that
number, so the check looks deeper than an answer (k=10 missed a Soteria claim's source at rank 13)."""


class Engine:
    def __init__(self, settings: Settings, index: LoadedIndex, embedder: Embedder) -> None:
        check_compatible(index.data.manifest, embedder.name, embedder.checksum, CHUNKER_VERSION)
        self.settings = settings
        self.index = index
        self.embedder = embedder
        self._documents = {d.doc_id: d for d in index.data.documents}
        self._idf = index.bm25.idf_table()  # from the saved postings: no chunk is re-tokenised
        self._starts: dict[str, list[int]] = {}
        self._by_doc: dict[str, list[Chunk]] = {}
        for chunk in sorted(index.chunks, key=lambda c: (c.doc_id, c.start)):
            self._by_doc.setdefault(chunk.doc_id, []).append(chunk)
            self._starts.setdefault(chunk.doc_id, []).append(chunk.start)

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None) -> Engine:
        """Load the index from settings.index_dir and the bundled model; refuse a mismatched index."""
        index = load_index(settings.index_dir)
        engine = cls(
            settings, index, embedder or MiniLMEmbedder(batch_size=settings.embed_batch_size)
        )
        # The index's millions of objects live as long as the engine: leave them out of the
        # cyclic collector, whose full passes over them stalled one ask in twenty by 100+ ms.
        gc.freeze()
        return engine

    def chunk_at(self, doc_id: str, offset: int) -> Chunk | None:
        """The chunk of a document whose span holds the character at `offset`."""
        position = bisect.bisect_right(self._starts.get(doc_id, []), offset) - 1
        if position < 0:
            return None
        chunk = self._by_doc[doc_id][position]
        return chunk if chunk.start <= offset < chunk.end else None

    @property
    def documents(self) -> tuple[DocumentInfo, ...]:
        return self.index.data.documents

    @property
    def source_paths(self) -> dict[str, str]:
        return {d.doc_id: d.source_path for d in self.documents}

    @property
    def chunk_count(self) -> int:
        return len(self.index.chunks)

    @property
    def generation(self) -> str:
        return Path(self.index.path).name

    def document_text(self, doc_id: str) -> str:
        return self.index.data.texts[doc_id]

    def search(
        self,
        question: str,
        k: int | None = None,
        filters: Filters | None = None,
        mode: Mode = "hybrid",
    ) -> list[Hit]:
        vector = self.embedder.embed_query(expand_query(question))
        return self._retrieve([question], vector.reshape(1, -1), k, filters, mode)[0]

    def search_many(
        self,
        questions: list[str],
        k: int | None = None,
        filters: Filters | None = None,
        mode: Mode = "hybrid",
    ) -> list[list[Hit]]:
        """`search` for several questions: one batch through the model, one FAISS call."""
        if len(questions) < 2:
            return [self.search(q, k, filters, mode) for q in questions]
        vectors = self.embedder.embed_queries([expand_query(q) for q in questions])
        return self._retrieve(questions, vectors, k, filters, mode)

    def _retrieve(
        self,
        questions: list[str],
        vectors: np.ndarray,
        k: int | None,
        filters: Filters | None,
        mode: Mode,
    ) -> list[list[Hit]]:
        allowed = allowed_mask(self.index, filters)
        depth = self.settings.candidates
        dense = (
            dense_search_many(self.index, vectors, depth, allowed)
            if mode != "lexical"
            else [{} for _ in questions]
        )
        return [
            retrieve_from(
                self.index,
                found,
                question,
                k or self.settings.top_k,
                allowed,
                depth,
                self.settings.rrf_k,
                mode,
                self.settings.dense_weight,
                self.settings.fusion,
            )
            for question, found in zip(questions, dense, strict=True)
        ]

    def check(self, text: str) -> CheckReport:
        """Every figure-bearing claim of a draft, judged against the sources.

        Every claim's searches are run first as one batch; the check then reads them.
        """
        queries = list(dict.fromkeys(claim_queries(text, self._idf)))
        found = dict(zip(queries, self.search_many(queries, CHECK_DEPTH), strict=True))
        return check_text(
            text,
            lambda claim: found[claim] if claim in found else self.search(claim, CHECK_DEPTH),
            self._documents,
            self.index.data.texts,
            self._idf,
        )

    def ask(
        self,
        question: str,
        k: int | None = None,
        filters: Filters | None = None,
        previous: str | None = None,
    ) -> Answer:
        """Answer a question; `previous` is the question before it in a conversation."""
        started = time.perf_counter()
        asked = question
        question = contextualise(question, previous, self._idf)
        hits = self.search(question, k, filters)
        return self._answer(asked, question, hits, started)

    def ask_many(
        self, questions: list[str], k: int | None = None, filters: Filters | None = None
    ) -> list[Answer]:
        """Answer independent questions, searching them as one batch (`ask --batch`).

        Each answer's retrieve time is its share of the batch's search.
        """
        started = time.perf_counter()
        searched = self.search_many(questions, k, filters)
        share = (time.perf_counter() - started) / max(len(questions), 1)
        return [
            self._answer(question, question, hits, time.perf_counter() - share)
            for question, hits in zip(questions, searched, strict=True)
        ]

    def _answer(self, asked: str, question: str, hits: list[Hit], started: float) -> Answer:
        retrieved = time.perf_counter()
        answer = compose_answer(
            question,
            hits,
            self._documents,
            self.index.data.texts,
            self._idf,
            self.settings.max_statements,
            self.chunk_at,
        )
        composed = time.perf_counter()
        answer = verify_answer(answer, self.index.data.texts)
        verified = time.perf_counter()
        timings = {
            "retrieve": (retrieved - started) * 1000,
            "answer": (composed - retrieved) * 1000,
            "verify": (verified - composed) * 1000,
            "total": (verified - started) * 1000,
        }
        return Answer(
            asked,
            answer.text,
            answer.abstained,
            answer.statements,
            answer.citations,
            answer.figures,
            answer.passages,
            timings,
            answer.reason,
        )

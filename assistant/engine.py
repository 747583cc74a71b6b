"""One engine, loaded once (model and index), answering many questions; shared by CLI, app and eval.

Its state is read-only after loading and the embedder serialises its own
forward passes, so one Engine is safe to share between threads.
"""

from __future__ import annotations

import copy
import gc
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

import numpy as np

from assistant.answer import compose_answer
from assistant.candidates import (
    Evidence,
    PieceVectors,
    cannot_answer,
    cannot_answer_rows,
    gather_evidence,
)
from assistant.check import CheckReport, check_text, claim_queries
from assistant.chunk import CHUNKER_VERSION
from assistant.claims import ClaimFigure, claim_sentences
from assistant.comparison import answered_elsewhere, join_force_answers, unmentioned_at_home
from assistant.config import Settings
from assistant.date_check import date_sentences
from assistant.embed import Embedder, MiniLMEmbedder
from assistant.forces import (
    ALL_FORCES,
    covered_forces,
    covers,
    default_registry,
    forces_asked_about,
    forces_named,
    panel_force,
)
from assistant.glossary import expand_query
from assistant.grade_check import grade_sentences
from assistant.index import LazyTexts, LoadedIndex, check_compatible, load_index
from assistant.lexical import lexical_tokens
from assistant.model_files import MODEL_WINDOW, WordPieceCounter
from assistant.question import Question, contextualise, understand_question
from assistant.reading.subjects import speaks_for
from assistant.reading.vocabulary import FRACTION_WORDS, GENERIC_WORDS, NUMBER_WORDS
from assistant.retrieve import Filters, Mode, allowed_mask, dense_search_many, retrieve_from
from assistant.scorer import Scorer, load_scorer
from assistant.types import Answer, Chunk, DocumentInfo, Hit
from assistant.verify import verify_answer
from assistant.word_neighbours import MAX_NEIGHBOURS, CorpusVocabulary

NATIONAL = re.compile(
    r"\b(?:england and wales|all (?:43 )?forces|every force|across forces|nationally|national "
    r"(?:average|figure|rate|standard|data|share|total)|(?:which|what|how many|any|the only) "
    r"(?:other )?(?:police )?forces?)\b",
    re.IGNORECASE,
)
"""A question or claim about forces together, which no one force's documents answer: "which
force was quickest", "how many forces met the standard" ask of them all, not the panel's own."""
MASKS_KEPT = 256
"""Filters whose chunk masks are kept (12.5 KB each at 100k chunks); more are made again."""
REMEMBERED = 16
"""Reads and evidence a `remembering` engine keeps: a question needs one read and up to three
scopes' evidence, and is asked again by another scorer at once, so a few questions' worth."""
_T = TypeVar("_T")
CHECK_DEPTH = 20
"""Passages searched per claim: a claim's wrong number pulls BM25 towards passages holding that
number, so the check looks deeper than an answer (k=10 missed a Soteria claim's source at rank 13)."""


ELSEWHERE_FLOOR = 0.1
"""The probability a statement from a document about another force must reach to answer a
question that names no force (Engine._ask_home_first), on a topic the home force's passages
never name (topic_only_elsewhere), and only where that force's documents answer better than
the panel's own. Measured on the tuned-on forces sets 16 and 17 beside the default corpus, every
move that answered rightly had a best of 0.18 or more; below the floor were nine panel-force
near misses answered with a neighbour's unrelated figure (best 0.05 or less). A lead over the
home force's best (1.5 times) was also required until 2026-12-01. Dropping it, taking the best
statement of any other force's document rather than the best of all, and reading the topic in
that statement's passage and headings ("14 arrests" under "Silverstone") answered 5 more of the
152 tuned-on set-20 questions in a mixed corpus (figure recall 0.761 -> 0.811, wrong abstentions
0.039 -> 0.029; "metrolink anti-social behaviour incidents", whose home-force passages on
anti-social behaviour scored well) and moved none of 1,057 default gold questions asked in the
same corpus."""


@dataclass(frozen=True, slots=True)
class Scored:
    """One scope's retrieved passages and candidate statements, with the scorer's reading."""

    hits: list[Hit]
    evidence: list[Evidence]
    probabilities: list[np.ndarray]
    """Per part of the question, each candidate's probability of answering it."""
    answerable: bool
    """Whether the candidates as a whole say the documents answer (Scorer.answers)."""
    best: float
    """The first part's best probability among candidates that could answer it."""
    best_piece: Evidence | None
    """That candidate."""


_DAYS_AND_MONTHS = (
    "monday tuesday wednesday thursday friday saturday sunday weekday weekend "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_NOT_TOPIC = frozenset(
    lexical_tokens(" ".join((GENERIC_WORDS, _DAYS_AND_MONTHS, *NUMBER_WORDS, *FRACTION_WORDS)))
)
"""Stems that frame a question, date it or count in it ("figures", "june", "sunday", "four"),
naming no topic."""


def _is_topic(term: str) -> bool:
    """Whether a word, or two side by side, can name a topic: numbers, dates and framing words
    ("29", "2024", "june", "four") name none, so that no home document uses one says nothing
    about whose subject the question is."""
    return all(re.fullmatch(r"[a-z]{3,}", w) and w not in _NOT_TOPIC for w in term.split())


def as_written(text: str, term: str) -> str:
    """A word, or two side by side, of `lexical_tokens(text)` as the text writes it ("cadwel"
    is "Cadwell"); the term itself when no run of the text's words reads as it."""
    words = re.findall(r"[\w'-]+", text)
    size = len(term.split())
    for at in range(len(words) - size + 1):
        written = " ".join(words[at : at + size])
        if " ".join(lexical_tokens(written)) == term:
            return written
    return term


NAME_SAMPLE = 30
"""Passages read to tell whether the documents write a word as a name."""

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SENTENCE_START = re.compile(r"[.!?:;|>\n]")
"""Between two words, what ends a sentence, a heading or a table cell."""


def written_as_name(texts: Iterable[str], term: str) -> bool:
    """Whether the texts write a word, or two side by side (`lexical_tokens` stems: "padstow",
    "great north"), as a name: capitalised after a lower-case word more often than not ("in
    Padstow", "the Great North Run"), where a word every document might use is not ("they
    paid"). A capital at a sentence's start, or among capitalised words ("Panel Dates", "Share:
    Facebook | Photos"), says nothing."""
    wanted = term.split()
    named = plain = 0
    for text in texts:
        words = [(w.group(0), w.start()) for w in _WORD.finditer(text)]
        for i in range(1, len(words) - len(wanted) + 1):
            run = words[i : i + len(wanted)]
            if [lexical_tokens(word) for word, _ in run] != [[stem] for stem in wanted]:
                continue
            before, gap_end = words[i - 1], run[0][1]
            if _SENTENCE_START.search(text, before[1] + len(before[0]), gap_end):
                continue
            if not all(word[0].isupper() for word, _ in run):
                plain += 1
            elif before[0][0].islower():
                named += 1
    return named > plain


def _pairs(words: Sequence[str]) -> set[str]:
    """Each two words side by side, as "first second"."""
    return {f"{first} {second}" for first, second in pairwise(words)}


_SAME_RARITY = 1e-9
"""Two idf values this close are the same rarity: the words are in as many passages."""


def topic_only_elsewhere(
    asked: Sequence[str],
    answering: Sequence[str],
    home: Iterable[str],
    idf: Mapping[str, float],
    home_uses: Callable[[str], bool] = lambda term: True,
) -> bool:
    """Whether the rarest word a question shares with another force's answering statement is
    missing from every passage found in the home force's documents: the topic is the
    neighbour's alone ("hare coursing reports"), not one both report on ("999 calls answered
    within 10 seconds", "the grade for investigating crime"), where the largest of many forces'
    best matches beats the home force's only because there are more of them. Words equally rare
    are all the rarest ("begging" and "48", each in one passage): one missing from home is
    enough, where picking the first in alphabetical order let "48" decide.

    A shared word, or two words side by side in both, that no document about the home force
    uses at all (`home_uses`) is enough too: rarity counts passages, so in "overtime cost of the
    cadwell park operation" the panel's own reports make "overtime" rarer than "cadwell", which
    one short paper about a race circuit repeats; and "great north run" is three words the
    panel's reports use, never together. Words are `lexical_tokens` (stemmed)."""
    shared = set(asked) & set(answering)
    if not shared:
        return False
    together = _pairs(asked) & _pairs(answering)
    if any(not home_uses(term) for term in sorted(shared | together) if _is_topic(term)):
        return True
    top = max(idf.get(word, 0.0) for word in shared)
    rarest = {word for word in shared if idf.get(word, 0.0) >= top - _SAME_RARITY}
    return bool(rarest - set(home))


class Engine:
    def __init__(
        self,
        settings: Settings,
        index: LoadedIndex,
        embedder: Embedder,
        scorer: Scorer | None = None,
    ) -> None:
        check_compatible(index.data.manifest, embedder.name, embedder.checksum, CHUNKER_VERSION)
        self.settings = settings
        self.index = index
        self.embedder = embedder
        self._scorer = scorer
        self._vectors = PieceVectors(
            index.chunk_pos, index.data.vectors, index.pieces, index.pieces.vectors
        )
        self._documents = {d.doc_id: d for d in index.data.documents}
        self.covered_forces = covered_forces(d.subjects for d in index.data.documents)
        """Every force some document is about, most documents first."""
        self.home_force = (
            default_registry().resolve(settings.force).name
            if settings.force
            else panel_force(d.subjects for d in index.data.documents)
        )
        """The panel's own force: the setting, else the force the corpus is plainly about
        (forces.panel_force), else None."""
        self._several_forces = len(self.covered_forces) > 1 or any(
            ALL_FORCES in d.subjects for d in index.data.documents
        )
        self._naming: dict[str, frozenset[str]] = {}
        """The forces each document's text names anywhere (a panel's minutes may quote a
        neighbour's figure by name), read on first need: texts are loaded lazily."""
        self._about: dict[str, frozenset[str]] = {}
        """Per force, the documents about it or naming it (see `_for_force`), found once."""
        self._force_documents: dict[str, np.ndarray] = {}
        """Per force, which documents are about it (by position), found once."""
        self._uses: dict[tuple[str | None, str], bool] = {}
        """Per force and word (or two side by side), whether a document about the force holds
        it (`_force_uses`)."""
        self._names: dict[str, bool] = {}
        """Per word (or two side by side), whether the documents write it as a name."""
        self._masks: dict[Filters | None, np.ndarray | None] = {}
        """Per filter, its chunk mask: a question's search then costs nothing per document."""
        self._word_pieces: WordPieceCounter | None = None
        """The model's word-piece counter, loaded on the first `ask_many`."""
        self._idf = index.bm25.idf_table()  # from the saved postings: no chunk is re-tokenised
        self._near_words: dict[str, tuple[str, ...]] = {}
        """Per word no document uses, the documents' words nearest it in meaning, found once."""
        self._vocabulary = CorpusVocabulary(self._idf, self.near_words)
        # Chunk rows by document, then start: a document's chunks in reading order, found by
        # arrays, so no chunk is built until it is read.
        self._doc_position = {d.doc_id: i for i, d in enumerate(index.data.documents)}
        self._reading_order = np.lexsort((index.chunk_start, index.chunk_doc))
        self._sorted_starts = index.chunk_start[self._reading_order]
        self._doc_bounds = np.searchsorted(
            index.chunk_doc[self._reading_order], np.arange(len(index.data.documents) + 1)
        )
        self._remembered: OrderedDict[tuple[object, ...], object] | None = None
        """The last reads and evidence, by question, when `remembering`; else None."""

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

    def _document_rows(self, doc_id: str) -> tuple[int, int]:
        """Where a document's chunks lie in the reading order (empty for an unknown one)."""
        number = self._doc_position.get(doc_id)
        if number is None:
            return 0, 0
        return int(self._doc_bounds[number]), int(self._doc_bounds[number + 1])

    def chunk_at(self, doc_id: str, offset: int) -> Chunk | None:
        """The chunk of a document whose span holds the character at `offset`."""
        first, last = self._document_rows(doc_id)
        position = int(np.searchsorted(self._sorted_starts[first:last], offset, "right")) - 1
        if position < 0:
            return None
        chunk = self.index.chunks[int(self._reading_order[first + position])]
        return chunk if chunk.start <= offset < chunk.end else None

    def neighbours(self, chunk: Chunk, n: int) -> list[Chunk]:
        """Up to n chunks either side of a chunk in its document."""
        first, last = self._document_rows(chunk.doc_id)
        position = int(np.searchsorted(self._sorted_starts[first:last], chunk.start, "left"))
        return [
            self.index.chunks[int(self._reading_order[first + i])]
            for i in range(max(0, position - n), min(last - first, position + n + 1))
            if i != position
        ]

    @property
    def scorer(self) -> Scorer:
        """The fitted scorer (assistant/data/scorer.json), read on first use."""
        if self._scorer is None:
            self._scorer = load_scorer()[0]
        return self._scorer

    def using(self, scorer: Scorer) -> Engine:
        """The same engine (sharing index and model) answering with another scorer."""
        twin = copy.copy(self)
        twin._scorer = scorer
        return twin

    def remembering(self) -> Engine:
        """The same engine keeping its last REMEMBERED reads and evidence, shared with its
        `using` twins: evaluation asks each gold question once per scorer, and neither the
        reading nor the evidence depends on the scorer, so the second asking only re-scores."""
        twin = copy.copy(self)
        twin._remembered = OrderedDict()
        return twin

    def _recalled(self, key: tuple[object, ...], make: Callable[[], _T]) -> _T:
        """`make()`, or what it gave for `key` while remembering (least recent forgotten)."""
        memo = self._remembered
        if memo is None:
            return make()
        if key in memo:
            memo.move_to_end(key)
            return memo[key]  # type: ignore[return-value]
        value = memo[key] = make()
        if len(memo) > REMEMBERED:
            memo.popitem(last=False)
        return value

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
        vector: np.ndarray | None = None,
    ) -> list[Hit]:
        """The best chunks; `vector` is the question already embedded, if it has been."""
        if vector is None:
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

    def _encode(self, texts: list[str]) -> np.ndarray:
        """The glossary-expanded texts embedded in one batch; a single one as `search` embeds it."""
        if len(texts) == 1:
            return self.embedder.embed_query(expand_query(texts[0])).reshape(1, -1)
        return self.embedder.embed_queries([expand_query(t) for t in texts])

    def _retrieve(
        self,
        questions: list[str],
        vectors: np.ndarray,
        k: int | None,
        filters: Filters | None,
        mode: Mode,
    ) -> list[list[Hit]]:
        try:
            allowed = self._masks[filters]
        except KeyError:  # made again if another thread cleared it meanwhile: no lock needed
            allowed = allowed_mask(self.index, filters)
            if len(self._masks) >= MASKS_KEPT:
                self._masks.clear()
            self._masks[filters] = allowed
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
                vector,
                self.settings.piece_weight,
                self.settings.coverage_weight,
                self.settings.period_weight,
                self.settings.grade_weight,
            )
            for question, found, vector in zip(questions, dense, vectors, strict=True)
        ]

    def forces_asked(self, text: str, filters: Filters | None = None) -> tuple[str | None, ...]:
        """The forces a question or claim is about, one retrieval each: those it names, else
        the panel's own force; (None,) in a corpus about one force, where no filter is needed.

        A --force filter the user set wins over what the text names.
        """
        if filters is not None and filters.force is not None:
            return (filters.force,)
        named = tuple(f.name for f in forces_asked_about(text))
        if named:
            return named if self._several_forces or len(named) > 1 else (None,)
        if NATIONAL.search(text):
            return (None,)  # "across all forces", "in England and Wales": no one force's
        return (self.home_force,) if self._several_forces else (None,)

    def force_scopes(
        self, text: str, filters: Filters | None = None
    ) -> list[tuple[str | None, Filters | None]]:
        """Each force a question asks about with the filters `ask` searches it with."""
        return [
            (force, self._for_force(filters, force)) for force in self.forces_asked(text, filters)
        ]

    def _for_force(self, filters: Filters | None, force: str | None) -> Filters | None:
        """Documents about the force, or naming it: a sentence of a document about another
        force is quoted only where it names this one (see reading.subjects.speaks_for)."""
        if force is None:
            return filters
        if filters is not None and filters.force is not None:
            return filters  # the user's own --force keeps to documents about the force
        if force not in self._about:
            self._about[force] = frozenset(
                d.doc_id
                for d in self.documents
                if covers(d.subjects, force) or force in self._forces_named_in(d.doc_id)
            )
        about = self._about[force]
        if filters is not None and filters.doc_ids is not None:
            about &= filters.doc_ids
        return replace(filters or Filters(), doc_ids=about)

    def _forces_named_in(self, doc_id: str) -> frozenset[str]:
        if doc_id not in self._naming:
            texts = self.index.data.texts
            # read, not kept: every document is read here once, and few are ever cited
            text = texts.read(doc_id) if isinstance(texts, LazyTexts) else texts.get(doc_id, "")
            self._naming[doc_id] = frozenset(f.name for f in forces_named(text))
        return self._naming[doc_id]

    def check(self, text: str, filters: Filters | None = None) -> CheckReport:
        """Every claim of a draft (a sentence with figures, or with a grade or dates and no
        figure), judged against the sources about its force.

        The claims are read once; every claim's searches are encoded in one batch and run
        first, one search call per force; the check then reads them.
        """

        def scope(claim: str) -> Filters | None:
            return self._for_force(filters, self.forces_asked(claim, filters)[0])

        read = claim_sentences(text, self._vocabulary)
        dated = date_sentences(text, self._idf)
        graded = grade_sentences(text, self._idf)
        queries = list(dict.fromkeys(claim_queries(text, read, dated, graded)))
        scopes = [scope(q) for q in queries]
        vectors = self._encode(queries)
        found: dict[str, list[Hit]] = {}
        for filter_ in list(dict.fromkeys(scopes)):
            rows = [i for i, f in enumerate(scopes) if f == filter_]
            group = [queries[i] for i in rows]
            hits = self._retrieve(group, vectors[rows], CHECK_DEPTH, filter_, "hybrid")
            found.update(zip(group, hits, strict=True))

        def search(claim: str) -> list[Hit]:
            return found[claim] if claim in found else self.search(claim, CHECK_DEPTH, scope(claim))

        report = check_text(
            text,
            search,
            self._documents,
            self.index.data.texts,
            self._idf,
            read,
            dated,
            self.home_force,
            graded,
        )
        if self.home_force is None or not self._several_forces:
            return report
        if filters is not None and filters.force is not None:
            return report
        return self._checked_elsewhere(report, read, search, filters, self.home_force)

    def _checked_elsewhere(
        self,
        report: CheckReport,
        read: list[tuple[tuple[int, int], list[ClaimFigure]]],
        search: Callable[[str], list[Hit]],
        filters: Filters | None,
        home: str,
    ) -> CheckReport:
        """A claim naming no force that the panel's own documents cannot check, checked against
        the document about another force on a topic only that force's documents speak of
        ("thefts were 96 of the 173 crimes at the festival", in a panel's corpus with the
        festival force's article): supported or contradicted, said to be that force's figure.
        No document about the panel's force speaks of the topic, so the claim is about the
        other force's, and a wrong figure there is the error an officer needs to see."""
        claims = list(report.claims)
        for at, claim in enumerate(claims):
            if claim.verdict != "not_found" or not claim.figures:
                continue
            if forces_asked_about(claim.text) or NATIONAL.search(claim.text):
                continue
            other = self._claim_force_elsewhere(claim.text, search(claim.text), filters, home)
            if other is None:
                continue
            sentences = [
                (span, figures) for span, figures in read if span == (claim.start, claim.end)
            ]
            scope = self._for_force(filters, other)
            rechecked = check_text(
                report.text,
                partial(self.search, k=CHECK_DEPTH, filters=scope),
                self._documents,
                self.index.data.texts,
                self._idf,
                sentences,
                [],
                other,
                [],
            )
            again = next(
                (c for c in rechecked.claims if (c.start, c.end) == (claim.start, claim.end)), None
            )
            if again is not None and again.verdict in ("supported", "contradicted"):
                claims[at] = replace(
                    again,
                    explanation=f"{other}'s figure (no document about {home} gives it): "
                    f"{again.explanation}",
                )
        return replace(report, claims=tuple(claims))

    def _claim_force_elsewhere(
        self, claim: str, own: list[Hit], filters: Filters | None, home: str
    ) -> str | None:
        """The force of the document that best matches a claim, when it is not the panel's own
        and the claim's rarest word it shares is in none of the home force's passages
        (topic_only_elsewhere); else None."""
        anywhere = self.search(claim, CHECK_DEPTH, filters)
        if not anywhere:
            return None
        top = anywhere[0].chunk
        other = self._force_elsewhere(top.doc_id, home)
        if other is None or not self._only_elsewhere(claim, top.text, own, home):
            return None
        return other

    def _force_elsewhere(self, doc_id: str, home: str) -> str | None:
        """The force a document is about, when it is not about `home` (a national document is
        about no one force); else None."""
        document = self._documents.get(doc_id)
        subjects = tuple(s for s in (document.subjects if document else ()) if s != ALL_FORCES)
        return subjects[0] if subjects and not covers(subjects, home) else None

    def _only_elsewhere(
        self, asked: str, answering: str, home_hits: Iterable[Hit], home: str
    ) -> bool:
        """topic_only_elsewhere, read from the texts, the home force's retrieved passages and
        the words its documents use."""
        home_words = {w for hit in home_hits for w in lexical_tokens(hit.chunk.text)}
        return topic_only_elsewhere(
            lexical_tokens(asked),
            lexical_tokens(answering),
            home_words,
            self._idf,
            partial(self._force_uses, home),
        )

    def _foreign_words(self, question: str, home: str) -> tuple[str, ...]:
        """The question's words, or two side by side, that some document uses and none about
        the home force does ("padstow", "great north"), as the question writes them: its topic
        is another force's, so no statement from the home force's documents answers it."""
        words = lexical_tokens(question)
        found = []
        for term in dict.fromkeys([*words, *sorted(_pairs(words))]):
            if not _is_topic(term) or self._force_uses(home, term):
                continue
            if " " in term and not all(self._force_uses(home, w) for w in term.split()):
                continue  # the word alone is already foreign
            if self._force_uses(None, term) and self._named(term):
                found.append(as_written(question, term))
        return tuple(found)

    def _named(self, term: str) -> bool:
        """Whether the documents holding a word, or two side by side, write it as a name
        (`written_as_name`), read from the first NAME_SAMPLE passages holding it and kept."""
        if term not in self._names:
            chunks = self.index.data.chunks
            rows = self._rows_with_all(term)[:NAME_SAMPLE]
            self._names[term] = written_as_name((chunks[int(r)].text for r in rows), term)
        return self._names[term]

    def _rows_with_all(self, term: str) -> np.ndarray:
        """The chunk rows holding every word of a term ("great north": both words)."""
        words = term.split()
        rows = self.index.bm25.rows_with(words[0])
        for word in words[1:]:
            rows = np.intersect1d(rows, self.index.bm25.rows_with(word))
        return rows

    def _force_uses(self, force: str | None, term: str) -> bool:
        """Whether some document about the force (`covers`; any document for None) holds a
        word, or two words side by side ("north run"), found from the lexical index's postings
        and kept."""
        if (force, term) not in self._uses:
            rows = self._rows_with_all(term)
            if force is not None:
                if force not in self._force_documents:
                    self._force_documents[force] = np.array(
                        [covers(d.subjects, force) for d in self.index.data.documents],
                        dtype=bool,
                    )
                rows = rows[self._force_documents[force][self.index.chunk_doc[rows]]]
            chunks = self.index.data.chunks
            self._uses[(force, term)] = (
                len(rows) > 0
                if " " not in term  # else both words are in a passage: are they side by side?
                else any(term in _pairs(lexical_tokens(chunks[r].indexed_text)) for r in rows)
            )
        return self._uses[(force, term)]

    def near_words(self, word: str) -> tuple[str, ...]:
        """The documents' words nearest in meaning to `word` (see word_neighbours); none for an
        index written before the documents' words were stored."""
        if self.index.words is None:
            return ()
        if word not in self._near_words:
            vector = self.embedder.embed_query(word)
            near = self.index.words.nearest(vector, k=3 * MAX_NEIGHBOURS)
            known = [n for n in near if n != word and set(lexical_tokens(n)) & self._idf.keys()]
            self._near_words[word] = tuple(known[:MAX_NEIGHBOURS])
        return self._near_words[word]

    def read(
        self,
        question: str,
        previous: str | None = None,
        encoded: Mapping[str, np.ndarray] | None = None,
    ) -> Question:
        """The question read once, with the one before it if it is a follow-up; `encoded` holds
        texts already embedded (by `ask_many`)."""

        def embed(text: str) -> np.ndarray:
            vector = encoded.get(text) if encoded else None
            return self.embedder.embed_query(expand_query(text)) if vector is None else vector

        return self._recalled(
            ("read", question, previous),
            lambda: understand_question(question, previous, self._vocabulary, embed),
        )

    def evidence(
        self,
        question: Question,
        k: int | None = None,
        filters: Filters | None = None,
        force: str | None = None,
    ) -> tuple[list[Hit], list[Evidence]]:
        """The retrieved passages and every candidate statement in and around them; with
        `force`, only the statements that speak for it (reading.subjects.speaks_for): in a
        table of forces "Surrey Police: 89.75%" is no candidate for Durham's share, neither to
        quote nor to say whether the documents answer."""
        # keyed by the read's id: the value holds the read, so while it is remembered no
        # other object can take that id
        _, hits, evidence = self._recalled(
            ("evidence", id(question), k, filters),
            lambda: (question, *self._gathered(question, k, filters)),
        )
        if force is None:
            return hits, evidence
        return hits, [e for e in evidence if self._speaks_for(e, force)]

    def _gathered(
        self, question: Question, k: int | None, filters: Filters | None
    ) -> tuple[list[Hit], list[Evidence]]:
        hits = self.search(question.text, k, filters, vector=question.vector)
        evidence = gather_evidence(
            question, hits, self.index.data.texts, self._vectors, self.neighbours, self.chunk_at
        )
        return hits, evidence

    def _speaks_for(self, evidence: Evidence, force: str) -> bool:
        document = self._documents.get(evidence.chunk.doc_id)
        subjects = frozenset(document.subjects if document else ())
        before = evidence.chunk.text[: evidence.piece.start]
        return speaks_for(evidence.text, before, subjects, force)

    def ask_many(
        self, questions: list[str], k: int | None = None, filters: Filters | None = None
    ) -> list[Answer]:
        """Answer independent questions (`ask --batch`); each is read, and its force found,
        on its own, but questions of one length are embedded together (`_encode_alike`)."""
        encoded = self._encode_alike(list(dict.fromkeys(questions)))
        return [self._ask(question, k, filters, None, encoded) for question in questions]

    def _encode_alike(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Texts of the same length in word-pieces embedded in one call per length.

        A batch pads its shorter texts, which moves their vectors by ~1e-7 (8 of 32 gold
        questions); texts of one length need no padding and come out bit for bit as one by
        one (64 of 64), so answers stay exactly those of `ask`. A text alone in its length
        is left to be embedded when read.
        """
        if len(texts) < 2:
            return {}
        if self._word_pieces is None:
            self._word_pieces = WordPieceCounter()
        expanded = {t: expand_query(t) for t in texts}
        by_length: dict[int, list[str]] = {}
        for text, query in expanded.items():
            length = min(self._word_pieces(query) + 2, MODEL_WINDOW)  # + [CLS], [SEP]
            by_length.setdefault(length, []).append(text)
        encoded: dict[str, np.ndarray] = {}
        for group in by_length.values():
            if len(group) > 1:
                vectors = self.embedder.embed_queries([expanded[t] for t in group])
                encoded.update(zip(group, vectors, strict=True))
        return encoded

    def ask(
        self,
        question: str,
        k: int | None = None,
        filters: Filters | None = None,
        previous: str | None = None,
    ) -> Answer:
        """Answer a question; `previous` is the question before it in a conversation.

        A question naming two or more forces is answered for each, side by side.
        """
        return self._ask(question, k, filters, previous, {})

    def _ask(
        self,
        question: str,
        k: int | None,
        filters: Filters | None,
        previous: str | None,
        encoded: Mapping[str, np.ndarray],
    ) -> Answer:
        # "And Essex?" after a question about Surrey asks about Essex alone.
        about = (
            question
            if forces_asked_about(question)
            else contextualise(question, previous, self._idf)
        )
        forces = self.forces_asked(about, filters)
        if len(forces) > 1:
            parts = [
                (
                    force or "",
                    self._ask_one(
                        question, k, self._for_force(filters, force), previous, force, encoded
                    ),
                )
                for force in forces
            ]
            return join_force_answers(question, parts)
        scope = self._for_force(filters, forces[0])
        if forces[0] is None or forces[0] != self.home_force or forces_asked_about(about):
            return self._ask_one(question, k, scope, previous, forces[0], encoded)
        if filters is not None and filters.force is not None:
            return self._ask_one(question, k, scope, previous, forces[0], encoded)
        return self._ask_home_first(question, forces[0], k, filters, previous, encoded)

    def _ask_home_first(
        self,
        question: str,
        home: str,
        k: int | None,
        filters: Filters | None,
        previous: str | None,
        encoded: Mapping[str, np.ndarray],
    ) -> Answer:
        """A question naming no force, in a corpus about several: the panel's own force's
        documents answer it, unless a document about another force answers it better on a topic
        the panel's documents never touch (`_other_force`), as when a panel has added a
        neighbour's paper. That answer is then given under its force's name, beside the
        panel's own, so no figure is shown as the panel's."""
        started = time.perf_counter()
        read = self.read(question, previous, encoded)
        own = self._scored(read, k, self._for_force(filters, home), home)
        other = self._other_force(read.text, self._scored(read, k, filters, None), own, home)
        foreign = self._foreign_words(read.text, home)
        mine = self._composed(read, own, home, time.perf_counter() - started)
        if foreign and not mine.abstained:
            mine = unmentioned_at_home(mine, home, foreign)
        if other is None:
            return mine
        theirs = self._scored(read, k, self._for_force(filters, other), other)
        if not theirs.answerable or (theirs.best <= own.best and not foreign):
            return mine
        if not mine.abstained:
            mine = answered_elsewhere(mine, home, other)
        answered = self._composed(read, theirs, other, 0.0)
        joined = join_force_answers(question, [(home, mine), (other, answered)])
        # the passages that answer listed first; the home force's closest after them
        shown = {hit.chunk.chunk_id for hit in answered.passages}
        passages = answered.passages + tuple(
            hit for hit in mine.passages if hit.chunk.chunk_id not in shown
        )
        return replace(joined, passages=passages)

    def _other_force(self, question: str, anywhere: Scored, own: Scored, home: str) -> str | None:
        """The force of the document, not about `home`, whose statement answers best (at least
        ELSEWHERE_FLOOR), when it speaks of a topic the home force's passages never name
        (topic_only_elsewhere); else None. The caller keeps the home answer unless that
        force's own scope answers better."""
        best: tuple[float, str, Evidence] | None = None
        for candidate, probability in zip(
            anywhere.evidence, anywhere.probabilities[0], strict=True
        ):
            if probability < ELSEWHERE_FLOOR or cannot_answer(candidate.features[0]):
                continue
            force = self._force_elsewhere(candidate.chunk.doc_id, home)
            if force is not None and (best is None or probability > best[0]):
                best = (float(probability), force, candidate)
        if best is None:
            return None
        chunk = best[2].chunk  # its passage and headings: "14 arrests" under "Silverstone"
        if not self._only_elsewhere(question, f"{chunk.context} {chunk.text}", own.hits, home):
            return None
        return best[1]

    def _scored(
        self, read: Question, k: int | None, filters: Filters | None, force: str | None
    ) -> Scored:
        """A question's retrieved passages and candidates in one scope, scored."""
        hits, evidence = self.evidence(read, k, filters, force)
        scorer = self.scorer
        rows = [np.array([e.features[n] for e in evidence]) for n in range(len(read.parts))]
        probabilities = [scorer.probabilities(part_rows) for part_rows in rows]
        answerable = any(scorer.answers(r, p) for r, p in zip(rows, probabilities, strict=True))
        best, best_piece = 0.0, None
        if evidence:
            possible = ~cannot_answer_rows(rows[0])
            if possible.any():
                at = int(np.argmax(np.where(possible, probabilities[0], -1.0)))
                best, best_piece = float(probabilities[0][at]), evidence[at]
        return Scored(hits, evidence, probabilities, answerable, best, best_piece)

    def _ask_one(
        self,
        question: str,
        k: int | None,
        filters: Filters | None,
        previous: str | None,
        force: str | None,
        encoded: Mapping[str, np.ndarray],
    ) -> Answer:
        started = time.perf_counter()
        read = self.read(question, previous, encoded)
        scored = self._scored(read, k, filters, force)
        return self._composed(read, scored, force, time.perf_counter() - started)

    def _composed(
        self, read: Question, scored: Scored, force: str | None, searched: float
    ) -> Answer:
        """The answer composed from one scope's scored candidates, and verified; `searched`
        is the seconds spent reading the question and finding them."""
        started = time.perf_counter()
        answer = compose_answer(
            read,
            scored.hits,
            scored.evidence,
            scored.probabilities,
            self.scorer.threshold,
            self._documents,
            self.settings.max_statements,
            force,
            scored.answerable,
            self.home_force,
        )
        composed = time.perf_counter()
        answer = verify_answer(answer, self.index.data.texts)
        verified = time.perf_counter()
        timings = {
            "retrieve": searched * 1000,
            "answer": (composed - started) * 1000,
            "verify": (verified - composed) * 1000,
            "total": (searched + verified - started) * 1000,
        }
        return replace(answer, timings_ms=timings)

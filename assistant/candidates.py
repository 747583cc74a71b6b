"""Candidate statements for a question and the features the scorer weighs them on.

The candidates are the quotable pieces of the retrieved chunks and of their neighbours
(graded headings of their sections too). Every feature is a soft signal that holds for any
question: nothing here is a gate, and no word list is written for particular questions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assistant.chunk import CONTEXT_SEPARATOR, context_parts
from assistant.exact_search import SegmentVectors
from assistant.figures import find_figures, find_periods
from assistant.lexical import lexical_tokens
from assistant.passages import (
    Piece,
    analyse,
    document_month,
    document_years,
    worth_quoting,
    years_in,
)
from assistant.piece_store import PieceMatrix
from assistant.question import Intent, Question
from assistant.reading.dates import says_when
from assistant.reading.grades import GRADE_WORD
from assistant.reading.mentions import SERVICE_NUMBERS, TIME_IN_WORDS, services_named
from assistant.reading.periods import (
    PeriodSpan,
    asked_period_fits,
    is_previous,
    recent_span,
    sentence_periods,
    stated_span,
    stated_spans,
)
from assistant.reading.sentences import sentence_spans
from assistant.reading.tables import cells, is_dash, is_table_row
from assistant.reading.vocabulary import comparator_families
from assistant.reading.withheld import says_withheld
from assistant.types import Chunk, FigureMention, Hit

FEATURES = (
    "dense_piece",
    "dense_piece_gap",
    "dense_chunk",
    "lexical_piece",
    "lexical_piece_gap",
    "lexical_context",
    "figure_fit",
    "kind_fit",
    "count_fit",
    "grade_fit",
    "period_fit",
    "retrieval_rank",
    "retrieval_score",
    "neighbour",
    "pair",
    "unknown_words",
    "lexical_carried",
    "missing_rarest",
    "period_stated_elsewhere",
    "service_missing",
    "withheld",
    "comparator_other",
    "date_fit",
)
"""The scorer's inputs, in the order of a feature row; scorer.json names them in this order."""
NEIGHBOURS = 1
"""Chunks either side of a retrieved chunk whose pieces are also candidates: the answer is
often the sentence just across a chunk boundary."""


@dataclass(frozen=True, slots=True)
class PieceVectors:
    """Where the stored vectors of a chunk and of its pieces are (rows in `analyse` order)."""

    chunk_rows: Mapping[str, int]
    chunk_vectors: np.ndarray | SegmentVectors
    piece_rows: Mapping[str, range]
    piece_vectors: np.ndarray | PieceMatrix


@dataclass(frozen=True, slots=True, eq=False)
class Evidence:
    """One candidate statement: a piece of a chunk, where it came from, and its feature rows
    (one per part of the question)."""

    chunk: Chunk
    piece: Piece
    rank: int
    features: tuple[np.ndarray, ...]

    @property
    def start(self) -> int:
        """In the chunk's document text."""
        return self.chunk.start + self.piece.start

    @property
    def end(self) -> int:
        return self.chunk.start + self.piece.end

    @property
    def text(self) -> str:
        return self.chunk.text[self.piece.start : self.piece.end]


Neighbours = Callable[[Chunk, int], list[Chunk]]
"""(chunk, how many either side) -> the chunks around it in its document."""
Locate = Callable[[str, int], Chunk | None]
"""(doc_id, character offset) -> the chunk whose span holds it."""


def gather_evidence(
    question: Question,
    hits: list[Hit],
    texts: Mapping[str, str],
    vectors: PieceVectors,
    neighbours: Neighbours,
    locate: Locate,
) -> list[Evidence]:
    """Every distinct candidate piece with its features for each part of the question."""
    asked = services_asked(question.intent)
    raw = [
        c
        for c in _candidates(question.intent.wants_grade, hits, texts, neighbours, locate)
        if not (c[1].pair and _joins_another_service(c[0].text[c[1].start : c[1].end], asked))
    ]
    if not raw:
        return []
    similarity = _similarities(question.vector, raw, vectors)
    per_part = []
    for part in question.parts:
        intent = part.intent
        total = sum(c.weight for c in intent.measure if c.known) or 1.0
        unknown = sum(c.weight for c in intent.measure if not c.known) / intent.total_weight
        around: dict[
            str, tuple[float, ...]
        ] = {}  # chunk id -> each concept's headings/chunk credit
        rows = np.empty((len(raw), len(FEATURES)), dtype=np.float64)
        for i, (chunk, piece, rank, score, neighbour) in enumerate(raw):
            text = chunk.text[piece.start : piece.end]
            if chunk.chunk_id not in around:
                around[chunk.chunk_id] = _context_credit(intent, chunk)
            on_piece, in_context = _coverage(intent, piece, around[chunk.chunk_id], total)
            before = _before(chunk.text, piece.start)
            context_stems = analyse(chunk.text, chunk.context)[2]
            rows[i] = (
                similarity[i, 0],
                0.0,
                similarity[i, 1],
                on_piece,
                0.0,
                in_context,
                _figure_fit(intent, piece),
                _kind_fit(intent, piece),
                _count_fit(intent, piece),
                _grade_fit(intent, piece),
                period_fit(intent, chunk, piece, before.years),
                1.0 / (1 + rank),
                score,
                float(neighbour),
                float(piece.pair),
                unknown,
                _carried(intent, piece, before, total, on_piece),
                _missing_rarest(intent, piece.stems | _heading_stems(chunk.context) | before.stems),
                _period_stated_elsewhere(intent, text, chunk.context),
                _service_missing(intent, piece.stems | context_stems | before.stems),
                _withheld(intent, piece, text),
                _comparator_other(intent, text, chunk.context),
                _date_fit(intent, piece, text),
            )
        rows[:, _DENSE_GAP] = rows[:, _DENSE] - rows[:, _DENSE].max()
        rows[:, _LEXICAL_GAP] = rows[:, _LEXICAL] - rows[:, _LEXICAL].max()
        per_part.append(rows)
    return [
        Evidence(chunk, piece, rank, tuple(rows[i] for rows in per_part))
        for i, (chunk, piece, rank, _, _) in enumerate(raw)
    ]


def services_asked(intent: Intent) -> frozenset[str]:
    """The numbered services ("101", "999") a question asks about, by name or by a glossary
    variant ("emergency calls" is the 999 line)."""
    return frozenset(n for c in intent.measure for n in SERVICE_NUMBERS if n in c.stems)


def _joins_another_service(text: str, asked: frozenset[str]) -> bool:
    """Whether a pair of sentences joins one about a service asked to one naming only others:
    "84.5% of calls in 10 seconds. In respect of 101 performance, ... 33.4%" is no statement
    about 999 answering, and its "March 2023" belongs to the 101 sentence."""
    if not asked:
        return False
    named = [services_named(text[s:e]) for s, e in sentence_spans(text)]
    return any(n and not n & asked for n in named)


_PERIOD_FIT = FEATURES.index("period_fit")
_PERIOD_ELSEWHERE = FEATURES.index("period_stated_elsewhere")
_FIGURE_FIT, _KIND_FIT = FEATURES.index("figure_fit"), FEATURES.index("kind_fit")
_SERVICE_MISSING = FEATURES.index("service_missing")
_WITHHELD = FEATURES.index("withheld")
_COMPARATOR_OTHER = FEATURES.index("comparator_other")
_DATE_FIT = FEATURES.index("date_fit")


def off_period(row: np.ndarray) -> bool:
    """Whether a candidate speaks of another period than the one asked: neither it nor its
    headings name a year asked, or it states periods and none fits ("March 2023" for "March
    2022"). Such a statement is no answer whatever its score: the near miss users must not get."""
    return bool(row[_PERIOD_FIT] < 0 or row[_PERIOD_ELSEWHERE] > 0)


def cannot_answer(row: np.ndarray) -> bool:
    """Whether a candidate cannot be the answer whatever its score (see `cannot_answer_rows`)."""
    return bool(cannot_answer_rows(row[None, :])[0])


def cannot_answer_rows(rows: np.ndarray) -> np.ndarray:
    """Per feature row, whether that candidate cannot be the answer whatever its score: it speaks
    of another period (`off_period`), gives no figure where one is asked, gives none of the kind
    asked (no time for "how long", no share for "what share"), or speaks of another phone
    service than the one named ("999" for a question about 101), or says the figure or grade
    asked is not given ("the paper gave no average speed of answer"), or sets no figure against
    the yardstick asked ("compared with most similar forces"), or gives no time at all for a
    "when" question. The scorer weighs these too,
    but a near miss that matches every other word scores high; answer types are how extractive
    QA refuses it."""
    rows = rows.reshape(-1, len(FEATURES))
    return (
        (rows[:, _PERIOD_FIT] < 0)
        | (rows[:, _PERIOD_ELSEWHERE] > 0)
        | (rows[:, _FIGURE_FIT] < 0)
        | (rows[:, _KIND_FIT] < 0)
        | (rows[:, _SERVICE_MISSING] > 0)
        | (rows[:, _WITHHELD] > 0)
        | (rows[:, _COMPARATOR_OTHER] > 0)
        | (rows[:, _DATE_FIT] < 0)
    )


_DENSE, _DENSE_GAP = FEATURES.index("dense_piece"), FEATURES.index("dense_piece_gap")
_LEXICAL, _LEXICAL_GAP = FEATURES.index("lexical_piece"), FEATURES.index("lexical_piece_gap")


def _similarities(
    query: np.ndarray, raw: list[tuple[Chunk, Piece, int, float, bool]], vectors: PieceVectors
) -> np.ndarray:
    """Cosine of the question with each candidate piece (with its headings) and its chunk; a
    piece with no stored vector (a heading found in another chunk) takes its chunk's."""
    by_chunk: dict[str, dict[tuple[int, int], float]] = {}
    found = np.zeros((len(raw), 2))
    for i, (chunk, piece, *_) in enumerate(raw):
        if chunk.chunk_id not in by_chunk:
            rows = vectors.piece_rows.get(chunk.chunk_id)
            pieces = analyse(chunk.text, chunk.context)[0]
            scores = vectors.piece_vectors[rows] @ query if rows is not None else []
            by_chunk[chunk.chunk_id] = {
                (p.start, p.end): float(v) for p, v in zip(pieces, scores, strict=False)
            }
        row = vectors.chunk_rows.get(chunk.chunk_id)
        found[i, 1] = float(vectors.chunk_vectors[row] @ query) if row is not None else 0.0
        found[i, 0] = by_chunk[chunk.chunk_id].get((piece.start, piece.end), found[i, 1])
    return found


def _candidates(
    wants_grade: bool,
    hits: list[Hit],
    texts: Mapping[str, str],
    neighbours: Neighbours,
    locate: Locate,
) -> list[tuple[Chunk, Piece, int, float, bool]]:
    """(chunk, piece, rank of the hit it came with, that hit's score, from a neighbour) once each."""
    found: list[tuple[Chunk, Piece, int, float, bool]] = []
    seen_pieces: set[tuple[str, int, int]] = set()
    seen_chunks: set[str] = set()

    def add(chunk: Chunk, piece: Piece, rank: int, score: float, neighbour: bool) -> None:
        key = (chunk.doc_id, chunk.start + piece.start, chunk.start + piece.end)
        if key not in seen_pieces:
            seen_pieces.add(key)
            found.append((chunk, piece, rank, score, neighbour))

    for rank, hit in enumerate(hits):
        seen_chunks.add(hit.chunk.chunk_id)
        for piece in analyse(hit.chunk.text, hit.chunk.context)[0]:
            add(hit.chunk, piece, rank, hit.score, False)
    for rank, hit in enumerate(hits):
        for chunk in neighbours(hit.chunk, NEIGHBOURS):
            if chunk.chunk_id in seen_chunks:
                continue
            seen_chunks.add(chunk.chunk_id)
            for piece in analyse(chunk.text, chunk.context)[0]:
                add(chunk, piece, rank, hit.score, True)
        if wants_grade:
            for owner, piece in graded_headings(hit.chunk, texts, locate):
                add(owner, piece, rank, hit.score, False)  # the hit's own section heading
    return found


def graded_headings(
    chunk: Chunk, texts: Mapping[str, str], locate: Locate
) -> list[tuple[Chunk, Piece]]:
    """The graded headings above a chunk, as pieces of the chunk that holds each heading.

    Inspection reports state a grade in the heading of its section ("Responding to
    the public – Requires Improvement"); any chunk of the section may be retrieved,
    but only the first holds the heading.
    """
    found = []
    text = texts.get(chunk.doc_id, "")
    for heading in (chunk.section or "").split(" > "):
        if not heading or not GRADE_WORD.search(heading):
            continue
        position = text.rfind(heading, 0, chunk.start + len(heading))
        owner = locate(chunk.doc_id, position) if position >= 0 else None
        if owner is None or not (owner.start <= position and position + len(heading) <= owner.end):
            continue
        start = position - owner.start
        own = [p for p in analyse(owner.text, owner.context)[0] if p.start <= start < p.end]
        found.append(
            (
                owner,
                own[0]
                if own
                else Piece(
                    start,
                    start + len(heading),
                    frozenset(lexical_tokens(heading)),
                    (),
                    True,
                    years_in(heading),
                ),
            )
        )
    return found


def _context_credit(intent: Intent, chunk: Chunk) -> tuple[float, ...]:
    """Per concept: full weight when the chunk's headings name it, half when only its text does."""
    _, chunk_stems, context_stems = analyse(chunk.text, chunk.context)
    return tuple(
        c.weight if c.matches(context_stems) else 0.5 * c.weight if c.matches(chunk_stems) else 0.0
        for c in intent.measure
    )


def _coverage(
    intent: Intent, piece: Piece, around: tuple[float, ...], total: float
) -> tuple[float, float]:
    """Share of the question's rarity-weighted concepts (glossary-widened) the piece names, and
    the share it names with its headings and chunk (half weight for the rest of the chunk).

    Words no document uses count in neither share (no passage could match them); the
    `unknown_words` feature carries them instead.
    """
    if not intent.measure:
        return 0.0, 0.0
    on_piece = in_context = 0.0
    for concept, credit in zip(intent.measure, around, strict=True):
        if not concept.known:
            continue
        if concept.matches(piece.stems):
            on_piece += concept.weight
            in_context += concept.weight
        else:
            in_context += credit
    return on_piece / total, in_context / total


def _fit(asked: bool, present: bool) -> float:
    """+1 when what is asked for is there, -1 when it is asked for and missing, 0 when not asked."""
    return 0.0 if not asked else (1.0 if present else -1.0)


def answer_figures(intent: Intent, piece: Piece) -> tuple[FigureMention, ...]:
    """The piece's figures that could answer: not those the question already states ("of the
    93 offenders"), nor a target or standard unless the question asks for one ("against the
    national standard of 90%" is no force's share of calls answered)."""
    skipped = () if intent.asks_target else piece.targets
    if not intent.given and not skipped:
        return piece.figures
    return tuple(f for f in piece.figures if not intent.gives(f) and f not in skipped)


WORDS_FIT = 0.5
"""The fit of an answer in words ("weekly", "promptly", "since 2010") to a question asking a
figure: no reason to refuse it, weaker than a figure stated, so a figure ranks first where the
documents give one."""


def _figure_fit(intent: Intent, piece: Piece) -> float:
    if intent.wants_value:  # "north wales efficiency 2017": a figure or a grade answers
        return _fit(True, piece.has_figure or piece.has_grade or piece.share_in_words)
    fit = _fit(
        intent.wants_figure and not intent.wants_grade,
        worth_quoting(answer_figures(intent, piece)) or piece.share_in_words,
    )
    return WORDS_FIT if fit < 0 and intent.word_answers & piece.word_answers else fit


def _kind_fit(intent: Intent, piece: Piece) -> float:
    stated = [
        f
        for f in answer_figures(intent, piece)
        if f not in piece.bounds or not intent.wants_time_stated
    ]
    kinds = {f.kind for f in stated}
    if piece.share_in_words or "ratio" in kinds:
        kinds.add("percent")  # "one in four" and "a third" answer what share
    if kinds & {"count", "word"}:
        kinds.add("count")  # "four" counts as well as "4"
    if any(f.unit in ("months", "years") for f in stated):
        kinds.add("duration")  # "for 12 months", "a three-year period" say how long
    wanted = (
        ("percent", intent.wants_percent),
        ("duration", intent.wants_duration),
        ("money", intent.wants_money),
        ("count", intent.wants_count),
    )
    asked = [kind for kind, flag in wanted if flag]
    fit = _fit(bool(asked), any(kind in kinds for kind in asked))
    if fit < 0 and intent.word_answers & piece.word_answers & TIME_IN_WORDS:
        return WORDS_FIT  # "since 2010" says how long, "promptly" how quickly
    return fit


def counts(figures: tuple[FigureMention, ...], counted: frozenset[str]) -> bool:
    """Whether some figure counts one of the stems (or is a bare number)."""
    for figure in figures:
        if figure.kind in ("percent", "points", "money", "duration"):
            continue
        if figure.unit is None or figure.kind == "ratio":
            return True
        if set(lexical_tokens(figure.unit)) & counted:
            return True
    return False


def _count_fit(intent: Intent, piece: Piece) -> float:
    return _fit(bool(intent.counted), counts(answer_figures(intent, piece), intent.counted))


def _grade_fit(intent: Intent, piece: Piece) -> float:
    """As `_fit`, but a question asking only the inspectors' view is not missing its answer in a
    sentence of judgement that states no grade ("caseloads were mostly at acceptable levels")."""
    if intent.wants_grade and not intent.grade_named:
        return 1.0 if piece.has_grade else 0.0
    return _fit(intent.wants_grade, piece.has_grade)


def period_fit(
    intent: Intent, chunk: Chunk, piece: Piece, before: frozenset[int] = frozenset()
) -> float:
    """+1 when the piece names a year asked, +0.5 when only its headings or the sentences of
    its paragraph before it (`before`: "in the month", "over the same months" lean on them)
    do, -1 when none does, 0 when the question names no year. A year that names the report
    asked about ("the 2019 report") is met by the document's date as well: that report may
    give its figures for 2017."""
    asked = intent.asked_years or intent.source_years
    if not asked:
        return 0.0
    if asked & piece.years:
        return 1.0
    named = years_in(chunk.context) | before
    if not intent.asked_years:
        named |= document_years(chunk.context)
    return 0.5 if asked & named else -1.0


@dataclass(frozen=True, slots=True)
class Before:
    """What the sentences of a piece's paragraph before it say: a statement such as "Surrey had
    answered 92.3% in the same period" names its measure only there."""

    stems: frozenset[str]
    kinds: frozenset[str]
    """Kinds of figure they hold ("percent", "duration", …)."""
    years: frozenset[int] = frozenset()
    """Years they name: a statement "in the month" is of the month they named."""


@lru_cache(maxsize=16384)
def _before(text: str, start: int) -> Before:
    paragraph = text[text.rfind("\n", 0, start) + 1 : start]
    if not paragraph.strip():
        return Before(frozenset(), frozenset())
    return Before(
        frozenset(lexical_tokens(paragraph)),
        frozenset(f.kind for f in find_figures(paragraph)),
        years_in(paragraph),
    )


def _carried(intent: Intent, piece: Piece, before: Before, total: float, own: float) -> float:
    """Share of the question's concepts the piece names with its paragraph's earlier sentences,
    when it gives a figure of a kind they gave (a parallel figure for the same measure); else
    its own share."""
    if not ({f.kind for f in piece.figures} & before.kinds):
        return own
    named = piece.stems | before.stems
    return sum(c.weight for c in intent.measure if c.known and c.matches(named)) / total


@lru_cache(maxsize=16384)
def _heading_stems(context: str) -> frozenset[str]:
    """The words of a chunk's headings, not of its document's title: a panel titled for a county
    "and" a city says what area it serves, not that a figure below is the city's alone."""
    return frozenset(lexical_tokens(context_parts(context)[1]))


def _missing_rarest(intent: Intent, named: frozenset[str]) -> float:
    """The weight of the most specific concept asked that neither the piece, its headings nor
    its paragraph name, against the question's heaviest: "knife" missing from a crime rate,
    "rural" from a force-wide response time."""
    known = [c for c in intent.measure if c.known]
    if not known:
        return 0.0
    missing = [c.weight for c in known if not c.matches(named)]
    return max(missing, default=0.0) / max(c.weight for c in known)


def _period_stated_elsewhere(intent: Intent, text: str, context: str) -> float:
    """1 when the piece states periods and none is one asked ("December 2023" for "March 2024";
    "in June and in September" of minutes dated October 2022 for July 2022),
    or, stating none, its headings do ("999 calls, November 2023" over a table row asked for
    December 2023); 0 otherwise."""
    if not intent.asked_periods:
        return 0.0
    stated = stated_in(text, context) or _heading_spans(context)
    if not stated:
        return 0.0
    return float(not any(asked_period_fits(a, b) for a in intent.asked_periods for b in stated))


@lru_cache(maxsize=16384)
def stated_in(text: str, context: str) -> tuple[PeriodSpan, ...]:
    """The periods a piece names, a month with no year ("48.8% in June") dated by a year beside
    it or by the document's date (reading.periods.sentence_periods), and, beside those, "now"
    or "currently" as the months up to that date (reading.periods.recent_span): "in August
    there were 655 cases ...; it was now 407" speaks of autumn 2022 too, in minutes of October
    2022. A piece saying only "now" states no period of its own."""
    dated = document_month(context)
    year, iso = (dated[0], f"{dated[0]}-{dated[1]:02d}") if dated else (None, None)
    periods = sentence_periods(text, year, iso)
    stated = [span for p in periods if (span := stated_span(p)) is not None]
    if stated and iso:
        now = [p for p in periods if p.relative and not is_previous(p)]
        stated += [recent_span(iso, p.text, "dated") for p in now]
    return tuple(stated)


_DAY = re.compile(r"\d")


@lru_cache(maxsize=16384)
def _heading_spans(context: str) -> tuple[PeriodSpan, ...]:
    """The reporting periods a chunk's title and headings name: not the document's date
    (`context_parts` leaves it out), nor a day's date ("Minutes of the
    meeting held on 12 December 2024", "Published 13 December 2023"), which dates the writing,
    not the figures."""
    title, headings = context_parts(context)
    named = find_periods(CONTEXT_SEPARATOR.join([title, headings]) if headings else title)
    return tuple(
        span for p in named if not _DAY.match(p.text) and (span := stated_span(p)) is not None
    )


def _service_missing(intent: Intent, named: frozenset[str]) -> float:
    """1 when a number the question names as a thing ("101", "999") is named neither by the
    piece, its headings nor its paragraph: a 999 figure is no answer about the 101 line."""
    return float(any(c.required and not c.matches(named) for c in intent.measure))


def _date_fit(intent: Intent, piece: Piece, text: str) -> float:
    """+1 when a "when" question's statement gives a time (a year, a date, or a time in prose:
    "around springtime", "five weeks before our inspection", "at weekends"), -1 when it gives
    none: "the force pioneered DARA" says what, not when, and cannot answer "when did it start"."""
    if not intent.wants_date:
        return 0.0
    return _fit(True, bool(piece.years) or says_when(text))


def _comparator_other(intent: Intent, text: str, context: str) -> float:
    """1 when the question names a yardstick ("most similar forces") and the piece, with its
    headings, sets its figures against another only ("England and Wales") or against none: the
    comparison asked is not the one made, or not made at all."""
    if not intent.comparators or intent.wants_grade or intent.asks_finding:
        return 0.0  # "what did inspectors find nationally": a finding, not a figure to compare
    named = comparator_families(text) | comparator_families(context)
    return float(not named & intent.comparators)


def _withheld(intent: Intent, piece: Piece, text: str) -> float:
    """1 when a figure or grade is asked, or a topic typed as a search ("e-scooters used for
    drug dealing"), and the piece, stating none, says one is not given (reading.withheld): the
    documents' own word that a near miss has no answer there. A piece that goes on to give one
    ("not shown by area: three areas were graded inadequate") may still answer."""
    asked = intent.wants_figure or intent.wants_grade or intent.telegraphic
    if asked and is_table_row(text) and _dashed_cell_asked(intent, text):
        return 1.0
    return float(asked and not piece.has_figure and not piece.has_grade and says_withheld(text))


def _dashed_cell_asked(intent: Intent, row: str) -> bool:
    """Whether the cells a question asks for are all dashes: the column whose label names most of
    the question's words ("Taser fired: –" for "how many times did they fire Taser"), or those
    naming the period asked ("2021/22: –"). A row's other cells are no answer for it."""
    found = cells(row)[1:]  # the first cell says whose row it is
    if not found:
        return False
    periods = [
        label
        for label, _ in found
        if intent.asked_periods
        and any(asked_period_fits(a, s) for a in intent.asked_periods for s in stated_spans(label))
    ]
    stems = {label: frozenset(lexical_tokens(label)) for label, _ in found}
    scores = {
        label: sum(c.weight for c in intent.measure if c.matches(named))
        for label, named in stems.items()
    }
    best = max(scores.values(), default=0.0)
    named = [label for label, score in scores.items() if score > 0 and score == best]
    asked = periods or (named if len(named) == 1 else [])
    values = [value for label, value in found if label in asked]
    return bool(values) and all(is_dash(value) for value in values)

"""The frozen records that flow between pipeline stages, each carrying its provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "bullet", "table_row"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a loader read from one file, before any cleaning.

    `lines` holds the text as extracted; `line_pages` the 1-based page of each
    line for paged formats (PDF), or None where the format has no pages.
    """

    source_path: str
    lines: tuple[str, ...]
    line_pages: tuple[int, ...] | None
    page_count: int | None
    content_hash: str


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of cleaned text: a heading, a paragraph, a bullet or a table row.

    `start`/`end` index into `Document.text`; `level` orders headings (1 is the
    outermost); `number` is a paragraph's own number ("20", "3.1") when it has one.
    """

    kind: BlockKind
    start: int
    end: int
    level: int = 0
    number: str | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned document: its text, its structure and what it is."""

    doc_id: str
    source_path: str
    title: str
    date: str | None
    kind: str
    text: str
    blocks: tuple[Block, ...]
    page_count: int | None
    content_hash: str
    date_source: Literal["text", "catalogue"] | None = None
    subjects: tuple[str, ...] = ()
    """The forces the document reports on (see forces.detect_subjects); () when none is named."""

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]


@dataclass(frozen=True, slots=True)
class Chunk:
    """A retrievable passage: a verbatim span of one document with its labels.

    `text == document.text[start:end]` always holds, so a citation can be shown
    in context and a figure located to the character. `context` is what is
    embedded and indexed in front of the text (title, section, table header),
    never shown as a quote.
    """

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    section: str | None
    paragraph: str | None
    page: int | None
    context: str = ""

    @property
    def indexed_text(self) -> str:
        return f"{self.context}\n{self.text}" if self.context else self.text


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document's catalogue entry as the index keeps it (no text)."""

    doc_id: str
    source_path: str
    title: str
    date: str | None
    kind: str
    page_count: int | None
    content_hash: str
    chunk_count: int = 0
    subjects: tuple[str, ...] = ()
    """The forces the document reports on, or ("All forces",); () when unknown."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A chunk retrieved for a query, with the scores that ranked it."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None


@dataclass(frozen=True, slots=True)
class FigureMention:
    """A figure found in a text: "33.4%", "18 percent", "2,093", "£4.9m", "eleven".

    `value` is the number it states (a duration in seconds, a ratio as its first
    term); `unit` is "%", "percentage points", "£", "seconds", or the counted noun.
    `start`/`end` index into the text it was found in.
    """

    text: str
    value: float | None
    unit: str | None
    start: int
    end: int
    kind: Literal["percent", "points", "money", "duration", "ratio", "count", "word"]


@dataclass(frozen=True, slots=True)
class Period:
    """A period named in a text ("March 2023", "rolling year to December 2023", "in 2017").

    `sort_key` is (year, month) of the period's end; month is 12 for a bare year.
    `relative` marks words like "current" or "in recent months", resolved to the
    document date by the caller.
    """

    text: str
    start: int
    end: int
    sort_key: tuple[int, int] | None
    relative: bool = False


@dataclass(frozen=True, slots=True)
class Citation:
    """A numbered pointer from an answer to the exact characters of a chunk it quotes."""

    n: int
    chunk: Chunk
    title: str
    date: str | None
    source_path: str
    quote: str
    start: int
    end: int
    subjects: tuple[str, ...] = ()
    """The forces the cited document reports on, shown beside every citation."""


@dataclass(frozen=True, slots=True)
class CheckedFigure:
    """A figure of an answer, with its period and whether its source really holds it.

    `source_start`/`source_end` are the characters in the cited document's text
    where the figure was found, or None when it was not.
    """

    text: str
    value: float | None
    unit: str | None
    period: str | None
    citation: int
    verified: bool
    source_start: int | None = None
    source_end: int | None = None
    force: str | None = None
    """The force the figure is given for, when the answer names one per section."""
    qualifier: str | None = None
    """How the source bounds it, as written: "less than", "about", "exceeding"; None when exact."""
    direction: Literal["rise", "fall"] | None = None
    """Which way the source says it moved, when it says so."""

    @property
    def stated(self) -> str:
        """The figure as its source states it: "less than 3%", "-2%"."""
        return f"{self.qualifier} {self.text}" if self.qualifier else self.text


DIRECT, RELATED = "direct answer", "related"
"""The values of Statement.match."""


@dataclass(frozen=True, slots=True)
class Statement:
    """One line of an answer: a verbatim quote, the period it speaks of, and its citation."""

    quote: str
    citation: int
    period: str | None
    period_key: tuple[int, int] | None
    figures: tuple[FigureMention, ...] = ()
    figure_periods: tuple[str | None, ...] = ()
    """The period of each figure, aligned with `figures`."""
    match: str | None = None
    """How well it answers the question: "direct answer" or "related" (from `probability`)."""
    probability: float | None = None
    """The scorer's calibrated probability that this statement answers the question."""


@dataclass(frozen=True, slots=True)
class LeadFigure:
    """A figure the lead line answers with, as its statement states it ("less than 3%")."""

    stated: str
    period: str | None
    citation: int


@dataclass(frozen=True, slots=True)
class Answer:
    """An extractive answer: statements quoted from sources, their citations and checked figures."""

    question: str
    text: str
    abstained: bool
    statements: tuple[Statement, ...]
    citations: tuple[Citation, ...]
    figures: tuple[CheckedFigure, ...]
    passages: tuple[Hit, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)
    reason: str | None = None
    read_as: str | None = None
    """The question as answered when it was read as a follow-up of the one before, else None."""
    lead: str = ""
    """The answering figures with periods and citations, latest first, copied from statements."""
    lead_figures: tuple[LeadFigure, ...] = ()
    """The figures of the lead line, latest first: what the answer's badges show."""
    unanswered: tuple[str, ...] = ()
    """Parts of a multi-part question that no statement answers."""

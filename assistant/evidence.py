"""Retrieved passages read for the check: every figure with its clause, periods, words and reading.

A passage is read as a draft is (`assistant.reading`), plus what only a source has:
its section's earlier text, its headings' periods and its document's date, which
stand for the period of a sentence that names none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.claims import FILLER_STEMS, Scope, figure_scope, text_stems
from assistant.dates import readable_date
from assistant.forces import ALL_FORCES, covered_forces
from assistant.reading.bands import Band, clause_bands
from assistant.reading.changes import pair_of, value_pairs
from assistant.reading.clauses import (
    blank_spans,
    claimed_figures,
    clause_order,
    figure_clauses,
    figure_phrase,
    moved_figure,
)
from assistant.reading.figures import Direction, FigureReading, read_figure
from assistant.reading.measures import statistic
from assistant.reading.mentions import find_figures
from assistant.reading.parts import stated_whole
from assistant.reading.periods import (
    PeriodSpan,
    figure_periods,
    find_periods,
    is_previous,
    last_stated,
    period_span,
    previous_span,
    recent_span,
    sentence_periods,
    stated_span,
)
from assistant.reading.sentences import line_sentences
from assistant.reading.subjects import sentence_forces, subjects_named
from assistant.reading.tables import (
    CAPTION_CHARS,
    CAPTION_PARAGRAPHS,
    CAPTION_REACH,
    caption_unit,
    is_table_row,
    with_unit,
)
from assistant.thresholds import SECTION_REACH
from assistant.types import Chunk, Citation, DocumentInfo, FigureMention, Hit, Period

_TRIM = " \n\t,;:–—(|"
_LIST_JOIN = re.compile(r"[\s,]*(?:(?:and|or)\s+)?", re.IGNORECASE)  # between listed items
OPENING_CHARS = 600
"""How much of a document's opening names its subject when its title does not."""


@dataclass(frozen=True, slots=True)
class SourceFigure:
    chunk: Chunk
    figure: FigureMention  # offsets into chunk.text, as are the spans below
    sentence: tuple[int, int]
    clause: tuple[int, int]
    whens: tuple[PeriodSpan, ...]
    stems: tuple[frozenset[str], ...]  # of its clause, sentence, neighbours, passage (see _LEVELS)
    scope: Scope
    carried: PeriodSpan | None  # the month its paragraph named last, when its sentence names none
    order: int
    reading: FigureReading
    periods: int  # how many periods its sentence names
    around: frozenset[str] = frozenset()  # stems of its sentence outside its clause
    bands: tuple[Band, ...] = ()  # what its clause counts within: "between ten and 60 seconds"
    implied: Direction | None = None  # which way its change's two values move: "from 37 to 51"
    earlier: bool = False  # the first value of a change, sharing the later value's period: 37 of
    # "in the 12 months to June 2018 ... increased from 37 to 51" is the year before's
    values: tuple[float | None, float | None] | None = None  # its change's values: (37, 51)
    statistic: str | None = None  # the summary its clause names: "median" of "median wait"
    whole: float | None = None  # what it is a part of: 2,413 of "of 2,413 total crimes, 1,616"

    @property
    def sentence_text(self) -> str:
        """Its sentence as the chunk gives it (offsets kept: a reader may count into it)."""
        return self.chunk.text[self.sentence[0] : self.sentence[1]]

    @property
    def clause_text(self) -> str:
        return " ".join(self.chunk.text[self.clause[0] : self.clause[1]].split()).strip(_TRIM)


def document_subjects(doc: DocumentInfo | None, texts: Mapping[str, str]) -> frozenset[str]:
    """The forces a document is about: its subjects from the index (detected at ingest or set in
    the catalogue), else those its title or opening names. A document about all forces (a
    national table) covers every force its text names."""
    if doc is None:
        return frozenset()
    if ALL_FORCES in doc.subjects:
        return subjects_named(texts.get(doc.doc_id, ""))
    if doc.subjects:
        return frozenset(doc.subjects)
    return subjects_named(doc.title) or subjects_named(texts.get(doc.doc_id, "")[:OPENING_CHARS])


def corpus_subjects(
    documents: Mapping[str, DocumentInfo], texts: Mapping[str, str], home: str | None = None
) -> tuple[str, ...]:
    """The forces any document is about (a claim about another force has no source), the
    panel's own (`home`) first, then most documents first: an explanation names the first few."""
    order = covered_forces(document_subjects(d, texts) for d in documents.values())
    return (home, *(name for name in order if name != home)) if home in order else order


def source_figures(
    chunks: list[Chunk],
    documents: Mapping[str, DocumentInfo],
    texts: Mapping[str, str],
) -> list[SourceFigure]:
    found: list[SourceFigure] = []
    for chunk in chunks:
        doc = documents.get(chunk.doc_id)
        found.extend(
            _passage_figures(
                chunk,
                doc.date if doc else None,
                _section_before(chunk, texts),
                document_subjects(doc, texts),
                _caption(chunk, texts),
            )
        )
    return found


def _caption(chunk: Chunk, texts: Mapping[str, str]) -> str:
    """The prose above a table chunk's rows, which says what they measure and in what unit
    (reading.tables): the document's text before the first row, table lines left out."""
    lines = chunk.text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if is_table_row(line)), None)
    if first is None:
        return ""
    document = texts.get(chunk.doc_id, "")
    window = document[max(0, chunk.start - CAPTION_REACH) : chunk.start]
    before = window + "\n\n" + "".join(lines[:first])
    prose = [
        paragraph
        for paragraph in re.split(r"\n\s*\n", before)
        if paragraph.strip()
        and not any("\t" in line or " | " in line for line in paragraph.splitlines())
    ]
    return "\n\n".join(prose[-CAPTION_PARAGRAPHS:])[-CAPTION_CHARS:]


def _section_before(chunk: Chunk, texts: Mapping[str, str]) -> str:
    """The chunk's section before it, which often names what "the report" or "the force" did."""
    document = texts.get(chunk.doc_id, "")
    heading = (chunk.section or "").split(" > ")[-1].strip()
    found = (
        document.rfind(heading, max(0, chunk.start - SECTION_REACH), chunk.start) if heading else -1
    )
    return document[found : chunk.start] if found >= 0 else ""


@lru_cache(maxsize=4096)
def _passage_figures(
    chunk: Chunk,
    date: str | None,
    section: str,
    subjects: frozenset[str],
    caption: str = "",
) -> tuple[SourceFigure, ...]:
    """Every figure of a passage with its clause, periods and surrounding words, computed once;
    a table row's `caption` names what it measures, as its neighbours would, and the unit of
    its bare cells (reading.tables)."""
    unit, caption_stems = caption_unit(caption), text_stems(caption)
    text = chunk.text
    passage = text_stems(text) | text_stems(chunk.context) | text_stems(section)
    background = _background_whens(chunk.context, date)
    heading = (chunk.section or "").split(" > ")[-1]  # "101 calls": what an unnamed service is
    found = []
    for spans in line_sentences(text):
        sentence_stems = [text_stems(text[s:e]) for s, e in spans]
        carried: PeriodSpan | None = None
        for i, (start, end) in enumerate(spans):
            sentence = text[start:end]
            figures = claimed_figures(sentence)
            row = is_table_row(sentence)
            if row:
                figures = with_unit(figures, unit)
            periods = sentence_periods(sentence, int(date[:4]) if date else None, date)
            neighbours = frozenset().union(
                *sentence_stems[max(0, i - 1) : i],
                *sentence_stems[i + 1 : i + 2],
                caption_stems if row else frozenset(),
            )
            clauses = figure_clauses(sentence, figures)
            owners = sentence_forces(sentence, text[:start], subjects)
            spans_out = [(f.start, f.end) for f in figures] + [(p.start, p.end) for p in periods]
            blanked = blank_spans(sentence, spans_out)
            owned = [
                None if p is not None and _other_cell(sentence, f, p) else p
                for f, p in zip(figures, figure_periods(sentence, figures, periods), strict=True)
            ]
            lead = _list_lead(blanked, figures, clauses)
            pairs = value_pairs(sentence, figures)
            for figure, clause, period in zip(figures, clauses, owned, strict=True):
                pair = pair_of(pairs, figure)
                earlier = (
                    pair is not None
                    and pair.earlier == figure
                    and period == owned[figures.index(pair.later)]
                )
                clause_text = sentence[clause[0] : clause[1]]
                own = (max(clause[0], lead), clause[1]) if clause[0] < lead < clause[1] else clause
                clause_stems = text_stems(sentence[own[0] : own[1]])
                around = text_stems(f"{blanked[: own[0]]} {blanked[own[1] :]}")
                if not text_stems(blanked[clause[0] : clause[1]]) - FILLER_STEMS:
                    clause_stems = sentence_stems[i]  # "and 60.1% in September": the sentence's
                    around = frozenset()
                whens = _source_whens(period, background, date)
                if period is not None and is_previous(period):
                    before = last_stated([p for p in periods if p != period], carried)
                    before = before or next(iter(background), None)  # "at the previous year
                    # end" in a table under "2024-25": the year before its heading's
                    whens = (w,) if (w := previous_span(period, before)) else background
                found.append(
                    SourceFigure(
                        chunk,
                        moved_figure(figure, start),
                        (start, end),
                        (clause[0] + start, clause[1] + start),
                        whens,
                        (clause_stems, sentence_stems[i], neighbours, passage),
                        figure_scope(
                            clause_text,
                            sentence,
                            figure_phrase(sentence, figure),
                            heading,
                            owners,
                        ),
                        carried if period is None else None,
                        clause_order(clauses, figures, figure),
                        read_figure(sentence, figure, clause, whens[0] if whens else None),
                        len({p.sort_key for p in periods if not p.relative}),
                        around,
                        clause_bands(clause_text),
                        pair.direction if pair else None,
                        earlier,
                        (pair.earlier.value, pair.later.value) if pair else None,
                        statistic(clause_text),
                        stated_whole(sentence, figures, figure),
                    )
                )
            carried = last_stated(periods, carried)
    return tuple(found)


def _other_cell(sentence: str, figure: FigureMention, period: Period) -> bool:
    """Whether a table row gives a period in another cell than its figure's: "Result: 8.5% |
    Comparison: 10.5% at the previous year end" gives 8.5% no period of its own, where
    "999 calls in November 2023: 17,613 | Share answered: 87.40%" gives the row's period."""
    between = sentence[min(figure.end, period.end) : max(figure.start, period.start)]
    cell = sentence.rfind("|", 0, period.start) + 1
    return "|" in between and bool(find_figures(sentence[cell : period.start]))


def _list_lead(blanked: str, figures: list[FigureMention], clauses: list[tuple[int, int]]) -> int:
    """Where a list's first item starts when a sentence lists figures after one lead-in, else -1.

    e.g. "a needs assessment was completed in 64.2% of burglary, 58.9% of robbery and 80.3%
    of stalking investigations": the lead-in is every item's, so 64.2% owns only "of burglary";
    "48.8% in June and 60.1% in September" lists periods, not groups, and keeps its clauses.
    """
    distinct = list(dict.fromkeys(clauses))
    if len(distinct) < 2:
        return -1
    starts = {
        c: min(f.start for f, fc in zip(figures, clauses, strict=True) if fc == c) for c in distinct
    }
    if any(not _LIST_JOIN.fullmatch(blanked[c[0] : starts[c]]) for c in distinct[1:]) or not all(
        text_stems(blanked[starts[c] : c[1]]) - FILLER_STEMS for c in distinct
    ):
        return -1  # items joined by more than "," or "and", or with no words ("in June")
    return starts[distinct[0]]


def _source_whens(
    period: Period | None, background: tuple[PeriodSpan, ...], date: str | None
) -> tuple[PeriodSpan, ...]:
    if period is not None and (when := stated_span(period)) is not None:
        return (when,)
    if period is not None and date:
        return (recent_span(date, f"{period.text} (as at {readable_date(date)})", "relative"),)
    return background


def _background_whens(context: str, date: str | None) -> tuple[PeriodSpan, ...]:
    """What an undated sentence may speak of: its headings' periods and the months before its date."""
    whens = [
        w
        for p in find_periods(context)
        if not p.relative and (w := period_span(p, "heading")) is not None
    ]
    if date:
        whens.append(recent_span(date, readable_date(date), "dated"))
    return tuple(whens)


def evidence_citation(
    n: int, source: SourceFigure, documents: Mapping[str, DocumentInfo], texts: Mapping[str, str]
) -> Citation:
    """A citation quoting the evidence sentence, located in its document's text."""
    return sentence_citation(n, source.chunk, source.sentence, documents, texts)


def retrieved_chunks(search: Callable[[str], list[Hit]], queries: Sequence[str]) -> list[Chunk]:
    """The chunks every query's search finds, each once, in the order first found: the passages
    a claim is judged against."""
    chunks: dict[str, Chunk] = {}
    for query in queries:
        for hit in search(query):
            chunks.setdefault(hit.chunk.chunk_id, hit.chunk)
    return list(chunks.values())


def sentence_citation(
    n: int,
    chunk: Chunk,
    sentence: tuple[int, int],
    documents: Mapping[str, DocumentInfo],
    texts: Mapping[str, str],
) -> Citation:
    """A citation quoting a sentence of a chunk (offsets into chunk.text) from its document."""
    doc = documents.get(chunk.doc_id)
    start, end = chunk.start + sentence[0], chunk.start + sentence[1]
    quote = (
        texts[chunk.doc_id][start:end] if chunk.doc_id in texts else chunk.text[slice(*sentence)]
    )
    return Citation(
        n,
        chunk,
        doc.title if doc else chunk.doc_id,
        doc.date if doc else None,
        doc.source_path if doc else "",
        quote,
        start,
        end,
        doc.subjects if doc else (),
    )

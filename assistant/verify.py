"""Answer -> each figure located in its cited source, to the character, or reported as not found.

The check reads the cited chunk as it stands in the document text, not the
quote the composer made from it, so a composer bug or an altered source shows
up as an unverified figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

from assistant.reading.figures import FigureReading, read_figures
from assistant.reading.mentions import find_figures, same_figure
from assistant.types import Answer, CheckedFigure, FigureMention


def locate_figure(
    figure: FigureMention, source: str, near: int | None = None
) -> tuple[int, int] | None:
    """Where `source` states the same quantity ("96.6 percent" = "96.6%"), nearest to `near`."""
    matches = [f for f in _figures(source) if same_figure(f, figure)]
    if not matches:
        return None
    if near is not None:
        matches.sort(key=lambda f: abs(f.start - near))
    return matches[0].start, matches[0].end


def verify_answer(answer: Answer, texts: Mapping[str, str]) -> Answer:
    """The answer with `figures` filled in: every figure of every statement, checked."""
    checked: list[CheckedFigure] = []
    for statement in answer.statements:
        citation = answer.citations[statement.citation - 1]
        chunk = citation.chunk
        document = texts.get(chunk.doc_id, "")
        source = document[chunk.start : chunk.end]
        quote_offset = citation.start - chunk.start
        for number, figure in enumerate(statement.figures):
            period = (
                statement.figure_periods[number]
                if number < len(statement.figure_periods)
                else statement.period
            )
            span = locate_figure(figure, source, quote_offset + figure.start)
            reading = _reading_at(source, span[0]) if span else None
            checked.append(
                CheckedFigure(
                    text=figure.text,
                    value=figure.value,
                    unit=figure.unit,
                    period=period,
                    citation=statement.citation,
                    verified=span is not None,
                    source_start=chunk.start + span[0] if span else None,
                    source_end=chunk.start + span[1] if span else None,
                    qualifier=reading.qualifier if reading else None,
                    direction=reading.change if reading else None,
                )
            )
    return replace(answer, figures=tuple(checked))


def _reading_at(source: str, start: int) -> FigureReading | None:
    """How the source states the figure found at `start`: its qualifier and direction."""
    return next((r for r in _readings(source) if r.figure.start == start), None)


@lru_cache(maxsize=1024)
def _figures(source: str) -> tuple[FigureMention, ...]:
    """A cited chunk's figures, found once: an answer checks each of its figures against it."""
    return tuple(find_figures(source))


@lru_cache(maxsize=1024)
def _readings(source: str) -> tuple[FigureReading, ...]:
    return read_figures(source)

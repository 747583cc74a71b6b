"""The lead line above the quotes: which figures answer the question, each with its period and
citation, latest first, every one copied from a direct-answer statement (never composed)."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.candidates import counts
from assistant.figures import find_periods
from assistant.lexical import lexical_tokens
from assistant.question import Intent
from assistant.reading.figures import lead_figures
from assistant.reading.grades import grade_for_area
from assistant.reading.mentions import SERVICE_NUMBERS, services_named
from assistant.reading.sentences import sentence_spans
from assistant.types import DIRECT, FigureMention, LeadFigure, Statement


def answering_figures(
    statements: Sequence[Statement], intent: Intent
) -> tuple[LeadFigure | str, ...]:
    """The figures (or grades, as text) of the direct answers, each with its period and
    citation, latest first; every one copied from its statement. A question that asks neither
    a figure nor a grade ("what was the force outstanding at?") has none: the quotes answer it."""
    if not (intent.wants_figure or intent.wants_grade):
        return ()
    asked = frozenset(c.word for c in intent.measure if c.required) & frozenset(SERVICE_NUMBERS)
    items: list[tuple[tuple[int, int], LeadFigure | str]] = []
    for statement in statements:
        if statement.match != DIRECT:
            continue
        key = statement.period_key or (0, 0)
        if intent.wants_grade:
            grade = grade_for_area(intent.measure, statement.quote)
            if grade:
                shown = statement.quote[grade.start : grade.end]
                items.append((key, f"{shown} [{statement.citation}]"))
            continue
        stated = lead_figures(statement.quote)
        for figure, period in zip(statement.figures, statement.figure_periods, strict=False):
            if (
                figure.start in stated
                and _answers_kind(figure, intent)
                and not _about_another_service(statement.quote, figure.start, asked)
                and not measure_named_only_later(statement.quote, figure.start, intent)
            ):
                own = [p.sort_key for p in find_periods(period or "") if p.sort_key]
                lead = LeadFigure(stated[figure.start], period, statement.citation)
                items.append((max(own) if own else key, lead))
    ordered = [item for _, item in sorted(items, key=lambda item: item[0], reverse=True)]
    return tuple(dict.fromkeys(ordered))


def lead_line(answering: Sequence[LeadFigure | str]) -> str:
    """ "Answer: 12.7% (rolling year to December 2023) [2]; 33.4% (March 2023) [2]"."""
    if not answering:
        return ""
    return "Answer: " + "; ".join(_lead_item(item) for item in answering)


def _lead_item(item: LeadFigure | str) -> str:
    if isinstance(item, str):
        return item
    shown = f"{item.stated} ({item.period})" if item.period else item.stated
    return f"{shown} [{item.citation}]"


def _about_another_service(quote: str, start: int, asked: frozenset[str]) -> bool:
    """Whether the sentence holding a figure names only services other than the one asked: in
    a pair quoted for a 999 question, "101 ... abandonment rate of 33.4%" is not an answer."""
    sentence = next(((s, e) for s, e in sentence_spans(quote) if s <= start < e), (0, len(quote)))
    named = services_named(quote[sentence[0] : sentence[1]])
    return bool(asked and named and not named & asked)


def measure_named_only_later(quote: str, start: int, intent: Intent) -> bool:
    """Whether a figure's sentence names nothing the question asks about while a later sentence
    of the quote does: "... answering 84.5% of calls in 10 seconds. In respect of 101
    performance, ... an abandonment rate of 33.4%" answers a 101 abandonment question with 33.4%
    alone. Only a later sentence counts: one that follows the measure ("It stood at 7%") carries
    it on, one that comes before it speaks of something else. At `start` 0, whether a quote
    opens with such a sentence (answer._ranked)."""
    concepts = [c for c in intent.measure if c.known]
    spans = sentence_spans(quote)
    at = next((n for n, (s, e) in enumerate(spans) if s <= start < e), None)
    if not concepts or at is None:
        return False

    def names(n: int) -> bool:
        stems = frozenset(lexical_tokens(quote[spans[n][0] : spans[n][1]]))
        return any(c.matches(stems) for c in concepts)

    return not names(at) and any(names(n) for n in range(at + 1, len(spans)))


def _answers_kind(figure: FigureMention, intent: Intent) -> bool:
    """Whether a figure is of the kind asked: a percentage for "what share", and so on; never
    one the question itself states."""
    if figure.kind == "word" and not figure.unit:
        return False
    if intent.gives(figure):
        return False
    if intent.wants_percent:
        return figure.kind in ("percent", "points")
    if intent.wants_duration:
        return figure.kind == "duration"
    if intent.wants_money:
        return figure.kind == "money"
    if intent.wants_count:
        return figure.kind in ("count", "word")
    if intent.counted:
        return counts((figure,), intent.counted)
    topic = frozenset(stem for concept in intent.concepts for stem in concept.stems)
    return (
        figure.kind in ("percent", "points", "money", "duration")
        or figure.unit is None
        or bool(set(lexical_tokens(figure.unit)) & topic)
    )

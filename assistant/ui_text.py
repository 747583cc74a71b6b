"""Pure text helpers for the app: escaping, highlighting, figure badges, chart series, export.

Document text is data: everything here that builds HTML escapes it first, and
everything that builds Markdown for display escapes Markdown's own characters.
No Streamlit import, so all of it is testable without a page.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from assistant.reading.periods import find_periods
from assistant.reading.vocabulary import MONTHS
from assistant.types import Answer, CheckedFigure, Chunk, Citation, DocumentInfo, Hit

if TYPE_CHECKING:
    from assistant.retrieve import Filters

CONTEXT_CHARS = 400
"""Characters of surrounding document text shown either side of a cited chunk."""

NOT_FOUND = "Not found in the documents"
CHECK_MEANING = (
    "✓ found in the source: the figure stands in the cited document as quoted. Whether a "
    "statement answers your question is shown beside it: a direct answer, or related."
)
"""What a ✓ badge says, shown beside the badges: users read ✓ as "right answer" otherwise."""


def read_as_line(answer: Answer) -> str:
    """For a question read as a follow-up, how it was read; else nothing."""
    return f"Read as: {answer.read_as}" if answer.read_as else ""


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~$:&])")  # characters Markdown or Streamlit act on anywhere
_BARE_WWW = re.compile(r"(\bwww)\.", re.IGNORECASE)  # GFM links "www." without a scheme
_MD_LINE_START = re.compile(r"^(\s*)([#>=+-]|\d+[.)])")  # e.g. "# x", "- x", "20. x" open blocks

STYLE_CONTEXT = "color:#6b7280"
STYLE_QUOTE = "background:#fff3b0;padding:0 1px"
STYLE_FIGURE = "background:#ffd54f;font-weight:600;padding:0 1px"
STYLE_BOX = (
    "white-space:normal;line-height:1.55;font-size:0.95rem;border-left:3px solid #d1d5db;"
    "padding:0.25rem 0 0.25rem 0.75rem"
)


def escape_markdown(text: str) -> str:
    """Text that st.markdown shows literally: no emphasis, links, HTML, maths or block openers."""
    lines = []
    for line in text.split("\n"):
        line = _MD_INLINE.sub(r"\\\1", line)
        line = _BARE_WWW.sub(r"\1\\.", line)  # e.g. "www.x.org" -> "www\.x.org": no autolink
        line = _MD_LINE_START.sub(_escape_block_opener, line)
        lines.append(line.strip())
    return "  \n".join(lines)  # two spaces: a hard line break


def _escape_block_opener(m: re.Match[str]) -> str:
    marker = m.group(2)
    return f"{m.group(1)}{marker[:-1]}\\{marker[-1]}"  # e.g. "20." -> "20\."


def escape_html(text: str) -> str:
    """HTML-escaped text that also survives Streamlit's Markdown pass ($ would start maths)."""
    return html.escape(text, quote=True).replace("$", "&#36;")


def context_window(text: str, start: int, end: int, margin: int = CONTEXT_CHARS) -> tuple[int, int]:
    """The span of `text` `margin` characters either side of [start, end), cut at white space."""
    lo = max(0, start - margin)
    hi = min(len(text), end + margin)
    if lo > 0:
        space = re.search(r"\s", text[lo:start])
        lo = lo + space.end() if space else start
    if hi < len(text):
        cut = max(text.rfind(" ", end, hi), text.rfind("\n", end, hi))
        hi = cut if cut >= end else end
    return lo, hi


def passage_html(
    text: str,
    window: tuple[int, int],
    chunk: tuple[int, int] | None = None,
    quotes: Sequence[tuple[int, int]] = (),
    figures: Sequence[tuple[int, int]] = (),
) -> str:
    """One line of HTML showing text[window], the chunk in full colour, quotes and figures marked.

    Text outside the chunk is grey; quoted spans are `<mark>`; figures inside
    them are a stronger `<mark>`. All spans index into `text`. The result has no
    newline, so Markdown cannot reinterpret any part of it.
    """
    w_start, w_end = window
    spans = [s for s in (chunk, *quotes, *figures) if s is not None]
    cuts = sorted({w_start, w_end, *(max(w_start, min(w_end, p)) for s in spans for p in s)})
    parts: list[str] = []
    if w_start > 0:
        parts.append(f'<span style="{STYLE_CONTEXT}">… </span>')
    for a, b in itertools.pairwise(cuts):
        if a >= b:
            continue
        piece = escape_html(text[a:b]).replace("\n", "<br>")
        if any(s <= a and b <= e for s, e in figures):
            parts.append(f'<mark class="figure" style="{STYLE_FIGURE}">{piece}</mark>')
        elif any(s <= a and b <= e for s, e in quotes):
            parts.append(f'<mark class="quote" style="{STYLE_QUOTE}">{piece}</mark>')
        elif chunk is not None and chunk[0] <= a and b <= chunk[1]:
            parts.append(piece)
        else:
            parts.append(f'<span style="{STYLE_CONTEXT}">{piece}</span>')
    if w_end < len(text):
        parts.append(f'<span style="{STYLE_CONTEXT}"> …</span>')
    return f'<div class="passage" style="{STYLE_BOX}">{"".join(parts)}</div>'


def chunk_label(chunk: Chunk, section: bool = True) -> str:
    """Where a chunk sits: "§ Responding to the public · para 20 · p. 3".

    With `section=False` only the innermost heading is named, to keep a heading short.
    """
    parts = []
    if chunk.section:
        parts.append(f"§ {chunk.section if section else chunk.section.split(' > ')[-1]}")
    if chunk.paragraph:
        parts.append(f"para {chunk.paragraph}")
    if chunk.page is not None:
        parts.append(f"p. {chunk.page}")
    return " · ".join(parts)


def citation_label(citation: Citation) -> str:
    """A citation's plain-text heading: "[1] Title (2024-02-06) · para 20 · p. 3"."""
    head = f"[{citation.n}] {citation.title}"
    if citation.date:
        head += f" ({citation.date})"
    if citation.subjects:
        head += f" · about {', '.join(citation.subjects)}"
    where = chunk_label(citation.chunk, section=False)
    return f"{head} · {where}" if where else head


def source_details(chunk: Chunk, source_path: str) -> str:
    """Section, paragraph, page and file of a passage: "§ Section · para 20 · corpus/x.txt"."""
    where = chunk_label(chunk)
    return f"{where} · {source_path}" if where else source_path


def hit_label(hit: Hit, documents: dict[str, DocumentInfo]) -> str:
    """A retrieved passage's plain-text heading, titled from the document list when it is known."""
    info = documents.get(hit.chunk.doc_id)
    head = info.title if info else hit.chunk.doc_id
    if info and info.date:
        head += f" ({info.date})"
    where = chunk_label(hit.chunk, section=False)
    return f"{head} · {where}" if where else head


def figure_badge(figure: CheckedFigure) -> str:
    """A figure's check as a label: "✓ 33.4% · March 2023 [1]", or "✗ …" if the source lacks it."""
    label = figure.stated  # "less than 3%", "-2%": as the source states it
    if figure.period:
        label += f" · {figure.period}"
    label += f" [{figure.citation}]"
    return f"✓ {label}" if figure.verified else f"✗ {label} · not found in the source"


def answer_badges(answer: Answer) -> list[CheckedFigure]:
    """The figures to badge: those the lead line answers with (as stated, with period and
    citation), and any a source does not hold; all of them when there is no lead line.

    e.g. for "what was the 999 answering rate?", "84.5%" is badged, not the "10 seconds" it
    is measured within, a "90% target", or "50 staff" quoted in the same sentence.
    """
    if not answer.lead:
        return list(answer.figures)
    leading = {(f.stated, f.citation) for f in answer.lead_figures}
    return [f for f in answer.figures if not f.verified or (f.stated, f.citation) in leading]


class SeriesPoint(NamedTuple):
    """One value of a measure at one period, for the chart beside an answer."""

    period: str
    value: float
    unit: str
    order: tuple[int, int]
    stated: str = ""  # as the source states it: "less than 3%"
    qualified: bool = False  # the source bounds it ("less than", "about"): not an exact value
    citation: int = 0

    @property
    def label(self) -> str:
        """A short axis label: the period itself, or its end month when the period is wordy."""
        if len(self.period) <= 16:
            return self.period
        year, month = self.order
        return (
            f"{_MONTH_ABBR[month - 1]} {year}"  # e.g. "rolling year to December 2023" -> "Dec 2023"
        )


_MONTH_ABBR = tuple(month[:3] for month in MONTHS)


def period_order(period: str, answer: Answer | None = None) -> tuple[int, int] | None:
    """(year, month) of a period's end: from the answer's statements if they say it, else parsed."""
    if answer is not None:
        for statement in answer.statements:
            if statement.period == period and statement.period_key is not None:
                return statement.period_key
    keys = [p.sort_key for p in find_periods(period) if p.sort_key is not None]
    return max(keys) if keys else None


def chart_series(answer: Answer) -> list[SeriesPoint]:
    """The measure an answer reports over two or more periods, in period order; else nothing.

    Figures qualify when they have a value, a unit and an orderable period; the
    largest group sharing one unit is the series. Periods ending in the same
    month are one point (e.g. "2017" and "in 2017"), named by the shorter text.
    One period given two different values means two measures are mixed, so no
    chart is drawn for that unit.
    """
    if answer.abstained:
        return []
    groups: dict[str, dict[tuple[int, int], SeriesPoint]] = {}
    mixed: set[str] = set()
    for figure in answer.figures:
        if figure.value is None or not figure.unit or not figure.period:
            continue
        order = period_order(figure.period, answer)
        if order is None:
            continue
        points = groups.setdefault(figure.unit, {})
        point = SeriesPoint(
            figure.period,
            figure.value,
            figure.unit,
            order,
            figure.stated,
            figure.qualifier is not None,
            figure.citation,
        )
        previous = points.get(order)
        if previous is None:
            points[order] = point
        elif previous.value != figure.value:
            mixed.add(figure.unit)
        elif len(point.period) < len(previous.period):
            points[order] = point
    candidates = [
        sorted(points.values(), key=lambda p: p.order)
        for unit, points in groups.items()
        if unit not in mixed and len(points) >= 2
    ]
    return max(candidates, key=len) if candidates else []


def series_notes(series: Sequence[SeriesPoint], answer: Answer) -> list[str]:
    """What a reader must know before reading the chart as one measure over time.

    Points quoted from different documents may measure different things (101
    abandonment in one, attrition in another), and a qualified figure ("less than
    3%") is a bound, not a value: both are said, never drawn silently as one line.
    """
    notes = []
    docs = {
        answer.citations[p.citation - 1].chunk.doc_id
        for p in series
        if 0 < p.citation <= len(answer.citations)
    }
    if len(docs) > 1:
        notes.append(
            f"The points come from {len(docs)} documents, which may not measure the same thing; "
            "read each against its quote."
        )
    bounded = [p.stated for p in series if p.qualified]
    if bounded:
        notes.append(
            f"Hollow points are bounds, not exact values: {', '.join(bounded)} (as the source says)."
        )
    return notes


def conversation_markdown(answers: Iterable[Answer], documents: Sequence[DocumentInfo] = ()) -> str:
    """The conversation as Markdown: each question, its answer, figure checks and quoted sources.

    Every piece of question or document text goes through `export_text`, so the
    file shows what was said and runs or links nothing in any Markdown viewer.
    """
    by_id = {d.doc_id: d for d in documents}
    out = ["# Conversation with the inspection-report assistant", ""]
    for number, answer in enumerate(answers, start=1):
        out += [f"## {number}. {export_text(_one_line(answer.question))}", ""]
        if answer.read_as:
            out += [f"*{export_text(_one_line(read_as_line(answer)))}*", ""]
        if answer.abstained:
            out += [f"**{NOT_FOUND}.**", ""]
            if answer.reason:
                out += [export_text(answer.reason), ""]
            if answer.passages:
                out += ["Closest passages:", ""]
                for hit in answer.passages:
                    out.append(f"- {export_text(hit_label(hit, by_id))}")
                    out.append(f"  > {export_text(_one_line(hit.chunk.text))}")
                out.append("")
            continue
        out += [export_text(line) + "  " for line in answer.text.splitlines() if line.strip()]
        out.append("")
        if answer.figures:
            out += ["**Figures checked against their sources**", ""]
            out += [f"- {export_text(figure_badge(f))}" for f in answer.figures]
            out += ["", CHECK_MEANING]
            out.append("")
        if answer.citations:
            out += ["**Sources**", ""]
            for citation in answer.citations:
                path = export_text(citation.source_path)
                out.append(f"- {export_text(citation_label(citation))} — {path}")
                out.append(f"  > {export_text(_one_line(citation.quote))}")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


_EXPORT_LINKS = re.compile(r"(://|\bwww\.)|([\[\]`])", re.IGNORECASE)


def export_text(text: str) -> str:
    """Text for the exported Markdown: markup shown as text, no link made from a URL or brackets.

    e.g. "<script>" -> "&lt;script&gt;", "http://x" -> "http&#58;//x", "[a](b)" -> "\\[a\\](b)";
    entities and escapes read as the original characters, so the file still says the same.
    """
    escaped = html.escape(text, quote=False)
    return _EXPORT_LINKS.sub(
        lambda m: (
            m.group(1).replace(":", "&#58;").replace(".", "&#46;")
            if m.group(1)
            else "\\" + m.group(2)
        ),
        escaped,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def count_of(n: int, noun: str) -> str:
    """A count with its noun, e.g. "1 document", "427 chunks"."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def badge_markdown(figure: CheckedFigure) -> str:
    """A figure's check as a Streamlit badge: green when its source holds it, red when not."""
    color = "green" if figure.verified else "red"
    return f":{color}-badge[{escape_markdown(figure_badge(figure))}]"


def describe_scope(filters: Filters, documents: Sequence[DocumentInfo]) -> str:
    """What a question was restricted to, in words; empty when it searched everything."""
    if not filters.active:
        return ""
    parts = []
    if filters.doc_ids:
        parts.append("; ".join(sorted(d.title for d in documents if d.doc_id in filters.doc_ids)))
    if filters.kinds:
        parts.append("kinds: " + ", ".join(sorted(filters.kinds)))
    if filters.since and filters.until:
        parts.append(f"dated {filters.since[:4]}–{filters.until[:4]}")
    if filters.force:
        parts.append(f"documents about {filters.force}")
    return "Searched only in " + " · ".join(parts)


def as_sentence(text: str | None) -> str:
    """e.g. "the documents do not report on Essex" -> "The documents do not report on Essex." """
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def year_of(date: str | None) -> int | None:
    """The year of an ISO-ish date ("2024-02-06", "2019-05", "2022"), or None."""
    if date and re.match(r"\d{4}", date):
        return int(date[:4])
    return None


VERDICT_STYLE = {
    "supported": "background:#d1f0d8;color:#0b5d1e;border-bottom:2px solid #2e9d4b",
    "contradicted": "background:#fbd5d5;color:#8a1111;border-bottom:2px solid #d33a3a",
    "not_found": "background:#fff1c2;color:#6b4f00;border-bottom:2px dashed #c99a00",
}
VERDICT_WORDS = {
    "supported": "✓ supported",
    "contradicted": "✗ contradicted",
    "not_found": "? not found",
}


def claim_figure_spans(
    text: str, start: int, end: int, figures: Sequence[str]
) -> list[tuple[int, int]]:
    """Where a claim's figures sit in the draft: each found in order within the claim's span."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for figure in figures:
        at = text.find(figure, cursor, end)
        if at < 0:
            at = text.find(figure, start, end)
        if at >= 0:
            spans.append((at, at + len(figure)))
            cursor = at + len(figure)
    return spans


def draft_html(text: str, marks: Sequence[tuple[int, int, str]]) -> str:
    """The pasted draft as escaped HTML, each (start, end, verdict) span coloured by its verdict.

    The draft is data like any document: every character is escaped, so pasted
    markup shows as text.
    """
    parts: list[str] = []
    cursor = 0
    for start, end, verdict in sorted(marks):
        if start < cursor:
            continue
        parts.append(escape_html(text[cursor:start]))
        style = VERDICT_STYLE.get(verdict, "")
        parts.append(
            f'<mark class="{verdict}" style="{style}">{escape_html(text[start:end])}</mark>'
        )
        cursor = end
    parts.append(escape_html(text[cursor:]))
    body = "".join(parts).replace("\n", "<br>")
    return f'<div class="draft" style="{STYLE_BOX}">{body}</div>'

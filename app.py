"""The Streamlit shell: ask in plain words, read cited answers and checked figures, add documents.

Run with `streamlit run app.py`. It renders and calls the same package functions
as the CLI (`Engine.ask`, `ingest`, `add_to_corpus`); the text it shows is built
by the pure helpers in `assistant.ui_text`.
"""

from __future__ import annotations

import math
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import altair as alt
import pandas as pd
import streamlit as st

from assistant.check import CheckReport, ClaimVerdict
from assistant.config import Settings, load_settings
from assistant.draft_limits import figures_to_check
from assistant.embed import MiniLMEmbedder
from assistant.engine import Engine
from assistant.errors import AssistantError, IndexMismatchError, LoadError, ReplaceRefusedError
from assistant.forces import ALL_FORCES, default_registry, short_name
from assistant.index import current_generation
from assistant.ingest import IngestReport, ingest
from assistant.load import (
    CatalogueEntry,
    add_to_corpus,
    read_catalogue,
    remove_from_corpus,
    write_catalogue_entry,
)
from assistant.retrieve import Filters
from assistant.types import Answer, Chunk, DocumentInfo
from assistant.ui_text import (
    CHECK_MEANING,
    NOT_FOUND,
    VERDICT_WORDS,
    SeriesPoint,
    answer_badges,
    as_sentence,
    badge_markdown,
    chart_series,
    citation_label,
    claim_figure_spans,
    context_window,
    conversation_markdown,
    count_of,
    describe_scope,
    draft_html,
    escape_markdown,
    hit_label,
    passage_html,
    read_as_line,
    series_notes,
    source_details,
    year_of,
)

ISO_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
PAGES = ("Ask", "Corpus", "Check a draft")
# An emoji favicon is drawn by the page itself; a Material Symbol one is fetched from a font host.
# (A comment, not a docstring: Streamlit's magic would print a bare string on the page.)
PAGE_ICON = "🛡️"


class Turn(NamedTuple):
    """One exchange: the answer (which holds its question) and where it was allowed to look."""

    answer: Answer
    scope: str


# --- loading: settings, the shared engine, the index ------------------------------------------


def app_settings() -> Settings:
    """Settings, with $ASSISTANT_INDEX_DIR / $ASSISTANT_CORPUS_DIR so tests can point at a copy."""
    return load_settings(
        index_dir=os.environ.get("ASSISTANT_INDEX_DIR"),
        corpus_dir=os.environ.get("ASSISTANT_CORPUS_DIR"),
    )


@st.cache_resource(show_spinner="Loading the language model…")
def shared_embedder(batch_size: int) -> MiniLMEmbedder:
    """The bundled model, loaded once per process; it serialises its own forward passes."""
    return MiniLMEmbedder(batch_size=batch_size)


@st.cache_resource(show_spinner="Loading the index…", max_entries=4)
def open_engine(index_dir: str, generation: str, _settings: Settings) -> Engine:
    """One engine per index build, shared by every session of this process."""
    return Engine.open(_settings, embedder=shared_embedder(_settings.embed_batch_size))


@st.cache_resource
def index_lock(index_dir: str) -> threading.Lock:
    """One writer at a time per index folder, across all sessions."""
    return threading.Lock()


def run_ingest(settings: Settings, label: str, rebuild: bool = False) -> IngestReport:
    """Bring the index up to date with the corpus under a progress bar, then drop cached engines."""
    bar = st.progress(0.0, text=label)

    def progress(done: int, total: int, message: str) -> None:
        bar.progress(min(1.0, done / total) if total else 0.0, text=f"{label}: {message}")

    with index_lock(str(settings.index_dir)):
        embedder = shared_embedder(settings.embed_batch_size)
        report = ingest(settings, rebuild=rebuild, progress=progress, embedder=embedder)
    bar.empty()
    open_engine.clear()
    return report


def load_engine(settings: Settings) -> Engine:
    """The engine for the current index, building the index first if there is none."""
    generation = current_generation(settings.index_dir)
    if generation is None:
        st.info("There is no index yet. Reading the documents once; this takes under a minute.")
        try:
            report = run_ingest(settings, "Building the index")
        except AssistantError as exc:
            error_box(f"The index could not be built: {exc}")
            st.stop()
        st.success(escape_markdown(report.summary().splitlines()[0]))
        generation = current_generation(settings.index_dir)
        if generation is None:
            error_box(f"No index was written to {settings.index_dir}.")
            st.stop()
    try:
        return open_engine(str(settings.index_dir), generation.name, settings)
    except IndexMismatchError as exc:
        error_box(f"The index was built differently from this version: {exc}")
        if st.button("Rebuild the index"):
            try:
                run_ingest(settings, "Rebuilding the index", rebuild=True)
            except AssistantError as error:
                error_box(f"The index could not be rebuilt: {error}")
                st.stop()
            st.rerun()
        st.stop()
    except AssistantError as exc:
        error_box(f"The index cannot be opened: {exc}")
        st.stop()


def error_box(message: str) -> None:
    """An error shown as text: a message may quote a file's name or bytes, never its markup."""
    st.error(escape_markdown(message))


# --- sidebar ----------------------------------------------------------------------------------


def page_choice() -> str:
    return str(st.sidebar.radio("Page", PAGES, key="page", label_visibility="collapsed"))


def filter_controls(documents: tuple[DocumentInfo, ...], forces: tuple[str, ...]) -> Filters:
    """Sidebar widgets that narrow where answers come from; the default searches everything."""
    st.sidebar.subheader("Search only in")
    force = None
    if len(forces) > 1:
        chosen = st.sidebar.selectbox(
            "Force",
            ["", *forces],
            format_func=lambda f: f or "The force the question names",
            key="filter_force",
            help="Answers come only from documents about this force (or about all forces).",
        )
        force = chosen or None
    titles = {d.doc_id: d.title for d in documents}
    doc_ids = st.sidebar.multiselect(
        "Documents",
        list(titles),
        format_func=lambda d: titles.get(d, d),
        placeholder="All documents",
        key="filter_docs",
    )
    kinds = st.sidebar.multiselect(
        "Kinds of document",
        sorted({d.kind for d in documents}),
        placeholder="All kinds",
        key="filter_kinds",
    )
    years = sorted({y for y in (year_of(d.date) for d in documents) if y is not None})
    since = until = None
    if len(years) > 1:
        first, last = st.sidebar.slider(
            "Dated between", min_value=years[0], max_value=years[-1], value=(years[0], years[-1])
        )
        if (first, last) != (years[0], years[-1]):
            since, until = f"{first}-01-01", f"{last}-12-31"
    return Filters(
        doc_ids=frozenset(doc_ids) or None,
        kinds=frozenset(kinds) or None,
        since=since,
        until=until,
        force=force,
    )


def new_conversation() -> None:
    st.session_state.turns = []


def queue_question(question: str) -> None:
    st.session_state.pending_question = question


# --- the Ask page -----------------------------------------------------------------------------


def ask_page(engine: Engine, settings: Settings, filters: Filters) -> None:
    st.title("Ask the inspection reports")
    turns: list[Turn] = st.session_state.setdefault("turns", [])
    # At the top level the chat box is pinned to the foot of the page wherever it is called.
    about = engine.home_force or "police"
    typed = st.chat_input(f"Ask about {about} inspections…", key="question")
    question = typed or st.session_state.pop("pending_question", None)
    if not turns and not question:
        st.caption(
            "Ask in plain words. Every statement in an answer is quoted from a document and "
            "numbered; every figure is checked against its source. Try one of these:"
        )
        starter_buttons(starter_questions(engine.home_force))
    for turn in turns:
        show_turn(engine, turn)
    if not question:
        return
    scope = describe_scope(filters, engine.documents)
    with st.chat_message("user"):
        st.markdown(escape_markdown(question))
    with st.chat_message("assistant"):
        try:
            with st.spinner("Searching the documents…"):
                previous = turns[-1].answer.question if turns else None  # for "And in 2022?"
                answer = engine.ask(question, k=settings.top_k, filters=filters, previous=previous)
        except AssistantError as exc:
            error_box(f"The question could not be answered: {exc}")
            return
        turns.append(Turn(answer, scope))
        show_answer(engine, answer, scope)


def starter_questions(force: str | None) -> tuple[str, ...]:
    """Questions to start with, about the panel's own force as the corpus or settings name it."""
    name = short_name(force) if force else "the force"
    return (
        f"What was {name}'s 101 abandonment rate?",
        f"What grade did {name} get for investigating crime?",
        "How many areas for improvement did the 2023-25 inspection give?",
        "What did the chief constable say about response times?",
    )


def starter_buttons(questions: tuple[str, ...]) -> None:
    columns = st.columns(2)
    for number, question in enumerate(questions):
        columns[number % 2].button(
            question,
            key=f"starter-{number}",
            on_click=queue_question,
            args=(question,),
            width="stretch",
        )


def show_turn(engine: Engine, turn: Turn) -> None:
    with st.chat_message("user"):
        st.markdown(escape_markdown(turn.answer.question))
    with st.chat_message("assistant"):
        show_answer(engine, turn.answer, turn.scope)


def show_answer(engine: Engine, answer: Answer, scope: str) -> None:
    """An answer with figure badges, a chart and expandable citations; abstentions differ."""
    if scope:
        st.caption(escape_markdown(scope))
    if answer.read_as:
        st.caption(escape_markdown(read_as_line(answer)))
    if answer.abstained:
        show_abstention(engine, answer)
        return
    series = chart_series(answer)
    if series:
        text_column, chart_column = st.columns([3, 2], gap="medium")
    else:
        text_column, chart_column = st.container(), None
    with text_column:
        st.markdown(escape_markdown(answer.text))
        badges = answer_badges(answer)
        if badges:
            st.markdown(" ".join(badge_markdown(f) for f in badges))
            st.caption(escape_markdown(CHECK_MEANING))
    if chart_column is not None:
        with chart_column:
            series_chart(series)
            for note in series_notes(series, answer):
                st.caption(escape_markdown(note))
    for citation in answer.citations:
        figures = [
            (f.source_start, f.source_end)
            for f in answer.figures
            if f.citation == citation.n and f.source_start is not None and f.source_end is not None
        ]
        with st.expander(escape_markdown(citation_label(citation))):
            show_passage(engine, citation.chunk, [(citation.start, citation.end)], figures)
            st.caption(escape_markdown(source_details(citation.chunk, citation.source_path)))
    if total := answer.timings_ms.get("total"):
        st.caption(f"Answered in {total / 1000:.1f} s")


def show_abstention(engine: Engine, answer: Answer) -> None:
    st.warning(
        f"**{NOT_FOUND}.** " + escape_markdown(as_sentence(answer.reason)),
        icon=":material/search_off:",
    )
    if not answer.passages:
        return
    st.caption("The closest passages, for you to judge:")
    by_id = {d.doc_id: d for d in engine.documents}
    for hit in answer.passages:
        with st.expander(escape_markdown(hit_label(hit, by_id))):
            show_passage(engine, hit.chunk)
            info = by_id.get(hit.chunk.doc_id)
            path = info.source_path if info else hit.chunk.doc_id
            st.caption(escape_markdown(source_details(hit.chunk, path)))


def show_passage(
    engine: Engine,
    chunk: Chunk,
    quotes: list[tuple[int, int]] | None = None,
    figures: list[tuple[int, int]] | None = None,
) -> None:
    """A chunk inside a few hundred characters of its document, quotes and figures marked."""
    try:
        text, offset = engine.document_text(chunk.doc_id), 0
    except (KeyError, AssistantError):
        text, offset = chunk.text, chunk.start  # the document has gone since; show the chunk alone
    spans = [(s - offset, e - offset) for s, e in (quotes or [])]
    marks = [(s - offset, e - offset) for s, e in (figures or [])]
    start, end = chunk.start - offset, chunk.end - offset
    html = passage_html(text, context_window(text, start, end), (start, end), spans, marks)
    st.markdown(html, unsafe_allow_html=True)


def series_chart(series: list[SeriesPoint]) -> None:
    """The one measure an answer reports over several periods, in period order."""
    unit = series[0].unit
    labels = [p.label for p in series]
    if len(set(labels)) < len(labels):
        labels = [p.period for p in series]  # short labels would merge two periods
    frame = pd.DataFrame(
        {
            "Period": labels,
            "Value": [p.value for p in series],
            "Figure": [
                p.stated or (f"{p.value:g}{unit}" if unit == "%" else f"{p.value:g} {unit}")
                for p in series
            ],  # "less than 3%": a qualified figure is labelled as the source states it
            "As stated": [p.period for p in series],
            "Exact": [not p.qualified for p in series],
        }
    )
    base = alt.Chart(frame, title=f"The figures above, by period ({unit})").encode(
        x=alt.X("Period:N", sort=labels, axis=alt.Axis(labelAngle=0, labelLimit=120), title=None),
        y=alt.Y("Value:Q", title=unit, scale=alt.Scale(zero=True)),
        tooltip=["As stated", "Figure"],
    )
    line = base.mark_line()
    points = line + base.mark_point(size=70).encode(
        fill=alt.condition("datum.Exact", alt.value("steelblue"), alt.value("white")),
    )  # a hollow point is a bound ("less than 3%"), not a value
    values = base.mark_text(dy=-12, fontSize=12).encode(text="Figure:N")
    st.altair_chart((points + values).properties(height=260), width="stretch")


def export_button(turns: list[Turn], documents: tuple[DocumentInfo, ...]) -> None:
    markdown = conversation_markdown([t.answer for t in turns], documents)
    st.session_state.export_markdown = markdown
    st.download_button(
        "Export conversation (Markdown)",
        markdown,
        file_name="conversation.md",
        mime="text/markdown",
        disabled=not turns,
        on_click="ignore",
        icon=":material/download:",
        key="export",
    )


# --- the Corpus page --------------------------------------------------------------------------


def corpus_page(engine: Engine, settings: Settings) -> None:
    st.title("The documents")
    if message := st.session_state.pop("corpus_message", None):
        {"error": st.error, "success": st.success}[message[0]](message[1])
    documents = engine.documents
    st.caption(
        f"{count_of(len(documents), 'document')}, "
        f"{count_of(engine.chunk_count, 'passage')} in the index."
    )
    st.dataframe(
        documents_frame(documents),
        hide_index=True,
        width="stretch",
        column_config={"Title": st.column_config.TextColumn(width="large")},
    )
    st.subheader("Fix or remove a document")
    edit_form(documents, settings)
    st.subheader("Add a document")
    upload_form(settings)


def documents_frame(documents: tuple[DocumentInfo, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Title": [d.title for d in documents],
            "Date": [d.date or "" for d in documents],
            "Kind": [d.kind for d in documents],
            "About": [", ".join(d.subjects) or "—" for d in documents],
            "Pages": ["—" if d.page_count is None else str(d.page_count) for d in documents],
            "Chunks": [d.chunk_count for d in documents],
            "File": [Path(d.source_path).name for d in documents],
        }
    )


def edit_form(documents: tuple[DocumentInfo, ...], settings: Settings) -> None:
    """Correct a document's title, date, kind or forces (saved to the catalogue, then indexed)
    or remove it (the file and its entry go; the index is rewritten without it)."""
    if not documents:
        return
    by_id = {d.doc_id: d for d in documents}
    doc_id = st.selectbox(
        "Document", list(by_id), format_func=lambda d: by_id[d].title, key="edit_doc"
    )
    doc = by_id[doc_id]
    name = Path(doc.source_path).name
    forces = [ALL_FORCES, *(f.name for f in default_registry().forces)]
    with st.form(f"edit-{doc_id}"):
        title = st.text_input("Title", value=doc.title, key=f"edit_title_{doc_id}")
        date = st.text_input(
            "Date (YYYY, YYYY-MM or YYYY-MM-DD)", value=doc.date or "", key=f"edit_date_{doc_id}"
        )
        kind = st.text_input("Kind", value=doc.kind, key=f"edit_kind_{doc_id}")
        subjects = st.multiselect(
            "About (forces)",
            forces,
            default=[s for s in doc.subjects if s in forces],
            key=f"edit_subjects_{doc_id}",
        )
        saved = st.form_submit_button("Save changes", type="primary")
    if saved and date.strip() and not ISO_DATE.fullmatch(date.strip()):
        st.error(f"Not saved: the date {date.strip()!r} is not YYYY, YYYY-MM or YYYY-MM-DD.")
    elif saved:
        old = read_catalogue(settings.corpus_dir).get(name, CatalogueEntry())
        entry = CatalogueEntry(
            title=title.strip() or None,
            date=date.strip() or None,
            kind=kind.strip() or None,
            note=old.note,
            subjects=tuple(subjects),
        )
        report_change(
            settings,
            f"Saving {name}",
            lambda: write_catalogue_entry(settings.corpus_dir, name, entry),
        )
    confirm = st.checkbox(f"Yes, remove {name} from the corpus", key=f"confirm_remove_{doc_id}")
    if st.button("Remove document", disabled=not confirm, key=f"remove_{doc_id}"):
        report_change(
            settings, f"Removing {name}", lambda: remove_from_corpus(settings.corpus_dir, name)
        )


def report_change(settings: Settings, label: str, change: Callable[[], None]) -> None:
    """Apply a change to the corpus, re-index, and show what happened on the next run."""
    try:
        change()
        report = run_ingest(settings, label)
    except AssistantError as exc:
        st.session_state["corpus_message"] = ("error", f"{label} failed: {exc}")
    else:
        st.session_state["corpus_message"] = ("success", report.summary().splitlines()[0])
    st.rerun()


def upload_form(settings: Settings) -> None:
    """Add a PDF, text or Markdown file to the corpus and index it; refused files change nothing."""
    uploaded = st.file_uploader(
        "PDF, text or Markdown",
        type=["pdf", "txt", "md"],
        key="upload",
        max_upload_size=max(1, math.ceil(settings.upload_max_bytes / 2**20)),
        help="The type is judged by the file's content. Indexing a document takes a few seconds.",
    )
    results: dict[str, tuple[str, str]] = st.session_state.setdefault("upload_results", {})
    if uploaded is None:
        return
    if uploaded.file_id not in results:
        results[uploaded.file_id] = add_and_index(settings, uploaded.getvalue(), uploaded.name)
        if results[uploaded.file_id][0] not in ("error", "confirm"):
            st.rerun()  # the document list and every session's engine now show the new index
    level, message = results[uploaded.file_id]
    if level == "confirm":
        st.warning(escape_markdown(message))
        if st.button("Replace it", key="confirm_replace", type="primary"):
            results[uploaded.file_id] = add_and_index(
                settings, uploaded.getvalue(), uploaded.name, replace=True
            )
            st.rerun()
        return
    {"error": st.error, "warning": st.warning, "success": st.success}[level](
        escape_markdown(message)
    )


def add_and_index(
    settings: Settings, data: bytes, name: str, replace: bool = False
) -> tuple[str, str]:
    """(level, message) for one upload: the file is validated, copied in, then indexed.

    A file that would replace a different document of the same name is held back
    ("confirm") until the user says to replace it.
    """
    try:
        path = add_to_corpus(data, name, settings.corpus_dir, settings.upload_max_bytes, replace)
    except ReplaceRefusedError as exc:
        return "confirm", (
            f"The corpus already holds a different document named {exc.path}. "
            "Adding this file replaces it: its passages leave the index."
        )
    except LoadError as exc:
        return "error", f"Not added: {exc}"
    try:
        report = run_ingest(settings, f"Indexing {path.name}")
    except AssistantError as exc:
        return "error", f"{path.name} was copied into the corpus but could not be indexed: {exc}"
    refused = [s for s in report.skipped if s.path.endswith(path.name)]
    if refused:
        return "warning", f"{path.name} was not indexed: {refused[0].reason}"
    return "success", f"Added {path.name}. " + report.summary().splitlines()[0]


# --- the Check page ------------------------------------------------------------------------------

EXAMPLE_DRAFT = (
    "In March 2023 the force answered 84.5% of 999 calls within 10 seconds. The 101 abandonment "
    "rate was 33.4% in March 2023."
)


def check_page(engine: Engine, settings: Settings) -> None:
    """Paste a draft; every figure comes back marked supported, contradicted or not found."""
    st.title("Check a draft")
    st.caption(
        "Paste a paragraph from a paper. Each figure is matched to the documents on its measure "
        "and its period, not on the number alone."
    )
    draft = st.text_area("Draft text", value=EXAMPLE_DRAFT, height=160, key="draft")
    if st.button("Check the figures", type="primary", key="check"):
        if not draft.strip():
            st.warning("Paste some text to check first.")
            return
        try:
            figures_to_check(draft, settings.check_max_chars, settings.check_max_figures)
            with st.spinner("Checking each figure against the documents…"):
                st.session_state["check_report"] = engine.check(draft)
        except AssistantError as exc:
            error_box(f"The draft could not be checked: {exc}")
            return
    report: CheckReport | None = st.session_state.get("check_report")
    if report is None:
        return
    if not report.claims:
        st.info("No figures found in the text to check.")
        return
    show_checked_draft(report)
    for number, claim in enumerate(report.claims, start=1):
        show_claim(engine, number, claim)


def show_checked_draft(report: CheckReport) -> None:
    marks = [
        (start, end, claim.verdict)
        for claim in report.claims
        for start, end in claim_figure_spans(report.text, claim.start, claim.end, claim.figures)
    ]
    counts = {v: sum(c.verdict == v for c in report.claims) for v in VERDICT_WORDS}
    st.markdown(draft_html(report.text, marks), unsafe_allow_html=True)
    st.caption(" · ".join(f"{VERDICT_WORDS[v]}: {n}" for v, n in counts.items()))


def show_claim(engine: Engine, number: int, claim: ClaimVerdict) -> None:
    label = f"{number}. {VERDICT_WORDS[claim.verdict]} — {', '.join(claim.figures)}"
    with st.expander(label, expanded=claim.verdict != "supported"):
        st.markdown(f"**Claim:** {escape_markdown(claim.text)}")
        if claim.explanation:
            st.markdown(escape_markdown(claim.explanation))
        if claim.expected:
            st.markdown(f"**The source gives:** {escape_markdown(', '.join(claim.expected))}")
        for citation in claim.evidence:
            st.caption(escape_markdown(citation_label(citation)))
            show_passage(engine, citation.chunk, [(citation.start, citation.end)])


# --- the page -----------------------------------------------------------------------------------


def main() -> None:
    st.set_page_config(page_title="Inspection-report assistant", page_icon=PAGE_ICON, layout="wide")
    try:
        settings = app_settings()
    except AssistantError as exc:
        error_box(f"The settings cannot be read: {exc}")
        st.stop()
    engine = load_engine(settings)
    st.sidebar.title(":material/policy: Inspection reports")
    page = page_choice()
    st.sidebar.caption(
        f"The index holds {count_of(engine.chunk_count, 'chunk')} "
        f"from {count_of(len(engine.documents), 'document')}."
    )
    if page == "Ask":
        filters = filter_controls(engine.documents, engine.covered_forces)
        st.sidebar.divider()
        st.sidebar.button(
            "New conversation", on_click=new_conversation, icon=":material/restart_alt:", key="new"
        )
        export_slot = st.sidebar.container()
        ask_page(engine, settings, filters)
        with export_slot:
            export_button(st.session_state.turns, engine.documents)
    elif page == "Corpus":
        corpus_page(engine, settings)
    else:
        check_page(engine, settings)


if __name__ == "__main__":
    main()

"""The Streamlit app driven through AppTest, with the real model, the real corpus and real indexes.

Expected values come from the documents: the panel paper of 6 February 2024 says
the report "refers to March 2023 data with an abandonment rate of 33.4%" and that
the "rolling year to December 2023 reporting an attrition rate of 12.7%".
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

import assistant.ui_text as ui_text
from assistant.config import Settings, load_settings
from assistant.types import Answer, CheckedFigure

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
Q_101 = "What was Kent's 101 abandonment rate?"
Q_ESSEX = "What was Essex Police's 101 abandonment rate?"
PANEL_PAPER = "Police and Crime Panel paper"
REPORT_2019_ID = "2019-05-hmicfrs-peel-2018-19-kent"
REPORT_2019_TITLE = "PEEL: Police effectiveness, efficiency and legitimacy 2018/19"
NEW_DOCUMENT = (
    "Title: Kent Police drone unit annual review\n"
    "\n"
    "Date: 3 March 2024\n"
    "\n"
    "Summary\n"
    "\n"
    "1. The drone unit flew 1,234 missions in the year to March 2024, supporting searches for "
    "missing people and response to serious collisions across Kent and Medway.\n"
    "\n"
    "2. The unit trained 18 new remote pilots during 2023 and plans to add night-vision "
    "cameras to every aircraft.\n"
)


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_settings(built_index: Settings) -> Settings:
    """The real corpus with the session's index built from it (the working tree's index/ may be
    stale or being rebuilt by someone else)."""
    return built_index


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory, real_settings: Settings) -> Settings:
    """A writable copy of corpus/ and of its index, for tests that add documents."""
    root = tmp_path_factory.mktemp("copy")
    shutil.copytree(real_settings.corpus_dir, root / "corpus")
    shutil.copytree(real_settings.index_dir, root / "index")
    for path in (root / "corpus").iterdir():
        path.chmod(0o644)
    return load_settings(corpus_dir=root / "corpus", index_dir=root / "index")


def point_app_at(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(settings.corpus_dir))


@pytest.fixture
def app(real_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    point_app_at(monkeypatch, real_settings)
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception, f"the app started without an exception: {at.exception}"
    return at


@pytest.fixture(scope="module")
def answered_101(real_settings: Settings) -> Iterator[AppTest]:
    """The app after one question, the 101 one, shared by the read-only checks below."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        point_app_at(monkeypatch, real_settings)
        at = AppTest.from_file(APP, default_timeout=120).run()
        ask(at, Q_101)
        yield at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input(key="question").set_value(question).run()
    assert not at.exception, f"asking {question!r} raised no exception: {at.exception}"
    return at


def last_answer(at: AppTest) -> Block:
    messages = at.chat_message
    assert messages, "the conversation shows at least one message"
    return messages[-1]


def first_answer(at: AppTest) -> Answer:
    """The Answer record of the conversation's first turn, as the app keeps it."""
    return at.session_state["turns"][0].answer


def answer_markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in last_answer(at).markdown)


def expander_labels(at: AppTest) -> list[str]:
    return [e.label.replace("\\", "") for e in last_answer(at).expander]


def open_corpus_page(at: AppTest) -> AppTest:
    at.sidebar.radio(key="page").set_value("Corpus").run()
    assert not at.exception, f"the Corpus page opened without an exception: {at.exception}"
    return at


def upload(at: AppTest, name: str, data: bytes, mime: str) -> AppTest:
    at.file_uploader(key="upload").set_value((name, data, mime)).run()
    assert not at.exception, f"uploading {name} raised no exception: {at.exception}"
    return at


def generation_of(settings: Settings) -> str:
    return (settings.index_dir / "CURRENT").read_text(encoding="utf-8").strip()


# --- asking ---------------------------------------------------------------------------------------


def test_first_page_offers_starter_questions(app: AppTest) -> None:
    labels = [b.label for b in app.button]
    assert Q_101 in labels, f"the 101 question is offered as a starter; buttons: {labels}"


def test_answer_gives_the_march_2023_abandonment_rate(answered_101: AppTest) -> None:
    assert "33.4%" in answer_markdown(answered_101), "the answer quotes 33.4% (March 2023)"


def test_answer_gives_the_december_2023_attrition_rate(answered_101: AppTest) -> None:
    assert "12.7%" in answer_markdown(answered_101), (
        "the answer quotes 12.7% (rolling year to Dec 2023)"
    )


def test_answer_cites_the_panel_paper(answered_101: AppTest) -> None:
    labels = expander_labels(answered_101)
    assert any(label.startswith("[1] ") for label in labels), f"citation [1] is listed: {labels}"
    assert any(PANEL_PAPER in label for label in labels), f"the panel paper is cited: {labels}"


def test_answer_shows_a_verified_badge_for_33_4(answered_101: AppTest) -> None:
    assert ":green-badge[✓ 33.4%" in answer_markdown(answered_101), "33.4% has a green ✓ badge"


def test_every_citation_marks_its_quote_within_the_passage(answered_101: AppTest) -> None:
    passages = [m.value for e in last_answer(answered_101).expander for m in e.markdown]
    unmarked = [p[:80] for p in passages if '<mark class="quote"' not in p]
    assert passages and not unmarked, f"each cited passage marks the quoted span: {unmarked}"


def test_every_verified_figure_is_marked_in_its_passage(answered_101: AppTest) -> None:
    answer = first_answer(answered_101)
    passages = "".join(m.value for e in last_answer(answered_101).expander for m in e.markdown)
    missing = [
        f.text for f in answer.figures
        if f.verified and f'<mark class="figure" style="{ui_text.STYLE_FIGURE}">{f.text}</mark>'
        not in passages
    ]  # fmt: skip
    assert answer.figures and not missing, f"each verified figure is marked: missing {missing}"


def test_answer_over_several_periods_draws_a_chart(answered_101: AppTest) -> None:
    charts = last_answer(answered_101).get("vega_lite_chart")
    assert charts, "a chart of the rate over time sits beside the answer"


def test_export_holds_the_question_and_a_quote(
    real_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    stores: list[MemoryMediaFileStorage] = []

    class RecordingStorage(MemoryMediaFileStorage):
        def __init__(self, media_endpoint: str) -> None:
            super().__init__(media_endpoint)
            stores.append(self)

    monkeypatch.setattr("streamlit.testing.v1.app_test.MemoryMediaFileStorage", RecordingStorage)
    point_app_at(monkeypatch, real_settings)
    at = ask(AppTest.from_file(APP, default_timeout=120).run(), Q_101)
    url = at.sidebar.get("download_button")[0].proto.url
    exported = stores[-1].get_file(url.rsplit("/", 1)[-1]).content.decode("utf-8")
    quote = " ".join(first_answer(at).citations[0].quote.split())
    assert f"## 1. {Q_101}" in exported, "the export holds the question as a heading"
    assert f"> {quote}" in exported, f"the export holds the quote of citation [1]: {quote!r}"


def test_follow_up_question_keeps_the_history(answered_101: AppTest) -> None:
    at = ask(answered_101, "What grade did Kent get for investigating crime?")
    users = [m.markdown[0].value for m in at.chat_message if m.name == "user"]
    assert len(users) == 2 and users[1].startswith("What grade"), (
        f"both questions are shown: {users}"
    )


def test_starter_button_asks_its_question(app: AppTest) -> None:
    app.button(key="starter-0").click().run()
    asked = [m.markdown[0].value for m in app.chat_message if m.name == "user"]
    assert asked == [ui_text.escape_markdown(Q_101)], f"the 101 starter was asked: {asked}"


def test_new_conversation_clears_the_history(app: AppTest) -> None:
    ask(app, Q_101)
    app.sidebar.button(key="new").click().run()
    assert not app.chat_message, "no messages remain after 'New conversation'"


def test_filter_to_one_document_cites_only_that_document(app: AppTest) -> None:
    app.sidebar.multiselect(key="filter_docs").set_value([REPORT_2019_ID]).run()
    labels = expander_labels(ask(app, Q_101))
    assert labels, "the filtered question still cites something"
    assert all(REPORT_2019_TITLE in label for label in labels), f"only the 2019 report: {labels}"


def test_unanswerable_question_shows_not_found_and_closest_passages(app: AppTest) -> None:
    ask(app, Q_ESSEX)
    warnings = [w.value for w in last_answer(app).warning]
    assert any("Not found in the documents" in w for w in warnings), (
        f"a not-found warning: {warnings}"
    )
    assert last_answer(app).expander, "the closest passages are listed for the reader to judge"
    assert "badge[" not in answer_markdown(app), "an abstention shows no figure badges"


# --- the corpus page ----------------------------------------------------------------------------


def test_corpus_page_lists_every_document(app: AppTest) -> None:
    table = open_corpus_page(app).dataframe[0].value
    assert len(table) == 5, f"the five corpus documents are listed: {list(table['Title'])}"


def test_upload_of_a_text_file_adds_it_to_the_list(
    corpus_copy: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_app_at(monkeypatch, corpus_copy)
    at = open_corpus_page(AppTest.from_file(APP, default_timeout=120).run())
    upload(at, "drone unit review.txt", NEW_DOCUMENT.encode("utf-8"), "text/plain")
    titles = list(at.dataframe[0].value["Title"])
    assert "Kent Police drone unit annual review" in titles, f"the new document is listed: {titles}"
    assert (corpus_copy.corpus_dir / "drone-unit-review.txt").is_file(), "the file is in the corpus"


def test_upload_of_a_binary_file_is_refused_and_leaves_the_index(
    corpus_copy: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_app_at(monkeypatch, corpus_copy)
    before = generation_of(corpus_copy)
    at = open_corpus_page(AppTest.from_file(APP, default_timeout=120).run())
    upload(at, "notes.txt", b"PK\x03\x04\x00\x00binary\x00data" * 10, "text/plain")
    errors = [e.value for e in at.error]
    assert any("not a PDF or UTF-8 text" in e for e in errors), f"the reason is shown: {errors}"
    assert generation_of(corpus_copy) == before, "the index is the one it was before the upload"
    assert not (corpus_copy.corpus_dir / "notes.txt").exists(), "nothing was written to the corpus"


def test_upload_that_would_replace_a_document_asks_first(
    corpus_copy: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_app_at(monkeypatch, corpus_copy)
    (corpus_copy.corpus_dir / "replace-me.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
    at = open_corpus_page(AppTest.from_file(APP, default_timeout=120).run())
    shorter = NEW_DOCUMENT.split("2. The unit")[0]
    upload(at, "replace me.txt", shorter.encode("utf-8"), "text/plain")
    warnings = [w.value for w in at.warning]
    assert any("already holds a different document" in w for w in warnings), warnings
    stored = (corpus_copy.corpus_dir / "replace-me.txt").read_text(encoding="utf-8")
    assert stored == NEW_DOCUMENT, "nothing is replaced before the user confirms"
    at.button(key="confirm_replace").click().run()
    stored = (corpus_copy.corpus_dir / "replace-me.txt").read_text(encoding="utf-8")
    assert stored == shorter, "the confirmed upload replaced the document"


def test_first_run_without_an_index_builds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "2022-force-summary-peel-2021-22.txt", corpus)
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    point_app_at(monkeypatch, settings)
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception, f"the first run raised no exception: {at.exception}"
    assert (settings.index_dir / "CURRENT").is_file(), "the first run wrote an index"
    captions = [c.value for c in at.sidebar.caption]
    assert any("from 1 document." in c for c in captions), (
        f"the index counts 1 document: {captions}"
    )


# --- the pure helpers behind the page -----------------------------------------------------------


def test_passage_html_shows_markup_in_a_document_as_text() -> None:
    text = "Intro. <script>alert('x')</script> and 5% more."
    shown = ui_text.passage_html(text, (0, len(text)), (0, len(text)), [(7, 34)], [(39, 41)])
    assert "<script>" not in shown and "&lt;script&gt;" in shown, "markup is escaped, not run"


def test_escape_markdown_leaves_no_link_emphasis_or_heading() -> None:
    shown = ui_text.escape_markdown("# Title\n**bold** [link](http://x) $5 <b>")
    assert shown == "\\# Title  \n\\*\\*bold\\*\\* \\[link\\](http\\://x) \\$5 \\<b\\>"


@pytest.mark.parametrize(
    ("text", "exported"),
    [
        pytest.param(
            "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", id="script"
        ),
        pytest.param("see http://evil.example/x", "see http&#58;//evil.example/x", id="bare-url"),
        pytest.param("www.evil.example", "www&#46;evil.example", id="bare-www"),
        pytest.param("![i](x.png) [a](b)", "!\\[i\\](x.png) \\[a\\](b)", id="image-and-link"),
        pytest.param("33.4% in March 2023", "33.4% in March 2023", id="plain"),
    ],
)
def test_export_text_shows_markup_and_links_as_text(text: str, exported: str) -> None:
    assert ui_text.export_text(text) == exported


def test_export_escapes_a_question_with_markup(
    real_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "Kent 101 abandonment rate <script>alert(1)</script> http://evil.example"
    point_app_at(monkeypatch, real_settings)
    at = ask(AppTest.from_file(APP, default_timeout=120).run(), question)
    exported = at.session_state["export_markdown"]
    assert "<script>" not in exported and "&lt;script&gt;" in exported, "markup is text"
    assert "http://evil" not in exported, "the bare URL is not left to become a link"


def test_streamlit_settings_keep_the_app_local() -> None:
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    assert server["fileWatcherType"] == "none", "no file watcher over the project and .venv"
    assert server["enableXsrfProtection"] and server["enableCORS"], "cross-site requests refused"
    assert server["allowedHosts"] and "*" not in server["allowedHosts"], "Host is checked"
    assert server["address"] == "localhost", "bound to this machine only"


def test_page_icon_is_drawn_locally() -> None:
    import app

    assert not app.PAGE_ICON.startswith(":material"), "a Material Symbol icon is fetched online"


def test_chart_series_orders_one_unit_by_period() -> None:
    figures = (
        CheckedFigure("12.7%", 12.7, "%", "rolling year to December 2023", 2, True),
        CheckedFigure("33.4%", 33.4, "%", "March 2023", 1, True),
        CheckedFigure("50", 50.0, "staff", "2019", 3, True),
    )
    answer = Answer("q", "", False, (), (), figures, ())
    labels = [p.label for p in ui_text.chart_series(answer)]
    assert labels == ["March 2023", "Dec 2023"], "the % figures, earliest period first"


def test_chart_series_counts_one_period_named_twice_once() -> None:
    figures = (
        CheckedFigure("18 percent", 18.0, "%", "2017", 1, True),
        CheckedFigure("18 percent", 18.0, "%", "in 2017", 2, True),
        CheckedFigure("3%", 3.0, "%", "in recent months (as at 6 February 2024)", 3, True),
    )
    answer = Answer("q", "", False, (), (), figures, ())
    points = [(p.label, p.value) for p in ui_text.chart_series(answer)]
    assert points == [("2017", 18.0), ("Feb 2024", 3.0)], "2017 appears once, by its shorter name"


def test_chart_series_refuses_two_measures_in_one_period() -> None:
    figures = (
        CheckedFigure("69.4%", 69.4, "%", "March 2023", 1, True),
        CheckedFigure("33.4%", 33.4, "%", "March 2023", 1, True),
        CheckedFigure("12.7%", 12.7, "%", "rolling year to December 2023", 2, True),
    )
    answer = Answer("q", "", False, (), (), figures, ())
    assert ui_text.chart_series(answer) == [], "no chart when one period has two values"


def test_unverified_figure_gets_a_red_cross_badge() -> None:
    figure = CheckedFigure("41%", 41.0, "%", "March 2023", 2, False)
    assert ui_text.badge_markdown(figure) == (
        ":red-badge[✗ 41% · March 2023 \\[2\\] · not found in the source]"
    ), "a figure its source does not hold is marked ✗ in red"


def test_corpus_page_shows_what_each_document_is_about(app: AppTest) -> None:
    table = open_corpus_page(app).dataframe[0].value
    assert set(table["About"]) == {"Kent Police"}, f"every corpus document is about Kent: {table}"


@pytest.fixture
def own_copy(tmp_path: Path, real_settings: Settings) -> Settings:
    """A corpus and index of this test's own, for tests that change or remove documents."""
    shutil.copytree(real_settings.corpus_dir, tmp_path / "corpus")
    shutil.copytree(real_settings.index_dir, tmp_path / "index")
    for path in (tmp_path / "corpus").iterdir():
        path.chmod(0o644)
    return load_settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")


def test_fixing_a_documents_forces_updates_the_catalogue_and_the_index(
    own_copy: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.index import load_index
    from assistant.load import read_catalogue

    point_app_at(monkeypatch, own_copy)
    at = open_corpus_page(AppTest.from_file(APP, default_timeout=180).run())
    at.selectbox(key="edit_doc").set_value(REPORT_2019_ID).run()
    at.text_input(key=f"edit_title_{REPORT_2019_ID}").set_value("PEEL 2018/19: Kent")
    at.multiselect(key=f"edit_subjects_{REPORT_2019_ID}").set_value(["Kent Police", "Essex Police"])
    next(b for b in at.button if b.label == "Save changes").click().run()
    assert not at.exception, f"saving raised no exception: {at.exception}"
    entry = read_catalogue(own_copy.corpus_dir)[f"{REPORT_2019_ID}.txt"]
    assert (entry.title, entry.subjects) == ("PEEL 2018/19: Kent", ("Kent Police", "Essex Police"))
    indexed = load_index(own_copy.index_dir).document(REPORT_2019_ID)
    assert (indexed.title, indexed.subjects) == (entry.title, entry.subjects), indexed


def test_removing_a_document_takes_it_out_of_the_index(
    own_copy: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.index import load_index

    point_app_at(monkeypatch, own_copy)
    at = open_corpus_page(AppTest.from_file(APP, default_timeout=180).run())
    at.selectbox(key="edit_doc").set_value(REPORT_2019_ID).run()
    at.checkbox(key=f"confirm_remove_{REPORT_2019_ID}").check().run()
    at.button(key=f"remove_{REPORT_2019_ID}").click().run()
    assert not at.exception, f"removing raised no exception: {at.exception}"
    assert not (own_copy.corpus_dir / f"{REPORT_2019_ID}.txt").exists(), "the file is gone"
    doc_ids = [d.doc_id for d in load_index(own_copy.index_dir).data.documents]
    assert REPORT_2019_ID not in doc_ids and len(doc_ids) == 4, doc_ids


# --- checking a draft -------------------------------------------------------------------------------

# From the panel paper (6 February 2024), Appendix A para 20: 999 calls answered in 10 seconds were
# 69.4% in March 2023 and 84.5% for the rolling year to December 2023; the 101 abandonment rate
# was 33.4% in March 2023.
DRAFT = (
    "In March 2023 Kent answered 84.5% of 999 calls within 10 seconds. "
    "The 101 abandonment rate was 33.4% in March 2023. <script>alert(1)</script>"
)


def check_draft(at: AppTest, text: str) -> AppTest:
    at.sidebar.radio(key="page").set_value("Check a draft").run()
    at.text_area(key="draft").set_value(text).run()
    at.button(key="check").click().run()
    assert not at.exception, f"checking raised no exception: {at.exception}"
    return at


def test_check_marks_a_wrong_period_figure_as_contradicted(app: AppTest) -> None:
    at = check_draft(app, DRAFT)
    html = "\n".join(m.value for m in at.markdown)
    assert '<mark class="contradicted"' in html and ">84.5%</mark>" in html
    assert '<mark class="supported"' in html and ">33.4%</mark>" in html


def test_check_shows_what_the_source_gives_for_the_claimed_period(app: AppTest) -> None:
    at = check_draft(app, DRAFT)
    contradicted = [e for e in at.expander if "contradicted" in e.label]
    assert contradicted, "the contradicted claim has its own panel"
    panel = "\n".join(m.value for m in contradicted[0].markdown)
    assert "69.4%" in panel, panel


def test_check_shows_pasted_markup_as_text(app: AppTest) -> None:
    at = check_draft(app, DRAFT)
    html = "\n".join(m.value for m in at.markdown)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_no_bare_string_but_the_docstring_reaches_the_page() -> None:
    """Streamlit's magic writes any bare string statement of app.py onto the page."""
    tree = ast.parse(Path(APP).read_text(encoding="utf-8"))
    bare = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        and node is not tree.body[0]
        and not _is_function_docstring(tree, node)
    ]
    assert bare == [], f"bare strings Streamlit would show, at lines {bare}"


def _is_function_docstring(tree: ast.Module, node: ast.Expr) -> bool:
    return any(
        isinstance(owner, ast.FunctionDef | ast.ClassDef) and owner.body and owner.body[0] is node
        for owner in ast.walk(tree)
    )

"""Fixtures shared by every test module: the real corpus, the real bundled model, real indexes.

The model is loaded once per session and the corpus index is built once per session from a
copy of corpus/ (the working tree's index/ may be stale or being rebuilt by someone else).
Tests that change a corpus or an index work on their own copy (`index_copy`).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.embed import MiniLMEmbedder
from assistant.engine import Engine
from assistant.evaluate import claim_metrics
from assistant.ingest import IngestReport, build_document, ingest
from assistant.load import list_corpus, load_file, read_catalogue
from assistant.model_files import WordPieceCounter
from assistant.types import Document

PROJECT_ROOT = Path(__file__).resolve().parents[1]

SettingsFor = Callable[..., Settings]
EngineOver = Callable[[str, str], Engine]

# The citation object of `ask --json` (issue 3); `check --json` evidence uses the same shape.
CITATION_FIELDS = frozenset(
    {
        "n",
        "doc_id",
        "source_path",
        "title",
        "date",
        "page",
        "section",
        "paragraph",
        "quote",
        "start",
        "end",
        "subjects",
    }
)
RunCli = Callable[..., "subprocess.CompletedProcess[str]"]
PdfFromText = Callable[..., bytes]


def worst_verdict(engine: Engine, text: str) -> tuple[str, list[str]]:
    """The most severe verdict the check gives any claim of `text`, with every explanation."""
    report = engine.check(text)
    verdicts = {c.verdict for c in report.claims}
    worst = next(v for v in ("contradicted", "not_found", "supported") if v in verdicts)
    return worst, [c.explanation for c in report.claims]


def copy_corpus(source: Path, target: Path) -> Path:
    """A writable copy of a corpus folder (the project's corpus files are read-only)."""
    shutil.copytree(source, target)
    for path in target.iterdir():
        path.chmod(0o644)
    return target


# The longest files, longest first. The Makefile's workers take whole files in collection order
# (--dist loadfile --no-loadscope-reorder), so these start at once, one per worker, and the
# many short files fill the gaps; ordered by test count instead, they would start last.
LONGEST_FILES = (
    "test_mixed_forces.py",
    "test_eval.py",
    "test_eval_claims.py",
    "test_browser.py",
    "test_eval_sealed.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(LONGEST_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def settings_for() -> SettingsFor:
    """Settings whose corpus and index live under `root` (as `root/corpus`, `root/index`).

    Built from the code's defaults, not from assistant.toml, so a local config cannot
    change what the tests see. Keyword arguments override any other setting.
    """

    def make(root: Path, **overrides: object) -> Settings:
        values: dict[str, object] = {"corpus_dir": root / "corpus", "index_dir": root / "index"}
        values.update(overrides)
        return Settings().with_overrides(**values)

    return make


def assert_one_verdict(engine: Engine, text: str, verdict: str, expected: str | None) -> None:
    """The check reads `text` as one claim with this verdict and, when it is contradicted, this
    figure from the source first among those it expected: the table the check tests run."""
    (claim,) = engine.check(text).claims
    assert (claim.verdict, claim.expected[:1]) == (verdict, (expected,) if expected else ()), (
        claim.explanation
    )


@pytest.fixture(scope="session")
def engine_over_one(
    tmp_path_factory: pytest.TempPathFactory, settings_for: SettingsFor, embedder: MiniLMEmbedder
) -> EngineOver:
    """An engine over a corpus of one document, `name` holding `text`, ingested for real: how
    the check's tests put a force's own sentences in front of it."""

    def make(name: str, text: str) -> Engine:
        root = tmp_path_factory.mktemp(Path(name).stem)
        (root / "corpus").mkdir()
        (root / "corpus" / name).write_text(text, encoding="utf-8")
        settings = settings_for(root)
        ingest(settings, embedder=embedder)
        return Engine.open(settings, embedder=embedder)

    return make


@pytest.fixture(scope="session")
def embedder() -> MiniLMEmbedder:
    """The bundled all-MiniLM-L6-v2, loaded once for the whole session."""
    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def word_pieces() -> WordPieceCounter:
    """The bundled model's word-piece counter (no torch needed)."""
    return WordPieceCounter()


@pytest.fixture(scope="session")
def corpus_documents(project_root: Path) -> dict[str, Document]:
    """Every real corpus document loaded, cleaned and labelled (catalogue applied), by doc id."""
    corpus_dir = project_root / "corpus"
    catalogue = read_catalogue(corpus_dir)
    return {
        path.stem: build_document(
            load_file(path, project_root), path.stem, catalogue.get(path.name)
        )
        for path in list_corpus(corpus_dir)
    }


@pytest.fixture(scope="session")
def _built(
    tmp_path_factory: pytest.TempPathFactory,
    project_root: Path,
    settings_for: SettingsFor,
    embedder: MiniLMEmbedder,
) -> tuple[Settings, IngestReport]:
    root = tmp_path_factory.mktemp("built")
    copy_corpus(project_root / "corpus", root / "corpus")
    settings = settings_for(root)
    return settings, ingest(settings, embedder=embedder)


@pytest.fixture(scope="session")
def built_index(_built: tuple[Settings, IngestReport]) -> Settings:
    """Settings pointing at a session copy of corpus/ and the index built from it once.

    Read-only: a test that changes the corpus or the index uses `index_copy` instead.
    """
    return _built[0]


@pytest.fixture(scope="session")
def built_index_report(_built: tuple[Settings, IngestReport]) -> IngestReport:
    """What the session's first ingest of the whole corpus reported."""
    return _built[1]


@pytest.fixture(scope="session")
def engine(built_index: Settings, embedder: MiniLMEmbedder) -> Engine:
    """One Engine over the session index, sharing the session's model."""
    return Engine.open(built_index, embedder=embedder)


@pytest.fixture(scope="session")
def copy_built_index(
    built_index: Settings, settings_for: SettingsFor
) -> Callable[[Path], Settings]:
    """A factory of writable copies of the session corpus and its index under a given folder."""

    def make(root: Path) -> Settings:
        copy_corpus(built_index.corpus_dir, root / "corpus")
        shutil.copytree(built_index.index_dir, root / "index")
        return settings_for(root)

    return make


@pytest.fixture
def index_copy(tmp_path: Path, copy_built_index: Callable[[Path], Settings]) -> Settings:
    """A writable copy of the session corpus and its index, for tests that change either."""
    return copy_built_index(tmp_path)


@pytest.fixture(scope="session")
def pdf_from_text() -> PdfFromText:
    """A factory of real PDFs: one page per item of `pages`, long lines wrapped.

    Each "\\n"-separated line of a page is wrapped at `width` characters; an empty line is
    drawn as vertical space. `footer`, if given, is drawn at the bottom of every page, with
    "{page}" replaced by the page number.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    def make(pages: Sequence[str], footer: str | None = None, width: int = 85) -> bytes:
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4)
        page_height = A4[1]
        margin, leading = 56, 13
        for number, page in enumerate(pages, start=1):
            pdf.setFont("Helvetica", 10)
            y = page_height - margin
            for line in page.split("\n"):
                for piece in textwrap.wrap(line, width) or [""]:
                    if y < margin + 2 * leading:
                        raise ValueError(f"page {number} does not fit on one A4 page")
                    if piece:
                        pdf.drawString(margin, y, piece)
                    y -= leading
            if footer:
                pdf.setFont("Helvetica", 8)
                pdf.drawString(margin, margin / 2, footer.replace("{page}", str(number)))
            pdf.showPage()
        pdf.save()
        return buffer.getvalue()

    return make


@pytest.fixture(scope="session")
def encrypted_pdf(pdf_from_text: PdfFromText) -> bytes:
    """A one-page PDF that opens only with the password "secret"."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_from_text(["A confidential note."]))))
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def blank_pdf() -> bytes:
    """A PDF whose only page holds a drawn rectangle and no text, as a scanned image would."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.rect(100, 300, 300, 200, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture(scope="session")
def corrupt_pdf(pdf_from_text: PdfFromText) -> bytes:
    """A PDF cut off halfway: the header is there, the body, xref and trailer are not."""
    whole = pdf_from_text(["The rest of this file was lost in transfer."])
    return whole[: len(whole) // 2]


@pytest.fixture(scope="session")
def run_cli() -> RunCli:
    """Run the `assistant` command as a user does, against a given index and corpus.

    The project's assistant.toml (if any) is kept out, so a local config cannot change results.
    """

    def run(
        settings: Settings, *args: str, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        command = [
            sys.executable,
            "-m",
            "assistant.cli",
            "--index-dir",
            str(settings.index_dir),
            "--corpus-dir",
            str(settings.corpus_dir),
            *args,
        ]
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "ASSISTANT_CONFIG": str(settings.index_dir.parent / "no-such-config.toml"),
        }
        return subprocess.run(
            command,
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            cwd=PROJECT_ROOT,
            check=False,
        )

    return run


# --- floors: eval/floors.json, guarded by test_eval*.py ------------------------------------------

SEALED = PROJECT_ROOT / "eval" / "sealed" / "questions.jsonl"
SEALED_CLAIMS = SEALED.with_name("claims.jsonl")
# The bounds test_eval_claims.py guards; test_eval.py guards the rest of the tuned-on section.
CLAIM_METRICS = frozenset(
    name
    for prefix in ("", "sealed_")
    for name in claim_metrics(prefix, {"accuracy": 0.0, "contradicted_marked_supported": 0})
)


def bounds(section: str | None) -> list[tuple[str, str, float]]:
    """(metric, "floor" or "ceiling", bound) of the tuned-on metrics or of one section."""
    table = json.loads((PROJECT_ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))
    if section is not None:
        table = table.get(section, {})
    items = [(k, "floor", v) for k, v in table.items() if not isinstance(v, dict)]
    items += [(k, "ceiling", v) for k, v in table.get("ceilings", {}).items()]
    return items


def within(value: float | None, kind: str, bound: float) -> bool:
    return value is not None and (value >= bound if kind == "floor" else value <= bound)

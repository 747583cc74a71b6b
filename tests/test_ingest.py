"""assistant/ingest.py: load -> clean -> chunk -> embed -> index, incrementally, on copies of the
real corpus with the real model.

Each scenario changes its own copy of the session corpus and index once (a module fixture)
and the tests below it read what that one ingest did. The smallest document, the
August–October 2024 board paper, is the one edited, so re-embedding stays quick.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pytest

from assistant.chunk import CHUNKER_VERSION
from assistant.config import Settings
from assistant.embed import MiniLMEmbedder
from assistant.errors import IndexMismatchError, LoadError
from assistant.index import LoadedIndex, current_generation, load_index, read_manifest
from assistant.ingest import IngestReport, build_document, ingest
from assistant.load import list_corpus, load_file
from assistant.types import Document, RawDocument

REPORT_2019 = "2019-05-hmicfrs-peel-2018-19-kent"
MINUTES = "2022-10-31-pdb-minutes-peel-improvement-plan"
SUMMARY = "2022-force-summary-peel-2021-22"
PANEL = "2024-02-06-panel-paper-peel-2023-25"
BOARD = "2024-11-pdb-paper-inspections-audits-reviews"
DOC_IDS = {REPORT_2019, MINUTES, SUMMARY, PANEL, BOARD}
REBUILD = "assistant ingest --rebuild"
NEW_SENTENCE = (
    "3.6 Update on the 101 service\n\nThe force answered 92.3% of 101 calls within the target "
    "time in October 2024, its best month since the inspection.\n"
)
NEW_TITLE = "Inspections, Audits & Reviews – retitled for this test"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"

CopyIndex = Callable[[Path], Settings]


class Rerun(NamedTuple):
    """An ingest over an unchanged copy, with the live generation before and after it."""

    generation_before: str
    report: IngestReport
    generation_after: str


@dataclass(frozen=True)
class Run:
    """One ingest over a changed copy: the index before, the report, and the index after."""

    settings: Settings
    before: LoadedIndex
    report: IngestReport
    after: LoadedIndex

    def chunks_of(self, doc_id: str, index: LoadedIndex | None = None) -> list[str]:
        return [c.chunk_id for c in (index or self.after).chunks if c.doc_id == doc_id]

    def vectors_of(self, doc_id: str, index: LoadedIndex) -> np.ndarray:
        rows = [i for i, c in enumerate(index.chunks) if c.doc_id == doc_id]
        return index.data.vectors[rows]


def run_after(
    root: Path,
    copy_built_index: CopyIndex,
    embedder: MiniLMEmbedder,
    change: Callable[[Settings], None],
) -> Run:
    settings = copy_built_index(root)
    before = load_index(settings.index_dir)
    change(settings)
    report = ingest(settings, embedder=embedder)
    return Run(settings, before, report, load_index(settings.index_dir))


def corpus_file(settings: Settings, doc_id: str) -> Path:
    return settings.corpus_dir / f"{doc_id}.txt"


def skipped_reasons(report: IngestReport) -> dict[str, str]:
    """Skipped files by file name, with their reasons."""
    return {Path(s.path).name: s.reason for s in report.skipped}


# --- the first ingest (the session's index of the whole corpus) -------------------------------------


def test_first_ingest_indexes_five_documents(built_index_report: IngestReport) -> None:
    assert built_index_report.documents == 5, "the five corpus documents are indexed"


def test_first_ingest_embeds_every_chunk(built_index_report: IngestReport) -> None:
    report = built_index_report
    assert report.embedded_chunks == report.chunks > 0, "a first ingest embeds every chunk"


def test_first_ingest_skips_nothing(built_index_report: IngestReport) -> None:
    assert built_index_report.skipped == (), "every corpus document loads"


def test_first_ingest_fits_the_model_window(built_index_report: IngestReport) -> None:
    assert built_index_report.chunks_over_window == 0, (
        "no chunk exceeds the model's 256 word-pieces"
    )


def test_first_ingest_summary(built_index_report: IngestReport) -> None:
    assert built_index_report.summary().startswith("5 documents, "), "the summary names 5 documents"


def test_first_ingest_manifest_lists_the_corpus(built_index: Settings) -> None:
    assert set(read_manifest(built_index.index_dir).documents) == DOC_IDS, (
        "the manifest holds a content key per corpus document"
    )


def test_first_ingest_records_model_and_chunker(
    built_index: Settings, embedder: MiniLMEmbedder
) -> None:
    manifest = read_manifest(built_index.index_dir)
    assert (manifest.model_checksum, manifest.chunker_version) == (
        embedder.checksum,
        CHUNKER_VERSION,
    ), "the manifest records the weights' checksum and the chunker version"


# --- nothing changed ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unchanged(
    tmp_path_factory: pytest.TempPathFactory, copy_built_index: CopyIndex, embedder: MiniLMEmbedder
) -> Rerun:
    settings = copy_built_index(tmp_path_factory.mktemp("unchanged"))
    generation = str(current_generation(settings.index_dir))
    os.utime(corpus_file(settings, BOARD))  # a new modification time is not a change
    report = ingest(settings, embedder=embedder)
    return Rerun(generation, report, str(current_generation(settings.index_dir)))


def test_unchanged_corpus_is_up_to_date(unchanged: Rerun) -> None:
    assert unchanged.report.changed is False, "a second ingest with no change changes nothing"


def test_unchanged_corpus_embeds_nothing(unchanged: Rerun) -> None:
    assert unchanged.report.embedded_chunks == 0, "nothing is embedded when nothing changed"


def test_unchanged_corpus_writes_nothing(unchanged: Rerun) -> None:
    assert unchanged.generation_after == unchanged.generation_before, (
        "the index generation is the same as before"
    )


def test_unchanged_summary_says_up_to_date(unchanged: Rerun) -> None:
    assert "up to date" in unchanged.report.summary(), "the summary says the index is up to date"


def test_unchanged_summary_still_counts_documents(unchanged: Rerun) -> None:
    assert unchanged.report.summary().startswith("5 documents, "), (
        "the summary still names 5 documents"
    )


# --- one document edited ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edited(
    tmp_path_factory: pytest.TempPathFactory, copy_built_index: CopyIndex, embedder: MiniLMEmbedder
) -> Run:
    def append(settings: Settings) -> None:
        path = corpus_file(settings, BOARD)
        path.write_text(path.read_text(encoding="utf-8") + "\n" + NEW_SENTENCE, encoding="utf-8")

    return run_after(tmp_path_factory.mktemp("edited"), copy_built_index, embedder, append)


def test_edit_re_embeds_one_document(edited: Run) -> None:
    assert edited.report.embedded_documents == 1, "only the edited document is embedded again"


def test_edit_embeds_only_that_documents_chunks(edited: Run) -> None:
    assert edited.report.embedded_chunks == len(edited.chunks_of(BOARD)), (
        "the chunks embedded are the edited document's"
    )


def test_edit_indexes_the_new_text(edited: Run) -> None:
    found = [c for c in edited.after.chunks if "92.3% of 101 calls" in c.text]
    assert [c.doc_id for c in found] == [BOARD], "the added paragraph is indexed under its document"


@pytest.mark.parametrize("doc_id", sorted(DOC_IDS - {BOARD}))
def test_edit_keeps_other_vectors(edited: Run, doc_id: str) -> None:
    assert np.array_equal(
        edited.vectors_of(doc_id, edited.after), edited.vectors_of(doc_id, edited.before)
    ), f"{doc_id}'s vectors are kept as they were"


def test_edit_keeps_five_documents(edited: Run) -> None:
    assert edited.report.documents == 5, "the index still holds five documents"


# --- one document deleted ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deleted(
    tmp_path_factory: pytest.TempPathFactory, copy_built_index: CopyIndex, embedder: MiniLMEmbedder
) -> Run:
    return run_after(
        tmp_path_factory.mktemp("deleted"),
        copy_built_index,
        embedder,
        lambda settings: corpus_file(settings, SUMMARY).unlink(),
    )


def test_delete_reports_the_removed_document(deleted: Run) -> None:
    assert deleted.report.removed == (SUMMARY,), f"{SUMMARY} is reported removed"


def test_delete_drops_its_chunks(deleted: Run) -> None:
    assert deleted.chunks_of(SUMMARY) == [], "none of its chunks remain"


def test_delete_drops_its_entry(deleted: Run) -> None:
    assert SUMMARY not in {d.doc_id for d in deleted.after.data.documents}, "its entry is gone"


def test_delete_embeds_nothing(deleted: Run) -> None:
    assert deleted.report.embedded_chunks == 0, "removing a document embeds nothing"


def test_delete_keeps_the_others(deleted: Run) -> None:
    kept = {c.doc_id for c in deleted.after.chunks}
    assert kept == DOC_IDS - {SUMMARY}, f"the other four documents stay: {kept}"


# --- bad files added to the corpus ------------------------------------------------------------------


BAD_FILES = {
    "zero-bytes.txt": r"empty|0 bytes",
    "image.txt": r"binary|NUL",
    "windows-1252.txt": r"UTF-8",
    "locked.pdf": r"encrypted",
    "truncated.pdf": r"corrupt",
    "scan.pdf": r"no extractable text|image-only",
}


def write_bad_files(folder: Path, encrypted: bytes, corrupt: bytes, blank: bytes) -> None:
    contents = {
        "zero-bytes.txt": b"",
        "image.txt": PNG_BYTES,
        "windows-1252.txt": "Kent Police’s 101 service".encode("cp1252"),
        "locked.pdf": encrypted,
        "truncated.pdf": corrupt,
        "scan.pdf": blank,
    }
    for name, data in contents.items():
        (folder / name).write_bytes(data)


@pytest.fixture(scope="module")
def with_bad_files(
    tmp_path_factory: pytest.TempPathFactory,
    copy_built_index: CopyIndex,
    embedder: MiniLMEmbedder,
    encrypted_pdf: bytes,
    corrupt_pdf: bytes,
    blank_pdf: bytes,
) -> Run:
    return run_after(
        tmp_path_factory.mktemp("bad"),
        copy_built_index,
        embedder,
        lambda s: write_bad_files(s.corpus_dir, encrypted_pdf, corrupt_pdf, blank_pdf),
    )


@pytest.mark.parametrize(("name", "reason"), BAD_FILES.items(), ids=list(BAD_FILES))
def test_bad_file_is_skipped_with_its_reason(with_bad_files: Run, name: str, reason: str) -> None:
    reasons = skipped_reasons(with_bad_files.report)
    assert re.search(reason, reasons.get(name, ""), re.IGNORECASE), (
        f"{name} is skipped because {reason!r}: {reasons}"
    )


def test_bad_files_leave_the_rest_indexed(with_bad_files: Run) -> None:
    assert {c.doc_id for c in with_bad_files.after.chunks} == DOC_IDS, (
        "the five documents stay indexed"
    )


def test_bad_files_are_each_skipped_once(with_bad_files: Run) -> None:
    names = [Path(s.path).name for s in with_bad_files.report.skipped]
    assert sorted(names) == sorted(BAD_FILES), f"one skip line per bad file: {names}"


def test_bad_files_are_named_in_the_summary(with_bad_files: Run) -> None:
    lines = [
        line for line in with_bad_files.report.summary().splitlines() if "zero-bytes.txt" in line
    ]
    assert len(lines) == 1 and "empty" in lines[0], (
        f"one summary line names the file and why: {lines}"
    )


def test_bad_files_still_present_change_nothing(
    with_bad_files: Run, embedder: MiniLMEmbedder
) -> None:
    again = ingest(with_bad_files.settings, embedder=embedder)
    assert again.changed is False, "a second ingest with the same bad files has nothing to change"


def test_bad_files_still_present_are_still_reported(
    with_bad_files: Run, embedder: MiniLMEmbedder
) -> None:
    again = ingest(with_bad_files.settings, embedder=embedder)
    assert sorted(skipped_reasons(again)) == sorted(BAD_FILES), "each run names the files it skips"


@pytest.fixture(scope="module")
def fresh_with_bad_files(
    tmp_path_factory: pytest.TempPathFactory,
    settings_for: Callable[..., Settings],
    project_root: Path,
    embedder: MiniLMEmbedder,
    encrypted_pdf: bytes,
    corrupt_pdf: bytes,
    blank_pdf: bytes,
) -> tuple[IngestReport, LoadedIndex]:
    """A first ingest of a corpus of one good document and six bad files."""
    settings = settings_for(tmp_path_factory.mktemp("fresh-bad"))
    settings.corpus_dir.mkdir()
    good = project_root / "corpus" / f"{BOARD}.txt"
    (settings.corpus_dir / good.name).write_bytes(good.read_bytes())
    write_bad_files(settings.corpus_dir, encrypted_pdf, corrupt_pdf, blank_pdf)
    report = ingest(settings, embedder=embedder)
    return report, load_index(settings.index_dir)


def test_fresh_ingest_skips_every_bad_file(
    fresh_with_bad_files: tuple[IngestReport, LoadedIndex],
) -> None:
    assert sorted(skipped_reasons(fresh_with_bad_files[0])) == sorted(BAD_FILES), (
        "each of the six bad files is skipped"
    )


def test_fresh_ingest_indexes_the_good_document(
    fresh_with_bad_files: tuple[IngestReport, LoadedIndex],
) -> None:
    assert {c.doc_id for c in fresh_with_bad_files[1].chunks} == {BOARD}, (
        "the good document is indexed"
    )


# --- an indexed document becomes unreadable ---------------------------------------------------------


@pytest.fixture(scope="module")
def corrupted(
    tmp_path_factory: pytest.TempPathFactory, copy_built_index: CopyIndex, embedder: MiniLMEmbedder
) -> Run:
    def damage(settings: Settings) -> None:
        path = corpus_file(settings, MINUTES)
        path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))

    return run_after(tmp_path_factory.mktemp("corrupted"), copy_built_index, embedder, damage)


def test_corrupted_document_is_reported(corrupted: Run) -> None:
    reasons = skipped_reasons(corrupted.report)
    assert "UTF-8" in reasons.get(f"{MINUTES}.txt", ""), (
        f"the minutes are skipped as not UTF-8: {reasons}"
    )


def test_corrupted_document_keeps_its_chunks(corrupted: Run) -> None:
    assert corrupted.chunks_of(MINUTES) == corrupted.chunks_of(MINUTES, corrupted.before), (
        "the previously indexed minutes keep all their chunks"
    )


def test_corrupted_document_keeps_its_vectors(corrupted: Run) -> None:
    assert np.array_equal(
        corrupted.vectors_of(MINUTES, corrupted.after),
        corrupted.vectors_of(MINUTES, corrupted.before),
    ), "and their vectors"


def test_corrupted_document_keeps_its_text(corrupted: Run) -> None:
    assert corrupted.after.data.texts[MINUTES] == corrupted.before.data.texts[MINUTES], (
        "and their text"
    )


# --- the catalogue changes a title --------------------------------------------------------------------


@pytest.fixture(scope="module")
def retitled(
    tmp_path_factory: pytest.TempPathFactory, copy_built_index: CopyIndex, embedder: MiniLMEmbedder
) -> Run:
    def retitle(settings: Settings) -> None:
        path = settings.corpus_dir / "catalogue.toml"
        old = 'title = "Inspections, Audits & Reviews (Performance and Delivery Board paper, August–October 2024)"'
        text = path.read_text(encoding="utf-8")
        assert old in text, "the catalogue holds the board paper's title"
        path.write_text(text.replace(old, f'title = "{NEW_TITLE}"'), encoding="utf-8")

    return run_after(tmp_path_factory.mktemp("retitled"), copy_built_index, embedder, retitle)


def test_retitle_relabels_the_document(retitled: Run) -> None:
    assert retitled.after.document(BOARD).title == NEW_TITLE, (
        "the document takes the catalogue's new title"
    )


def test_retitle_relabels_its_chunks(retitled: Run) -> None:
    stale = [
        c.chunk_id
        for c in retitled.after.chunks
        if c.doc_id == BOARD and not c.context.startswith(NEW_TITLE)
    ]
    assert not stale, f"every chunk's context starts with the new title: {stale[:3]}"


def test_retitle_re_embeds_only_that_document(retitled: Run) -> None:
    assert retitled.report.embedded_documents == 1, "only the retitled document is embedded again"


# --- a PDF added to the corpus ---------------------------------------------------------------------


PDF_HEADING = "Responding to the Public – Requires Improvement (4 AFIs)"
PDF_PAGES = [
    PDF_HEADING + "\n\n"
    "19. The force has increased the capacity and capability of Local Policing Teams and ensured "
    "repeat callers and vulnerable callers are routinely identified enabling an effective response "
    "to incidents.",
    "20. In respect of 101 performance, again the report refers to March 2023 data with an "
    "abandonment rate of 33.4%, resulting in an AFI. Current performance reflects the improvements "
    "made with rolling year to December 2023 reporting an attrition rate of 12.7%.",
    "21. The report highlights the effective application of THRIVE, appropriate grading of calls "
    "and ensuring the public have channel choice in making contact.",
]
PDF_ID = "2024-02-06-responding-to-the-public"


@pytest.fixture(scope="module")
def with_pdf(
    tmp_path_factory: pytest.TempPathFactory,
    copy_built_index: CopyIndex,
    embedder: MiniLMEmbedder,
    pdf_from_text: Callable[..., bytes],
) -> Run:
    data = pdf_from_text(PDF_PAGES)
    return run_after(
        tmp_path_factory.mktemp("pdf"),
        copy_built_index,
        embedder,
        lambda s: (s.corpus_dir / f"{PDF_ID}.pdf").write_bytes(data),
    )


@pytest.mark.parametrize(
    ("fragment", "page"),
    [
        pytest.param("19. The force has increased", 1, id="paragraph-19"),
        pytest.param("abandonment rate of 33.4%", 2, id="paragraph-20"),
        pytest.param("21. The report highlights", 3, id="paragraph-21"),
    ],
)
def test_pdf_chunk_has_its_page(with_pdf: Run, fragment: str, page: int) -> None:
    pages = [c.page for c in with_pdf.after.chunks if c.doc_id == PDF_ID and fragment in c.text]
    assert pages == [page], f"the chunk holding {fragment!r} is on page {page}: {pages}"


def test_pdf_chunk_has_its_paragraph(with_pdf: Run) -> None:
    found = [c.paragraph for c in with_pdf.after.chunks if "33.4%" in c.text and c.doc_id == PDF_ID]
    assert found == ["20"], f"the 33.4% chunk of the PDF is paragraph 20: {found}"


def test_pdf_heading_is_the_section(with_pdf: Run) -> None:
    sections = [
        c.section for c in with_pdf.after.chunks if "33.4%" in c.text and c.doc_id == PDF_ID
    ]
    assert sections == [PDF_HEADING], (
        f"the PDF's heading is the section of the paragraphs under it: {sections}"
    )


def test_pdf_page_count(with_pdf: Run) -> None:
    assert with_pdf.after.document(PDF_ID).page_count == 3, "the document entry has its 3 pages"


def test_pdf_is_the_only_document_embedded(with_pdf: Run) -> None:
    assert with_pdf.report.embedded_documents == 1, "adding a PDF embeds only the PDF"


def test_pdf_makes_six_documents(with_pdf: Run) -> None:
    assert with_pdf.report.documents == 6, "the PDF joins the five documents"


# --- two files with one name ------------------------------------------------------------------------


def test_every_corpus_file_is_indexed_or_reported(
    index_copy: Settings, embedder: MiniLMEmbedder
) -> None:
    """A second file with the same name but another extension is neither lost nor silently
    replacing the first: each file ends up indexed or named among the skipped."""
    notes = index_copy.corpus_dir / f"{SUMMARY}.md"
    notes.write_text(
        "# Notes\n\nThe 2021/22 inspection gave Kent 19 areas for improvement.\n", encoding="utf-8"
    )
    report = ingest(index_copy, embedder=embedder)
    indexed = {Path(d.source_path).name for d in load_index(index_copy.index_dir).data.documents}
    accounted = indexed | set(skipped_reasons(report))
    missing = [p.name for p in list_corpus(index_copy.corpus_dir) if p.name not in accounted]
    assert not missing, f"every corpus file is indexed or reported as skipped: {missing}"


# --- rebuild ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_index(
    tmp_path_factory: pytest.TempPathFactory,
    settings_for: Callable[..., Settings],
    project_root: Path,
    embedder: MiniLMEmbedder,
) -> Settings:
    """A corpus of the board paper alone, indexed once."""
    settings = settings_for(tmp_path_factory.mktemp("small"))
    settings.corpus_dir.mkdir()
    source = project_root / "corpus" / f"{BOARD}.txt"
    (settings.corpus_dir / source.name).write_bytes(source.read_bytes())
    ingest(settings, embedder=embedder)
    return settings


def set_chunker_version(settings: Settings, version: str) -> None:
    generation = current_generation(settings.index_dir)
    assert generation is not None, "the index exists"
    path = generation / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["chunker_version"] = version
    path.write_text(json.dumps(manifest), encoding="utf-8")


def test_other_chunker_index_is_refused(
    small_index: Settings, embedder: MiniLMEmbedder, tmp_path: Path
) -> None:
    shutil.copytree(small_index.index_dir, tmp_path / "index")
    settings = small_index.with_overrides(index_dir=tmp_path / "index")
    set_chunker_version(settings, "0.c0")
    with pytest.raises(IndexMismatchError, match=REBUILD):
        ingest(settings, embedder=embedder)


@pytest.fixture(scope="module")
def rebuilt(small_index: Settings, embedder: MiniLMEmbedder) -> IngestReport:
    """--rebuild over an index built by another chunker version."""
    set_chunker_version(small_index, "0.c0")
    return ingest(small_index, rebuild=True, embedder=embedder)


def test_rebuild_re_embeds_every_chunk(rebuilt: IngestReport) -> None:
    assert rebuilt.embedded_chunks == rebuilt.chunks > 0, "--rebuild embeds every chunk again"


def test_rebuild_records_this_chunker(rebuilt: IngestReport, small_index: Settings) -> None:
    assert read_manifest(small_index.index_dir).chunker_version == CHUNKER_VERSION, (
        "the rebuilt index is stamped with this chunker version"
    )


def test_rebuilt_index_is_accepted(
    rebuilt: IngestReport, small_index: Settings, embedder: MiniLMEmbedder
) -> None:
    assert ingest(small_index, embedder=embedder).changed is False, (
        "after a rebuild the index is up to date"
    )


# --- labels: title, date and kind from the text; the catalogue wins --------------------------------


@pytest.fixture(scope="module")
def uncatalogued(project_root: Path) -> dict[str, Document]:
    """The corpus documents built without their catalogue entries: labels come from the text."""
    return {
        path.stem: build_document(load_file(path, project_root), path.stem, None)
        for path in list_corpus(project_root / "corpus")
    }


@pytest.mark.parametrize(
    ("doc_id", "date"),
    [
        pytest.param(PANEL, "2024-02-06", id="Date: 6 February 2024"),
        pytest.param(MINUTES, "2022-10-31", id="Date & time: Monday 31 October 2022"),
        pytest.param(REPORT_2019, "2019-05", id="May 2019 | © HMICFRS 2019"),
        pytest.param(BOARD, None, id="undated"),
        pytest.param(SUMMARY, None, id="undated-summary"),
    ],
)
def test_date_from_the_text(
    uncatalogued: dict[str, Document], doc_id: str, date: str | None
) -> None:
    assert uncatalogued[doc_id].date == date, f"{doc_id} is dated {date} by its own text"


def test_date_source_is_the_text(uncatalogued: dict[str, Document]) -> None:
    assert uncatalogued[PANEL].date_source == "text", "a date read from the text says so"


@pytest.mark.parametrize(
    ("doc_id", "title"),
    [
        pytest.param(
            PANEL, "HMICFRS PEEL 2023-25 – An inspection of Kent Police", id="Subject-line"
        ),
        pytest.param(
            MINUTES,
            "Bespoke HMICFRS PEEL Inspection - Performance and Delivery Board",
            id="Title-line",
        ),
    ],
)
def test_title_from_the_text(uncatalogued: dict[str, Document], doc_id: str, title: str) -> None:
    assert uncatalogued[doc_id].title == title, f"{doc_id} is titled {title!r} by its own text"


@pytest.mark.parametrize(
    ("doc_id", "kind"),
    [
        pytest.param(PANEL, "panel paper", id="panel"),
        pytest.param(MINUTES, "board minutes", id="minutes"),
        pytest.param(REPORT_2019, "inspection report", id="report"),
        pytest.param(BOARD, "board paper", id="board-paper"),
    ],
)
def test_kind_from_the_text(uncatalogued: dict[str, Document], doc_id: str, kind: str) -> None:
    assert uncatalogued[doc_id].kind == kind, f"{doc_id} reads as a {kind}"


def test_catalogue_date_wins(corpus_documents: dict[str, Document]) -> None:
    doc = corpus_documents[BOARD]
    assert (doc.date, doc.date_source) == ("2024-11", "catalogue"), (
        "the catalogue dates an undated paper"
    )


def test_catalogue_title_wins(corpus_documents: dict[str, Document]) -> None:
    assert corpus_documents[PANEL].title == (
        "HMICFRS PEEL 2023-25 – An inspection of Kent Police (Police and Crime Panel paper)"
    ), "the catalogue's title replaces the Subject line"


def test_document_with_no_text_after_cleaning_is_refused() -> None:
    raw = RawDocument(
        "corpus/bookmark-only.txt", ("[bookmark: _Hlk182401127]", ""), None, None, "0" * 64
    )
    with pytest.raises(LoadError, match=re.escape("bookmark-only.txt")):
        build_document(raw, "bookmark-only", None)

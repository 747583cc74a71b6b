"""assistant/load.py: files -> RawDocument, the catalogue, safe names and adding to the corpus.

The PDF is generated from the panel paper of 6 February 2024: its Appendix A paragraphs 19,
20 and 21 ("Responding to the Public"), one per page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.errors import CatalogueError, LoadError, ReplaceRefusedError
from assistant.load import (
    CatalogueEntry,
    add_to_corpus,
    check_corpus_file,
    list_corpus,
    load_file,
    printable_name,
    read_catalogue,
    remove_from_corpus,
    remove_stale_uploads,
    safe_file_name,
    sniff_kind,
    too_large,
    write_catalogue_entry,
)
from assistant.types import RawDocument

PANEL_PAPER = "2024-02-06-panel-paper-peel-2023-25.txt"
PARAGRAPH_19 = (
    "19. The force has increased the capacity and capability of Local Policing Teams and ensured "
    "repeat callers and vulnerable callers are routinely identified enabling an effective response "
    "to incidents."
)
PARAGRAPH_20 = (
    "20. Performance in respect of 999 and 101 calls was adversely affected by significant "
    "shortages of police staff call handlers in the Force Control Room however an innovative "
    "recruitment campaign has seen the call handler establishment met since July 2023, resulting "
    "in improving performance. In respect of 101 performance, again the report refers to March "
    "2023 data with an abandonment rate of 33.4%, resulting in an AFI. Current performance "
    "reflects the improvements made with rolling year to December 2023 reporting an attrition "
    "rate of 12.7%."
)
PARAGRAPH_21 = (
    "21. The report highlights the effective application of THRIVE, appropriate grading of calls "
    "and ensuring the public have channel choice in making contact whilst still receiving the "
    "same level of service and assessment of threat, risk and harm."
)
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
)
MB = 1024 * 1024
Content = Callable[[dict[str, bytes]], bytes]
"""The bytes of a bad file, given the session's bad PDFs by kind."""


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def panel_pdf(pdf_from_text: Callable[..., bytes]) -> bytes:
    return pdf_from_text([PARAGRAPH_19, PARAGRAPH_20, PARAGRAPH_21])


@pytest.fixture(scope="module")
def panel_pdf_raw(panel_pdf: bytes, tmp_path_factory: pytest.TempPathFactory) -> RawDocument:
    path = tmp_path_factory.mktemp("pdf") / "responding-to-the-public.pdf"
    path.write_bytes(panel_pdf)
    return load_file(path)


def page_of(raw: RawDocument, fragment: str) -> int | None:
    """The page of the first extracted line holding `fragment`."""
    assert raw.line_pages is not None, "a PDF's lines carry their pages"
    for line, page in zip(raw.lines, raw.line_pages, strict=True):
        if fragment in line:
            return page
    raise AssertionError(f"{fragment!r} is in some extracted line")


# --- bad input: one LoadError naming the file and the reason ----------------------------------------


BAD_FILES = [
    pytest.param("empty.txt", lambda pdfs: b"", r"empty|0 bytes", id="zero-byte"),
    pytest.param("image.txt", lambda pdfs: PNG_BYTES, r"binary|NUL", id="nul-bytes"),
    pytest.param(
        "windows-1252.txt",
        lambda pdfs: "Kent Police’s report".encode("cp1252"),
        r"UTF-8",
        id="not-utf8",
    ),
    pytest.param("blank.md", lambda pdfs: b"  \n\n\t\n", r"no text", id="white-space-only"),
    pytest.param("locked.pdf", lambda pdfs: pdfs["encrypted"], r"encrypted", id="encrypted-pdf"),
    pytest.param("truncated.pdf", lambda pdfs: pdfs["corrupt"], r"corrupt", id="corrupt-pdf"),
    pytest.param(
        "scan.pdf", lambda pdfs: pdfs["blank"], r"no extractable text", id="image-only-pdf"
    ),
    pytest.param(
        "fake.pdf", lambda pdfs: b"just some words", r"not a PDF", id="pdf-without-header"
    ),
    pytest.param("notes.docx", lambda pdfs: b"PK\x03\x04", r"unsupported", id="unsupported-type"),
]


@pytest.fixture(scope="module")
def pdfs(encrypted_pdf: bytes, corrupt_pdf: bytes, blank_pdf: bytes) -> dict[str, bytes]:
    return {"encrypted": encrypted_pdf, "corrupt": corrupt_pdf, "blank": blank_pdf}


def load_error(tmp_path: Path, name: str, data: bytes) -> LoadError:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path / name, tmp_path)
    return caught.value


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_bad_file_error_names_the_file(
    tmp_path: Path, pdfs: dict[str, bytes], name: str, content: Content, reason: str
) -> None:
    error = load_error(tmp_path, name, content(pdfs))
    assert str(error).startswith(f"{name}: "), f"the message starts with the file name: {error}"


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_bad_file_error_gives_the_reason(
    tmp_path: Path, pdfs: dict[str, bytes], name: str, content: Content, reason: str
) -> None:
    error = load_error(tmp_path, name, content(pdfs))
    assert re.search(reason, error.reason, re.IGNORECASE), f"the reason matches {reason!r}: {error}"


def test_non_utf8_error_points_at_the_byte(tmp_path: Path) -> None:
    data = "Kent Police’s report".encode("cp1252")  # ’ is byte 0x92 at offset 11
    error = load_error(tmp_path, "windows-1252.txt", data)
    assert "0x92" in error.reason and "11" in error.reason, f"the bad byte is named: {error}"


def test_pdf_encrypted_with_an_empty_password_still_loads(tmp_path: Path, panel_pdf: bytes) -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(panel_pdf)))
    writer.encrypt(user_password="", owner_password="owner-only")
    buffer = io.BytesIO()
    writer.write(buffer)
    (tmp_path / "restricted.pdf").write_bytes(buffer.getvalue())
    raw = load_file(tmp_path / "restricted.pdf")
    assert raw.page_count == 3, "a PDF that opens without a password is read like any other"


# --- PDF: pages are kept -----------------------------------------------------------------------------


def test_pdf_page_count(panel_pdf_raw: RawDocument) -> None:
    assert panel_pdf_raw.page_count == 3, "three paragraphs on three pages make three pages"


def test_pdf_every_line_has_a_page(panel_pdf_raw: RawDocument) -> None:
    pages = panel_pdf_raw.line_pages or ()
    assert len(pages) == len(panel_pdf_raw.lines), "each extracted line has its page number"


@pytest.mark.parametrize(
    ("fragment", "page"),
    [
        pytest.param("19. The force has increased", 1, id="paragraph-19-page-1"),
        pytest.param("abandonment rate of 33.4%", 2, id="33.4%-page-2"),
        pytest.param("rate of 12.7%", 2, id="12.7%-page-2"),
        pytest.param("21. The report highlights", 3, id="paragraph-21-page-3"),
    ],
)
def test_pdf_line_page(panel_pdf_raw: RawDocument, fragment: str, page: int) -> None:
    assert page_of(panel_pdf_raw, fragment) == page, f"{fragment!r} is read from page {page}"


def test_pdf_keeps_its_words(panel_pdf_raw: RawDocument) -> None:
    words = " ".join(" ".join(panel_pdf_raw.lines).split())
    assert " ".join(PARAGRAPH_20.split()) in words, "paragraph 20 comes back word for word"


def test_pdf_content_hash_is_the_file_hash(panel_pdf: bytes, panel_pdf_raw: RawDocument) -> None:
    import hashlib

    assert panel_pdf_raw.content_hash == hashlib.sha256(panel_pdf).hexdigest(), (
        "the content hash is the sha256 of the file's bytes"
    )


# --- text and Markdown --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_text(project_root: Path) -> RawDocument:
    return load_file(project_root / "corpus" / PANEL_PAPER, project_root)


def test_txt_source_path_is_relative_to_the_root(real_text: RawDocument) -> None:
    assert real_text.source_path == f"corpus/{PANEL_PAPER}", "the path is shown from the root"


def test_txt_has_no_pages(real_text: RawDocument) -> None:
    assert (real_text.line_pages, real_text.page_count) == (None, None), "text has no pages"


def test_txt_lines_are_the_file_lines(real_text: RawDocument, project_root: Path) -> None:
    lines = (project_root / "corpus" / PANEL_PAPER).read_text(encoding="utf-8").split("\n")
    assert list(real_text.lines) == lines, "a .txt file's lines come back unchanged"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        pytest.param(
            "a.md",
            b"# Next Steps\n\n54. The plan.\n",
            ("# Next Steps", "", "54. The plan.", ""),
            id="markdown",
        ),
        pytest.param(
            "b.txt",
            b"Next Steps\r\n\r\n54. The plan.",
            ("Next Steps", "", "54. The plan."),
            id="crlf",
        ),
        pytest.param("c.txt", "\ufeffNext Steps\n".encode(), ("Next Steps", ""), id="utf8-bom"),
        pytest.param("d.TXT", b"Next Steps", ("Next Steps",), id="upper-case-suffix"),
    ],
)
def test_text_lines(tmp_path: Path, name: str, data: bytes, expected: tuple[str, ...]) -> None:
    (tmp_path / name).write_bytes(data)
    assert load_file(tmp_path / name).lines == expected, f"{name} reads as {expected}"


# --- the corpus folder and its catalogue -------------------------------------------------------------


def test_list_corpus_finds_the_five_documents(project_root: Path) -> None:
    names = [p.name for p in list_corpus(project_root / "corpus")]
    assert len(names) == 5 and all(n.endswith(".txt") for n in names), f"five .txt files: {names}"


def test_list_corpus_skips_what_is_not_a_document(tmp_path: Path) -> None:
    for name in (
        "catalogue.toml",
        ".hidden.txt",
        "README.md",
        "notes.docx",
        "a.txt",
        "b.md",
        "c.pdf",
    ):
        (tmp_path / name).write_text("x", encoding="utf-8")
    names = [p.name for p in list_corpus(tmp_path)]
    assert names == ["a.txt", "b.md", "c.pdf"], (
        f"only PDF, .txt and .md documents are listed: {names}"
    )


def test_list_corpus_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert list_corpus(tmp_path / "nowhere") == [], "a missing corpus folder holds no documents"


def test_catalogue_names_only_corpus_files(project_root: Path) -> None:
    corpus = project_root / "corpus"
    names = {p.name for p in list_corpus(corpus)}
    assert set(read_catalogue(corpus)) == names, "the catalogue has one entry per corpus file"


def test_catalogue_entry_fields(project_root: Path) -> None:
    entry = read_catalogue(project_root / "corpus")[
        "2022-10-31-pdb-minutes-peel-improvement-plan.txt"
    ]
    assert (entry.date, entry.kind) == ("2022-10-31", "board minutes"), f"fields are read: {entry}"


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        pytest.param('["a.txt"]\nauthor = "me"\n', "author", id="unknown-field"),
        pytest.param('["a.txt"]\ndate = 2024\n', "a.txt", id="not-a-string"),
        pytest.param('title = "loose"\n', "title", id="not-a-table"),
        pytest.param('["a.txt"\ntitle = \n', "catalogue.toml", id="bad-toml"),
        pytest.param('["a.txt"]\nsubjects = "Kent"\n', "a.txt", id="subjects-not-a-list"),
        pytest.param('["a.txt"]\nsubjects = [1]\n', "a.txt", id="subjects-not-names"),
    ],
)
def test_malformed_catalogue_is_refused(tmp_path: Path, toml: str, named: str) -> None:
    (tmp_path / "catalogue.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(CatalogueError, match=re.escape(named)):
        read_catalogue(tmp_path)


def test_catalogue_entry_round_trips_with_its_header(tmp_path: Path) -> None:
    (tmp_path / "catalogue.toml").write_text(
        '# the catalogue\n\n["a.txt"]\ntitle = "A"\n', encoding="utf-8"
    )
    entry = CatalogueEntry(
        title='Essex "999" minutes \\ notes', date="2024-12-12", subjects=("Essex Police",)
    )
    write_catalogue_entry(tmp_path, "b.txt", entry)
    assert read_catalogue(tmp_path) == {"a.txt": CatalogueEntry(title="A"), "b.txt": entry}
    assert (tmp_path / "catalogue.toml").read_text(encoding="utf-8").startswith("# the catalogue")


def test_removing_a_document_drops_its_file_and_entry(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    write_catalogue_entry(tmp_path, "a.txt", CatalogueEntry(title="A"))
    remove_from_corpus(tmp_path, "a.txt")
    assert (list_corpus(tmp_path), read_catalogue(tmp_path)) == ([], {})


def test_removing_a_path_outside_the_corpus_is_refused(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    with pytest.raises(LoadError, match="not a document"):
        remove_from_corpus(tmp_path / "corpus", "../secret.txt")
    assert (tmp_path / "secret.txt").exists()


def test_missing_catalogue_is_empty(tmp_path: Path) -> None:
    assert read_catalogue(tmp_path) == {}, "a corpus without a catalogue has no overrides"


# --- safe names and adding files to the corpus ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("report.pdf", "report.pdf", id="plain"),
        pytest.param("../../etc/passwd", "passwd", id="path-traversal"),
        pytest.param("..\\..\\Windows\\evil.txt", "evil.txt", id="windows-traversal"),
        pytest.param("/abs/path/notes.md", "notes.md", id="absolute-path"),
        pytest.param(
            "PEEL report 2024 (final).PDF", "PEEL-report-2024-final.pdf", id="spaces-brackets"
        ),
        pytest.param(".hidden.txt", "hidden.txt", id="leading-dot"),
        pytest.param("Kent’s “report”.txt", "Kent-s-report.txt", id="curly-quotes"),
        pytest.param("a:b*c?.txt", "a-b-c.txt", id="reserved-characters"),
        pytest.param("", "document", id="empty"),
        pytest.param("..", "document", id="dot-dot"),
        pytest.param("no-extension", "no-extension", id="no-extension"),
    ],
)
def test_safe_file_name(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected, f"{name!r} is stored as {expected!r}"


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "a/../../b.txt", "~/x.pdf", "C:\\x\\y.md", "\x00.txt", "é" * 200 + ".txt"],
)
def test_safe_file_name_has_only_safe_characters(name: str) -> None:
    safe = safe_file_name(name)
    assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,90}", safe), f"{name!r} -> {safe!r} is safe"


def test_add_text_file(tmp_path: Path) -> None:
    target = add_to_corpus(PARAGRAPH_20.encode(), "panel para 20.txt", tmp_path, 20 * MB)
    assert target == tmp_path / "panel-para-20.txt", f"stored under a safe name: {target}"


def test_add_keeps_the_bytes(tmp_path: Path) -> None:
    target = add_to_corpus(PARAGRAPH_20.encode(), "para.txt", tmp_path, 20 * MB)
    assert target.read_bytes() == PARAGRAPH_20.encode(), "the stored file holds the uploaded bytes"


def test_add_never_writes_outside_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    target = add_to_corpus(b"Some notes.", "../../outside.txt", corpus, 20 * MB)
    assert target.parent == corpus, f"a traversal name is stored inside the corpus: {target}"


def test_add_pdf_named_txt_is_stored_as_pdf(tmp_path: Path, panel_pdf: bytes) -> None:
    target = add_to_corpus(panel_pdf, "responding.txt", tmp_path, 20 * MB)
    assert target.suffix == ".pdf", f"a PDF is stored as a PDF whatever its name: {target}"


def test_add_text_named_pdf_is_stored_as_text(tmp_path: Path) -> None:
    target = add_to_corpus(PARAGRAPH_21.encode(), "paragraph-21.pdf", tmp_path, 20 * MB)
    assert load_file(target).lines == (PARAGRAPH_21,), (
        f"text named .pdf is stored as text: {target}"
    )


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        pytest.param("picture.txt", PNG_BYTES, "not a PDF or UTF-8 text", id="png-named-txt"),
        pytest.param("latin1.md", "café".encode("latin-1"), "UTF-8", id="not-utf8"),
        pytest.param("empty.txt", b"", "empty", id="empty"),
        pytest.param("big.txt", b"x" * (MB + 1), "too large", id="too-large"),
    ],
)
def test_add_refuses_by_content(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    with pytest.raises(LoadError, match=reason):
        add_to_corpus(data, name, tmp_path, MB)


@pytest.mark.parametrize("kind", ["encrypted", "corrupt", "blank"])
def test_add_refuses_an_unusable_pdf(tmp_path: Path, pdfs: dict[str, bytes], kind: str) -> None:
    with pytest.raises(LoadError):
        add_to_corpus(pdfs[kind], f"{kind}.pdf", tmp_path, 20 * MB)


@pytest.mark.parametrize("kind", ["encrypted", "corrupt", "blank"])
def test_refused_upload_leaves_nothing_behind(
    tmp_path: Path, pdfs: dict[str, bytes], kind: str
) -> None:
    with pytest.raises(LoadError):
        add_to_corpus(pdfs[kind], f"{kind}.pdf", tmp_path, 20 * MB)
    assert list(tmp_path.iterdir()) == [], "no file, not even a hidden staging file, is left"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        pytest.param(b"%PDF-1.7\n", "pdf", id="pdf-header"),
        pytest.param("Kent’s rate".encode(), "text", id="utf8"),
        pytest.param(PNG_BYTES, None, id="png"),
        pytest.param("Kent’s rate".encode("cp1252"), None, id="cp1252"),
        pytest.param(("x" * 65535 + "’").encode(), "text", id="utf8-cut-at-64k"),
    ],
)
def test_sniff_kind(data: bytes, kind: str | None) -> None:
    assert sniff_kind(data) == kind, f"content sniffs as {kind}"


# --- hostile names, replacing, limits (issue 11) ------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("отчёт.txt", "доклад.txt", id="cyrillic"),
        pytest.param("报告.pdf", "会议纪要.pdf", id="chinese"),
        pytest.param("Café.md", "Cafè.md", id="accents"),
    ],
)
def test_non_latin_names_stay_distinct(first: str, second: str) -> None:
    a, b = safe_file_name(first), safe_file_name(second)
    assert a != b, f"{first!r} and {second!r} must not both become {a!r}"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        pytest.param("a\nb.txt", "a?b.txt", id="newline"),
        pytest.param("\x1b[31mred.txt", "?[31mred.txt", id="terminal-escape"),
        pytest.param("evil\u202etxt.pdf", "evil?txt.pdf", id="bidi-override"),
        pytest.param("plain-name.txt", "plain-name.txt", id="plain"),
    ],
)
def test_printable_name(name: str, shown: str) -> None:
    assert printable_name(name) == shown, f"{name!r} is printed as {shown!r}"


@pytest.mark.parametrize(
    ("size", "limit", "reason"),
    [
        pytest.param(21 * MB, 20 * MB, "too large (21 MiB; the limit is 20 MiB)", id="20-mib"),
        pytest.param(MB + MB // 2, MB, "too large (1.5 MiB; the limit is 1 MiB)", id="fraction"),
    ],
)
def test_size_reason_is_in_mib(size: int, limit: int, reason: str) -> None:
    assert too_large(size, limit) == reason


def test_add_refuses_to_replace_a_different_document(tmp_path: Path) -> None:
    add_to_corpus(PARAGRAPH_20.encode(), "para.txt", tmp_path, 20 * MB)
    with pytest.raises(ReplaceRefusedError, match=re.escape("para.txt")):
        add_to_corpus(PARAGRAPH_21.encode(), "para.txt", tmp_path, 20 * MB)
    assert (tmp_path / "para.txt").read_text() == PARAGRAPH_20, "the first document is kept"


def test_add_replaces_when_asked(tmp_path: Path) -> None:
    add_to_corpus(PARAGRAPH_20.encode(), "para.txt", tmp_path, 20 * MB)
    add_to_corpus(PARAGRAPH_21.encode(), "para.txt", tmp_path, 20 * MB, replace=True)
    assert (tmp_path / "para.txt").read_text() == PARAGRAPH_21, "the file was replaced"


def test_add_of_the_same_bytes_is_no_replace(tmp_path: Path) -> None:
    add_to_corpus(PARAGRAPH_20.encode(), "para.txt", tmp_path, 20 * MB)
    target = add_to_corpus(PARAGRAPH_20.encode(), "para.txt", tmp_path, 20 * MB)
    assert target == tmp_path / "para.txt", "adding the same file again changes nothing"


def test_add_under_another_type_replaces_the_same_document(tmp_path: Path) -> None:
    add_to_corpus(PARAGRAPH_20.encode(), "para.txt", tmp_path, 20 * MB)
    with pytest.raises(ReplaceRefusedError):
        add_to_corpus(PARAGRAPH_21.encode(), "para.md", tmp_path, 20 * MB)
    add_to_corpus(PARAGRAPH_21.encode(), "para.md", tmp_path, 20 * MB, replace=True)
    assert [p.name for p in list_corpus(tmp_path)] == ["para.md"], "one document named para"


def test_added_readme_is_listed_as_a_document(tmp_path: Path) -> None:
    target = add_to_corpus(PARAGRAPH_20.encode(), "README.md", tmp_path, 20 * MB)
    assert target in list_corpus(tmp_path), f"{target.name} is indexed, not ignored as README"


def test_link_out_of_the_corpus_is_refused(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "secret.txt"
    corpus.mkdir()
    outside.write_text("secret")
    (corpus / "link.txt").symlink_to(outside)
    assert corpus / "link.txt" in list_corpus(corpus), "a link is listed, to be reported"
    with pytest.raises(LoadError, match="outside the corpus folder"):
        check_corpus_file(corpus / "link.txt", corpus, 20 * MB)


def test_link_inside_the_corpus_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("notes")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert check_corpus_file(tmp_path / "b.txt", tmp_path, 20 * MB) == 5, "its size is checked"


def test_corpus_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"x" * (MB + 1))
    with pytest.raises(LoadError, match="too large"):
        check_corpus_file(tmp_path / "big.txt", tmp_path, MB)


def test_pdf_over_the_page_limit_is_refused(
    tmp_path: Path, pdf_from_text: Callable[..., bytes]
) -> None:
    (tmp_path / "long.pdf").write_bytes(pdf_from_text(["one", "two", "three"]))
    with pytest.raises(LoadError, match=re.escape("too many pages (3; the limit is 2)")):
        load_file(tmp_path / "long.pdf", max_pages=2)


def test_pdf_over_the_time_limit_is_refused(tmp_path: Path, panel_pdf: bytes) -> None:
    (tmp_path / "slow.pdf").write_bytes(panel_pdf)
    with pytest.raises(LoadError, match="still being read after"):
        load_file(tmp_path / "slow.pdf", max_seconds=-1)


def test_stale_upload_is_removed_and_a_fresh_one_kept(tmp_path: Path) -> None:
    import os
    import time

    stale, fresh = tmp_path / ".upload-old.txt", tmp_path / ".upload-new.txt"
    stale.write_text("x")
    fresh.write_text("x")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    remove_stale_uploads(tmp_path)
    assert (stale.exists(), fresh.exists()) == (False, True), "only the crashed upload goes"

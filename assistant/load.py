"""path -> RawDocument for PDF, text and Markdown; the only module that reads corpus/."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import time
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import CatalogueError, LoadError, ReplaceRefusedError
from assistant.types import RawDocument

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md")
CATALOGUE_NAME = "catalogue.toml"
CATALOGUE_FIELDS = ("title", "date", "kind", "note", "subjects")
README_NAME = "readme.md"
"""corpus/README.md describes the folder; it is never a document."""
_STAGING_PREFIX = ".upload-"


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """What a user wrote about one document; any field may be missing."""

    title: str | None = None
    date: str | None = None
    kind: str | None = None
    note: str | None = None
    subjects: tuple[str, ...] | None = None
    """The forces the document reports on, as named in forces.toml, or "All forces"."""


def list_corpus(corpus_dir: Path) -> list[Path]:
    """Every loadable document directly in the corpus folder, sorted by name.

    Symbolic links are listed too, so that one leading out of the folder is
    reported as skipped (by `check_corpus_file`) rather than silently ignored.
    """
    if not corpus_dir.is_dir():
        return []
    return sorted(
        p
        for p in corpus_dir.iterdir()
        if (p.is_file() or p.is_symlink())
        and p.suffix.lower() in SUPPORTED_SUFFIXES
        and not p.name.startswith(".")
        and p.name.lower() != README_NAME
    )


def check_corpus_file(path: Path, corpus_dir: Path, max_bytes: int) -> int:
    """The size of a corpus file that may be read; LoadError if it leaves the folder or is too big.

    Checked before a byte is read, so a link to /etc/passwd is never quoted and a
    200 MB file never hashed.
    """
    shown = _display_path(path, corpus_dir.parent)
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        raise LoadError(shown, "broken symbolic link or unreadable path") from exc
    if not resolved.is_relative_to(corpus_dir.resolve()):
        raise LoadError(shown, "symbolic link to a file outside the corpus folder; refused")
    if not resolved.is_file():
        raise LoadError(shown, "not a regular file")
    size = resolved.stat().st_size
    if size > max_bytes:
        raise LoadError(shown, too_large(size, max_bytes))
    return size


def too_large(size: int, max_bytes: int) -> str:
    """The reason a file is refused for its size, in the binary units the limit is set in."""
    return f"too large ({_mib(size)}; the limit is {_mib(max_bytes)})"


def _mib(size: int) -> str:
    value = size / 2**20
    return f"{value:.0f} MiB" if value == int(value) else f"{value:.1f} MiB"  # e.g. "20 MiB"


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def printable_name(name: str) -> str:
    """A file name safe to print: control, escape and bidi characters shown as "?"."""
    return _UNPRINTABLE.sub("?", name)


def remove_stale_uploads(corpus_dir: Path, older_than: float = 60.0) -> None:
    """Delete staging files of uploads cut off by a crash (older than a minute: none in flight)."""
    if not corpus_dir.is_dir():
        return
    cutoff = time.time() - older_than
    for path in corpus_dir.glob(f"{_STAGING_PREFIX}*"):
        with contextlib.suppress(OSError):
            if path.lstat().st_mtime < cutoff:
                path.unlink()


def read_catalogue(corpus_dir: Path) -> dict[str, CatalogueEntry]:
    """The catalogue keyed by file name; an absent catalogue is an empty one."""
    path = corpus_dir / CATALOGUE_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{path}: {exc}") from exc
    entries: dict[str, CatalogueEntry] = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise CatalogueError(f"{path}: [{name}] must be a table of fields")
        unknown = set(table) - set(CATALOGUE_FIELDS)
        if unknown:
            raise CatalogueError(f"{path}: [{name}] has unknown field(s) {sorted(unknown)}")
        subjects = table.pop("subjects", None)
        if any(not isinstance(v, str) for v in table.values()):
            raise CatalogueError(f"{path}: [{name}] fields must be strings")
        if subjects is not None and (
            not isinstance(subjects, list) or not all(isinstance(v, str) for v in subjects)
        ):
            raise CatalogueError(f"{path}: [{name}] subjects must be a list of force names")
        entries[name] = CatalogueEntry(
            **table, subjects=tuple(subjects) if subjects is not None else None
        )
    return entries


def write_catalogue_entry(corpus_dir: Path, name: str, entry: CatalogueEntry | None) -> None:
    """Set (or, with None, drop) one file's catalogue table; written to a temporary file and
    renamed, so a crash leaves the old catalogue whole. The leading comment block is kept."""
    path = corpus_dir / CATALOGUE_NAME
    entries = read_catalogue(corpus_dir)
    if entry is None:
        entries.pop(name, None)
    else:
        entries[name] = entry
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    header = []
    for line in old.splitlines():
        if line.startswith("[") and not line.startswith("#"):
            break
        header.append(line)
    lines = [*header] if header else []
    for file_name, row in entries.items():
        values = {f: getattr(row, f) for f in CATALOGUE_FIELDS if getattr(row, f) is not None}
        if not values:
            continue
        if lines and lines[-1].strip():
            lines.append("")
        lines.append(f"[{_toml_string(file_name)}]")
        for field_name, value in values.items():
            shown = (
                "[" + ", ".join(_toml_string(v) for v in value) + "]"
                if isinstance(value, tuple)
                else _toml_string(value)
            )
            lines.append(f"{field_name} = {shown}")
    staging = corpus_dir / f".{CATALOGUE_NAME}.tmp"
    staging.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    staging.replace(path)


def remove_from_corpus(corpus_dir: Path, name: str) -> None:
    """Delete a document file and its catalogue table; the next ingest drops it from the index."""
    target = corpus_dir / safe_file_name(name)
    if target.name != name or not target.is_file():
        raise LoadError(name, "is not a document in the corpus")
    write_catalogue_entry(corpus_dir, name, None)
    target.unlink()


def _toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c >= " " or c == "\t" else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_file(
    path: Path,
    root: Path | None = None,
    max_pages: int | None = None,
    max_seconds: float | None = None,
) -> RawDocument:
    """Read one document; raise LoadError naming the file and why it cannot be used.

    A PDF of more than `max_pages` pages, or still being read after `max_seconds`,
    is refused, so one hostile file cannot hold up an ingest.
    """
    shown = _display_path(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(shown, f"cannot be read ({exc.strerror})") from exc
    if not data:
        raise LoadError(shown, "empty file (0 bytes)")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _load_pdf(data, shown, max_pages, max_seconds)
    if suffix in (".txt", ".md"):
        return _load_text(data, shown)
    raise LoadError(shown, f"unsupported file type {suffix or '(none)'}; use PDF, .txt or .md")


def sniff_kind(data: bytes) -> str | None:
    """'pdf' or 'text' judged by content, not by name; None for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    head = data[:65536]
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the 64 KiB slice is still text.
        if exc.start < len(head) - 4:
            return None
    return "text"


def _display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            # The link itself, not its target: "corpus/a.txt" even when a.txt is a symlink.
            absolute = Path(os.path.abspath(path))
            return printable_name(absolute.relative_to(root.resolve()).as_posix())
        except ValueError:
            pass
    return printable_name(str(path))


def decode_text(data: bytes, shown: str) -> str:
    """UTF-8 text (a BOM dropped); LoadError naming `shown` for binary or other encodings."""
    if b"\x00" in data:
        raise LoadError(shown, "binary file, not text (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            shown, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc


def _load_text(data: bytes, shown: str) -> RawDocument:
    text = decode_text(data, shown)
    if not text.strip():
        raise LoadError(shown, "no text (only white space)")
    lines = tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return RawDocument(shown, lines, None, None, file_hash(data))


def _load_pdf(
    data: bytes, shown: str, max_pages: int | None, max_seconds: float | None
) -> RawDocument:
    import io

    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    if not data.startswith(b"%PDF-"):
        raise LoadError(shown, "not a PDF (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise LoadError(shown, "encrypted PDF (needs a password)")
            except (FileNotDecryptedError, NotImplementedError) as exc:
                raise LoadError(shown, "encrypted PDF (needs a password)") from exc
        if max_pages is not None and len(reader.pages) > max_pages:
            raise LoadError(
                shown, f"too many pages ({len(reader.pages)}; the limit is {max_pages})"
            )
        deadline = time.monotonic() + max_seconds if max_seconds is not None else None
        pages: list[str] = []
        for page in reader.pages:
            if deadline is not None and time.monotonic() > deadline:
                raise LoadError(
                    shown, f"still being read after {max_seconds:g} s (page {len(pages) + 1})"
                )
            # Layout mode keeps vertical gaps as blank lines, so headings stay apart from paragraphs.
            pages.append(page.extract_text(extraction_mode="layout") or "")
    except LoadError:
        raise
    except LimitReachedError as exc:
        raise LoadError(shown, f"refused by the PDF reader's safety limit ({_brief(exc)})") from exc
    except RecursionError as exc:
        raise LoadError(shown, "corrupt PDF (objects nested too deeply)") from exc
    except Exception as exc:  # a hostile PDF can make the parser raise anything; skip the file
        raise LoadError(shown, f"corrupt PDF ({type(exc).__name__}: {_brief(exc)})") from exc
    if not pages:
        raise LoadError(shown, "PDF has no pages")
    if not any(p.strip() for p in pages):
        raise LoadError(shown, "no extractable text (image-only or blank PDF)")
    lines: list[str] = []
    line_pages: list[int] = []
    for number, page_text in enumerate(pages, start=1):
        page_lines = page_text.replace("\r\n", "\n").split("\n")
        lines.extend(page_lines)
        line_pages.extend([number] * len(page_lines))
        # A blank line between pages keeps a page's last line from fusing with the next one's first.
        lines.append("")
        line_pages.append(number)
    return RawDocument(shown, tuple(lines), tuple(line_pages), len(pages), file_hash(data))


def _brief(exc: Exception, limit: int = 160) -> str:
    """A parser's message on one printable line: it may quote the file's own bytes."""
    text = " ".join(printable_name(str(exc)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_file_name(name: str) -> str:
    """A file name with no path, no leading dots and only [A-Za-z0-9._-]; e.g. "../a b.PDF" -> "a-b.pdf".

    Letters that cannot be kept (e.g. "отчёт.txt") are replaced by a short hash of
    the original name, so two such names never become the same file.
    """
    base = Path(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    safe_stem = _SAFE_NAME.sub("-", stem).strip("-.")
    if any(unicodedata.category(c)[0] in "LN" and _SAFE_NAME.match(c) for c in stem):
        tag = hashlib.sha256(unicodedata.normalize("NFC", stem).encode()).hexdigest()[:8]
        safe_stem = f"{(safe_stem or 'document')[:71]}-{tag}"  # e.g. "document-3f9a0c1e"
    safe_stem = safe_stem or "document"
    suffix = _SAFE_NAME.sub("", suffix).lower()
    return f"{safe_stem[:80]}.{suffix}" if suffix else safe_stem[:80]


def corpus_name(data: bytes, name: str) -> str:
    """The name a file is stored under in the corpus: safe, with the suffix its content deserves."""
    shown = safe_file_name(name)
    kind = sniff_kind(data)
    suffix = Path(shown).suffix.lower()
    if kind == "pdf":
        shown = str(Path(shown).with_suffix(".pdf"))
    elif suffix not in (".txt", ".md"):
        shown = str(Path(shown).with_suffix(".txt"))
    if shown.lower() == README_NAME:
        shown = "README-document.md"  # corpus/README.md is never indexed
    return shown


def same_document(corpus_dir: Path, name: str) -> list[Path]:
    """Corpus files that hold the document a file called `name` would be: same stem, any type."""
    stem = Path(name).stem
    return [p for p in list_corpus(corpus_dir) if p.stem == stem]


def add_to_corpus(
    data: bytes, name: str, corpus_dir: Path, max_bytes: int, replace: bool = False
) -> Path:
    """Validate an uploaded or named file and write it into the corpus; raise LoadError if unusable.

    The type is judged by content, not by name; the file is fully loaded (so an
    encrypted or image-only PDF is refused) before anything is written. A different
    document already stored under the same name (of any type) is replaced only when
    `replace` is set; otherwise ReplaceRefusedError names it.
    """
    shown = safe_file_name(name)
    if len(data) > max_bytes:
        raise LoadError(shown, too_large(len(data), max_bytes))
    if sniff_kind(data) is None:
        raise LoadError(shown, "not a PDF or UTF-8 text file (judged by its content)")
    shown = corpus_name(data, name)
    target = corpus_dir / shown
    existing = same_document(corpus_dir, shown)
    if existing == [target] and target.read_bytes() == data:
        return target  # the same file again: nothing to replace
    if existing and not replace:
        raise ReplaceRefusedError(existing[0].name)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    # A unique staging name: two uploads at once never write into the same file.
    handle, staging_name = tempfile.mkstemp(
        prefix=_STAGING_PREFIX, suffix=target.suffix, dir=corpus_dir
    )
    staging = Path(staging_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        try:
            load_file(staging)
        except LoadError as exc:
            raise LoadError(shown, exc.reason) from exc
        staging.replace(target)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    for other in existing:
        if other != target:
            other.unlink(missing_ok=True)  # e.g. report.txt replaced by report.pdf
    return target

"""path -> RawDocument for PDF, text and Markdown; the only module that reads corpus/."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import CatalogueError, LoadError
from assistant.types import RawDocument

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md")
CATALOGUE_NAME = "catalogue.toml"
CATALOGUE_FIELDS = ("title", "date", "kind", "note", "subjects")


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
    """Every loadable document directly in the corpus folder, sorted by name."""
    if not corpus_dir.is_dir():
        return []
    return sorted(
        p
        for p in corpus_dir.iterdir()
        if p.is_file()
        and p.suffix.lower() in SUPPORTED_SUFFIXES
        and not p.name.startswith(".")
        and p.name.lower() != "readme.md"
    )


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


def load_file(path: Path, root: Path | None = None) -> RawDocument:
    """Read one document; raise LoadError naming the file and why it cannot be used."""
    shown = _display_path(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(shown, f"cannot be read ({exc.strerror})") from exc
    if not data:
        raise LoadError(shown, "empty file (0 bytes)")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _load_pdf(data, shown)
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
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def _load_text(data: bytes, shown: str) -> RawDocument:
    if b"\x00" in data:
        raise LoadError(shown, "binary file, not text (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            shown, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
    if not text.strip():
        raise LoadError(shown, "no text (only white space)")
    lines = tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return RawDocument(shown, lines, None, None, file_hash(data))


def _load_pdf(data: bytes, shown: str) -> RawDocument:
    import io

    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError, PdfStreamError

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
        # Layout mode keeps vertical gaps as blank lines, so headings stay apart from paragraphs.
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except LoadError:
        raise
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(shown, f"corrupt PDF ({type(exc).__name__}: {exc})") from exc
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


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_file_name(name: str) -> str:
    """A file name with no path, no leading dots and only [A-Za-z0-9._-]; e.g. "../a b.PDF" -> "a-b.pdf"."""
    base = Path(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = _SAFE_NAME.sub("-", stem).strip("-.") or "document"
    suffix = _SAFE_NAME.sub("", suffix).lower()
    return f"{stem[:80]}.{suffix}" if suffix else stem[:80]


def add_to_corpus(data: bytes, name: str, corpus_dir: Path, max_bytes: int) -> Path:
    """Validate an uploaded or named file and write it into the corpus; raise LoadError if unusable.

    The type is judged by content, not by name; the file is fully loaded (so an
    encrypted or image-only PDF is refused) before anything is written.
    """
    shown = safe_file_name(name)
    if len(data) > max_bytes:
        raise LoadError(
            shown, f"too large ({len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)"
        )
    kind = sniff_kind(data)
    suffix = Path(shown).suffix.lower()
    if kind is None:
        raise LoadError(shown, "not a PDF or UTF-8 text file (judged by its content)")
    if kind == "pdf":
        shown = str(Path(shown).with_suffix(".pdf"))
    elif suffix not in (".txt", ".md"):
        shown = str(Path(shown).with_suffix(".txt"))
    corpus_dir.mkdir(parents=True, exist_ok=True)
    target = corpus_dir / shown
    staging = corpus_dir / f".upload-{shown}"
    staging.write_bytes(data)
    try:
        load_file(staging)
    except LoadError as exc:
        staging.unlink(missing_ok=True)
        raise LoadError(shown, exc.reason) from exc
    staging.replace(target)
    return target

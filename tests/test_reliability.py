"""Faults and hostile input: kill -9 during ingest, two ingests at once, readers during writes,
hostile files and arguments, and a fuzz of the cleaner, chunker and figure reader.

Everything works on a small corpus in tmp_path (three short notes written for these tests),
so the whole file stays within about a minute and a half on two cores. The number of
kills is ASSISTANT_KILLS (8 by default; 30 for the full run of issue 11).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PdfFromText, RunCli, SettingsFor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.chunk import chunk_document
from assistant.config import Settings
from assistant.embed import MiniLMEmbedder
from assistant.engine import Engine
from assistant.errors import IndexBusyError, LoadError
from assistant.figures import find_figures, find_periods
from assistant.index import load_index, read_manifest, writer_lock
from assistant.ingest import build_document, ingest
from assistant.load import load_file
from assistant.model_files import WordPieceCounter
from assistant.types import RawDocument

PROJECT_ROOT = Path(__file__).resolve().parents[1]
KILLS = int(os.environ.get("ASSISTANT_KILLS", "8"))
SEED = 20261129

NOTES = {
    "response-times.txt": (
        "Title: Response times review\n\nDate: 4 March 2024\n\nSummary\n\n"
        "1. Officers reached 71.5% of emergency calls within the urban target in January 2024, "
        "up from 64.0% a year before.\n\n"
        "2. Rural attendance stayed slower: the median wait was 19 minutes in the same month.\n"
    ),
    "custody-audit.txt": (
        "Title: Custody suite audit\n\nDate: 12 June 2023\n\nFindings\n\n"
        "1. Auditors visited 6 custody suites and read 240 detention records.\n\n"
        "2. Risk assessments were complete in 88% of the records, against 79% in 2021.\n"
    ),
    "call-handling.md": (
        "# Call handling update\n\nDate: 9 October 2024\n\n## The 101 line\n\n"
        "The 101 line was abandoned on 21.2% of calls in September 2024. "
        "The force added 14 call handlers over the summer.\n"
    ),
}
ADDED = (
    "Title: Drone unit note\n\nDate: 2 May 2024\n\n"
    "1. The drone team flew 412 missions in 2023, a third of them searches for missing people.\n"
)
QUESTION = "What share of custody records had complete risk assessments?"

# A warm process: it loads the model once, then forks one child per ingest for the test to kill.
# (The model is loaded but never run before a fork, so the children's torch threads start clean.)
INGEST_DRIVER = """
import os, sys
from assistant.config import Settings
from assistant.embed import MiniLMEmbedder
from assistant.ingest import ingest
settings = Settings().with_overrides(
    corpus_dir=sys.argv[1], index_dir=sys.argv[2], max_segments=int(sys.argv[3])
)
embedder = MiniLMEmbedder()
print("ready", flush=True)
for command in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            ingest(settings, rebuild=command.strip() == "rebuild", embedder=embedder,
                   progress=lambda done, total, message: print(message, flush=True))
            print("finished", flush=True)
        finally:
            os._exit(0)
    print(f"pid {pid}", flush=True)
    os.waitpid(pid, 0)
    print("reaped", flush=True)
"""


def write_notes(corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    for name, text in NOTES.items():
        (corpus / name).write_text(text, encoding="utf-8")


@pytest.fixture
def small(tmp_path: Path, settings_for: SettingsFor, embedder: MiniLMEmbedder) -> Settings:
    """Three short notes in tmp_path/corpus, indexed; an ingest that leaves more than two
    segments merges them, so kills land in merges too."""
    write_notes(tmp_path / "corpus")
    settings = settings_for(tmp_path, max_segments=2)
    ingest(settings, embedder=embedder)
    return settings


def index_leftovers(index_dir: Path) -> list[str]:
    """Anything in the index folder beyond CURRENT, the lock and the one live generation."""
    live = (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    return sorted(p.name for p in index_dir.iterdir() if p.name not in {"CURRENT", ".lock", live})


# --- kill -9 at random moments of ingest ------------------------------------------------------


def change_corpus(corpus: Path, operation: str, round_number: int) -> None:
    """One change of the corpus: a new file, an edited one, a removed one (or none: rebuild)."""
    if operation == "add":
        (corpus / f"added-{round_number}.txt").write_text(ADDED, encoding="utf-8")
    elif operation == "change":
        path = corpus / "response-times.txt"
        path.write_text(
            path.read_text(encoding="utf-8")
            + f"\n{round_number + 3}. Edited in round {round_number}.\n",
            encoding="utf-8",
        )
    elif operation == "remove":
        added = sorted(corpus.glob("added-*.txt"))
        (added[0] if added else corpus / "call-handling.md").unlink()


@pytest.fixture
def ingest_driver(small: Settings) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            INGEST_DRIVER,
            str(small.corpus_dir),
            str(small.index_dir),
            str(small.max_segments),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    yield process
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=60)


def ingest_until_killed(driver: subprocess.Popen[str], operation: str, rng: random.Random) -> str:
    """Have the driver fork an ingest, kill -9 it at a random moment; the last stage it printed."""
    assert driver.stdin is not None and driver.stdout is not None
    driver.stdin.write(f"{operation}\n")
    driver.stdin.flush()
    # Aim at the stages that write: mostly while the index is written, sometimes earlier.
    target = rng.choice(["writing the index"] * 3 + ["reading", "embedding"])
    pid, stage, reached = None, "started", False
    while pid is None or not reached:
        line = driver.stdout.readline().strip()
        if line.startswith("pid "):
            pid = int(line.split()[1])
            continue
        stage = line
        reached = reached or line.startswith(target) or line == "finished"
    time.sleep(rng.uniform(0.0, 0.25))
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    while (line := driver.stdout.readline().strip()) != "reaped":
        stage = line or stage
    return stage


def test_kill_9_during_ingest_leaves_the_old_or_the_new_index(
    small: Settings, embedder: MiniLMEmbedder, ingest_driver: subprocess.Popen[str]
) -> None:
    rng = random.Random(SEED)
    operations = ["add", "change", "remove", "rebuild"]
    outcomes: list[str] = []
    for round_number in range(KILLS):
        operation = operations[round_number % len(operations)]
        before = read_manifest(small.index_dir).documents
        old_generation = (small.index_dir / "CURRENT").read_text(encoding="utf-8").strip()
        change_corpus(small.corpus_dir, operation, round_number)
        stage = ingest_until_killed(ingest_driver, operation, rng)
        where = f"round {round_number} ({operation}, killed after {stage!r})"

        loaded = load_index(small.index_dir)  # every file's checksum is checked on load
        seen = loaded.data.manifest.documents
        report = ingest(small, rebuild=operation == "rebuild", embedder=embedder)
        after = read_manifest(small.index_dir).documents
        assert seen in (before, after), f"{where}: the index is the old or the new one, not a mix"
        outcomes.append(
            f"{operation}@{stage[:20]}->{'old' if loaded.path.name == old_generation else 'new'}"
        )
        assert index_leftovers(small.index_dir) == [], f"{where}: stale files are cleaned up"
        assert not list(small.corpus_dir.glob(".upload-*")), f"{where}: no staged upload left"
        assert report.documents == len(after), f"{where}: the finished ingest counts every document"
        segments = len(read_manifest(small.index_dir).segments)
        assert segments <= small.max_segments, f"{where}: {segments} segments were not merged"
        answer = Engine(small, load_index(small.index_dir), embedder).ask(QUESTION)
        assert answer.citations, f"{where}: the index answers with a citation"
    print(f"{KILLS} kills:", ", ".join(outcomes))  # shown with -s: where the kills landed


def test_orphans_of_a_crash_are_removed_by_the_next_ingest(
    small: Settings, embedder: MiniLMEmbedder
) -> None:
    index_dir = small.index_dir
    (index_dir / "gen-1").mkdir()  # renamed into place, never made current
    (index_dir / ".tmp-gen-2").mkdir()  # staged, never renamed
    (index_dir / ".CURRENT.tmp").write_text("gen-1\n", encoding="utf-8")
    staged = small.corpus_dir / ".upload-abc.txt"
    staged.write_text("half an upload", encoding="utf-8")
    os.utime(staged, (time.time() - 3600, time.time() - 3600))
    ingest(small, embedder=embedder)
    assert index_leftovers(index_dir) == [], "orphan generations and staged files are removed"
    assert not staged.exists(), "an upload staged before a crash is removed"


# --- one writer at a time; readers during writes ---------------------------------------------


def test_second_ingest_is_refused_while_one_runs(small: Settings) -> None:
    with writer_lock(small.index_dir), pytest.raises(IndexBusyError, match="another ingest"):
        ingest(small)


def test_second_ingest_command_gets_one_line(small: Settings, run_cli: RunCli) -> None:
    with writer_lock(small.index_dir):
        result = run_cli(small, "ingest")
    assert result.returncode == 1, f"refused with exit 1: {result.returncode} {result.stderr}"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "another ingest" in lines[0], f"one line: {result.stderr!r}"


def test_readers_never_see_a_half_switched_index(small: Settings, embedder: MiniLMEmbedder) -> None:
    failures: list[str] = []
    loads = 0
    done = threading.Event()

    def write() -> None:
        try:
            for _ in range(3):
                ingest(small, rebuild=True, embedder=embedder)
        finally:
            done.set()

    writer = threading.Thread(target=write)
    writer.start()
    while not done.is_set():
        try:
            load_index(small.index_dir)
        except Exception as exc:
            failures.append(f"{type(exc).__name__}: {exc}")
        loads += 1
    writer.join()
    assert loads > 0 and not failures, f"{len(failures)} of {loads} loads failed: {failures[:3]}"


# --- hostile files ---------------------------------------------------------------------------


def bomb_pdf() -> bytes:
    """A one-page PDF whose content stream inflates to 80 MB of spaces (the reader stops at 75)."""
    stream = zlib.compress(b" " * 80_000_000, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.fixture
def hostile(tmp_path: Path, small: Settings, pdf_from_text: PdfFromText) -> Settings:
    """The small corpus plus a bomb, a link out, a 2 MiB text, a long PDF and a bad name."""
    corpus = small.corpus_dir
    (corpus / "bomb.pdf").write_bytes(bomb_pdf())
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("The password is swordfish.", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside / "secret.txt")
    (corpus / "huge.txt").write_text("Plain words. " * 170_000, encoding="utf-8")  # ~2.1 MiB
    (corpus / "long.pdf").write_bytes(
        pdf_from_text([f"Page {n} of a long file." for n in range(4)])
    )
    (corpus / "bad\nname\x1b[31m.txt").write_text("Title: Odd name\n\n1. A note with 3 figures.\n")
    return small.with_overrides(upload_max_bytes=2**20, max_pages=3)


HOSTILE_SKIPS = {
    "corpus/bomb.pdf": "safety limit",
    "corpus/link.txt": "outside the corpus folder",
    "corpus/huge.txt": "too large (2.1 MiB; the limit is 1 MiB)",
    "corpus/long.pdf": "too many pages (4; the limit is 3)",
}


def test_hostile_files_are_skipped_with_their_reasons(
    hostile: Settings, embedder: MiniLMEmbedder
) -> None:
    started = time.perf_counter()
    report = ingest(hostile, embedder=embedder)
    reasons = {s.path: s.reason for s in report.skipped}
    for path, reason in HOSTILE_SKIPS.items():
        assert reason in reasons.get(path, ""), f"{path} is skipped for {reason!r}: {reasons}"
    assert report.documents == 4, f"the three notes and the oddly named one are indexed: {report}"
    assert time.perf_counter() - started < 60, "hostile files are refused within a minute"


def test_a_link_out_of_the_corpus_is_never_quoted(
    hostile: Settings, embedder: MiniLMEmbedder
) -> None:
    ingest(hostile, embedder=embedder)
    texts = load_index(hostile.index_dir).data.texts
    assert not any("swordfish" in text for text in texts.values()), "the linked file is not read"


def test_a_raw_name_is_never_printed_or_used_as_an_id(
    hostile: Settings, embedder: MiniLMEmbedder
) -> None:
    report = ingest(hostile, embedder=embedder)
    ids = set(read_manifest(hostile.index_dir).documents)
    assert "bad-name-31m" in ids, f"the odd name becomes a safe id: {sorted(ids)}"
    summary = report.summary()
    assert "\x1b" not in summary and "bad\nname" not in summary, "no escape or newline printed"


def test_hostile_corpus_ingest_command_exits_2_with_one_line_each(
    hostile: Settings, embedder: MiniLMEmbedder, run_cli: RunCli
) -> None:
    ingest(hostile, embedder=embedder)  # the notes are embedded here; the command embeds nothing
    config = hostile.index_dir.parent / "limits.toml"
    config.write_text("upload_max_bytes = 1048576\nmax_pages = 3\n", encoding="utf-8")
    result = run_cli(hostile, "--config", str(config), "ingest")
    assert result.returncode == 2, f"skips exit 2: {result.returncode} {result.stderr[-500:]}"
    assert "Traceback" not in result.stderr, result.stderr[-500:]
    skipped = [line for line in result.stdout.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == len(HOSTILE_SKIPS), f"one line per skipped file: {skipped}"


def test_a_huge_text_file_named_on_the_command_line_is_refused_in_mib(
    small: Settings, run_cli: RunCli
) -> None:
    big = small.index_dir.parent / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(21 * 2**20)
    result = run_cli(small, "ingest", str(big))
    assert "too large (21 MiB; the limit is 20 MiB)" in result.stdout, result.stdout
    assert not (small.corpus_dir / "big.txt").exists(), "the refused file is not copied in"


# --- hostile arguments ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def argument_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("arguments")
    (folder / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (folder / "latin1.txt").write_bytes("Kent’s rate".encode("cp1252"))
    (folder / "draft.txt").write_text(
        " ".join(f"In March 2023 the rate was {n}.{n % 10}%." for n in range(5000)),
        encoding="utf-8",
    )
    return folder


BAD_ARGUMENTS = {
    "batch-missing": (("ask", "--batch", "{dir}/missing.txt"), "no such file"),
    "batch-binary": (("ask", "--batch", "{dir}/binary.txt"), "binary file"),
    "batch-not-utf8": (("ask", "--batch", "{dir}/latin1.txt"), "not UTF-8"),
    "file-missing": (("check", "--file", "{dir}/missing.txt"), "no such file"),
    "file-binary": (("check", "--file", "{dir}/binary.txt"), "binary file"),
    "file-not-utf8": (("check", "--file", "{dir}/latin1.txt"), "not UTF-8"),
    "since-impossible": (("ask", "--since", "2024-13-45", "q"), "not a real date"),
    "since-garbage": (("ask", "--since", "garbage", "q"), "YYYY[-MM[-DD]]"),
    "unknown-doc": (("ask", "--doc", "nope", "q"), "response-times"),
    "k-negative": (("ask", "-k", "-1", "q"), "between 1 and"),
    "k-zero": (("ask", "-k", "0", "q"), "between 1 and"),
}


@pytest.mark.parametrize(("arguments", "says"), BAD_ARGUMENTS.values(), ids=list(BAD_ARGUMENTS))
def test_bad_argument_gets_one_line_and_exit_2(
    small: Settings, run_cli: RunCli, argument_files: Path, arguments: tuple[str, ...], says: str
) -> None:
    result = run_cli(small, *(a.format(dir=argument_files) for a in arguments))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, f"exit 2: {result.returncode} {result.stderr[-300:]}"
    assert len(lines) == 1 and says in lines[0], f"one line saying {says!r}: {result.stderr!r}"


def test_non_utf8_argument_gets_one_line(small: Settings) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "--index-dir",
            str(small.index_dir),
            "ask",
            b"\xff",
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
        check=False,
    )
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, f"one line: {result.stderr!r}"
    assert "not UTF-8" in lines[0], lines[0]


def test_a_5000_figure_draft_is_refused_within_seconds(
    small: Settings, run_cli: RunCli, argument_files: Path
) -> None:
    started = time.perf_counter()
    result = run_cli(small, "check", "--file", str(argument_files / "draft.txt"))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, f"one line: {result.stderr[-300:]!r}"
    assert "check it in parts" in lines[0], lines[0]
    assert time.perf_counter() - started < 30, "refused before the model loads"


# --- fuzz: the cleaner, the chunker and the figure reader -------------------------------------

FRAGMENTS = [
    "Kent", "Police", "33.4%", "2018/19", "March 2023", "£1.2m", "12,500", "101", "999",
    "1.", "2)", "•", "- ", "# ", "Table 1", "Page 3 of 9", "per cent", "in 2021-22",
    "Summary", "HMICFRS", "–", "\t", "  ", "\n", "\n\n", "\f", "\u200b", "é", "日本",
    "<script>", "[link](http://x)", "Date: 4 March 2024", "rolling year to December 2023",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map(
    " ".join
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_fuzz_figure_reader_never_raises(text: str) -> None:
    assert isinstance(find_figures(text), list)
    assert isinstance(find_periods(text), list)


@pytest.fixture(scope="module")
def counter() -> WordPieceCounter:
    return WordPieceCounter()


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=texts, paged=st.booleans())
def test_fuzz_cleaner_and_chunker_keep_spans_verbatim(
    counter: WordPieceCounter, text: str, paged: bool
) -> None:
    lines = tuple(text.split("\n"))
    pages = tuple(1 + i // 5 for i in range(len(lines))) if paged else None
    raw = RawDocument("corpus/fuzz.txt", lines, pages, pages[-1] if pages else None, "0")
    try:
        document = build_document(raw, "fuzz", None)
    except LoadError:
        return  # nothing left after cleaning: refused, as it should be
    for chunk in chunk_document(document, counter, 200, 40):
        assert chunk.text == document.text[chunk.start : chunk.end], "a chunk is a verbatim span"


def test_loader_reads_the_bomb_as_a_skip(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(bomb_pdf())
    with pytest.raises(LoadError, match="safety limit"):
        load_file(path)

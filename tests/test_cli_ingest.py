"""`assistant ingest` run as a real command on copies of the session corpus and index.

Only the first scenario embeds (one edited document, so the model is loaded once in a
subprocess); the others find nothing to embed and finish in a few seconds.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import RunCli

from assistant.config import Settings
from assistant.index import current_generation

BOARD = "2024-11-pdb-paper-inspections-audits-reviews"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"

CopyIndex = Callable[[Path], Settings]


@pytest.fixture(scope="module")
def edited_runs(
    tmp_path_factory: pytest.TempPathFactory, copy_built_index: CopyIndex, run_cli: RunCli
) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """One document edited, then `assistant ingest` twice: once to embed, once with no change."""
    settings = copy_built_index(tmp_path_factory.mktemp("cli-edited"))
    path = settings.corpus_dir / f"{BOARD}.txt"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n3.6 Update on the 101 service\n\nThe force answered 92.3% of 101 calls on time.\n",
        encoding="utf-8",
    )
    return run_cli(settings, "ingest"), run_cli(settings, "ingest")


def test_ingest_exits_0(edited_runs: tuple[subprocess.CompletedProcess[str], ...]) -> None:
    first = edited_runs[0]
    assert first.returncode == 0, f"a clean ingest exits 0: {first.stderr[-500:]}"


def test_ingest_summary_names_five_documents(
    edited_runs: tuple[subprocess.CompletedProcess[str], ...],
) -> None:
    lines = edited_runs[0].stdout.splitlines()
    assert lines and lines[0].startswith("5 documents, "), (
        f"the summary names 5 documents: {lines[:2]}"
    )


def test_ingest_summary_counts_one_changed_document(
    edited_runs: tuple[subprocess.CompletedProcess[str], ...],
) -> None:
    assert "from 1 new or changed documents" in edited_runs[0].stdout, (
        f"the summary says one document was embedded: {edited_runs[0].stdout[:300]}"
    )


def test_second_ingest_is_up_to_date(
    edited_runs: tuple[subprocess.CompletedProcess[str], ...],
) -> None:
    assert "up to date" in edited_runs[1].stdout, (
        f"the second run says so: {edited_runs[1].stdout[:300]}"
    )


def test_second_ingest_exits_0(edited_runs: tuple[subprocess.CompletedProcess[str], ...]) -> None:
    assert edited_runs[1].returncode == 0, (
        f"an up-to-date ingest exits 0: {edited_runs[1].stderr[-300:]}"
    )


@pytest.fixture(scope="module")
def zero_byte_run(
    tmp_path_factory: pytest.TempPathFactory, copy_built_index: CopyIndex, run_cli: RunCli
) -> subprocess.CompletedProcess[str]:
    settings = copy_built_index(tmp_path_factory.mktemp("cli-zero"))
    (settings.corpus_dir / "empty-notes.txt").write_bytes(b"")
    return run_cli(settings, "ingest")


def test_skipped_file_exits_2(zero_byte_run: subprocess.CompletedProcess[str]) -> None:
    assert zero_byte_run.returncode == 2, (
        f"a skipped file makes the exit status 2: {zero_byte_run.stderr[-300:]}"
    )


def test_skipped_file_is_named_with_its_reason(
    zero_byte_run: subprocess.CompletedProcess[str],
) -> None:
    lines = [line for line in zero_byte_run.stdout.splitlines() if "empty-notes.txt" in line]
    assert len(lines) == 1 and "empty" in lines[0], f"one line names the file and why: {lines}"


def test_skipped_file_leaves_the_rest_indexed(
    zero_byte_run: subprocess.CompletedProcess[str],
) -> None:
    assert zero_byte_run.stdout.startswith("5 documents, "), "the five documents are still indexed"


@pytest.fixture(scope="module")
def refused_run(
    tmp_path_factory: pytest.TempPathFactory, copy_built_index: CopyIndex, run_cli: RunCli
) -> tuple[subprocess.CompletedProcess[str], Settings]:
    """`assistant ingest picture.txt` where the file is a PNG image renamed .txt."""
    root = tmp_path_factory.mktemp("cli-refused")
    settings = copy_built_index(root / "copy")
    picture = root / "picture.txt"
    picture.write_bytes(PNG_BYTES)
    return run_cli(settings, "ingest", str(picture)), settings


def test_refused_path_argument_exits_2(
    refused_run: tuple[subprocess.CompletedProcess[str], Settings],
) -> None:
    assert refused_run[0].returncode == 2, f"a refused file exits 2: {refused_run[0].stderr[-300:]}"


def test_refused_path_argument_is_named(
    refused_run: tuple[subprocess.CompletedProcess[str], Settings],
) -> None:
    named = [line for line in refused_run[0].stdout.splitlines() if "picture.txt" in line]
    assert len(named) == 1 and named[0].startswith("skipped"), (
        f"one 'skipped' line names it: {named}"
    )


def test_refused_path_argument_is_not_copied(
    refused_run: tuple[subprocess.CompletedProcess[str], Settings],
) -> None:
    corpus = refused_run[1].corpus_dir
    assert not list(corpus.glob("picture*")), "a refused file is not added to the corpus"


@pytest.fixture(scope="module")
def replacing_run(
    tmp_path_factory: pytest.TempPathFactory, copy_built_index: CopyIndex, run_cli: RunCli
) -> tuple[subprocess.CompletedProcess[str], Settings]:
    """`assistant ingest` of a short note named like the board paper already in the corpus."""
    root = tmp_path_factory.mktemp("cli-replacing")
    settings = copy_built_index(root / "copy")
    note = root / f"{BOARD}.md"
    note.write_text("# Board note\n\nThe board met on 5 November 2024.\n", encoding="utf-8")
    return run_cli(settings, "ingest", str(note)), settings


def test_replacing_a_document_says_so(
    replacing_run: tuple[subprocess.CompletedProcess[str], Settings],
) -> None:
    first = replacing_run[0].stdout.splitlines()[0]
    assert first.startswith(f"replaced: {BOARD}.txt"), f"the replaced document is named: {first}"


def test_replacing_a_document_leaves_one_file_of_that_name(
    replacing_run: tuple[subprocess.CompletedProcess[str], Settings],
) -> None:
    names = sorted(p.name for p in replacing_run[1].corpus_dir.glob(f"{BOARD}.*"))
    assert names == [f"{BOARD}.md"], f"the note took the paper's place, and said so: {names}"


@pytest.fixture(scope="module")
def mismatched_run(
    tmp_path_factory: pytest.TempPathFactory, copy_built_index: CopyIndex, run_cli: RunCli
) -> subprocess.CompletedProcess[str]:
    settings = copy_built_index(tmp_path_factory.mktemp("cli-mismatch"))
    generation = current_generation(settings.index_dir)
    assert generation is not None, "the copied index has a live generation"
    manifest_path = generation / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["chunker_version"] = "0.c0"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    return run_cli(settings, "ingest")


def test_mismatched_index_exits_1(mismatched_run: subprocess.CompletedProcess[str]) -> None:
    assert mismatched_run.returncode == 1, (
        f"an index of another chunker exits 1: {mismatched_run.stderr}"
    )


def test_mismatched_index_says_how_to_rebuild(
    mismatched_run: subprocess.CompletedProcess[str],
) -> None:
    assert "assistant ingest --rebuild" in mismatched_run.stderr, (
        f"stderr says how to rebuild: {mismatched_run.stderr}"
    )


def test_mismatched_index_error_is_one_line(
    mismatched_run: subprocess.CompletedProcess[str],
) -> None:
    lines = mismatched_run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), (
        f"one 'error:' line, no traceback: {lines}"
    )


def test_verify_passes_an_intact_index(built_index: Settings, run_cli: RunCli) -> None:
    result = run_cli(built_index, "verify")
    assert result.returncode == 0 and "match their checksums" in result.stdout, (
        f"verify hashes every file and reports them all matching: {result.stdout} {result.stderr}"
    )


def test_verify_names_an_altered_file_in_one_line(
    tmp_path: Path, copy_built_index: CopyIndex, run_cli: RunCli
) -> None:
    settings = copy_built_index(tmp_path)
    generation = current_generation(settings.index_dir)
    assert generation is not None, "the copied index has a live generation"
    path = next(generation.glob("seg-*/pieces.npy"))
    data = bytearray(path.read_bytes())
    data[len(data) // 4] ^= 0x01
    path.write_bytes(bytes(data))
    result = run_cli(settings, "verify")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1 and "pieces.npy" in lines[0], (
        f"verify exits 1 with one line naming the altered file: {result.stderr}"
    )

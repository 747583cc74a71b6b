"""The `assistant` command: a thin shell that parses arguments and calls one package function each."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.config import PROJECT_ROOT, Settings, load_settings
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.engine import Engine
    from assistant.types import Answer

EXIT_OK, EXIT_ERROR, EXIT_SKIPPED = 0, 1, 2
ASK_BATCH = 16
"""Questions of `ask --batch` searched together: answers still stream, a group at a time."""


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(
            Path(args.config) if args.config else None,
            index_dir=args.index_dir,
            corpus_dir=args.corpus_dir,
        )
        return int(args.run(args, settings))
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description=__doc__)
    parser.add_argument(
        "--config", help="a TOML file of settings (default: assistant.toml if present)"
    )
    parser.add_argument("--index-dir", help="where the index lives (default: index/)")
    parser.add_argument("--corpus-dir", help="where documents are read from (default: corpus/)")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="build or update the index from corpus/")
    ingest.add_argument(
        "paths", nargs="*", help="files to add to the corpus first (PDF, .txt, .md)"
    )
    ingest.add_argument("--rebuild", action="store_true", help="re-embed everything from scratch")
    ingest.set_defaults(run=_ingest)

    ask = commands.add_parser("ask", help="answer a question with cited passages")
    ask.add_argument("question", nargs="?", help="the question (or use --batch)")
    _add_retrieval_options(ask)
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--batch", help="a file of questions, one per line ('-' for standard input)")
    ask.set_defaults(run=_ask)

    check = commands.add_parser("check", help="check the figures in a draft against the sources")
    check.add_argument("text", nargs="?", help="the text to check (or use --file / --batch)")
    check.add_argument("--file", help="a file holding the text to check")
    check.add_argument("--json", action="store_true", help="print one JSON object per text")
    check.add_argument("--batch", help="a file of texts, one per line ('-' for standard input)")
    check.set_defaults(run=_check)

    bench = commands.add_parser("bench", help="print warm latency per stage over fixed questions")
    bench.add_argument("--rounds", type=int, default=5, help="passes over the question list")
    bench.add_argument(
        "--scale",
        type=int,
        metavar="N",
        help="measure a synthetic corpus of about N chunks made from variants of corpus/",
    )
    bench.add_argument(
        "--synthetic-vectors",
        action="store_true",
        help="with --scale: store seeded random vectors instead of embedding every chunk",
    )
    bench.set_defaults(run=_bench)

    evaluate = commands.add_parser(
        "eval", help="measure quality on the gold question and claim sets"
    )
    evaluate.add_argument("--gold", default=str(PROJECT_ROOT / "eval" / "gold.jsonl"))
    evaluate.add_argument("--claims", default=str(PROJECT_ROOT / "eval" / "claims.jsonl"))
    evaluate.add_argument("--report", default=str(PROJECT_ROOT / "eval" / "report.md"))
    evaluate.add_argument("--json-out", default=str(PROJECT_ROOT / "eval" / "report.json"))
    evaluate.add_argument(
        "--floors",
        default=str(PROJECT_ROOT / "eval" / "floors.json"),
        help="fail (exit 1) when a metric falls below its floor here",
    )
    evaluate.set_defaults(run=_eval)

    serve = commands.add_parser(
        "serve", help="start the web app (building the index first if missing)"
    )
    serve.add_argument("--port", type=int, default=8501)
    serve.set_defaults(run=_serve)
    return parser


def _add_retrieval_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-k", type=int, default=None, help="passages to retrieve (default 10)")
    parser.add_argument("--doc", action="append", help="only this document id (repeatable)")
    parser.add_argument("--kind", action="append", help="only documents of this kind (repeatable)")
    parser.add_argument("--since", help="only documents dated on or after YYYY[-MM[-DD]]")
    parser.add_argument("--until", help="only documents dated on or before YYYY[-MM[-DD]]")


def _progress_bar():  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    bar = tqdm(total=1, file=sys.stderr, leave=False, disable=not sys.stderr.isatty())

    def update(done: int, total: int, message: str) -> None:
        bar.total = max(total, 1)
        bar.n = done
        bar.set_description(message[:60])
        bar.refresh()

    return bar, update


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.errors import LoadError
    from assistant.ingest import ingest
    from assistant.load import add_to_corpus

    refused: list[str] = []
    for name in args.paths:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            refused.append(f"skipped {name}: cannot be read ({exc.strerror})")
            continue
        try:
            target = add_to_corpus(data, path.name, settings.corpus_dir, settings.upload_max_bytes)
            print(f"added {name} to the corpus as {target.name}")
        except LoadError as exc:
            refused.append(f"skipped {name}: {exc.reason}")
    bar, update = _progress_bar()
    try:
        report = ingest(settings, rebuild=args.rebuild, progress=update)
    finally:
        bar.close()
    print(report.summary())
    for line in refused:
        print(line)
    return EXIT_SKIPPED if (report.skipped or refused) else EXIT_OK


def _filters(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from assistant.retrieve import Filters

    return Filters(
        doc_ids=frozenset(args.doc) if args.doc else None,
        kinds=frozenset(args.kind) if args.kind else None,
        since=args.since,
        until=args.until,
    )


def _lines(source: str) -> Iterator[str]:
    handle = sys.stdin if source == "-" else open(source, encoding="utf-8")  # noqa: SIM115
    try:
        for line in handle:
            if line.strip():
                yield line.strip()
    finally:
        if handle is not sys.stdin:
            handle.close()


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.engine import Engine
    from assistant.errors import ConfigError

    if not args.question and not args.batch:
        raise ConfigError("ask needs a QUESTION or --batch FILE")
    engine = Engine.open(settings)
    questions = _lines(args.batch) if args.batch else iter([args.question])
    filters = _filters(args)
    size = ASK_BATCH if args.batch and args.batch != "-" else 1  # standard input: answer each line
    while group := list(itertools.islice(questions, size)):  # searched together
        for answer in engine.ask_many(group, args.k, filters):
            _print_answer(answer, engine, args.json)
    return EXIT_OK


def _print_answer(answer: Answer, engine: Engine, as_json: bool) -> None:
    from assistant.answer import answer_to_json
    from assistant.render import render_answer

    if as_json:
        print(
            json.dumps(answer_to_json(answer, engine.source_paths), ensure_ascii=False),
            flush=True,
        )
    else:
        print(render_answer(answer), flush=True)


def _check(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.check import check_to_json, render_check
    from assistant.engine import Engine
    from assistant.errors import ConfigError

    if args.file:
        texts: Iterator[str] = iter([Path(args.file).read_text(encoding="utf-8")])
    elif args.batch:
        texts = _lines(args.batch)
    elif args.text:
        texts = iter([args.text])
    else:
        raise ConfigError("check needs TEXT, --file FILE or --batch FILE")
    engine = Engine.open(settings)
    for text in texts:
        report = engine.check(text)
        if args.json:
            print(json.dumps(check_to_json(report), ensure_ascii=False), flush=True)
        else:
            print(render_check(report), flush=True)
    return EXIT_OK


def _bench(args: argparse.Namespace, settings: Settings) -> int:
    if args.scale is not None:
        from assistant.bench_scale import run_scale_benchmark
        from assistant.errors import ConfigError

        if args.scale < 1:
            raise ConfigError(f"--scale must be a positive number of chunks, not {args.scale}")
        print(run_scale_benchmark(settings, args.scale, args.synthetic_vectors, args.rounds))
        return EXIT_OK
    from assistant.bench import run_benchmark

    print(run_benchmark(settings, rounds=args.rounds))
    return EXIT_OK


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evaluate import run_evaluation

    return run_evaluation(
        settings,
        Path(args.gold),
        Path(args.claims),
        Path(args.report),
        Path(args.json_out),
        Path(args.floors),
    )


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import subprocess

    from assistant.index import current_generation
    from assistant.ingest import ingest

    if current_generation(settings.index_dir) is None:
        print("no index yet: building it from corpus/ …", flush=True)
        print(ingest(settings).summary(), flush=True)
    print(f"Open http://localhost:{args.port} in your browser.", flush=True)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "app.py"),
        "--server.port",
        str(args.port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    return subprocess.call(command, cwd=PROJECT_ROOT)


if __name__ == "__main__":
    raise SystemExit(main())

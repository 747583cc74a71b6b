"""The `assistant` command: a thin shell that parses arguments and calls one package function each."""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from assistant.config import PROJECT_ROOT, Settings, load_settings
from assistant.errors import AssistantError, LoadError, UsageError
from assistant.load import decode_text, printable_name, too_large

if TYPE_CHECKING:
    from assistant.engine import Engine
    from assistant.types import Answer

EXIT_OK, EXIT_ERROR, EXIT_SKIPPED = 0, 1, 2
PROGRESS_FIGURES = 20
"""A draft with more figures than this says so before its check starts (about 30 ms a figure)."""
EXIT_USAGE = 2  # as argparse: a bad argument or a file named by one
MAX_K = 1000


class _Parser(argparse.ArgumentParser):
    """argparse whose errors are one line, like every other error of the command."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"error: {printable_name(message)} (see `{self.prog} --help`)\n")


ASK_BATCH = 16
"""Questions of `ask --batch` searched together: answers still stream, a group at a time."""


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    arguments = list(sys.argv[1:] if argv is None else argv)
    for number, argument in enumerate(arguments, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:  # undecodable bytes arrive as lone surrogates
            shown = argument.encode("utf-8", "replace").decode("utf-8")
            print(
                f"error: argument {number} ({printable_name(shown)!r}) is not UTF-8 text",
                file=sys.stderr,
            )
            return EXIT_USAGE
    parser = _parser()
    args = parser.parse_args(arguments)
    try:
        settings = load_settings(
            Path(args.config) if args.config else None,
            index_dir=args.index_dir,
            corpus_dir=args.corpus_dir,
        )
        return int(args.run(args, settings))
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="assistant", description=__doc__)
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

    verify = commands.add_parser(
        "verify", help="check every index file against its full checksum (opening checks samples)"
    )
    verify.set_defaults(run=_verify)

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
    check.add_argument(
        "--force", help="check claims against documents about this force (e.g. 'Essex', 'GMP')"
    )
    check.set_defaults(run=_check)

    bench = commands.add_parser("bench", help="print warm latency per stage over fixed questions")
    bench.add_argument(
        "--rounds", type=_positive_int, default=5, help="passes over the question list"
    )
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
    bench.add_argument(
        "--ann-only",
        action="store_true",
        help="with --scale: time approximate search alone over N vectors clustered around the index's",
    )
    bench.set_defaults(run=_bench)

    evaluate = commands.add_parser(
        "eval", help="measure quality on the gold question and claim sets"
    )
    evaluate.add_argument("--gold", default=str(PROJECT_ROOT / "eval" / "gold.jsonl"))
    evaluate.add_argument("--claims", default=str(PROJECT_ROOT / "eval" / "claims.jsonl"))
    evaluate.add_argument(
        "--sealed-claims",
        default=str(PROJECT_ROOT / "eval" / "sealed" / "claims.jsonl"),
        help="claims never tuned on, scored beside --claims (skipped when the file is missing)",
    )
    evaluate.add_argument("--report", default=str(PROJECT_ROOT / "eval" / "report.md"))
    evaluate.add_argument("--json-out", default=str(PROJECT_ROOT / "eval" / "report.json"))
    evaluate.add_argument(
        "--floors",
        default=str(PROJECT_ROOT / "eval" / "floors.json"),
        help="fail (exit 1) when a metric falls below its floor here",
    )
    evaluate.add_argument(
        "--sealed",
        default=str(PROJECT_ROOT / "eval" / "sealed" / "questions.jsonl"),
        help="held-out questions scored beside the gold set (skipped if the file is missing)",
    )
    evaluate.set_defaults(run=_eval)

    fit = commands.add_parser(
        "fit", help="fit the answer scorer on the gold questions and write its weights"
    )
    fit.add_argument("--gold", default=str(PROJECT_ROOT / "eval" / "gold.jsonl"))
    fit.add_argument(
        "--out", help="where to write the weights (default: the package's scorer.json)"
    )
    fit.add_argument(
        "--also",
        action="append",
        metavar="QUESTIONS=DOCUMENTS",
        help="also fit on these questions, asked over the corpus with these documents added "
        "(repeatable; default: eval/forces/questions.jsonl=eval/forces/corpus)",
    )
    fit.add_argument(
        "--gold-only", action="store_true", help="fit on --gold alone, without the --also sets"
    )
    fit.set_defaults(run=_fit)

    serve = commands.add_parser(
        "serve", help="start the web app (building the index first if missing)"
    )
    serve.add_argument("--port", type=_port, default=8501)
    serve.set_defaults(run=_serve)
    return parser


def _add_retrieval_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-k", type=_positive_int, default=None, help="passages to retrieve (default 10)"
    )
    parser.add_argument("--doc", action="append", help="only this document id (repeatable)")
    parser.add_argument("--kind", action="append", help="only documents of this kind (repeatable)")
    parser.add_argument(
        "--since", type=_date_bound, help="only documents dated on or after YYYY[-MM[-DD]]"
    )
    parser.add_argument(
        "--until", type=_date_bound, help="only documents dated on or before YYYY[-MM[-DD]]"
    )
    parser.add_argument(
        "--force", help="only documents about this force (e.g. 'Essex', 'the Met', 'GMP')"
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_K:
        raise argparse.ArgumentTypeError(f"{value} is not between 1 and {MAX_K}")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port number (1-65535)")
    return value


_DATE_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _date_bound(text: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real date; e.g. 2024-13-45 is refused."""
    match = _DATE_BOUND.fullmatch(text)
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date of the form YYYY[-MM[-DD]]")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a real date ({exc})") from None
    return text


def _progress_bar():  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    bar = tqdm(total=1, file=sys.stderr, leave=False, disable=not sys.stderr.isatty())

    def update(done: int, total: int, message: str) -> None:
        bar.total = max(total, 1)
        bar.n = done
        bar.set_description(message[:60])
        bar.refresh()

    return bar, update


def _verify(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.index import verify_index

    count = verify_index(settings.index_dir)
    print(f"{settings.index_dir}: all {count} index files match their checksums")
    return EXIT_OK


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.errors import ReplaceRefusedError
    from assistant.ingest import ingest
    from assistant.load import add_to_corpus

    refused: list[str] = []
    for name in args.paths:
        path, shown = Path(name), printable_name(name)
        try:
            size = path.stat().st_size
            if size > settings.upload_max_bytes:
                refused.append(f"skipped {shown}: {too_large(size, settings.upload_max_bytes)}")
                continue
            data = path.read_bytes()
        except OSError as exc:
            refused.append(f"skipped {shown}: cannot be read ({exc.strerror})")
            continue
        limit = settings.upload_max_bytes
        try:
            try:
                target = add_to_corpus(data, path.name, settings.corpus_dir, limit)
                print(f"added {shown} to the corpus as {target.name}")
            except ReplaceRefusedError as exc:
                target = add_to_corpus(data, path.name, settings.corpus_dir, limit, replace=True)
                print(f"replaced: {exc.path} in the corpus by {shown} (stored as {target.name})")
        except LoadError as exc:
            refused.append(f"skipped {shown}: {exc.reason}")
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
    from assistant.forces import default_registry
    from assistant.retrieve import Filters

    return Filters(
        doc_ids=frozenset(args.doc) if args.doc else None,
        kinds=frozenset(args.kind) if args.kind else None,
        since=args.since,
        until=args.until,
        force=default_registry().resolve(args.force).name if args.force else None,
    )


def _read_text(source: str, option: str, max_bytes: int) -> str:
    """The UTF-8 text of the file an option names ('-': standard input); UsageError otherwise."""
    shown = f"{option} {printable_name(source)}"
    try:
        if source == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            path = Path(source)
            if not path.is_file():
                raise UsageError(
                    f"{shown}: no such file" if not path.exists() else f"{shown}: not a file"
                )
            if path.stat().st_size > max_bytes:
                raise UsageError(f"{shown}: {too_large(path.stat().st_size, max_bytes)}")
            data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{shown}: cannot be read ({exc.strerror})") from exc
    if len(data) > max_bytes:
        raise UsageError(f"{shown}: {too_large(len(data), max_bytes)}")
    try:
        return decode_text(data, shown)
    except LoadError as exc:
        raise UsageError(str(exc)) from exc


def _lines(source: str, option: str, max_bytes: int) -> Iterator[str]:
    """Non-blank lines of a file (read now, so a bad file fails before the model loads), or of
    standard input as they arrive (so a pipe gets its answers one by one)."""
    if source == "-":
        return _stdin_lines(option)
    text = _read_text(source, option, max_bytes)
    return iter([line.strip() for line in text.splitlines() if line.strip()])


def _stdin_lines(option: str) -> Iterator[str]:
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        try:
            line = decode_text(raw, f"{option} - (line {number})").strip()
        except LoadError as exc:
            raise UsageError(str(exc)) from exc
        if line:
            yield line


def _check_doc_ids(args: argparse.Namespace, known: Sequence[str]) -> None:
    """An unknown --doc is an error naming the ids there are, not a silent "nothing matches"."""
    unknown = sorted(set(args.doc or ()) - set(known))
    if unknown:
        listed = ", ".join(sorted(known)[:10]) + (
            f", … ({len(known)} in all)" if len(known) > 10 else ""
        )
        raise UsageError(
            f"unknown document id {printable_name(unknown[0])!r} for --doc; the ids are: {listed}"
        )


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.engine import Engine
    from assistant.errors import ConfigError
    from assistant.index import read_manifest

    if not args.question and not args.batch:
        raise ConfigError("ask needs a QUESTION or --batch FILE")
    limit = settings.upload_max_bytes
    questions = _lines(args.batch, "--batch", limit) if args.batch else iter([args.question])
    if args.doc:  # checked against the manifest, before the model loads
        _check_doc_ids(args, list(read_manifest(settings.index_dir).documents))
    engine = Engine.open(settings)
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
    from assistant.draft_limits import figures_to_check
    from assistant.engine import Engine
    from assistant.errors import ConfigError

    limit = settings.upload_max_bytes
    if args.file:
        texts: Iterator[str] = iter([_read_text(args.file, "--file", limit)])
    elif args.batch:
        texts = _lines(args.batch, "--batch", limit)
    elif args.text:
        texts = iter([args.text])
    else:
        raise ConfigError("check needs TEXT, --file FILE or --batch FILE")
    if not args.batch:  # one draft: refuse it before the model loads
        draft = next(texts)
        figures_to_check(draft, settings.check_max_chars, settings.check_max_figures)
        texts = iter([draft])
    engine = Engine.open(settings)
    filters = None
    if args.force:
        from assistant.forces import default_registry
        from assistant.retrieve import Filters

        filters = Filters(force=default_registry().resolve(args.force).name)
    for text in texts:
        count = figures_to_check(text, settings.check_max_chars, settings.check_max_figures)
        if count > PROGRESS_FIGURES:
            print(f"checking {count} figures against the sources…", file=sys.stderr, flush=True)
        report = engine.check(text, filters)
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
        if args.ann_only:
            from assistant.bench_scale import run_ann_benchmark

            print(run_ann_benchmark(settings, args.scale))
            return EXIT_OK
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
        Path(args.sealed),
        Path(args.sealed_claims),
    )


_SERVE_OFFLINE = (
    "import sys, streamlit.net_util as n; "
    # Streamlit looks up this machine's external IP (an outside request) when a cross-origin
    # WebSocket is refused; an empty answer, cached, keeps it from asking.
    "n._external_ip = ''; "
    # Nor serve /_stcore/metrics: it has no Host check, so a page rebinding its own name to
    # 127.0.0.1 could read the server's statistics; without the route the path gets the page.
    "import streamlit.web.server.starlette.starlette_app as a; "
    "a.create_metrics_routes = lambda runtime, base_url: []; "
    "from streamlit.web.cli import main; sys.argv[0] = 'streamlit'; sys.exit(main())"
)


FORCES_EVAL = PROJECT_ROOT / "eval" / "forces"
"""The second test set: questions about other forces, and their documents."""


def _fit(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.engine import Engine
    from assistant.fit import engine_with_documents, run_fit
    from assistant.scorer import SCORER_PATH

    out = Path(args.out) if args.out else SCORER_PATH
    also = args.also or [f"{FORCES_EVAL / 'questions.jsonl'}={FORCES_EVAL / 'corpus'}"]
    pairs = []
    for pair in [] if args.gold_only else also:
        questions, sep, documents = pair.partition("=")
        if not sep or not Path(questions).is_file() or not Path(documents).is_dir():
            raise UsageError(f"--also {pair!r}: expected QUESTIONS_FILE=DOCUMENTS_FOLDER")
        pairs.append((Path(questions), Path(documents)))
    engine = Engine.open(settings)
    sources = [(engine, Path(args.gold))]
    with tempfile.TemporaryDirectory(prefix="assistant-fit-") as scratch:
        for number, (questions, documents) in enumerate(pairs):
            root = Path(scratch) / str(number)
            extra = engine_with_documents(settings, documents, root, engine.embedder)
            sources.append((extra, questions))
        print(run_fit(sources, out))
    return EXIT_OK


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
        "-c",
        _SERVE_OFFLINE,
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

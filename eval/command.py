"""`reformqa eval`: score a gold set, write the report, optionally compare and gate."""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
from datetime import UTC, datetime

from eval.gold import load_gold
from eval.report import build_report, check_thresholds, table, write_comparison, write_report
from eval.runner import EvalConfig, EvalRunner, evaluation_service
from reformqa.settings import Settings

logger = logging.getLogger(__name__)


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
    except OSError:
        return ""


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Evaluate each configuration, write OUT/report.*, and check thresholds if asked."""
    questions = [
        question
        for path in args.gold
        for question in load_gold(path)
        if args.split == "all" or question.split == args.split
    ]
    if not questions:
        print(f"no {args.split} questions in {', '.join(map(str, args.gold))}", file=sys.stderr)
        return 2
    configs = [EvalConfig("default", {})] + [EvalConfig.parse(s) for s in args.compare or []]
    progress = not args.no_progress and sys.stderr.isatty()
    reports = {}
    for config in configs:
        with evaluation_service(
            settings, config.overrides, args.corpus or [], progress
        ) as service:
            mode = args.mode if config.name == "default" else None
            k = args.k if config.name == "default" else None
            scores = EvalRunner(service, mode=mode, k=k, progress=progress).run(
                questions, label=config.name
            )
            effective = service.settings
            report = build_report(
                scores,
                {
                    "name": config.name,
                    "gold": ", ".join(map(str, args.gold)),
                    "split": args.split,
                    "corpus": ", ".join(map(str, args.corpus)) if args.corpus else None,
                    "store": None if args.corpus else str(effective.store),
                    "mode": mode or effective.mode,
                    "k": k or effective.k,
                    "embedder": service.embedder.identity,
                    "abstention_cut": service.extractive.abstention.threshold,
                    "llm": effective.llm,
                    "overrides": config.overrides,
                    "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                    "commit": _commit(),
                },
            )
        out = args.out if config.name == "default" else args.out / config.name
        write_report(report, scores, out)
        reports[config.name] = report
    if len(reports) > 1:
        write_comparison(reports, args.out)
    default = reports["default"]
    print(table({"all": default, **default["by_lang"]}))
    print()
    print(table(default["by_pair"]))
    print(f"\nreport: {args.out / 'report.md'}")
    if args.check:
        failures = check_thresholds(default, args.check)
        for failure in failures:
            print(f"BELOW THRESHOLD {failure}")
        if failures:
            return 1
        print(f"all thresholds in {args.check} hold")
    return 0

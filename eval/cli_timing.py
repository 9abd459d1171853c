"""How long the `reformqa` command takes from the shell: `reformqa --help`, and `reformqa ask`
on a store holding corpus/, each a cold process, as medians over 5 runs.

    python -m eval.cli_timing [--runs 5] [--store DIR]

Without --store, corpus/ is ingested into a temporary store first (not timed). Targets
(issue 14): --help <= 0.5 s, ask <= 2.5 s on the 2-core reference machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "What share of Cooperation Framework outcomes did UN-Habitat contribute to?"
TARGETS_S = {"--help": 0.5, "ask": 2.5}


def _reformqa() -> str:
    """The installed console script beside this interpreter (what a user runs)."""
    return str(Path(sys.executable).parent / "reformqa")


def timed(args: Sequence[str], env: dict[str, str], runs: int) -> list[float]:
    """Wall-clock seconds of `runs` fresh processes; a failing run is an error, not a time."""
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([_reformqa(), *args], env=env, check=True, capture_output=True)
        seconds.append(time.perf_counter() - started)
    return seconds


def measure(store: Path, runs: int) -> dict[str, float]:
    """Median seconds per command, the store given by environment as a user would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFORMQA_")}
    env["REFORMQA_STORE"] = str(store)
    return {
        "--help": statistics.median(timed(["--help"], env, runs)),
        "ask": statistics.median(timed(["ask", QUESTION], env, runs)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store", type=Path, help="an ingested store (default: corpus/ anew)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reformqa-cli-timing-") as scratch:
        store = args.store or Path(scratch) / "store"
        if args.store is None:
            subprocess.run(
                [_reformqa(), "ingest", str(ROOT / "corpus"), "--store", str(store)],
                check=True,
                capture_output=True,
            )
        medians = measure(store, args.runs)
    print(f"| command | median of {args.runs} runs | target |")
    print("|---|---|---|")
    for command, seconds in medians.items():
        verdict = "met" if seconds <= TARGETS_S[command] else "NOT met"
        print(f"| reformqa {command} | {seconds:.2f} s | <= {TARGETS_S[command]} s, {verdict} |")
    return 0 if all(medians[c] <= TARGETS_S[c] for c in medians) else 1


if __name__ == "__main__":
    sys.exit(main())

"""Real `reformqa` processes against a test store, and what they leave behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import SEED

ROOT = Path(__file__).resolve().parents[2]


def cli_env(store: Path, **settings: str) -> dict[str, str]:
    """The environment of a `reformqa` child process: the test store, and these settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFORMQA_")}
    env["REFORMQA_STORE"] = str(store)
    env.update({f"REFORMQA_{name.upper()}": value for name, value in settings.items()})
    return env


def start_cli(store: Path, *args: str, **settings: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from reformqa.cli.main import main; sys.exit(main(sys.argv[1:]))",
            *args,
        ],
        cwd=ROOT,
        env=cli_env(store, **settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_cli(store: Path, *args: str, timeout: float = 120, **settings: str) -> tuple[int, str, str]:
    process = start_cli(store, *args, **settings)
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def seed_copy(folder: Path, number: int) -> Path:
    """The seed document as HSP/EB.2026/NUMBER, alone in `folder` (a document of its own)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8").replace("HSP/EB.2026/12", f"HSP/EB.2026/{number}")
    path = folder / f"HSP-EB.2026-{number}.zh.md"
    if number == 12:
        shutil.copy(SEED, path)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def wait_for(path: Path, process: subprocess.Popen[str], timeout: float = 60) -> None:
    """Until `path` exists (the fault hook's mark): the process is paused mid-write."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"process ended before the mark: {process.communicate()}")
        if time.monotonic() > deadline:
            raise AssertionError("no mark")
        time.sleep(0.05)


def descendants(pid: int) -> set[int]:
    """Every live process below `pid` (children, grandchildren), read from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"

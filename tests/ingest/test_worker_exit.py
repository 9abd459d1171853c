"""A killed ingest leaves no process behind (issue 12, item 10): parse and encoder workers, and
multiprocessing's resource tracker, end with the ingest however it ends."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from ingest.encoder_pool import POOL_MIN_UNITS
from ingest.parse_pool import POOL_MIN_FILES
from tests.store.helpers import alive, descendants, start_cli

FILES = POOL_MIN_FILES
PARAGRAPHS = POOL_MIN_UNITS // FILES + 100  # enough new units for encoder workers


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for number in range(FILES):
        lines = [f"# Report {number} of the Executive Board\n"]
        lines += [
            f"{n}. The Board takes note of item {number}-{n} on programme {n * 7 + number} "
            f"and requests the secretariat to report on its budget line {n + 1000 * number}.\n"
            for n in range(1, PARAGRAPHS + 1)
        ]
        (folder / f"report-{number}.en.md").write_text("\n".join(lines), encoding="utf-8")
    return folder


def _kill_when(process, enough, timeout: float = 120) -> set[int]:
    """SIGKILL the ingest once `enough(seen, alive)` holds; every process it had below it."""
    seen: set[int] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"ingest ended before the kill: {process.communicate()}"
        current = descendants(process.pid)
        seen |= current
        if enough(seen, current):
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            return seen
        time.sleep(0.05)
    process.kill()
    raise AssertionError(f"never reached the kill point; saw {sorted(seen)}")


def _after(seconds: float, condition):
    """`condition`, once it has held for `seconds` (workers past their start-up)."""
    since: list[float] = []

    def enough(seen: set[int], current: set[int]) -> bool:
        if not condition(seen, current):
            return False
        since.append(since[0] if since else time.monotonic())
        return time.monotonic() - since[0] >= seconds

    return enough


# the resource tracker and two parse workers for the four files, then two encoder workers
PARSING = lambda seen, current: len(current) >= 3  # noqa: E731
ENCODING = lambda seen, current: len(seen) >= 5 and len(current) >= 3  # noqa: E731


@pytest.mark.parametrize(
    "phase",
    [
        pytest.param(PARSING, id="parse"),
        pytest.param(ENCODING, id="encoder-start"),
        pytest.param(_after(1.5, ENCODING), id="encoder-loaded"),
    ],
)
def test_sigkilled_ingest_leaves_no_process_behind(tmp_path, phase):
    corpus = _corpus(tmp_path / "corpus")
    process = start_cli(
        tmp_path / "store", "ingest", "--no-progress", str(corpus), embed_workers="2"
    )
    children = _kill_when(process, phase)
    assert children, "the ingest started no worker"
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [pid for pid in children if alive(pid)]
    for pid in survivors:  # leave the machine clean even when failing
        os.kill(pid, signal.SIGKILL)
    assert survivors == [], f"{len(survivors)} of {len(children)} processes outlived the ingest"

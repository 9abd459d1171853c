"""The kill -9 loop (issue 12's reliability suite): ingests killed again and again, half of
them inside the write phase (new vectors in Chroma, catalog not yet swapped, held there by the
`fault_write_mark` hook rather than found by luck), the rest at staggered moments. After every
kill the store serves whole versions only; after the loop a plain re-ingest leaves a store
that `reformqa check` finds consistent, holding the last version of every file."""

from __future__ import annotations

import logging
import os
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from reformqa.settings import Settings
from store.check import check_store
from store.index import DocumentIndex
from tests.store.helpers import run_cli, seed_copy, start_cli, wait_for

logger = logging.getLogger(__name__)
TRIALS = 20
NUMBERS = (12, 13, 14)


def _edit(corpus: Path, trial: int) -> None:
    """A new version of every document, so each ingest has something to write."""
    for number in NUMBERS:
        path = corpus / f"HSP-EB.2026-{number}.zh.md"
        text = path.read_text(encoding="utf-8")
        marker = f"（第{trial}版）"
        path.write_text(text.split("（第")[0].rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")


def _served_whole_versions(store: Path) -> None:
    """Every served document: its listed units, one generation, each with its FTS row and
    its vector. Chroma may still hold a dead writer's generation (cleaned by the next writer)."""
    index = DocumentIndex(Settings(store=store))
    try:
        report = check_store(index)
        for finding in report.findings:
            assert "pending" in finding or "vectors of no served unit" in finding, finding
        for record in index.documents():
            units = index.catalog.units_of(record.key)
            assert len(units) == record.unit_count
            assert {row["unit_id"].split("#")[1] for row in units} == {str(record.generation)}
    finally:
        index.close()


@pytest.mark.slow
def test_kill_loop_leaves_a_store_a_plain_reingest_makes_consistent(tmp_path):
    store, corpus = tmp_path / "store", tmp_path / "corpus"
    for number in NUMBERS:
        seed_copy(corpus, number)
    assert run_cli(store, "ingest", "--no-progress", str(corpus))[0] == 0
    outcomes: Counter[str] = Counter()
    trial = 0
    while outcomes["killed"] + outcomes["killed in the write phase"] < TRIALS:
        assert trial < 2 * TRIALS, f"too few kills landed: {dict(outcomes)}"
        _edit(corpus, trial)
        if trial % 2 == 0:
            mark = tmp_path / f"mark-{trial}"
            process = start_cli(
                store, "ingest", "--no-progress", str(corpus), fault_write_mark=str(mark)
            )
            wait_for(mark, process)
            outcome = "killed in the write phase"
        else:  # staggered over start-up, parsing, encoding and writing (an ingest takes ~2.5 s)
            process = start_cli(store, "ingest", "--no-progress", str(corpus))
            time.sleep(0.4 + 0.2 * (outcomes["killed"] % 10))
            outcome = "finished before the kill" if process.poll() is not None else "killed"
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)
        outcomes[outcome] += 1
        _served_whole_versions(store)
        trial += 1
    logger.warning("kill loop outcomes: %s", dict(outcomes))
    assert outcomes["killed in the write phase"] >= TRIALS // 2

    assert run_cli(store, "ingest", "--no-progress", str(corpus))[0] == 0
    code, out, _ = run_cli(store, "check")
    assert code == 0, out
    index = DocumentIndex(Settings(store=store))
    try:
        for record in index.documents():
            last = index.catalog.units_of(record.key)[-1]["text"]
            assert f"第{trial - 1}版" in last
    finally:
        index.close()

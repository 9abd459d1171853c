"""One writer, many readers, across real processes (issue 12, items 1 and 2)."""

from __future__ import annotations

import os

import pytest

from reformqa.settings import Settings
from store.check import check_store
from store.errors import StoreBusyError
from store.filters import SearchFilters
from store.index import DocumentIndex
from store.writer_lock import WriterLock
from tests.store.helpers import run_cli, seed_copy, start_cli, wait_for

A_KEY = "HSP/EB.2026/12|zh"


def test_reader_opening_mid_write_deletes_nothing_and_second_ingest_waits(tmp_path):
    """The issue's case: a second process opens the store while an ingest is between adding
    its vectors and swapping its catalog; that generation used to be taken for a dead writer's
    and deleted, leaving the document with 0 vectors and "unchanged" on re-ingest."""
    store, mark = tmp_path / "store", tmp_path / "writing"
    a, b = seed_copy(tmp_path / "a", 12), seed_copy(tmp_path / "b", 13)
    writer = start_cli(store, "ingest", "--no-progress", str(a), fault_write_mark=str(mark))
    wait_for(mark, writer)
    code, out, _ = run_cli(store, "docs")  # a reader in its own process, mid-write
    assert code == 0
    second = start_cli(store, "ingest", "--no-progress", str(b))
    index = DocumentIndex(Settings(store=store))  # and one in this process
    try:
        assert index.catalog.pending() == [(A_KEY, 1)]
        assert index.vectors.count() == 34  # the live writer's new vectors are still there
        assert writer.wait(timeout=60) == 0
        assert second.wait(timeout=60) == 0, second.communicate()
        report = check_store(index)
        assert report.consistent, report.findings
        assert report.vectors == report.units == 68
    finally:
        index.close()


def test_second_ingest_says_who_it_waits_for_and_gives_up_after_the_timeout(tmp_path):
    store = tmp_path / "store"
    lock = WriterLock(store / "writer.lock", timeout_s=0)
    with lock.hold():
        code, out, err = run_cli(
            store,
            "ingest",
            "--no-progress",
            str(seed_copy(tmp_path / "a", 12)),
            writer_timeout_s="1",
        )
    assert code == 2
    assert f"another ingest is running (pid {os.getpid()}), waiting" in err
    assert "gave up after 1 s" in err and "REFORMQA_WRITER_TIMEOUT_S" in err
    assert lock.holder() is None


def test_waiting_ingest_proceeds_when_the_lock_is_released(tmp_path):
    store = tmp_path / "store"
    lock = WriterLock(store / "writer.lock", timeout_s=0)
    with lock.hold():
        process = start_cli(store, "ingest", "--no-progress", str(seed_copy(tmp_path / "a", 12)))
        while "waiting" not in (line := process.stderr.readline()):
            assert line, "the ingest ended without waiting"
        assert lock.holder() == os.getpid()
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0 and "added 1" in out


def test_reader_sees_documents_another_process_ingests(tmp_path, embedder):
    """A long-lived reader (the server's index) used to fail every dense query with Chroma's
    "Error finding id" once another process had added vectors, until it restarted."""
    store = tmp_path / "store"
    assert run_cli(store, "ingest", "--no-progress", str(seed_copy(tmp_path / "a", 12)))[0] == 0
    index = DocumentIndex(Settings(store=store), embedder)
    try:
        query = embedder.encode(["城市规划"])[0].tolist()
        assert len(index.dense(query, SearchFilters(), 5)) == 5
        for number in (13, 14):
            folder = tmp_path / f"n{number}"
            assert run_cli(store, "ingest", "--no-progress", str(seed_copy(folder, number)))[0] == 0
            other = SearchFilters(symbols=(f"HSP/EB.2026/{number}",))
            hits = index.dense(query, other, 5)
            assert {unit.symbol for unit, _ in hits.values()} == {f"HSP/EB.2026/{number}"}
            assert len(index.dense(query, SearchFilters(), 40)) == 40
    finally:
        index.close()


def test_reader_queries_without_error_while_another_process_writes(tmp_path, embedder):
    """Mid-write (vectors added, catalog not swapped) the new units are in Chroma but not
    served: a reader's queries succeed and return only served units; after the swap they find
    the new document."""
    store, mark = tmp_path / "store", tmp_path / "writing"
    assert run_cli(store, "ingest", "--no-progress", str(seed_copy(tmp_path / "a", 12)))[0] == 0
    index = DocumentIndex(Settings(store=store), embedder)
    try:
        query = embedder.encode(["城市规划"])[0].tolist()
        assert len(index.dense(query, SearchFilters(), 5)) == 5
        writer = start_cli(
            store,
            "ingest",
            "--no-progress",
            str(seed_copy(tmp_path / "b", 13)),
            fault_write_mark=str(mark),
        )
        wait_for(mark, writer)
        hits = index.dense(query, SearchFilters(language="zh"), 60)  # a `where`, as the UI has
        assert {unit.symbol for unit, _ in hits.values()} == {"HSP/EB.2026/12"}
        assert writer.wait(timeout=60) == 0
        hits = index.dense(query, SearchFilters(), 60)
        assert {unit.symbol for unit, _ in hits.values()} == {"HSP/EB.2026/12", "HSP/EB.2026/13"}
    finally:
        index.close()


def test_two_indexes_of_one_store_in_one_process_share_the_writer_lock(tmp_path, embedder):
    """A thread writing through one index while it holds the lock through another (the server's
    index and an upload's) must not wait for itself."""
    settings = Settings(store=tmp_path / "store", writer_timeout_s=1)
    first, second = DocumentIndex(settings), DocumentIndex(settings)
    try:
        with first.writing():
            assert second.lock is first.lock
            assert not second.remove("HSP/EB.2026/12|zh")  # no StoreBusyError after 1 s
            assert first.lock.holder() == os.getpid()
        assert first.lock.holder() is None
    finally:
        first.close()
        second.close()


def test_a_thread_waits_for_another_threads_write_up_to_the_timeout(tmp_path):
    import threading

    settings = Settings(store=tmp_path / "store", writer_timeout_s=0.5)
    first, second = DocumentIndex(settings), DocumentIndex(settings)
    inside, leave = threading.Event(), threading.Event()

    def write() -> None:
        with first.writing():
            inside.set()
            leave.wait(10)

    worker = threading.Thread(target=write)
    worker.start()
    try:
        assert inside.wait(10)
        with pytest.raises(StoreBusyError, match="another write in this process"):
            second.remove("HSP/EB.2026/12|zh")
        leave.set()
        worker.join()
        assert not second.remove("HSP/EB.2026/12|zh")  # free again
    finally:
        leave.set()
        worker.join()
        first.close()
        second.close()

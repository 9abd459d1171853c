"""A running `reformqa serve` beside CLI ingests into its store (issue 12, item 2): it used to
fail every query with Chroma's "Error finding id" after the ingest, until restarted."""

from __future__ import annotations

import logging
import socket
import time
import urllib.request
from pathlib import Path

import pytest

from tests.store.helpers import run_cli, seed_copy, start_cli

logger = logging.getLogger(__name__)
QUESTION = "What budget did the Board approve for the Kalimantan water pilot?"
NEW_DOCUMENT = """---
symbol: HSP/EB.2026/99
language: en
title: Kalimantan water pilot
---

1. The Executive Board approved the Kalimantan water pilot with a budget of 4.2 million
dollars for 2027.

2. The Board requested a report on the pilot at its next session.
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_http(url: str, process, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server never answered")


@pytest.mark.slow
def test_running_server_answers_from_documents_another_process_ingests(tmp_path: Path):
    from gradio_client import Client

    store = tmp_path / "store"
    assert run_cli(store, "ingest", "--no-progress", str(seed_copy(tmp_path / "a", 12)))[0] == 0
    port = _free_port()
    server = start_cli(store, "serve", "--port", str(port))
    try:
        _wait_http(f"http://127.0.0.1:{port}/", server)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        before = client.predict(QUESTION, api_name="/ask")
        assert all(c["doc"] != "HSP/EB.2026/99" for c in before["citations"])

        folder = tmp_path / "b"
        folder.mkdir()
        (folder / "pilot.md").write_text(NEW_DOCUMENT, encoding="utf-8")
        for number in range(13, 16):
            seed_copy(folder, number)
        ingest = start_cli(store, "ingest", "--no-progress", str(folder))
        errors, during = 0, 0
        while ingest.poll() is None:  # queries while the other process writes
            try:
                client.predict("脚注 6", api_name="/ask")
            except Exception:  # noqa: BLE001 - any failure is what this test counts
                errors += 1
            during += 1
        assert ingest.returncode == 0, ingest.communicate()
        after = [client.predict(QUESTION, api_name="/ask") for _ in range(3)]
        logger.warning("queries during the ingest: %d, failed: %d", during, errors)
        assert errors == 0, f"{errors} of {during} queries failed during the ingest"
        for answer in after:
            assert answer["citations"][0]["doc"] == "HSP/EB.2026/99"
            assert "4.2 million" in answer["answer"]
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert "Error finding id" not in out + err

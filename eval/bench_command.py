"""`reformqa bench`: run the benchmark and write OUT/bench.json, bench.md and latency.png."""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval.bench import BenchConfig, bench_queries, gold_recall_alone, machine, run_size
from eval.bench_documents import document_ingest, documents_table
from reformqa.settings import Settings
from store.embedders import make_embedder

_COLUMNS = (
    "units",
    "ingest u/s",
    "encoder-only u/s",
    "ratio",
    "re-ingest s",
    "retrieval p50/p95/p99 ms",
    "+extractive p50/p95 ms",
    "service p50/p95 ms",
    "serving RSS MB",
    "disk B/unit",
    "baseline p50/p95 ms",
    "speed-up p50",
)
_HEADER = "| " + " | ".join(_COLUMNS) + " |\n" + "|---" * len(_COLUMNS) + "|"


def _recall_table(report: dict[str, Any]) -> str:
    recall = report.get("recall_at_5") or {}
    if not recall:
        return ""
    alone = report.get("recall_at_5_alone") or {}
    distractors = max(r["units_indexed"] for r in report["sizes"] if "gold_recall_at_5" in r)
    return (
        f"Recall@5 on the dev gold set ({recall['questions']} answerable questions about "
        "corpus/), asked through the service:\n\n"
        "| store | reformqa | LangChain tutorial baseline |\n|---|---|---|\n"
        f"| corpus/ alone | {alone.get('ours', '–')} | {alone.get('baseline', '–')} |\n"
        f"| corpus/ among {distractors:,} generated units | {recall['ours']} | "
        f"{recall['baseline']} |\n"
    )


def markdown(report: dict[str, Any]) -> str:
    rows = []
    for r in report["sizes"]:
        query, base = r["query"], r.get("baseline", {})
        rows.append(
            f"| {r['units_indexed']:,} | {r['ingest']['units_per_s']} | "
            f"{r['encoder_only_units_per_s']} | {r['ingest_vs_encoder']} | "
            f"{r['reingest_unchanged_s']} | {query['retrieval_ms']['p50']} / "
            f"{query['retrieval_ms']['p95']} / {query['retrieval_ms']['p99']} | "
            f"{query['retrieval_extractive_ms']['p50']} / {query['retrieval_extractive_ms']['p95']}"
            f" | {query['service_ms']['p50']} / {query['service_ms']['p95']} | "
            f"{query['serving_peak_rss_mb']} | {r['disk_bytes_per_unit']} | "
            f"{base.get('query_ms', {}).get('p50', '–')} / "
            f"{base.get('query_ms', {}).get('p95', '–')}"
            f" | {base.get('speedup_p50', '–')} |"
        )
    m = report["machine"]
    return f"""# Benchmark ({report["date"]})

Machine: {m["cpus"]} cores, {m["memory_gb"]} GB, {m["processor"]}, Python {m["python"]}.
Embedder {report["embedder"]}; units embedded for real up to {report["real_limit"]:,} per size
(larger sizes: synthetic vectors, see eval/bench.py). {report["queries"]} queries (the dev gold
questions in six languages, then generated sentences).

{_HEADER}
{chr(10).join(rows)}

{_recall_table(report)}
{documents_table(report.get("documents", []))}"""


def plot(report: dict[str, Any], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["units_indexed"] for r in report["sizes"]]
    figure, axis = plt.subplots(figsize=(6.5, 4))
    for key, label in (
        ("retrieval_ms", "reformqa retrieval"),
        ("retrieval_extractive_ms", "reformqa retrieval + extractive"),
    ):
        axis.plot(
            sizes, [r["query"][key]["p95"] for r in report["sizes"]], "o-", label=f"{label} p95"
        )
    with_base = [r for r in report["sizes"] if "baseline" in r]
    if with_base:
        axis.plot(
            [r["units_indexed"] for r in with_base],
            [r["baseline"]["query_ms"]["p95"] for r in with_base],
            "s--",
            label="LangChain tutorial p95",
        )
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("units in the index")
    axis.set_ylabel("latency (ms)")
    axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(out / "latency.png", dpi=110)
    plt.close(figure)


def run_bench(args: argparse.Namespace, settings: Settings) -> int:
    config = BenchConfig(
        sizes=[int(s) for s in args.sizes.split(",") if s.strip()],
        out=args.out,
        real_limit=args.real_limit,
        queries=args.queries,
        baseline=not args.no_baseline,
    )
    config.out.mkdir(parents=True, exist_ok=True)
    embedder = make_embedder(settings.embedder, settings.embed_threads)
    queries = bench_queries(config.queries, config.seed)
    started = time.perf_counter()
    report: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "embedder": embedder.identity,
        "real_limit": config.real_limit,
        "queries": len(queries),
        "sizes": [],
    }
    with tempfile.TemporaryDirectory(prefix="reformqa-bench-") as temporary:
        scratch = str(args.work) if args.work else temporary
        for size in sorted(config.sizes):
            report["sizes"].append(run_size(config, size, embedder, Path(scratch), queries))
            print(f"{size:,} units done ({time.perf_counter() - started:.0f} s)", flush=True)
        for folder in args.documents or []:
            report.setdefault("documents", []).append(
                document_ingest(folder, embedder, Path(scratch))
            )
            print(f"{folder} done ({time.perf_counter() - started:.0f} s)", flush=True)
        report["recall_at_5"] = next(
            (r["gold_recall_at_5"] for r in report["sizes"] if "gold_recall_at_5" in r), None
        )
        if not args.no_baseline and config.sizes:
            report["recall_at_5_alone"] = gold_recall_alone(embedder, Path(scratch))
    report["seconds"] = round(time.perf_counter() - started, 1)
    (config.out / "bench.json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    (config.out / "bench.md").write_text(markdown(report), encoding="utf-8")
    if report["sizes"]:
        plot(report, config.out)
    print(markdown(report))
    return 0

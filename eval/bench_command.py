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
    "UI path p50/p95 ms",
    "unfiltered p50/p95 ms",
    "UI retrieval p50/p95 ms",
    "serving RSS MB",
    "disk B/unit",
    "baseline p50/p95 ms",
    "speed-up p50",
    "recall@5 ours / baseline",
)
_HEADER = "| " + " | ".join(_COLUMNS) + " |\n" + "|---" * len(_COLUMNS) + "|"


def _pair(block: dict[str, Any] | None, low: str = "p50_ms", high: str = "p95_ms") -> str:
    return f"{block[low]} / {block[high]}" if block else "–"


def _recall_table(report: dict[str, Any]) -> str:
    alone = report.get("recall_at_5_alone") or {}
    rows = [r for r in report["sizes"] if r.get("recall_at_5")]
    if not rows and not alone:
        return ""
    questions = (rows[0]["recall_at_5"] if rows else alone)["questions"]
    lines = [
        f"Recall@5 on the dev gold set ({questions} answerable questions about corpus/), "
        "asked through the service (ours as a delegate, UI path; unfiltered in brackets):",
        "",
        "| store | reformqa | LangChain tutorial baseline |",
        "|---|---|---|",
        f"| corpus/ alone | {alone.get('ours', '–')} | {alone.get('baseline', '–')} |",
    ]
    for r in rows:
        recall = r["recall_at_5"]
        lines.append(
            f"| corpus/ among {r['units_indexed']:,} generated units | {recall['ours']} "
            f"({recall.get('ours_unfiltered', '–')}) | {recall['baseline']} |"
        )
    return "\n".join(lines) + "\n"


def markdown(report: dict[str, Any]) -> str:
    rows = []
    for r in report["sizes"]:
        query, base = r["query"], r.get("baseline") or {}
        recall = r.get("recall_at_5") or {}
        ui_retrieval = query["ui_retrieval_ms"]
        rows.append(
            f"| {r['units_indexed']:,} | {r['ingest']['units_per_s']} | "
            f"{r['encoder_only_units_per_s']} | {r['ingest_vs_encoder']} | "
            f"{r['reingest_unchanged_s']} | {_pair(r['ui_path'])} | {_pair(r['unfiltered'])} | "
            f"{ui_retrieval['p50']} / {ui_retrieval['p95']} | "
            f"{query['serving_peak_rss_mb']} | {r['disk_bytes_per_unit']} | "
            f"{_pair(base) if 'p50_ms' in base else '–'} | {base.get('speedup_p50', '–')} | "
            f"{recall.get('ours', '–')} / {recall.get('baseline', '–')} |"
        )
    m = report["machine"]
    return f"""# Benchmark ({report["date"]})

Machine: {m["cpus"]} cores, {m["memory_gb"]} GB, {m["processor"]}, Python {m["python"]}.
Embedder {report["embedder"]}; units embedded for real up to {report["real_limit"]:,} per size
(larger sizes: synthetic vectors, see eval/bench.py). {report["queries"]} queries (the dev gold
questions in six languages, then generated sentences).

UI path: a delegate's question through the service (audience filter on): retrieval and the
extractive answer. Unfiltered: the same without a filter. UI retrieval: retrieval alone on the
UI path. Baseline: the LangChain tutorial's similarity_search (k=5) on the same encoder;
speed-up = baseline p50 / UI retrieval p50.

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
        ("ui_retrieval_ms", "reformqa retrieval, UI path"),
        ("ui_service_ms", "reformqa answer, UI path"),
        ("service_ms", "reformqa answer, unfiltered"),
    ):
        axis.plot(
            sizes, [r["query"][key]["p95"] for r in report["sizes"]], "o-", label=f"{label} p95"
        )
    with_base = [r for r in report["sizes"] if "baseline" in r]
    if with_base:
        axis.plot(
            [r["units_indexed"] for r in with_base],
            [r["baseline"]["p95_ms"] for r in with_base],
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
            (r["recall_at_5"] for r in reversed(report["sizes"]) if r.get("recall_at_5")), None
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

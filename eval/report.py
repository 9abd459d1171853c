"""Evaluation reports: report.json, report.md with tables, PNG plots, comparisons, and the
threshold check that gates `make test`."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval.metrics import QuestionScore, aggregate, bootstrap

_TABLE_COLUMNS = (
    ("n", "n"),
    ("recall@1", "retrieval.recall@1"),
    ("recall@5", "retrieval.recall@5"),
    ("recall@10", "retrieval.recall@10"),
    ("MRR", "retrieval.mrr"),
    ("accuracy", "answer.accuracy"),
    ("F1", "answer.f1"),
    ("chars", "answer.mean_chars"),
    ("cite P", "citation.precision"),
    ("cite R", "citation.recall"),
    ("unans. abstained", "abstention.unanswerable_abstained"),
    ("ans. abstained", "abstention.answerable_abstained"),
    ("AUROC", "abstention.auroc"),
    ("p50 ms", "latency_ms.p50"),
    ("p95 ms", "latency_ms.p95"),
)


def lookup(block: dict, dotted: str) -> Any:
    value: Any = block
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def build_report(scores: Sequence[QuestionScore], config: dict[str, Any]) -> dict[str, Any]:
    report = aggregate(scores)
    report["by_lang"] = {
        lang: aggregate([s for s in scores if s.lang == lang])
        for lang in sorted({s.lang for s in scores})
    }
    report["by_kind"] = {
        kind: aggregate([s for s in scores if s.kind == kind])
        for kind in sorted({s.kind for s in scores})
    }
    report["by_pair"] = {
        pair: aggregate([s for s in scores if s.pair == pair])
        for pair in sorted({s.pair for s in scores})
    }
    report["intervals_95"] = bootstrap(scores)
    report["config"] = config
    report["questions"] = [vars(s) for s in scores]
    return report


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.0f}" if value >= 10 else f"{value:.3f}"
    return str(value)


def table(rows: dict[str, dict]) -> str:
    head = "| | " + " | ".join(name for name, _ in _TABLE_COLUMNS) + " |"
    rule = "|---" * (len(_TABLE_COLUMNS) + 1) + "|"
    lines = [head, rule]
    for label, block in rows.items():
        cells = " | ".join(_cell(lookup(block, key)) for _, key in _TABLE_COLUMNS)
        lines.append(f"| {label} | {cells} |")
    return "\n".join(lines)


def markdown(report: dict[str, Any]) -> str:
    config = report["config"]
    intervals = "\n".join(
        f"- {name}: {lookup(report, name) or 0:.3f} (95% CI {ci[0]:.3f}–{ci[1]:.3f})"
        for name, ci in report["intervals_95"].items()
        if ci
    )
    stages = "\n".join(
        f"| {stage} | {v['p50']:.1f} | {v['p95']:.1f} |"
        for stage, v in report["latency_ms"]["stages"].items()
    )
    return f"""# Evaluation report

Gold set `{config.get("gold")}`, {report["n"]} questions; mode {config.get("mode")},
k {config.get("k")}, embedder {config.get("embedder")}; {config.get("date")}.

## Overall and by language

{table({"all": report, **report["by_lang"]})}

## By language pair (question → answer's language)

{table(report.get("by_pair", {}))}

## By kind

{table(report["by_kind"])}

## Headline figures with 95% bootstrap intervals

{intervals}

## Latency per stage (ms)

| stage | p50 | p95 |
|---|---|---|
{stages}
"""


def write_plots(report: dict[str, Any], scores: Sequence[QuestionScore], out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    metrics = (
        ("answer.accuracy", "accuracy"),
        ("retrieval.recall@5", "recall@5"),
        ("citation.recall", "citation recall"),
        ("abstention.unanswerable_abstained", "unanswerable abstained"),
    )
    langs = list(report["by_lang"])
    figure, axis = plt.subplots(figsize=(9, 4))
    width = 0.8 / len(metrics)
    for index, (key, label) in enumerate(metrics):
        values = [lookup(report["by_lang"][lang], key) or 0.0 for lang in langs]
        axis.bar([i + index * width for i in range(len(langs))], values, width, label=label)
    axis.set_xticks([i + 0.4 - width / 2 for i in range(len(langs))], langs)
    axis.set_ylim(0, 1.05)
    axis.set_title("Per language")
    axis.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    written.append(out / "per_language.png")
    figure.savefig(written[-1], dpi=110)
    plt.close(figure)

    figure, axis = plt.subplots(figsize=(6, 3.5))
    axis.hist([s.timings_ms.get("total", 0.0) for s in scores], bins=20)
    axis.set_xlabel("end-to-end latency (ms)")
    axis.set_ylabel("questions")
    axis.set_title("Latency")
    figure.tight_layout()
    written.append(out / "latency.png")
    figure.savefig(written[-1], dpi=110)
    plt.close(figure)
    return written


def write_report(report: dict[str, Any], scores: Sequence[QuestionScore], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (out / "report.md").write_text(markdown(report), encoding="utf-8")
    write_plots(report, scores, out)


def write_comparison(reports: dict[str, dict[str, Any]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    (out / "compare.md").write_text("# Comparison\n\n" + table(reports) + "\n", encoding="utf-8")
    (out / "compare.json").write_text(
        json.dumps(
            {name: {k: v for k, v in r.items() if k != "questions"} for name, r in reports.items()},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    keys = (
        "retrieval.recall@5",
        "answer.accuracy",
        "citation.recall",
        "abstention.unanswerable_abstained",
    )
    figure, axis = plt.subplots(figsize=(9, 4))
    width = 0.8 / len(reports)
    for index, (name, report) in enumerate(reports.items()):
        values = [lookup(report, key) or 0.0 for key in keys]
        axis.bar([i + index * width for i in range(len(keys))], values, width, label=name)
    axis.set_xticks(
        [i + 0.4 - width / 2 for i in range(len(keys))], [k.split(".")[-1] for k in keys]
    )
    axis.set_ylim(0, 1.05)
    axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(out / "compare.png", dpi=110)
    plt.close(figure)


def check_thresholds(report: dict[str, Any], path: Path) -> list[str]:
    """Failures against a thresholds file ([min] and [max] tables of dotted metric names)."""
    limits = tomllib.loads(path.read_text(encoding="utf-8"))
    failures = []
    for name, minimum in limits.get("min", {}).items():
        value = lookup(report, name)
        if value is None or value < minimum:
            failures.append(f"{name} = {value} is below the threshold {minimum}")
    for name, maximum in limits.get("max", {}).items():
        value = lookup(report, name)
        if value is None or value > maximum:
            failures.append(f"{name} = {value} is above the threshold {maximum}")
    return failures

"""`reformqa bench`: ingest throughput and query latency from 1k to 1M paragraphs, against the
LangChain tutorial pipeline, on generated UN-style documents.

Up to `real_limit` units (default 10,000) are embedded for real. Larger stores are filled
with synthetic vectors: for each extra unit, the normalized sum of two real unit vectors
(weights 1 and 0.5, chosen at random) plus Gaussian noise (sigma 0.05 per dimension), its
sentences' vectors made from it (see `synthetic_sentences`), while its text, catalog row and
lexical entry come from a generated paragraph, so both indexes hold exactly what a real store
of that size would. The LangChain baseline grows alike: the
same generated documents, split as it splits them, with chunk vectors made the same way from
its own real chunk vectors.
"""

from __future__ import annotations

import json
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from eval.baseline import TutorialBaseline
from eval.generator import CorpusGenerator
from eval.gold import load_gold
from eval.metrics import percentile
from ingest.encoder_pool import BatchEncoder
from ingest.factory import build_pipeline
from ingest.models import Unit
from ingest.parser import DocumentParser
from reformqa.sentences import split_sentences
from reformqa.settings import Settings
from store.embedders import EncoderEmbeddings
from store.index import DocumentIndex

ROOT = Path(__file__).resolve().parent.parent
DEV_GOLD = ROOT / "eval" / "gold" / "hsp-eb-2026-12.dev.jsonl"
# the dev gold set is about this one document; the rest of corpus/ is the issue-11 collection
SEED_DOCUMENT = ROOT / "corpus" / "HSP-EB.2026-12.zh.md"


@dataclass
class BenchConfig:
    sizes: list[int]
    out: Path
    real_limit: int = 10_000
    queries: int = 100
    seed: int = 2026
    baseline: bool = True
    results: dict[str, Any] = field(default_factory=dict)


def latency_summary(values: list[float]) -> dict[str, float | None]:
    return {f"p{q}": percentile(values, q) for q in (50, 95, 99)}


def machine() -> dict[str, Any]:
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    return {
        "cpus": __import__("os").cpu_count(),
        "memory_gb": round(int(memory) / 2**20, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def bench_queries(count: int, seed: int) -> list[str]:
    """The dev gold questions (six languages), then generated sentences, `count` in all."""
    questions = [q.question for q in load_gold(DEV_GOLD)]
    generator = CorpusGenerator(seed=seed + 1)
    while len(questions) < count:
        questions.append(generator.sentence(generator.languages[len(questions) % 6]))
    return questions[:count]


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def encoder_only(
    embedder: EncoderEmbeddings, texts: list[str], batch: int, workers: int = 1
) -> float:
    """Units per second of the embedder alone on the same texts, set up as ingest sets it up
    (the same worker processes), the ceiling for ingest. Workers are started and warm before
    the clock starts, so the ceiling is steady-state encoding; ingest pays their start."""
    with BatchEncoder(embedder, workers, len(texts)) as encoder:
        for warm_up in [encoder.submit(texts[:8]) for _ in range(max(1, workers))]:
            warm_up.vectors()
        started = time.perf_counter()
        pending = [
            encoder.submit(texts[start : start + batch]) for start in range(0, len(texts), batch)
        ]
        for future in pending:
            future.vectors()
        return len(texts) / (time.perf_counter() - started)


def synthetic_vectors(base: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` vectors, each the normalized sum of two of `base` (weights 1 and 0.5) plus
    Gaussian noise (sigma 0.05 per dimension): near real ones, as paraphrases would be."""
    first = base[rng.integers(0, len(base), count)]
    second = base[rng.integers(0, len(base), count)]
    vectors = first + 0.5 * second + rng.normal(0, 0.05, first.shape)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32)


def synthetic_sentences(
    units: Sequence[Unit], vectors: np.ndarray, rng: np.random.Generator
) -> list[tuple[str, str, np.ndarray]]:
    """Sentence vectors for synthetic units, as ingest would store them for real ones: a
    sentence that is the whole unit takes its vector, the others the unit's vector plus
    noise. They serve the answerer's lookups at the sizes nobody can embed here; the
    sentences of synthetic units are distractors, so what they score matters little."""
    rows = []
    for unit, vector in zip(units, vectors, strict=True):
        for sentence in split_sentences(unit.text):
            if sentence == unit.text.strip():
                rows.append((unit.text_hash, sentence, vector))
                continue
            noisy = vector + rng.normal(0, 0.05, vector.shape)
            rows.append((unit.text_hash, sentence, (noisy / np.linalg.norm(noisy)).astype("f4")))
    return rows


def fill_synthetic(
    index: DocumentIndex,
    generator: CorpusGenerator,
    units: int,
    base: np.ndarray,
    seed: int,
    scratch: Path,
    baseline: TutorialBaseline | None = None,
) -> float:
    """Add `units` generated units with synthetic vectors (see the module docstring); the
    baseline, if given, gets the same documents' chunks with vectors made the same way from
    its own real chunk vectors, so that both stores grow alike."""
    rng = np.random.default_rng(seed)
    chunk_rng = np.random.default_rng(seed + 1)
    sentences = index.sentence_vectors(index.vectors.embedder_identity or "")
    chunk_base = baseline.vectors() if baseline is not None else None
    chunks: list[str] = []
    parser = DocumentParser()
    started = time.perf_counter()
    for document in generator.documents(units):
        path = scratch / document.name
        path.write_text(document.text, encoding="utf-8")
        parsed = parser.run(path)
        vectors = synthetic_vectors(base, len(parsed.units), rng)
        index.replace(parsed, vectors)
        sentences.store(synthetic_sentences(parsed.units, vectors, rng))
        path.unlink()
        if baseline is not None and chunk_base is not None:
            chunks.extend(baseline.split(document.text))
            if len(chunks) >= 4000:
                baseline.add_vectors(chunks, synthetic_vectors(chunk_base, len(chunks), chunk_rng))
                chunks = []
    if baseline is not None and chunk_base is not None and chunks:
        baseline.add_vectors(chunks, synthetic_vectors(chunk_base, len(chunks), chunk_rng))
    return time.perf_counter() - started


def probe(store: Path, queries: list[str]) -> dict[str, Any]:
    """Query latencies and peak RSS measured in a fresh process serving the store."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(queries, f, ensure_ascii=False)
    result = subprocess.run(
        [sys.executable, "-m", "eval.bench_probe", str(store), f.name],
        capture_output=True,
        text=True,
        timeout=3600,
        check=True,
    )
    Path(f.name).unlink()
    return json.loads(result.stdout.strip().splitlines()[-1])


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"<sup>\s*\d+\s*</sup>|\\", "", text))


def gold_recall(
    index: DocumentIndex, embedder: EncoderEmbeddings, baseline: TutorialBaseline
) -> dict[str, float]:
    """Recall@5 on the dev gold set with the seed document added to both stores (the generated
    distractors they may already hold stay), asked through AssistantService as a user asks:
    direct references ("paragraph 14", "HSP/EB.2026/12") count, as in `reformqa eval`.
    `ours` is asked as a delegate (the UI's path, audience filter on), `ours_unfiltered`
    without a filter; corpus/ is public, so both should find the same.

    A baseline chunk is a hit when it contains a gold paragraph's text, or, for a paragraph
    longer than a chunk, when the paragraph contains the chunk's central 300 characters.
    """
    from assistant.service import AssistantService
    from eval.bench_probe import DELEGATE

    paths = [SEED_DOCUMENT]
    build_pipeline(index.settings, index, embedder).run(paths)
    baseline.ingest(paths)
    service = AssistantService(index.settings, index=index, embedder=embedder)
    units = {
        (row["symbol"], row["label"]): _clean(row["text"])
        for record in index.documents()
        if not record.meta.symbol.startswith("GEN/")
        for row in index.catalog.units_of(record.key)
    }
    ours = unfiltered = theirs = questions = 0
    for question in load_gold(DEV_GOLD):
        if not question.answerable:
            continue
        questions += 1
        gold = [units[c] for c in question.citations if c in units]
        sources = service.ask(question.question, k=5, filters=DELEGATE).sources[:5]
        ours += any(source.key in question.citations for source in sources)
        sources = service.ask(question.question, k=5).sources[:5]
        unfiltered += any(source.key in question.citations for source in sources)
        chunks = [_clean(c) for c in baseline.search(question.question, k=5)]
        theirs += any(
            g in c or (len(g) > len(c) and c[len(c) // 2 - 150 : len(c) // 2 + 150] in g)
            for g in gold
            for c in chunks
        )
    return {
        "questions": questions,
        "ours": round(ours / questions, 3),
        "ours_unfiltered": round(unfiltered / questions, 3),
        "baseline": round(theirs / questions, 3),
    }


def gold_recall_alone(embedder: EncoderEmbeddings, scratch: Path) -> dict[str, float]:
    """The same recall@5 with the seed document alone in fresh stores: no distractors."""
    index = DocumentIndex(Settings(store=scratch / "store-gold-only"), embedder)
    try:
        return gold_recall(index, embedder, TutorialBaseline(embedder, scratch / "baseline-gold"))
    finally:
        index.close()


def _p(summary: dict[str, Any]) -> dict[str, float]:
    return {"p50_ms": summary["p50"], "p95_ms": summary["p95"]}


def baseline_latency(baseline: TutorialBaseline, queries: list[str]) -> dict[str, float]:
    baseline.search(queries[0], k=5)  # warm, as our probe is
    latencies = []
    for query in queries:
        baseline.embedder.forget_queries()  # the same embedder object as ours
        started = time.perf_counter()
        baseline.search(query, k=5)
        latencies.append((time.perf_counter() - started) * 1000)
    return {f"{k}_ms": round(v or 0.0, 2) for k, v in latency_summary(latencies).items()}


def run_size(
    config: BenchConfig, size: int, embedder: EncoderEmbeddings, scratch: Path, queries: list[str]
) -> dict[str, Any]:
    """One size: ingest, fill, serve (ours and the baseline), recall among distractors.

    `ui_path` is a delegate's question through the service (audience filter on), `unfiltered`
    the same without a filter, `baseline` the tutorial's similarity_search; each p50/p95 ms."""
    real = min(size, config.real_limit)
    corpus = scratch / f"corpus-{size}"
    generator = CorpusGenerator(seed=config.seed)
    files = generator.write(corpus, real)
    settings = Settings(store=scratch / f"store-{size}")
    index = DocumentIndex(settings, embedder)
    result: dict[str, Any] = {"size": size, "real_units": real}
    embedder.encode(["warm-up: load the model before the clock starts"])
    try:
        pipeline = build_pipeline(settings, index, embedder)
        workers = pipeline.workers
        report = pipeline.run([corpus])
        result["ingest"] = {
            "units": report.units,
            "seconds": round(report.seconds, 2),
            "units_per_s": round(report.units_per_second, 1),
            "failed": len(report.failed),
        }
        texts = index.catalog.unit_texts()
        ceiling = encoder_only(embedder, texts, pipeline.batch_size, workers)
        result["encoder_workers"] = workers
        result["encoder_only_units_per_s"] = round(ceiling, 1)
        result["ingest_vs_encoder"] = round(report.units_per_second / ceiling, 3)
        again = pipeline.run([corpus])
        result["reingest_unchanged_s"] = round(again.seconds, 2)
        baseline = None
        if config.baseline:
            baseline = TutorialBaseline(embedder, scratch / f"baseline-{size}")
            chunks, seconds = baseline.ingest(files)
            result["baseline"] = {
                "chunks": chunks,
                "ingest_seconds": round(seconds, 2),
                "ingest_time_ratio": round(result["ingest"]["seconds"] / seconds, 2),
            }
        if size > real:
            seconds = fill_synthetic(
                index,
                CorpusGenerator(seed=config.seed + size, prefix="SYN"),
                size - real,
                index.catalog.all_cached_vectors(),
                config.seed,
                scratch,
                baseline,
            )
            result["synthetic"] = {"units": size - real, "seconds": round(seconds, 1)}
        result["units_indexed"] = index.catalog.unit_count()
        result["ingest_peak_rss_mb"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        )
        result["disk_bytes_per_unit"] = round(
            directory_bytes(settings.store) / max(result["units_indexed"], 1)
        )
        query = result["query"] = probe(settings.store, queries)
        result["ui_path"] = _p(query["ui_service_ms"])
        result["unfiltered"] = _p(query["service_ms"])
        if baseline is not None:
            base = result["baseline"]
            base["chunks_indexed"] = baseline.store._collection.count()
            base.update(baseline_latency(baseline, queries))
            ours = query["ui_retrieval_ms"]["p50"]
            base["speedup_p50"] = round(base["p50_ms"] / ours, 2) if ours else None
            answer = result["ui_path"]["p50_ms"]
            base["speedup_p50_with_answer"] = round(base["p50_ms"] / answer, 2) if answer else None
            result["recall_at_5"] = gold_recall(index, embedder, baseline)
    finally:
        index.close()
    return result

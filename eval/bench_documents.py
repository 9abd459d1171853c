"""Ingest throughput on folders of real documents (PDF, Word), against the encoder alone.

The size rows of `reformqa bench` ingest generated Markdown; what users ingest are PDFs as the
UN publishes them, where reading the file is part of the cost. For each folder this measures
the reader alone, a full ingest into a fresh store, and the encoder alone on the same units,
so "ingest / encoder" says how much of the ceiling the reader and the writes leave.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from eval.bench import encoder_only
from ingest.factory import build_pipeline
from ingest.parser import SUPPORTED_SUFFIXES, DocumentParser
from reformqa.settings import Settings
from store.embedders import EncoderEmbeddings
from store.index import DocumentIndex


def document_ingest(folder: Path, embedder: EncoderEmbeddings, scratch: Path) -> dict[str, Any]:
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
    parser = DocumentParser()
    started = time.perf_counter()
    units = sum(len(parser.run(path).units) for path in files)
    parse_seconds = time.perf_counter() - started
    settings = Settings(store=scratch / f"store-{folder.name}")
    index = DocumentIndex(settings, embedder)
    try:
        pipeline = build_pipeline(settings, index, embedder)
        report = pipeline.run(files)
        ceiling = encoder_only(
            embedder, index.catalog.unit_texts(), pipeline.batch_size, pipeline.workers
        )
    finally:
        index.close()
    return {
        "folder": str(folder),
        "files": len(files),
        "pdf_pages": _pdf_pages(files),
        "units": units,
        "parse_seconds": round(parse_seconds, 2),
        "ingest_seconds": round(report.seconds, 2),
        "ingest_units_per_s": round(report.units_per_second, 1),
        "encoder_only_units_per_s": round(ceiling, 1),
        "ingest_vs_encoder": round(report.units_per_second / ceiling, 3),
        "failed": len(report.failed),
    }


def _pdf_pages(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    pages = 0
    for path in files:
        if path.suffix.lower() == ".pdf":
            document = pdfium.PdfDocument(path)
            pages += len(document)
            document.close()
    return pages


def documents_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    lines = [
        "Ingest of document folders (read, embed, write into a fresh store):\n",
        "| folder | files | PDF pages | units | reader s | ingest s | ingest u/s "
        "| encoder-only u/s | ratio |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['folder']} | {r['files']} | {r['pdf_pages']} | {r['units']} | "
            f"{r['parse_seconds']} | {r['ingest_seconds']} | {r['ingest_units_per_s']} | "
            f"{r['encoder_only_units_per_s']} | {r['ingest_vs_encoder']} |"
        )
    return "\n".join(lines) + "\n"

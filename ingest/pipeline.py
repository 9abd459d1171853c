"""Ingest a batch of files: parse all, resolve conflicts, embed only what is new, swap in.

A failing file is reported and skipped; the batch goes on and nothing already indexed is
touched by a failure. Unchanged files (same content hash) cost no embedding; changed files
reuse cached vectors for every paragraph whose text did not change.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rich.progress import Progress

from ingest.encoder_pool import BatchEncoder
from ingest.errors import IngestError
from ingest.inspection import sequence_warnings
from ingest.models import ParsedDocument
from ingest.parse_pool import parse_files
from ingest.parser import DocumentParser
from ingest.sentence_jobs import SentenceJobs, units_to_split
from reformqa.progress import progress_bar
from store.embedders import EncoderEmbeddings
from store.index import DocumentIndex

logger = logging.getLogger(__name__)
GROUP_UNITS = 2048  # units embedded together before their documents are written


@dataclass
class IngestReport:
    """What one ingest run did, for the closing summary and for tests."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "FILE: para 24 missing", as inspect says
    units: int = 0  # units written to the index in this run
    embedded: int = 0  # units the embedder actually ran on (cache misses)
    sentences: int = 0  # sentences it ran on (for the extractive answerer, issue 15)
    seconds: float = 0.0

    @property
    def units_per_second(self) -> float:
        return self.units / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}, pruned {len(self.pruned)}, "
            f"failed {len(self.failed)}; {self.units} units indexed "
            f"({self.embedded} embedded) in {self.seconds:.1f} s, "
            f"{self.units_per_second:.1f} units/s"
        )


def collect_files(paths: Iterable[Path], exclude: Path | None = None) -> list[Path]:
    """Files named, and every non-hidden file below named directories, in a stable order;
    never the files of the store itself (`exclude`)."""
    files: list[Path] = []
    excluded = exclude.resolve() if exclude is not None else None
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if (p.is_file() or p.is_symlink())  # a broken link is reported, not skipped
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            files.append(path)
    resolved = (p.resolve() if p.exists() else p for p in files)
    return list(
        dict.fromkeys(p for p in resolved if excluded is None or not p.is_relative_to(excluded))
    )


@dataclass
class _EncodedGroup:
    """A group of documents with all their vectors: `known` before this run, `fresh` new."""

    documents: list[ParsedDocument]
    known: dict[str, np.ndarray]
    fresh: dict[str, np.ndarray]
    sentences: SentenceJobs


class IngestPipeline:
    """Parses, embeds and indexes files into a DocumentIndex."""

    def __init__(
        self,
        index: DocumentIndex,
        embedder: EncoderEmbeddings,
        parser: DocumentParser,
        batch_size: int = 64,
        progress: bool = True,
        workers: int = 1,
    ) -> None:
        """`workers` > 1 encodes large batches in that many processes (see BatchEncoder)."""
        self.index = index
        self.embedder = embedder
        self.parser = parser
        self.batch_size = batch_size
        self.progress = progress
        self.workers = workers

    def run(
        self,
        paths: Iterable[Path],
        prune: bool = False,
        overrides: Mapping[str, str] | None = None,
    ) -> IngestReport:
        """Ingest files and folders; `overrides` set metadata (e.g. audience) for all of them.

        The whole run holds the store's writer lock: a second ingest into the same store waits
        for this one (saying so) instead of writing beside it."""
        with self.index.writing():
            return self._run(paths, prune, overrides)

    def _run(
        self, paths: Iterable[Path], prune: bool, overrides: Mapping[str, str] | None
    ) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        files = collect_files(paths, exclude=self.index.settings.store)
        with progress_bar(self.progress) as progress:
            parsed = self._parse_all(files, report, progress, overrides)
            to_index = self._triage(parsed, report)
            unit_task = progress.add_task(
                "embedding units", total=sum(len(p.units) for p in to_index)
            )
            self._embed_and_write(list(_groups(to_index, GROUP_UNITS)), report, progress, unit_task)
        if prune:
            self._prune(report)
        report.seconds = time.perf_counter() - started
        return report

    def _embed_and_write(
        self,
        groups: list[list[ParsedDocument]],
        report: IngestReport,
        progress: Progress,
        task: object,
    ) -> None:
        """Encode group N (its units, then their sentences) while this process writes group
        N-1 (Chroma, catalog, FTS5, embedding cache, sentence vectors). With encoder workers
        the two run side by side; in process they run in turn. Only this thread touches the
        catalog, so its transactions never interleave."""
        hashes = {u.text_hash for group in groups for d in group for u in d.units}
        to_embed = len(hashes - self.index.catalog.cached_hashes(self.embedder.identity, hashes))
        sentences = self.index.sentence_vectors(self.embedder.identity)
        to_embed += units_to_split([d for group in groups for d in group], sentences)
        with BatchEncoder(self.embedder, self.workers, to_embed) as encoder:
            previous: _EncodedGroup | None = None
            for group in groups:
                known = self._known_vectors(group, previous)
                texts = {u.text_hash: u.text for d in group for u in d.units}
                missing = [h for h in texts if h not in known]
                progress.advance(task, len(texts) - len(missing))  # type: ignore[arg-type]
                batches = [
                    (chunk, encoder.submit([texts[h] for h in chunk]))
                    for chunk in _chunks(missing, self.batch_size)
                ]
                jobs = SentenceJobs(group, sentences, encoder, self.batch_size)
                report.sentences += jobs.encoded
                if previous is not None:
                    self._store(previous, report)
                fresh: dict[str, np.ndarray] = {}
                for chunk, vectors in batches:
                    fresh.update(zip(chunk, vectors.vectors(), strict=True))
                    report.embedded += len(chunk)
                    progress.advance(task, len(chunk))  # type: ignore[arg-type]
                previous = _EncodedGroup(group, known, fresh, jobs)
            if previous is not None:
                self._store(previous, report)

    def _parse_all(
        self,
        files: list[Path],
        report: IngestReport,
        progress: Progress,
        overrides: Mapping[str, str] | None,
    ) -> list[ParsedDocument]:
        task = progress.add_task("parsing documents", total=len(files))
        parsed: list[ParsedDocument] = []
        results = parse_files(
            self.parser, files, overrides, self.workers, lambda: progress.advance(task)
        )
        for path, result in results:
            if isinstance(result, IngestError):
                report.failed.append(result)
                logger.info("ingest failed", extra={"file": result.path, "reason": result.reason})
                continue
            parsed.append(result)
            report.warnings.extend(
                f"{path}: {warning}" for warning in result.meta.warnings + sequence_warnings(result)
            )
        return parsed

    def _triage(self, parsed: list[ParsedDocument], report: IngestReport) -> list[ParsedDocument]:
        """Keep the first claimant of each symbol+language; skip unchanged documents."""
        claimed: dict[str, str] = {}
        batch_paths = {document.path for document in parsed}
        to_index: list[ParsedDocument] = []
        for document in parsed:
            key = document.meta.key
            existing = self.index.catalog.document(key)
            first = claimed.get(key)
            if (
                first is None
                and existing is not None
                and existing.source_path != document.path
                and existing.source_path not in batch_paths
                and Path(existing.source_path).exists()
            ):
                first = existing.source_path
            if first is not None:
                report.failed.append(
                    IngestError(
                        document.path,
                        (
                            f"conflict: {document.meta.symbol} ({document.meta.language}) "
                            f"is also claimed by {first}; kept that one"
                        ),
                    )
                )
                continue
            claimed[key] = document.path
            if (
                existing is not None
                and existing.content_hash == document.content_hash
                and self.index.vectors_complete(existing)
                and self._sentences_complete(document)
            ):
                if existing.source_path != document.path:
                    self.index.catalog.set_source_path(key, document.path)
                report.unchanged.append(key)
                continue
            to_index.append(document)
        return to_index

    def _sentences_complete(self, document: ParsedDocument) -> bool:
        """Whether every unit's sentences have vectors (a store indexed before they existed
        gets them by re-ingesting its files)."""
        stored = self.index.sentence_vectors(self.embedder.identity)
        return not stored.units_without(unit.text_hash for unit in document.units)

    def _known_vectors(
        self, documents: list[ParsedDocument], previous: _EncodedGroup | None
    ) -> dict[str, np.ndarray]:
        """Vectors by text hash already at hand: the embedding cache, and the previous group's
        fresh vectors (cached only once that group is stored)."""
        hashes = {unit.text_hash for d in documents for unit in d.units}
        known = self.index.catalog.cached_vectors(self.embedder.identity, hashes)
        if previous is not None:
            known.update((h, v) for h, v in previous.fresh.items() if h in hashes)
        return known

    def _store(self, encoded: _EncodedGroup, report: IngestReport) -> None:
        """Cache the fresh vectors and store the sentence vectors, then swap the group's
        documents in (so that their sentences are there when they are first served)."""
        if encoded.fresh:
            self.index.catalog.cache_vectors(self.embedder.identity, encoded.fresh)
        vectors = {**encoded.known, **encoded.fresh}
        self.index.sentence_vectors(self.embedder.identity).store(
            encoded.sentences.rows_with(vectors)
        )
        self._write(encoded.documents, vectors, report)

    def _write(
        self, documents: list[ParsedDocument], vectors: dict[str, np.ndarray], report: IngestReport
    ) -> None:
        """Swap a group of documents in, each whole (see DocumentIndex.replace_many)."""
        items = []
        for document in documents:
            stacked = np.stack([vectors[u.text_hash] for u in document.units])
            is_new = self.index.catalog.document(document.meta.key) is None
            self._drop_stale_identity(document)
            items.append((document, stacked.astype(np.float32)))
            report.units += len(document.units)
            (report.added if is_new else report.updated).append(document.meta.key)
        self.index.replace_many(items)
        for document in documents:
            logger.info(
                "indexed",
                extra={
                    "doc": document.meta.key,
                    "file": document.path,
                    "units": len(document.units),
                },
            )

    def _drop_stale_identity(self, document: ParsedDocument) -> None:
        """A file that now claims another symbol or language no longer backs its old entry."""
        for record in self.index.catalog.documents_from(document.path):
            if record.key != document.meta.key:
                self.index.remove(record.key)

    def _prune(self, report: IngestReport) -> None:
        for record in self.index.documents():
            if not Path(record.source_path).exists():
                self.index.remove(record.key)
                report.pruned.append(record.key)
        dropped = self.index.catalog.prune_embedding_cache()
        logger.info("pruned", extra={"documents": len(report.pruned), "cached_vectors": dropped})


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _groups(documents: list[ParsedDocument], units: int) -> Iterable[list[ParsedDocument]]:
    """Consecutive documents holding about `units` units together (at least one each)."""
    group: list[ParsedDocument] = []
    size = 0
    for document in documents:
        if group and size + len(document.units) > units:
            yield group
            group, size = [], 0
        group.append(document)
        size += len(document.units)
    if group:
        yield group

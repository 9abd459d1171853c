"""The one place the ingest pipeline is built from settings.

`reformqa ingest`, `reformqa eval --corpus`, the benchmark, calibration, browser uploads and
the tests all build it here, so the parser's size limit, the embedding batch and the number
of encoder processes are the ones the settings say, everywhere (they used to be wired by hand
in six places and had drifted apart).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ingest.encoder_pool import worker_count
from ingest.limits import ReaderLimits
from ingest.parser import DocumentParser
from ingest.pipeline import IngestPipeline
from reformqa.settings import Settings
from store.embedders import EncoderEmbeddings, make_embedder
from store.index import DocumentIndex


def build_pipeline(
    settings: Settings,
    index: DocumentIndex,
    embedder: EncoderEmbeddings,
    *,
    progress: bool = False,
) -> IngestPipeline:
    """A pipeline writing into an index the caller owns (and closes)."""
    return IngestPipeline(
        index,
        embedder,
        DocumentParser(ReaderLimits.from_settings(settings)),
        batch_size=settings.embed_batch,
        progress=progress,
        workers=worker_count(settings.embed_workers),
    )


@contextmanager
def open_pipeline(
    settings: Settings,
    embedder: EncoderEmbeddings | None = None,
    *,
    progress: bool = False,
) -> Iterator[IngestPipeline]:
    """A pipeline on its own index of `settings.store`, closed on exit; the embedder is made
    from the settings unless one (already loaded) is given."""
    embedder = embedder or make_embedder(settings.embedder, settings.embed_threads)
    index = DocumentIndex(settings, embedder)
    try:
        yield build_pipeline(settings, index, embedder, progress=progress)
    finally:
        index.close()

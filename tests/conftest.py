"""Shared fixtures: a real USE embedder (loaded once), temporary stores, the seed document."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from ingest.factory import open_pipeline
from ingest.pipeline import IngestReport
from reformqa.settings import Settings
from store.embedders import UseMultilingualEmbeddings
from store.index import DocumentIndex

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "HSP-EB.2026-12.zh.md"


class CountingEmbeddings(UseMultilingualEmbeddings):
    """The real USE embedder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        super().__init__(threads=2)
        self.calls = 0
        self.texts = 0

    def encode(self, texts: list[str], interactive: bool = False):
        self.calls += 1
        self.texts += len(texts)
        return super().encode(texts, interactive)


@pytest.fixture(scope="session")
def embedder() -> CountingEmbeddings:
    return CountingEmbeddings()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(store=tmp_path / "store")


IngestFn = Callable[..., IngestReport]


@pytest.fixture
def ingest(settings: Settings, embedder: CountingEmbeddings) -> IngestFn:
    """Run one ingest batch against the test store, as `reformqa ingest` would."""

    def run(
        paths: Iterable[Path],
        prune: bool = False,
        store_settings: Settings | None = None,
        max_file_bytes: int = 50 * 1024 * 1024,
    ) -> IngestReport:
        active = (store_settings or settings).model_copy(
            update={"max_file_mb": max_file_bytes / (1024 * 1024)}
        )
        with open_pipeline(active, embedder) as pipeline:
            return pipeline.run(list(paths), prune=prune)

    return run


@pytest.fixture
def open_index(settings: Settings) -> Callable[[], DocumentIndex]:
    opened: list[DocumentIndex] = []

    def make() -> DocumentIndex:
        index = DocumentIndex(settings)
        opened.append(index)
        return index

    yield make
    for index in opened:
        index.close()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, embedder) -> Settings:
    """A store with the seed document, built once for the read-only assistant tests."""
    settings = Settings(store=tmp_path_factory.mktemp("seed") / "store")
    with open_pipeline(settings, embedder) as pipeline:
        pipeline.run([SEED])
    return settings


@pytest.fixture(scope="session")
def service(seed_store, embedder):
    from assistant.service import AssistantService

    svc = AssistantService(seed_store, embedder=embedder)
    yield svc
    svc.close()

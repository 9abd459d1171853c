"""The catalog and Chroma kept in step: what is searchable is always one whole version of each
document, in both indexes.

A new version is written to Chroma under a new generation, then swapped in by one SQLite
transaction, then the old generation is deleted from Chroma. Units of a generation the
catalog does not list are never served, and `pending` lets the next open clean up after a
process that died half-way.
"""

from __future__ import annotations

import logging

import numpy as np

from ingest.catalog import Catalog, DocumentRecord
from ingest.embedders import EncoderEmbeddings
from ingest.models import ParsedDocument
from ingest.vector_store import VectorStore, open_client
from reformqa.settings import Settings

logger = logging.getLogger(__name__)


class DocumentIndex:
    """Paragraph-level index of UN documents: catalog + lexical (SQLite) and vectors (Chroma)."""

    def __init__(self, settings: Settings, embedder: EncoderEmbeddings | None = None) -> None:
        settings.store.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self.catalog = Catalog(settings.store / "catalog.sqlite3")
        self.vectors = VectorStore(
            open_client(settings.store, settings.chroma_url), settings.collection
        )
        self.embedder = embedder
        if embedder is not None:
            self.vectors.bind_embedder(embedder.identity, embedder.dimension)
        self.recover()

    def close(self) -> None:
        self.catalog.close()

    def recover(self) -> None:
        """Finish what a process that died mid-write left: drop vectors nobody serves."""
        for doc_key, generation in self.catalog.pending():
            active = self.catalog.document(doc_key)
            if active is not None and active.generation == generation:
                self.vectors.delete_generations(doc_key, keep=generation)
            else:
                self.vectors.delete_generation(doc_key, generation)
            self.catalog.clear_pending(doc_key, generation)
            logger.warning(
                "recovered interrupted write", extra={"doc": doc_key, "generation": generation}
            )

    def documents(self) -> list[DocumentRecord]:
        return self.catalog.documents()

    def replace(self, parsed: ParsedDocument, vectors: np.ndarray) -> None:
        """Make `parsed` the one indexed version of its document."""
        self.replace_many([(parsed, vectors)])

    def replace_many(self, items: list[tuple[ParsedDocument, np.ndarray]]) -> None:
        """Replace several documents; each is swapped in whole, by its own transaction."""
        plans = []
        for parsed, vectors in items:
            current = self.catalog.document(parsed.meta.key)
            generation = current.generation + 1 if current else 1
            self.catalog.add_pending(parsed.meta.key, generation)
            plans.append((parsed, generation, vectors, current is not None))
        self.vectors.add(
            [(parsed, generation, vectors) for parsed, generation, vectors, _ in plans]
        )
        for parsed, generation, _, _ in plans:
            self.catalog.replace_document(parsed, generation)
        for parsed, generation, _, had_older in plans:
            if had_older:
                self.vectors.delete_generations(parsed.meta.key, keep=generation)
            self.catalog.clear_pending(parsed.meta.key, generation)

    def remove(self, doc_key: str) -> bool:
        current = self.catalog.document(doc_key)
        if current is None:
            return False
        self.catalog.add_pending(doc_key, current.generation)
        self.catalog.delete_document(doc_key)
        self.vectors.delete_generations(doc_key, keep=None)
        self.catalog.clear_pending(doc_key, current.generation)
        return True

    def remove_symbol(self, symbol: str, language: str | None = None) -> list[str]:
        removed = []
        for record in self.documents():
            if record.meta.symbol == symbol and language in (None, record.meta.language):
                self.remove(record.key)
                removed.append(record.key)
        return removed

"""The store's one door: the catalog and Chroma kept in step, so that what is searchable is
always one whole version of each document, in both indexes.

ingest/ writes through `replace_many` and `remove`; assistant/ reads through `units`
(catalog and lexical queries) and `dense` (nearest vectors); neither sees SQLite or Chroma.

A new version is written to Chroma under a new generation, then swapped in by one SQLite
transaction, then the old generation is deleted from Chroma. Units of a generation the
catalog does not list are never served, and `pending` lets the next open clean up after a
process that died half-way.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import numpy as np

from reformqa.settings import Settings
from store.catalog import Catalog
from store.filters import SearchFilters
from store.queries import StoredUnit, UnitQueries
from store.records import DocumentEntry, DocumentRecord
from store.vector_store import VectorStore, open_client

if TYPE_CHECKING:  # the models load only where something embeds, not to list documents
    from store.embedders import EncoderEmbeddings

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
        self.units = UnitQueries(self.catalog)
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

    def has_symbol(self, symbol: str, audiences: tuple[str, ...] | None = None) -> bool:
        """Whether a document with this symbol is indexed for these audiences."""
        return self.catalog.has_symbol(symbol, audiences)

    def has_documents(self, audiences: tuple[str, ...] | None = None) -> bool:
        """Whether any document is indexed for these audiences."""
        return self.catalog.has_documents(audiences)

    def kind_counts(self) -> dict[str, dict[str, int]]:
        """Units per kind for every document (`reformqa docs`)."""
        return self.catalog.kind_counts()

    def dense(
        self, vector: list[float], filters: SearchFilters, limit: int
    ) -> dict[str, tuple[StoredUnit, float]]:
        """The units nearest a query vector within the filters, with cosine similarity.

        Only units the catalog serves come back: a superseded generation Chroma still holds
        after a crash is dropped here."""
        hits = self.vectors.nearest(vector, filters.chroma_where(), limit)
        served = self.units.by_ids([uid for uid, _ in hits], filters)
        return {uid: (served[uid], similarity) for uid, similarity in hits if uid in served}

    def replace(self, parsed: DocumentEntry, vectors: np.ndarray) -> None:
        """Make `parsed` the one indexed version of its document."""
        self.replace_many([(parsed, vectors)])

    def replace_many(self, items: list[tuple[DocumentEntry, np.ndarray]]) -> None:
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

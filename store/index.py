"""The store's one door: the catalog and Chroma kept in step, so that what is searchable is
always one whole version of each document, in both indexes.

ingest/ writes through `replace_many` and `remove`; assistant/ reads through `units`
(catalog and lexical queries) and `dense` (nearest vectors); neither sees SQLite or Chroma.

A new version is written to Chroma under a new generation, then swapped in by one SQLite
transaction, then the old generation is deleted from Chroma. Units of a generation the
catalog does not list are never served, and `pending` lets the next writer clean up after a
process that died half-way.

One writer at a time: every write holds the store's writer lock (store/writer_lock.py), and
the cleanup runs only when this process has just taken it, that is when no other writer is
alive. Opening the store deletes nothing, so a reader (`ask`, the server) never touches a live
writer's half-written generation. A reader notices another process's writes by the catalog's
change counter and reopens Chroma, whose embedded mode caches the vector index per process.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np
from chromadb.errors import ChromaError

from reformqa.settings import Settings
from store.catalog import Catalog
from store.filter_plan import FilterPlanner
from store.filters import SearchFilters
from store.queries import StoredUnit, UnitQueries
from store.records import DocumentEntry, DocumentRecord
from store.sentence_vectors import SentenceVectors
from store.vector_store import VectorStore, open_client, reopen_client
from store.writer_lock import shared_lock

if TYPE_CHECKING:  # the models load only where something embeds, not to list documents
    from store.embedders import EncoderEmbeddings

logger = logging.getLogger(__name__)


class DocumentIndex:
    """Paragraph-level index of UN documents: catalog + lexical (SQLite) and vectors (Chroma)."""

    def __init__(self, settings: Settings, embedder: EncoderEmbeddings | None = None) -> None:
        settings.store.mkdir(parents=True, exist_ok=True)
        if settings.store.stat().st_uid == os.getuid():
            # staff-only text lives here: whoever made the store (CLI, server) reads it alone
            settings.store.chmod(0o700)
        self.settings = settings
        self.catalog = Catalog(settings.store / "catalog.sqlite3")
        self.vectors = VectorStore(
            open_client(settings.store, settings.chroma_url), settings.collection
        )
        self.units = UnitQueries(self.catalog)
        self.planner = FilterPlanner(self.catalog, settings.max_overfetch)
        self.embedder = embedder
        if embedder is not None:
            self.vectors.bind_embedder(embedder.identity, embedder.dimension)
        self.lock = shared_lock(settings.store / "writer.lock", settings.writer_timeout_s)
        self._seen_changes = self.catalog.changes()
        self._refreshing = threading.Lock()

    def close(self) -> None:
        self.catalog.close()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's writer lock (waiting for another writer up to the timeout); on
        taking it, clean up after writers that died, which is safe now that none is alive."""
        with self.lock.hold() as fresh:
            if fresh:
                self.refresh()
                self._recover_unlocked()
            yield
            # every change since is ours, made through this client: no reopen needed for them
            self._seen_changes = self.catalog.changes()

    def recover(self) -> list[tuple[str, int]]:
        """Clean up after writers that died mid-write; the pending generations it dropped.
        Called inside a write of this process it does nothing: its pending rows are live."""
        with self.lock.hold() as fresh:
            return self._recover_unlocked() if fresh else []

    def _recover_unlocked(self) -> list[tuple[str, int]]:
        recovered = self.catalog.pending()
        for doc_key, generation in recovered:
            active = self.catalog.document(doc_key)
            if active is not None and active.generation == generation:
                self.vectors.delete_generations(doc_key, keep=generation)
            else:
                self.vectors.delete_generation(doc_key, generation)
            self.catalog.clear_pending(doc_key, generation)
            logger.warning(
                "recovered interrupted write", extra={"doc": doc_key, "generation": generation}
            )
        return recovered

    def refresh(self, force: bool = False) -> bool:
        """Reopen Chroma when another process changed the store since we last looked (or when
        forced); whether it did. Cheap when nothing changed: one SQLite read."""
        changes = self.catalog.changes()
        if not force and changes == self._seen_changes:
            return False
        with self._refreshing:
            if not force and changes == self._seen_changes:
                return False
            self.vectors.use(reopen_client(self.settings.store, self.settings.chroma_url))
            self._seen_changes = changes
        logger.info("reopened the vector store after another process wrote to it")
        return True

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
        """The units nearest a query vector within the filters, with cosine similarity, best
        first.

        A filter that lets most units through (a delegate's audience) is not handed to
        Chroma, whose `where` costs grow with the rows it matches: the query fetches extra
        candidates unfiltered, the catalog join keeps those the filters allow, and if that
        leaves fewer than a filtered query would return, it fetches more, then falls back to
        the filtered query (store/filter_plan.py). Either way the catalog join is the one
        check: only units the catalog serves within the filters come back, so neither a
        superseded generation Chroma still holds after a crash nor a unit of another
        audience can pass."""
        self.refresh()
        plan = self.planner.plan(filters)
        if plan.matching == 0:
            return {}
        fetch = plan.fetch(limit)
        while fetch is not None:
            hits = self._nearest(vector, None, fetch)
            visible = self.units.visible_ids([uid for uid, _ in hits], filters)
            kept = [(uid, similarity) for uid, similarity in hits if uid in visible]
            if len(kept) >= plan.expected(limit):
                return self._served(kept[:limit], filters)
            if len(hits) < fetch:  # HNSW may return fewer than asked though more exist
                break
            most = plan.max_overfetch
            fetch = min(fetch * 4, most) if fetch < most else None
        return self._served(self._nearest(vector, filters.chroma_where(), limit), filters)

    def _nearest(
        self, vector: list[float], where: dict | None, limit: int
    ) -> list[tuple[str, float]]:
        """Chroma's nearest vectors. Another process's write still under way can make Chroma
        fail on ids its cache lacks, so that is retried once on a reopened client."""
        try:
            return self.vectors.nearest(vector, where, limit)
        except ChromaError as exc:
            logger.info("vector query failed, reopening", extra={"error": str(exc)})
            self.refresh(force=True)
            return self.vectors.nearest(vector, where, limit)

    def _served(
        self, hits: list[tuple[str, float]], filters: SearchFilters
    ) -> dict[str, tuple[StoredUnit, float]]:
        served = self.units.by_ids([uid for uid, _ in hits], filters)
        return {uid: (served[uid], similarity) for uid, similarity in hits if uid in served}

    def replace(self, parsed: DocumentEntry, vectors: np.ndarray) -> None:
        """Make `parsed` the one indexed version of its document."""
        self.replace_many([(parsed, vectors)])

    def replace_many(self, items: list[tuple[DocumentEntry, np.ndarray]]) -> None:
        """Replace several documents; each is swapped in whole, by its own transaction."""
        with self.writing():
            self._replace_many(items)

    def _replace_many(self, items: list[tuple[DocumentEntry, np.ndarray]]) -> None:
        plans = []
        for parsed, vectors in items:
            current = self.catalog.document(parsed.meta.key)
            generation = current.generation + 1 if current else 1
            self.catalog.add_pending(parsed.meta.key, generation)
            plans.append((parsed, generation, vectors, current is not None))
        self.vectors.add(
            [(parsed, generation, vectors) for parsed, generation, vectors, _ in plans]
        )
        self._fault_point()
        for parsed, generation, _, _ in plans:
            self.catalog.replace_document(parsed, generation)
        for parsed, generation, _, had_older in plans:
            if had_older:
                self.vectors.delete_generations(parsed.meta.key, keep=generation)
            self.catalog.clear_pending(parsed.meta.key, generation)

    def _fault_point(self) -> None:
        """Where the kill -9 trials kill a writer: new vectors in Chroma, catalog not swapped."""
        mark = self.settings.fault_write_mark
        if mark is not None:
            with mark.open("a", encoding="utf-8") as out:
                out.write(f"{os.getpid()}\n")
            time.sleep(2.0)

    def reader_units(self) -> UnitQueries:
        """Unit queries on a connection of their own, for a thread that searches beside
        another (see `Catalog.reader`)."""
        return UnitQueries(self.catalog, self.catalog.reader())

    def sentence_vectors(self, embedder: str) -> SentenceVectors:
        """The sentence vectors one embedder wrote (ingest fills them, answering reads)."""
        return SentenceVectors(self.catalog, embedder)

    def vectors_complete(self, record: DocumentRecord) -> bool:
        """Whether Chroma holds a vector for every unit of the indexed version of a document
        (an "unchanged" file whose vectors were lost must be written again)."""
        where = {"$and": [{"doc_key": record.key}, {"gen": record.generation}]}
        return len(self.vectors.ids_where(where)) == record.unit_count

    def remove(self, doc_key: str) -> bool:
        with self.writing():
            return self._remove(doc_key)

    def _remove(self, doc_key: str) -> bool:
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

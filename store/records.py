"""The store's typed interface: what it accepts from the write side and what it returns.

The store sits below both ingest/ (which writes) and assistant/ (which reads), so it cannot
import ingest's document model. It states the shape it needs as protocols instead; ingest's
`ParsedDocument`, `DocumentMeta` and `Unit` satisfy them as they are, and the reader can grow
new fields or unit kinds without the store changing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class UnitEntry(Protocol):
    """A citable unit to be stored: its label is the citation, its text the retrieval unit."""

    @property
    def label(self) -> str: ...
    @property
    def kind(self) -> str: ...  # ingest's UnitKind is a StrEnum, so its members are str
    @property
    def text(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def page(self) -> int | None: ...
    @property
    def ordinal(self) -> int: ...
    @property
    def refs(self) -> tuple[str, ...]: ...
    @property
    def text_hash(self) -> str: ...


class MetaEntry(Protocol):
    """The metadata the store indexes and filters on; the rest is kept as it comes."""

    @property
    def symbol(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def date(self) -> str: ...
    @property
    def doc_type(self) -> str: ...
    @property
    def audience(self) -> str: ...
    @property
    def key(self) -> str: ...


class DocumentEntry(Protocol):
    """One language version of a document, parsed and ready to be swapped in."""

    @property
    def path(self) -> str: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def meta(self) -> MetaEntry: ...
    @property
    def units(self) -> Sequence[UnitEntry]: ...


@dataclass(frozen=True)
class DocumentInfo:
    """What listing, filtering and access checks need of a stored document's metadata."""

    symbol: str
    language: str = ""
    title: str = ""
    date: str = ""
    doc_type: str = ""
    audience: str = "public"

    @classmethod
    def from_json(cls, text: str) -> DocumentInfo:
        meta = json.loads(text)
        return cls(
            meta["symbol"],
            meta.get("language", ""),
            meta.get("title", ""),
            meta.get("date", ""),
            meta.get("doc_type", ""),
            meta.get("audience", "public"),
        )


@dataclass(frozen=True)
class DocumentRecord:
    """A document as the catalog knows it."""

    key: str
    meta: DocumentInfo
    source_path: str
    content_hash: str
    generation: int
    unit_count: int
    indexed_at: float


def unit_id(doc_key: str, generation: int, label: str) -> str:
    """Chroma id of a unit: the generation keeps old and new versions of a document apart."""
    return f"{doc_key}#{generation}#{label}"

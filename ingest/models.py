"""The records ingestion produces: a document's metadata and its citable units.

A unit is the retrieval unit *and* the citation: (symbol, label) names the same paragraph in
every language version of a document, so the unit is never a fixed-size character chunk.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


class UnitKind(StrEnum):
    """What a unit is in its document; the label scheme depends on it."""

    PARAGRAPH = "para"  # numbered paragraph, label "9"
    FOOTNOTE = "footnote"  # label "fn6"
    ROW = "row"  # checklist/table row, label from the row's own number or "t1.r3"
    ORDINAL = "ordinal"  # unnumbered document: label "1", "2", ... by order
    RECOMMENDATION = "rec"  # "Recommendation 4", label "rec4"


def annex_label(annex: str, number: str) -> str:
    """Label of a paragraph numbered inside an annex: "annex I.3", or "annex.3" for one annex.

    Annexes restart their numbering, so the annex is part of the label; citations read it as
    "annex I, para. 3".
    """
    return f"annex {annex}.{number}" if annex else f"annex.{number}"


def split_annex_label(label: str) -> tuple[str, str] | None:
    """("I", "3") for "annex I.3", ("", "3") for "annex.3", None for any other label."""
    if not label.startswith("annex"):
        return None
    annex, _, number = label[5:].strip().rpartition(".")
    return (annex, number) if number else None


@dataclass(frozen=True)
class Unit:
    """One citable piece of a document, with the heading it sits under as context."""

    label: str
    kind: UnitKind
    text: str
    section: str = ""
    page: int | None = None
    ordinal: int = 0
    refs: tuple[str, ...] = ()  # footnotes this unit cites, e.g. ("fn5", "fn6")

    @property
    def text_hash(self) -> str:
        """Key of the embedding cache: identical text never needs embedding twice."""
        return text_hash(self.text)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass
class DocumentMeta:
    """What the UN header and the front matter say about one language version."""

    symbol: str
    language: str = ""
    title: str = ""
    subtitle: str = ""  # the author line under the title, "Report of the Executive Director"
    symbols: list[str] = field(default_factory=list)  # all printed symbols, primary first
    symbol_source: str = ""  # "cover", "front matter", "file name": where the symbol came from
    body: str = ""  # the issuing organ, "Executive Board of ..."
    distribution: str = ""  # General, Limited, Restricted
    date: str = ""  # ISO yyyy-mm-dd
    original_language: str = ""
    session: str = ""
    agenda_item: str = ""
    agenda_note: str = ""  # the asterisk note, e.g. the symbol of the provisional agenda
    doc_type: str = ""
    audience: str = "public"
    extra: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # what the reader doubts, for inspect

    @property
    def key(self) -> str:
        """Symbol and language together identify one indexed document."""
        return document_key(self.symbol, self.language)


def document_key(symbol: str, language: str) -> str:
    return f"{symbol}|{language or 'und'}"


@dataclass
class ParsedDocument:
    """A file turned into metadata and units, before indexing."""

    path: str
    content_hash: str
    meta: DocumentMeta
    units: list[Unit]

    def count(self, kind: UnitKind) -> int:
        return sum(1 for unit in self.units if unit.kind is kind)

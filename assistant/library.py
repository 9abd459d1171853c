"""The library beside the answers: which documents a viewer may see (listed and filtered by
language, date, kind and symbol), a whole document to read, a cited paragraph in its context
and other languages, and removing a document.

The UI's document list and source panel and the CLI's `docs` and `remove` come through here,
so the audience rules that guard answers guard these views too, and no caller needs to know
how the store is queried.
"""

from __future__ import annotations

from dataclasses import dataclass

from reformqa.settings import Settings
from store.filters import SearchFilters
from store.index import DocumentIndex
from store.queries import StoredUnit
from store.reader import document_units
from store.records import DocumentRecord


@dataclass(frozen=True)
class LibraryEntry:
    """One document (every language version of one symbol) as the library lists it."""

    symbol: str
    title: str
    date: str
    languages: tuple[str, ...]
    kind: str  # the document type, e.g. "note", "report"
    audience: str  # "staff" when any version is staff-only
    units: int  # citable units, all language versions together


def _entry(symbol: str, records: list[DocumentRecord], language: str) -> LibraryEntry:
    by_lang = {r.meta.language: r for r in records}
    titled = by_lang.get(language) or by_lang.get("en") or records[0]
    return LibraryEntry(
        symbol,
        titled.meta.title or next((r.meta.title for r in records if r.meta.title), ""),
        max((r.meta.date for r in records), default=""),
        tuple(sorted(r.meta.language or "und" for r in records)),
        next((r.meta.doc_type for r in records if r.meta.doc_type), ""),
        "staff" if any(r.meta.audience == "staff" for r in records) else "public",
        sum(r.unit_count for r in records),
    )


@dataclass(frozen=True)
class SourceView:
    """A cited paragraph as the source panel shows it: the version in the wanted language (else
    the first indexed), its neighbours in document order, and every language version."""

    shown: StoredUnit
    context: list[StoredUnit]
    versions: dict[str, StoredUnit]


class LibraryService:
    """Read-mostly access to what is indexed, for listing and for showing sources."""

    def __init__(self, index: DocumentIndex) -> None:
        self.index = index

    @classmethod
    def open(cls, settings: Settings) -> LibraryService:
        """A library on its own index of `settings.store`, without loading an embedder (listing
        and removing need no vectors); close it when done."""
        return cls(DocumentIndex(settings))

    def close(self) -> None:
        self.index.close()

    def documents(self, audiences: tuple[str, ...] | None = None) -> list[DocumentRecord]:
        """Indexed documents visible to these audiences (None: every document)."""
        records = self.index.documents()
        if audiences is None:
            return records
        return [record for record in records if record.meta.audience in audiences]

    def catalogue(
        self,
        audiences: tuple[str, ...] | None,
        language: str = "",
        kind: str = "",
        since: str = "",
        until: str = "",
        text: str = "",
        title_language: str = "en",
    ) -> list[LibraryEntry]:
        """Documents these audiences may see, one entry per symbol, newest first; only the
        documents with a version in `language`, of `kind`, dated within [since, until] (ISO
        dates) and whose symbol or title contains `text` (case-insensitive)."""
        grouped: dict[str, list[DocumentRecord]] = {}
        for record in self.documents(audiences):
            grouped.setdefault(record.meta.symbol, []).append(record)
        wanted = text.strip().casefold()
        entries = []
        for symbol, records in grouped.items():
            entry = _entry(symbol, records, title_language)
            if language and language not in entry.languages:
                continue
            if kind and entry.kind != kind:
                continue
            if (since and entry.date < since) or (until and entry.date > until):
                continue
            if wanted and wanted not in f"{symbol} {entry.title}".casefold():
                continue
            entries.append(entry)
        return sorted(entries, key=lambda e: (e.date, e.symbol), reverse=True)

    def kinds(self, audiences: tuple[str, ...] | None) -> list[str]:
        """The document types present among the visible documents, for the kind filter."""
        return sorted({r.meta.doc_type for r in self.documents(audiences) if r.meta.doc_type})

    def read(
        self, symbol: str, language: str, filters: SearchFilters
    ) -> tuple[str, list[StoredUnit]]:
        """(language shown, units in order) of one document: the wanted language version when
        indexed and visible, else the first visible one; ("", []) when none is."""
        versions = {
            r.meta.language: r for r in self.documents(filters.audiences) if r.meta.symbol == symbol
        }
        if not versions:
            return "", []
        shown = language if language in versions else sorted(versions)[0]
        units = document_units(self.index.catalog, versions[shown].key, filters)
        return shown, units

    def kind_counts(self) -> dict[str, dict[str, int]]:
        """Units per kind for every document, by document key."""
        return self.index.kind_counts()

    def source(
        self, symbol: str, label: str, language: str, filters: SearchFilters
    ) -> SourceView | None:
        """One paragraph with one neighbour each side; None when it is not indexed or the
        filters (the viewer's audiences) hide it."""
        versions = self.index.units.versions(symbol, label, filters)
        if not versions:
            return None
        shown = versions.get(language) or versions[sorted(versions)[0]]
        context = self.index.units.neighbours(shown, before=1, after=1)
        return SourceView(shown, context, versions)

    def remove(self, symbol: str, language: str | None = None) -> list[str]:
        """Remove a document (one language version, or all); the keys removed."""
        return self.index.remove_symbol(symbol, language)

"""The library beside the answers: which documents a viewer may see, a cited paragraph in its
context and other languages, and removing a document.

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
from store.records import DocumentRecord


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

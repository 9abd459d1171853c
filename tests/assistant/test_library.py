"""The library shows a viewer only what its audiences allow, like the answers do."""

from __future__ import annotations

from assistant.library import LibraryService
from store.filters import SearchFilters
from tests.conftest import SEED
from tests.ui.documents import STAFF_NOTE, write


def test_documents_and_sources_follow_the_audiences(settings, ingest):
    folder = settings.store.parent / "docs"
    assert not ingest([SEED, write(folder, "inf9.md", STAFF_NOTE)]).failed
    library = LibraryService.open(settings)
    try:
        everyone = {record.meta.symbol for record in library.documents()}
        public = {record.meta.symbol for record in library.documents(("public",))}
        assert everyone - public == {"HSP/EB.2026/INF.9"} and "HSP/EB.2026/12" in public
        view = library.source("HSP/EB.2026/12", "9", "zh", SearchFilters(audiences=("public",)))
        assert view is not None and "82%" in view.shown.text
        assert [unit.label for unit in view.context] == ["8", "9", "10"]
        hidden = SearchFilters(audiences=("public",))
        assert library.source("HSP/EB.2026/INF.9", "1", "en", hidden) is None
        assert library.remove("HSP/EB.2026/INF.9") == ["HSP/EB.2026/INF.9|en"]
        assert {record.meta.symbol for record in library.documents()} == public
    finally:
        library.close()

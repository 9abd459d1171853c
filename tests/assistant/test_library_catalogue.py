"""The library's listing and reader: one entry per symbol with its language versions, the
filters (language, kind, dates, text), and a document read in the wanted language."""

from __future__ import annotations

from store.filters import SearchFilters

SYMBOL = "HSP/EB.2026/12"


def test_one_entry_per_symbol_with_what_the_table_shows(service):
    (entry,) = service.library.catalogue(("public",))
    assert entry.symbol == SYMBOL and entry.languages == ("zh",)
    assert entry.date == "2026-02-16" and entry.title.startswith("人居署")
    assert entry.audience == "public" and entry.units > 20


def test_filters_by_language_kind_date_and_text(service):
    library = service.library
    assert library.catalogue(("public",), language="zh")
    assert library.catalogue(("public",), language="fr") == []
    assert library.catalogue(("public",), since="2026-02-16", until="2026-02-16")
    assert library.catalogue(("public",), since="2026-02-17") == []
    assert library.catalogue(("public",), until="2026-02-15") == []
    assert library.catalogue(("public",), text="hsp/eb.2026")
    assert library.catalogue(("public",), text="人居署")
    assert library.catalogue(("public",), text="A/81") == []
    kinds = library.kinds(("public",))
    for kind in kinds:
        assert library.catalogue(("public",), kind=kind)
    assert library.catalogue(("public",), kind="no-such-kind") == []
    assert library.catalogue(()) == []  # an audience that sees nothing lists nothing


def test_read_gives_the_wanted_version_else_the_first_visible(service):
    shown, units = service.library.read(SYMBOL, "en", SearchFilters(audiences=("public",)))
    assert shown == "zh" and units[0].symbol == SYMBOL  # no English version: the Chinese one
    assert any(u.label == "9" for u in units) and any(u.label == "fn6" for u in units)
    assert service.library.read(SYMBOL, "zh", SearchFilters(audiences=())) == ("", [])
    assert service.library.read("A/1", "en", SearchFilters()) == ("", [])

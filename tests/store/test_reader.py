"""A whole document's units for the reader: in order, and hidden from the wrong audience."""

from __future__ import annotations

from store.filters import SearchFilters
from store.index import DocumentIndex
from store.reader import document_units


def test_units_in_order_within_the_viewers_audiences(seed_store):
    index = DocumentIndex(seed_store)
    try:
        (record,) = index.documents()
        units = document_units(index.catalog, record.key, SearchFilters(audiences=("public",)))
        assert len(units) == record.unit_count
        assert [u.ordinal for u in units] == sorted(u.ordinal for u in units)
        assert {u.symbol for u in units} == {"HSP/EB.2026/12"}
        assert document_units(index.catalog, record.key, SearchFilters(audiences=())) == []
        assert document_units(index.catalog, "nothing|en", SearchFilters()) == []
    finally:
        index.close()

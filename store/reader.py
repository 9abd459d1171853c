"""A whole document's units in reading order, for the library's reader.

UnitQueries answers the assistant's lookups (by id, label, neighbours); the reader needs every
unit of one language version, within the viewer's filters, which no assistant path does. It
reuses the unit query's SELECT and row mapping so a unit reads the same everywhere.
"""

from __future__ import annotations

from store.catalog import Catalog
from store.filters import SearchFilters
from store.queries import _SELECT, StoredUnit, _unit


def document_units(catalog: Catalog, doc_key: str, filters: SearchFilters) -> list[StoredUnit]:
    """The document's units in order; [] when the filters (the viewer's audiences) hide it."""
    where, params = filters.sql_where()
    cursor = catalog.db.cursor()  # its own cursor: the connection is shared between threads
    rows = cursor.execute(
        f"{_SELECT} WHERE u.doc_key = ? AND {where} ORDER BY u.ordinal", (doc_key, *params)
    )
    return [_unit(row) for row in rows]

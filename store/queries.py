"""Read access to indexed units: by id, by label, by lexical search (FTS5 BM25), neighbours.

Only units the catalog lists are ever returned, so a vector of a superseded generation that
Chroma still holds (after a crash) can never be served.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from reformqa.languages import UN_LANGUAGES
from store.catalog import Catalog
from store.filters import SearchFilters

_SELECT = (
    "SELECT u.unit_id, u.doc_key, u.symbol, u.language, u.label, u.kind, u.section, u.page,"
    " u.ordinal, u.refs, u.text, d.meta FROM units u JOIN documents d ON d.doc_key = u.doc_key"
)


@dataclass(frozen=True)
class StoredUnit:
    """A unit as served to the assistant, with the metadata of its document."""

    unit_id: str
    doc_key: str
    symbol: str
    language: str
    label: str
    kind: str
    section: str
    page: int | None
    ordinal: int
    refs: tuple[str, ...]
    text: str
    title: str
    date: str
    doc_type: str
    audience: str


def _unit(row: sqlite3.Row | tuple) -> StoredUnit:
    meta = json.loads(row[11])
    return StoredUnit(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        tuple(json.loads(row[9])),
        row[10],
        meta.get("title", ""),
        meta.get("date", ""),
        meta.get("doc_type", ""),
        meta.get("audience", "public"),
    )


class UnitQueries:
    def __init__(self, catalog: Catalog, db: sqlite3.Connection | None = None) -> None:
        """Reads through the catalog's connection, or through `db` (`Catalog.reader`)."""
        self.db = db or catalog.db
        self._df_cache: dict[str, int] = {}
        self._df_state: tuple[int, int] = (-1, -1)
        self._unit_total = 0

    def by_ids(
        self, unit_ids: list[str], filters: SearchFilters | None = None
    ) -> dict[str, StoredUnit]:
        where, params = (filters or SearchFilters()).sql_where()
        found: dict[str, StoredUnit] = {}
        for start in range(0, len(unit_ids), 500):
            chunk = unit_ids[start : start + 500]
            rows = self.db.execute(
                f"{_SELECT} WHERE u.unit_id IN ({','.join('?' * len(chunk))}) AND {where}",
                (*chunk, *params),
            )
            found.update((row[0], _unit(row)) for row in rows)
        return found

    def visible_ids(self, unit_ids: list[str], filters: SearchFilters) -> set[str]:
        """Which of these units the filters let through, without reading their rows: the
        over-fetched candidates of an unfiltered vector search are checked here, then only
        the ones kept are read (by `by_ids`, which checks again)."""
        return self._visible("unit_id", unit_ids, filters)

    def _visible(self, column: str, keys: list, filters: SearchFilters) -> set:
        where, params = filters.sql_where()
        visible: set = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            visible.update(
                row[0]
                for row in self.db.execute(
                    f"SELECT u.{column} FROM units u JOIN documents d ON d.doc_key = u.doc_key"
                    f" WHERE u.{column} IN ({','.join('?' * len(chunk))}) AND {where}",
                    (*chunk, *params),
                )
            )
        return visible

    def by_label(self, label: str, filters: SearchFilters) -> list[StoredUnit]:
        """Every language version of a labelled unit within the filters."""
        where, params = filters.sql_where()
        rows = self.db.execute(
            f"{_SELECT} WHERE u.label = ? AND {where} ORDER BY u.symbol, u.language",
            (label, *params),
        )
        return [_unit(row) for row in rows]

    def symbols_with(self, labels: list[str], filters: SearchFilters, limit: int) -> list[str]:
        """Documents that have one of these labels, most recent first (by date, then symbol).

        Walks documents down the date index and stops at `limit` symbols: ~8 ms at 1M units,
        where grouping every document's paragraph 14 by symbol took ~100 ms."""
        marks = ",".join("?" * len(labels))
        exists = f"SELECT 1 FROM units WHERE label IN ({marks}) LIMIT 1"
        if self.db.execute(exists, labels).fetchone() is None:
            return []
        where, params = filters.sql_where()
        rows = self.db.execute(
            # `u.symbol = d.symbol` says nothing doc_key does not, but it makes SQLite look up
            # units by (symbol, label); by label alone it scanned 20,000 rows per document
            "SELECT d.symbol FROM documents d WHERE EXISTS (SELECT 1 FROM units u"
            f" WHERE u.symbol = d.symbol AND u.doc_key = d.doc_key AND u.label IN ({marks})"
            f" AND {where}) ORDER BY json_extract(d.meta, '$.date') DESC, d.symbol DESC"
            " LIMIT ?",
            (*labels, *params, limit * len(UN_LANGUAGES)),  # one row per language version
        )
        return list(dict.fromkeys(row[0] for row in rows))[:limit]

    def versions(self, symbol: str, label: str, filters: SearchFilters) -> dict[str, StoredUnit]:
        """The language versions of one paragraph, by language (an index lookup)."""
        where, params = filters.sql_where()
        rows = self.db.execute(
            f"{_SELECT} WHERE u.symbol = ? AND u.label = ? AND {where}",
            (symbol, label, *params),
        )
        return {unit.language: unit for unit in map(_unit, rows)}

    def neighbours(self, unit: StoredUnit, before: int = 1, after: int = 1) -> list[StoredUnit]:
        rows = self.db.execute(
            f"{_SELECT} WHERE u.doc_key = ? AND u.ordinal BETWEEN ? AND ? ORDER BY u.ordinal",
            (unit.doc_key, unit.ordinal - before, unit.ordinal + after),
        )
        return [_unit(row) for row in rows]

    def lexical(
        self, terms: list[str], filters: SearchFilters, limit: int
    ) -> list[tuple[StoredUnit, float]]:
        """BM25 matches of index terms (higher is better); units sharing no term are absent.

        FTS5 ranks on its own first (its fast path: no join before ORDER BY rank); with
        filters it over-fetches, keeps the rows the filters let through (a light query on
        row ids) and reads only the `limit` best. When the filters drop so many that fewer
        than `limit` remain of a full over-fetch, the search is run again with the filters
        inside it (slower, exact): a filter never silently costs hits."""
        if not terms:
            return []
        match = " OR ".join(f'"{term}"' for term in terms)
        restricted = filters != SearchFilters()
        fetch = limit * 8 if restricted else limit
        ranked = self.db.execute(
            "SELECT rowid, rank FROM units_fts WHERE units_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, fetch),
        ).fetchall()
        if restricted and ranked:
            visible = self._visible("rowid", [rowid for rowid, _ in ranked], filters)
            kept = [(rowid, rank) for rowid, rank in ranked if rowid in visible]
            if len(kept) < limit and len(ranked) == fetch:
                return self._lexical_filtered(match, filters, limit)
            ranked = kept[:limit]
        if not ranked:
            return []
        where, params = filters.sql_where()
        rowids = [rowid for rowid, _ in ranked]
        rows = self.db.execute(
            f"{_SELECT.replace('SELECT ', 'SELECT u.rowid, ', 1)}"
            f" WHERE u.rowid IN ({','.join('?' * len(rowids))}) AND {where}",
            (*rowids, *params),
        ).fetchall()
        units = {row[0]: _unit(row[1:]) for row in rows}
        return [(units[rowid], -float(rank)) for rowid, rank in ranked if rowid in units]

    def _lexical_filtered(
        self, match: str, filters: SearchFilters, limit: int
    ) -> list[tuple[StoredUnit, float]]:
        """BM25 matches with the filters joined into the FTS5 query itself."""
        where, params = filters.sql_where()
        rows = self.db.execute(
            f"{_SELECT.replace('SELECT ', 'SELECT units_fts.rank, ', 1)}"
            " JOIN units_fts ON units_fts.rowid = u.rowid"
            f" WHERE units_fts MATCH ? AND {where} ORDER BY units_fts.rank LIMIT ?",
            (match, *params, limit),
        ).fetchall()
        return [(_unit(row[1:]), -float(row[0])) for row in rows]

    def document_frequencies(self, terms: list[str]) -> tuple[dict[str, int], int]:
        """How many units contain each term (as indexed), and how many units there are.

        FTS5's vocabulary table costs ~0.2 ms a term, so counts are cached until the database
        changes (SQLite's data_version covers other connections, total_changes this one)."""
        state = (self.db.execute("PRAGMA data_version").fetchone()[0], self.db.total_changes)
        if state != self._df_state or len(self._df_cache) > 200_000:
            self._df_cache.clear()
            self._df_state = state
            self._unit_total = int(self.db.execute("SELECT count(*) FROM units").fetchone()[0])
        missing = [t for t in dict.fromkeys(terms) if t not in self._df_cache]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            found = dict(
                self.db.execute(
                    "SELECT term, doc FROM units_vocab"
                    f" WHERE term IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
            )
            self._df_cache.update((term, int(found.get(term, 0))) for term in chunk)
        return {t: self._df_cache.get(t, 0) for t in terms}, self._unit_total

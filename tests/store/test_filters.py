"""The audience filter is a security control: one definition, the same answer in SQL and in
Chroma, and an empty audience list sees nothing."""

from __future__ import annotations

import sqlite3

from store.filters import SearchFilters, audience_condition


def visible(audiences: tuple[str, ...] | None) -> list[str]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE documents (symbol TEXT, meta TEXT)")
    db.executemany(
        "INSERT INTO documents VALUES (?, ?)",
        [("PUB/1", '{"audience": "public"}'), ("STAFF/1", '{"audience": "staff"}')],
    )
    condition, params = audience_condition(audiences)
    rows = db.execute(f"SELECT symbol FROM documents d WHERE {condition}", params)
    return sorted(row[0] for row in rows)


def test_sql_audience_condition():
    assert visible(None) == ["PUB/1", "STAFF/1"]
    assert visible(("public",)) == ["PUB/1"]
    assert visible(("public", "staff")) == ["PUB/1", "STAFF/1"]
    assert visible(()) == []


def test_search_filters_use_the_same_condition_and_chroma_agrees():
    where, params = SearchFilters(language="fr", audiences=("public",)).sql_where()
    assert audience_condition(("public",))[0] in where and params == ["fr", "public"]
    assert SearchFilters(audiences=()).chroma_where() == {"audience": {"$in": ["-"]}}
    assert SearchFilters().chroma_where() is None and SearchFilters().sql_where() == ("1", [])

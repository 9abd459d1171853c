"""The catalog's own reader connections: they see what was committed and cannot write."""

from __future__ import annotations

import sqlite3

import pytest

from store.catalog import Catalog


def test_a_reader_sees_commits_and_cannot_write(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    reader = catalog.reader()
    catalog.add_pending("A|en", 1)
    assert reader.execute("SELECT doc_key, generation FROM pending").fetchall() == [("A|en", 1)]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.execute("DELETE FROM pending")
    reader.close()
    catalog.close()

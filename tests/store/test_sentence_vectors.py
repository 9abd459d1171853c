"""Sentence vectors in the catalog: stored by content, looked up by the sentence's text."""

from __future__ import annotations

import numpy as np

from store.catalog import Catalog
from store.sentence_vectors import SentenceVectors


def test_lookup_by_sentence_text_and_units_without(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    stored = SentenceVectors(catalog, "usem3:test")
    first, second = np.eye(4, dtype=np.float32)[:2]
    stored.store([("unit-a", "One sentence.", first), ("unit-a", "Two sentences.", second)])
    found = stored.lookup(["Two sentences.", "Never stored.", "One sentence."])
    assert np.array_equal(found[0], second) and found[1] is None
    assert np.array_equal(found[2], first) and found[2].dtype == np.float32
    assert stored.units_without(["unit-a", "unit-b"]) == {"unit-b"}
    other = SentenceVectors(catalog, "st:other")  # another embedder's vectors are not these
    assert other.lookup(["One sentence."]) == [None]
    assert other.units_without(["unit-a"]) == {"unit-a"}
    catalog.close()

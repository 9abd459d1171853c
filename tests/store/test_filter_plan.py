"""The filter planner: shares from catalog counts, over-fetch sizes, and when Chroma's
`where` is used instead."""

from __future__ import annotations

import numpy as np

from store.filter_plan import FilterPlan
from store.filters import SearchFilters
from store.index import DocumentIndex
from tests.store.audience_store import document


def test_fetch_sizes_follow_the_share():
    assert FilterPlan(500, 500, 2000).fetch(30) == 30  # no unit filtered out: no extra
    assert FilterPlan(450, 500, 2000).fetch(30) == 52  # 30 / 0.9 * 1.25 + 10
    assert FilterPlan(5, 500, 2000).fetch(30) is None  # selective: Chroma's where
    assert FilterPlan(0, 500, 2000).fetch(30) is None
    assert FilterPlan(5, 500, 2000).expected(30) == 5
    assert FilterPlan(450, 500, 2000).expected(30) == 30


def test_plans_count_units_and_follow_catalog_changes(settings):
    index = DocumentIndex(settings)
    try:
        vectors = np.eye(512, dtype=np.float32)
        index.replace(document("PUB/1", "public", ["a"] * 9), vectors[:9])
        index.replace(document("STAFF/1", "staff", ["b"]), vectors[9:10])
        delegate = SearchFilters(audiences=("public",))
        plan = index.planner.plan(delegate)
        assert (plan.matching, plan.total) == (9, 10)
        assert index.planner.plan(SearchFilters(language="fr")).matching == 0
        assert index.planner.plan(SearchFilters(symbols=("STAFF/1",))).matching == 1
        assert index.planner.plan(SearchFilters(date_from="2026-04-01")).matching == 0
        index.replace(document("PUB/2", "public", ["c"] * 10), vectors[10:20])
        assert index.planner.plan(delegate).matching == 19  # the cache saw the change
        index.remove("STAFF/1|en")
        assert index.planner.plan(delegate).share == 1.0
    finally:
        index.close()

"""The audience rule with the filter planner: a delegate never gets a staff unit, and gets as
many public units as a filtered query would, whatever the number of candidates fetched."""

from __future__ import annotations

import numpy as np
import pytest

from store.filters import SearchFilters
from store.index import DocumentIndex
from tests.store.audience_store import PUBLIC_UNITS, STAFF_UNITS, fill

DELEGATE = SearchFilters(audiences=("public",))


def query_vector() -> np.ndarray:
    vector = np.random.default_rng(1).normal(size=512)
    return (vector / np.linalg.norm(vector)).astype(np.float32)


@pytest.fixture
def staff_nearest(settings):
    index = DocumentIndex(settings)
    query = query_vector()
    audiences = fill(index, query, "zebra crossing")
    yield index, query, audiences
    index.close()


def exact_nearest(index: DocumentIndex, query: np.ndarray, audience: str, limit: int) -> list:
    stored = index.vectors.vectors_by_id()
    units = index.units.by_ids(list(stored), SearchFilters(audiences=(audience,)))
    ranked = sorted(units, key=lambda uid: -float(stored[uid] @ query))
    return ranked[:limit]


@pytest.mark.parametrize("limit", [1, 5, 30, 250])
def test_delegate_gets_only_and_exactly_the_nearest_public_units(staff_nearest, limit):
    index, query, audiences = staff_nearest
    unfiltered = list(index.dense(query.tolist(), SearchFilters(), STAFF_UNITS))
    assert {audiences[uid] for uid in unfiltered[:150]} == {"staff"}  # staff are the nearest

    found = index.dense(query.tolist(), DELEGATE, limit)
    assert {audiences[uid] for uid in found} == {"public"}
    assert len(found) == min(limit, PUBLIC_UNITS)
    exact = exact_nearest(index, query, "public", limit)
    if limit <= 30:  # what retrieval asks for: exactly the nearest public units, in order
        assert list(found) == exact
    else:  # HNSW is approximate over hundreds of candidates, with or without `where`
        assert len(set(found) & set(exact)) >= 0.95 * len(exact)
    assert all(unit.audience == "public" for unit, _ in found.values())


def test_never_fewer_than_a_filtered_chroma_query(staff_nearest):
    """Asked for more than there are, HNSW returns a few less than all (298 of 300 here),
    with or without `where`; the planner must not return fewer than the filtered query."""
    index, query, audiences = staff_nearest
    found = index.dense(query.tolist(), DELEGATE, PUBLIC_UNITS + 100)
    filtered = index.vectors.nearest(query.tolist(), DELEGATE.chroma_where(), PUBLIC_UNITS + 100)
    assert {audiences[uid] for uid in found} == {"public"}
    assert len(found) >= len(filtered) >= 0.95 * PUBLIC_UNITS


def test_selective_filters_go_to_chroma_and_still_pass_the_join(settings, staff_nearest):
    """With almost no over-fetch allowed every filtered search takes Chroma's `where`."""
    index, query, audiences = staff_nearest
    strict = DocumentIndex(settings.model_copy(update={"max_overfetch": 10}))
    try:
        found = strict.dense(query.tolist(), DELEGATE, 30)
        assert {audiences[uid] for uid in found} == {"public"} and len(found) == 30
        one_document = SearchFilters(symbols=("PUB/3",), audiences=("public",))
        assert strict.planner.plan(one_document).fetch(5) is None  # 30 of 500 units: selective
        assert {unit.symbol for unit, _ in strict.dense(query.tolist(), one_document, 5).values()}
        assert strict.dense(query.tolist(), SearchFilters(audiences=()), 5) == {}
        staff_document = SearchFilters(symbols=("STAFF/0",), audiences=("public",))
        assert strict.dense(query.tolist(), staff_document, 5) == {}
    finally:
        strict.close()


def test_lexical_search_refills_when_staff_units_fill_the_over_fetch(staff_nearest):
    index, _, audiences = staff_nearest
    hits = index.units.lexical(["zebra"], DELEGATE, 10)
    assert len(hits) == 10 and {unit.audience for unit, _ in hits} == {"public"}
    everyone = index.units.lexical(["zebra"], SearchFilters(), 10)
    assert {audiences[unit.unit_id] for unit, _ in everyone} == {"staff"}

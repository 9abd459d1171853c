"""How a filtered nearest-vector search is run: with Chroma's `where`, or unfiltered with
extra candidates that the catalog join then filters.

Chroma's metadata filter costs grow with the rows it matches: on 20,000 vectors the audience
filter of a delegate (90% of rows) took 90 ms against 4 ms unfiltered, and more as the
collection grows (issue 15). A filter that lets most units through is therefore never handed
to Chroma: the query fetches about `limit / share` candidates unfiltered and the catalog join
(`UnitQueries.by_ids`), which checks every filter and the audience above all, keeps those
that pass. Only a selective filter (one document, a rare language), for which that would mean
more than `max_overfetch` candidates, goes to Chroma's `where`.

The share comes from catalog counts (units per document), cached until the catalog changes.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

from store.catalog import Catalog
from store.filters import SearchFilters

HEADROOM = 1.25  # candidates beyond limit / share: the share is an average over the store
MIN_EXTRA = 10  # and a few more, which matter when the limit is small


@dataclass(frozen=True)
class FilterPlan:
    """What a filter lets through: `matching` of `total` units in the catalog."""

    matching: int
    total: int
    max_overfetch: int

    @property
    def share(self) -> float:
        return self.matching / self.total if self.total else 0.0

    def fetch(self, limit: int) -> int | None:
        """Candidates to fetch unfiltered for `limit` units that pass; None when the filter
        is selective enough for Chroma's `where` (or lets nothing through)."""
        if self.matching == 0:
            return None
        if self.matching == self.total:
            return limit
        wanted = math.ceil(limit / self.share * HEADROOM) + MIN_EXTRA
        return wanted if wanted <= self.max_overfetch else None

    def expected(self, limit: int) -> int:
        """How many units a filtered query returns at most: the limit, or all that match."""
        return min(limit, self.matching)


class FilterPlanner:
    """Plans filtered searches from catalog counts, cached per filter until the catalog
    changes (one SQLite read per search when nothing changed)."""

    def __init__(self, catalog: Catalog, max_overfetch: int) -> None:
        self.catalog = catalog
        self.max_overfetch = max_overfetch
        self._plans: dict[SearchFilters, FilterPlan] = {}
        self._changes = -1
        self._lock = threading.Lock()

    def plan(self, filters: SearchFilters) -> FilterPlan:
        changes = self.catalog.changes()
        with self._lock:
            if changes != self._changes:
                self._plans.clear()
                self._changes = changes
            plan = self._plans.get(filters)
            if plan is None:
                plan = self._plans[filters] = self._count(filters)
                if len(self._plans) > 256:  # the UI uses a handful; --doc filters many
                    self._plans.pop(next(iter(self._plans)))
            return plan

    def _count(self, filters: SearchFilters) -> FilterPlan:
        where, params = filters.sql_where(units="d")
        matching, total = self.catalog.db.execute(
            f"SELECT coalesce(sum(CASE WHEN {where} THEN d.unit_count END), 0),"
            " coalesce(sum(d.unit_count), 0) FROM documents d",
            params,
        ).fetchone()
        return FilterPlan(int(matching), int(total), self.max_overfetch)

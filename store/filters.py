"""Search filters, translated once for Chroma (`where`) and once for SQLite (`WHERE`).

Audience is a security filter: the UI passes the audiences a user may see, and both indexes
enforce it, so a restricted document can never reach an answer by any question. Its one
definition is `audience_condition` (SQL) beside `SearchFilters.chroma_where` (Chroma), so the
catalog's existence checks and every search agree on who sees what.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_NOBODY = "-"  # an audience no document has: an empty audience list must match nothing


@dataclass(frozen=True)
class SearchFilters:
    symbols: tuple[str, ...] = ()
    language: str | None = None
    doc_types: tuple[str, ...] = ()
    date_from: str | None = None  # ISO yyyy-mm-dd, inclusive
    date_to: str | None = None
    audiences: tuple[str, ...] | None = None  # None: no restriction (CLI, trusted use)

    def chroma_where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        if self.symbols:
            clauses.append({"symbol": {"$in": list(self.symbols)}})
        if self.language:
            clauses.append({"lang": self.language})
        if self.doc_types:
            clauses.append({"doc_type": {"$in": list(self.doc_types)}})
        if self.date_from:
            clauses.append({"date": {"$gte": _date_number(self.date_from)}})
        if self.date_to:
            clauses.append({"date": {"$lte": _date_number(self.date_to)}})
        if self.audiences is not None:
            clauses.append({"audience": {"$in": list(self.audiences) or [_NOBODY]}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def sql_where(self, units: str = "u") -> tuple[str, list[Any]]:
        """Conditions on `units u JOIN documents d`, with their parameters. Every filter is a
        property of the document, so `units="d"` gives the same conditions on `documents d`
        alone (the filter planner counts matching units from document rows)."""
        conditions: list[str] = []
        params: list[Any] = []
        if self.symbols:
            conditions.append(f"{units}.symbol IN ({','.join('?' * len(self.symbols))})")
            params.extend(self.symbols)
        if self.language:
            conditions.append(f"{units}.language = ?")
            params.append(self.language)
        if self.doc_types:
            conditions.append(
                f"json_extract(d.meta, '$.doc_type') IN ({','.join('?' * len(self.doc_types))})"
            )
            params.extend(self.doc_types)
        if self.date_from:
            conditions.append("json_extract(d.meta, '$.date') >= ?")
            params.append(self.date_from)
        if self.date_to:
            conditions.append("json_extract(d.meta, '$.date') <= ?")
            params.append(self.date_to)
        if self.audiences is not None:
            condition, audience_params = audience_condition(self.audiences)
            conditions.append(condition)
            params.extend(audience_params)
        return (" AND ".join(conditions) or "1"), params


def audience_condition(audiences: tuple[str, ...] | None) -> tuple[str, tuple[str, ...]]:
    """SQL on `documents d` for "visible to these audiences" (None: no restriction; an empty
    tuple: nobody, matched by an audience no document has)."""
    if audiences is None:
        return "1", ()
    marks = ",".join("?" * len(audiences)) or f"'{_NOBODY}'"
    return f"json_extract(d.meta, '$.audience') IN ({marks})", audiences


def _date_number(iso: str) -> int:
    return int(iso.replace("-", "")[:8].ljust(8, "0"))

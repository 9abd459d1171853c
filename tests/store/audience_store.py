"""A store where staff-only units are the nearest neighbours of a query: what the audience
rule must withstand whatever the number of candidates a search fetches."""

from __future__ import annotations

import numpy as np

from ingest.models import DocumentMeta, ParsedDocument, Unit, UnitKind
from store.index import DocumentIndex

STAFF_UNITS = 200  # five staff documents of 40 units, all nearer the query than any public one
PUBLIC_UNITS = 300  # ten public documents of 30 units


def document(symbol: str, audience: str, texts: list[str]) -> ParsedDocument:
    meta = DocumentMeta(symbol=symbol, language="en", date="2026-03-01", audience=audience)
    units = [
        Unit(label=str(n), kind=UnitKind.PARAGRAPH, text=text, ordinal=n)
        for n, text in enumerate(texts, 1)
    ]
    return ParsedDocument(f"/generated/{symbol}.md", symbol, meta, units)


def around(query: np.ndarray, count: int, spread: float, rng: np.random.Generator) -> np.ndarray:
    """`count` unit vectors near `query`: the larger `spread`, the farther."""
    vectors = query + rng.normal(0, spread, (count, len(query)))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def fill(index: DocumentIndex, query: np.ndarray, words: str, seed: int = 7) -> dict[str, str]:
    """Staff units hug `query` and repeat `words` (so BM25 ranks them first too); public
    units lie farther and mention `words` once. Returns each unit id's audience."""
    rng = np.random.default_rng(seed)
    audiences: dict[str, str] = {}
    plans = [(f"STAFF/{n}", "staff", 40, 0.01, 4) for n in range(STAFF_UNITS // 40)]
    plans += [(f"PUB/{n}", "public", 30, 0.08, 1) for n in range(PUBLIC_UNITS // 30)]
    for symbol, audience, count, spread, repeats in plans:
        texts = [
            f"{' '.join([words] * repeats)} {symbol} paragraph {n} filler text."
            for n in range(count)
        ]
        parsed = document(symbol, audience, texts)
        index.replace(parsed, around(query, count, spread, rng))
    for record in index.documents():
        for row in index.catalog.units_of(record.key):
            audiences[row["unit_id"]] = record.meta.audience
    return audiences

"""Hybrid retrieval: dense (Chroma, USE multilingual) and lexical (FTS5 BM25), side by side,
fused by a model fitted on the tune split (assistant/fusion.py).

Across languages BM25 matches little but numbers, and a plain reciprocal rank fusion dragged
dense recall@5 from 91% to 37% (issue 3); the fitted fusion reads, per candidate, how much of
the question each side can know instead of trusting either by a fixed weight.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from assistant.fusion import FusionWeights, QuestionEvidence
from assistant.models import Source
from assistant.query_terms import QueryTerms, query_terms
from assistant.references import DirectReference, is_generic, strip_reference
from ingest.models import annex_label
from reformqa.languages import detect_language
from reformqa.numerals import ROMAN
from store.embedders import EncoderEmbeddings
from store.filters import SearchFilters
from store.index import DocumentIndex
from store.queries import StoredUnit, UnitQueries


@dataclass
class Retrieval:
    sources: list[Source]
    terms: QueryTerms
    timings_ms: dict[str, float] = field(default_factory=dict)
    # "paragraph 14" without a symbol, found in several documents: the one answered from
    chosen_document: str | None = None


def fuse(
    dense: dict[str, tuple[StoredUnit, float]],
    lexical: dict[str, tuple[StoredUnit, float]],
    evidence: QuestionEvidence,
    weights: FusionWeights,
) -> list[tuple[StoredUnit, float, float, float, tuple[float, ...]]]:
    """(unit, fused, dense, lexical, features) by fused score: the fitted model's probability
    that the unit answers the question (assistant/fusion.py)."""
    top_lexical = max((score for _, score in lexical.values()), default=0.0) or 1.0
    top_in_language: dict[str, float] = {}
    for unit, score in lexical.values():
        top_in_language[unit.language] = max(score, top_in_language.get(unit.language, 0.0))
    fused = []
    for unit_id in dense.keys() | lexical.keys():
        unit = (dense.get(unit_id) or lexical[unit_id])[0]
        dense_score = dense[unit_id][1] if unit_id in dense else 0.0
        bm25 = lexical[unit_id][1] if unit_id in lexical else 0.0
        in_language = bm25 / (top_in_language.get(unit.language) or 1.0)
        features = evidence.features(unit, dense_score, bm25 / top_lexical, in_language)
        lexical_score = bm25 / top_lexical
        fused.append((unit, weights.probability(features), dense_score, lexical_score, features))
    fused.sort(key=lambda item: -item[1])
    return fused


class HybridRetriever:
    """Finds the paragraphs that answer a query, as merged, language-aware sources."""

    def __init__(self, index: DocumentIndex, embedder: EncoderEmbeddings) -> None:
        self.index = index
        self.embedder = embedder
        self.units = index.units
        self.weights = FusionWeights.fitted()
        # the lexical side runs here while the caller's thread runs the dense side; a few
        # workers, for the UI's concurrent chats
        self._lexical_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="lexical")
        self._lexical_units = threading.local()  # each worker reads on its own connection
        self._readers: list[UnitQueries] = []
        self._readers_lock = threading.Lock()

    def close(self) -> None:
        """Stop the lexical workers and close their connections."""
        self._lexical_pool.shutdown(wait=True)
        with self._readers_lock:
            for reader in self._readers:
                reader.db.close()
            self._readers.clear()

    def run(
        self,
        query: str,
        filters: SearchFilters,
        k: int = 5,
        preferred_language: str | None = None,
        reference: DirectReference | None = None,
        use_dense: bool = True,
        use_lexical: bool = True,
        language: str | None = None,
    ) -> Retrieval:
        timings: dict[str, float] = {}
        fetch = max(30, 4 * k)
        language = language or detect_language(query) or "en"
        # side by side: the dense search waits on numpy and Chroma, the lexical on SQLite,
        # all of which release the GIL
        pending = self._lexical_pool.submit(
            self._lexical, query, language, filters, fetch, use_lexical, timings
        )
        started = time.perf_counter()
        dense = self._dense(query, filters, fetch) if use_dense else {}
        timings["dense"] = (time.perf_counter() - started) * 1000
        terms, lexical_hits = pending.result()
        lexical = {unit.unit_id: (unit, score) for unit, score in lexical_hits}
        started = time.perf_counter()
        fused = fuse(dense, lexical, QuestionEvidence.of(query, language, terms), self.weights)
        sources = self._merge(fused, filters, preferred_language)
        chosen = None
        if reference:
            symbol = reference.symbol
            if symbol is None:
                # a bare "what does paragraph 14 say" ranks documents by noise: ignore the ranking
                about = [] if is_generic(strip_reference(query)) else sources
                symbol, ambiguous = self._referenced_document(reference.labels, filters, about)
                chosen = symbol if ambiguous else None
            direct = self._direct(reference, symbol, filters, preferred_language)
            named = {source.key for source in direct}
            sources = direct + [source for source in sources if source.key not in named]
        timings["fusion"] = (time.perf_counter() - started) * 1000
        keep = max(k, sum(1 for source in sources if source.direct))
        return Retrieval(sources[:keep], terms, timings, chosen)

    def _lexical(
        self,
        query: str,
        language: str,
        filters: SearchFilters,
        limit: int,
        enabled: bool,
        timings: dict[str, float],
    ) -> tuple[QueryTerms, list[tuple[StoredUnit, float]]]:
        """The question's terms and its BM25 hits within the filters, read on this worker's
        own SQLite connection: on the shared one, the dense side's catalog reads waited for
        the FTS5 query to finish (27 ms a question at 100k units)."""
        started = time.perf_counter()
        units = getattr(self._lexical_units, "queries", None)
        if units is None:
            units = self._lexical_units.queries = self.index.reader_units()
            with self._readers_lock:
                self._readers.append(units)
        terms = query_terms(query, language, units)
        hits = units.lexical(terms.match_terms, filters, limit) if enabled else []
        timings["lexical"] = (time.perf_counter() - started) * 1000
        return terms, hits

    def _dense(
        self, query: str, filters: SearchFilters, limit: int
    ) -> dict[str, tuple[StoredUnit, float]]:
        return self.index.dense(self.embedder.embed_query(query), filters, limit)

    def _merge(
        self,
        fused: list[tuple[StoredUnit, float, float, float, tuple[float, ...]]],
        filters: SearchFilters,
        preferred_language: str | None,
    ) -> list[Source]:
        """One source per (symbol, label), shown in the preferred language when indexed."""
        merged: dict[tuple[str, str], Source] = {}
        for unit, score, dense_score, lexical_score, features in fused:
            key = (unit.symbol, unit.label)
            if key in merged:
                merged[key].versions.setdefault(unit.language, unit)
                continue
            merged[key] = Source(
                unit,
                score,
                dense_score,
                lexical_score,
                versions={unit.language: unit},
                features=features,
            )
        sources = list(merged.values())
        for source in sources[:20]:
            self._prefer(source, filters, preferred_language)
        return sources

    def _prefer(self, source: Source, filters: SearchFilters, language: str | None) -> None:
        if language and language != source.unit.language and filters.language is None:
            versions = self.units.versions(source.unit.symbol, source.unit.label, filters)
            source.versions.update(versions)
            if language in versions:
                source.unit = versions[language]

    def _direct(
        self,
        reference: DirectReference,
        symbol: str | None,
        filters: SearchFilters,
        preferred_language: str | None,
    ) -> list[Source]:
        """The units a question names, in document `symbol`, in the wanted language."""
        if symbol is None:
            return []
        language = reference.language or preferred_language
        scoped = SearchFilters(**{**filters.__dict__, "symbols": (symbol,)})
        sources: list[Source] = []
        for label in reference.labels:
            versions = {unit.language: unit for unit in self.units.by_label(label, scoped)}
            if not versions and label.isdigit():
                versions = self._in_the_annex(label, scoped)
            if versions:
                shown = versions.get(language or "") or next(iter(versions.values()))
                sources.append(Source(shown, 1.0, direct=True, versions=versions))
        return sources

    def _in_the_annex(self, number: str, scoped: SearchFilters) -> dict[str, StoredUnit]:
        """Paragraph `number` of a document whose body stops short of it, when exactly one of
        its annexes has it: "paragraph 22 of A/81/312" is the transmitted report's paragraph 22
        when the Secretary-General's note has four."""
        found = [
            units
            for annex in ("", *ROMAN)
            if (units := self.units.by_label(annex_label(annex, number), scoped))
        ]
        return {unit.language: unit for unit in found[0]} if len(found) == 1 else {}

    def _referenced_document(
        self, labels: list[str], filters: SearchFilters, ranked: list[Source]
    ) -> tuple[str | None, bool]:
        """The document a "paragraph 14" without a symbol is taken from, and whether other
        documents have it too. Every document has a paragraph 14: it is the best-ranked
        document in `ranked` that has it, else the most recent one. Indexed queries only
        (31 ms for the whole answer at 1M units): loading every document's paragraph first
        grew with the number of documents (the 1.1 s service p99 at 1M units)."""
        latest = self.units.symbols_with(labels, filters, limit=2)
        candidates = list(dict.fromkeys(source.unit.symbol for source in ranked))
        if candidates and latest:
            within = SearchFilters(**{**filters.__dict__, "symbols": tuple(candidates)})
            having = {u.symbol for label in labels for u in self.units.by_label(label, within)}
            for symbol in candidates:
                if symbol in having:
                    return symbol, len(latest) > 1 or latest[0] != symbol
        return (latest[0], len(latest) > 1) if latest else (None, False)

"""`reformqa check`: does the store hold what the catalog says, in all three indexes?

A store is consistent when every unit the catalog serves has its FTS5 row and its Chroma
vector under the document's current generation, Chroma holds nothing else, no write is left
pending, each document's unit count is right and the collection names the embedder. Each
finding says what is wrong and whether `--repair` can fix it; repairing deletes what nothing
serves (orphan vectors, orphan FTS5 rows, dead writers' pending generations) and restores
missing FTS5 rows; a document with missing vectors is named, and a plain re-ingest writes them
(an "unchanged" file whose vectors are incomplete is indexed again).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from chromadb.errors import ChromaError

from reformqa.sentences import split_sentences
from store.embedders import make_embedder
from store.index import DocumentIndex
from store.lexical import lexical_tokens

logger = logging.getLogger(__name__)


@dataclass
class CheckReport:
    """Findings, one line each, and the counts they were drawn from."""

    documents: int = 0
    units: int = 0
    lexical: int = 0
    vectors: int = 0
    findings: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def consistent(self) -> bool:
        return not self.findings

    def summary(self) -> str:
        state = "consistent" if self.consistent else f"{len(self.findings)} problem(s)"
        return (
            f"{self.documents} documents, {self.units} units, {self.lexical} lexical rows, "
            f"{self.vectors} vectors: {state}"
        )


def check_store(index: DocumentIndex, repair: bool = False) -> CheckReport:
    """Compare catalog, FTS5 and Chroma; with `repair`, fix what was found (under the writer
    lock, so never beside a running ingest). Chroma is reopened first: a client this process
    opened earlier may cache a vector index that predates other processes' writes."""
    index.refresh(force=True)
    if repair:
        with index.writing():  # taking the lock also drops dead writers' pending generations
            report = _inspect(index)
            _repair(index, report)
        return report
    return _inspect(index)


def _inspect(index: DocumentIndex) -> CheckReport:
    catalog = index.catalog
    records = {record.key: record for record in catalog.documents()}
    report = CheckReport(
        documents=len(records),
        units=catalog.unit_count(),
        lexical=catalog.lexical_count(),
        vectors=index.vectors.count(),
    )
    served: dict[str, set[str]] = defaultdict(set)
    for unit_id, doc_key in catalog.db.execute("SELECT unit_id, doc_key FROM units"):
        served[doc_key].add(unit_id)
    stored: dict[str, set[str]] = defaultdict(set)
    for unit_id in index.vectors.ids_where():
        stored[unit_id.split("#", 1)[0]].add(unit_id)

    for key, record in records.items():
        units = served.get(key, set())
        if len(units) != record.unit_count:
            report.findings.append(
                f"{key}: catalog lists {record.unit_count} units, holds {len(units)}"
            )
        missing = units - stored.get(key, set())
        if missing:
            report.findings.append(
                f"{key}: {len(missing)} of {len(units)} units have no vector "
                "(repair: re-ingest writes them)"
            )
    for key in sorted(set(served) - set(records)):
        report.findings.append(f"{key}: {len(served[key])} units of no indexed document")
    all_served = set().union(*served.values()) if served else set()
    orphans = sum(len(ids - all_served) for ids in stored.values())
    if orphans:
        report.findings.append(f"{orphans} vectors of no served unit (repair: deleted)")
    lexical_orphans, lexical_missing = _lexical_mismatch(index)
    if lexical_orphans:
        report.findings.append(f"{lexical_orphans} lexical rows of no unit (repair: deleted)")
    if lexical_missing:
        report.findings.append(f"{lexical_missing} units without a lexical row (repair: added)")
    for doc_key, generation in catalog.pending():
        holder = index.lock.holder()
        owner = f"writer pid {holder} still running" if holder else "writer gone"
        report.findings.append(f"{doc_key}: generation {generation} pending ({owner})")
    identity = index.vectors.embedder_identity
    if identity is None and report.vectors:
        report.findings.append("the collection holds vectors but names no embedder")
    declared = (index.vectors.collection.metadata or {}).get("dimension")
    try:
        length = index.vectors.stored_dimension()
    except ChromaError as exc:
        report.findings.append(f"Chroma cannot read a stored vector: {exc}")
        length = None
    if declared is not None and length is not None and length != declared:
        report.findings.append(f"vectors have {length} dimensions, the collection says {declared}")
    if index.embedder is not None and identity not in (None, index.embedder.identity):
        report.findings.append(f"collection built with {identity}, not {index.embedder.identity}")
    without = len(index.sentence_vectors(identity).missing_units()) if identity else 0
    if without:
        report.findings.append(
            f"{without} unit texts have no sentence vectors (answers encode their sentences "
            "at query time; repair: embedded)"
        )
    return report


def _lexical_mismatch(index: DocumentIndex) -> tuple[int, int]:
    db = index.catalog.db
    orphans = db.execute(
        "SELECT count(*) FROM units_fts WHERE rowid NOT IN (SELECT rowid FROM units)"
    ).fetchone()[0]
    missing = db.execute(
        "SELECT count(*) FROM units WHERE rowid NOT IN (SELECT rowid FROM units_fts)"
    ).fetchone()[0]
    return int(orphans), int(missing)


def _repair(index: DocumentIndex, report: CheckReport) -> None:
    """Delete what nothing serves; make documents with missing vectors re-ingestable."""
    catalog = index.catalog
    served = {row[0] for row in catalog.db.execute("SELECT unit_id FROM units")}
    orphans = [uid for uid in index.vectors.ids_where() if uid not in served]
    if orphans:
        index.vectors.delete_ids(orphans)
        report.repaired.append(f"deleted {len(orphans)} orphan vectors")
    with catalog.transaction() as db:
        gone = db.execute(
            "DELETE FROM units_fts WHERE rowid NOT IN (SELECT rowid FROM units)"
        ).rowcount
        stray = db.execute(
            "DELETE FROM units WHERE doc_key NOT IN (SELECT doc_key FROM documents)"
        ).rowcount
        unindexed = db.execute(
            "SELECT rowid, section, text FROM units WHERE rowid NOT IN "
            "(SELECT rowid FROM units_fts)"
        ).fetchall()
        db.executemany(
            "INSERT INTO units_fts (rowid, tokens) VALUES (?, ?)",
            [(rowid, " ".join(lexical_tokens(f"{sec} {text}"))) for rowid, sec, text in unindexed],
        )
    if gone:
        report.repaired.append(f"deleted {gone} orphan lexical rows")
    if stray:
        report.repaired.append(f"deleted {stray} units of no document")
    if unindexed:
        report.repaired.append(f"added {len(unindexed)} missing lexical rows")
    _fill_sentence_vectors(index, report)
    for record in catalog.documents():
        if not index.vectors_complete(record):
            report.repaired.append(
                f"{record.key}: vectors missing; re-ingest {record.source_path} to restore them"
            )
    if report.repaired:
        logger.warning("store repaired", extra={"actions": len(report.repaired)})


def _fill_sentence_vectors(index: DocumentIndex, report: CheckReport) -> None:
    """Embed the sentences of units that have none (a store indexed before ingest wrote
    them), with the embedder the collection was built with."""
    identity = index.vectors.embedder_identity
    if identity is None:
        return
    stored = index.sentence_vectors(identity)
    missing = stored.missing_units()
    if not missing:
        return
    settings = index.settings
    embedder = index.embedder or make_embedder(settings.embedder, settings.embed_threads)
    if embedder.identity != identity:
        report.repaired.append(
            f"sentence vectors not written: the store was built with {identity}, "
            f"this run uses {embedder.identity}"
        )
        return
    texts: dict[str, str] = {}
    hashes = sorted(missing)
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        texts.update(
            index.catalog.db.execute(
                "SELECT text_hash, text FROM units"
                f" WHERE text_hash IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
        )
    pairs = [(unit, sentence) for unit, text in texts.items() for sentence in split_sentences(text)]
    unique = list(dict.fromkeys(sentence for _, sentence in pairs))
    vectors = {}
    for start in range(0, len(unique), settings.embed_batch):
        chunk = unique[start : start + settings.embed_batch]
        vectors.update(zip(chunk, embedder.encode(chunk), strict=True))
    stored.store((unit, sentence, vectors[sentence]) for unit, sentence in pairs)
    report.repaired.append(f"embedded {len(unique)} sentences of {len(texts)} unit texts")

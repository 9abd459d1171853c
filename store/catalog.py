"""The SQLite catalog beside Chroma: document registry, unit texts, lexical index (FTS5, BM25),
the embedding cache and the sentence vectors (store/sentence_vectors.py).

Chroma's local mode has no sparse search, so the lexical index lives here. One SQLite
transaction swaps a document's units in the catalog; Chroma is written before and cleaned
after, and `pending` remembers what to clean if the process dies in between.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from store.filters import audience_condition
from store.lexical import lexical_tokens
from store.records import DocumentEntry, DocumentInfo, DocumentRecord, unit_id

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_key TEXT PRIMARY KEY, symbol TEXT NOT NULL, language TEXT NOT NULL, meta TEXT NOT NULL,
    source_path TEXT NOT NULL, content_hash TEXT NOT NULL, generation INTEGER NOT NULL,
    unit_count INTEGER NOT NULL, indexed_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS documents_symbol ON documents(symbol);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_path);
CREATE INDEX IF NOT EXISTS documents_date ON documents(json_extract(meta, '$.date'));
CREATE TABLE IF NOT EXISTS units (
    rowid INTEGER PRIMARY KEY, unit_id TEXT UNIQUE NOT NULL, doc_key TEXT NOT NULL,
    symbol TEXT NOT NULL, language TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL,
    section TEXT NOT NULL, page INTEGER, ordinal INTEGER NOT NULL, refs TEXT NOT NULL,
    text TEXT NOT NULL, text_hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS units_doc ON units(doc_key, ordinal);
CREATE INDEX IF NOT EXISTS units_label ON units(symbol, label);
CREATE INDEX IF NOT EXISTS units_by_label ON units(label);
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(tokens);
CREATE VIRTUAL TABLE IF NOT EXISTS units_vocab USING fts5vocab(units_fts, 'row');
CREATE TABLE IF NOT EXISTS embeddings (
    embedder TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (embedder, text_hash)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sentence_vectors (
    embedder TEXT NOT NULL, unit_hash TEXT NOT NULL, sentence_hash TEXT NOT NULL,
    vector BLOB NOT NULL, PRIMARY KEY (embedder, unit_hash, sentence_hash)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sentence_vectors_by_sentence
    ON sentence_vectors(embedder, sentence_hash);
CREATE TABLE IF NOT EXISTS pending (doc_key TEXT NOT NULL, generation INTEGER NOT NULL,
    PRIMARY KEY (doc_key, generation));
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO state VALUES ('changes', 0);
"""



@contextmanager
def immediate_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT on an autocommit connection, rolled back on any error: the
    write lock is taken at the start, so two writers never both read then both write."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")

class Catalog:
    """Thin, typed access to the catalog database."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def reader(self) -> sqlite3.Connection:
        """A read-only connection of its own. One connection serializes its users: a search
        running beside another (the lexical side beside the dense one) needs its own to run
        at the same time, which WAL allows."""
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA query_only=1")
        return db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with immediate_transaction(self.db) as db:
            yield db

    # --- documents -------------------------------------------------------------------------
    def documents(self) -> list[DocumentRecord]:
        rows = self.db.execute(
            "SELECT doc_key, meta, source_path, content_hash, generation, unit_count, indexed_at "
            "FROM documents ORDER BY symbol, language"
        ).fetchall()
        return [_record(row) for row in rows]

    def documents_from(self, source_path: str) -> list[DocumentRecord]:
        """Documents indexed from one file (normally one; more if the file changed identity)."""
        rows = self.db.execute(
            "SELECT doc_key, meta, source_path, content_hash, generation, unit_count, indexed_at "
            "FROM documents WHERE source_path=?",
            (source_path,),
        ).fetchall()
        return [_record(row) for row in rows]

    def has_symbol(self, symbol: str, audiences: tuple[str, ...] | None = None) -> bool:
        """Whether a document with this symbol is indexed for these audiences (a delegate
        must not learn that a staff-only symbol exists)."""
        visible, params = audience_condition(audiences)
        row = self.db.execute(
            f"SELECT 1 FROM documents d WHERE symbol=? AND {visible} LIMIT 1", (symbol, *params)
        ).fetchone()
        return row is not None

    def has_documents(self, audiences: tuple[str, ...] | None = None) -> bool:
        """Whether any document is indexed (for these audiences): one indexed row, not a scan."""
        visible, params = audience_condition(audiences)
        row = self.db.execute(f"SELECT 1 FROM documents d WHERE {visible} LIMIT 1", params)
        return row.fetchone() is not None

    def document(self, doc_key: str) -> DocumentRecord | None:
        row = self.db.execute(
            "SELECT doc_key, meta, source_path, content_hash, generation, unit_count, indexed_at "
            "FROM documents WHERE doc_key=?",
            (doc_key,),
        ).fetchone()
        return _record(row) if row else None

    def set_source_path(self, doc_key: str, source_path: str) -> None:
        self.db.execute(
            "UPDATE documents SET source_path=? WHERE doc_key=?", (source_path, doc_key)
        )

    def replace_document(self, parsed: DocumentEntry, generation: int) -> None:
        """Swap in a document's new units, catalog and lexical index together, atomically."""
        key = parsed.meta.key
        with self.transaction() as db:
            self._delete_units(db, key)
            for unit in parsed.units:
                cursor = db.execute(
                    "INSERT INTO units (unit_id, doc_key, symbol, language, label, kind, section,"
                    " page, ordinal, refs, text, text_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        unit_id(key, generation, unit.label),
                        key,
                        parsed.meta.symbol,
                        parsed.meta.language,
                        unit.label,
                        str(unit.kind),
                        unit.section,
                        unit.page,
                        unit.ordinal,
                        json.dumps(list(unit.refs)),
                        unit.text,
                        unit.text_hash,
                    ),
                )
                db.execute(
                    "INSERT INTO units_fts (rowid, tokens) VALUES (?, ?)",
                    (cursor.lastrowid, " ".join(lexical_tokens(f"{unit.section} {unit.text}"))),
                )
            _bump_changes(db)
            db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    key,
                    parsed.meta.symbol,
                    parsed.meta.language,
                    json.dumps(vars(parsed.meta)),
                    parsed.path,
                    parsed.content_hash,
                    generation,
                    len(parsed.units),
                    time.time(),
                ),
            )

    def delete_document(self, doc_key: str) -> None:
        with self.transaction() as db:
            self._delete_units(db, doc_key)
            db.execute("DELETE FROM documents WHERE doc_key=?", (doc_key,))
            _bump_changes(db)

    def changes(self) -> int:
        """How many times any process swapped a document in or out: a reader that sees it move
        knows another process wrote, and refreshes what it caches of Chroma."""
        return int(self.db.execute("SELECT value FROM state WHERE name='changes'").fetchone()[0])

    @staticmethod
    def _delete_units(db: sqlite3.Connection, doc_key: str) -> None:
        db.execute(
            "DELETE FROM units_fts WHERE rowid IN (SELECT rowid FROM units WHERE doc_key=?)",
            (doc_key,),
        )
        db.execute("DELETE FROM units WHERE doc_key=?", (doc_key,))

    def kind_counts(self) -> dict[str, dict[str, int]]:
        """Units per kind for every document, e.g. {"HSP/EB.2026/12|zh": {"para": 27}}."""
        counts: dict[str, dict[str, int]] = {}
        for doc_key, kind, count in self.db.execute(
            "SELECT doc_key, kind, count(*) FROM units GROUP BY doc_key, kind"
        ):
            counts.setdefault(doc_key, {})[kind] = int(count)
        return counts

    def unit_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM units").fetchone()[0])

    def lexical_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM units_fts").fetchone()[0])

    def units_of(self, doc_key: str) -> list[sqlite3.Row]:
        # a cursor of its own: the connection is shared by the UI's worker threads
        cursor = self.db.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(
            "SELECT * FROM units WHERE doc_key=? ORDER BY ordinal", (doc_key,)
        ).fetchall()

    def unit_texts(self) -> list[str]:
        """Every indexed unit's text (the benchmark encodes them again for its ceiling)."""
        return [row[0] for row in self.db.execute("SELECT text FROM units")]

    # --- crash recovery --------------------------------------------------------------------
    def add_pending(self, doc_key: str, generation: int) -> None:
        self.db.execute("INSERT OR IGNORE INTO pending VALUES (?, ?)", (doc_key, generation))

    def clear_pending(self, doc_key: str, generation: int) -> None:
        self.db.execute(
            "DELETE FROM pending WHERE doc_key=? AND generation=?", (doc_key, generation)
        )

    def pending(self) -> list[tuple[str, int]]:
        return [(k, int(g)) for k, g in self.db.execute("SELECT doc_key, generation FROM pending")]

    # --- embedding cache -------------------------------------------------------------------
    def cached_vectors(self, embedder: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        return {
            text_hash: np.frombuffer(blob, dtype=np.float32)
            for text_hash, blob in self._embedding_rows(embedder, hashes, "text_hash, vector")
        }

    def cached_hashes(self, embedder: str, hashes: Iterable[str]) -> set[str]:
        """Which of these texts have a cached vector (without reading the vectors)."""
        return {row[0] for row in self._embedding_rows(embedder, hashes, "text_hash")}

    def _embedding_rows(
        self, embedder: str, hashes: Iterable[str], columns: str
    ) -> Iterator[tuple]:
        """Embedding-cache rows for these text hashes, 500 per query (SQLite's parameter cap)."""
        wanted = list(dict.fromkeys(hashes))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            yield from self.db.execute(
                f"SELECT {columns} FROM embeddings WHERE embedder=? AND text_hash IN ({marks})",
                (embedder, *chunk),
            )

    def all_cached_vectors(self) -> np.ndarray:
        """Every cached vector, one a row (the benchmark derives synthetic vectors from them)."""
        return np.stack(
            [
                np.frombuffer(blob, dtype=np.float32)
                for (blob,) in self.db.execute("SELECT vector FROM embeddings")
            ]
        )

    def cache_vectors(self, embedder: str, vectors: dict[str, np.ndarray]) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
                [
                    (embedder, h, np.asarray(v, dtype=np.float32).tobytes())
                    for h, v in vectors.items()
                ],
            )

    def prune_embedding_cache(self) -> int:
        """Drop cached vectors, and sentence vectors, no indexed unit uses any more."""
        cursor = self.db.execute(
            "DELETE FROM embeddings WHERE text_hash NOT IN (SELECT text_hash FROM units)"
        )
        sentences = self.db.execute(
            "DELETE FROM sentence_vectors WHERE unit_hash NOT IN (SELECT text_hash FROM units)"
        )
        return cursor.rowcount + sentences.rowcount


def _bump_changes(db: sqlite3.Connection) -> None:
    db.execute("UPDATE state SET value = value + 1 WHERE name='changes'")


def _record(row: tuple) -> DocumentRecord:
    key, meta_json, source_path, content_hash, generation, unit_count, indexed_at = row
    return DocumentRecord(
        key,
        DocumentInfo.from_json(meta_json),
        source_path,
        content_hash,
        int(generation),
        int(unit_count),
        float(indexed_at),
    )

"""Vectors of each unit's sentences, computed when the unit is indexed, read when answering.

The extractive answerer scores the sentences of the top sources by similarity to the
question; encoding them at query time cost about 26 ms of a 61 ms answer at 10k units
(issue 15). Ingest now splits and encodes them once, and answering looks them up here.

Rows live in the catalog's SQLite (table `sentence_vectors`) beside the embedding cache,
keyed like it by content: (embedder, hash of the unit's text, hash of the sentence's text).
Lookups go by the sentence's own hash, so an answerer that splits differently from the ingest
that filled the table simply finds fewer sentences and encodes the rest, and a store indexed
before this table existed works as before (`reformqa check --repair` or a re-ingest fills
it). Vectors are float32, as the encoder gives them: float16 would halve the bytes but move
scores by ~1e-3, enough to change which sentence clears the abstention threshold. Rows of
texts no unit has any more are pruned with the embedding cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

from store.catalog import Catalog


def sentence_hash(text: str) -> str:
    """Key of a sentence's vector (its text, as split)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class SentenceVectors:
    """The sentence vectors of one embedder in one catalog."""

    def __init__(self, catalog: Catalog, embedder: str) -> None:
        self.catalog = catalog
        self.db = catalog.db
        self.embedder = embedder

    def lookup(self, sentences: Sequence[str]) -> list[np.ndarray | None]:
        """The stored vector of each sentence, None where there is none."""
        keys = [sentence_hash(s) for s in sentences]
        found: dict[str, np.ndarray] = {}
        wanted = list(dict.fromkeys(keys))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self.db.execute(
                # without INDEXED BY, SQLite takes the primary key's `embedder` prefix and
                # scans every row of the embedder (460 ms an answer at 100k units)
                "SELECT sentence_hash, vector FROM sentence_vectors"
                " INDEXED BY sentence_vectors_by_sentence WHERE embedder = ?"
                f" AND sentence_hash IN ({','.join('?' * len(chunk))})",
                (self.embedder, *chunk),
            )
            found.update((key, np.frombuffer(blob, dtype=np.float32)) for key, blob in rows)
        return [found.get(key) for key in keys]

    def units_without(self, unit_hashes: Iterable[str]) -> set[str]:
        """Which of these unit texts have no sentence vectors yet."""
        wanted = list(dict.fromkeys(unit_hashes))
        have: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            have.update(
                row[0]
                for row in self.db.execute(
                    "SELECT DISTINCT unit_hash FROM sentence_vectors WHERE embedder = ?"
                    f" AND unit_hash IN ({','.join('?' * len(chunk))})",
                    (self.embedder, *chunk),
                )
            )
        return set(wanted) - have

    def store(self, rows: Iterable[tuple[str, str, np.ndarray]]) -> None:
        """(unit hash, sentence text, vector) rows, in one transaction."""
        values = [
            (self.embedder, unit, sentence_hash(text), np.asarray(v, dtype=np.float32).tobytes())
            for unit, text, v in rows
        ]
        if values:
            with self.catalog.transaction() as db:
                db.executemany("INSERT OR REPLACE INTO sentence_vectors VALUES (?,?,?,?)", values)

    def missing_units(self) -> list[str]:
        """Text hashes of indexed units without sentence vectors (`reformqa check`)."""
        return [
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT u.text_hash FROM units u WHERE NOT EXISTS (SELECT 1 FROM"
                " sentence_vectors s WHERE s.embedder = ? AND s.unit_hash = u.text_hash)",
                (self.embedder,),
            )
        ]

"""The sentences of a group of units being indexed, split and encoded beside the units.

The extractive answerer reads sentence vectors instead of encoding sentences at query time
(store/sentence_vectors.py). Ingest fills them for every unit whose text has none yet: a
sentence that is its unit's whole text takes the unit's vector, one already stored under
another unit is copied, and the rest go to the same encoder (and worker processes) as the
units, so a re-ingest of unchanged text encodes nothing and an old store is filled by the
next ingest of its files.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ingest.encoder_pool import BatchEncoder, PendingBatch
from ingest.models import ParsedDocument
from reformqa.sentences import split_sentences
from store.sentence_vectors import SentenceVectors

SENTENCES_PER_UNIT = 3  # about what generated and real UN paragraphs have, to size the pool


class SentenceJobs:
    """One group's sentence vectors: found, taken from the unit, or being encoded."""

    def __init__(
        self,
        documents: Sequence[ParsedDocument],
        stored: SentenceVectors,
        encoder: BatchEncoder,
        batch_size: int,
    ) -> None:
        texts = {unit.text_hash: unit.text for d in documents for unit in d.units}
        pairs = [
            (unit, sentence)
            for unit in sorted(stored.units_without(texts))
            for sentence in split_sentences(texts[unit])
        ]
        self.whole = [(u, s) for u, s in pairs if s == texts[u].strip()]
        rest = [(u, s) for u, s in pairs if s != texts[u].strip()]
        found = stored.lookup([s for _, s in rest])
        self.rows = [(u, s, v) for (u, s), v in zip(rest, found, strict=True) if v is not None]
        self.to_encode = [(u, s) for (u, s), v in zip(rest, found, strict=True) if v is None]
        unique = list(dict.fromkeys(s for _, s in self.to_encode))
        self.batches: list[tuple[list[str], PendingBatch]] = [
            (unique[i : i + batch_size], encoder.submit(unique[i : i + batch_size]))
            for i in range(0, len(unique), batch_size)
        ]

    @property
    def encoded(self) -> int:
        """Sentences this group sends to the encoder."""
        return sum(len(chunk) for chunk, _ in self.batches)

    def rows_with(self, unit_vectors: dict[str, np.ndarray]) -> list[tuple[str, str, np.ndarray]]:
        """Every (unit hash, sentence, vector) row, once the encoder is done."""
        vectors: dict[str, np.ndarray] = {}
        for chunk, pending in self.batches:
            vectors.update(zip(chunk, pending.vectors(), strict=True))
        return (
            self.rows
            + [(u, s, vectors[s]) for u, s in self.to_encode]
            + [(u, s, unit_vectors[u]) for u, s in self.whole]
        )


def units_to_split(documents: Sequence[ParsedDocument], stored: SentenceVectors) -> int:
    """How many sentences these documents will probably send to the encoder."""
    hashes = {unit.text_hash for d in documents for unit in d.units}
    return SENTENCES_PER_UNIT * len(stored.units_without(hashes))

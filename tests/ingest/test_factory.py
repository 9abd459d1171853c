"""Every pipeline is built from the settings: size limit, batch and encoder processes."""

from __future__ import annotations

from ingest.factory import open_pipeline
from reformqa.settings import Settings


def test_pipeline_takes_its_limits_from_the_settings(tmp_path, embedder):
    settings = Settings(
        store=tmp_path / "store",
        embed_batch=7,
        embed_workers=3,
        max_file_mb=1,
        max_unit_chars=900,
        max_pdf_pages=12,
    )
    with open_pipeline(settings, embedder) as pipeline:
        assert pipeline.batch_size == 7 and pipeline.workers == 3
        limits = pipeline.parser.limits
        assert limits.max_file_bytes == 1024 * 1024
        assert (limits.max_unit_chars, limits.max_pdf_pages) == (900, 12)
        assert pipeline.index.settings.store == settings.store

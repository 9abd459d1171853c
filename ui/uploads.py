"""Documents added from the browser: kept in the upload folder, ingested one file at a time.

Files are copied into `Settings.upload_dir` (the index records source paths, and `ingest
--prune` drops documents whose files are gone). A file that fails to ingest is taken out of
the folder again, restoring the file it replaced, so the folder always matches the index.
Ingestion runs under one lock and through a pipeline on its own index (its own SQLite connection),
so answers being served meanwhile only ever see committed documents.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import IngestError
from ingest.factory import open_pipeline
from ingest.parser import SUPPORTED_SUFFIXES
from ingest.pipeline import IngestPipeline, IngestReport
from reformqa.settings import Settings
from store.embedders import EncoderEmbeddings

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class UploadOutcome:
    """What became of one uploaded file."""

    name: str
    status: str  # added | updated | unchanged | failed
    detail: str  # the document key, or why the file failed

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def line(self) -> str:
        """ "name: reason" for a failure, "name: added SYMBOL|lang" otherwise."""
        if self.failed:
            return f"{self.name}: {self.detail}"
        symbol, _, language = self.detail.partition("|")
        return f"{self.name}: {self.status} {symbol} ({language})"


class UploadManager:
    def __init__(self, settings: Settings, embedder: EncoderEmbeddings) -> None:
        self.settings = settings
        self.embedder = embedder
        self.lock = threading.Lock()

    def ingest(
        self,
        files: Sequence[Path],
        staff_only: bool = False,
        progress: Progress | None = None,
    ) -> list[UploadOutcome]:
        """Ingest uploaded files; `staff_only` sets `audience: staff` on all of them (never the
        reverse: a document that says staff stays staff)."""
        overrides = {"audience": "staff"} if staff_only else None
        outcomes: list[UploadOutcome] = []
        with self.lock, open_pipeline(self.settings, self.embedder) as pipeline:
            for number, source in enumerate(files):
                name = Path(source).name
                if progress is not None:
                    progress(number, len(files), name)
                outcomes.append(self._one(pipeline, Path(source), name, overrides))
        if progress is not None:
            progress(len(files), len(files), "")
        return outcomes

    def _one(
        self,
        pipeline: IngestPipeline,
        source: Path,
        name: str,
        overrides: dict[str, str] | None,
    ) -> UploadOutcome:
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES or name.startswith("."):
            return UploadOutcome(
                name,
                "failed",
                f"unsupported file type {suffix or '(none)'} "
                f"(supported: {', '.join(SUPPORTED_SUFFIXES)})",
            )
        folder = self.settings.upload_dir
        folder.mkdir(parents=True, exist_ok=True)
        target = (folder / name).resolve()
        previous = target.read_bytes() if target.exists() else None
        shutil.copyfile(source, target)
        try:
            report = pipeline.run([target], overrides=overrides)
        except Exception as exc:  # an index failure must not leave the file half-registered
            logger.exception("upload ingest failed", extra={"file": name})
            report = IngestReport()
            report.failed.append(IngestError(str(target), f"unexpected error: {exc!r}"))
        if report.failed:
            self._restore(target, previous)
            reason = report.failed[0].reason
            logger.info("upload failed", extra={"file": name, "reason": reason})
            return UploadOutcome(name, "failed", reason)
        for status, keys in (
            ("added", report.added),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
        ):
            if keys:
                logger.info("uploaded", extra={"file": name, "status": status, "doc": keys[0]})
                return UploadOutcome(name, status, keys[0])
        self._restore(target, previous)
        return UploadOutcome(name, "failed", "no document found in the file")

    @staticmethod
    def _restore(target: Path, previous: bytes | None) -> None:
        if previous is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(previous)

"""Documents added from the browser: kept in the upload folder, ingested one file at a time.

The symbol and language, not the file name, identify a document: each upload is parsed first
and its file kept in a folder of its own document (`upload_dir/<symbol-language>/NAME`), so a
file that happens to share the name of another document's file never overwrites it (before, a
second "report.docx" replaced the first file and the index dropped the first document). An
upload of a document already uploaded replaces that document's file, and the result says so.
The index records source paths and `ingest --prune` drops documents whose files are gone, so
a file that fails to ingest is taken out again and the files it replaced are put back.

The audience chosen in the form is part of what an upload says: a re-upload of unchanged text
with another audience is removed and indexed again with the new one (its vectors come from the
embedding cache), where the pipeline alone would report it "unchanged" and keep the old one.
Ingestion runs under one lock and through a pipeline on its own index (its own SQLite
connection), so answers being served meanwhile only ever see committed documents.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import IngestError
from ingest.factory import open_pipeline
from ingest.inspection import Inspection, inspect_document
from ingest.parser import SUPPORTED_SUFFIXES
from ingest.pipeline import IngestPipeline, IngestReport
from reformqa.settings import Settings
from store.embedders import EncoderEmbeddings

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class UploadOutcome:
    """What became of one uploaded file."""

    name: str
    status: str  # added | updated | unchanged | failed
    detail: str  # the document key, or why the file failed
    replaced: tuple[str, ...] = ()  # earlier files of the same document, now gone
    audience: tuple[str, str] | None = None  # (before, after) when the upload changed it
    found: str = ""  # what the reader found (`reformqa inspect` in one line)

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def line(self) -> str:
        """ "name: reason" for a failure, "name: added SYMBOL (lang)[; ...]" otherwise."""
        if self.failed:
            return f"{self.name}: {self.detail}"
        symbol, _, language = self.detail.partition("|")
        text = f"{self.name}: {self.status} {symbol} ({language})"
        if self.audience is not None:
            text += f"; audience {self.audience[0]} -> {self.audience[1]}"
        if self.replaced:
            text += f"; replaces {', '.join(self.replaced)}"
        if self.found:
            text += f"\n  {self.found}"
        return text


def found_summary(inspection: Inspection) -> str:
    """ "title: ...; date: ...; units: 12 para, 3 footnote; para 5 missing" for the upload
    result, so staff see at once whether the reader got the document right."""
    fields = inspection.fields
    parts = [f"{name}: {fields[name] or 'not found'}" for name in ("title", "date")]
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(inspection.counts.items()))
    parts.append(f"units: {counts or 'none'}")
    parts.extend(inspection.warnings[:3])
    return "; ".join(parts)


def document_folder(upload_dir: Path, key: str) -> Path:
    """The folder of one document's upload: readable, and distinct for distinct keys."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return upload_dir / f"{_UNSAFE.sub('_', key.replace('|', '.'))[:80]}-{digest}"


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
        """Ingest uploaded files; `staff_only` sets `audience: staff` on all of them, otherwise
        each keeps the audience its own text gives (public unless it says staff)."""
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
        try:  # which document this is, before any file is touched
            parsed = pipeline.parser.run(source, overrides)
        except IngestError as exc:
            logger.info("upload failed", extra={"file": name, "reason": exc.reason})
            return UploadOutcome(name, "failed", exc.reason)
        key, audience = parsed.meta.key, parsed.meta.audience
        existing = pipeline.index.catalog.document(key)
        folder = document_folder(self.settings.upload_dir, key)
        target = folder / name
        previous = self._previous_files(folder, existing.source_path if existing else None)
        saved = [(path, path.read_bytes()) for path in previous]
        for path in previous:
            path.unlink()
        self.settings.upload_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.mkdir(exist_ok=True, mode=0o700)
        shutil.copyfile(source, target)
        target.chmod(0o600)
        changed = existing is not None and existing.meta.audience != audience
        if changed and existing is not None and existing.content_hash == parsed.content_hash:
            pipeline.index.remove(key)  # so that the run below indexes it with the new audience
        report = self._run(pipeline, target, name, overrides)
        if report.failed:
            target.unlink(missing_ok=True)
            self._restore(saved)
            if not any(folder.iterdir()):
                folder.rmdir()
            if changed and existing is not None and pipeline.index.catalog.document(key) is None:
                # the old text, with its old audience, back in the index
                back = {"audience": existing.meta.audience}
                pipeline.run([Path(existing.source_path)], overrides=back)
            reason = report.failed[0].reason
            logger.info("upload failed", extra={"file": name, "reason": reason})
            return UploadOutcome(name, "failed", reason)
        status = next(
            (s for s, keys in (("added", report.added), ("updated", report.updated)) if keys),
            "unchanged",
        )
        if existing is not None and status == "added":
            status = "updated"  # removed above for its new audience; the same document
        replaced = tuple(sorted(p.name for p, _ in saved if p != target))
        outcome = UploadOutcome(
            name,
            status,
            key,
            replaced,
            (existing.meta.audience, audience) if changed and existing is not None else None,
            found_summary(inspect_document(parsed)),
        )
        logger.info("uploaded", extra={"file": name, "status": status, "doc": key})
        return outcome

    def _previous_files(self, folder: Path, indexed_from: str | None) -> list[Path]:
        """The files that back this document now: its folder's, and the one the index names if
        it is an upload (files kept directly in the upload folder by earlier versions)."""
        files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
        if indexed_from:
            path = Path(indexed_from)
            upload_dir = self.settings.upload_dir.resolve()
            if path.is_file() and path.resolve().is_relative_to(upload_dir) and path not in files:
                files.append(path)
        return files

    @staticmethod
    def _run(
        pipeline: IngestPipeline, target: Path, name: str, overrides: dict[str, str] | None
    ) -> IngestReport:
        try:
            report = pipeline.run([target], overrides=overrides)
        except Exception as exc:  # an index failure must not leave the file half-registered
            logger.exception("upload ingest failed", extra={"file": name})
            report = IngestReport()
            report.failed.append(IngestError(str(target), f"unexpected error: {exc!r}"))
        if not (report.failed or report.added or report.updated or report.unchanged):
            report.failed.append(IngestError(str(target), "no document found in the file"))
        return report

    @staticmethod
    def _restore(saved: list[tuple[Path, bytes]]) -> None:
        for path, data in saved:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.write_bytes(data)

"""Uploads: copied beside the store, ingested one by one, failures reported by file name and
taken out again, staff-only uploads marked so, and a document that says staff stays staff."""

from __future__ import annotations

from store.index import DocumentIndex
from tests.ui.documents import STAFF_NOTE, UPLOAD, corrupt_pdf, write
from ui.uploads import UploadManager


def audiences(settings) -> dict[str, str]:
    index = DocumentIndex(settings)
    try:
        return {record.meta.symbol: record.meta.audience for record in index.documents()}
    finally:
        index.close()


def test_good_bad_and_unsupported_files(settings, embedder, tmp_path):
    incoming = tmp_path / "incoming"
    files = [
        write(incoming, "hub.md", UPLOAD),
        corrupt_pdf(incoming),
        write(incoming, "tool.exe", "MZ"),
    ]
    seen: list[tuple[int, int, str]] = []
    manager = UploadManager(settings, embedder)
    outcomes = manager.ingest(files, progress=lambda *step: seen.append(step))
    assert [o.line() for o in outcomes][0] == "hub.md: added HSP/EB.2026/13 (en)"
    assert outcomes[1].failed and outcomes[1].line().startswith("corrupt.pdf: not a readable PDF")
    assert outcomes[2].line().startswith("tool.exe: unsupported file type .exe")
    assert seen == [(0, 3, "hub.md"), (1, 3, "corrupt.pdf"), (2, 3, "tool.exe"), (3, 3, "")]
    kept = sorted(p.name for p in settings.upload_dir.iterdir())
    assert kept == ["hub.md"]
    assert not settings.upload_dir.is_relative_to(settings.store)
    assert audiences(settings) == {"HSP/EB.2026/13": "public"}

    again = manager.ingest([write(incoming, "hub.md", UPLOAD)])
    assert again[0].line() == "hub.md: unchanged HSP/EB.2026/13 (en)"


def test_a_failed_replacement_restores_the_previous_file(settings, embedder, tmp_path):
    manager = UploadManager(settings, embedder)
    manager.ingest([write(tmp_path / "a", "hub.md", UPLOAD)])
    broken = write(tmp_path / "b", "hub.md", "---\nsymbol: [unclosed\n---\n1. Text.\n")
    outcome = manager.ingest([broken])[0]
    assert outcome.failed and "front matter" in outcome.detail
    assert (settings.upload_dir / "hub.md").read_text(encoding="utf-8") == UPLOAD
    assert audiences(settings) == {"HSP/EB.2026/13": "public"}


def test_staff_only_uploads_and_documents_that_say_staff(settings, embedder, tmp_path):
    manager = UploadManager(settings, embedder)
    manager.ingest([write(tmp_path, "hub.md", UPLOAD)], staff_only=True)
    manager.ingest([write(tmp_path, "inf9.md", STAFF_NOTE)], staff_only=False)
    assert audiences(settings) == {"HSP/EB.2026/13": "staff", "HSP/EB.2026/INF.9": "staff"}

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


def kept(settings) -> list[str]:
    return sorted(p.name for p in settings.upload_dir.rglob("*") if p.is_file())


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
    assert [o.line().splitlines()[0] for o in outcomes][0] == "hub.md: added HSP/EB.2026/13 (en)"
    assert "title: Urban Resilience Hub in Maputo; date: 2026-03-10" in outcomes[0].line()
    assert outcomes[1].failed and outcomes[1].line().startswith("corrupt.pdf: not a readable PDF")
    assert outcomes[2].line().startswith("tool.exe: unsupported file type .exe")
    assert seen == [(0, 3, "hub.md"), (1, 3, "corrupt.pdf"), (2, 3, "tool.exe"), (3, 3, "")]
    assert kept(settings) == ["hub.md"]
    assert not settings.upload_dir.is_relative_to(settings.store)
    assert audiences(settings) == {"HSP/EB.2026/13": "public"}

    again = manager.ingest([write(incoming, "hub.md", UPLOAD)])
    assert again[0].line().splitlines()[0] == "hub.md: unchanged HSP/EB.2026/13 (en)"


def test_a_failed_replacement_restores_the_previous_file(settings, embedder, tmp_path):
    manager = UploadManager(settings, embedder)
    manager.ingest([write(tmp_path / "a", "hub.md", UPLOAD)])
    broken = write(tmp_path / "b", "hub.md", "---\nsymbol: [unclosed\n---\n1. Text.\n")
    outcome = manager.ingest([broken])[0]
    assert outcome.failed and "front matter" in outcome.detail
    (path,) = [p for p in settings.upload_dir.rglob("*") if p.is_file()]
    assert path.name == "hub.md" and path.read_text(encoding="utf-8") == UPLOAD
    assert audiences(settings) == {"HSP/EB.2026/13": "public"}


def test_staff_only_uploads_and_documents_that_say_staff(settings, embedder, tmp_path):
    manager = UploadManager(settings, embedder)
    manager.ingest([write(tmp_path, "hub.md", UPLOAD)], staff_only=True)
    manager.ingest([write(tmp_path, "inf9.md", STAFF_NOTE)], staff_only=False)
    assert audiences(settings) == {"HSP/EB.2026/13": "staff", "HSP/EB.2026/INF.9": "staff"}


OTHER = UPLOAD.replace("HSP/EB.2026/13", "HSP/EB.2026/14").replace("Maputo", "Beira")


def test_a_file_name_clash_never_removes_another_document(settings, embedder, tmp_path):
    manager = UploadManager(settings, embedder)
    first = manager.ingest([write(tmp_path / "a", "report.md", UPLOAD)])[0]
    second = manager.ingest([write(tmp_path / "b", "report.md", OTHER)])[0]
    assert first.line().splitlines()[0] == "report.md: added HSP/EB.2026/13 (en)"
    assert second.line().splitlines()[0] == "report.md: added HSP/EB.2026/14 (en)"
    assert audiences(settings) == {"HSP/EB.2026/13": "public", "HSP/EB.2026/14": "public"}
    assert kept(settings) == ["report.md", "report.md"]

    # The same document again, under another name and with new text: it replaces its own file.
    revised = UPLOAD.replace("7.5 million", "8.1 million")
    third = manager.ingest([write(tmp_path / "c", "hub-v2.md", revised)])[0]
    assert (
        third.line().splitlines()[0] == "hub-v2.md: updated HSP/EB.2026/13 (en); replaces report.md"
    )
    assert kept(settings) == ["hub-v2.md", "report.md"]
    assert audiences(settings) == {"HSP/EB.2026/13": "public", "HSP/EB.2026/14": "public"}
    texts = {p.read_text(encoding="utf-8") for p in settings.upload_dir.rglob("*.md")}
    assert texts == {revised, OTHER}


def test_a_re_upload_with_another_audience_changes_it(settings, embedder, tmp_path):
    manager = UploadManager(settings, embedder)
    hub = write(tmp_path, "hub.md", UPLOAD)
    manager.ingest([hub])
    assert audiences(settings) == {"HSP/EB.2026/13": "public"}
    staff = manager.ingest([hub], staff_only=True)[0]
    assert (
        staff.line().splitlines()[0]
        == "hub.md: updated HSP/EB.2026/13 (en); audience public -> staff"
    )
    assert audiences(settings) == {"HSP/EB.2026/13": "staff"}
    index = DocumentIndex(settings)
    try:  # indexed whole again: every unit has its vectors, filtered by the new audience
        record = index.catalog.document("HSP/EB.2026/13|en")
        assert record is not None and record.unit_count == 2
        vectors = index.vectors.nearest(
            embedder.embed_query("Urban Resilience Hub budget"), {"audience": "staff"}, 5
        )
        assert len(vectors) == 2
    finally:
        index.close()
    again = manager.ingest([hub], staff_only=True)[0]
    assert again.line().splitlines()[0] == "hub.md: unchanged HSP/EB.2026/13 (en)"
    public = manager.ingest([hub])[0]
    assert (
        public.line().splitlines()[0]
        == "hub.md: updated HSP/EB.2026/13 (en); audience staff -> public"
    )
    assert audiences(settings) == {"HSP/EB.2026/13": "public"}

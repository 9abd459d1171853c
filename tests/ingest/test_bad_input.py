"""Every kind of bad input gets a one-line error naming the file and the reason; the batch
goes on; nothing already indexed is lost."""

from __future__ import annotations

import shutil

import pytest

from ingest.models import document_key
from tests.conftest import SEED
from tests.factories import blank_pdf, english_note_pdf

SEED_KEY = document_key("HSP/EB.2026/12", "zh")


def make_bad_files(folder):
    folder.mkdir()
    (folder / "empty.md").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\n \n", encoding="utf-8")
    (folder / "junk.pdf").write_bytes(bytes(range(256)) * 40)
    english_note_pdf(folder / "locked.pdf", encrypt="s3cret")
    blank_pdf(folder / "scan.pdf")
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04 not really")
    (folder / "latin1.txt").write_bytes(
        "Résumé du rapport: la réunion a été très productive.".encode("cp1252")
    )
    (folder / "huge.md").write_text("1. " + "x" * 60_000, encoding="utf-8")
    (folder / "junk.docx").write_bytes(b"not a zip at all")
    return {
        "empty.md": "empty file",
        "blank.txt": "empty file (only white space)",
        "junk.pdf": "not a readable PDF",
        "locked.pdf": "encrypted PDF",
        "scan.pdf": "no text layer",
        "budget.xlsx": "unsupported format '.xlsx'",
        "latin1.txt": "unsupported text encoding",
        "huge.md": "over the limit",
        "junk.docx": "not a readable DOCX",
    }


def test_each_bad_file_is_reported_and_the_batch_goes_on(tmp_path, ingest, open_index):
    expected = make_bad_files(tmp_path / "bad")
    shutil.copy(SEED, tmp_path / "bad" / "HSP-EB.2026-12.zh.md")
    report = ingest([tmp_path / "bad"], max_file_bytes=40_000)
    reasons = {failure.path.rsplit("/", 1)[-1]: failure.reason for failure in report.failed}
    assert set(reasons) == set(expected)
    for name, fragment in expected.items():
        assert fragment in reasons[name], (name, reasons[name])
        assert "\n" not in reasons[name]
    assert report.added == [SEED_KEY]
    assert open_index().catalog.unit_count() == 34


def test_scanned_pdf_message_says_ocr(tmp_path, ingest):
    report = ingest([blank_pdf(tmp_path / "scan.pdf")])
    assert report.failed[0].reason.startswith("no text layer: this looks like a scan without OCR")


def test_a_file_that_turns_bad_keeps_its_indexed_version(tmp_path, ingest, open_index):
    path = tmp_path / "HSP-EB.2026-12.zh.md"
    shutil.copy(SEED, path)
    ingest([path])
    path.write_bytes(b"\xff\xfe\x00")  # a broken UTF-16 file now
    report = ingest([path], prune=True)
    assert len(report.failed) == 1 and report.failed[0].path == str(path.resolve())
    index = open_index()
    assert index.catalog.unit_count() == 34 and index.vectors.count() == 34


def test_two_files_claiming_one_symbol_and_language_keep_the_first(tmp_path, ingest, open_index):
    shutil.copy(SEED, tmp_path / "a.zh.md")
    shutil.copy(SEED, tmp_path / "b.zh.md")
    report = ingest([tmp_path])
    assert report.added == [SEED_KEY]
    assert len(report.failed) == 1
    failure = report.failed[0]
    assert failure.path.endswith("b.zh.md")
    assert "conflict: HSP/EB.2026/12 (zh)" in failure.reason and "a.zh.md" in failure.reason
    # later, alone: the first file still exists, so the claim is still refused
    report = ingest([tmp_path / "b.zh.md"])
    assert report.failed and "conflict" in report.failed[0].reason
    assert open_index().catalog.document(SEED_KEY).source_path.endswith("a.zh.md")


@pytest.mark.parametrize("data", [b"\x00\x01binary\x00", "caf\xe9 cr\xe8me".encode("latin-1")])
def test_undecodable_text_names_the_supported_encodings(tmp_path, ingest, data):
    path = tmp_path / "note.md"
    path.write_bytes(data)
    report = ingest([path])
    assert len(report.failed) == 1
    assert "UTF-8" in report.failed[0].reason or "UTF-16" in report.failed[0].reason

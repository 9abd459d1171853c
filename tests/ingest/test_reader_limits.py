"""Limits on what is parsed: each refuses the file with a message naming its setting, or (for
an over-long unit) cuts it into labelled parts with a warning."""

import io
import zipfile

import docx
import pytest

from ingest.errors import IngestError
from ingest.limits import ReaderLimits
from ingest.parser import DocumentParser
from tests.factories import english_note_pdf


def _docx(path):
    document = docx.Document()
    document.add_paragraph("1. The Board met.")
    document.save(path)
    return path


def _rewrite(path, name, payload: bytes):
    """The same DOCX with one part replaced (stored deflated, as Word stores it)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[name] = payload
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)
    path.write_bytes(buffer.getvalue())
    return path


def test_docx_that_inflates_too_far_is_refused_before_unpacking(tmp_path):
    path = _rewrite(_docx(tmp_path / "bomb.docx"), "word/document.xml", b" " * (30 * 2**20))
    assert path.stat().st_size < 200_000
    with pytest.raises(IngestError, match=r"unpacks to 3\d MB.*setting max_unpacked_mb"):
        DocumentParser(ReaderLimits(max_unpacked_bytes=20 * 2**20)).run(path)


def test_docx_with_too_many_parts_is_refused(tmp_path):
    path = _docx(tmp_path / "many.docx")
    with pytest.raises(IngestError, match=r"files inside, over the limit of 5 .*max_zip_entries"):
        DocumentParser(ReaderLimits(max_zip_entries=5)).run(path)


def test_docx_with_broken_xml_is_a_one_line_error(tmp_path):
    path = _rewrite(_docx(tmp_path / "broken.docx"), "word/document.xml", b"<w:document><w:body")
    with pytest.raises(IngestError, match=r"^.*not a readable DOCX file \(its XML is broken"):
        DocumentParser().run(path)


def test_pdf_with_too_many_pages_is_refused(tmp_path):
    path = english_note_pdf(tmp_path / "note.pdf")
    with pytest.raises(
        IngestError, match=r"2 pages, over the limit of 1 \(setting max_pdf_pages\)"
    ):
        DocumentParser(ReaderLimits(max_pdf_pages=1)).run(path)


def test_document_with_too_many_units_is_refused(tmp_path):
    path = tmp_path / "long.md"
    path.write_text("\n\n".join(f"{n}. Paragraph {n}." for n in range(1, 51)), encoding="utf-8")
    with pytest.raises(IngestError, match=r"50 units, over the limit of 20 .*max_document_units"):
        DocumentParser(ReaderLimits(max_document_units=20)).run(path)


def test_over_long_unit_is_cut_into_labelled_parts(tmp_path):
    sentence = "The Board reviewed the checklist and the funding compact in detail. "
    path = tmp_path / "glued.md"
    path.write_text("1. " + sentence * 60 + "\n\n2. Short.", encoding="utf-8")
    document = DocumentParser(ReaderLimits(max_unit_chars=1000)).run(path)
    labels = [u.label for u in document.units]
    assert labels[0] == "1" and labels[1] == "1 part 2" and labels[-1] == "2"
    parts = [u for u in document.units if u.label.split(" part ")[0] == "1"]
    assert all(len(u.text) <= 1000 and u.text.endswith("detail.") for u in parts)
    assert " ".join(u.text for u in parts) == (sentence * 60).strip()
    assert any("setting max_unit_chars" in w for w in document.meta.warnings)


def test_paragraph_numbers_past_9999(tmp_path):
    path = tmp_path / "numbers.md"
    path.write_text("9999. Nine.\n\n10000. Ten thousand.\n\n10001. And one.", encoding="utf-8")
    assert [u.label for u in DocumentParser().run(path).units] == ["9999", "10000", "10001"]


def test_broken_link_and_control_characters_in_names_are_reported_on_one_line(tmp_path, capsys):
    from reformqa.cli.main import main

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "gone.md").symlink_to(tmp_path / "nowhere.md")
    (folder / "evil\nFAILED fake.md").write_text("", encoding="utf-8")
    code = main(["ingest", "--store", str(tmp_path / "store"), "--no-progress", str(folder)])
    out = capsys.readouterr().out.splitlines()
    failed = [line for line in out if line.startswith("FAILED")]
    assert code == 1 and len(failed) == 2
    assert any("gone.md: broken link" in line for line in failed)
    assert any("evil\\nFAILED fake.md: empty file" in line for line in failed)

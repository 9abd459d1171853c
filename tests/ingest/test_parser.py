"""DocumentParser on the seed document and on every supported format."""

from __future__ import annotations

from pathlib import Path

from ingest.models import UnitKind
from ingest.parser import DocumentParser
from tests.conftest import SEED
from tests.factories import checklist_docx, english_note_pdf


def units_by_label(path: Path) -> dict:
    return {unit.label: unit for unit in DocumentParser().run(path).units}


def test_seed_has_27_paragraphs_and_7_footnotes():
    document = DocumentParser().run(SEED)
    assert document.count(UnitKind.PARAGRAPH) == 27
    assert document.count(UnitKind.FOOTNOTE) == 7
    assert len(document.units) == 34
    labels = [u.label for u in document.units if u.kind is UnitKind.PARAGRAPH]
    assert labels == [str(n) for n in range(1, 28)]
    assert {u.label for u in document.units if u.kind is UnitKind.FOOTNOTE} == {
        f"fn{n}" for n in range(1, 8)
    }


def test_seed_metadata_from_the_un_header():
    meta = DocumentParser().run(SEED).meta
    assert meta.symbol == "HSP/EB.2026/12"
    assert meta.language == "zh"
    assert meta.original_language == "en"
    assert meta.title == "人居署实施联合国发展系统和管理改革的情况"
    assert meta.date == "2026-02-16"
    assert meta.agenda_item == "11"
    assert meta.session == "2026 年第一次会议"
    # the asterisk note names the provisional agenda: metadata, not a footnote unit
    assert meta.agenda_note == "HSP/EB.2026/1"
    assert meta.doc_type == "note"


def test_seed_paragraphs_cut_by_page_break_and_footnote_block_are_whole():
    units = units_by_label(SEED)
    # 18 is cut inside the word 人居署 by a page break
    assert "但人居署并未被系统地定位为领导或共同领导" in units["18"].text
    assert units["18"].text.endswith("日益激烈的竞争。")
    # 24 is cut by the block of footnote 7
    assert "财务可持续性、灵活性和业务灵敏性" in units["24"].text
    assert units["24"].text.endswith("规范和业务任务的能力。")
    assert units["fn7"].text == "见 HSP/EB.2024/9 号文件。"
    assert "灵活性" not in units["fn7"].text


def test_seed_sub_items_stay_in_paragraph_and_footnote_refs_are_lifted():
    units = units_by_label(SEED)
    nine = units["9"]
    assert "(a) 气候和环境可持续性" in nine.text and "(e) 移民、危机恢复和韧性。" in nine.text
    assert nine.refs == ("fn5", "fn6")
    assert "<sup>" not in nine.text
    assert units["9"].section == "三、人居署对共同国家分析和联合国可持续发展合作框架的总体支持"
    assert "82%" in nine.text


def test_header_lines_are_not_units():
    texts = " ".join(u.text for u in DocumentParser().run(SEED).units)
    assert "Distr.: General" not in texts
    assert "临时议程" not in texts


def test_pdf_pages_footnotes_furniture_and_paragraph_100(tmp_path):
    document = DocumentParser().run(english_note_pdf(tmp_path / "note.pdf"))
    units = {u.label: u for u in document.units}
    assert document.meta.symbol == "HSP/EB.2026/12"
    assert document.meta.date == "2026-02-16"
    assert document.meta.language == "en"
    assert document.meta.agenda_item == "11"
    assert document.meta.title == "UN-Habitat implementation of United Nations reform"
    assert list(units) == ["1", "9", "10", "fn1", "fn2", "100"]
    # a line starting with "100 countries" inside paragraph 9 is not paragraph or footnote 100
    assert "more than 100 countries" in units["9"].text
    assert units["9"].refs == ("fn2",)
    assert units["9"].text.endswith("(b) resilience.")
    # paragraph 10 runs over the page break, past the footnotes of page 1
    assert units["10"].text.endswith("provided on informal settlements.")
    assert units["10"].page == 1 and units["100"].page == 2
    assert units["fn2"].text == (
        "Including at least 65 of the 79 frameworks reviewed by OIOS in 2024 (IED-24-009)."
    )
    assert units["100"].section == "II. Funding compact"
    assert not any(u.text.endswith(("1/2", "2/2")) for u in document.units)
    assert "HSP/EB.2026/12" not in units["10"].text  # the running head of page 2


def test_docx_numbering_tables_and_footnotes(tmp_path):
    document = DocumentParser().run(checklist_docx(tmp_path / "checklist.docx"))
    units = {u.label: u for u in document.units}
    assert document.meta.symbol == "A/80/123"
    assert document.meta.doc_type == "checklist"
    assert document.meta.date == "2026-03-03"
    assert units["2"].text.startswith("It covers the management")
    assert "(a) dual reporting" in units["2"].text
    assert units["3"].text == "Progress depends on predictable funding."
    # a row's own number "1" is taken by paragraph 1, so it falls back to its position
    assert units["t1.r1"].text == "No.: 1 | Requirement: Dual reporting in place | Status: Met"
    assert units["t1.r2"].kind is UnitKind.ROW
    assert units["fn1"].text == "See General Assembly resolution 76/4, para. 20."
    assert units["2"].refs == ("fn1",) and units["3"].refs == ("fn2",)


def test_html_headings_tables_footnotes_and_scripts(tmp_path):
    page = tmp_path / "audit.html"
    page.write_text(
        "<html><head><title>x</title><script>alert(1)</script></head><body>"
        "<p>AC/2025/020</p><p>Distr.: General</p><p>27 June 2025</p>"
        "<h1>Audit of implementing partners</h1>"
        "<p>1. OIOS audited the management of implementing partners.<sup>1</sup></p>"
        "<p>2. Controls were <b>partially</b> effective.</p>"
        "<table><tr><th>No.</th><th>Recommendation</th></tr>"
        "<tr><td>R1</td><td>Strengthen due diligence</td></tr></table>"
        "<section class='footnotes'><ol><li>Assignment AA2024-250-01.</li></ol></section>"
        "</body></html>",
        encoding="utf-8",
    )
    document = DocumentParser().run(page)
    units = {u.label: u for u in document.units}
    assert document.meta.symbol == "AC/2025/020"
    assert document.meta.doc_type == "audit"
    assert units["1"].refs == ("fn1",)
    assert units["2"].text == "Controls were partially effective."
    assert units["R1"].text == "No.: R1 | Recommendation: Strengthen due diligence"
    assert units["fn1"].text == "Assignment AA2024-250-01."
    assert "alert" not in " ".join(u.text for u in document.units)


def test_front_matter_overrides_header_and_markdown_table_rows(tmp_path):
    path = tmp_path / "anything.md"
    path.write_text(
        "---\nsymbol: HSP/EB.2026/INF/3\nlanguage: en\ntitle: Reform checklist\n"
        "date: 2026-02-20\ndoc_type: checklist\naudience: staff\n---\n"
        "E/2025/57\n\nDistr.: General\n1 January 2025\n\n## Checklist\n\n"
        "| # | Mandate | Status |\n|---|---|---|\n| 1.1 | Dual reporting | Met |\n"
        "| | Funding compact | Ongoing |\n",
        encoding="utf-8",
    )
    document = DocumentParser().run(path)
    assert document.meta.symbol == "HSP/EB.2026/INF/3"
    assert document.meta.date == "2026-02-20"
    assert document.meta.audience == "staff"
    assert document.meta.doc_type == "checklist"
    labels = [u.label for u in document.units]
    assert labels == ["1.1", "t1.r2"]
    assert document.units[0].section == "Checklist"


def test_unnumbered_text_gets_ordinal_labels_and_stem_symbol(tmp_path):
    path = tmp_path / "Briefing-note.txt"
    path.write_text(
        "The Board met in Nairobi.\n\nIt discussed the funding compact and the\n"
        "resident coordinator system.\n\nIt closed on 22 April.\n",
        encoding="utf-8",
    )
    document = DocumentParser().run(path)
    assert document.meta.symbol == "Briefing-note"
    assert document.meta.language == "en"
    assert [(u.label, u.kind) for u in document.units] == [
        ("1", UnitKind.ORDINAL),
        ("2", UnitKind.ORDINAL),
        ("3", UnitKind.ORDINAL),
    ]
    assert document.units[1].text == (
        "It discussed the funding compact and the resident coordinator system."
    )


def test_fullwidth_period_paragraphs_and_numbers_beyond_99(tmp_path):
    path = tmp_path / "long.zh.md"
    body = "\n\n".join(f"{n}．第{n}段的内容。" for n in range(1, 131))
    path.write_text("# 标题\n\n" + body + "\n", encoding="utf-8")
    document = DocumentParser().run(path)
    assert [u.label for u in document.units] == [str(n) for n in range(1, 131)]
    assert document.units[-1].text == "第130段的内容。"
    assert document.meta.language == "zh"


def test_text_encodings_utf16_and_gb18030_read_the_same(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "u16.zh.md").write_bytes(text.encode("utf-16"))
    (tmp_path / "gb.zh.md").write_bytes(text.encode("gb18030"))
    (tmp_path / "bom.zh.md").write_bytes(text.encode("utf-8-sig"))
    reference = [u.text for u in DocumentParser().run(SEED).units]
    for name in ("u16.zh.md", "gb.zh.md", "bom.zh.md"):
        assert [u.text for u in DocumentParser().run(tmp_path / name).units] == reference

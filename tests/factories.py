"""Test documents generated inside the tests: PDFs (reportlab), DOCX (python-docx), Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


@dataclass
class Line:
    """One typeset line: body (11 pt), footnote (8 pt) or heading (13 pt), with optional
    superscript footnote references drawn raised and small after the text."""

    text: str
    kind: str = "body"
    sup: str = ""
    gap_before: float = 0.0


def make_pdf(path: Path, pages: list[list[Line]], symbol: str = "", encrypt: str = "") -> Path:
    """Lay out lines like a UN PDF: running head and page number on pages after the first."""
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    if encrypt:
        pdf.setEncrypt(encrypt)
    sizes = {"body": 11, "footnote": 8, "heading": 13}
    for number, lines in enumerate(pages, start=1):
        if number > 1 and symbol:
            pdf.setFont("Helvetica", 9)
            pdf.drawString(72, height - 40, symbol)
        y = height - 80
        for line in lines:
            size = sizes[line.kind]
            y -= line.gap_before + size * 1.3
            font = "Helvetica-Bold" if line.kind == "heading" else "Helvetica"
            pdf.setFont(font, size)
            pdf.drawString(72, y, line.text)
            if line.sup:
                x = 72 + pdf.stringWidth(line.text, font, size)
                pdf.setFont("Helvetica", size * 0.6)
                pdf.drawString(x + 1, y + size * 0.35, line.sup)
        pdf.setFont("Helvetica", 9)
        pdf.drawString(width / 2, 30, f"{number}/{len(pages)}")
        pdf.showPage()
    pdf.save()
    return path


def english_note_pdf(path: Path, encrypt: str = "") -> Path:
    """A two-page English note: header, headings, a paragraph cut by the page break,
    footnotes at the foot of page 1, and paragraph 100."""
    page1 = [
        Line("HSP/EB.2026/12"),
        Line("Distr.: General", gap_before=6),
        Line("16 February 2026"),
        Line("English"),
        Line("Original: English"),
        Line("Executive Board of the United Nations Human Settlements Programme", gap_before=6),
        Line("First session of 2026"),
        Line("Item 11 of the provisional agenda*"),
        Line("UN-Habitat implementation of United Nations reform", gap_before=6),
        Line("I. Background", kind="heading", gap_before=12),
        Line(
            "1. Since 2020, UN-Habitat has regularly updated the Executive Board on its",
            gap_before=8,
        ),
        Line("support to the repositioning of the development system.", sup="1"),
        Line(
            "9. In 2025, UN-Habitat contributed to at least 82 per cent of the outcomes",
            gap_before=8,
        ),
        Line("of Cooperation Frameworks, through activities in more than"),
        Line("100 countries, promoting sustainable urbanization as a driver of"),
        Line("(a) climate and environmental sustainability; (b) resilience.", sup="2"),
        Line(
            "10. In addition, all common country analyses conducted in countries where",
            gap_before=8,
        ),
        Line("UN-Habitat is active included substantive urban analysis and the"),
        Line("1 See General Assembly resolution 72/279.", kind="footnote", gap_before=200),
        Line("2 Including at least 65 of the 79 frameworks reviewed by OIOS in", kind="footnote"),
        Line("2024 (IED-24-009).", kind="footnote"),
    ]
    page2 = [
        Line("data and policy inputs that UN-Habitat provided on informal settlements."),
        Line("II. Funding compact", kind="heading", gap_before=12),
        Line(
            "100. The Board may wish to reaffirm its support for the funding compact.", gap_before=8
        ),
    ]
    return make_pdf(path, [page1, page2], symbol="HSP/EB.2026/12", encrypt=encrypt)


def blank_pdf(path: Path) -> Path:
    """A PDF with pages but no text layer, like a scan."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(100, 100, 300, 500, fill=1)
    pdf.showPage()
    pdf.save()
    return path


def checklist_docx(path: Path) -> Path:
    """A DOCX with a header, automatic paragraph numbering, a checklist table and footnotes
    as Word writes them (numbering through the List Number style)."""
    import docx

    document = docx.Document()
    for line in (
        "A/80/123",
        "Distr.: General",
        "3 March 2026",
        "English",
        "Original: English",
        "Item 4 of the provisional agenda",
    ):
        document.add_paragraph(line)
    document.add_paragraph("Reform checklist of UN-Habitat")
    document.add_heading("I. Introduction", level=1)
    document.add_paragraph("The checklist follows resolution 76/4.", style="List Number")
    covered = document.add_paragraph(
        "It covers the management and accountability framework.", style="List Number"
    )
    _add_footnote(document, covered, 1, "See General Assembly resolution 76/4, para. 20.")
    document.add_paragraph("(a) dual reporting; (b) country presence.")
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate(
        (
            ("No.", "Requirement", "Status"),
            ("1", "Dual reporting in place", "Met"),
            ("", "Common premises in Bangkok", "Partly met"),
        )
    ):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_heading("II. Conclusion", level=1)
    funding = document.add_paragraph(
        "Progress depends on predictable funding.", style="List Number"
    )
    _add_footnote(document, funding, 2, "See HSP/EB.2024/9.")
    document.save(str(path))
    return path


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _add_footnote(document: object, paragraph: object, note_id: int, text: str) -> None:
    """Add a real Word footnote (python-docx has no API for it): a footnotes part holding the
    note, and a footnoteReference run at the end of the paragraph."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    part = document.part
    notes = getattr(document, "_test_footnotes", None)
    if notes is None:
        notes = {}
        document._test_footnotes = notes
    notes[note_id] = text
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
        "</w:footnote>"
        for i, t in notes.items()
    )
    blob = (
        f'<w:footnotes xmlns:w="{_W}"><w:footnote w:type="separator" w:id="-1"><w:p>'
        f"<w:r><w:separator/></w:r></w:p></w:footnote>{body}</w:footnotes>"
    ).encode()
    existing = [r for r in part.rels.values() if r.reltype == _FOOTNOTES_RT]
    if existing:
        existing[0].target_part._blob = blob
    else:
        footnotes = Part(PackURI("/word/footnotes.xml"), _FOOTNOTES_CT, blob, part.package)
        part.relate_to(footnotes, _FOOTNOTES_RT)
    run = OxmlElement("w:r")
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), str(note_id))
    run.append(reference)
    paragraph._p.append(run)
    assert parse_xml(blob) is not None

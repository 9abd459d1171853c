import io

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ingest.readers.docx import parse_docx
from ingest.segmenter import segment

_LEVEL = (
    '<w:lvl w:ilvl="{}"><w:start w:val="{}"/><w:numFmt w:val="{}"/><w:lvlText w:val="{}"/></w:lvl>'
)
_NUMBERING = f"""<w:numbering {nsdecls("w")}>
  <w:abstractNum w:abstractNumId="7">
    {_LEVEL.format(0, 29, "decimal", "%1.")}
    {_LEVEL.format(1, 1, "decimal", "%1.%2")}
    {_LEVEL.format(2, 1, "lowerLetter", "(%3)")}
  </w:abstractNum>
  <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""


def _numbered_docx() -> bytes:
    document = docx.Document()
    numbering = document.part.numbering_part
    numbering._element = parse_xml(_NUMBERING)
    for level, text in [
        (1, "The Department leads the reform."),
        (1, "It reports to the Board:"),
        (2, "every year;"),
        (2, "on request."),
        (1, "It publishes the checklist."),
    ]:
        paragraph = document.add_paragraph(text)
        properties = paragraph._p.get_or_add_pPr()
        properties.append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr>'
            )
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_section_numbering_is_rendered_as_word_shows_it():
    reading = parse_docx(_numbered_docx())
    texts = [block.text for block in reading.blocks]
    assert texts[:5] == [
        "29.1 The Department leads the reform.",
        "29.2 It reports to the Board:",
        "(a) every year;",
        "(b) on request.",
        "29.3 It publishes the checklist.",
    ]
    units = segment(reading.blocks, header_read=True).units
    assert [u.label for u in units] == ["29.1", "29.2", "29.3"]
    assert units[1].text.endswith("(b) on request.")

"""DOCX to blocks with python-docx: headings, paragraphs, automatic numbering, tables, footnotes.

UN DOCX files number paragraphs with Word's automatic numbering, so the number is not in the
text: level-0 list items are numbered here as Word would ("9."), deeper levels as "(a)".
python-docx has no footnote API; the footnotes part is read directly and numbered in order of
first reference, as Word displays them.
"""

from __future__ import annotations

import io
import re
import string
import zipfile
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from ingest.blocks import Block, BlockKind, row_block
from ingest.patterns import PARA_START, looks_like_heading

_FOOTNOTES_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


class DocxProblem(ValueError):
    """A file that python-docx cannot open as a Word document."""


def parse_docx(data: bytes) -> list[Block]:
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocxProblem(f"not a readable DOCX file ({exc})") from exc
    footnote_texts = _footnote_texts(document)
    footnote_numbers: dict[str, str] = {}
    counters: dict[tuple[str, int], int] = {}
    blocks: list[Block] = []
    table_no = 0
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            block = _paragraph_block(Paragraph(child, document), counters, footnote_numbers)
            if block is not None:
                blocks.append(block)
        elif child.tag == qn("w:tbl"):
            table_no += 1
            blocks.extend(_table_blocks(Table(child, document), table_no))
    if footnote_numbers:
        blocks.append(Block(BlockKind.BREAK))
        for note_id, number in footnote_numbers.items():
            text = footnote_texts.get(note_id, "").strip()
            if text:
                blocks.append(Block(BlockKind.FOOTNOTE, text, label=number))
    return blocks


def _paragraph_block(
    paragraph: Paragraph, counters: dict[tuple[str, int], int], notes: dict[str, str]
) -> Block | None:
    refs = []
    for ref in paragraph._p.iter(qn("w:footnoteReference")):
        note_id = ref.get(qn("w:id"))
        notes.setdefault(note_id, str(len(notes) + 1))
        refs.append(notes[note_id])
    text = re.sub(r"\s+", " ", paragraph.text).strip()
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower().startswith(("heading", "title")) or (
        looks_like_heading(text) and not PARA_START.match(text)
    ):
        return Block(BlockKind.HEADING, text)
    numbering = _numbering(paragraph)
    if numbering is not None and not PARA_START.match(text) and "bullet" not in style.lower():
        num_id_el = numbering.find(qn("w:numId"))
        level_el = numbering.find(qn("w:ilvl"))
        num_id = num_id_el.get(qn("w:val")) if num_id_el is not None else "0"
        level = int(level_el.get(qn("w:val"))) if level_el is not None else 0
        count = counters.get((num_id, level), 0) + 1
        counters[(num_id, level)] = count
        for deeper in [key for key in counters if key[0] == num_id and key[1] > level]:
            del counters[deeper]
        if level == 0:
            text = f"{count}. {text}"
        else:
            text = f"({string.ascii_lowercase[(count - 1) % 26]}) {text}"
    return Block(BlockKind.TEXT, text, refs=refs)


def _numbering(paragraph: Paragraph) -> Any:
    """The paragraph's numPr, set directly or through its style (as UN templates do)."""
    found = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    style = paragraph.style
    while found is None and style is not None:
        found = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        style = style.base_style
    return found


def _table_blocks(table: Table, table_no: int) -> list[Block]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell repeats across the columns it spans
            seen.add(id(cell._tc))
            cells.append(re.sub(r"\s+", " ", cell.text).strip())
        if any(cells):
            rows.append(cells)
    if not rows:
        return []
    first = table.rows[0]._tr
    header_flag = first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    has_header = header_flag or (len(rows) > 1 and not any(re.search(r"\d", c) for c in rows[0]))
    header = rows[0] if has_header else None
    body = rows[1:] if has_header else rows
    return [
        row_block(cells, header, table_no, number, None)
        for number, cells in enumerate(body, start=1)
    ]


def _footnote_texts(document: object) -> dict[str, str]:
    part = document.part  # type: ignore[attr-defined]
    for rel in part.rels.values():
        if rel.reltype == _FOOTNOTES_RELTYPE and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            texts = {}
            for note in root.iter(qn("w:footnote")):
                pieces = [t.text or "" for t in note.iter(qn("w:t"))]
                texts[note.get(qn("w:id"))] = re.sub(r"\s+", " ", "".join(pieces))
            return texts
    return {}

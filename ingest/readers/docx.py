"""DOCX to blocks with python-docx: headings, paragraphs, automatic numbering, tables, footnotes.

UN DOCX files number paragraphs with Word's automatic numbering, so the number is not in the
text: level-0 list items are numbered here as Word would ("9."), deeper levels as "(a)".
python-docx has no footnote API; the footnotes part is read directly and numbered in order of
first reference, as Word displays them.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from ingest.blocks import Block, BlockKind, Reading, row_block
from ingest.cover import CoverLine, read_cover
from ingest.limits import ReaderLimits
from ingest.patterns import PARA_START, looks_like_heading
from ingest.readers.docx_numbering import WordNumbering

_FOOTNOTES_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


_COVER_BLOCKS = 40  # the cover is read from the first paragraphs only


class DocxProblem(ValueError):
    """A file that python-docx cannot open as a Word document."""


def parse_docx(data: bytes, limits: ReaderLimits | None = None) -> Reading:
    """Blocks of a Word file, and its cover read from the header part and the first paragraphs.

    ODS Word files keep the symbol and the Distr. block in the first page's header part, not
    in the body; the title and session lines are body paragraphs in the UN styles.
    """
    _check_archive(data, limits or ReaderLimits())
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _body_blocks(document)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocxProblem(f"not a readable DOCX file ({exc})") from exc
    except etree.XMLSyntaxError as exc:
        raise DocxProblem(f"not a readable DOCX file (its XML is broken: {exc.msg})") from exc
    body_size = _default_size(document)
    header = _header_lines(document, body_size)
    leading: list[CoverLine] = []
    for block in blocks:
        if block.kind is BlockKind.ROW or len(leading) >= _COVER_BLOCKS:
            break
        section = block.style.lower().startswith("heading") or looks_like_heading(block.text)
        leading.append(
            CoverLine(
                block.text,
                size=block.size or body_size,
                bold=block.bold,
                section_heading=section,
            )
        )
    cover, used = read_cover(header + leading, body_size)
    if not cover.found:
        return Reading(blocks)
    consumed = max(0, used - len(header))
    return Reading(
        blocks[consumed:],
        cover=cover,
        header_lines=[line.text for line in (header + leading)[:used]],
    )


def _check_archive(data: bytes, limits: ReaderLimits) -> None:
    """Refuse a DOCX whose zip holds too many files or inflates too far, before unpacking it.

    The sizes checked are the ones the zip declares; Python's zipfile never inflates an entry
    past its declared size (it fails the CRC check instead), so they bound the real work.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise DocxProblem(f"not a readable DOCX file ({exc})") from exc
    if len(entries) > limits.max_zip_entries:
        raise DocxProblem(
            f"{len(entries):,} files inside, over the limit of {limits.max_zip_entries:,} "
            "(setting max_zip_entries)"
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.max_unpacked_bytes:
        raise DocxProblem(
            f"unpacks to {unpacked / 2**20:,.0f} MB, over the limit of "
            f"{limits.max_unpacked_bytes / 2**20:,.0f} MB (setting max_unpacked_mb)"
        )


def _body_blocks(document: Any) -> list[Block]:
    footnote_texts = _footnote_texts(document)
    footnote_numbers: dict[str, str] = {}
    numbering = WordNumbering(document)
    blocks: list[Block] = []
    table_no = 0
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            block = _paragraph_block(
                Paragraph(child, document), numbering, footnote_numbers, len(blocks) < _COVER_BLOCKS
            )
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
    paragraph: Paragraph, numbering: WordNumbering, notes: dict[str, str], typography: bool
) -> Block | None:
    refs = []
    for ref in paragraph._p.iter(qn("w:footnoteReference")):
        note_id = ref.get(qn("w:id"))
        if ref.get(qn("w:customMarkFollows")) in ("1", "true", "on"):
            notes.setdefault(note_id, "*")  # "*" notes carry their own mark, not a number
            continue
        notes.setdefault(note_id, str(sum(1 for n in notes.values() if n != "*") + 1))
        refs.append(notes[note_id])
    text = re.sub(r"\s+", " ", paragraph.text).strip()
    if not text:
        return None
    # type size and weight only matter on the cover; resolving styles costs a third of a parse
    size, bold = _typography(paragraph) if typography else (0.0, False)
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower().startswith(("heading", "title")) or (
        looks_like_heading(text) and not PARA_START.match(text)
    ):
        return Block(BlockKind.HEADING, text, size=size, bold=bold, style=style)
    properties = _numbering(paragraph)
    if properties is not None and not PARA_START.match(text) and "bullet" not in style.lower():
        num_id_el = properties.find(qn("w:numId"))
        level_el = properties.find(qn("w:ilvl"))
        num_id = num_id_el.get(qn("w:val")) if num_id_el is not None else "0"
        level = int(level_el.get(qn("w:val"))) if level_el is not None else 0
        if label := numbering.next_label(num_id, level):
            text = f"{label} {text}"
    return Block(BlockKind.TEXT, text, refs=refs, size=size, bold=bold, style=style)


def _typography(paragraph: Paragraph) -> tuple[float, bool]:
    """Type size and weight as Word resolves them: runs, then the style and its bases."""
    sizes = [run.font.size.pt for run in paragraph.runs if run.font.size and run.text.strip()]
    bolds = [run.bold for run in paragraph.runs if run.bold is not None and run.text.strip()]
    size = max(set(sizes), key=sizes.count) if sizes else 0.0
    bold = bool(bolds) and sum(bolds) > len(bolds) / 2
    style = paragraph.style
    while style is not None and (not size or not bolds):
        if not size and style.font.size is not None:
            size = style.font.size.pt
        if not bolds and style.font.bold is not None:
            bold, bolds = bool(style.font.bold), [bool(style.font.bold)]
        style = style.base_style
    return size, bold


def _default_size(document: Any) -> float:
    """The body's type size: the Normal style's, else Word's document default, else 10 pt."""
    try:
        normal = document.styles["Normal"]
    except KeyError:
        normal = None
    if normal is not None and normal.font.size is not None:
        return float(normal.font.size.pt)
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    size = defaults.find(f".//{qn('w:sz')}") if defaults is not None else None
    return int(size.get(qn("w:val"))) / 2 if size is not None else 10.0


def _header_lines(document: Any, body_size: float) -> list[CoverLine]:
    """The first page's header part as cover lines: where ODS files print symbol and Distr."""
    if not document.sections:
        return []
    section = document.sections[0]
    part = section.first_page_header if section.different_first_page_header_footer else None
    if part is None or part.is_linked_to_previous:
        part = section.header
    texts: list[str] = [p.text for p in part.paragraphs]
    for table in part.tables:
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    texts.extend(cell.text.split("\n"))
    lines = [re.sub(r"\s+", " ", text).strip() for text in texts]
    # header parts carry no usable type sizes; the organ's name is its large bold line
    return [
        CoverLine(text, size=body_size * 1.6, bold=True, top_zone=True)
        for text in dict.fromkeys(line for line in lines if line)
    ]


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

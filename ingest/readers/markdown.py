"""Markdown and plain text to blocks.

Blank lines separate blocks; a line that starts a numbered paragraph or a footnote starts a
new block even without one. Footnote references (<sup>6</sup>, [^6]) are lifted out of the
text into the block's refs, so they neither pollute embeddings nor look like numbers.
"""

from __future__ import annotations

import re

from ingest.blocks import Block, BlockKind, row_block
from ingest.patterns import PAGE_NUMBER, PARA_START, looks_like_heading

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
_FOOTNOTE = re.compile(r"^\s*(?:<sup>\s*(\d{1,3}|\\?\*)\s*</sup>|\[\^(\d{1,3})\]:|(\\\*))\s*(?=\S)")
_INLINE_REF = re.compile(r"<sup>\s*(\d{1,3}|\\?\*)\s*</sup>|\[\^(\d{1,3})\](?!:)")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def clean_inline(text: str) -> tuple[str, list[str]]:
    """Remove Markdown syntax and footnote references; return (text, referenced marks)."""
    refs: list[str] = []

    def lift(match: re.Match[str]) -> str:
        mark = (match.group(1) or match.group(2) or "").replace("\\", "")
        refs.append(mark)
        return ""

    text = _INLINE_REF.sub(lift, text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _TAG.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = re.sub(r"[ \t]+", " ", text)
    # a lifted reference leaves a space after CJK punctuation ("建议，<sup>2</sup> 即")
    text = re.sub(r"(?<=[\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f]) +", "", text)
    return text.strip(), refs


def parse_markdown(text: str, plain: bool = False) -> list[Block]:
    """Split Markdown (or plain text when `plain`) into blocks."""
    blocks: list[Block] = []
    open_block: Block | None = None
    table_no = 0
    row_no = 0
    header_cells: list[str] | None = None
    page = 1
    in_table = False

    def close() -> None:
        nonlocal open_block
        open_block = None

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\f" in raw:
            page += raw.count("\f")
            blocks.append(Block(BlockKind.BREAK, page=page))
            close()
            raw = raw.replace("\f", "")
        line = raw.rstrip()
        if not line.strip():
            close()
            in_table = False
            continue
        heading = None if plain else _HEADING.match(line)
        if heading:
            blocks.append(Block(BlockKind.HEADING, clean_inline(heading.group(2))[0], page=page))
            close()
            continue
        if _RULE.match(line):
            blocks.append(Block(BlockKind.BREAK, page=page))
            close()
            continue
        table_row = None if plain else _TABLE_ROW.match(line)
        if table_row:
            if _TABLE_RULE.match(line):
                continue
            cells = [clean_inline(c)[0] for c in table_row.group(1).split("|")]
            if not in_table:
                in_table = True
                table_no += 1
                row_no = 0
                header_cells = cells
                continue  # a Markdown table's first row is its header
            row_no += 1
            blocks.append(row_block(cells, header_cells, table_no, row_no, page))
            close()
            continue
        in_table = False
        footnote = _FOOTNOTE.match(line)
        if footnote:
            mark = footnote.group(1) or footnote.group(2) or footnote.group(3) or ""
            body, refs = clean_inline(line[footnote.end() :])
            open_block = Block(BlockKind.FOOTNOTE, body, page=page, label=mark.replace("\\", ""))
            blocks.append(open_block)
            continue
        body, refs = clean_inline(line)
        if not body or PAGE_NUMBER.match(body):
            continue
        starts_unit = bool(PARA_START.match(body))
        if open_block is not None and not starts_unit:
            open_block.extend(body, refs)
            continue
        kind = BlockKind.HEADING if plain and looks_like_heading(body) else BlockKind.TEXT
        open_block = Block(kind, body, page=page, refs=refs)
        blocks.append(open_block)
        if kind is BlockKind.HEADING:
            close()
    return blocks

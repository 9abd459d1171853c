"""The intermediate form every reader produces: a flat list of typed text blocks.

Readers know their format (Markdown, PDF, DOCX, HTML) but nothing about UN paragraph
numbering; the segmenter knows numbering but nothing about formats. Blocks are the seam.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from ingest.cover import Cover
from ingest.patterns import JoinedText


class BlockKind(StrEnum):
    HEADING = "heading"
    TEXT = "text"
    FOOTNOTE = "footnote"  # label holds the footnote mark ("6" or "*")
    ROW = "row"  # label holds the row's own number, if any
    BREAK = "break"  # page break or rule: ends a footnote block, not a paragraph


class Block:
    """One block of a document as a reader found it; its text grows line by line."""

    def __init__(
        self,
        kind: BlockKind,
        text: str = "",
        page: int | None = None,
        label: str = "",
        table: int = 0,
        row: int = 0,
        refs: list[str] | None = None,
        lines: list[str] | None = None,
        small: bool = False,
        size: float = 0.0,
        bold: bool = False,
        style: str = "",
    ) -> None:
        self.kind = kind
        self.joined = JoinedText(text)
        self.page = page
        self.label = label
        self.table = table  # 1-based table number, for rows
        self.row = row  # 1-based row number within its table
        self.refs = refs if refs is not None else []  # footnote marks referenced in the text
        self.lines = lines if lines is not None else []  # source lines, for the header parser
        self.small = small  # smaller type than the body (a figure's labels, a table note)
        self.size = size  # type size, where the reader knows it (DOCX), for the cover
        self.bold = bold
        self.style = style  # the Word paragraph style, where there is one
        if not self.lines and text:
            self.lines.append(text)

    @property
    def text(self) -> str:
        return str(self.joined)

    @text.setter
    def text(self, value: str) -> None:
        self.joined = JoinedText(value)

    def extend(self, line: str, refs: list[str] | None = None) -> None:
        """Continue this block with the next source line of the same paragraph."""
        self.joined.add(line)
        self.lines.append(line)
        self.refs.extend(refs or [])

    def __repr__(self) -> str:
        return f"Block({self.kind.value}, {self.label!r}, {self.text[:40]!r})"


def row_block(
    cells: list[str], header: list[str] | None, table: int, row: int, page: int | None
) -> Block:
    """A table row as one unit: "Header: value" pairs keep a checklist row self-explaining."""
    first = cells[0].strip() if cells else ""
    if re.fullmatch(r"[A-Za-z]?\d{1,4}(?:\.\d{1,3})*\.?", first):
        label = first.rstrip(".")
    elif number := re.match(r"(\d{1,3})[.)]?\s+(?=[^\W\d])", first):
        label = number.group(1)  # "1 Require entities to ...": the row's number, set in its text
    else:
        label = ""
    if header and len(header) == len(cells) and any(header):
        parts = [f"{h}: {c}" if h else c for h, c in zip(header, cells, strict=True) if c]
    else:
        parts = [c for c in cells if c]
    return Block(BlockKind.ROW, " | ".join(parts), page=page, label=label, table=table, row=row)


@dataclass
class Reading:
    """What a reader got from one file: blocks, and the cover when typography showed it."""

    blocks: list[Block]
    cover: Cover | None = None
    header_lines: list[str] = field(default_factory=list)  # the cover's lines, as printed
    front: dict[str, str] = field(default_factory=dict)  # YAML front matter (Markdown)
    warnings: list[str] = field(default_factory=list)

"""Tables in PDF pages: columns from where cells start, rows from where the first column starts.

A PDF has no table structure, only text placed in columns. Cells that wrap put their second
line on a baseline of its own, so a printed row of an OIOS "status of recommendations" table
spans several lines. Here the columns are the x positions where cells begin, clustered over
the whole table; a logical row starts where something is printed in the first column, and the
lines below it that leave the first column empty continue its cells. Header lines are those
above the first numbered row (or the first row, when it holds no figures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.readers.pdf_lines import PdfLine
from ingest.text_repair import Vocabulary, join_line

_COLUMN_GAP = 8.0  # points between cell starts that still count as one column
_ROW_NUMBER = re.compile(r"^\d{1,3}[.)]?(?:\s|$)")


@dataclass
class Table:
    header: list[str] | None
    rows: list[list[str]]


def columns_of(physical: list[list[PdfLine]]) -> list[float]:
    starts = sorted(cell.x0 for row in physical for cell in row)
    columns: list[float] = []
    for x in starts:
        if not columns or x - columns[-1] > _COLUMN_GAP:
            columns.append(x)
    return columns


def build_table(physical: list[list[PdfLine]], vocabulary: Vocabulary) -> Table:
    """Logical rows and a header from the table's printed lines (cells grouped by baseline)."""
    columns = columns_of(physical)

    def column(cell: PdfLine) -> int:
        return max(i for i, x in enumerate(columns) if x <= cell.x0 + _COLUMN_GAP / 2)

    logical: list[dict[int, str]] = []
    for row in physical:
        placed = {column(cell): cell.text for cell in row}
        if 0 in placed or not logical:
            logical.append(placed)
            continue
        current = logical[-1]
        for index, text in placed.items():
            current[index] = (
                join_line(current[index], text, vocabulary) if index in current else text
            )
    width = len(columns)
    rows = [[cells.get(i, "") for i in range(width)] for cells in logical]
    numbered = [i for i, cells in enumerate(rows) if _ROW_NUMBER.match(cells[0])]
    header_count = 0
    if numbered and 0 < numbered[0] <= 3:
        header_count = numbered[0]
    elif len(rows) > 1 and not any(re.search(r"\d", cell) for cell in rows[0]):
        header_count = 1
    if not header_count:
        return Table(None, rows)
    header = [
        " ".join(filter(None, (rows[r][i] for r in range(header_count)))) for i in range(width)
    ]
    return Table(header, rows[header_count:])

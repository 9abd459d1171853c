"""PDF to blocks: the UN cover, body paragraphs, footnotes from the page foot, tables.

pdf_lines gives typed lines (size, weight, position). Here they become blocks the way a reader
sees a UN page: page furniture (running heads with the symbol, "2/16", the job number and its
barcode) is dropped; the foot of the page in small type holds footnotes, numbered through the
document, a note without its number continuing the previous page's; page 1 starts with the
cover, read by ingest.cover; headings are larger or bold short lines; a table is a run of lines
whose cells share a baseline.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.blocks import Block, BlockKind, Reading, row_block
from ingest.cover import CoverLine, read_cover
from ingest.header import DISTR
from ingest.patterns import PAGE_NUMBER, PARA_START, SECTION_PARA_START, looks_like_heading
from ingest.readers.pdf_lines import PdfLine, PdfPage, PdfUnreadable, open_pdf, read_pages
from ingest.readers.pdf_tables import build_table
from ingest.text_repair import Vocabulary, continue_text
from reformqa.symbols import symbols_of_line

_JOB_NUMBER = re.compile(
    r"^(?:\d{1,4}\s+)?(?:GE\.)?\d{2}-\d{5}[A-Z]?(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}(?:\s+\d{1,4})?$"
)
_BARCODE = re.compile(r"^\*\d{7,8}[A-Z]?\*$")
_BARCODE_PIECE = re.compile(r"^\*?(?:\d{7,8}[A-Z]?)?\*?$")
_RECYCLE = re.compile(
    r"^\W*(?:Please recycle|Prière de recycler|Sírvase reciclar|"
    r"Просьба отправить на вторичную переработку|الرجاء إعادة الاستعمال|请回收)\W*$",
    re.I,
)
_FOOTNOTE_START = re.compile(r"^(\d{1,3}|\*{1,3})(?:\s+|(?=\S)|$)")
# Running heads sit in the top 11% of a page, page and job numbers in the bottom 7.5%
# (footnotes can come down to 8%).
_TOP_BAND = 0.11
_BOTTOM_BAND = 0.075
_CONTENTS_LEADER = re.compile(r"(?:\.\s?){5,}\s*\d*$|…{2,}\s*\d*$")


class PdfProblem(ValueError):
    """A PDF that cannot give text: corrupt, encrypted, or scanned without a text layer."""


def parse_pdf(data: bytes, max_pages: int = 2000) -> Reading:
    """The blocks of a PDF and its cover; raises PdfProblem."""
    try:
        document = open_pdf(data)
    except PdfUnreadable as exc:
        raise PdfProblem(str(exc)) from exc
    try:
        if len(document) > max_pages:
            raise PdfProblem(
                f"{len(document)} pages, over the limit of {max_pages} (setting max_pdf_pages)"
            )
        pages = read_pages(document)
    finally:
        document.close()
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    if not sizes:
        raise PdfProblem(
            "no text layer: this looks like a scan without OCR text; run OCR first "
            "(for example with ocrmypdf) and ingest the result"
        )
    return _PageReader(pages, sizes.most_common(1)[0][0]).read()


@dataclass
class _PageReader:
    pages: list[PdfPage]
    body_size: float
    blocks: list[Block] = field(default_factory=list)
    vocabulary: Vocabulary = field(init=False)
    footnote: Block | None = None  # the last footnote, which a page's first foot line may continue
    next_footnote: int = 1
    table_count: int = 0
    table_rows: int = 0  # rows of the current table, which may run over pages
    last_header: list[str] | None = None

    def __post_init__(self) -> None:
        self.vocabulary = Vocabulary(line.text for page in self.pages for line in page.lines)

    def read(self) -> Reading:
        repeated = _repeated_margin_lines(self.pages)
        reading = Reading(self.blocks)
        for page in self.pages:
            lines = [line for line in page.lines if not _is_furniture(line, page, repeated)]
            body, foot = self._split_foot(lines)
            if page.number == 1:
                distr = next((line for line in body[:30] if DISTR.match(line.text)), None)
                cover_lines = [_cover_line(line, page, distr) for line in body]
                cover, used = read_cover(cover_lines, self.body_size)
                if cover.found:
                    reading.cover = cover
                    reading.header_lines = [line.text for line in body[:used]]
                    body = body[used:]
            else:
                self.blocks.append(Block(BlockKind.BREAK, page=page.number))
            body, side = _side_column(body, page)
            self._body_blocks(body, page)
            if side:
                text = " ".join(line.text for line in side)
                self.blocks.append(Block(BlockKind.TEXT, text, page=page.number, small=True))
            self._footnotes(foot, page.number)
        for block in self.blocks:
            if block.kind in (BlockKind.TEXT, BlockKind.FOOTNOTE, BlockKind.HEADING):
                block.text = self.vocabulary.mend_spacing(block.text)  # "Secr etary-General"
        return reading

    def _split_foot(self, lines: list[PdfLine]) -> tuple[list[PdfLine], list[PdfLine]]:
        """The page's foot: small-type lines at its bottom, below the last wide gap.

        A table in small type can stand right above the footnotes; its cells share baselines
        and the footnote rule leaves a gap, so the foot stops at either.
        """
        shared = Counter(round(line.bottom) for line in lines)
        start = len(lines)
        while (
            start > 0
            and lines[start - 1].size < 0.92 * self.body_size
            and shared[round(lines[start - 1].bottom)] == 1
        ):
            start -= 1
        for index in range(len(lines) - 1, start, -1):
            if lines[index - 1].bottom - lines[index].bottom > 2.2 * self.body_size:
                start = index
                break
        foot = lines[start:]
        opens = any(self._starts_footnote(line) for line in foot)
        if foot and not opens and (self.footnote is None or len(foot) > 12):
            return lines, []  # small print under a table or figure, not footnotes
        return lines[:start], foot

    def _starts_footnote(self, line: PdfLine) -> bool:
        if line.lead_mark:
            return True
        match = _FOOTNOTE_START.match(line.text)
        return bool(match) and (
            match.group(1).startswith("*") or int(match.group(1)) == self.next_footnote
        )

    def _footnotes(self, foot: list[PdfLine], page: int) -> None:
        for line in foot:
            mark, text = "", line.text
            if line.lead_mark:
                mark = line.lead_mark
            elif self._starts_footnote(line) and (match := _FOOTNOTE_START.match(text)):
                mark, text = match.group(1), text[match.end() :]
            if mark:
                self.footnote = Block(
                    BlockKind.FOOTNOTE, text.strip(), page=page, label=mark, refs=list(line.refs)
                )
                self.blocks.append(self.footnote)
                if mark.isdigit():
                    self.next_footnote = int(mark) + 1
            elif self.footnote is not None:
                self._append(self.footnote, line)

    def _body_blocks(self, lines: list[PdfLine], page: PdfPage) -> None:
        current: Block | None = None
        previous: PdfLine | None = None
        right_margin = max((line.x1 for line in lines), default=page.width)
        index = 0
        while index < len(lines):
            line = lines[index]
            row = _row_at(lines, index)
            if any(_CONTENTS_LEADER.search(cell.text) for cell in row):
                index += len(row)
                previous = row[-1]
                continue  # a table of contents line: navigation, not content
            if len(row) > 1 and not _is_cover_like(row):
                index = self._table(lines, index, page.number)
                current, previous = None, lines[index - 1]
                continue
            index += 1
            if not re.search(r"[^\W\d_]", line.text):
                if (
                    current is not None
                    and current.kind is BlockKind.TEXT
                    and not _gap(previous, line)
                ):
                    self._append(current, line)  # a line of figures inside a paragraph
                previous = line
                continue  # chart labels and axis ticks carry no letters
            gap = _gap(previous, line)
            previous = line
            bold_run_on = (
                current is not None and current.kind is BlockKind.TEXT and current.bold and not gap
            )
            if self._is_heading(line, right_margin) and not bold_run_on:
                if current is not None and current.kind is BlockKind.HEADING and not gap:
                    self._append(current, line)
                else:
                    current = Block(BlockKind.HEADING, line.text, page=page.number)
                    self.blocks.append(current)
                continue
            small = line.size < 0.92 * self.body_size
            starts = bool(PARA_START.match(line.text) or SECTION_PARA_START.match(line.text))
            if (
                current is None
                or current.kind is not BlockKind.TEXT
                or gap
                or starts
                or small != current.small
            ):
                current = Block(
                    BlockKind.TEXT,
                    line.text,
                    page=page.number,
                    refs=list(line.refs),
                    small=small,
                    bold=line.bold,
                )
                self.blocks.append(current)
            else:
                self._append(current, line)

    def _is_heading(self, line: PdfLine, right_margin: float) -> bool:
        text = line.text
        if line.size > 1.1 * self.body_size and len(text) < 200:
            return True
        if not line.bold or text.endswith((".", ";", ":", ",")):
            return looks_like_heading(text) and line.bold
        short = line.x1 < right_margin - 4 * line.size
        return short and len(text) < 160

    def _table(self, lines: list[PdfLine], start: int, page: int) -> int:
        """Row blocks from the table starting at lines[start]; the index after it.

        The table runs on while lines share baselines (cells) or, one to a baseline, continue
        a wrapped cell right of the first column without a gap.
        """
        physical: list[list[PdfLine]] = []
        first_column = lines[start].x0
        index = start
        last = lines[start]
        while index < len(lines):
            row = _row_at(lines, index)
            line = lines[index]
            if len(row) == 1 and (_gap(last, line) or line.x0 <= first_column + 2):
                break
            physical.append(row)
            first_column = min(first_column, row[0].x0)
            last = row[-1]
            index += len(row)
        table = build_table(physical, self.vocabulary)
        width = len(table.rows[0]) if table.rows else 0
        continued = self.last_header is not None and (
            table.header == self.last_header  # its header repeated on the next page
            or (table.header is None and start == 0 and len(self.last_header) == width)
        )
        if not continued:
            self.table_count += 1
            self.table_rows = 0
            self.last_header = table.header
        for cells in table.rows:
            self.table_rows += 1
            self.blocks.append(
                row_block(cells, self.last_header, self.table_count, self.table_rows, page)
            )
        return index

    def _append(self, block: Block, line: PdfLine) -> None:
        continue_text(block.joined, line.text, self.vocabulary)
        block.lines.append(line.text)
        block.refs.extend(line.refs)


def _side_column(lines: list[PdfLine], page: PdfPage) -> tuple[list[PdfLine], list[PdfLine]]:
    """Lines of a box set beside the paragraphs ("Spotlight", "Signature solutions").

    Such a box shares baselines with running text, which would read as table rows: two or
    more baselines whose left piece is running text (a paragraph start, or four words or more
    from the text's left edge) and whose right piece starts past the middle of the page mark
    a side column; every narrow line from there rightwards belongs to the box.
    """
    if not lines:
        return lines, []
    left_edge = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    starts: list[float] = []
    for index, line in enumerate(lines):
        row = _row_at(lines, index)
        if len(row) != 2 or row[0] is not line:
            continue
        text, aside = row
        running = PARA_START.match(text.text) or (
            abs(text.x0 - left_edge) <= 3 and len(text.text.split()) >= 4 and not text.bold
        )
        if running and aside.x0 > 0.5 * page.width and aside.x0 - text.x1 > 10:
            starts.append(aside.x0)
    if len(starts) < 2:
        return lines, []
    column = sorted(starts)[len(starts) // 2] - 3
    side = [
        line
        for line in lines
        if line.x0 >= column - 20
        and line.x1 - line.x0 < 0.45 * page.width
        and line.x0 > (0.5 * page.width)
    ]
    chosen = {id(line) for line in side}
    return [line for line in lines if id(line) not in chosen], side


def _row_at(lines: list[PdfLine], index: int) -> list[PdfLine]:
    """The cells on the baseline of lines[index]: more than one means a table row."""
    first = lines[index]
    row = [first]
    for line in lines[index + 1 :]:
        if abs(line.bottom - first.bottom) > 0.3 * first.size:
            break
        row.append(line)
    return row


def _is_cover_like(row: list[PdfLine]) -> bool:
    """Two columns of running text (a margin note beside a paragraph) are not a table."""
    return len(row) == 2 and all(len(cell.text) > 60 for cell in row)


def _gap(previous: PdfLine | None, line: PdfLine) -> bool:
    """A vertical gap wider than a line: paragraphs are set apart by space."""
    if previous is None:
        return False
    return previous.bottom - line.bottom > 1.6 * max(line.size, previous.size)


def _cover_line(line: PdfLine, page: PdfPage, distr: PdfLine | None) -> CoverLine:
    """A page-1 line for the cover reader. The Distr. block's column is on the right in five
    languages and on the left of a mirrored Arabic cover: it is where "Distr." is printed."""
    if distr is not None:
        overlap = min(line.x1, distr.x1) - max(line.x0, distr.x0)
        beside_distr = overlap > 0.5 * (line.x1 - line.x0)
    else:
        beside_distr = line.x0 > 0.55 * page.width
    return CoverLine(
        line.text,
        size=line.size,
        bold=line.bold,
        right_column=beside_distr,
        section_heading=looks_like_heading(line.text),
        baseline=round(line.bottom),
        top_zone=line.bottom > 0.78 * page.height,
    )


def _margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _in_margin(line: PdfLine, page: PdfPage) -> bool:
    return line.bottom > (1 - _TOP_BAND) * page.height or line.top < _BOTTOM_BAND * page.height


def _repeated_margin_lines(pages: list[PdfPage]) -> set[str]:
    """Margin texts printed on three pages or more: running heads and footers."""
    counts: Counter[str] = Counter()
    for page in pages[1:]:
        counts.update({_margin_key(line.text) for line in page.lines if _in_margin(line, page)})
    return {text for text, count in counts.items() if count >= 3}


def _is_furniture(line: PdfLine, page: PdfPage, repeated: set[str]) -> bool:
    text = line.text.strip()
    if _JOB_NUMBER.match(text) or _BARCODE.match(text) or _RECYCLE.match(text):
        return True
    if not _in_margin(line, page):
        return False
    if page.number == 1:  # the cover's symbol is no running head; its page number is
        foot = line.top < _BOTTOM_BAND * page.height
        # a barcode drawn as pieces: "*", "2603890", "*"
        return foot and bool(PAGE_NUMBER.match(text) or _BARCODE_PIECE.match(text))
    return bool(PAGE_NUMBER.match(text) or symbols_of_line(text) or _margin_key(text) in repeated)

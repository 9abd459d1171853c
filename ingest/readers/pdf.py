"""PDF to blocks with pypdf, keeping page numbers.

pypdf gives text pieces with their position and font size. From those we rebuild lines, tell
footnotes (smaller type at the foot of a page) from body text, lift superscript footnote
references out of the body, and drop running heads, page numbers and job numbers.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from ingest.blocks import Block, BlockKind
from ingest.patterns import PAGE_NUMBER, PARA_START, looks_like_heading
from reformqa.symbols import SYMBOL_LINE as SYMBOL

_JOB_NUMBER = re.compile(r"^(?:GE\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?\s*(?:\*\d+\*)?$")
_RULE = re.compile(r"^[_\-–—\s]{5,}$")
_FOOTNOTE_START = re.compile(r"^(\d{1,3}|\*)\s*(?=\S)")


class PdfProblem(ValueError):
    """A PDF that cannot give text: corrupt, encrypted, or scanned."""


@dataclass
class _Line:
    y: float
    size: float
    text: str = ""
    refs: list[str] = field(default_factory=list)


def _page_lines(page: object) -> list[_Line]:
    pieces: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]) or 1.0
        for part in text.split("\n"):
            if part.strip():
                pieces.append((y, x, size * scale, part))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    pieces.sort(key=lambda p: (-p[0], p[1]))
    lines: list[tuple[float, float, list[tuple[float, float, float, str]]]] = []
    for piece in pieces:
        y, _x, size, _text = piece
        if lines and abs(lines[-1][0] - y) < 0.45 * max(size, lines[-1][1]):
            lines[-1][2].append(piece)
            lines[-1] = (lines[-1][0], max(lines[-1][1], size), lines[-1][2])
        else:
            lines.append((y, size, [piece]))
    result: list[_Line] = []
    for _y, size, members in lines:
        members.sort(key=lambda p: p[1])
        line = _Line(y=min(p[0] for p in members), size=size)
        for index, (py, _px, psize, text) in enumerate(members):
            raised = psize < 0.8 * size and py > line.y + 0.15 * size
            if raised and text.strip().isdigit() and index > 0:
                line.refs.append(text.strip())
                continue
            line.text += text
        line.text = re.sub(r"\s+", " ", line.text).strip()
        if line.text:
            result.append(line)
    return result


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfProblem("encrypted PDF: a password is required to read it")
        _ = len(reader.pages)
    except (FileNotDecryptedError, NotImplementedError) as exc:
        raise PdfProblem(f"encrypted PDF: {exc}") from exc
    except PdfReadError as exc:
        raise PdfProblem(f"not a readable PDF ({exc})") from exc
    return reader


def parse_pdf(data: bytes) -> list[Block]:
    """Blocks of a PDF, each with its page number; raises PdfProblem."""
    reader = _open(data)
    try:
        pages = [(page, _page_lines(page), float(page.mediabox.height)) for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise PdfProblem(f"not a readable PDF ({exc})") from exc
    sizes: Counter[float] = Counter()
    for _page, lines, _height in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
    if not sizes:
        raise PdfProblem("no text layer (scanned PDF?); OCR is not supported")
    body_size = sizes.most_common(1)[0][0]
    blocks: list[Block] = []
    for number, (_page, lines, height) in enumerate(pages, start=1):
        if number > 1:
            blocks.append(Block(BlockKind.BREAK, page=number))
        _page_blocks(lines, number, height, body_size, blocks)
    return blocks


def _is_furniture(line: _Line, page: int, height: float) -> bool:
    text = line.text
    if PAGE_NUMBER.match(text) or _JOB_NUMBER.match(text):
        return True
    in_margin = line.y > 0.92 * height or line.y < 0.07 * height
    return page > 1 and in_margin and (bool(SYMBOL.match(text)) or len(text) < 40)


def _page_blocks(
    lines: list[_Line], page: int, height: float, body_size: float, blocks: list[Block]
) -> None:
    current: Block | None = None
    previous_y: float | None = None
    for line in lines:
        if _is_furniture(line, page, height):
            continue
        if _RULE.match(line.text):
            current = None
            continue
        small = line.size < 0.92 * body_size
        gap = (previous_y - line.y) if previous_y is not None else 0.0
        previous_y = line.y
        new_paragraph = gap > 1.7 * line.size
        if (
            small
            and (start := _FOOTNOTE_START.match(line.text))
            and (
                current is None
                or current.kind is not BlockKind.FOOTNOTE
                or new_paragraph
                or start.group(1) == "*"
                or line.text[start.end() - 1] == " "
            )
        ):
            current = Block(
                BlockKind.FOOTNOTE,
                line.text[start.end() :].strip(),
                page=page,
                label=start.group(1),
            )
            blocks.append(current)
            continue
        if small and current is not None and current.kind is BlockKind.FOOTNOTE:
            current.extend(line.text)
            continue
        if line.size > 1.08 * body_size or looks_like_heading(line.text):
            if current is not None and current.kind is BlockKind.HEADING and not new_paragraph:
                current.extend(line.text)
            else:
                current = Block(BlockKind.HEADING, line.text, page=page)
                blocks.append(current)
            continue
        if (
            current is None
            or current.kind is not BlockKind.TEXT
            or new_paragraph
            or PARA_START.match(line.text)
        ):
            current = Block(BlockKind.TEXT, line.text, page=page, refs=list(line.refs))
            blocks.append(current)
        else:
            current.extend(line.text, line.refs)

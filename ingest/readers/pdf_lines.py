"""PDF pages to typed text lines with pypdfium2: text, position, type size, weight, raised marks.

pdfium extracts about 100 pages a second here (pypdf six), and gives every character its box,
font size and weight. That is what the rest of the PDF reader needs to tell a footnote (smaller
type at the foot) from body text, a bold title from the masthead, and a superscript footnote
mark from a digit of the text. Lines come out top to bottom; pieces pdfium reports separately
on one baseline (a paragraph number and its tab-indented text) are joined into one line.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_BOLD_WEIGHT = 600
# Characters pdfium synthesises at line ends; they carry no font.
_LINE_END = frozenset("\r\n\x02")


class PdfUnreadable(ValueError):
    """A PDF pdfium cannot open: corrupt, or encrypted with a password."""


@dataclass
class PdfLine:
    """One printed line, in PDF points (origin bottom left)."""

    page: int
    top: float
    bottom: float  # the baseline, roughly: the lowest bottom of its full-size characters
    x0: float
    x1: float
    size: float  # type size of most of its characters
    bold: bool
    text: str
    refs: list[str] = field(default_factory=list)  # raised footnote marks lifted out of the text
    lead_mark: str = ""  # a raised number at the start of the line (a footnote's own number)

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class PdfPage:
    number: int
    width: float
    height: float
    lines: list[PdfLine]


@dataclass
class _Char:
    char: str
    size: float
    left: float
    right: float
    bottom: float
    top: float
    bold: bool


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise PdfUnreadable("encrypted PDF: a password is required to read it") from exc
        raise PdfUnreadable(f"not a readable PDF ({reason})") from exc


def read_pages(document: pdfium.PdfDocument, max_pages: int | None = None) -> list[PdfPage]:
    """Every page's lines; `max_pages` stops early (the caller reports the limit)."""
    pages = []
    for index in range(min(len(document), max_pages or len(document))):
        page = document[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            pages.append(PdfPage(index + 1, width, height, _lines(textpage, index + 1)))
        finally:
            textpage.close()
            page.close()
    return pages


def _chars(textpage: pdfium.PdfTextPage) -> list[list[_Char]]:
    """Characters grouped as pdfium runs them, split at its line ends."""
    handle = textpage.raw
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    runs: list[list[_Char]] = [[]]
    name = ctypes.create_string_buffer(96)
    flags = ctypes.c_int()
    bold_by_font: dict[bytes, bool] = {}
    for index in range(min(count, len(text))):
        char = text[index]
        if char in _LINE_END:
            if runs[-1]:
                runs.append([])
            continue
        pdfium_c.FPDFText_GetCharBox(handle, index, left, right, bottom, top)
        size = pdfium_c.FPDFText_GetFontSize(handle, index)
        pdfium_c.FPDFText_GetFontInfo(handle, index, name, 96, ctypes.byref(flags))
        font = name.value
        if font not in bold_by_font:
            weight = pdfium_c.FPDFText_GetFontWeight(handle, index)
            bold_by_font[font] = weight >= _BOLD_WEIGHT or b"bold" in font.lower()
        runs[-1].append(
            _Char(char, size, left.value, right.value, bottom.value, top.value, bold_by_font[font])
        )
    return [run for run in runs if any(not c.char.isspace() for c in run)]


def _lines(textpage: pdfium.PdfTextPage, page: int) -> list[PdfLine]:
    segments = [
        line
        for run in _chars(textpage)
        for piece in _split_columns(run)
        if (line := _run_line(piece, page)).text
    ]
    segments.sort(key=lambda line: (-line.bottom, line.x0))
    merged: list[PdfLine] = []
    for line in segments:
        previous = merged[-1] if merged else None
        if previous is not None and _continues_on_baseline(previous, line):
            merged[-1] = _join_same_baseline(previous, line)
        else:
            merged.append(line)
    return _join_justified(merged)


def _join_justified(lines: list[PdfLine]) -> list[PdfLine]:
    """A justified line with wide word gaps ("беспрепятственный   доступ   к") is one line.

    Its pieces run from the text block's left edge to its right edge, which the cells of a
    table row seldom do; the edges are the ones most lines of the page share.
    """
    lefts = Counter(round(line.x0) for line in lines if len(line.text) > 40)
    rights = Counter(round(line.x1) for line in lines if len(line.text) > 40)
    if not lefts or not rights:
        return lines
    left, right = lefts.most_common(1)[0][0], rights.most_common(1)[0][0]
    result: list[PdfLine] = []
    index = 0
    while index < len(lines):
        group = [lines[index]]
        while (
            index + len(group) < len(lines)
            and abs(lines[index + len(group)].bottom - group[0].bottom) < 0.3 * group[0].size
        ):
            group.append(lines[index + len(group)])
        flush = abs(group[0].x0 - left) <= 3 and abs(group[-1].x1 - right) <= 3
        same_type = len({(round(g.size), g.bold) for g in group}) == 1
        gaps_ok = all(b.x0 - a.x1 < 4 * a.size for a, b in zip(group, group[1:], strict=False))
        if len(group) > 1 and flush and same_type and gaps_ok:
            joined = group[0]
            for piece in group[1:]:
                joined = _join_same_baseline(joined, piece)
            result.append(joined)
        else:
            result.extend(group)
        index += len(group)
    return result


def _split_columns(run: list[_Char]) -> list[list[_Char]]:
    """Cut a run into printed lines and columns.

    pdfium runs the cover's two columns ("United Nations" ... "DP/2025/11") and table cells into
    one run, and joins a line ending in a hyphen to the next. Words never sit two ems apart,
    and type does not change size across a gap unless a new column starts.
    """
    pieces: list[list[_Char]] = [[]]
    last: _Char | None = None
    sizes = [c.size for c in run if not c.char.isspace()]
    one_line = max(c.bottom for c in run) - min(c.bottom for c in run) < 0.8 * max(sizes or [1])
    if one_line and _RTL.search("".join(c.char for c in run)):
        # pdfium gives an Arabic line in logical order, its embedded numbers and Latin words
        # at their logical place but drawn elsewhere: cut columns in drawing order instead
        run = sorted(run, key=lambda c: c.left)
    for char in run:
        if char.char.isspace():
            if pieces[-1]:
                pieces[-1].append(char)
            continue
        if last is not None and _starts_new_piece(last, char):
            pieces.append([])
        pieces[-1].append(char)
        last = char
    return [piece for piece in pieces if piece]


def _starts_new_piece(last: _Char, char: _Char) -> bool:
    # right-to-left runs (Arabic) step leftwards: the gap is the distance either way
    gap = max(char.left - last.right, last.left - char.right)
    small, large = sorted((max(char.size, 1.0), max(last.size, 1.0)))
    if abs(char.bottom - last.bottom) > 0.5 * small and (
        char.left < last.left - 1 or _is_rtl(char.char)
    ):
        return True  # back to the margin, one line down
    return gap > 2.0 * large or (large > 1.4 * small and gap > 0.8 * small)


_LABEL_SEGMENT = re.compile(
    r"^(?:\(?[0-9]{1,5}[A-Z]?(?:\.[0-9]{1,4})*[.)]?|\(?[a-z]{1,4}\)|[IVXLC]{1,6}\.|[A-Z]\.|[•·–-])$"
)


def _continues_on_baseline(left: PdfLine, right: PdfLine) -> bool:
    """Two segments on one baseline are one line when close, or when the left one is a label
    ("12." then a tab, "(a)" then a tab); otherwise they are columns or table cells."""
    if abs(left.bottom - right.bottom) >= 0.3 * max(left.size, right.size):
        return False
    if right.x0 < left.x1 - 1:
        return False
    gap = right.x0 - left.x1
    small, large = sorted((left.size, right.size))
    if _LABEL_SEGMENT.match(left.text):
        return gap < 8.0 * large
    return gap < 2.0 * small and large <= 1.4 * small


def _join_same_baseline(left: PdfLine, right: PdfLine) -> PdfLine:
    rtl = bool(_RTL.search(left.text + right.text))
    gap = right.x0 - left.x1
    separator = " " if gap > 0.15 * max(left.size, right.size) else ""
    main = left if len(left.text) >= len(right.text) else right
    return PdfLine(
        page=left.page,
        top=max(left.top, right.top),
        bottom=main.bottom,
        x0=left.x0,
        x1=right.x1,
        size=main.size,
        bold=main.bold,
        # pieces of a right-to-left line are read from the right
        text=f"{right.text}{separator}{left.text}"
        if rtl
        else f"{left.text}{separator}{right.text}",
        refs=left.refs + right.refs,
        lead_mark=right.lead_mark if rtl else left.lead_mark,
    )


def _run_line(chars: list[_Char], page: int) -> PdfLine:
    """One pdfium run as a line: the body size, and raised small digits lifted out as marks."""
    if _RTL.search("".join(c.char for c in chars)):
        chars = _logical_order(chars)
    elif _reversed(chars):
        # a left-to-right piece inside a right-to-left line ("UNW/2026/3" on an Arabic cover)
        # may come out of pdfium's bidi order reversed; its boxes give the printed order
        chars = sorted(chars, key=lambda c: c.left)
    visible = [c for c in chars if not c.char.isspace()]
    sizes: dict[float, int] = {}
    for c in visible:
        sizes[round(c.size, 1)] = sizes.get(round(c.size, 1), 0) + 1
    size = max(sizes, key=lambda s: (sizes[s], s))
    full = [c for c in visible if c.size >= 0.85 * size] or visible
    baseline = _baseline(full)
    refs: list[str] = []
    lead_mark = ""
    pieces: list[str] = []
    index = 0
    while index < len(chars):
        char = chars[index]
        if char.char.isdigit() and _raised(char, size, baseline):
            end = index
            while (
                end < len(chars)
                and chars[end].char.isdigit()
                and _raised(chars[end], size, baseline)
            ):
                end += 1
            mark = "".join(c.char for c in chars[index:end])
            if not "".join(pieces).strip():
                lead_mark = mark
            else:
                refs.append(mark)
            index = end
            continue
        pieces.append(char.char)
        index += 1
    text = "".join(pieces)
    if _COMPATIBILITY.search(text):
        text = "".join(_compatible(p) for p in text)
    text = " ".join(text.split())
    if text.endswith("\ufffe"):  # pdfium's mark for a hyphen that ends a line
        text = text[:-1] + "-"
    text = text.replace("\ufffe", "-")
    bold_count = sum(1 for c in visible if c.bold)
    return PdfLine(
        page=page,
        top=max(c.top for c in visible),
        bottom=baseline,
        x0=min(c.left for c in visible),
        x1=max(c.right for c in visible),
        size=size,
        bold=bold_count > 0.6 * len(visible),
        text=text,
        refs=refs,
        lead_mark=lead_mark,
    )


_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufeff]")
_COMPATIBILITY = re.compile("[\ufb00-\ufdff\ufe70-\ufeff\u00a0\u00ad\u2000-\u200b\u202f]")


def _is_rtl(char: str) -> bool:
    return bool(_RTL.match(char))


def _logical_order(chars: list[_Char]) -> list[_Char]:
    """A right-to-left line in reading order, from the character boxes.

    pdfium hands back Arabic lines partly in drawing order: numbers and Latin words embedded
    in them land at the wrong end ("2026 4 آذار/مارس"). Read right to left by position, then
    turn each embedded left-to-right run (digits, Latin letters, and the punctuation inside
    them) back to left to right.
    """
    ordered = sorted(chars, key=lambda c: -(c.left + c.right) / 2)
    result: list[_Char] = []
    run: list[_Char] = []
    for char in ordered:
        if _is_ltr(char.char) or (run and char.char in "/.,:-()%" and not _is_rtl(char.char)):
            run.append(char)
            continue
        if run:
            result.extend(_trim_run(run, result))
            run = []
        result.append(char)
    if run:
        result.extend(_trim_run(run, result))
    return result


def _trim_run(run: list[_Char], result: list[_Char]) -> list[_Char]:
    """An embedded left-to-right run, turned back; punctuation at its far end stays outside."""
    tail: list[_Char] = []
    while run and not _is_ltr(run[-1].char):
        tail.append(run.pop())
    return list(reversed(run)) + tail


def _is_ltr(char: str) -> bool:
    return char.isdigit() or ("a" <= char.lower() <= "z")


def _reversed(chars: list[_Char]) -> bool:
    """Characters whose boxes step leftwards more often than rightwards."""
    visible = [c for c in chars if not c.char.isspace()]
    back = sum(1 for a, b in zip(visible, visible[1:], strict=False) if b.left < a.left - 0.5)
    return back > len(visible) // 3


def _baseline(chars: list[_Char]) -> float:
    """The most common character bottom: descenders (g, p) and commas do not move it."""
    counts: dict[int, int] = {}
    for c in chars:
        counts[round(c.bottom)] = counts.get(round(c.bottom), 0) + 1
    return float(max(counts, key=lambda b: (counts[b], b)))


def _raised(char: _Char, size: float, baseline: float) -> bool:
    """A superscript: smaller type whose bottom sits well above the line's baseline."""
    return char.size < 0.8 * size and char.bottom > baseline + 0.08 * size


def _compatible(char: str) -> str:
    """NFKC where it is safe: ligatures ("ﬁ"), Arabic presentation forms, odd spaces.

    NFKC on everything would also rewrite "…", "½" or "²" in the text, which are the text.
    """
    if "\ufb00" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufeff":
        return unicodedata.normalize("NFKC", char)
    if char in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f":
        return " "
    return "" if char in "\u00ad\u200b\ufeff" else char

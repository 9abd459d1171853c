"""Blocks to citable units: numbered paragraphs, annex paragraphs, recommendations, footnotes,
table rows, or ordinals.

The rules follow how UN documents are typeset. A paragraph interrupted by a page break, a
footnote block or a figure continues in the next unnumbered text, which is joined back to it;
lettered sub-items stay inside their paragraph; the header above the first section is
metadata. A number at the start of a block opens a paragraph only when the sequence allows it
(the next number, a short gap, or 1 where an annex restarts the count): a line that wraps to
start with "2025." is text, and an OCR'd "1l." after paragraph 10 is paragraph 11.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.blocks import Block, BlockKind
from ingest.models import Unit, UnitKind, annex_label
from ingest.patterns import PARA_START, SECTION_PARA_START, JoinedText, ends_sentence
from reformqa.numerals import ARABIC_ORDINALS, CHINESE_NUMERAL, annex_numeral

_ANNEX = re.compile(
    r"^(?:Annex|Annexe|Anexo|Приложение|المرفق|附件)"
    rf"(?:\s+([IVXLC]{{1,6}}|\d{{1,2}}|[A-Z]|{'|'.join(ARABIC_ORDINALS)})(?!\w)"
    rf"|\s*({CHINESE_NUMERAL})|\s*(?=$|[.:–—-]))",
)
_RECOMMENDATION = re.compile(
    r"^(?:Recommendation|Recommandation|Recomendación|Рекомендация|التوصية|建议)\s*(\d{1,3})\b"
    r"[.:]?\s*"
)
_CONTENTS = re.compile(
    r"^(?:(?:Table of )?Contents|Sommaire|Table des matières|Índice|Содержание|المحتويات|目录)$",
    re.I,
)
# OCR reads "11." as "1l." or "I1.": digits and the letters that look like them.
_OCR_NUMBER = re.compile(r"^\s*((?=[lIO]*\d)[0-9lIO]{2,4})[.,](?!\d)\s*(?=\S)")
_OCR_DIGITS = str.maketrans("lIO", "110")
_MAX_GAP = 6  # a jump of a few numbers may even be a year: "in\n2025. The ..." is text


@dataclass
class Segmentation:
    header_lines: list[str]
    units: list[Unit]
    headings: list[str]
    notes: dict[str, str] = field(default_factory=dict)  # non-numeric footnotes, e.g. "*"
    warnings: list[str] = field(default_factory=list)  # units cut for being too long


@dataclass
class _Draft:
    label: str
    kind: UnitKind
    text: JoinedText
    section: str
    page: int | None
    refs: list[str]
    fallback: str = ""  # label to use if the first choice is taken (a row's own number)


@dataclass
class _Numbering:
    """Where the paragraph count stands: plain ("12") or by section ("29A.12")."""

    last: int = 0
    section: str = ""
    section_last: int = 0

    def accept(self, text: str) -> tuple[str, int] | None:
        """(label, length of the number) if `text` opens the next paragraph, else None."""
        if match := SECTION_PARA_START.match(text):
            prefix, number = match.group(1), int(match.group(2))
            if (prefix == self.section and 0 < number - self.section_last <= _MAX_GAP) or (
                number == 1 and prefix != self.section
            ):
                self.section, self.section_last = prefix, number
                return f"{prefix}.{number}", match.end()
        match = PARA_START.match(text)
        ocr = None if match else _OCR_NUMBER.match(text)
        if match is None and ocr is not None:
            digits = ocr.group(1).translate(_OCR_DIGITS)
            if int(digits) == self.last + 1 and ocr.group(1) != digits:
                self.last += 1
                return str(self.last), ocr.end()
            return None
        if match is None:
            return None
        number = int(match.group(1))
        forward = number > self.last and (
            number - self.last <= _MAX_GAP or not 1900 <= number <= 2100  # "2025." wraps
        )
        if forward:  # an annex starts a new count: its heading resets the numbering
            self.last = number
            return str(number), match.end()
        return None


def _header_end(blocks: list[Block], numbered: bool) -> int:
    """Index of the first body block: the first heading or numbered paragraph."""
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING:
            return index
        if block.kind is BlockKind.TEXT and numbered and _opens_paragraph(block.text):
            return index
        if block.kind is BlockKind.ROW:
            return index
    return len(blocks) if numbered else 0


def _opens_paragraph(text: str) -> bool:
    return bool(PARA_START.match(text) or SECTION_PARA_START.match(text))


def segment(
    blocks: list[Block],
    has_un_header: bool | None = None,
    header_read: bool = False,
    max_unit_chars: int = 0,
) -> Segmentation:
    """Turn blocks into units.

    `has_un_header` decides if leading text is header or content; `header_read` says a reader
    already took the cover off (PDF, DOCX), so every block is body.
    """
    numbered = any(b.kind is BlockKind.TEXT and _opens_paragraph(b.text) for b in blocks)
    end = 0 if header_read else _header_end(blocks, numbered)
    header = [
        line
        for b in blocks[:end]
        if b.kind in (BlockKind.TEXT, BlockKind.HEADING)
        for line in b.lines
    ]
    if has_un_header is False and not numbered:
        end = 0
    notes = {
        b.label: b.text
        for b in blocks[:end]
        if b.kind is BlockKind.FOOTNOTE and not b.label.isdigit()
    }
    builder = _Builder(numbered)
    for block in blocks[end:]:
        builder.add(block)
    notes.update(builder.notes)
    warnings: list[str] = []
    units = _finish(builder.drafts, max_unit_chars, warnings)
    return Segmentation(header, units, builder.headings, notes, warnings)


@dataclass
class _Builder:
    numbered: bool
    drafts: list[_Draft] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    section: str = ""
    annex: str | None = None  # the annex being read, "" for a single unnamed annex
    paragraph: _Draft | None = None  # the unit unnumbered text continues
    footnote: _Draft | None = None  # the footnote a wrapped line continues
    numbering: _Numbering = field(default_factory=_Numbering)
    intro_count: int = 0
    contents_pages: int | None = None  # pages read since a "Contents" heading, while in it
    heading_paragraph: bool = False  # the open paragraph is a numbered heading (agenda item)

    def add(self, block: Block) -> None:
        kind = block.kind
        if self.contents_pages is not None and self._in_contents(block):
            return
        if kind is BlockKind.HEADING:
            self._heading(block)
        elif kind is BlockKind.BREAK:
            self.footnote = None
        elif kind is BlockKind.FOOTNOTE:
            self._footnote(block)
        elif kind is BlockKind.ROW:
            position = f"t{block.table}.r{block.row}"
            self._open(block.label or position, UnitKind.ROW, block, block.text, fallback=position)
            self.paragraph = self.footnote = None
        elif recommendation := _RECOMMENDATION.match(block.text):
            self._open(
                f"rec{int(recommendation.group(1))}", UnitKind.RECOMMENDATION, block, block.text
            )
        elif self.numbered and not block.small and (opened := self.numbering.accept(block.text)):
            label, length = opened
            if self.annex is not None:
                label = annex_label(self.annex, label)
            self._open(label, UnitKind.PARAGRAPH, block, block.text[length:])
        elif self.footnote is not None and not ends_sentence(self.footnote.text.last):
            self.footnote.text.add(block.text)
            self.footnote.refs.extend(block.refs)
        elif (
            self.paragraph is not None
            and not block.small
            and (self.numbered or not ends_sentence(self.paragraph.text.last))
        ):
            self.paragraph.text.add(block.text)
            self.paragraph.refs.extend(block.refs)
            self.footnote = None
        elif self.numbered:
            self.intro_count += 1
            self._open(f"u{self.intro_count}", UnitKind.ORDINAL, block, block.text)
            if block.small:
                self.paragraph = None  # a figure's notes never swallow the next text
        else:
            self._open("", UnitKind.ORDINAL, block, block.text)

    def _in_contents(self, block: Block) -> bool:
        """A table of contents lists the paragraph numbers ahead of the body: skip it until the
        body starts over at paragraph 1 on a later page (or after three pages)."""
        if block.kind is BlockKind.BREAK:
            self.contents_pages = (self.contents_pages or 0) + 1
            if self.contents_pages < 3:
                return True
        elif (
            not (self.contents_pages and PARA_START.match(block.text))
            or int(
                PARA_START.match(block.text).group(1)  # type: ignore[union-attr]
            )
            != 1
        ):
            return True
        self.contents_pages = None
        self.numbering = _Numbering()
        return False

    def _heading(self, block: Block) -> None:
        if _CONTENTS.match(block.text.strip()):
            self.contents_pages = 0
            return
        if annex := _ANNEX.match(block.text):
            self.annex = annex_numeral(annex.group(1) or annex.group(2) or "")
            self.numbering = _Numbering()
        if recommendation := _RECOMMENDATION.match(block.text):
            rest = block.text[recommendation.end() :]
            self._open(f"rec{int(recommendation.group(1))}", UnitKind.RECOMMENDATION, block, rest)
            return
        if self.numbered and (opened := self.numbering.accept(block.text)):
            # a numbered heading in the paragraph sequence (an annotated agenda's items) is the
            # paragraph; "1. Key frameworks" inside paragraphs 6-9 is a heading
            label, length = opened
            if self.annex is not None:
                label = annex_label(self.annex, label)
            self._open(label, UnitKind.PARAGRAPH, block, block.text[length:])
            self.heading_paragraph = True
            return
        if self.heading_paragraph and self.paragraph is not None:
            self.paragraph.text.add(block.text)
            return  # the rest of a numbered heading, or the line under it
        self.section = block.text
        self.headings.append(block.text)
        self.paragraph = self.footnote = None

    def _footnote(self, block: Block) -> None:
        if not block.label.isdigit():
            self.notes[block.label] = block.text
            self.footnote = None
            return
        self.footnote = _Draft(
            f"fn{int(block.label)}",
            UnitKind.FOOTNOTE,
            JoinedText(block.text),
            self.section,
            block.page,
            list(block.refs),
        )
        self.drafts.append(self.footnote)

    def _open(
        self, label: str, kind: UnitKind, block: Block, text: str, fallback: str = ""
    ) -> None:
        draft = _Draft(
            label, kind, JoinedText(text), self.section, block.page, list(block.refs), fallback
        )
        self.drafts.append(draft)
        self.heading_paragraph = False
        self.paragraph = draft
        self.footnote = None


def _finish(drafts: list[_Draft], max_chars: int, warnings: list[str]) -> list[Unit]:
    """Number ordinal units, make labels unique (a repeated number gets a suffix), and cut a
    unit longer than `max_chars` into labelled parts ("12", "12 part 2"), with a warning."""
    units: list[Unit] = []
    seen: dict[str, int] = {}
    ordinal_count = 0
    # a paragraph's number is its citation; a table row numbered like it yields ("t1.r12")
    paragraphs = {d.label for d in drafts if d.kind is UnitKind.PARAGRAPH}
    for draft in drafts:
        text = str(draft.text).strip()
        if not text:
            continue
        label = draft.label
        if draft.kind is UnitKind.ORDINAL and not label:
            ordinal_count += 1
            label = str(ordinal_count)
        if draft.fallback and (label in seen or label in paragraphs):
            label = draft.fallback
        if label in seen:
            seen[label] += 1
            label = f"{label}-{seen[label]}"
        else:
            seen[label] = 1
        refs = tuple(dict.fromkeys(f"fn{int(r)}" for r in draft.refs if r.isdigit()))
        pieces = split_long(text, max_chars) if max_chars else [text]
        if len(pieces) > 1:
            warnings.append(
                f"unit {label} has {len(text):,} characters, cut into {len(pieces)} parts "
                f"of at most {max_chars:,} (setting max_unit_chars)"
            )
        for number, piece in enumerate(pieces, start=1):
            part = label if number == 1 else f"{label} part {number}"
            units.append(
                Unit(part, draft.kind, piece, draft.section, draft.page, len(units) + 1, refs)
            )
    return units


def split_long(text: str, max_chars: int) -> list[str]:
    """Pieces of at most `max_chars`, cut after a sentence where one ends late enough."""
    pieces: list[str] = []
    while len(text) > max_chars:
        window = text[:max_chars]
        cut = max(window.rfind(mark) for mark in (". ", "。", "; ", "؛ ", "\n"))
        if cut < max_chars // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut >= max_chars // 2 else max_chars
        pieces.append(text[:cut].strip())
        text = text[cut:].strip()
    pieces.append(text)
    return [piece for piece in pieces if piece]

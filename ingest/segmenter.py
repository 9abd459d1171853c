"""Blocks to citable units: numbered paragraphs, footnotes, table rows, or ordinals.

The rules follow how UN documents are typeset. A paragraph interrupted by a page break or a
footnote block continues in the next unnumbered text, which is joined back to it; lettered
sub-items stay inside their paragraph; the header above the first section is metadata.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.blocks import Block, BlockKind
from ingest.models import Unit, UnitKind
from ingest.patterns import PARA_START, ends_sentence, join_text


@dataclass
class Segmentation:
    header_lines: list[str]
    units: list[Unit]
    headings: list[str]
    notes: dict[str, str] = field(default_factory=dict)  # non-numeric footnotes, e.g. "*"


@dataclass
class _Draft:
    label: str
    kind: UnitKind
    text: str
    section: str
    page: int | None
    refs: list[str]
    fallback: str = ""  # label to use if the first choice is taken (a row's own number)


def _header_end(blocks: list[Block], numbered: bool) -> int:
    """Index of the first body block: the first heading or numbered paragraph."""
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING:
            return index
        if block.kind is BlockKind.TEXT and numbered and PARA_START.match(block.text):
            return index
        if block.kind is BlockKind.ROW:
            return index
    return len(blocks) if numbered else 0


def segment(blocks: list[Block], has_un_header: bool | None = None) -> Segmentation:
    """Turn blocks into units. `has_un_header` decides if leading text is header or content."""
    numbered = any(b.kind is BlockKind.TEXT and PARA_START.match(b.text) for b in blocks)
    end = _header_end(blocks, numbered)
    header = [
        line
        for b in blocks[:end]
        if b.kind in (BlockKind.TEXT, BlockKind.HEADING)
        for line in b.lines
    ]
    notes: dict[str, str] = {}
    if has_un_header is False and not numbered:
        end = 0
    drafts: list[_Draft] = []
    headings: list[str] = []
    section = ""
    paragraph: _Draft | None = None  # the paragraph unnumbered text continues
    footnote: _Draft | None = None  # the footnote a wrapped line continues
    intro_count = 0
    for block in blocks[:end]:
        if block.kind is BlockKind.FOOTNOTE and not block.label.isdigit():
            notes[block.label] = block.text
    for block in blocks[end:]:
        kind = block.kind
        if kind is BlockKind.HEADING:
            section = block.text
            headings.append(block.text)
            paragraph = footnote = None
        elif kind is BlockKind.BREAK:
            footnote = None
        elif kind is BlockKind.FOOTNOTE:
            if not block.label.isdigit():
                notes[block.label] = block.text
                footnote = None
                continue
            footnote = _Draft(
                f"fn{int(block.label)}",
                UnitKind.FOOTNOTE,
                block.text,
                section,
                block.page,
                list(block.refs),
            )
            drafts.append(footnote)
        elif kind is BlockKind.ROW:
            position = f"t{block.table}.r{block.row}"
            drafts.append(
                _Draft(
                    block.label or position,
                    UnitKind.ROW,
                    block.text,
                    section,
                    block.page,
                    [],
                    fallback=position,
                )
            )
            paragraph = footnote = None
        elif numbered and (match := PARA_START.match(block.text)):
            paragraph = _Draft(
                str(int(match.group(1))),
                UnitKind.PARAGRAPH,
                block.text[match.end() :],
                section,
                block.page,
                list(block.refs),
            )
            drafts.append(paragraph)
            footnote = None
        elif footnote is not None and not ends_sentence(footnote.text):
            footnote.text = join_text(footnote.text, block.text)
            footnote.refs.extend(block.refs)
        elif paragraph is not None and (numbered or not ends_sentence(paragraph.text)):
            paragraph.text = join_text(paragraph.text, block.text)
            paragraph.refs.extend(block.refs)
            footnote = None
        elif numbered:
            intro_count += 1
            paragraph = _Draft(
                f"u{intro_count}",
                UnitKind.ORDINAL,
                block.text,
                section,
                block.page,
                list(block.refs),
            )
            drafts.append(paragraph)
            footnote = None
        else:
            paragraph = _Draft(
                "", UnitKind.ORDINAL, block.text, section, block.page, list(block.refs)
            )
            drafts.append(paragraph)
            footnote = None
    return Segmentation(header, _finish(drafts), headings, notes)


def _finish(drafts: list[_Draft]) -> list[Unit]:
    """Number ordinal units, and make labels unique (a repeated number gets a suffix)."""
    units: list[Unit] = []
    seen: dict[str, int] = {}
    ordinal_count = 0
    for position, draft in enumerate(d for d in drafts if d.text.strip()):
        label = draft.label
        if draft.kind is UnitKind.ORDINAL and not label:
            ordinal_count += 1
            label = str(ordinal_count)
        if label in seen and draft.fallback:
            label = draft.fallback
        if label in seen:
            seen[label] += 1
            label = f"{label}-{seen[label]}"
        else:
            seen[label] = 1
        refs = tuple(dict.fromkeys(f"fn{int(r)}" for r in draft.refs if r.isdigit()))
        units.append(
            Unit(
                label, draft.kind, draft.text.strip(), draft.section, draft.page, position + 1, refs
            )
        )
    return units

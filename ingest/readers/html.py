"""HTML to blocks with BeautifulSoup: headings, paragraphs, list items, tables, footnotes.

Scripts, styles and navigation are dropped; the text is kept as text (the UI escapes it), so
markup inside a document can never run anywhere.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ingest.blocks import Block, BlockKind, row_block

_DROP = {"script", "style", "nav", "noscript", "template", "iframe", "svg", "button", "form"}
_TEXT_TAGS = {"p", "li", "blockquote", "dd", "dt", "pre", "address", "figcaption"}
_CONTAINERS = {
    "html",
    "body",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "ul",
    "ol",
    "dl",
    "figure",
    "span",
    "center",
    "font",
}
_FOOTNOTE_START = re.compile(r"^\s*\[?(\d{1,3}|\*)\]?[.)]?\s+(?=\S)")


def parse_html(text: str) -> list[Block]:
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    blocks: list[Block] = []
    root = soup.body or soup
    _walk(root, blocks, in_footnotes=False, table_count=[0])
    return blocks


def _is_footnote_area(tag: Tag) -> bool:
    marks = (
        " ".join(tag.get("class", [])) + " " + (tag.get("id") or "") + " " + (tag.get("role") or "")
    )
    return bool(re.search(r"foot-?notes?|endnotes?|doc-endnotes", marks, re.I))


def _inline_text(tag: Tag) -> tuple[str, list[str]]:
    refs: list[str] = []
    for sup in tag.find_all("sup"):
        mark = sup.get_text(strip=True).strip("[]")
        if re.fullmatch(r"\d{1,3}|\*", mark):
            refs.append(mark)
            sup.replace_with("")
    return re.sub(r"\s+", " ", tag.get_text(" ")).strip(), refs


def _walk(node: Tag, blocks: list[Block], in_footnotes: bool, table_count: list[int]) -> None:
    loose: list[str] = []

    def flush() -> None:
        text = re.sub(r"\s+", " ", " ".join(loose)).strip()
        loose.clear()
        if text:
            blocks.append(Block(BlockKind.TEXT, text))

    for child in node.children:
        if isinstance(child, NavigableString):
            if child.strip() and not isinstance(child, Comment):
                loose.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name in {"b", "i", "em", "strong", "a", "u", "small", "abbr", "sub", "sup", "code"}:
            loose.append(child.get_text(" "))
            continue
        flush()
        footnotes_here = in_footnotes or _is_footnote_area(child)
        if re.fullmatch(r"h[1-6]", name):
            blocks.append(Block(BlockKind.HEADING, _inline_text(child)[0]))
        elif name == "hr":
            blocks.append(Block(BlockKind.BREAK))
        elif name == "br":
            continue
        elif name == "table":
            table_count[0] += 1
            blocks.extend(_table(child, table_count[0]))
        elif name in _TEXT_TAGS and not child.find(["p", "div", "table", "ul", "ol"]):
            text, refs = _inline_text(child)
            start = _FOOTNOTE_START.match(text) if footnotes_here else None
            if start:
                blocks.append(Block(BlockKind.FOOTNOTE, text[start.end() :], label=start.group(1)))
            elif footnotes_here and name == "li" and text:
                number = sum(1 for b in blocks if b.kind is BlockKind.FOOTNOTE) + 1
                blocks.append(Block(BlockKind.FOOTNOTE, text, label=str(number)))
            elif text:
                blocks.append(Block(BlockKind.TEXT, text, refs=refs))
        else:
            if footnotes_here and not in_footnotes:
                blocks.append(Block(BlockKind.BREAK))
            _walk(child, blocks, footnotes_here, table_count)
    flush()


def _table(table: Tag, table_no: int) -> list[Block]:
    rows: list[list[str]] = []
    header: list[str] | None = None
    for tr in table.find_all("tr"):
        cells = [re.sub(r"\s+", " ", c.get_text(" ")).strip() for c in tr.find_all(["td", "th"])]
        if not any(cells):
            continue
        if header is None and not rows and tr.find("th") and not tr.find("td"):
            header = cells
            continue
        rows.append(cells)
    return [row_block(cells, header, table_no, n, None) for n, cells in enumerate(rows, 1)]

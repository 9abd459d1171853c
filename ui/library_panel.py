"""The library tab as HTML: the table of documents and the reader of one document.

Like the chat, every piece of text from a document is escaped here and the buttons carry only
data attributes, which the tab's click handler (ui.assets.LIBRARY_JS) sends back to the
server; the server checks the viewer's audiences and role again before opening or deleting
anything. Each unit of the reader has an id (`p-9`, `p-fn6`) and a link of its own
(`?doc=SYMBOL&lang=zh#p-9`), which opens the library at that paragraph after a reload or on
another device.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlencode

from assistant.citations import format_citation
from assistant.library import LibraryEntry
from store.queries import StoredUnit
from ui.i18n import NATIVE_NAMES, direction, label

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")


def anchor(unit_label: str) -> str:
    """The HTML id of a unit in the reader: `p-` and the label, safe in a URL fragment."""
    return "p-" + _UNSAFE_ID.sub("_", unit_label)


def deep_link(symbol: str, language: str, unit_label: str = "") -> str:
    """A link (relative to the page) that opens this document, at this unit if given."""
    query = urlencode({"doc": symbol, "lang": language})
    return f"?{query}#{anchor(unit_label)}" if unit_label else f"?{query}"


def _name(code: str) -> str:
    return NATIVE_NAMES.get(code, code)


def _open_label(symbol: str, code: str, ui_lang: str) -> str:
    return label("open_version", ui_lang, symbol=symbol, lang_name=_name(code))


def _row(entry: LibraryEntry, ui_lang: str, can_delete: bool) -> str:
    opens = " ".join(
        f'<button type="button" class="rq-lib-open" data-action="open" '
        f'data-symbol="{escape(entry.symbol)}" data-lang="{escape(code)}" '
        f'aria-label="{escape(_open_label(entry.symbol, code, ui_lang))}">'
        f"{escape(_name(code))}</button>"
        for code in entry.languages
    )
    delete = ""
    if can_delete:
        delete = (
            f'<button type="button" class="rq-lib-delete" data-action="delete" '
            f'data-symbol="{escape(entry.symbol)}" '
            f'data-confirm="{escape(label("delete_confirm", ui_lang, symbol=entry.symbol))}" '
            f'aria-label="{escape(label("delete_named", ui_lang, symbol=entry.symbol))}">'
            f"{escape(label('delete_document', ui_lang))}</button>"
        )
    audience = (
        label(f"audience_{entry.audience}", ui_lang)
        if entry.audience == "public"
        else (label("audience_staff", ui_lang))
    )
    cells = (
        f'<th scope="row">{escape(entry.symbol)}</th>'
        f'<td dir="auto">{escape(entry.title or "–")}</td><td>{escape(entry.date or "–")}</td>'
        f"<td>{opens}</td><td>{escape(entry.kind or '–')}</td><td>{escape(audience)}</td>"
        f'<td class="rq-num">{entry.units}</td><td>{delete}</td>'
    )
    return f'<tr data-symbol="{escape(entry.symbol)}">{cells}</tr>'


def library_table(entries: list[LibraryEntry], ui_lang: str, can_delete: bool) -> str:
    """Every listed document: symbol, title, date, its language versions (each opens the
    reader), kind, audience, units and, for staff, delete."""
    if not entries:
        return f'<p class="rq-lib-empty">{escape(label("no_match", ui_lang))}</p>'
    heads = ("symbol", "doc_title", "date", "languages", "kind", "audience_column", "units")
    head = "".join(f'<th scope="col">{escape(label(key, ui_lang))}</th>' for key in heads)
    head += f'<th scope="col">{escape(label("actions", ui_lang))}</th>'
    rows = "".join(_row(entry, ui_lang, can_delete) for entry in entries)
    hint = (
        f'<p class="rq-lib-hint">{escape(label("replace_hint", ui_lang))}</p>' if can_delete else ""
    )
    return (
        f'<div class="rq-lib" dir="{direction(ui_lang)}"><table class="rq-lib-table">'
        f"<caption>{escape(label('documents_table', ui_lang))}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{hint}</div>"
    )


def reader_placeholder(ui_lang: str) -> str:
    return f'<div class="rq-reader rq-reader-empty">{escape(label("reader_empty", ui_lang))}</div>'


def reader_html(symbol: str, language: str, units: list[StoredUnit], ui_lang: str) -> str:
    """The document's units in order, each with its anchor and its own link."""
    if not units:
        missing = escape(label("source_missing", ui_lang))
        return f'<div class="rq-reader rq-source-missing">{missing}</div>'
    first = units[0]
    parts: list[str] = []
    section = ""
    for unit in units:
        if unit.section and unit.section != section:
            section = unit.section
            parts.append(f'<p class="rq-section">{escape(section)}</p>')
        citation = format_citation(unit.symbol, unit.label, ui_lang, unit.kind)
        link = escape(deep_link(symbol, language, unit.label))
        parts.append(
            f'<div class="rq-unit rq-reader-unit" id="{anchor(unit.label)}">'
            f'<a class="rq-unit-label" href="{link}" '
            f'aria-label="{escape(label("paragraph_link", ui_lang, citation=citation))}">'
            f"{escape(unit.label)}</a> {escape(unit.text)}</div>"
        )
    heading = f"{first.symbol} — {first.title}" if first.title else first.symbol
    meta = " · ".join(v for v in (first.date, _name(language)) if v)
    return (
        f'<article class="rq-reader" data-doc="{escape(symbol)}|{escape(language)}">'
        f'<h3 class="rq-source-heading" dir="auto">{escape(heading)}</h3>'
        f'<p class="rq-reader-meta">{escape(meta)}</p>'
        f'<div lang="{escape(language)}" dir="{direction(language)}">{"".join(parts)}</div>'
        "</article>"
    )

"""The source panel: a cited paragraph in context and in its other language versions.

The handler looks the paragraph up again through `LibraryService.source` with the viewer's
filters, so a citation forged in the browser (or sent through the API) for a document the user
may not see shows "not available", exactly like a paragraph that does not exist. Neighbours
come from the same document as a permitted unit, so they share its audience.
"""

from __future__ import annotations

from html import escape

from assistant.citations import format_citation
from assistant.library import SourceView
from store.queries import StoredUnit
from ui.i18n import NATIVE_NAMES, direction, label
from ui.library_panel import deep_link


def placeholder(ui_lang: str) -> str:
    return f'<div class="rq-source rq-source-empty">{escape(label("source_empty", ui_lang))}</div>'


def missing(ui_lang: str) -> str:
    return (
        f'<div class="rq-source rq-source-missing">{escape(label("source_missing", ui_lang))}</div>'
    )


def _language_name(code: str) -> str:
    return NATIVE_NAMES.get(code, code or "?")


def _unit_html(unit: StoredUnit, cited: bool) -> str:
    classes = "rq-unit rq-cited" if cited else "rq-unit"
    return (
        f'<div class="{classes}" data-label="{escape(unit.label)}">'
        f'<span class="rq-unit-label">{escape(unit.label)}</span> {escape(unit.text)}</div>'
    )


def _meta(unit: StoredUnit, ui_lang: str) -> str:
    rows = (
        ("symbol", unit.symbol),
        ("doc_title", unit.title),
        ("date", unit.date),
        ("language", _language_name(unit.language)),
    )
    cells = "".join(
        f'<dt>{escape(label(key, ui_lang))}</dt><dd dir="auto">{escape(value or "–")}</dd>'
        for key, value in rows
    )
    return f'<dl class="rq-source-meta">{cells}</dl>'


def _version_html(unit: StoredUnit) -> str:
    return (
        f'<div class="rq-version" lang="{escape(unit.language)}" dir="{direction(unit.language)}">'
        f'<div class="rq-version-lang">{escape(_language_name(unit.language))}'
        f" · {escape(unit.title)}</div><div>{escape(unit.text)}</div></div>"
    )


def source_html(view: SourceView | None, ui_lang: str) -> str:
    """The panel for one citation, or "not available" when the viewer may not see it."""
    if view is None:
        return missing(ui_lang)
    shown, context, versions = view.shown, view.context, view.versions
    whole = deep_link(shown.symbol, shown.language, shown.label)  # the library, at this unit
    heading = format_citation(shown.symbol, shown.label, ui_lang, shown.kind)
    section = f'<p class="rq-section">{escape(shown.section)}</p>' if shown.section else ""
    units = "".join(_unit_html(unit, unit.unit_id == shown.unit_id) for unit in context)
    others = [versions[code] for code in sorted(versions) if code != shown.language]
    versions_html = ""
    if others:
        versions_html = (
            f'<h4 class="rq-versions-title">{escape(label("other_versions", ui_lang))}</h4>'
            f'<div class="rq-versions">{"".join(_version_html(u) for u in others)}</div>'
        )
    return (
        f'<div class="rq-source" dir="{direction(ui_lang)}" '
        f'data-cite="{escape(shown.symbol)}|{escape(shown.label)}">'
        f'<h3 class="rq-source-heading">{escape(heading)}</h3>'
        f"{_meta(shown, ui_lang)}{section}"
        f'<div class="rq-context" lang="{escape(shown.language)}" '
        f'dir="{direction(shown.language)}">{units}</div>{versions_html}'
        f'<p class="rq-source-link"><a href="{escape(whole)}" target="_blank" rel="noopener">'
        f"{escape(label('open_in_library', ui_lang))}</a></p></div>"
    )

"""The library tab's events: filtering the table, opening a document in the reader, deleting
one (staff), and opening the library at a paragraph from a deep link (`?doc=&lang=#p-9`).

Everything goes through LibraryService with the viewer's audiences, so a delegate never lists,
reads or deletes a staff-only document, whatever the browser sends.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from html import escape
from typing import Any

import gradio as gr

from assistant.library import LibraryService
from ui.access import Viewer
from ui.i18n import LANGUAGES, NATIVE_NAMES, label
from ui.library_panel import library_table, reader_html, reader_placeholder

logger = logging.getLogger(__name__)

FILTERS = ("lib_language", "lib_kind", "lib_since", "lib_until", "lib_text")
CLICK_OUTPUTS = ("lib_reader", "lib_table", "lib_status", "documents")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value: str | None) -> str:
    """An ISO date, or "" (no limit) for anything else, half-typed dates included."""
    value = (value or "").strip()
    return value if _DATE.match(value) else ""


class LibraryHandlers:
    """Holds the library service and the page's way of deriving the viewer."""

    def __init__(
        self,
        library: LibraryService,
        viewer: Callable[[gr.Request | None], Viewer],
        document_choices: Callable[[Viewer], list[tuple[str, str]]],
    ) -> None:
        self.library = library
        self.viewer = viewer
        self.document_choices = document_choices

    def table(
        self,
        viewer: Viewer,
        ui_lang: str,
        language: str | None = "",
        kind: str | None = "",
        since: str | None = "",
        until: str | None = "",
        text: str | None = "",
    ) -> str:
        entries = self.library.catalogue(
            viewer.audiences,
            language or "",
            kind or "",
            _date(since),
            _date(until),
            text or "",
            title_language=ui_lang,
        )
        return library_table(entries, ui_lang, viewer.can_upload)

    def filter(
        self,
        language: str | None,
        kind: str | None,
        since: str | None,
        until: str | None,
        text: str | None,
        ui_lang: str,
        request: gr.Request,
    ) -> str:
        return self.table(self.viewer(request), ui_lang, language, kind, since, until, text)

    def click(
        self,
        language: str | None,
        kind: str | None,
        since: str | None,
        until: str | None,
        text: str | None,
        ui_lang: str,
        event: gr.EventData,
        request: gr.Request,
    ) -> tuple[Any, ...]:
        """Open a language version in the reader, or delete a document (staff only)."""
        viewer = self.viewer(request)
        data = getattr(event, "_data", None) or {}
        symbol = str(data.get("symbol", ""))
        skip = gr.skip()
        if data.get("action") == "open":
            shown, units = self.library.read(symbol, str(data.get("lang", "")), viewer.filters())
            return reader_html(symbol, shown, units, ui_lang), skip, "", skip
        if data.get("action") != "delete":
            return skip, skip, "", skip
        if not viewer.can_upload:
            return skip, skip, _status(label("delete_denied", ui_lang)), skip
        visible = {e.symbol for e in self.library.catalogue(viewer.audiences)}
        if symbol not in visible:
            return skip, skip, "", skip
        removed = self.library.remove(symbol)
        logger.info("document deleted", extra={"user": viewer.name, "keys": removed})
        return (
            reader_placeholder(ui_lang),
            self.table(viewer, ui_lang, language, kind, since, until, text),
            _status(label("deleted", ui_lang, symbol=symbol)),
            gr.update(choices=self.document_choices(viewer)),
        )

    def load_values(self, viewer: Viewer, ui_lang: str, query: dict[str, str]) -> dict[str, Any]:
        """The tab's labels and table; with `?doc=SYMBOL&lang=xx` in the address, the library
        tab opens on that document (the page scrolls to the `#p-…` fragment)."""
        languages = [(label("any_language", ui_lang), "")]
        languages += [(NATIVE_NAMES[code], code) for code in LANGUAGES]
        kinds = [(label("any_kind", ui_lang), "")]
        kinds += [(kind, kind) for kind in self.library.kinds(viewer.audiences)]
        values: dict[str, Any] = {
            "tabs": gr.update(selected="chat"),
            "tab_chat": gr.update(label=label("tab_chat", ui_lang)),
            "tab_library": gr.update(label=label("tab_library", ui_lang)),
            "lib_language": gr.update(label=label("filter_language", ui_lang), choices=languages),
            "lib_kind": gr.update(label=label("filter_kind", ui_lang), choices=kinds),
            "lib_since": gr.update(label=label("filter_since", ui_lang)),
            "lib_until": gr.update(label=label("filter_until", ui_lang)),
            "lib_text": gr.update(label=label("filter_text", ui_lang)),
            "lib_table": self.table(viewer, ui_lang),
            "lib_reader": reader_placeholder(ui_lang),
        }
        symbol = (query.get("doc") or "").strip()
        if symbol:
            shown, units = self.library.read(symbol, query.get("lang", ""), viewer.filters())
            values["tabs"] = gr.update(selected="library")
            values["lib_reader"] = reader_html(symbol, shown, units, ui_lang)
        return values


def _status(message: str) -> str:
    return f'<p class="rq-lib-status" role="status">{escape(message)}</p>' if message else ""

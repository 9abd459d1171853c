"""DOCX exports: the whole conversation, or one answer, as a link only its maker can open.

Split from ui.handlers so each module stays one component: the chat handler forwards an
answer's own "DOCX" button here, the conversation's export button comes here directly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from html import escape
from typing import Any

import gradio as gr

from ui.access import Viewer
from ui.api import unexpected
from ui.conversation import Exchange
from ui.export import export_docx
from ui.export_store import ExportStore
from ui.i18n import label

EXPORT_OUTPUTS = ("export_file", "status")


def status_html(message: str) -> str:
    """A message under the question box, announced by screen readers when it appears."""
    return f'<p class="rq-status" role="alert">{escape(message)}</p>' if message else ""


class ExportHandlers:
    """Writes DOCX files into the ExportStore and returns the private link to each."""

    def __init__(self, exports: ExportStore, viewer: Callable[[gr.Request | None], Viewer]) -> None:
        self.exports = exports
        self.viewer = viewer

    def export(
        self,
        conversation: list[Exchange] | None,
        ui_lang: str,
        style: str,
        request: gr.Request,
    ) -> tuple[Any, ...]:
        """The whole conversation."""
        return self.write(list(conversation or []), ui_lang, style, self.viewer(request))

    def write(
        self, exchanges: list[Exchange], ui_lang: str, style: str, viewer: Viewer, name: str = ""
    ) -> tuple[Any, ...]:
        """(export link update, status) for these exchanges: all of a conversation, or one."""
        if not exchanges:
            return gr.update(value=None, visible=False), status_html(
                label("nothing_to_export", ui_lang)
            )
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        token, path = self.exports.new_path(f"reformqa-{stamp}{name}.docx")
        try:
            export_docx(exchanges, path, ui_lang, viewer.name, style)
        except Exception as exc:
            message = unexpected(exc, ui_lang, "export", viewer.name)
            return gr.update(value="", visible=False), status_html(message)
        url = self.exports.add(token, viewer.name, path)
        link = f'<a href="{escape(url)}" download="{escape(path.name)}">{escape(path.name)}</a>'
        return gr.update(value=link, visible=True), ""

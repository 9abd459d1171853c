"""Staff uploads from the sidebar: progress while each file is ingested, then one line per file
(what the reader found, or why it failed) right under the upload box, and the document lists
(chat filter, library table) refreshed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from ui.access import Viewer
from ui.i18n import label
from ui.library_handlers import LibraryHandlers
from ui.uploads import UploadManager

logger = logging.getLogger(__name__)

UPLOAD_OUTPUTS = ("upload_result", "documents", "upload_files", "lib_table")


class UploadHandlers:
    """The upload box's one event."""

    def __init__(
        self,
        uploads: UploadManager,
        viewer: Callable[[gr.Request | None], Viewer],
        document_choices: Callable[[Viewer], list[tuple[str, str]]],
        library: LibraryHandlers,
    ) -> None:
        self.uploads = uploads
        self.viewer = viewer
        self.document_choices = document_choices
        self.library = library

    def upload(
        self,
        files: list[str] | None,
        audience: str | None,
        ui_lang: str,
        request: gr.Request,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 (Gradio injects it by this default)
    ) -> tuple[Any, ...]:
        viewer = self.viewer(request)
        if not viewer.can_upload:
            return label("upload_denied", ui_lang), gr.skip(), None, gr.skip()
        paths = [Path(f) for f in files or []]
        if not paths:
            return "", gr.skip(), None, gr.skip()

        def report(done: int, total: int, name: str) -> None:
            desc = label("indexing", ui_lang, name=name) if name else None
            progress(done / max(total, 1), desc=desc)

        outcomes = self.uploads.ingest(paths, staff_only=audience == "staff", progress=report)
        logger.info(
            "upload",
            extra={
                "user": viewer.name,
                "files": len(paths),
                "failed": sum(o.failed for o in outcomes),
            },
        )
        return (
            "\n".join(outcome.line() for outcome in outcomes),
            gr.update(choices=self.document_choices(viewer)),
            None,
            self.library.table(viewer, ui_lang),
        )

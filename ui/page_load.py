"""What the page shows once loaded: every label in the browser's language, the viewer's name
and role, the documents they may search, and the controls their role allows."""

from __future__ import annotations

from html import escape
from typing import Any

import gradio as gr

from assistant.service import AssistantService
from ui.access import Viewer
from ui.citation_style import QUESTION_STYLE, UN_STYLE
from ui.i18n import LANGUAGES, NATIVE_NAMES, label
from ui.render import conversation_html
from ui.source_panel import placeholder

LOAD_OUTPUTS = (
    "ui_lang",
    "header",
    "user_info",
    "logout",
    "documents",
    "prefer",
    "mode",
    "k",
    "upload_box",
    "upload_files",
    "upload_audience",
    "upload_result",
    "chat",
    "question",
    "ask",
    "correction",
    "export",
    "export_file",
    "source_title",
    "source",
    "history",
    "new_conversation",
    "conversation_name",
    "rename",
    "delete",
    "conversation",
    "conversation_id",
    "filters",
    "style",
    "hint",
    "status",
    "tabs",
    "tab_chat",
    "tab_library",
    "lib_language",
    "lib_kind",
    "lib_since",
    "lib_until",
    "lib_text",
    "lib_table",
    "lib_reader",
)


def page_values(
    service: AssistantService,
    requires_login: bool,
    viewer: Viewer,
    documents: list[tuple[str, str]],
    ui_lang: str,
) -> dict[str, Any]:
    """The value or update of each LOAD_OUTPUTS component, by name."""
    role = label(f"role_{viewer.role}", ui_lang)
    modes = [(label("mode_extractive", ui_lang), "extractive")]
    if service.llm is not None:
        modes.append((label("mode_llm", ui_lang), "llm"))
    mode = service.settings.mode if service.llm is not None else "extractive"
    prefer = [(label("any_language", ui_lang), "")]
    prefer += [(NATIVE_NAMES[code], code) for code in LANGUAGES]
    return {
        "ui_lang": ui_lang,
        "header": f"# reformqa\n{label('subtitle', ui_lang)}",
        "user_info": label("signed_in", ui_lang, user=viewer.name, role=role),
        "logout": gr.update(value=label("logout", ui_lang), visible=requires_login),
        "documents": gr.update(label=label("documents", ui_lang), choices=documents),
        "prefer": gr.update(label=label("prefer_lang", ui_lang), choices=prefer),
        "mode": gr.update(
            label=label("mode", ui_lang), choices=modes, value=mode, interactive=len(modes) > 1
        ),
        "k": gr.update(label=label("k", ui_lang)),
        "upload_box": gr.update(visible=viewer.can_upload),
        "upload_files": gr.update(label=label("upload", ui_lang)),
        "upload_audience": gr.update(
            label=label("audience", ui_lang),
            choices=[
                (label("audience_document", ui_lang), "document"),
                (label("audience_staff", ui_lang), "staff"),
            ],
        ),
        "upload_result": gr.update(label=label("upload_results", ui_lang)),
        "chat": conversation_html([], ui_lang),
        "question": gr.update(
            label=label("question", ui_lang), placeholder=label("placeholder", ui_lang)
        ),
        "ask": gr.update(value=label("ask", ui_lang)),
        "correction": gr.update(label=label("correction", ui_lang)),
        "filters": gr.update(label=label("filters", ui_lang)),
        "style": gr.update(
            label=label("citation_style", ui_lang),
            choices=[
                (label("style_un", ui_lang), UN_STYLE),
                (label("style_question", ui_lang), QUESTION_STYLE),
            ],
        ),
        "hint": f'<p class="rq-hint" id="rq-hint-text">{escape(label("enter_hint", ui_lang))}</p>',
        "export": gr.update(value=label("export", ui_lang)),
        "export_file": gr.update(label=label("export_file", ui_lang)),
        "source_title": f"## {label('source', ui_lang)}",
        "source": placeholder(ui_lang),
    }

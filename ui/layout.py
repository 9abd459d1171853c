"""The page's components, laid out: the chat tab (sidebar, chat, source panel) and the library
tab (filters, table, reader). Only layout: ui.app wires the events, ui.handlers runs them.
Components are collected by name in `c`, the names the handlers' *_OUTPUTS use.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from ingest.parser import SUPPORTED_SUFFIXES
from reformqa.settings import Settings
from ui.assets import CHAT_JS, LIBRARY_JS
from ui.citation_style import DEFAULT_STYLE
from ui.library_panel import reader_placeholder
from ui.render import conversation_html
from ui.source_panel import placeholder


def chat_tab(c: dict[str, Any], settings: Settings) -> None:
    """Sidebar (conversations, folded filters, upload), chat with the question box, source."""
    with gr.Row(equal_height=False, elem_id="rq-layout"):
        with gr.Column(scale=1, min_width=260, elem_id="rq-sidebar"):
            c["header"] = gr.Markdown("# reformqa", elem_id="rq-header")
            c["user_info"] = gr.Markdown(elem_id="rq-user")
            c["logout"] = gr.Button(link="/logout", size="sm", visible=False)
            c["new_conversation"] = gr.Button(size="sm", elem_id="rq-new")
            c["history"] = gr.Radio(choices=[], value=None, elem_id="rq-history")
            c["conversation_name"] = gr.Textbox(lines=1, max_lines=1, elem_id="rq-name")
            with gr.Row():
                c["rename"] = gr.Button(size="sm", elem_id="rq-rename")
                c["delete"] = gr.Button(size="sm", variant="stop", elem_id="rq-delete")
            with gr.Accordion(open=False, elem_id="rq-filters") as c["filters"]:
                c["documents"] = gr.Dropdown(
                    choices=[], value=[], multiselect=True, elem_id="rq-documents"
                )
                c["prefer"] = gr.Dropdown(
                    choices=[("", "")],
                    value=settings.preferred_language or "",
                    elem_id="rq-prefer",
                )
                c["mode"] = gr.Radio(
                    choices=[("extractive", "extractive")],
                    value="extractive",
                    elem_id="rq-mode",
                )
                c["k"] = gr.Slider(1, 20, value=settings.k, step=1, elem_id="rq-k")
                c["style"] = gr.Radio(
                    choices=[(DEFAULT_STYLE, DEFAULT_STYLE)],
                    value=DEFAULT_STYLE,
                    elem_id="rq-style",
                )
            with gr.Group(visible=False, elem_id="rq-upload-box") as c["upload_box"]:
                c["upload_files"] = gr.File(
                    file_count="multiple",
                    file_types=list(SUPPORTED_SUFFIXES),
                    elem_id="rq-upload-files",
                )
                c["upload_audience"] = gr.Radio(
                    choices=[("document", "document"), ("staff", "staff")],
                    value="document",
                    elem_id="rq-audience",
                )
                c["upload_result"] = gr.Textbox(
                    lines=3, interactive=False, elem_id="rq-upload-result"
                )
        with gr.Column(scale=3, min_width=420, elem_id="rq-main"):
            c["chat"] = gr.HTML(
                conversation_html([], "en"),
                js_on_load=CHAT_JS,
                elem_id="rq-chat",
                min_height=320,
                max_height=640,
                autoscroll=True,
            )
            c["status"] = gr.HTML("", elem_id="rq-status")
            c["ready_timer"] = gr.Timer(1.0, active=True)
            with gr.Row(equal_height=True, elem_id="rq-ask-row"):
                c["question"] = gr.Textbox(
                    lines=2, max_lines=6, scale=5, elem_id="rq-question", autofocus=True
                )
                c["ask"] = gr.Button(variant="primary", scale=1, elem_id="rq-ask")
            c["hint"] = gr.HTML("", elem_id="rq-hint")
            c["correction"] = gr.Textbox(lines=1, elem_id="rq-correction")
            with gr.Row():
                c["export"] = gr.Button(elem_id="rq-export", scale=1)
                # A link to the user's own export (ui.export_store), not a gr.File: Gradio
                # would serve that from its shared cache to anyone who has the URL.
                c["export_file"] = gr.HTML("", visible=False, elem_id="rq-export-file")
        with gr.Column(scale=2, min_width=300, elem_id="rq-source-column"):
            c["source_title"] = gr.Markdown("### Source")
            c["source"] = gr.HTML(placeholder("en"), elem_id="rq-source")


def library_tab(c: dict[str, Any]) -> None:
    """Filters (language, kind, dates, symbol or title), the table and the reader."""
    with gr.Row(elem_id="rq-lib-filters"):
        c["lib_language"] = gr.Dropdown(choices=[("", "")], value="", elem_id="rq-lib-language")
        c["lib_kind"] = gr.Dropdown(choices=[("", "")], value="", elem_id="rq-lib-kind")
        c["lib_since"] = gr.Textbox(lines=1, max_lines=1, elem_id="rq-lib-since")
        c["lib_until"] = gr.Textbox(lines=1, max_lines=1, elem_id="rq-lib-until")
        c["lib_text"] = gr.Textbox(lines=1, max_lines=1, elem_id="rq-lib-text")
    c["lib_status"] = gr.HTML("", elem_id="rq-lib-status")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=320):
            c["lib_table"] = gr.HTML("", js_on_load=LIBRARY_JS, elem_id="rq-lib-table")
        with gr.Column(scale=2, min_width=300):
            c["lib_reader"] = gr.HTML(reader_placeholder("en"), elem_id="rq-lib-reader")

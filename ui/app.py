"""The Gradio page: sidebar (documents, language, mode, sources, upload), chat, source panel.

Layout and wiring only; what happens on each event is in ui.handlers. This module does not use
`from __future__ import annotations`: Gradio reads the `ask` endpoint's parameter types from
its annotations to describe the API.
"""

import logging
import os
import signal
import time
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from assistant.history import HistoryService
from assistant.service import AssistantService
from ingest.parser import SUPPORTED_SUFFIXES
from reformqa.settings import Settings
from ui.access import AccessPolicy, is_loopback
from ui.assets import CHAT_JS, CSS, HEAD
from ui.auth import UserStore
from ui.citation_style import DEFAULT_STYLE
from ui.export_handlers import EXPORT_OUTPUTS
from ui.export_store import ExportRoute
from ui.feedback import FeedbackLog
from ui.handlers import (
    ASK_OUTPUTS,
    CLICK_OUTPUTS,
    LOAD_OUTPUTS,
    UPLOAD_OUTPUTS,
    ChatHandlers,
)
from ui.history_handlers import OPEN_OUTPUTS
from ui.i18n import label
from ui.login_guard import ClientAddressMiddleware
from ui.login_page import LoginPageMiddleware
from ui.render import conversation_html
from ui.source_panel import placeholder
from ui.uploads import UploadManager

logger = logging.getLogger(__name__)

# System fonts only: the default theme loads Google Fonts, which offline machines cannot reach.
# Soft's indigo (#6366f1) on its own tints and white gave 3.6:1; these give >= 4.5:1 in light and
# dark modes (axe-core's colour-contrast rule, checked in tests/ui/test_browser_daily.py).
INDIGO_DARK = "#3730a3"
INDIGO_STRONG = "#4338ca"
THEME = gr.themes.Soft(
    font=["system-ui", "Segoe UI", "Noto Sans", "WenQuanYi Zen Hei", "sans-serif"],
    font_mono=["ui-monospace", "DejaVu Sans Mono", "monospace"],
).set(
    block_title_text_color=INDIGO_DARK,
    block_label_text_color=INDIGO_DARK,
    block_info_text_color="#4b5563",
    body_text_color_subdued="#4b5563",
    body_text_color_subdued_dark="#d1d5db",
    checkbox_label_background_fill_selected=INDIGO_STRONG,
    checkbox_label_background_fill_selected_dark=INDIGO_STRONG,
    button_primary_background_fill=INDIGO_STRONG,
    button_primary_background_fill_dark=INDIGO_STRONG,
    button_primary_background_fill_hover=INDIGO_DARK,
    button_primary_background_fill_hover_dark=INDIGO_DARK,
)
AUTH_MESSAGE = label("auth_message", "en")  # ui.login_page shows it in the browser's language
UNAUTHENTICATED_WARNING = (
    "serving on {host} without --auth: anyone who can reach this port can ask questions "
    "(as a delegate: audience: staff documents stay hidden, uploads are refused)"
)


def create_handlers(
    settings: Settings,
    service: AssistantService | None = None,
    history: HistoryService | None = None,
) -> ChatHandlers:
    """One service (and so one embedder and index) for the whole server process; the history
    in the store's SQLite unless another is given (tests keep a shared store read-only)."""
    users = UserStore.load(settings.auth) if settings.auth else None
    service = service or AssistantService(settings)
    return ChatHandlers(
        service,
        AccessPolicy(users, settings.host),
        UploadManager(settings, service.embedder),
        FeedbackLog(settings.feedback_path),
        history,
    )


def build_app(handlers: ChatHandlers) -> gr.Blocks:
    settings = handlers.service.settings
    c: dict[str, Any] = {}
    with gr.Blocks(title="reformqa", analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        c["conversation"] = gr.State([])
        c["conversation_id"] = gr.State("")
        c["ui_lang"] = gr.State("en")
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

        def outputs(names: tuple[str, ...]) -> list[Any]:
            return [c[name] for name in names]

        gr.on(
            [c["ask"].click, c["question"].submit],
            handlers.ask,
            outputs(
                ("question", "conversation", "documents", "prefer", "mode", "k", "ui_lang")
                + ("style", "conversation_id")
            ),
            outputs(ASK_OUTPUTS),
            api_name="chat",
            api_visibility="private",
            concurrency_id="answer",
        )
        c["chat"].click(
            handlers.click,
            outputs(("conversation", "correction", "ui_lang", "style", "conversation_id")),
            outputs(CLICK_OUTPUTS),
            api_name="chat_click",
            api_visibility="private",
        )
        c["upload_files"].upload(
            handlers.upload,
            [c["upload_files"], c["upload_audience"], c["ui_lang"]],
            outputs(UPLOAD_OUTPUTS),
            api_name="upload",
            api_visibility="private",
            concurrency_id="ingest",
        )
        c["export"].click(
            handlers.exporter.export,
            outputs(("conversation", "ui_lang", "style")),
            outputs(EXPORT_OUTPUTS),
            api_name="export",
            api_visibility="private",
        )
        history = handlers.history
        c["history"].input(
            history.open,
            outputs(("history", "ui_lang", "style")),
            outputs(OPEN_OUTPUTS),
            api_name="history_open",
            api_visibility="private",
        )
        c["new_conversation"].click(
            history.start,
            outputs(("ui_lang", "style")),
            outputs(OPEN_OUTPUTS),
            api_name="history_new",
            api_visibility="private",
        )
        gr.on(
            [c["rename"].click, c["conversation_name"].submit],
            history.rename,
            outputs(("conversation_id", "conversation_name")),
            c["history"],
            api_name="history_rename",
            api_visibility="private",
        )
        c["delete"].click(
            history.delete,
            outputs(("conversation_id", "ui_lang", "style")),
            outputs(OPEN_OUTPUTS),
            api_name="history_delete",
            api_visibility="private",
        )
        c["style"].change(
            handlers.rerender,
            outputs(("conversation", "ui_lang", "style")),
            c["chat"],
            api_name="restyle",
            api_visibility="private",
        )
        c["ready_timer"].tick(
            handlers.readiness,
            c["ui_lang"],
            [c["status"], c["ready_timer"]],
            api_name="ready",
            api_visibility="private",
            show_progress="hidden",
        )
        demo.load(
            handlers.load,
            None,
            outputs(LOAD_OUTPUTS),
            api_name="page_load",
            api_visibility="private",
        )

        def ask(
            question: str,
            documents: list[str] | None = None,
            preferred_language: str = "",
            mode: str = "",
            k: int = 0,
            since: str = "",
            until: str = "",
            request: gr.Request = None,
        ) -> dict:
            """Answer a question from the documents the signed-in user may see.

            k: sources per answer, 1-50 (0: the server's default). since, until: document
            dates, YYYY-MM-DD, inclusive (empty: no limit). Returns the answer as `reformqa ask
            --json` prints it: answer text, abstained, citations (doc, para, lang, text, ...),
            question language, mode and timings.
            """
            return handlers.api_ask(
                question, documents, preferred_language, mode, k, request, since, until
            )

        gr.api(ask, api_name="ask", concurrency_id="answer")
    return demo


def launch(handlers: ChatHandlers, settings: Settings) -> gr.Blocks:
    """Start the server without blocking; the caller blocks (or closes) it."""
    if not is_loopback(settings.host) and settings.auth is None:
        logger.warning(UNAUTHENTICATED_WARNING.format(host=settings.host))
    demo = build_app(handlers)
    middleware = [
        Middleware(ClientAddressMiddleware),
        Middleware(LoginPageMiddleware),
        Middleware(ExportRoute, exports=handlers.exports, policy=handlers.policy),
    ]
    demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        auth=handlers.login.check if handlers.login is not None else None,
        auth_message=AUTH_MESSAGE,
        app_kwargs={"middleware": middleware},
        prevent_thread_lock=True,
        quiet=True,
        show_error=False,
        footer_links=["api"],
        run_history=False,
        enable_monitoring=False,
        ssr_mode=False,
        mcp_server=False,
        max_file_size=2 * settings.max_file_bytes,
        theme=THEME,
        css=CSS,
        head=HEAD,
    )
    return demo


def private_files(settings: Settings) -> None:
    """Everything the server writes from now on (catalog, vectors, uploads, feedback, exports,
    Gradio's cache) is readable by its own account only, and so are the store and upload
    folders it finds: a delegate with a shell account must not read staff-only text on disk."""
    os.umask(0o077)
    for folder in (settings.store, settings.upload_dir):
        if folder.is_dir() and folder.stat().st_uid == os.getuid():
            folder.chmod(0o700)


def serve(settings: Settings) -> tuple[gr.Blocks, ChatHandlers]:
    """Load the service and start the UI without blocking; returns the app and its handlers."""
    started = time.perf_counter()
    private_files(settings)
    handlers = create_handlers(settings)
    demo = launch(handlers, settings)
    handlers.warmup.start()  # the page is usable now; the first question waits for this
    logger.info(
        "serving",
        extra={"url": demo.local_url, "seconds": round(time.perf_counter() - started, 2)},
    )
    return demo, handlers


def run_until_stopped(demo: gr.Blocks, handlers: ChatHandlers) -> None:
    """Block until Ctrl+C or SIGTERM, then close the server and the service."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        while demo.is_running:
            time.sleep(0.2)
    except KeyboardInterrupt:
        logger.info("stopping")
    finally:
        demo.close()
        handlers.close()

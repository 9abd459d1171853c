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
from reformqa.settings import Settings
from ui.access import AccessPolicy, is_loopback
from ui.assets import CSS, HEAD
from ui.auth import UserStore
from ui.export_handlers import EXPORT_OUTPUTS
from ui.export_store import ExportRoute
from ui.feedback import FeedbackLog
from ui.handlers import (
    ASK_OUTPUTS,
    CLICK_OUTPUTS,
    LOAD_OUTPUTS,
    ChatHandlers,
)
from ui.history_handlers import OPEN_OUTPUTS
from ui.i18n import label
from ui.layout import chat_tab, library_tab
from ui.library_handlers import CLICK_OUTPUTS as LIBRARY_CLICK_OUTPUTS
from ui.library_handlers import FILTERS as LIBRARY_FILTERS
from ui.login_guard import ClientAddressMiddleware
from ui.login_page import LoginPageMiddleware
from ui.upload_handlers import UPLOAD_OUTPUTS
from ui.uploads import UploadManager

logger = logging.getLogger(__name__)

# System fonts only: the default theme loads Google Fonts, which offline machines cannot reach.
# Soft's indigo (#6366f1) on its own tints and white gave 3.6:1; these give >= 4.5:1 in light and
# dark modes (axe-core's colour-contrast rule, checked in tests/ui/test_browser_daily.py).
INDIGO_DARK = "#3730a3"
INDIGO_STRONG = "#4338ca"
INDIGO_LIGHT = "#a5b4fc"  # text on the dark background
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
    **{
        f"link_text_color{state}{mode}": colour
        for state in ("", "_active", "_hover", "_visited")
        for mode, colour in (("", INDIGO_DARK), ("_dark", INDIGO_LIGHT))
    },
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
        with gr.Tabs(selected="chat", elem_id="rq-tabs") as c["tabs"]:
            with gr.Tab("Chat", id="chat", elem_id="rq-tab-chat") as c["tab_chat"]:
                chat_tab(c, settings)
            with gr.Tab("Library", id="library", elem_id="rq-tab-library") as c["tab_library"]:
                library_tab(c)

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
        library = handlers.library
        gr.on(
            [c[name].change for name in ("lib_language", "lib_kind")]
            + [c[name].submit for name in ("lib_since", "lib_until", "lib_text")],
            library.filter,
            outputs(LIBRARY_FILTERS + ("ui_lang",)),
            c["lib_table"],
            api_name="library_filter",
            api_visibility="private",
        )
        c["lib_table"].click(
            library.click,
            outputs(LIBRARY_FILTERS + ("ui_lang",)),
            outputs(LIBRARY_CLICK_OUTPUTS),
            api_name="library_click",
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
    handlers.warmup.schedule()
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

"""The UI's event handlers: the one code path between a browser (or API client) and the service.

Each handler derives the viewer from `gr.Request` on the server and answers only within the
viewer's audiences. Handlers return plain tuples in the order of the *_OUTPUTS names, which
ui.app wires to components; tests call the handlers directly with a `gr.Request`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from html import escape
from typing import Any

import gradio as gr

from assistant.errors import ConfigurationError, QuestionError
from assistant.history import HistoryService
from assistant.models import Answer
from assistant.service import AssistantService
from assistant.translation import TranslationUnavailable, translate_quotes
from assistant.warmup import WarmUp
from ui.access import AccessDenied, AccessPolicy, Viewer
from ui.api import caller_language, question_problem, unexpected, validate_ask
from ui.citation_style import DEFAULT_STYLE, STYLES
from ui.conversation import Exchange, history
from ui.export_handlers import ExportHandlers, status_html
from ui.export_store import ExportStore
from ui.feedback import VERDICTS, FeedbackLog
from ui.history_handlers import HistoryHandlers
from ui.i18n import label, pick_language
from ui.library_handlers import LibraryHandlers
from ui.login_guard import LoginGuard
from ui.page_load import LOAD_OUTPUTS, page_values
from ui.render import conversation_html
from ui.source_panel import source_html
from ui.upload_handlers import UploadHandlers
from ui.uploads import UploadManager

logger = logging.getLogger(__name__)

ASK_OUTPUTS = (
    "chat",
    "conversation",
    "question",
    "status",
    "conversation_id",
    "history",
    "conversation_name",
)
CLICK_OUTPUTS = ("source", "chat", "conversation", "correction", "status", "export_file")
STREAM_INTERVAL_S = 0.1  # at most ten re-renders a second while a model streams


def loading_html(ui_lang: str) -> str:
    """The "loading the index" note shown until the start-up warm-up has finished."""
    return f'<p class="rq-loading" role="status">{escape(label("loading_index", ui_lang))}</p>'


def _style(style: str | None) -> str:
    return style if style in STYLES else DEFAULT_STYLE


class ChatHandlers:
    """Holds the one AssistantService of the server process and everything around it."""

    def __init__(
        self,
        service: AssistantService,
        policy: AccessPolicy,
        uploads: UploadManager,
        feedback: FeedbackLog,
        history: HistoryService | None = None,
    ) -> None:
        self.service = service
        self.policy = policy
        self.uploads = uploads
        self.feedback = feedback
        settings = service.settings
        self.exports = ExportStore(settings.export_ttl_s)
        self.exporter = ExportHandlers(self.exports, self.viewer)
        self.history = HistoryHandlers(
            history or HistoryService.open(settings),
            policy,
            self.viewer,
            translatable=service.llm is not None,
        )
        self.login = LoginGuard(policy.users, settings) if policy.users is not None else None
        self.warmup = WarmUp(service)
        self.library = LibraryHandlers(service.library, self.viewer, self.document_choices)
        self.upload = UploadHandlers(
            uploads, self.viewer, self.document_choices, self.library
        ).upload

    def close(self) -> None:
        self.exports.close()
        self.history.close()
        if self.login is not None:
            self.login.close()
        self.service.close()

    # --- shared -------------------------------------------------------------------------------
    def viewer(self, request: gr.Request | None) -> Viewer:
        try:
            return self.policy.viewer(getattr(request, "username", None))
        except AccessDenied as exc:
            raise gr.Error(str(exc)) from exc

    def document_choices(self, viewer: Viewer) -> list[tuple[str, str]]:
        """(label, symbol) of each document the viewer may see; one entry per symbol."""
        grouped: dict[str, list[tuple[str, str]]] = {}
        for record in self.service.library.documents(viewer.audiences):
            grouped.setdefault(record.meta.symbol, []).append(
                (record.meta.language, record.meta.title)
            )
        choices = []
        for symbol, versions in sorted(grouped.items()):
            titles = dict(versions)
            title = titles.get("en") or next((t for _, t in versions if t), "")
            languages = ", ".join(sorted(lang or "?" for lang, _ in versions))
            text = f"{symbol} — {title} [{languages}]" if title else f"{symbol} [{languages}]"
            choices.append((text, symbol))
        return choices

    def stream_answer(
        self,
        question: str,
        conversation: Sequence[Exchange],
        viewer: Viewer,
        documents: Sequence[str] = (),
        preferred_language: str = "",
        mode: str = "",
        k: int | float | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Iterator[tuple[str, Answer | None]]:
        """(streamed text so far, None) while a model writes, then ("", final answer)."""
        filters = replace(
            viewer.filters(tuple(documents or ())), date_from=since or None, date_to=until or None
        )
        events = self.service.stream(
            question,
            history(list(conversation)),
            mode=mode or None,
            k=int(k) if k else None,
            filters=filters,
            preferred_language=preferred_language or None,
        )
        draft = ""
        for event in events:
            if event.answer is not None:
                yield "", event.answer
            elif event.kind == "delta":
                draft += event.text
                yield draft, None

    # --- page load ----------------------------------------------------------------------------
    def load(self, request: gr.Request) -> tuple[Any, ...]:
        """Every component's labels in the browser's language, and what this viewer may use."""
        headers = getattr(request, "headers", None) or {}
        ui_lang = pick_language(headers.get("accept-language"))
        viewer = self.viewer(request)
        values = page_values(
            self.service, self.policy.requires_login, viewer, self.document_choices(viewer), ui_lang
        )
        values.update(self.history.load_values(viewer, ui_lang, DEFAULT_STYLE))
        values["status"] = "" if self.warmup.ready else loading_html(ui_lang)
        query = dict(getattr(request, "query_params", None) or {})
        values.update(self.library.load_values(viewer, ui_lang, query))
        logger.info("page load", extra={"user": viewer.name, "role": viewer.role, "ui": ui_lang})
        self.exports.expire()  # expired exports leave the disk at the next page load at the latest
        return tuple(values[name] for name in LOAD_OUTPUTS)

    def readiness(self, ui_lang: str) -> tuple[Any, Any]:
        """Polled by the page until the warm-up is done: then the loading note goes away and
        the polling stops."""
        if not self.warmup.ready:
            return gr.skip(), gr.skip()
        return "", gr.Timer(active=False)

    def rerender(self, conversation: list[Exchange] | None, ui_lang: str, style: str | None) -> str:
        """The chat again, its citations in the newly chosen style."""
        return conversation_html(list(conversation or []), ui_lang, style=_style(style))

    # --- asking -------------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        conversation: list[Exchange] | None,
        documents: list[str] | None,
        preferred_language: str | None,
        mode: str | None,
        k: float | None,
        ui_lang: str,
        style: str | None,
        conversation_id: str | None,
        request: gr.Request,
    ) -> Iterator[tuple[Any, ...]]:
        """Stream the answer into the chat, then replace the draft with the verified answer
        and save it in the viewer's history."""
        viewer = self.viewer(request)
        self.warmup.wait(self.service.settings.warm_up_wait_s)
        style = _style(style)
        conversation = list(conversation or [])
        text = (question or "").strip()
        keep = (gr.skip(),) * 3  # conversation id, history list and name, until the answer
        problem = question_problem(text, self.service.settings.max_question_chars, ui_lang)
        if problem:
            yield self._failed(conversation, question, ui_lang, problem, style)
            return
        pending = conversation_html(conversation, ui_lang, (text, ""), style)
        yield (pending, conversation, "", "", *keep)

        answer: Answer | None = None
        shown = 0.0
        try:
            for draft, final in self.stream_answer(
                text, conversation, viewer, documents or (), preferred_language or "", mode or "", k
            ):
                if final is not None:
                    answer = final
                elif time.monotonic() - shown >= STREAM_INTERVAL_S:
                    shown = time.monotonic()
                    pending = conversation_html(conversation, ui_lang, (text, draft), style)
                    yield (pending, conversation, "", "", *keep)
        except (QuestionError, ConfigurationError) as exc:
            yield self._failed(conversation, question, ui_lang, str(exc), style)
            return
        except Exception as exc:  # take the pending turn down again; the log has the details
            message = unexpected(exc, ui_lang, "chat", viewer.name)
            yield self._failed(conversation, question, ui_lang, message, style)
            return
        if answer is None:  # the service always ends with an answer; never show a blank turn
            raise gr.Error("the assistant returned no answer")
        exchange = Exchange.of(text, answer)
        exchange.translatable = self.service.llm is not None
        conversation.append(exchange)
        saved_id = self.history.record(viewer, conversation_id or "", exchange)
        owner = self.history.owner(viewer)
        started = saved_id != (conversation_id or "")  # a new conversation: show its name
        yield (
            conversation_html(conversation, ui_lang, style=style),
            conversation,
            "",
            "",
            saved_id,
            self.history.listing(owner, saved_id),
            self.history.title(owner, saved_id) if started else gr.skip(),
        )

    @staticmethod
    def _failed(
        conversation: list[Exchange], question: str, ui_lang: str, message: str, style: str
    ) -> tuple[Any, ...]:
        """The chat as it was, the question back in its box, and why."""
        chat = conversation_html(conversation, ui_lang, style=style)
        return chat, conversation, question, status_html(message), *(gr.skip(),) * 3

    def api_ask(
        self,
        question: str,
        documents: Sequence[str] = (),
        preferred_language: str = "",
        mode: str = "",
        k: int = 0,
        request: gr.Request | None = None,
        since: str = "",
        until: str = "",
    ) -> dict[str, Any]:
        """The named `ask` endpoint: the same filters as the chat, no conversation state.

        Inputs are checked first (messages in the caller's language); anything unexpected is
        logged with an id and reported as "something went wrong (id …)"."""
        headers = getattr(request, "headers", None) or {}
        lang = caller_language(headers.get("accept-language"), question)
        viewer = self.viewer(request)
        checked = validate_ask(
            question,
            documents,
            preferred_language,
            mode,
            k,
            since,
            until,
            self.service.settings.max_question_chars,
            lang,
        )
        try:
            for _, final in self.stream_answer(
                checked.question,
                [],
                viewer,
                checked.documents,
                checked.preferred_language,
                checked.mode,
                checked.k,
                checked.since,
                checked.until,
            ):
                if final is not None:
                    return final.to_json()
        except (QuestionError, ConfigurationError) as exc:
            raise gr.Error(str(exc)) from exc
        except Exception as exc:
            raise gr.Error(unexpected(exc, lang, "ask", viewer.name)) from exc
        raise gr.Error("the assistant returned no answer")

    # --- clicks inside the chat: citations, feedback, an answer's DOCX ----------------------
    def click(
        self,
        conversation: list[Exchange] | None,
        correction: str | None,
        ui_lang: str,
        style: str | None,
        conversation_id: str | None,
        event: gr.EventData,
        request: gr.Request,
    ) -> tuple[Any, ...]:
        viewer = self.viewer(request)
        data = getattr(event, "_data", None) or {}
        conversation = list(conversation or [])
        skip = (gr.skip(),) * 4
        try:
            if data.get("action") == "cite":
                view = self.service.library.source(
                    str(data.get("symbol", "")),
                    str(data.get("label", "")),
                    str(data.get("lang", "")),
                    viewer.filters(),
                )
                return source_html(view, ui_lang), *skip[:3], "", gr.skip()
            if data.get("action") == "feedback":
                return self._feedback(
                    conversation,
                    data,
                    correction or "",
                    ui_lang,
                    _style(style),
                    viewer,
                    conversation_id or "",
                )
            if data.get("action") == "translate":
                return self._translate(conversation, data, ui_lang, _style(style))
            if data.get("action") == "docx":
                exchange = self._turn(conversation, data)
                if exchange is not None:
                    link, status = self.exporter.write(
                        [exchange], ui_lang, _style(style), viewer, f"-{exchange.position + 1}"
                    )
                    return *skip, status, link
        except Exception as exc:  # the page keeps its state; the log has the details
            message = unexpected(exc, ui_lang, "click", viewer.name)
            return *skip, status_html(message), gr.skip()
        return *skip, "", gr.skip()

    def _translate(
        self, conversation: list[Exchange], data: dict[str, Any], ui_lang: str, style: str
    ) -> tuple[Any, ...]:
        """The quotes of one answer translated by the configured model, shown beneath it."""
        exchange = self._turn(conversation, data)
        if exchange is None or exchange.translation or not exchange.translatable:
            return (gr.skip(),) * 4 + ("", gr.skip())
        model = self.service.llm.model if self.service.llm is not None else None
        try:
            exchange.translation = translate_quotes(model, exchange.answer)
        except TranslationUnavailable as exc:
            message = label("translation_failed", ui_lang, reason=str(exc))
            return (gr.skip(),) * 4 + (status_html(message), gr.skip())
        chat = conversation_html(conversation, ui_lang, style=style)
        return gr.skip(), chat, conversation, gr.skip(), "", gr.skip()

    @staticmethod
    def _turn(conversation: list[Exchange], data: dict[str, Any]) -> Exchange | None:
        try:
            return conversation[int(data.get("turn", -1))]
        except (ValueError, TypeError, IndexError):
            return None

    def _feedback(
        self,
        conversation: list[Exchange],
        data: dict[str, Any],
        correction: str,
        ui_lang: str,
        style: str,
        viewer: Viewer,
        conversation_id: str,
    ) -> tuple[Any, ...]:
        verdict = str(data.get("verdict", ""))
        exchange = self._turn(conversation, data)
        if exchange is None or verdict not in VERDICTS or exchange.feedback:
            return (gr.skip(),) * 4 + ("", gr.skip())
        self.feedback.record(exchange, verdict, correction, viewer.name)
        exchange.feedback = verdict
        self.history.record_feedback(viewer, conversation_id, exchange, verdict)
        chat = conversation_html(conversation, ui_lang, style=style)
        return gr.skip(), chat, conversation, "", "", gr.skip()

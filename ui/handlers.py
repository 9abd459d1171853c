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
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import ConfigurationError, QuestionError
from assistant.models import Answer
from assistant.service import AssistantService
from ui.access import AccessDenied, AccessPolicy, Viewer
from ui.api import caller_language, unexpected, validate_ask
from ui.conversation import Exchange, history
from ui.export import answer_markdown, export_docx
from ui.export_store import ExportStore
from ui.feedback import VERDICTS, FeedbackLog
from ui.i18n import label, pick_language
from ui.login_guard import LoginGuard
from ui.page_load import LOAD_OUTPUTS, page_values
from ui.render import conversation_html
from ui.source_panel import source_html
from ui.uploads import UploadManager

logger = logging.getLogger(__name__)

ASK_OUTPUTS = ("chat", "conversation", "question", "copy", "status")
CLICK_OUTPUTS = ("source", "chat", "conversation", "correction", "status")
UPLOAD_OUTPUTS = ("upload_result", "documents", "upload_files")
EXPORT_OUTPUTS = ("export_file", "status")
STREAM_INTERVAL_S = 0.1  # at most ten re-renders a second while a model streams


def status_html(message: str) -> str:
    return f'<p class="rq-status">{escape(message)}</p>' if message else ""


class ChatHandlers:
    """Holds the one AssistantService of the server process and everything around it."""

    def __init__(
        self,
        service: AssistantService,
        policy: AccessPolicy,
        uploads: UploadManager,
        feedback: FeedbackLog,
    ) -> None:
        self.service = service
        self.policy = policy
        self.uploads = uploads
        self.feedback = feedback
        settings = service.settings
        self.exports = ExportStore(settings.export_ttl_s)
        self.login = LoginGuard(policy.users, settings) if policy.users is not None else None

    def close(self) -> None:
        self.exports.close()
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
        logger.info("page load", extra={"user": viewer.name, "role": viewer.role, "ui": ui_lang})
        self.exports.expire()  # expired exports leave the disk at the next page load at the latest
        return tuple(values[name] for name in LOAD_OUTPUTS)

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
        request: gr.Request,
    ) -> Iterator[tuple[Any, ...]]:
        """Stream the answer into the chat, then replace the draft with the verified answer."""
        viewer = self.viewer(request)
        conversation = list(conversation or [])
        text = (question or "").strip()
        yield (
            conversation_html(conversation, ui_lang, (text, "")),
            conversation,
            "",
            gr.skip(),
            "",
        )
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
                    pending = conversation_html(conversation, ui_lang, (text, draft))
                    yield pending, conversation, "", gr.skip(), ""
        except (QuestionError, ConfigurationError) as exc:
            yield self._failed(conversation, question, ui_lang, str(exc))
            return
        except Exception as exc:  # take the pending turn down again; the log has the details
            message = unexpected(exc, ui_lang, "chat", viewer.name)
            yield self._failed(conversation, question, ui_lang, message)
            return
        if answer is None:  # the service always ends with an answer; never show a blank turn
            raise gr.Error("the assistant returned no answer")
        exchange = Exchange.of(text, answer)
        conversation.append(exchange)
        yield (
            conversation_html(conversation, ui_lang),
            conversation,
            "",
            answer_markdown(exchange, ui_lang),
            "",
        )

    @staticmethod
    def _failed(
        conversation: list[Exchange], question: str, ui_lang: str, message: str
    ) -> tuple[Any, ...]:
        """The chat as it was, the question back in its box, and why."""
        chat = conversation_html(conversation, ui_lang)
        return chat, conversation, question, gr.skip(), status_html(message)

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

    # --- clicks inside the chat: citations and feedback ----------------------------------------
    def click(
        self,
        conversation: list[Exchange] | None,
        correction: str | None,
        ui_lang: str,
        event: gr.EventData,
        request: gr.Request,
    ) -> tuple[Any, ...]:
        viewer = self.viewer(request)
        data = getattr(event, "_data", None) or {}
        conversation = list(conversation or [])
        try:
            return self._click(conversation, correction or "", ui_lang, data, viewer)
        except Exception as exc:  # the page keeps its state; the log has the details
            message = unexpected(exc, ui_lang, "click", viewer.name)
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), status_html(message)

    def _click(
        self,
        conversation: list[Exchange],
        correction: str,
        ui_lang: str,
        data: dict[str, Any],
        viewer: Viewer,
    ) -> tuple[Any, ...]:
        if data.get("action") == "cite":
            view = self.service.library.source(
                str(data.get("symbol", "")),
                str(data.get("label", "")),
                str(data.get("lang", "")),
                viewer.filters(),
            )
            html = source_html(view, ui_lang)
            return html, gr.skip(), gr.skip(), gr.skip(), ""
        if data.get("action") == "feedback":
            return self._feedback(conversation, data, correction, ui_lang, viewer)
        return gr.skip(), gr.skip(), gr.skip(), gr.skip(), ""

    def _feedback(
        self,
        conversation: list[Exchange],
        data: dict[str, Any],
        correction: str,
        ui_lang: str,
        viewer: Viewer,
    ) -> tuple[Any, ...]:
        verdict = str(data.get("verdict", ""))
        try:
            exchange = conversation[int(data.get("turn", -1))]
        except (ValueError, TypeError, IndexError):
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), ""
        if verdict not in VERDICTS or exchange.feedback:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), ""
        self.feedback.record(exchange, verdict, correction, viewer.name)
        exchange.feedback = verdict
        return (
            gr.skip(),
            conversation_html(conversation, ui_lang),
            conversation,
            "",
            "",
        )

    # --- upload and export ----------------------------------------------------------------------
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
            return label("upload_denied", ui_lang), gr.skip(), None
        paths = [Path(f) for f in files or []]
        if not paths:
            return "", gr.skip(), None

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
        )

    def export(
        self, conversation: list[Exchange] | None, ui_lang: str, request: gr.Request
    ) -> tuple[Any, ...]:
        viewer = self.viewer(request)
        if not conversation:
            return gr.update(value=None, visible=False), status_html(
                label("nothing_to_export", ui_lang)
            )
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        token, path = self.exports.new_path(f"reformqa-{stamp}.docx")
        try:
            export_docx(list(conversation), path, ui_lang, viewer.name)
        except Exception as exc:
            message = unexpected(exc, ui_lang, "export", viewer.name)
            return gr.update(value="", visible=False), status_html(message)
        url = self.exports.add(token, viewer.name, path)
        link = f'<a href="{escape(url)}" download="{escape(path.name)}">{escape(path.name)}</a>'
        return gr.update(value=link, visible=True), ""

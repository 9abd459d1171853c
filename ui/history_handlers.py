"""The sidebar's saved conversations: list, open, start, rename, delete, and saving each answer.

The history is the server's (assistant.history, in the store's SQLite), keyed by the viewer
the server derives from the request, so a reload or another device opens the same list, and
no id sent by a browser reaches another user's conversation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import gradio as gr

from assistant.history import HistoryService
from ui.access import AccessPolicy, Viewer
from ui.conversation import Exchange
from ui.i18n import label
from ui.render import conversation_html

logger = logging.getLogger(__name__)

# What opening, starting or deleting a conversation changes on the page.
OPEN_OUTPUTS = ("chat", "conversation", "conversation_id", "conversation_name", "history")


class HistoryHandlers:
    """Events of the history sidebar, and the saving of answers for the chat handler."""

    def __init__(
        self,
        history: HistoryService,
        policy: AccessPolicy,
        viewer: Callable[[gr.Request | None], Viewer],
        translatable: bool = False,
    ) -> None:
        self.history = history
        self.policy = policy
        self.viewer = viewer
        self.translatable = translatable  # a chat model is configured

    def close(self) -> None:
        self.history.close()

    def owner(self, viewer: Viewer) -> str | None:
        return self.policy.history_owner(viewer)

    def choices(self, owner: str | None) -> list[tuple[str, str]]:
        """(title, id) of the owner's conversations, most recent first."""
        if owner is None:
            return []
        return [(row.title, row.id) for row in self.history.conversations(owner)]

    def listing(self, owner: str | None, selected: str) -> Any:
        return gr.update(choices=self.choices(owner), value=selected or None)

    def title(self, owner: str | None, conversation: str) -> str:
        return dict((cid, title) for title, cid in self.choices(owner)).get(conversation, "")

    def saved(self, owner: str, conversation: str) -> list[Exchange]:
        return [
            Exchange(turn.question, turn.answer, turn.feedback, turn.position, self.translatable)
            for turn in self.history.turns(owner, conversation)
        ]

    def latest(self, viewer: Viewer) -> tuple[str, list[Exchange]]:
        """The most recently used conversation, reopened at page load ("", [] if none)."""
        owner = self.owner(viewer)
        rows = self.history.conversations(owner) if owner is not None else []
        if not rows:
            return "", []
        return rows[0].id, self.saved(owner or "", rows[0].id)

    def record(self, viewer: Viewer, conversation_id: str, exchange: Exchange) -> str:
        """Save an answered question; the conversation's id (a new one on the first answer, or
        when the open one was deleted from another device meanwhile)."""
        owner = self.owner(viewer)
        if owner is None:
            return ""
        if conversation_id:
            try:
                exchange.position = self.history.add(
                    owner, conversation_id, exchange.question, exchange.answer
                )
                return conversation_id
            except KeyError:
                logger.info("conversation gone; starting another", extra={"user": owner})
        conversation_id = self.history.start(owner, exchange.question)
        exchange.position = self.history.add(
            owner, conversation_id, exchange.question, exchange.answer
        )
        return conversation_id

    def record_feedback(
        self, viewer: Viewer, conversation_id: str, exchange: Exchange, verdict: str
    ) -> None:
        owner = self.owner(viewer)
        if owner is not None and conversation_id and exchange.position >= 0:
            self.history.feedback(owner, conversation_id, exchange.position, verdict)

    # --- sidebar events --------------------------------------------------------------------
    def open(
        self, conversation_id: str | None, ui_lang: str, style: str, request: gr.Request
    ) -> tuple[Any, ...]:
        """Show a saved conversation; an id that is not the viewer's opens nothing."""
        viewer = self.viewer(request)
        owner = self.owner(viewer)
        if owner is None or not conversation_id:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        conversation = self.saved(owner, conversation_id)
        if not conversation and not self.history.owns(owner, conversation_id):
            return self.start(ui_lang, style, request)
        title = self.title(owner, conversation_id)
        return (
            conversation_html(conversation, ui_lang, style=style),
            conversation,
            conversation_id,
            title,
            gr.skip(),
        )

    def start(self, ui_lang: str, style: str, request: gr.Request) -> tuple[Any, ...]:
        """An empty chat; the conversation is saved once its first question is answered."""
        owner = self.owner(self.viewer(request))
        return (
            conversation_html([], ui_lang, style=style),
            [],
            "",
            "",
            self.listing(owner, ""),
        )

    def rename(self, conversation_id: str | None, name: str | None, request: gr.Request) -> Any:
        owner = self.owner(self.viewer(request))
        if owner is None or not conversation_id:
            return gr.skip()
        self.history.rename(owner, conversation_id, name or "")
        return self.listing(owner, conversation_id)

    def delete(
        self, conversation_id: str | None, ui_lang: str, style: str, request: gr.Request
    ) -> tuple[Any, ...]:
        owner = self.owner(self.viewer(request))
        if owner is not None and conversation_id:
            self.history.delete(owner, conversation_id)
        return self.start(ui_lang, style, request)

    def load_values(self, viewer: Viewer, ui_lang: str, style: str) -> dict[str, Any]:
        """The sidebar at page load, with the latest conversation reopened."""
        owner = self.owner(viewer)
        conversation_id, conversation = self.latest(viewer)
        title = self.title(owner, conversation_id)
        return {
            "history": gr.update(
                label=label("history", ui_lang),
                choices=self.choices(owner),
                value=conversation_id or None,
                info=None if owner is not None else label("no_history", ui_lang),
            ),
            "new_conversation": gr.update(value=label("new_conversation", ui_lang)),
            "conversation_name": gr.update(label=label("conversation_name", ui_lang), value=title),
            "rename": gr.update(value=label("rename", ui_lang)),
            "delete": gr.update(value=label("delete_conversation", ui_lang)),
            "conversation": conversation,
            "conversation_id": conversation_id,
            "chat": conversation_html(conversation, ui_lang, style=style),
        }

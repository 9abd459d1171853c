"""Saved conversations as the service sees them: answers in, answers out, per owner.

The UI keeps no conversation of its own beyond the page: it asks this service to start one,
add each answered question, and reopen, rename or delete it. Answers are written as JSON here
(and read back into the same `Answer` type), so the store keeps text and never our classes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any

from assistant.citations import Citation
from assistant.models import Answer
from reformqa.settings import Settings
from store.history import ConversationRow, HistoryStore

__all__ = ["ConversationRow", "HistoryService", "SavedTurn", "answer_from_json", "answer_to_json"]

_CITATION_FIELDS = {f.name for f in fields(Citation)}


@dataclass
class SavedTurn:
    """A question, its answer, and the feedback given on it, as saved."""

    position: int
    question: str
    answer: Answer
    feedback: str


def answer_to_json(answer: Answer) -> str:
    """Everything the chat shows of an answer (not its retrieved sources: they are large, and
    the citations hold the text of every paragraph the answer relies on)."""
    data: dict[str, Any] = {
        "question": answer.question,
        "text": answer.text,
        "abstained": answer.abstained,
        "citations": [c.to_json() for c in answer.citations],
        "standalone_query": answer.standalone_query,
        "language": answer.language,
        "mode": answer.mode,
        "timings_ms": answer.timings_ms,
        "notice": answer.notice,
        "quote_languages": answer.quote_languages,
        "framing": answer.framing,
    }
    return json.dumps(data, ensure_ascii=False)


def _citation(data: dict[str, Any]) -> Citation:
    values = dict(data)
    values["symbol"] = values.pop("doc")
    values["label"] = values.pop("para")
    values["language"] = values.pop("lang", "")
    return Citation(**{k: v for k, v in values.items() if k in _CITATION_FIELDS})


def answer_from_json(text: str) -> Answer:
    data = json.loads(text)
    return Answer(
        question=data["question"],
        text=data["text"],
        abstained=bool(data["abstained"]),
        citations=[_citation(c) for c in data.get("citations", [])],
        standalone_query=data.get("standalone_query", data["question"]),
        language=data.get("language", "en"),
        mode=data.get("mode", "extractive"),
        timings_ms=dict(data.get("timings_ms", {})),
        notice=data.get("notice", ""),
        quote_languages=list(data.get("quote_languages", [])),
        framing=data.get("framing", ""),
    )


class HistoryService:
    """Each owner's conversations: start, append, list, reopen, rename, delete."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store

    @classmethod
    def open(cls, settings: Settings) -> HistoryService:
        """History beside the catalog, in the store's SQLite database."""
        return cls(HistoryStore(settings.store / "catalog.sqlite3"))

    def close(self) -> None:
        self.store.close()

    def start(self, owner: str, title: str) -> str:
        return self.store.create(owner, title)

    def add(self, owner: str, conversation: str, question: str, answer: Answer) -> int:
        """Save an answered question at the end of the conversation; its position."""
        return self.store.append(owner, conversation, question, answer_to_json(answer))

    def conversations(self, owner: str) -> list[ConversationRow]:
        return self.store.conversations(owner)

    def turns(self, owner: str, conversation: str) -> list[SavedTurn]:
        """The conversation as saved; [] for an unknown id or someone else's conversation."""
        return [
            SavedTurn(row.position, row.question, answer_from_json(row.answer), row.feedback)
            for row in self.store.turns(owner, conversation)
        ]

    def owns(self, owner: str, conversation: str) -> bool:
        return self.store.owns(owner, conversation)

    def feedback(self, owner: str, conversation: str, position: int, verdict: str) -> bool:
        return self.store.set_feedback(owner, conversation, position, verdict)

    def rename(self, owner: str, conversation: str, title: str) -> bool:
        return bool(title.strip()) and self.store.rename(owner, conversation, title)

    def delete(self, owner: str, conversation: str) -> bool:
        return self.store.delete(owner, conversation)

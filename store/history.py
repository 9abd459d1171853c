"""Saved conversations: each user's questions and answers, in the store's SQLite database.

A conversation lives on the server, not in the browser, so it survives a reload and opens on
another device. The tables sit in the catalog's database file (its own tables, its own
connection) so that a store folder is still one thing to back up or move. Every query names the
owner: one user can never read, rename or delete another's conversation, even with its id.
Answers are stored as JSON the service layer writes and reads; this module does not know
their shape.
"""

from __future__ import annotations

import secrets
import sqlite3
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from store.catalog import immediate_transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS history_conversations (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, title TEXT NOT NULL,
    created REAL NOT NULL, updated REAL NOT NULL);
CREATE INDEX IF NOT EXISTS history_by_owner ON history_conversations(owner, updated);
CREATE TABLE IF NOT EXISTS history_turns (
    conversation TEXT NOT NULL REFERENCES history_conversations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
    feedback TEXT NOT NULL DEFAULT '', created REAL NOT NULL,
    PRIMARY KEY (conversation, position));
"""
MAX_TITLE_CHARS = 120


@dataclass(frozen=True)
class ConversationRow:
    """One saved conversation as the sidebar lists it."""

    id: str
    title: str
    created: float
    updated: float
    turns: int


@dataclass(frozen=True)
class TurnRow:
    """One saved question with its answer (JSON, as the service wrote it) and feedback."""

    position: int
    question: str
    answer: str
    feedback: str


class HistoryStore:
    """Typed access to the history tables; safe to share between the server's threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA busy_timeout=10000")  # an ingest may hold the write lock
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return immediate_transaction(self.db)

    def create(self, owner: str, title: str) -> str:
        """A new, empty conversation; its id is random, so ids reveal nothing and clash never."""
        conversation = secrets.token_urlsafe(12)
        now = time.time()
        self.db.execute(
            "INSERT INTO history_conversations VALUES (?, ?, ?, ?, ?)",
            (conversation, owner, _title(title), now, now),
        )
        return conversation

    def conversations(self, owner: str) -> list[ConversationRow]:
        """The owner's conversations, most recently used first."""
        rows = self.db.execute(
            "SELECT c.id, c.title, c.created, c.updated, COUNT(t.position) "
            "FROM history_conversations c LEFT JOIN history_turns t ON t.conversation = c.id "
            "WHERE c.owner = ? GROUP BY c.id ORDER BY c.updated DESC, c.created DESC",
            (owner,),
        ).fetchall()
        return [ConversationRow(*row) for row in rows]

    def owns(self, owner: str, conversation: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM history_conversations WHERE id = ? AND owner = ?",
            (conversation, owner),
        ).fetchone()
        return row is not None

    def turns(self, owner: str, conversation: str) -> list[TurnRow]:
        """The conversation's turns in order; [] when it is not the owner's."""
        rows = self.db.execute(
            "SELECT t.position, t.question, t.answer, t.feedback FROM history_turns t "
            "JOIN history_conversations c ON c.id = t.conversation "
            "WHERE t.conversation = ? AND c.owner = ? ORDER BY t.position",
            (conversation, owner),
        ).fetchall()
        return [TurnRow(*row) for row in rows]

    def append(self, owner: str, conversation: str, question: str, answer: str) -> int:
        """Add a turn at the end; its position. KeyError when the conversation is not the
        owner's (deleted meanwhile, or someone else's)."""
        now = time.time()
        with self._transaction() as db:
            if not self.owns(owner, conversation):
                raise KeyError(conversation)
            (position,) = db.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM history_turns WHERE conversation = ?",
                (conversation,),
            ).fetchone()
            db.execute(
                "INSERT INTO history_turns VALUES (?, ?, ?, ?, '', ?)",
                (conversation, position, question, answer, now),
            )
            db.execute(
                "UPDATE history_conversations SET updated = ? WHERE id = ?", (now, conversation)
            )
        return int(position)

    def set_feedback(self, owner: str, conversation: str, position: int, verdict: str) -> bool:
        cursor = self.db.execute(
            "UPDATE history_turns SET feedback = ? WHERE conversation = ? AND position = ? "
            "AND conversation IN (SELECT id FROM history_conversations WHERE owner = ?)",
            (verdict, conversation, position, owner),
        )
        return cursor.rowcount > 0

    def rename(self, owner: str, conversation: str, title: str) -> bool:
        cursor = self.db.execute(
            "UPDATE history_conversations SET title = ? WHERE id = ? AND owner = ?",
            (_title(title), conversation, owner),
        )
        return cursor.rowcount > 0

    def delete(self, owner: str, conversation: str) -> bool:
        """Remove the conversation and its turns; False when it is not the owner's."""
        with self._transaction() as db:
            if not self.owns(owner, conversation):
                return False
            db.execute("DELETE FROM history_turns WHERE conversation = ?", (conversation,))
            db.execute("DELETE FROM history_conversations WHERE id = ?", (conversation,))
        return True


def _title(title: str) -> str:
    """One line, at most MAX_TITLE_CHARS characters, cut between words where there are any."""
    text = " ".join(title.split())
    if len(text) <= MAX_TITLE_CHARS:
        return text
    cut = text[: MAX_TITLE_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_TITLE_CHARS // 2 else cut) + "…"

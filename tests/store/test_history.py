"""Saved conversations in the store's SQLite: per owner, in order, renamed, deleted, and never
reachable by another owner, even with the conversation's id."""

from __future__ import annotations

from store.history import MAX_TITLE_CHARS, HistoryStore


def test_turns_are_kept_in_order_per_owner(tmp_path):
    store = HistoryStore(tmp_path / "catalog.sqlite3")
    first = store.create("amina", "What share of outcomes?")
    assert store.append("amina", first, "q1", '{"a": 1}') == 0
    assert store.append("amina", first, "q2", '{"a": 2}') == 1
    other = store.create("dana", "Mine")
    assert [row.id for row in store.conversations("amina")] == [first]
    assert [(t.position, t.question, t.answer) for t in store.turns("amina", first)] == [
        (0, "q1", '{"a": 1}'),
        (1, "q2", '{"a": 2}'),
    ]
    assert store.conversations("amina")[0].turns == 2
    assert store.turns("dana", first) == []  # someone else's id reads nothing
    assert store.conversations("dana")[0].id == other
    store.close()


def test_another_owner_can_neither_append_rename_nor_delete(tmp_path):
    store = HistoryStore(tmp_path / "catalog.sqlite3")
    conversation = store.create("amina", "Budget")
    store.append("amina", conversation, "q", "{}")
    try:
        store.append("dana", conversation, "q", "{}")
        raise AssertionError("appended to another owner's conversation")
    except KeyError:
        pass
    assert not store.rename("dana", conversation, "stolen")
    assert not store.delete("dana", conversation)
    assert not store.set_feedback("dana", conversation, 0, "wrong")
    assert store.conversations("amina")[0].title == "Budget"
    assert store.set_feedback("amina", conversation, 0, "helpful")
    assert store.turns("amina", conversation)[0].feedback == "helpful"


def test_rename_delete_and_reopen_from_a_second_connection(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    store = HistoryStore(path)
    older = store.create("amina", "older")
    newer = store.create("amina", "newer")
    store.append("amina", older, "q", "{}")  # using a conversation brings it to the top
    assert [row.title for row in store.conversations("amina")] == ["older", "newer"]
    assert store.rename("amina", newer, "  Renamed\n title ")
    assert store.delete("amina", older)
    again = HistoryStore(path)  # another process, or the server after a restart
    assert [(row.id, row.title) for row in again.conversations("amina")] == [
        (newer, "Renamed title")
    ]
    assert again.turns("amina", older) == []


def test_long_titles_are_cut_between_words(tmp_path):
    store = HistoryStore(tmp_path / "catalog.sqlite3")
    words = "budget " * 40
    conversation = store.create("amina", words)
    title = store.conversations("amina")[0].title
    assert len(title) <= MAX_TITLE_CHARS and title.endswith("budget…")
    assert store.owns("amina", conversation) and not store.owns("dana", conversation)

"""The history sidebar's handlers: each user's own conversations, a forged id opens nothing,
and anonymous visitors of a public server share no history."""

from __future__ import annotations

import gradio as gr
import pytest

from assistant.history import HistoryService
from store.history import HistoryStore
from ui.access import AccessPolicy
from ui.auth import UserStore, add_user
from ui.conversation import Exchange
from ui.history_handlers import OPEN_OUTPUTS, HistoryHandlers

QUESTION = "What share of Cooperation Framework outcomes did UN-Habitat contribute to?"


@pytest.fixture
def users(tmp_path) -> UserStore:
    path = tmp_path / "users.json"
    add_user(path, "amina", "amina-password", "staff", iterations=1000)
    add_user(path, "dana", "dana-password", "delegate", iterations=1000)
    return UserStore.load(path)


def handlers_for(policy: AccessPolicy, folder) -> HistoryHandlers:
    history = HistoryService(HistoryStore(folder / "history.sqlite3"))
    return HistoryHandlers(history, policy, lambda request: policy.viewer(request.username))


def request(user: str | None) -> gr.Request:
    return gr.Request(username=user, headers={})


def test_each_user_reopens_only_their_own_conversations(users, tmp_path, service):
    history = handlers_for(AccessPolicy(users, "0.0.0.0"), tmp_path)
    amina = history.policy.viewer("amina")
    exchange = Exchange.of(QUESTION, service.ask(QUESTION))
    conversation = history.record(amina, "", exchange)
    assert conversation and exchange.position == 0
    opened = dict(
        zip(OPEN_OUTPUTS, history.open(conversation, "en", "un", request("amina")), strict=True)
    )
    assert [e.question for e in opened["conversation"]] == [QUESTION]
    assert opened["conversation_name"] == QUESTION and "rq-chip" in opened["chat"]

    forged = dict(
        zip(OPEN_OUTPUTS, history.open(conversation, "en", "un", request("dana")), strict=True)
    )
    assert forged["conversation"] == [] and forged["conversation_id"] == ""
    assert history.rename(conversation, "mine now", request("dana"))["choices"] == []
    history.delete(conversation, "en", "un", request("dana"))
    assert history.choices("amina") == [(QUESTION, conversation)]

    again = history.record(amina, conversation, Exchange.of("and footnote 6?", exchange.answer))
    assert again == conversation and len(history.saved("amina", conversation)) == 2
    history.delete(conversation, "en", "un", request("amina"))
    assert history.choices("amina") == []
    # the open conversation was deleted meanwhile (another device): the next answer starts one
    started = history.record(amina, conversation, Exchange.of(QUESTION, exchange.answer))
    assert started and started != conversation


def test_anonymous_visitors_of_a_public_server_keep_no_history(tmp_path, service):
    history = handlers_for(AccessPolicy(None, "0.0.0.0"), tmp_path)
    anonymous = history.policy.viewer(None)
    assert history.owner(anonymous) is None
    assert history.record(anonymous, "", Exchange.of(QUESTION, service.ask(QUESTION))) == ""
    values = history.load_values(anonymous, "fr", "un")
    assert values["history"]["choices"] == [] and values["conversation"] == []
    assert "ne sont pas enregistrées" in values["history"]["info"]
    local = handlers_for(AccessPolicy(None, "127.0.0.1"), tmp_path / "local")
    assert local.owner(local.policy.viewer(None)) == "local"  # the store owner, on loopback

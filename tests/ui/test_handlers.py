"""The page's handlers with a real service: streaming in llm mode (LangChain's fake chat model
stands in for a server), errors shown in place, feedback, export, and the page-load setup."""

from __future__ import annotations

import json

import gradio as gr
import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.history import HistoryService
from assistant.llm import keyed_sources
from assistant.service import AssistantService
from store.filters import SearchFilters
from store.history import HistoryStore
from ui.app import create_handlers
from ui.handlers import ASK_OUTPUTS, LOAD_OUTPUTS

QUESTION = "What share of Cooperation Framework outcomes did UN-Habitat contribute to?"
LOCAL = gr.Request(username=None, headers={"accept-language": "es-ES,es;q=0.9"})


def scratch_history(folder) -> HistoryService:
    """History in a folder of its own: the session's seed store stays read-only."""
    return HistoryService(HistoryStore(folder / "history.sqlite3"))


@pytest.fixture
def handlers(seed_store, embedder, tmp_path):
    chat = create_handlers(
        seed_store, AssistantService(seed_store, embedder=embedder), scratch_history(tmp_path)
    )
    chat.feedback.path = tmp_path / "feedback.jsonl"
    yield chat
    chat.close()


def llm_handlers(seed_store, embedder, reply_for, folder) -> object:
    probe = AssistantService(seed_store, embedder=embedder)
    retrieval = probe.retriever.run(QUESTION, SearchFilters())
    keys = {source.key: key for key, source in keyed_sources(retrieval.sources).items()}
    model = GenericFakeChatModel(messages=iter([AIMessage(content=reply_for(keys))]))
    return create_handlers(
        seed_store,
        AssistantService(seed_store, embedder=embedder, chat_model=model),
        scratch_history(folder),
    )


def named(values: tuple, names: tuple[str, ...]) -> dict:
    return dict(zip(names, values, strict=True))


def test_llm_answers_stream_then_show_the_verified_answer(
    seed_store, embedder, monkeypatch, tmp_path
):
    monkeypatch.setattr("ui.handlers.STREAM_INTERVAL_S", 0.0)  # show every delta

    def reply(keys):
        nine = keys[("HSP/EB.2026/12", "9")]
        return f"UN-Habitat contributed to at least 82% of priority outcomes [{nine}]."

    chat = llm_handlers(seed_store, embedder, reply, tmp_path)
    steps = [
        named(step, ASK_OUTPUTS)
        for step in chat.ask(QUESTION, [], [], "", "llm", 5, "en", "un", "", LOCAL)
    ]
    assert "rq-pending" in steps[0]["chat"] and steps[0]["question"] == ""
    drafts = [s["chat"] for s in steps[1:-1]]
    assert drafts and all("rq-draft" in d and "Drafting…" in d for d in drafts)
    assert "UN-Habitat" in drafts[0] and "[S" not in drafts[0]
    assert "outcomes [S" in drafts[-1]  # the raw model text, keys and all, while it streams
    final = steps[-1]
    assert "rq-pending" not in final["chat"] and "[S" not in final["chat"]
    assert ">(HSP/EB.2026/12, para. 9)</button>" in final["chat"]
    assert final["conversation"][0].answer.mode == "llm"
    assert "82% of priority outcomes. (HSP/EB.2026/12, para. 9)" in final["chat"]
    assert (
        final["conversation_id"] and final["history"]["choices"][0][1] == final["conversation_id"]
    )
    assert final["conversation_name"] == QUESTION  # a new conversation is named by its question
    load = named(chat.load(LOCAL), LOAD_OUTPUTS)
    assert [value for _, value in load["mode"]["choices"]] == ["extractive", "llm"]
    assert load["mode"]["interactive"]


def test_follow_ups_carry_the_conversation(handlers):
    *_, first = handlers.ask(
        "What does paragraph 14 say?", [], [], "", "", 5, "en", "un", "", LOCAL
    )
    conversation = named(first, ASK_OUTPUTS)["conversation"]
    *_, second = handlers.ask("and footnote 6?", conversation, [], "", "", 5, "en", "un", "", LOCAL)
    conversation = named(second, ASK_OUTPUTS)["conversation"]
    assert len(conversation) == 2
    assert conversation[1].answer.citations[0].key == ("HSP/EB.2026/12", "fn6")


def test_question_errors_are_shown_and_the_question_kept(handlers):
    steps = [
        named(s, ASK_OUTPUTS)
        for s in handlers.ask("  ?!  ", [], [], "", "", 5, "en", "un", "", LOCAL)
    ]
    assert "The question is empty" in steps[-1]["status"]  # in the interface language
    assert steps[-1]["question"] == "  ?!  " and steps[-1]["conversation"] == []
    steps = [
        named(s, ASK_OUTPUTS) for s in handlers.ask("?", [], [], "", "", 5, "ar", "un", "", LOCAL)
    ]
    assert "السؤال فارغ" in steps[-1]["status"] and 'role="alert"' in steps[-1]["status"]
    long = "x" * 2001
    steps = [
        named(s, ASK_OUTPUTS) for s in handlers.ask(long, [], [], "", "", 5, "zh", "un", "", LOCAL)
    ]
    assert "过长：2001 个字符" in steps[-1]["status"]
    steps = [
        named(s, ASK_OUTPUTS)
        for s in handlers.ask(QUESTION, [], [], "", "llm", 5, "en", "un", "", LOCAL)
    ]
    assert "mode: llm needs a model" in steps[-1]["status"]


def test_page_load_in_the_browsers_language_without_a_model(handlers):
    load = named(handlers.load(LOCAL), LOAD_OUTPUTS)
    assert load["ui_lang"] == "es"
    assert load["ask"]["value"] == "Preguntar"
    assert load["mode"]["choices"] == [("Citas de los documentos", "extractive")]
    assert not load["mode"]["interactive"]
    assert load["documents"]["choices"] == [
        ("HSP/EB.2026/12 — 人居署实施联合国发展系统和管理改革的情况 [zh]", "HSP/EB.2026/12")
    ]
    assert load["upload_box"]["visible"] and not load["logout"]["visible"]
    assert "**local** (personal)" in load["user_info"]


def test_feedback_click_and_export(handlers):
    *_, final = handlers.ask(QUESTION, [], [], "", "", 5, "en", "un", "", LOCAL)
    conversation = named(final, ASK_OUTPUTS)["conversation"]
    vote = gr.EventData(None, {"action": "feedback", "turn": 0, "verdict": "wrong"})
    conversation_id = named(final, ASK_OUTPUTS)["conversation_id"]
    _, chat, conversation, correction, _, _ = handlers.click(
        conversation, "82 per cent", "en", "un", conversation_id, vote, LOCAL
    )
    assert "rq-fb-done" in chat and correction == ""
    again = handlers.click(conversation, "", "en", "un", conversation_id, vote, LOCAL)
    assert again[1] == gr.skip()  # one verdict per answer
    lines = handlers.feedback.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["answers"] == ["82 per cent"]

    saved = handlers.history.history.turns("local", conversation_id)
    assert [turn.feedback for turn in saved] == ["wrong"]  # the verdict is saved too

    exported, status = handlers.exporter.export(conversation, "en", "un", LOCAL)
    assert exported["visible"] and status == ""
    assert exported["value"].startswith('<a href="rq-export/') and '.docx">' in exported["value"]
    empty, status = handlers.exporter.export([], "en", "un", LOCAL)
    assert not empty["visible"] and "Nothing to export yet" in status


def test_loading_the_index_is_shown_until_the_warm_up_is_done(handlers):
    handlers.warmup.schedule()
    load = named(handlers.load(LOCAL), LOAD_OUTPUTS)
    assert "Cargando el índice" in load["status"] and 'role="status"' in load["status"]
    assert handlers.readiness("es") == (gr.skip(), gr.skip())  # still polling
    handlers.warmup.start()
    assert handlers.warmup.wait(120)
    status, timer = handlers.readiness("es")
    assert status == "" and timer.active is False
    assert named(handlers.load(LOCAL), LOAD_OUTPUTS)["status"] == ""


def test_quotes_are_translated_on_request_and_marked_as_a_machine_translation(
    seed_store, embedder, tmp_path
):
    replies = iter([AIMessage(content="In 2025, UN-Habitat contributed to Bahrain's framework.")])
    chat = create_handlers(
        seed_store,
        AssistantService(
            seed_store, embedder=embedder, chat_model=GenericFakeChatModel(messages=replies)
        ),
        scratch_history(tmp_path),
    )
    question = "Which countries' cooperation frameworks did UN-Habitat contribute to in 2025?"
    *_, final = chat.ask(question, [], [], "", "extractive", 5, "en", "un", "", LOCAL)
    final = named(final, ASK_OUTPUTS)
    assert 'data-tool="translate"' in final["chat"]  # quotes in Chinese, a model configured
    click = gr.EventData(None, {"action": "translate", "turn": 0})
    _, html, conversation, _, status, _ = chat.click(
        final["conversation"], "", "en", "un", final["conversation_id"], click, LOCAL
    )
    assert status == "" and conversation[0].translation.startswith("In 2025")
    assert 'class="rq-translation" lang="en"' in html and "Machine translation" in html
    assert 'data-tool="translate"' not in html  # once is enough
    assert "巴林" in html  # the quotes themselves stay as written
    chat.close()

"""`audience: staff` documents never reach a delegate, by any question or any route: the chat
handler, the citation panel, the document list, and the named `ask` API endpoint over HTTP.

A real store (seed + a staff-only note), a real service, the handlers the page uses, and the
Gradio server with login for the API.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request

import gradio as gr
import pytest

from assistant.service import AssistantService
from ingest.factory import open_pipeline
from reformqa.settings import Settings
from tests.conftest import SEED
from tests.ui.documents import STAFF_NOTE, write
from ui.app import create_handlers, launch
from ui.auth import add_user

STAFF_SYMBOL = "HSP/EB.2026/INF.9"
SECRETS = ("Kuala Lumpur", "4.2 million")
PASSWORDS = {"dana": "delegate-pass-1", "sam": "staff-pass-22"}
# Every way we know to ask for the staff note: by meaning, in two languages, by reference.
PROBES = [
    "Where will the Bangkok regional office be relocated?",
    "How much will the relocation of the regional office cost?",
    "Où le bureau régional de Bangkok sera-t-il transféré ?",
    f"para 1 of {STAFF_SYMBOL}",
    f"What does paragraph 2 of {STAFF_SYMBOL} say?",
    "Kuala Lumpur",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory, embedder) -> Settings:
    root = tmp_path_factory.mktemp("access")
    auth = root / "users.json"
    add_user(auth, "dana", PASSWORDS["dana"], "delegate", iterations=1000)
    add_user(auth, "sam", PASSWORDS["sam"], "staff", iterations=1000)
    settings = Settings(store=root / "store", auth=auth)
    with open_pipeline(settings, embedder) as pipeline:
        report = pipeline.run([SEED, write(root / "docs", "inf9.md", STAFF_NOTE)])
    assert not report.failed and len(report.added) == 2
    return settings


@pytest.fixture(scope="module")
def handlers(store, embedder):
    chat = create_handlers(store, AssistantService(store, embedder=embedder))
    yield chat
    chat.close()


def request(user: str | None) -> gr.Request:
    return gr.Request(username=user, headers={"accept-language": "en-GB,en;q=0.9"})


def ask_in_chat(handlers, user: str, question: str, documents: list[str] | None = None):
    """The chat's own handler, as the Ask button calls it; returns the final answer."""
    *_, final = handlers.ask(
        question, [], documents, "", "extractive", 5, "en", "un", "", request(user)
    )
    conversation = final[1]
    return conversation[-1].answer


def leaks(answer_json: dict) -> bool:
    """Whether the answer or its citations (not the question, which may name the symbol) show
    anything of the staff note."""
    shown = {key: answer_json[key] for key in ("answer", "citations", "notice")}
    text = json.dumps(shown, ensure_ascii=False)
    return STAFF_SYMBOL in text or any(secret in text for secret in SECRETS)


@pytest.mark.parametrize("question", PROBES)
def test_a_delegate_never_gets_the_staff_note(handlers, question):
    for documents in (None, [STAFF_SYMBOL]):
        answer = ask_in_chat(handlers, "dana", question, documents)
        assert not leaks(answer.to_json()), (question, answer.text)
        assert all(s.unit.symbol != STAFF_SYMBOL for s in answer.sources)
    assert not leaks(handlers.api_ask(question, [], "", "", 0, request("dana")))


@pytest.mark.parametrize("question", PROBES[:2] + PROBES[3:5])
def test_staff_get_the_staff_note_cited(handlers, question):
    answer = ask_in_chat(handlers, "sam", question)
    assert any(c.symbol == STAFF_SYMBOL for c in answer.citations), answer.text
    assert any(
        c["doc"] == STAFF_SYMBOL
        for c in handlers.api_ask(question, request=request("sam"))["citations"]
    )


def test_the_source_panel_and_document_list_follow_the_role(handlers):
    forged = gr.EventData(
        None, {"action": "cite", "symbol": STAFF_SYMBOL, "label": "1", "lang": "en"}
    )
    panel = handlers.click([], "", "en", "un", "", forged, request("dana"))[0]
    assert "not available" in panel and "Kuala Lumpur" not in panel
    panel = handlers.click([], "", "en", "un", "", forged, request("sam"))[0]
    assert "Kuala Lumpur" in panel and "rq-cited" in panel

    delegate = [symbol for _, symbol in handlers.document_choices(handlers.viewer(request("dana")))]
    staff = [symbol for _, symbol in handlers.document_choices(handlers.viewer(request("sam")))]
    assert delegate == ["HSP/EB.2026/12"]
    assert staff == ["HSP/EB.2026/12", STAFF_SYMBOL]


def test_only_staff_may_upload_and_strangers_get_nothing(handlers, tmp_path):
    note = write(tmp_path, "note.md", "1. A delegate's note.\n")
    result, documents, _, _ = handlers.upload([str(note)], "document", "en", request("dana"))
    assert result == "Only staff can add documents." and documents == gr.skip()
    with pytest.raises(gr.Error):
        handlers.api_ask("Kuala Lumpur", request=request("mallory"))
    with pytest.raises(gr.Error):
        handlers.load(request(None))


def test_without_auth_the_local_user_is_staff_only_on_loopback(store, embedder):
    service = AssistantService(store, embedder=embedder)
    try:
        for host, sees_staff in (("127.0.0.1", True), ("localhost", True), ("0.0.0.0", False)):
            local = create_handlers(store.model_copy(update={"auth": None, "host": host}), service)
            answer = local.api_ask(PROBES[0], request=request(None))
            assert leaks(answer) is sees_staff, host
    finally:
        service.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_named_ask_endpoint_applies_the_callers_role(store, handlers):
    from gradio_client import Client

    settings = store.model_copy(update={"port": _free_port()})
    demo = launch(handlers, settings)
    try:
        url = demo.local_url
        request_body = json.dumps({"data": [PROBES[3]]}).encode()
        anonymous = urllib.request.Request(
            f"{url}gradio_api/call/ask", request_body, {"Content-Type": "application/json"}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(anonymous, timeout=10)
        assert refused.value.code == 401

        delegate = Client(url, auth=("dana", PASSWORDS["dana"]), verbose=False)
        assert (
            "/ask" in delegate.view_api(print_info=False, return_format="dict")["named_endpoints"]
        )
        for question in PROBES:
            assert not leaks(delegate.predict(question, api_name="/ask")), question

        staff = Client(url, auth=("sam", PASSWORDS["sam"]), verbose=False)
        answer = staff.predict(PROBES[3], api_name="/ask")
        assert answer["citations"][0]["doc"] == STAFF_SYMBOL
        assert "Kuala Lumpur" in answer["answer"]

        with pytest.raises(ValueError):
            Client(url, auth=("dana", "wrong-password"), verbose=False)
    finally:
        demo.close()

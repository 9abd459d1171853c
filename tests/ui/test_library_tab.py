"""The library tab through its handlers: the table, the reader with anchors and deep links,
delete for staff only, and a deep link opening the tab at the document."""

from __future__ import annotations

import re

import gradio as gr
import pytest

from assistant.history import HistoryService
from assistant.service import AssistantService
from ingest.factory import open_pipeline
from reformqa.settings import Settings
from store.history import HistoryStore
from tests.conftest import SEED
from tests.ui.documents import STAFF_NOTE, write
from ui.app import create_handlers
from ui.auth import add_user
from ui.handlers import LOAD_OUTPUTS
from ui.library_panel import anchor, deep_link

STAFF_SYMBOL = "HSP/EB.2026/INF.9"


@pytest.fixture
def handlers(tmp_path, embedder):
    auth = tmp_path / "users.json"
    add_user(auth, "dana", "dana-password", "delegate", iterations=1000)
    add_user(auth, "sam", "sam-password", "staff", iterations=1000)
    settings = Settings(store=tmp_path / "store", auth=auth)
    with open_pipeline(settings, embedder) as pipeline:
        pipeline.run([SEED, write(tmp_path / "docs", "inf9.md", STAFF_NOTE)])
    history = HistoryService(HistoryStore(tmp_path / "history.sqlite3"))
    chat = create_handlers(settings, AssistantService(settings, embedder=embedder), history)
    yield chat
    chat.close()


def request(user: str, query: dict | None = None) -> gr.Request:
    return gr.Request(username=user, headers={"accept-language": "en"}, query_params=query or {})


def event(**data) -> gr.EventData:
    return gr.EventData(None, data)


def test_the_table_lists_what_the_viewer_may_see_and_delete_is_staff_only(handlers):
    library = handlers.library
    staff = library.filter("", "", "", "", "", "en", request("sam"))
    delegate = library.filter("", "", "", "", "", "en", request("dana"))
    assert STAFF_SYMBOL in staff and STAFF_SYMBOL not in delegate
    assert "HSP/EB.2026/12" in delegate
    assert "rq-lib-delete" in staff and "rq-lib-delete" not in delegate
    for heading in ("Symbol", "Title", "Date", "Languages", "Kind", "Audience", "Units"):
        assert f'<th scope="col">{heading}</th>' in staff
    assert "No document matches" in library.filter("fr", "", "", "", "", "en", request("sam"))
    assert STAFF_SYMBOL not in library.filter("", "", "2026-03-03", "", "", "en", request("sam"))
    assert STAFF_SYMBOL in library.filter("", "", "2026-13", "", "", "en", request("sam"))

    forged = event(action="delete", symbol="HSP/EB.2026/12")
    _, _, status, _ = library.click("", "", "", "", "", "en", forged, request("dana"))
    assert "Only staff" in status
    assert "HSP/EB.2026/12" in library.filter("", "", "", "", "", "en", request("dana"))
    hidden = event(action="delete", symbol=STAFF_SYMBOL)
    library.click("", "", "", "", "", "en", hidden, request("dana"))
    assert STAFF_SYMBOL in library.filter("", "", "", "", "", "en", request("sam"))

    reader, table, status, documents = library.click(
        "", "", "", "", "", "en", hidden, request("sam")
    )
    assert f"Deleted: {STAFF_SYMBOL}" in status and STAFF_SYMBOL not in table
    assert STAFF_SYMBOL not in str(documents["choices"])


def test_the_reader_has_an_anchor_and_a_link_per_unit(handlers):
    reader, *_ = handlers.library.click(
        "",
        "",
        "",
        "",
        "",
        "en",
        event(action="open", symbol="HSP/EB.2026/12", lang="zh"),
        request("dana"),
    )
    assert f'id="{anchor("9")}"' in reader and f'id="{anchor("fn6")}"' in reader
    assert 'href="?doc=HSP%2FEB.2026%2F12&amp;lang=zh#p-9"' in reader
    assert 'lang="zh" dir="ltr"' in reader and "2026-02-16" in reader
    hidden, *_ = handlers.library.click(
        "",
        "",
        "",
        "",
        "",
        "en",
        event(action="open", symbol=STAFF_SYMBOL, lang="en"),
        request("dana"),
    )
    assert "Relocate" not in hidden and "Kuala Lumpur" not in hidden


def test_a_deep_link_opens_the_library_at_the_document(handlers):
    link = deep_link("HSP/EB.2026/12", "zh", "9")
    query = dict(re.findall(r"([a-z]+)=([^&#]+)", link.replace("%2F", "/")))
    load = dict(zip(LOAD_OUTPUTS, handlers.load(request("dana", query)), strict=True))
    assert load["tabs"]["selected"] == "library"
    assert 'id="p-9"' in load["lib_reader"]
    plain = dict(zip(LOAD_OUTPUTS, handlers.load(request("dana")), strict=True))
    assert plain["tabs"]["selected"] == "chat"

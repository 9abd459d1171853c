"""Over HTTP, against a real server with login: a staff user's export is served to that user
only, not to a signed-in delegate holding its URL nor to anyone signed out, is private on disk,
and expires; the `ask` API refuses bad inputs in the caller's language and reports unexpected
failures with an id instead of `{"error": null}`."""

from __future__ import annotations

import http.cookiejar
import io
import json
import logging
import socket
import stat
import urllib.error
import urllib.parse
import urllib.request

import docx
import gradio as gr
import pytest

from assistant.service import AssistantService
from ingest.factory import open_pipeline
from reformqa.settings import Settings
from tests.conftest import SEED
from tests.ui.documents import STAFF_NOTE, write
from ui.app import create_handlers, launch
from ui.auth import add_user

PASSWORDS = {"dana": "delegate-pass-1", "sam": "staff-pass-22"}
DEFAULTS = ["", [], "", "", 0, "", ""]
STAFF_QUESTION = "Where will the Bangkok regional office be relocated?"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory, embedder) -> Settings:
    root = tmp_path_factory.mktemp("exports")
    auth = root / "users.json"
    for name, role in (("dana", "delegate"), ("sam", "staff")):
        add_user(auth, name, PASSWORDS[name], role, iterations=1000)
    settings = Settings(store=root / "store", auth=auth)
    with open_pipeline(settings, embedder) as pipeline:
        pipeline.run([SEED, write(root / "docs", "inf9.md", STAFF_NOTE)])
    return settings


@pytest.fixture(scope="module")
def server(store, embedder):
    handlers = create_handlers(store, AssistantService(store, embedder=embedder))
    demo = launch(handlers, store.model_copy(update={"port": _free_port()}))
    yield demo.local_url, handlers
    demo.close()
    handlers.close()


def session(url: str, user: str | None) -> urllib.request.OpenerDirector:
    """A cookie-keeping client, signed in as `user` (None: signed out)."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    if user is not None:
        body = urllib.parse.urlencode({"username": user, "password": PASSWORDS[user]}).encode()
        with opener.open(f"{url}login", body, timeout=30) as response:
            assert response.status == 200
    return opener


def fetch(opener: urllib.request.OpenerDirector, url: str) -> tuple[int, bytes]:
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def request(user: str) -> gr.Request:
    return gr.Request(username=user, headers={"accept-language": "en"})


def staff_export(handlers) -> str:
    *_, final = handlers.ask(
        STAFF_QUESTION, [], [], "", "extractive", 5, "en", "un", "", request("sam")
    )
    exported, status = handlers.exporter.export(final[1], "en", "un", request("sam"))
    assert status == "" and exported["visible"]
    return exported["value"].split('href="', 1)[1].split('"', 1)[0]


def test_an_export_is_served_to_its_owner_only_and_expires(server):
    url, handlers = server
    link = staff_export(handlers)
    token = link.split("/")[1]
    path = handlers.exports.get(token, "sam")
    assert path is not None and path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(handlers.exports.root.stat().st_mode) == 0o700

    status, body = fetch(session(url, "sam"), url + link)
    assert status == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
    assert "Kuala Lumpur" in text

    delegate = session(url, "dana")
    for probe in (link, link.replace(path.name, "other.docx"), f"gradio_api/file={path}"):
        status, body = fetch(delegate, url + probe)
        assert status in (403, 404) and b"Kuala Lumpur" not in body, probe
    status, body = fetch(session(url, None), url + link)
    assert status == 404 and b"Kuala Lumpur" not in body

    handlers.exports.ttl_s = 0  # every export is now past its time
    try:
        assert fetch(session(url, "sam"), url + link)[0] == 404
        assert not path.exists() and not path.parent.exists()
    finally:
        handlers.exports.ttl_s = handlers.service.settings.export_ttl_s


def call_ask(url: str, opener, data: list, language: str = "") -> tuple[str, object]:
    """The `ask` endpoint through /gradio_api/call: (event, payload) of its final event."""
    data = data + DEFAULTS[len(data) :]  # raw calls send every input; clients fill defaults
    headers = {"Content-Type": "application/json"}
    if language:
        headers["Accept-Language"] = language
    posted = urllib.request.Request(
        f"{url}gradio_api/call/ask", json.dumps({"data": data}).encode(), headers
    )
    with opener.open(posted, timeout=60) as response:
        event_id = json.loads(response.read())["event_id"]
    with opener.open(f"{url}gradio_api/call/ask/{event_id}", timeout=120) as response:
        lines = response.read().decode("utf-8").splitlines()
    events = [line.removeprefix("event: ") for line in lines if line.startswith("event: ")]
    payloads = [line.removeprefix("data: ") for line in lines if line.startswith("data: ")]
    return events[-1], json.loads(payloads[-1])


@pytest.mark.parametrize(
    ("data", "language", "expected"),
    [
        (["budget", [], "", "", 10**12], "", "k (sources per answer) must be a whole number"),
        (["budget", [], "", "", 0.5], "", "from 1 to 50"),
        (["budget", [], "", "", 51], "fr-CH,fr;q=0.9", "doit être un nombre entier de 1 à 50"),
        (["budget", [], "", "", 5, "yesterday"], "", "since must be a date written YYYY-MM-DD"),
        (["budget", [], "", "", 5, "2026-02-30"], "es", "since debe ser una fecha"),
        (["budget", [], "", "", 5, "2026-03-01", "2026-01-01"], "", "is after until"),
        (["x" * 5000], "", "question is too long: 5000 characters, at most 2000"),
        (["   "], "zh-CN", "问题为空"),
        (["budget", ["A/1"] * 51], "", "documents: at most 50 entries"),
        (["budget", [], "klingon"], "", "preferred_language must be one of"),
        (["¿Cuál es el presupuesto?", [], "", "", -1], "", "k (fuentes por respuesta)"),
    ],
)
def test_the_ask_api_refuses_bad_inputs_in_the_callers_language(server, data, language, expected):
    url, _ = server
    event, payload = call_ask(url, session(url, "dana"), data, language)
    assert event == "error" and expected in payload["error"], payload


def test_the_ask_api_accepts_good_inputs_and_dates_filter(server):
    url, _ = server
    opener = session(url, "dana")
    event, answer = call_ask(url, opener, ["What share of outcomes?", [], "", "", 50])
    assert event == "complete" and answer[0]["citations"], answer
    question = "What share of Cooperation Framework outcomes did UN-Habitat contribute to?"
    event, answer = call_ask(url, opener, [question, [], "", "", 5, "2027-01-01"])
    assert event == "complete" and not answer[0]["citations"]  # the seed is dated 2026


def test_unexpected_failures_are_logged_with_an_id(store, embedder, caplog):
    service = AssistantService(store, embedder=embedder)
    handlers = create_handlers(store, service)
    demo = launch(handlers, store.model_copy(update={"port": _free_port()}))
    service.index.close()  # a real fault: the catalog connection is gone
    try:
        url = demo.local_url
        with caplog.at_level(logging.ERROR, logger="ui.api"):
            event, payload = call_ask(url, session(url, "dana"), ["What share of outcomes?"])
        assert event == "error" and payload["error"].startswith("Something went wrong (id ")
        error_id = payload["error"].split("(id ", 1)[1].split(")", 1)[0]
        logged = [r for r in caplog.records if getattr(r, "error_id", None) == error_id]
        assert len(logged) == 1 and logged[0].exc_info is not None
    finally:
        demo.close()
        handlers.exports.close()

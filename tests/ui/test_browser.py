"""The chat UI in a real browser: `reformqa serve` as a subprocess, Chromium driven by Playwright.

Screenshots go to test-artifacts/ui/ (gitignored), with timings.json (serve to page ready).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from tests.conftest import ROOT, SEED
from tests.ui.documents import (
    FRENCH_9,
    MARKUP_HTML,
    MARKUP_TITLE,
    UPLOAD,
    corrupt_pdf,
    write,
)

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,  # starts `reformqa serve` and drives Chromium
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium: apt-get install chromium fonts-wqy-zenhei (.ci/run does)",
    ),
]
REFORMQA = str(Path(sys.executable).parent / "reformqa")
ARTIFACTS = ROOT / "test-artifacts" / "ui"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
TIMEOUT_MS = 60_000


@dataclass
class Server:
    url: str
    store: Path
    process: subprocess.Popen
    log: Path


PORTS = range(7871, 7900)  # the browser tests' own range, clear of other servers here


def _free_port() -> int:
    """The first port of PORTS nothing listens on."""
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFORMQA_")}
    env["GRADIO_ANALYTICS_ENABLED"] = "False"
    return env


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _ready(page) -> None:
    """The page is ready once the load event has filled in the labels and document list."""
    page.wait_for_selector("#rq-question textarea", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "document.querySelector('#rq-user') && "
        "document.querySelector('#rq-user').innerText.includes('local')",
        timeout=TIMEOUT_MS,
    )


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, browser):
    """Ingest the seed (and a French paragraph 9, and documents carrying markup) with the CLI,
    start `reformqa serve`, and time it to HTTP 200 and to a ready page in Chromium."""
    root = tmp_path_factory.mktemp("browser")
    store = root / "store"
    extra = root / "docs"
    paths = [
        SEED,
        write(extra, "HSP-EB.2026-12.fr.md", FRENCH_9),
        write(extra, "markup.html", MARKUP_HTML),
        write(extra, "markup-title.md", MARKUP_TITLE),
    ]
    ingested = subprocess.run(
        [REFORMQA, "ingest", *map(str, paths), "--store", str(store), "--no-progress"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
    )
    assert ingested.returncode == 0, ingested.stdout + ingested.stderr
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = root / "serve.log"
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(
            [REFORMQA, "serve", "--store", str(store), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_env(),
        )
    try:
        while not _http_ok(url):
            assert process.poll() is None, log.read_text()
            assert time.perf_counter() - started < 120, log.read_text()
            time.sleep(0.1)
        http_ready = time.perf_counter() - started
        page = browser.new_page()
        page.goto(url)
        _ready(page)
        page_ready = time.perf_counter() - started
        page.close()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        timings = {
            "serve_to_http_200_s": round(http_ready, 2),
            "serve_to_page_ready_s": round(page_ready, 2),
        }
        (ARTIFACTS / "timings.json").write_text(json.dumps(timings, indent=2) + "\n")
        yield Server(url, store, process, log)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _new_page(browser, locale: str = "en-US"):
    context = browser.new_context(
        viewport={"width": 1440, "height": 1100}, locale=locale, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page, dialogs


def _ask(page, question: str) -> object:
    """Ask and wait for the answer to replace the pending turn; returns the new turn."""
    before = page.locator("#rq-chat .rq-turn:not(.rq-pending)").count()
    page.fill("#rq-question textarea", question)
    page.click("#rq-ask")
    page.wait_for_function(
        f"document.querySelectorAll('#rq-chat .rq-turn:not(.rq-pending)').length > {before}"
        " && !document.querySelector('#rq-chat .rq-pending')"
    )
    return page.locator("#rq-chat .rq-turn").nth(before)


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_ask_cite_upload_and_export_in_chromium(server, browser, tmp_path):
    page, dialogs = _new_page(browser)
    page.goto(server.url)
    _ready(page)

    english = _ask(
        page, "What share of Cooperation Framework outcomes did UN-Habitat contribute to?"
    )
    assert "82" in english.locator(".rq-a").inner_text()
    assert english.locator(".rq-chip").first.inner_text() == "(HSP/EB.2026/12, para. 9)"
    _shot(page, "01-english-answer.png")

    chinese = _ask(page, "2025 年人居署为哪些国家的合作框架作出了贡献？")
    assert "巴林" in chinese.locator(".rq-a").inner_text()
    # one citation style for the whole conversation: UN English style by default
    assert chinese.locator(".rq-chip").first.inner_text() == "(HSP/EB.2026/12, footnote 6)"
    _shot(page, "02-chinese-answer.png")

    english.locator(".rq-chip").first.click()
    cited = page.locator("#rq-source .rq-cited")
    cited.wait_for()
    assert "82" in cited.inner_text()
    panel = page.locator("#rq-source").inner_text()
    assert "HSP/EB.2026/12" in panel and "2026-02-16" in panel
    versions = page.locator("#rq-source .rq-version")
    assert versions.count() == 1  # paragraph 9 is indexed in French and Chinese
    assert "82%" in versions.first.inner_text() or "82 %" in versions.first.inner_text()

    chinese.locator(".rq-chip").first.click()
    page.wait_for_function(
        "document.querySelector('#rq-source .rq-cited') && "
        "document.querySelector('#rq-source .rq-cited').innerText.includes('巴林')"
    )
    assert page.locator("#rq-source .rq-unit").count() >= 2  # with its neighbours
    _shot(page, "03-source-panel.png")

    upload = write(tmp_path, "HSP-EB.2026-13.en.md", UPLOAD)
    broken = corrupt_pdf(tmp_path)
    page.set_input_files("#rq-upload-files input[type=file]", [str(upload), str(broken)])
    result = page.locator("#rq-upload-result textarea")
    page.wait_for_function(
        "document.querySelector('#rq-upload-result textarea').value.includes('corrupt.pdf')"
    )
    lines = result.input_value().splitlines()
    assert "HSP-EB.2026-13.en.md: added HSP/EB.2026/13 (en)" in lines
    assert any(line.startswith("corrupt.pdf: not a readable PDF") for line in lines), lines
    page.click("#rq-filters button")  # the filters are folded away until asked for
    page.click("#rq-documents input")
    assert page.locator("text=HSP/EB.2026/13 — Urban Resilience Hub in Maputo [en]").count() == 1
    page.keyboard.press("Escape")
    _shot(page, "04-upload-results.png")

    uploaded = _ask(
        page, "What budget did the Executive Board approve for the Urban Resilience Hub?"
    )
    assert "7.5 million" in uploaded.locator(".rq-a").inner_text()
    assert "(HSP/EB.2026/13, para. 1)" in uploaded.locator(".rq-chip").all_inner_texts()
    copied = uploaded.locator(".rq-copy-md").input_value()
    assert "(HSP/EB.2026/13, para. 1)" in copied and "7.5 million" in copied

    arabic = _ask(page, "ما هي نسبة نتائج أطر التعاون التي ساهم فيها موئل الأمم المتحدة؟")
    assert arabic.locator(".rq-a").get_attribute("dir") == "rtl"
    assert arabic.locator(".rq-chip").first.inner_text() == "(HSP/EB.2026/12, para. 9)"

    english.locator(".rq-fb-btn[data-verdict=helpful]").click()
    page.locator("#rq-chat .rq-turn").first.locator(".rq-fb-done").wait_for()
    feedback = [
        json.loads(line)
        for line in (server.store / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert feedback[-1]["verdict"] == "helpful" and feedback[-1]["source"] == "feedback"
    assert feedback[-1]["citations"] == [{"doc": "HSP/EB.2026/12", "para": "9"}]
    _shot(page, "05-conversation.png")

    page.click("#rq-export")
    link = page.locator("#rq-export-file a[download]").first
    link.wait_for()
    with page.expect_download() as download_info:
        link.click()
    exported = ARTIFACTS / "conversation.docx"
    download_info.value.save_as(str(exported))
    _check_export(exported)
    _shot(page, "06-exported.png")
    assert dialogs == []


def _check_export(path: Path) -> None:
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    start = paragraphs.index("References")
    questions = paragraphs[:start]
    references = paragraphs[start + 1 :]
    assert "2025 年人居署为哪些国家的合作框架作出了贡献？" in questions
    entries = {text: references[i + 1] for i, text in enumerate(references[:-1])}
    nine = next(
        text for cite, text in entries.items() if cite.startswith("(HSP/EB.2026/12, para. 9)")
    )
    assert "82" in nine
    footnote = next(
        text for cite, text in entries.items() if cite.startswith("(HSP/EB.2026/12, footnote 6)")
    )
    assert "巴林" in footnote and "乌克兰" in footnote
    hub = next(
        text for cite, text in entries.items() if cite.startswith("(HSP/EB.2026/13, para. 1)")
    )
    assert "7.5 million dollars for the Urban Resilience Hub" in " ".join(hub.split())


def test_document_markup_is_shown_never_run_and_labels_follow_the_browser(server, browser):
    page, dialogs = _new_page(browser, locale="zh-CN")
    page.goto(server.url)
    _ready(page)
    assert page.locator("#rq-ask").inner_text().strip() == "提问"
    assert "筛选和选项" in page.locator("#rq-filters").inner_text()
    page.click("#rq-filters button")
    assert "检索的文件" in page.locator("#rq-documents").inner_text()

    turn = _ask(page, "What did the committee note in the budget annex of the Urban Lab?")
    answer = turn.locator(".rq-a").inner_text()
    assert "<script>window.__xss=2</script>" in answer
    assert '<img src=x onerror="window.__xss=3">' in answer
    turn.locator(".rq-chip").first.click()
    page.locator("#rq-source .rq-cited").wait_for()
    assert "<script>window.__xss=2</script>" in page.locator("#rq-source .rq-cited").inner_text()

    titled = _ask(
        page, "What did the review of the Urban Lab annex find about procurement records?"
    )
    titled.locator(".rq-chip").first.click()
    page.wait_for_function("document.querySelector('#rq-source').innerText.includes('TEST/XSS/2')")
    assert (
        'Annex <img src=x onerror="window.__xss=1"> review'
        in page.locator("#rq-source").inner_text()
    )
    page.wait_for_timeout(500)  # give any injected handler the chance it must not get
    assert page.evaluate("window.__xss") is None
    assert page.locator("#rq-chat img, #rq-source img, #rq-chat script").count() == 0
    assert dialogs == []
    _shot(page, "07-markup-escaped-chinese-labels.png")

    abstained = _ask(page, "2028 年奥运会在哪里举行？")
    assert (
        abstained.locator(".rq-a.rq-abstained .rq-abstain-message")
        .inner_text()
        .startswith("已索引的文件似乎没有回答这个问题")
    )
    assert abstained.locator("li .rq-chip").count() == 3
    _shot(page, "08-abstention.png")


def test_the_served_api_answers_from_gradio_client(server):
    from gradio_client import Client

    client = Client(server.url, verbose=False)
    assert "/ask" in client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    answer = client.predict("脚注 6", api_name="/ask")
    assert answer["citations"][0]["doc"] == "HSP/EB.2026/12"
    assert answer["citations"][0]["para"] == "fn6" and "巴林" in answer["answer"]
    log = server.log.read_text()
    assert "Serving http://127.0.0.1:" in log and "without --auth" not in log

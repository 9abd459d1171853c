"""Daily use in real Chromium: a signed-in server, desktop (1366x900) and phone (390x844),
English, Chinese and Arabic; saved history, keyboard, copy, one citation style, right to left,
and axe-core on the login page, the chat with an answer and the source panel (light, dark).

One `reformqa serve --auth` for the module. Screenshots and the measured timings go to
test-artifacts/ui/ (daily-*.png, daily-timings.json, axe.json); with REFORMQA_DOCS_SCREENSHOTS=1
the two README screenshots are written to docs/ as well.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from tests.conftest import ROOT, SEED
from tests.ui.accessibility import counts, run_axe, serious
from tests.ui.documents import UPLOAD
from tests.ui.test_browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    REFORMQA,
    TIMEOUT_MS,
    _env,
    _free_port,
    _http_ok,
)
from ui.auth import add_user

pytestmark = [
    pytest.mark.slow,  # starts `reformqa serve` and drives Chromium
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium (.ci/run)"),
]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
PASSWORD = "daily-use-password"
NINE = "What share of Cooperation Framework outcomes did UN-Habitat contribute to?"
CHINESE = "2025 年人居署为哪些国家的合作框架作出了贡献？"
ARABIC = "ماذا تقول الفقرة 9؟"  # "what does paragraph 9 say?": a Chinese-only paragraph
DOCS = ROOT / "docs"
TIMINGS: dict[str, float | list[float]] = {}
AXE: dict[str, dict[str, int]] = {}


@dataclass
class Served:
    url: str
    root: Path


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("daily")
    store = root / "store"
    users = root / "users.json"
    for name, role in (("amina", "staff"), ("dana", "delegate"), ("lina", "delegate")):
        add_user(users, name, PASSWORD, role, iterations=1000)
    ingested = subprocess.run(
        [REFORMQA, "ingest", str(SEED), "--store", str(store), "--no-progress"],
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
            [REFORMQA, "serve", "--store", str(store), "--port", str(port), "--auth", str(users)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_env(),
        )
    try:
        while not _http_ok(url):
            assert process.poll() is None, log.read_text()
            assert time.perf_counter() - started < 120, log.read_text()
            time.sleep(0.1)
        TIMINGS["serve_to_http_200_s"] = round(time.perf_counter() - started, 2)
        yield Served(url, root)
    finally:
        process.terminate()
        process.wait(timeout=30)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "daily-timings.json").write_text(json.dumps(TIMINGS, indent=2) + "\n")
        (ARTIFACTS / "axe.json").write_text(json.dumps(AXE, indent=2) + "\n")


def _context(browser, viewport=DESKTOP, locale="en-US", scheme="light"):
    context = browser.new_context(
        viewport=viewport, locale=locale, color_scheme=scheme, accept_downloads=True
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.set_default_timeout(TIMEOUT_MS)
    return context


def _sign_in(context, url: str, user: str):
    page = context.new_page()
    page.goto(url)
    page.locator("input[type=password]").wait_for()
    page.locator("input:not([type=password])").first.fill(user)
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("input[type=password]").press("Enter")
    page.wait_for_function(
        f"document.querySelector('#rq-user') && "
        f"document.querySelector('#rq-user').innerText.includes('{user}')"
    )
    page.wait_for_selector(".rq-chat[data-ui-lang]", state="attached")
    return page


def _ask(page, question: str, submit: str = "Enter"):
    """Type the question, send it with the keyboard, wait for the new turn; (turn, seconds)."""
    before = page.locator("#rq-chat .rq-turn:not(.rq-pending)").count()
    box = page.locator("#rq-question textarea")
    box.fill(question)
    started = time.perf_counter()
    box.press(submit)
    page.wait_for_function(
        f"document.querySelectorAll('#rq-chat .rq-turn:not(.rq-pending)').length > {before}"
        " && !document.querySelector('#rq-chat .rq-pending')"
    )
    return page.locator("#rq-chat .rq-turn").nth(before), time.perf_counter() - started


def _no_serious(page, name: str, context: str | None = None) -> None:
    # Gradio dims a component while an event it outputs to runs; measure the settled page
    page.wait_for_function("!document.querySelector('.pending, .generating, .translucent')")
    violations = run_axe(page, context)
    AXE[name] = counts(violations)
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)[:3000]


def _shot(page, name: str, docs: str = "") -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))
    if docs and os.environ.get("REFORMQA_DOCS_SCREENSHOTS") == "1":
        from PIL import Image  # matplotlib's dependency; only for the README's copies

        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / docs))
        Image.open(DOCS / docs).convert("RGB").quantize(colors=128).save(
            DOCS / docs, optimize=True
        )


def test_login_page_in_the_visitors_language_and_accessible(served, browser):
    for locale, scheme, direction in (("ar", "light", "rtl"), ("en-US", "dark", "ltr")):
        context = _context(browser, locale=locale, scheme=scheme)
        page = context.new_page()
        page.goto(served.url)
        page.locator("input[type=password]").wait_for()
        assert page.evaluate("document.documentElement.dir") == direction
        assert page.title().startswith("reformqa")
        if locale == "ar":
            assert "تسجيل الدخول" in page.title()
            assert "كلمات مرور خاطئة" in page.locator("body").inner_text()
        _no_serious(page, f"login-{locale}-{scheme}")
        _shot(page, f"daily-login-{locale}-{scheme}.png")
        context.close()


def test_desktop_keyboard_copy_citations_history_and_axe(served, browser, tmp_path):
    context = _context(browser)
    started = time.perf_counter()
    page = _sign_in(context, served.url, "amina")
    TIMINGS["sign_in_to_usable_s"] = round(time.perf_counter() - started, 2)
    assert "Enter sends" in page.locator("#rq-hint").inner_text()
    assert page.locator("#rq-question textarea").get_attribute("aria-describedby") == (
        "rq-hint-text"
    )
    box = page.locator("#rq-question textarea")
    box.fill("first line")
    box.press("Shift+Enter")
    box.type("second line")
    assert box.input_value() == "first line\nsecond line"  # Shift+Enter: a new line, not sent
    assert page.locator("#rq-chat .rq-turn").count() == 0

    turn, first = _ask(page, NINE)
    TIMINGS["first_answer_s"] = round(first, 2)
    assert "82" in turn.locator(".rq-a").inner_text()
    assert turn.locator(".rq-chip").first.inner_text() == "(HSP/EB.2026/12, para. 9)"
    assert turn.locator(".rq-quote").first.get_attribute("lang") == "zh"  # quoted as written
    assert turn.locator(".rq-a").get_attribute("lang") == "en"  # the framing is the asker's
    assert turn.locator(".rq-meta-line").get_attribute("data-quote-langs") == "zh"
    later = []
    for question in (CHINESE, "What does paragraph 14 say?"):
        _, seconds = _ask(page, question)
        later.append(round(seconds, 2))
    TIMINGS["later_answers_s"] = later
    chinese = page.locator("#rq-chat .rq-turn").nth(1)
    assert chinese.locator(".rq-chip").first.inner_text() == "(HSP/EB.2026/12, footnote 6)"

    chinese.locator(".rq-tool[data-tool=md]").click()
    chinese.locator(".rq-copied").filter(has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"> {CHINESE}") and "(HSP/EB.2026/12, footnote 6)" in copied
    turn.locator(".rq-tool[data-tool=text]").click()
    plain = page.evaluate("navigator.clipboard.readText()")
    assert "82" in plain and "(HSP/EB.2026/12, para. 9)" in plain and "> " not in plain

    started = time.perf_counter()
    turn.locator(".rq-chip").first.click()
    page.locator("#rq-source .rq-cited").wait_for()
    TIMINGS["citation_click_s"] = round(time.perf_counter() - started, 2)
    assert "82" in page.locator("#rq-source .rq-cited").inner_text()
    _no_serious(page, "chat-and-source-en-light")
    _shot(page, "daily-desktop-en.png", docs="screenshot-desktop.png")

    page.locator("#rq-chat").focus()
    box.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "rq-ask"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")  # visible focus

    chinese.locator(".rq-tool[data-tool=docx]").click()
    link = page.locator("#rq-export-file a[download]").first
    link.wait_for()
    with page.expect_download() as download:
        link.click()
    one = tmp_path / "one.docx"
    download.value.save_as(str(one))
    texts = [p.text for p in docx.Document(str(one)).paragraphs]
    assert CHINESE in texts and NINE not in texts  # this answer only
    assert any(t.startswith("(HSP/EB.2026/12, footnote 6)") for t in texts)

    assert page.locator("#rq-name input, #rq-name textarea").input_value() == NINE
    titles = page.locator("#rq-history label").all_inner_texts()
    assert [t.strip() for t in titles] == [NINE]
    context.close()

    # another device (a new browser context): the same conversation reopens from the server
    other = _context(browser, scheme="dark")
    again = _sign_in(other, served.url, "amina")
    again.locator("#rq-chat .rq-turn").nth(2).wait_for()
    assert again.locator("#rq-chat .rq-turn").count() == 3
    again.locator("#rq-chat .rq-turn").first.locator(".rq-chip").first.click()
    again.locator("#rq-source .rq-cited").wait_for()
    _no_serious(again, "chat-and-source-en-dark")
    _shot(again, "daily-desktop-en-dark.png")
    again.fill("#rq-name input, #rq-name textarea", "Paragraph 9 and footnote 6")
    again.click("#rq-rename")
    again.locator("#rq-history label", has_text="Paragraph 9 and footnote 6").wait_for()
    again.reload()
    again.locator("#rq-history label", has_text="Paragraph 9 and footnote 6").wait_for()
    again.click("#rq-new")
    again.wait_for_function("!document.querySelector('#rq-chat .rq-turn')")
    _ask(again, "脚注 6")
    assert again.locator("#rq-history label").count() == 2
    again.locator("#rq-history label", has_text="Paragraph 9 and footnote 6").click()
    again.wait_for_function("document.querySelectorAll('#rq-chat .rq-turn').length === 3")
    again.click("#rq-delete")
    again.wait_for_function("document.querySelectorAll('#rq-history label').length === 1")
    other.close()

    stranger = _context(browser)
    dana = _sign_in(stranger, served.url, "dana")
    assert dana.locator("#rq-history label").count() == 0  # one user's history is theirs
    assert dana.locator("#rq-chat .rq-turn").count() == 0
    stranger.close()


def test_chinese_and_arabic_sessions(served, browser):
    context = _context(browser, locale="zh-CN")
    page = _sign_in(context, served.url, "lina")
    assert page.locator("#rq-ask").inner_text().strip() == "提问"
    assert "Enter 发送" in page.locator("#rq-hint").inner_text()
    turn, _ = _ask(page, CHINESE)
    assert "巴林" in turn.locator(".rq-a").inner_text()
    _no_serious(page, "chat-zh-light")
    _shot(page, "daily-desktop-zh.png")
    context.close()

    context = _context(browser, locale="ar")
    page = _sign_in(context, served.url, "lina")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    sidebar = page.locator("#rq-sidebar").bounding_box()
    main = page.locator("#rq-main").bounding_box()
    assert sidebar["x"] > main["x"]  # mirrored: the sidebar is on the right
    turn, _ = _ask(page, ARABIC)
    answer = turn.locator(".rq-a")
    assert answer.get_attribute("dir") == "rtl" and answer.get_attribute("lang") == "ar"
    framing = turn.locator(".rq-notice").inner_text()
    assert "الصينية" in framing  # said in Arabic: the passage is quoted in Chinese
    # the citation comes after the quote in reading order: left of the quote's last line
    placement = turn.locator(".rq-line").first.evaluate(
        """(line) => {
          const quote = line.querySelector('.rq-quote');
          const chip = quote.nextElementSibling;
          const rects = quote.getClientRects();
          const last = rects[rects.length - 1];
          const box = chip.getBoundingClientRect();
          return {sameLine: Math.abs(box.top - last.top) < last.height,
                  chipRight: box.right, quoteLeft: last.left, chipTop: box.top,
                  quoteBottom: last.bottom, isChip: chip.classList.contains('rq-chip')};
        }"""
    )
    assert placement["isChip"]
    if placement["sameLine"]:
        assert placement["chipRight"] <= placement["quoteLeft"] + 1, placement
    else:
        assert placement["chipTop"] >= placement["quoteBottom"] - 2, placement
    turn.locator(".rq-chip").first.click()
    page.locator("#rq-source .rq-cited").wait_for()
    _no_serious(page, "chat-and-source-ar-light")
    _shot(page, "daily-desktop-ar.png")
    context.close()


def test_phone_question_first_filters_folded_citation_scrolls_to_the_source(served, browser):
    for locale in ("en-US", "ar"):
        context = _context(browser, viewport=PHONE, locale=locale)
        page = _sign_in(context, served.url, "dana" if locale == "en-US" else "lina")
        if locale == "en-US":  # dana's chat is empty: the first screen of a new user
            box = page.locator("#rq-question textarea").bounding_box()
            assert box["y"] + box["height"] <= PHONE["height"], box
            assert page.locator("#rq-ask").bounding_box()["y"] < PHONE["height"]
        assert not page.locator("#rq-documents").is_visible()  # filters folded away
        turn, _ = _ask(page, NINE if locale == "en-US" else ARABIC)
        page.evaluate("window.scrollTo(0, 0)")
        chip = turn.locator(".rq-chip").first
        chip.scroll_into_view_if_needed()
        chip.click()
        page.locator("#rq-source .rq-cited").wait_for()
        page.wait_for_function(
            "(() => { const r = document.querySelector('#rq-source').getBoundingClientRect();"
            " return r.top >= -1 && r.top < window.innerHeight; })()"
        )
        _no_serious(page, f"phone-{locale}")
        _shot(page, f"daily-phone-{locale}.png")
        if locale == "en-US":
            page.evaluate("window.scrollTo(0, 0)")
            _shot(page, "daily-phone-en-top.png", docs="screenshot-mobile.png")
        else:  # the library on a phone, right to left
            page.get_by_role("tab", name="المكتبة").click()
            page.locator(".rq-lib-open[data-lang=zh]").click()
            page.locator("#rq-lib-reader #p-9").wait_for()
            _no_serious(page, "library-phone-ar")
            _shot(page, "daily-phone-ar-library.png")
        context.close()


def test_library_reader_deep_link_upload_and_delete(served, browser, tmp_path):
    context = _context(browser)
    page = _sign_in(context, served.url, "amina")
    page.get_by_role("tab", name="Library").click()
    row = page.locator("#rq-lib-table tr[data-symbol='HSP/EB.2026/12']")
    assert "2026-02-16" in row.inner_text()
    row.locator(".rq-lib-open[data-lang=zh]").click()
    page.locator("#rq-lib-reader #p-9").wait_for()
    assert page.locator("#rq-lib-reader .rq-reader-unit").count() > 20
    _no_serious(page, "library-en-light")
    dark = _context(browser, scheme="dark")
    night = _sign_in(dark, served.url, "amina")
    night.goto(f"{served.url}?doc=HSP%2FEB.2026%2F12&lang=zh")
    night.locator("#rq-lib-reader #p-9").wait_for()
    assert night.evaluate("document.querySelector('.dark') !== null")  # Gradio's dark theme
    _no_serious(night, "library-en-dark")
    dark.close()
    _shot(page, "daily-library-en.png")
    page.fill("#rq-lib-text input, #rq-lib-text textarea", "A/81")
    page.press("#rq-lib-text input, #rq-lib-text textarea", "Enter")
    page.locator("#rq-lib-table .rq-lib-empty").wait_for()

    page.goto(f"{served.url}?doc=HSP%2FEB.2026%2F12&lang=zh#p-fn6")
    target = page.locator("#rq-lib-reader #p-fn6.rq-target")
    target.wait_for()
    page.wait_for_function(
        "(() => { const r = document.querySelector('#p-fn6').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; })()"
    )
    assert "巴林" in target.inner_text()

    page.get_by_role("tab", name="Chat").click()
    upload = tmp_path / "HSP-EB.2026-13.en.md"
    upload.write_text(UPLOAD, encoding="utf-8")
    page.set_input_files("#rq-upload-files input[type=file]", [str(upload)])
    page.wait_for_function(
        "document.querySelector('#rq-upload-result textarea').value.includes('units:')"
    )
    result = page.locator("#rq-upload-result textarea").input_value()
    assert "added HSP/EB.2026/13 (en)" in result
    assert "title: Urban Resilience Hub in Maputo; date: 2026-03-10" in result
    page.get_by_role("tab", name="Library").click()
    added = page.locator("#rq-lib-table tr[data-symbol='HSP/EB.2026/13']")
    added.wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    added.locator(".rq-lib-delete").click()
    page.locator("#rq-lib-status", has_text="Deleted: HSP/EB.2026/13").wait_for()
    assert page.locator("#rq-lib-table tr[data-symbol='HSP/EB.2026/13']").count() == 0
    context.close()

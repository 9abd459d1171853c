"""Documents carrying `javascript:`/`data:` links and raw HTML, quoted by real answers: the
Markdown copy and the DOCX export read the same but render inert in a Markdown renderer that
allows HTML and any link (markdown-it, CommonMark, with link validation off, as a permissive
wiki or editor would be)."""

from __future__ import annotations

import docx
import pytest
from markdown_it import MarkdownIt

from assistant.service import AssistantService
from ingest.factory import open_pipeline
from reformqa.settings import Settings
from tests.ui.documents import MARKUP_HTML, write
from ui.citation_style import UN_STYLE, restyle
from ui.conversation import Exchange
from ui.export import answer_markdown, export_docx
from ui.sanitize import markdown_safe, plain_safe, unsafe_destination

HOSTILE_MD = """---
symbol: TEST/HOSTILE/1
language: en
title: Lagoon project [annex](javascript:alert(9))
date: 2026-03-01
---
1. The Lagoon Project budget is described at [the portal](javascript:alert(document.cookie))
and in [the annex](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==), see also
[a](&#106;avascript:alert(4)) and ![chart](data:image/svg+xml;base64,PHN2Zz4=).

2. The Lagoon Project office is in Lagos; see [the site](https://unhabitat.org/lagoon).
"""
QUESTIONS = ("para 1 of TEST/HOSTILE/1", "para 1 of TEST/XSS/1", "para 2 of TEST/HOSTILE/1")
LIVE = ("<img", "<script", 'href="javascript', 'href="data', 'src="data')


def permissive_markdown() -> MarkdownIt:
    renderer = MarkdownIt("commonmark")
    renderer.validateLink = lambda url: True  # no allow-list: the renderer trusts the text
    return renderer


def live_markup(rendered: str) -> list[str]:
    """What in rendered HTML would run or load something."""
    return [marker for marker in LIVE if marker in rendered.lower()]


@pytest.fixture(scope="module")
def conversation(tmp_path_factory, embedder) -> list[Exchange]:
    root = tmp_path_factory.mktemp("hostile")
    settings = Settings(store=root / "store")
    files = [write(root, "hostile.md", HOSTILE_MD), write(root, "xss.html", MARKUP_HTML)]
    with open_pipeline(settings, embedder) as pipeline:
        assert len(pipeline.run(files).added) == 2
    service = AssistantService(settings, embedder=embedder)
    try:
        return [Exchange.of(q, service.ask(q)) for q in QUESTIONS]
    finally:
        service.close()


def test_the_answers_really_quote_the_hostile_text(conversation):
    first, second, _ = (exchange.answer.text for exchange in conversation)
    assert "javascript:alert(document.cookie)" in first and "data:text/html" in first
    assert '<img src=x onerror="window.__xss=3">' in second and "<script>" in second
    # rendered raw, they would be live: what the copy and the export must prevent
    assert live_markup(permissive_markdown().render(first + "\n\n" + second))


def test_the_markdown_copy_renders_inert_and_keeps_safe_links(conversation):
    renderer = permissive_markdown()
    for exchange in conversation:
        text = answer_markdown(exchange, "en")
        rendered = renderer.render(text)
        assert not live_markup(rendered), rendered
    rendered = renderer.render(answer_markdown(conversation[0], "en"))
    assert "javascript:alert(document.cookie)" in rendered and "the portal" in rendered
    assert "&lt;img" in renderer.render(answer_markdown(conversation[1], "en"))
    safe = renderer.render(answer_markdown(conversation[2], "en"))
    assert '<a href="https://unhabitat.org/lagoon">the site</a>' in safe


def test_the_docx_export_pastes_inert_and_reads_the_same(conversation, tmp_path):
    path = export_docx(conversation, tmp_path / "hostile.docx", "en", "amina")
    renderer = permissive_markdown()
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    for text in texts:
        assert not live_markup(renderer.render(text)), text
    visible = "\n".join(texts).replace("\u200b", "")
    for exchange in conversation:
        for line in restyle(exchange.answer.text, exchange.answer, UN_STYLE).splitlines():
            assert line.removeprefix("- ") in visible


@pytest.mark.parametrize(
    "text",
    [
        "[r]: javascript:alert(1)\n\n[click][r]",
        "[a](<java\tscript:alert(1)>)",
        "[a](java&#9;script:alert(1))",
        "[a [b] c](JavaScript:x)",
        "<javascript:alert(5)>",
        "![i](data:image/svg+xml;base64,PHN2Zz4=)",
    ],
)
def test_link_forms_renderers_accept(text):
    renderer = permissive_markdown()
    assert live_markup(renderer.render(text)) or "<a href" in renderer.render(text)
    for safe in (markdown_safe(text), plain_safe(text)):
        rendered = renderer.render(safe)
        assert not live_markup(rendered) and "<a href" not in rendered, rendered


def test_destinations_are_judged_as_a_browser_reads_them():
    assert unsafe_destination("javascript:x") and unsafe_destination(" &#106;avascript:x")
    assert unsafe_destination("DATA:text/html,x") and unsafe_destination("vbscript:x")
    assert not unsafe_destination("https://undocs.org/en/A/79/1")
    assert not unsafe_destination("mailto:unhabitat@un.org") and not unsafe_destination("a/b")
    assert plain_safe("control \x00\x0b chars") == "control  chars"

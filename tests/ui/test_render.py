"""The chat's HTML: chips for every citation, abstentions that look like abstentions, Arabic
right to left, and nothing from a document, question or model ever parsed as markup."""

from __future__ import annotations

import re

import pytest

from assistant.citations import Citation
from assistant.models import Answer
from ui.conversation import Exchange
from ui.render import conversation_html, exchange_html

NINE = "What share of Cooperation Framework outcomes did UN-Habitat contribute to?"


@pytest.fixture(scope="module")
def answers(service):
    return {
        "en": service.ask(NINE),
        "zh": service.ask("2025 年人居署为哪些国家的合作框架作出了贡献？"),
        "ar": service.ask("ما هي نسبة نتائج أطر التعاون التي ساهم فيها موئل الأمم المتحدة؟"),
        "abstain": service.ask("What is the capital of Australia?"),
    }


def chips(html: str) -> list[tuple[str, str, str, str]]:
    return re.findall(
        r'<button type="button" class="rq-chip" data-symbol="([^"]*)" data-label="([^"]*)" '
        r'data-lang="([^"]*)" title="[^"]*">([^<]*)</button>',
        html,
    )


def test_each_citation_in_the_text_becomes_a_chip(answers):
    for key in ("en", "zh", "ar"):
        answer = answers[key]
        html = exchange_html(0, Exchange.of(answer.question, answer), "en")
        found = chips(html)
        assert found, html
        expected = {(c.symbol, c.label, c.language, c.format("en")) for c in answer.citations}
        assert set(found) == expected  # UN English style by default
        html = exchange_html(0, Exchange.of(answer.question, answer), "en", "question")
        expected = {
            (c.symbol, c.label, c.language, c.format(answer.language)) for c in answer.citations
        }
        assert set(chips(html)) == expected
    assert chips(exchange_html(0, Exchange.of(NINE, answers["en"]), "en"))[0][1] == "9"


def test_abstentions_look_like_abstentions_with_their_closest_passages(answers):
    answer = answers["abstain"]
    assert answer.abstained
    html = exchange_html(0, Exchange.of(answer.question, answer), "en")
    assert 'class="rq-a rq-abstained"' in html
    assert '<p class="rq-line rq-abstain-message"><bdi>The indexed documents do not appear' in html
    items = re.findall(r"<li>(.*?)</li>", html)
    assert len(items) == 3 and all("rq-chip" in item for item in items)
    normal = exchange_html(0, Exchange.of(NINE, answers["en"]), "en")
    assert "rq-abstained" not in normal and "rq-abstain-message" not in normal


def test_arabic_answers_are_right_to_left(answers):
    arabic = exchange_html(0, Exchange.of("؟", answers["ar"]), "en")
    assert 'lang="ar" dir="rtl"' in arabic
    assert 'lang="en" dir="ltr"' in exchange_html(0, Exchange.of(NINE, answers["en"]), "en")


def test_markup_in_documents_questions_and_drafts_is_escaped():
    citation = Citation(
        symbol='X/1"><b>',
        label="2",
        language="en",
        text="<script>alert(1)</script>",
        title='"><img src=x onerror=alert(2)>',
    )
    cited = citation.format("en")
    answer = Answer(
        question="<i>q</i>",
        text=f"<img src=x onerror=alert(3)> & more {cited}",
        abstained=False,
        citations=[citation],
        standalone_query="q",
        language="en",
        mode="llm",
        notice="<b>notice</b>",
    )
    html = conversation_html(
        [Exchange.of("<i>q</i>", answer)], "en", pending=("<u>next</u>", "<svg onload=alert(4)>")
    )
    for raw in ("<img", "<i>", "<b>", "<u>", "<svg", "<script"):
        assert raw not in html, raw
    for shown in (
        "&lt;img src=x onerror=alert(3)&gt; &amp; more",
        "&lt;i&gt;q&lt;/i&gt;",
        "&lt;b&gt;notice&lt;/b&gt;",
        "&lt;svg onload=alert(4)&gt;",
    ):
        assert shown in html, shown
    assert 'data-symbol="X/1&quot;&gt;&lt;b&gt;"' in html
    assert 'title="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"' in html


def test_feedback_buttons_until_feedback_is_given(answers):
    exchange = Exchange.of(NINE, answers["en"])
    html = exchange_html(3, exchange, "fr")
    assert 'data-turn="3" data-verdict="helpful">✓ Utile</button>' in html
    assert 'data-turn="3" data-verdict="wrong">✗ Erroné</button>' in html
    exchange.feedback = "wrong"
    html = exchange_html(3, exchange, "fr")
    assert "rq-fb-btn" not in html and "✗ Erroné · Avis enregistré" in html


def test_an_empty_chat_welcomes_in_the_interface_language():
    assert "Chaque phrase d&#x27;une réponse cite son paragraphe" in conversation_html([], "fr")
    assert 'dir="rtl"' in conversation_html([], "ar")


def test_quotes_carry_their_own_language_and_the_meta_line_names_both(answers):
    answer = answers["ar"]
    html = exchange_html(0, Exchange.of(answer.question, answer), "ar")
    quoted = {c.language for c in answer.citations}
    for language in quoted:
        direction = "rtl" if language == "ar" else "ltr"
        assert f'class="rq-quote" lang="{language}" dir="{direction}"' in html
    assert (
        f'data-question-lang="ar" data-quote-langs="{" ".join(answer.quote_languages or ["ar"])}"'
        in html
    )


def test_every_answer_has_its_copy_and_docx_tools(answers):
    html = conversation_html(
        [Exchange.of(NINE, answers["en"]), Exchange.of("q", answers["zh"])], "zh"
    )
    assert html.count('data-tool="md"') == 2 and html.count('data-tool="docx"') == 2
    assert 'data-turn="1" data-tool="text">复制（纯文本）</button>' in html
    copied = re.findall(
        r'<textarea class="rq-copy-text" hidden aria-hidden="true">([^<]*)</textarea>', html
    )
    assert "(HSP/EB.2026/12, footnote 6)" in copied[1] and "巴林" in copied[1]

"""Export for drafting: DOCX read back with python-docx, and Markdown with the citations."""

from __future__ import annotations

import docx
import pytest

from ui.citation_style import DEFAULT_STYLE, QUESTION_STYLE, restyle
from ui.conversation import Exchange
from ui.export import answer_markdown, answer_plain, export_docx, references

QUESTIONS = [
    "What share of Cooperation Framework outcomes did UN-Habitat contribute to?",
    "2025 年人居署为哪些国家的合作框架作出了贡献？",
    "ما هي نسبة نتائج أطر التعاون التي ساهم فيها موئل الأمم المتحدة؟",
    "What is the capital of Australia?",
]


@pytest.fixture(scope="module")
def conversation(service) -> list[Exchange]:
    return [Exchange.of(question, service.ask(question)) for question in QUESTIONS]


def test_docx_has_every_turn_and_every_cited_paragraph_in_full(conversation, tmp_path):
    path = export_docx(conversation, tmp_path / "c.docx", "en", "amina", QUESTION_STYLE)
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Question 1", "Question 2", "Question 3", "Question 4", "References"]
    for exchange in conversation:
        assert exchange.question in texts
        for line in exchange.answer.text.splitlines():
            assert line.removeprefix("- ") in texts
    start = texts.index("References")
    entries = [p for p in paragraphs[start + 1 :] if p.style.name == "List Number"]
    expected = references(conversation, QUESTION_STYLE)
    assert len(entries) == len(expected) >= 5  # 9, fn6, and the abstention's three passages
    for entry, reference in zip(entries, expected, strict=True):
        assert entry.runs[0].text == reference.citation and entry.runs[0].bold
        following = texts[texts.index(entry.text) + 1]
        assert following == reference.text and following.strip()
    keys = [(r.symbol, r.label, r.language) for r in expected]
    assert len(keys) == len(set(keys))  # paragraph 9 is cited twice, listed once
    assert "(HSP/EB.2026/12, para. 9)" in [r.citation for r in expected]
    assert "（HSP/EB.2026/12，脚注 6）" in [r.citation for r in expected]
    assert document.core_properties.author == "amina"


def test_arabic_lines_are_right_to_left_in_the_docx(conversation, tmp_path):
    path = export_docx(conversation[2:3], tmp_path / "ar.docx", "ar", "amina")
    document = docx.Document(str(path))
    exchange = conversation[2]
    answer = restyle(exchange.answer.text.splitlines()[0], exchange.answer, DEFAULT_STYLE)
    paragraph = next(p for p in document.paragraphs if p.text == answer)
    assert paragraph._p.pPr.find(docx.oxml.ns.qn("w:bidi")) is not None
    assert "المراجع" in [p.text for p in document.paragraphs]


def test_markdown_keeps_the_answers_citations(conversation):
    exchange = conversation[1]
    text = answer_markdown(exchange, "en", QUESTION_STYLE)
    assert text.startswith(f"> {exchange.question}\n\n")
    for line in exchange.answer.text.splitlines():
        assert line in text
    assert (
        "- （HSP/EB.2026/12，脚注 6） HSP/EB.2026/12: 人居署实施联合国发展系统和管理改革的情况"
        in text
    )
    abstained = answer_markdown(conversation[3], "fr")
    assert "\n- " in abstained and "**Sources**" in abstained


def test_one_citation_style_by_default_un_english_across_languages(conversation, tmp_path):
    path = export_docx(conversation, tmp_path / "un.docx", "en", "amina")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    whole = "\n".join(texts)
    assert "(HSP/EB.2026/12, footnote 6)" in whole and "(HSP/EB.2026/12, para. 9)" in whole
    assert "脚注 6）" not in whole and "الفقرة" not in whole  # no second style anywhere
    chinese = conversation[1].answer
    assert "巴林" in answer_plain(conversation[1])  # the quote itself is never changed
    assert answer_plain(conversation[1]).count("(HSP/EB.2026/12, footnote 6)") == 1
    assert "（HSP/EB.2026/12，脚注 6）" in answer_plain(conversation[1], QUESTION_STYLE)
    assert "（HSP/EB.2026/12，脚注 6）" in chinese.text  # the service's own text is untouched


def test_plain_text_has_the_framing_and_no_markup(conversation):
    plain = answer_plain(conversation[0])
    assert plain.startswith(conversation[0].answer.framing or plain[:1])
    assert "**" not in plain and ">" not in plain.splitlines()[0]
    assert "(HSP/EB.2026/12, para. 9)" in plain

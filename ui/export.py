"""What staff take away for drafting: an answer as Markdown, the conversation as DOCX.

Both keep the answer's citations, written in the user's one chosen style (ui.citation_style:
UN English style by default, or each question's language); nothing here invents a citation.
Text from documents and questions passes through ui.sanitize on the way out, so a quoted
`javascript:` link or raw HTML stays inert when pasted.
The DOCX ends with a references list holding the full text of every cited paragraph, so a
draft can be checked without the tool.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph

from ui.citation_style import DEFAULT_STYLE, restyle, style_language
from ui.conversation import Exchange
from ui.i18n import RTL, label
from ui.sanitize import markdown_safe, plain_safe


@dataclass(frozen=True)
class Reference:
    """A cited paragraph, once per (symbol, label, language version) in the conversation."""

    citation: str  # as the first answer citing it wrote it
    symbol: str
    label: str
    language: str
    title: str
    text: str


def references(conversation: list[Exchange], style: str = DEFAULT_STYLE) -> list[Reference]:
    """Every paragraph any answer cites, in order of first citation (closest passages of an
    abstention included: the answer cites them too)."""
    seen: dict[tuple[str, str, str], Reference] = {}
    for exchange in conversation:
        answer = exchange.answer
        for citation in answer.citations:
            key = (citation.symbol, citation.label, citation.language)
            if key not in seen:
                seen[key] = Reference(
                    citation.format(style_language(answer, style)),
                    citation.symbol,
                    citation.label,
                    citation.language,
                    citation.title,
                    citation.text,
                )
    return list(seen.values())


def answer_markdown(exchange: Exchange, ui_lang: str, style: str = DEFAULT_STYLE) -> str:
    """The question as a quote, the answer with its citations, and the cited documents."""
    question = " ".join(markdown_safe(exchange.question).splitlines())
    lines = [f"> {question}", ""]
    framing = _framing(exchange)
    if framing:
        lines += [markdown_safe(framing), ""]
    text = restyle(exchange.answer.text, exchange.answer, style)
    for line in markdown_safe(text).splitlines():
        lines.append(line)
        if not line.startswith("- "):
            lines.append("")
    sources = references([exchange], style)
    if sources:
        if lines[-1]:
            lines.append("")
        lines.append(f"**{label('sources', ui_lang)}**")
        lines.append("")
        for reference in sources:
            title = f": {reference.title}" if reference.title else ""
            entry = f"- {reference.citation} {reference.symbol}{title}"
            lines.append(markdown_safe(" ".join(entry.splitlines())))
    return "\n".join(lines).rstrip() + "\n"


def _framing(exchange: Exchange) -> str:
    answer = exchange.answer
    return " ".join(note for note in (answer.framing, answer.notice) if note)


def answer_plain(exchange: Exchange, style: str = DEFAULT_STYLE) -> str:
    """The answer as plain text to paste into a draft: framing, then the quoted sentences with
    their citations; no question, no markup."""
    framing = _framing(exchange)
    text = restyle(exchange.answer.text, exchange.answer, style)
    lines = [line.removeprefix("- ") for line in text.splitlines() if line.strip()]
    return plain_safe("\n".join(([framing] if framing else []) + lines)) + "\n"


def _right_to_left(paragraph: Paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _text(document: docx.document.Document, text: str, language: str, style: str = "") -> None:
    paragraph = document.add_paragraph(plain_safe(text), style=style or None)
    if language in RTL:
        _right_to_left(paragraph)


def export_docx(
    conversation: list[Exchange], path: Path, ui_lang: str, user: str, style: str = DEFAULT_STYLE
) -> Path:
    """The conversation (or one answer: a list of one) as a Word document, its references last."""
    document = docx.Document()
    document.add_heading(f"reformqa: {label('conversation', ui_lang)}", level=0)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    document.add_paragraph(plain_safe(f"{user} · {stamp}"))
    for number, exchange in enumerate(conversation, start=1):
        answer = exchange.answer
        document.add_heading(label("question_n", ui_lang, n=number), level=2)
        question = document.add_paragraph()
        question.add_run(plain_safe(exchange.question)).bold = True
        for note in (answer.framing, answer.notice):
            if note:
                _text(document, note, answer.language)
        for line in restyle(answer.text, answer, style).splitlines():
            if line.startswith("- "):
                _text(document, line[2:], answer.language, "List Bullet")
            else:
                _text(document, line, answer.language)
    document.add_heading(label("references", ui_lang), level=1)
    for reference in references(conversation, style):
        entry = document.add_paragraph(style="List Number")
        entry.add_run(plain_safe(reference.citation)).bold = True
        if reference.title:
            entry.add_run(plain_safe(f" {reference.title}"))
        _text(document, reference.text, reference.language)
    document.core_properties.title = f"reformqa: {label('conversation', ui_lang)}"
    document.core_properties.author = plain_safe(user)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path

"""What staff take away for drafting: an answer as Markdown, the conversation as DOCX.

Both keep the citations exactly as the answer wrote them (the service formats them; nothing
here writes a citation string of its own). The DOCX ends with a references list holding the
full text of every cited paragraph, so a draft can be checked without the tool.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph

from ui.conversation import Exchange
from ui.i18n import RTL, label


@dataclass(frozen=True)
class Reference:
    """A cited paragraph, once per (symbol, label, language version) in the conversation."""

    citation: str  # as the first answer citing it wrote it
    symbol: str
    label: str
    language: str
    title: str
    text: str


def references(conversation: list[Exchange]) -> list[Reference]:
    """Every paragraph any answer cites, in order of first citation (closest passages of an
    abstention included: the answer cites them too)."""
    seen: dict[tuple[str, str, str], Reference] = {}
    for exchange in conversation:
        answer = exchange.answer
        for citation in answer.citations:
            key = (citation.symbol, citation.label, citation.language)
            if key not in seen:
                seen[key] = Reference(
                    citation.format(answer.language),
                    citation.symbol,
                    citation.label,
                    citation.language,
                    citation.title,
                    citation.text,
                )
    return list(seen.values())


def answer_markdown(exchange: Exchange, ui_lang: str) -> str:
    """The question as a quote, the answer with its citations, and the cited documents."""
    lines = [f"> {exchange.question}", ""]
    for line in exchange.answer.text.splitlines():
        lines.append(line)
        if not line.startswith("- "):
            lines.append("")
    sources = references([exchange])
    if sources:
        if lines[-1]:
            lines.append("")
        lines.append(f"**{label('sources', ui_lang)}**")
        lines.append("")
        for reference in sources:
            title = f": {reference.title}" if reference.title else ""
            lines.append(f"- {reference.citation} {reference.symbol}{title}")
    return "\n".join(lines).rstrip() + "\n"


def _right_to_left(paragraph: Paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _text(document: docx.document.Document, text: str, language: str, style: str = "") -> None:
    paragraph = document.add_paragraph(text, style=style or None)
    if language in RTL:
        _right_to_left(paragraph)


def export_docx(conversation: list[Exchange], path: Path, ui_lang: str, user: str) -> Path:
    document = docx.Document()
    document.add_heading(f"reformqa: {label('conversation', ui_lang)}", level=0)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    document.add_paragraph(f"{user} · {stamp}")
    for number, exchange in enumerate(conversation, start=1):
        answer = exchange.answer
        document.add_heading(label("question_n", ui_lang, n=number), level=2)
        question = document.add_paragraph()
        question.add_run(exchange.question).bold = True
        for note in (answer.framing, answer.notice):
            if note:
                _text(document, note, answer.language)
        for line in answer.text.splitlines():
            if line.startswith("- "):
                _text(document, line[2:], answer.language, "List Bullet")
            else:
                _text(document, line, answer.language)
    document.add_heading(label("references", ui_lang), level=1)
    for reference in references(conversation):
        entry = document.add_paragraph(style="List Number")
        entry.add_run(reference.citation).bold = True
        if reference.title:
            entry.add_run(f" {reference.title}")
        _text(document, reference.text, reference.language)
    document.core_properties.title = f"reformqa: {label('conversation', ui_lang)}"
    document.core_properties.author = user
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path

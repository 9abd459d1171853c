"""The conversation as HTML: answers with clickable citation chips, abstentions, feedback.

Every piece of text that comes from a document, a question or a model goes through
`html.escape` here; the only markup on the page is the markup this module writes. Chips carry
their citation in data attributes that the page's click handler (ui.assets.CHAT_JS) sends
back to the server, which checks the user's access again before showing anything.
"""

from __future__ import annotations

import re
from html import escape

from assistant.citations import Citation
from assistant.models import Answer
from ui.conversation import Exchange
from ui.i18n import direction, label

# Marks every default font has (colour emoji fonts are often missing on servers and kiosks).
VERDICT_ICONS = {"helpful": "✓", "wrong": "✗"}


def chip(citation: Citation, text: str) -> str:
    """A citation as a button; `text` is the citation exactly as the answer writes it."""
    classes = "rq-chip" if citation.supported is not False else "rq-chip rq-chip-unsupported"
    return (
        f'<button type="button" class="{classes}" data-symbol="{escape(citation.symbol)}" '
        f'data-label="{escape(citation.label)}" data-lang="{escape(citation.language)}" '
        f'title="{escape(citation.title)}">{escape(text)}</button>'
    )


def _text(text: str) -> str:
    """Escaped text in a bidi isolate: a French quote keeps its own punctuation order inside
    a right-to-left Arabic answer, and the other way round."""
    return f"<bdi>{escape(text)}</bdi>" if text.strip() else escape(text)


def line_html(line: str, answer: Answer) -> str:
    """One answer line, escaped, with each formatted citation in it turned into a chip."""
    by_text = {c.format(answer.language): c for c in answer.citations}
    if not by_text:
        return _text(line)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(by_text, key=len, reverse=True)))
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(line):
        parts.append(_text(line[position : match.start()]))
        parts.append(chip(by_text[match.group(0)], match.group(0)))
        position = match.end()
    parts.append(_text(line[position:]))
    return "".join(parts)


def answer_html(answer: Answer) -> str:
    """The answer's lines: "- " lines (an abstention's closest passages) become a list."""
    blocks: list[str] = []
    items: list[str] = []
    for line in answer.text.splitlines():
        if line.startswith("- "):
            items.append(f"<li>{line_html(line[2:], answer)}</li>")
            continue
        if items:
            blocks.append(f"<ul>{''.join(items)}</ul>")
            items = []
        css = "rq-line"
        if answer.abstained and not blocks:
            css = "rq-line rq-abstain-message"
        blocks.append(f'<p class="{css}">{line_html(line, answer)}</p>')
    if items:
        blocks.append(f"<ul>{''.join(items)}</ul>")
    return "".join(blocks)


def _feedback(index: int, exchange: Exchange, ui_lang: str) -> str:
    if exchange.feedback:
        icon = VERDICT_ICONS.get(exchange.feedback, "")
        return (
            f'<div class="rq-fb rq-fb-done">{icon} {escape(label(exchange.feedback, ui_lang))}'
            f" · {escape(label('feedback_saved', ui_lang))}</div>"
        )
    buttons = "".join(
        f'<button type="button" class="rq-fb-btn" data-turn="{index}" data-verdict="{verdict}">'
        f"{icon} {escape(label(verdict, ui_lang))}</button>"
        for verdict, icon in VERDICT_ICONS.items()
    )
    return f'<div class="rq-fb">{buttons}</div>'


def _question(question: str, ui_lang: str) -> str:
    return (
        f'<div class="rq-q" dir="auto"><span class="rq-who">{escape(label("you", ui_lang))}'
        f"</span> {_text(question)}</div>"
    )


def exchange_html(index: int, exchange: Exchange, ui_lang: str) -> str:
    answer = exchange.answer
    classes = "rq-a rq-abstained" if answer.abstained else "rq-a"
    said = " ".join(note for note in (answer.framing, answer.notice) if note)
    notice = f'<p class="rq-notice">{escape(said)}</p>' if said else ""
    total = answer.timings_ms.get("total")
    timing = f" · {total / 1000:.1f} s" if total is not None else ""
    meta = f'<div class="rq-meta-line">{escape(answer.mode)}{timing}</div>'
    return (
        f'<div class="rq-turn" data-turn="{index}">{_question(exchange.question, ui_lang)}'
        f'<div class="{classes}" lang="{escape(answer.language)}" '
        f'dir="{direction(answer.language)}">{notice}{answer_html(answer)}</div>'
        f"{meta}{_feedback(index, exchange, ui_lang)}</div>"
    )


def conversation_html(
    conversation: list[Exchange], ui_lang: str, pending: tuple[str, str] | None = None
) -> str:
    """The whole chat; `pending` is (question, streamed draft so far) while an answer streams."""
    parts = [exchange_html(i, exchange, ui_lang) for i, exchange in enumerate(conversation)]
    if pending is not None:
        question, draft = pending
        parts.append(
            f'<div class="rq-turn rq-pending">{_question(question, ui_lang)}'
            f'<div class="rq-a rq-draft" dir="auto"><p class="rq-drafting">'
            f"{escape(label('drafting', ui_lang))}</p><p>{escape(draft)}</p></div></div>"
        )
    if not parts:
        parts.append(f'<div class="rq-welcome">{escape(label("welcome", ui_lang))}</div>')
    return f'<div class="rq-chat" dir="{direction(ui_lang)}">{"".join(parts)}</div>'

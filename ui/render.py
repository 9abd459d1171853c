"""The conversation as HTML: answers with clickable citation chips, abstentions, feedback,
and each answer's own tools (copy as Markdown or plain text, DOCX).

A quote keeps its own language: the text before a chip is the cited paragraph's words, so it
is marked with that paragraph's `lang` and direction, while the answer's framing and labels
are in the asker's language. Citations are written in the user's chosen style
(ui.citation_style).

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
from ui.citation_style import DEFAULT_STYLE, citation_map
from ui.conversation import Exchange
from ui.export import answer_markdown, answer_plain
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


def _text(text: str, language: str = "") -> str:
    """Escaped text in a bidi isolate: a French quote keeps its own punctuation order inside
    a right-to-left Arabic answer, and the other way round. With `language`, the text is a
    quote in that language and says so (screen readers switch voice, fonts pick glyphs)."""
    if not text.strip():
        return escape(text)
    if not language:
        return f"<bdi>{escape(text)}</bdi>"
    return (
        f'<bdi class="rq-quote" lang="{escape(language)}" dir="{direction(language)}">'
        f"{escape(text)}</bdi>"
    )


def quotes_verbatim(answer: Answer) -> bool:
    """Extractive answers (and abstentions' closest passages) quote the cited paragraph's own
    words; a model's answer is written in the asker's language."""
    return answer.mode == "extractive" or answer.abstained or bool(answer.quote_languages)


def line_html(line: str, answer: Answer, style: str = DEFAULT_STYLE) -> str:
    """One answer line, escaped, with each formatted citation in it turned into a chip written
    in `style`; the text before a chip is that citation's quote, tagged with its language."""
    restyled = citation_map(answer, style)
    by_text = {c.format(answer.language): c for c in answer.citations}
    if not by_text:
        return _text(line)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(by_text, key=len, reverse=True)))
    verbatim = quotes_verbatim(answer)
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(line):
        cited = by_text[match.group(0)]
        quote_lang = cited.language if verbatim else ""
        parts.append(_text(line[position : match.start()], quote_lang))
        parts.append(chip(cited, restyled[match.group(0)]))
        position = match.end()
    parts.append(_text(line[position:]))
    return "".join(parts)


def answer_html(answer: Answer, style: str = DEFAULT_STYLE) -> str:
    """The answer's lines: "- " lines (an abstention's closest passages) become a list."""
    blocks: list[str] = []
    items: list[str] = []
    for line in answer.text.splitlines():
        if line.startswith("- "):
            items.append(f"<li>{line_html(line[2:], answer, style)}</li>")
            continue
        if items:
            blocks.append(f"<ul>{''.join(items)}</ul>")
            items = []
        css = "rq-line"
        if answer.abstained and not blocks:
            css = "rq-line rq-abstain-message"
        blocks.append(f'<p class="{css}">{line_html(line, answer, style)}</p>')
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


def _tools(index: int, exchange: Exchange, ui_lang: str, style: str) -> str:
    """Copy as Markdown, copy as plain text, DOCX of this answer. The texts to copy are in the
    page already (hidden, escaped), so copying needs no round trip to the server."""
    markdown = answer_markdown(exchange, ui_lang, style)
    plain = answer_plain(exchange, style)
    tools = [("md", "copy_markdown"), ("text", "copy_text"), ("docx", "export_turn")]
    answer = exchange.answer
    if exchange.translatable and answer.quote_languages and not exchange.translation:
        tools.append(("translate", "translate"))
    buttons = "".join(
        f'<button type="button" class="rq-tool" data-turn="{index}" data-tool="{tool}">'
        f"{escape(label(key, ui_lang))}</button>"
        for tool, key in tools
    )
    return (
        f'<div class="rq-tools" role="group" data-copied="{escape(label("copied", ui_lang))}" '
        f'aria-label="{escape(label("answer_tools", ui_lang))}">'
        f'{buttons}<span class="rq-copied" role="status" aria-live="polite"></span>'
        f'<textarea class="rq-copy-md" hidden aria-hidden="true">{escape(markdown)}</textarea>'
        f'<textarea class="rq-copy-text" hidden aria-hidden="true">{escape(plain)}</textarea></div>'
    )


def _translation(exchange: Exchange) -> str:
    """The machine translation, in the asker's language, set apart from the quotes and
    labelled as what it is."""
    if not exchange.translation:
        return ""
    language = exchange.answer.language
    lines = "".join(f"<p>{escape(line)}</p>" for line in exchange.translation.splitlines())
    return (
        f'<div class="rq-translation" lang="{escape(language)}" dir="{direction(language)}">'
        f'<p class="rq-translation-label">{escape(label("machine_translation", language))}</p>'
        f"{lines}</div>"
    )


def _meta(answer: Answer, ui_lang: str) -> str:
    """Mode, time and the languages the answer holds: the asker's and the quotes'."""
    total = answer.timings_ms.get("total")
    timing = f" · {total / 1000:.1f} s" if total is not None else ""
    quoted = answer.quote_languages or [answer.language]
    languages = label("answer_languages", ui_lang, asked=answer.language, quoted=", ".join(quoted))
    return (
        f'<div class="rq-meta-line" data-question-lang="{escape(answer.language)}" '
        f'data-quote-langs="{escape(" ".join(quoted))}">{escape(answer.mode)}{timing}'
        f" · {escape(languages)}</div>"
    )


def exchange_html(index: int, exchange: Exchange, ui_lang: str, style: str = DEFAULT_STYLE) -> str:
    answer = exchange.answer
    classes = "rq-a rq-abstained" if answer.abstained else "rq-a"
    said = " ".join(note for note in (answer.framing, answer.notice) if note)
    notice = f'<p class="rq-notice">{escape(said)}</p>' if said else ""
    return (
        f'<div class="rq-turn" data-turn="{index}">{_question(exchange.question, ui_lang)}'
        f'<div class="{classes}" lang="{escape(answer.language)}" '
        f'dir="{direction(answer.language)}">{notice}{answer_html(answer, style)}</div>'
        f"{_translation(exchange)}{_meta(answer, ui_lang)}{_tools(index, exchange, ui_lang, style)}"
        f"{_feedback(index, exchange, ui_lang)}</div>"
    )


def conversation_html(
    conversation: list[Exchange],
    ui_lang: str,
    pending: tuple[str, str] | None = None,
    style: str = DEFAULT_STYLE,
) -> str:
    """The whole chat; `pending` is (question, streamed draft so far) while an answer streams."""
    parts = [exchange_html(i, exchange, ui_lang, style) for i, exchange in enumerate(conversation)]
    if pending is not None:
        question, draft = pending
        parts.append(
            f'<div class="rq-turn rq-pending">{_question(question, ui_lang)}'
            f'<div class="rq-a rq-draft" dir="auto"><p class="rq-drafting">'
            f"{escape(label('drafting', ui_lang))}</p><p>{escape(draft)}</p></div></div>"
        )
    if not parts:
        parts.append(f'<div class="rq-welcome">{escape(label("welcome", ui_lang))}</div>')
    return (
        f'<div class="rq-chat" data-ui-lang="{escape(ui_lang)}" dir="{direction(ui_lang)}">'
        f"{''.join(parts)}</div>"
    )

"""Framing an answer whose quotes are in another language than the question.

A delegate who asks in French about a document that exists only in Chinese gets Chinese
sentences: the answer says, in French, that the passage is quoted in Chinese, and first gives
what needs no translation (the figures of the quoted sentences, when a figure was asked for).
The quotes themselves are never altered: they are what the citation points to.
"""

from __future__ import annotations

import re

from assistant.answer_type import Figure, has_figure, wanted_figure
from assistant.messages import LANGUAGE_NAMES, message
from assistant.models import Answer
from reformqa.symbols import SYMBOL_IN_TEXT

# A figure with its unit: "82%", "82 per cent", "$643 million", "120", "2,4 млн".
_FIGURE = re.compile(
    r"(?:US)?\$\s?\d[\d,.]*(?:\s?(?:million|billion))?|\d[\d,.\u00a0\u202f]*\d\s?%|\d+\s?%|"
    r"\d[\d,.]*\s?(?:per cent|pour cent|por ciento|процент\w*|في المائة|亿|万)|\d[\d,.]*"
)
_CITATION = re.compile(r"\s*[（(][^()（）]*[)）]\s*$")
_BRACKETS = re.compile(r"[（(][^()（）]*[)）]")


def frame_for_asker(answer: Answer, question: str) -> None:
    """Say which language the quotes are in, and lead with their figures, when they are not
    in the asker's language."""
    if answer.abstained or not answer.citations:
        return
    quoted = sorted({c.language for c in answer.citations if c.language})
    if not quoted or answer.language in quoted:
        return
    names = LANGUAGE_NAMES.get(answer.language, LANGUAGE_NAMES["en"])
    languages = ", ".join(names.get(code, code) for code in quoted)
    parts = [message("quote_language", answer.language, languages=languages)]
    kind = wanted_figure(question)
    if kind is not None and (figures := _figures(answer.text, question, kind)):
        parts.insert(0, message("in_figures", answer.language, figures=", ".join(figures)))
    answer.framing = " ".join(parts)
    answer.quote_languages = quoted


def _figures(text: str, question: str, figure_kind: Figure) -> list[str]:
    """The figures of the kind asked for in the quoted sentences, not counting those the
    question already contains, years, or references in brackets and symbols."""
    asked = set(re.findall(r"\d+", question))
    found: list[str] = []
    for line in text.splitlines():
        quote = _BRACKETS.sub(" ", SYMBOL_IN_TEXT.sub(" ", _CITATION.sub("", line)))
        for match in _FIGURE.finditer(quote):
            figure = match.group(0).strip(" ,.")
            if not has_figure(figure, figure_kind, question):
                continue
            if re.fullmatch(r"(19|20)\d\d", figure):
                continue  # a year dates the figure; it is not the figure
            if set(re.findall(r"\d+", figure)) - asked and figure not in found:
                found.append(figure)
    return found[:3]

"""The `ask` API's inputs checked before they reach the service, and unexpected errors turned
into a message with an id.

API clients send anything: `k=10**12` overflowed inside retrieval and a failure reached the
client as `{"error": null}` (Gradio hides exception text unless it is a `gr.Error`). Every input
is checked here with a message in the caller's language (the Accept-Language header, else the
question's own language), and any other exception is logged with a short id and shown as
"something went wrong (id …)", so a user can quote the id and the log has the traceback.
"""

from __future__ import annotations

import logging
import math
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

import gradio as gr

from reformqa.languages import UN_LANGUAGES, detect_language
from ui.i18n import label, pick_language

logger = logging.getLogger(__name__)

K_RANGE = (1, 50)
MAX_DOCUMENTS = 50
MAX_SYMBOL_CHARS = 100
MODES = ("", "extractive", "llm")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class AskInput:
    """An `ask` call's inputs once checked; k None and dates None mean "not given"."""

    question: str
    documents: tuple[str, ...]
    preferred_language: str
    mode: str
    k: int | None
    since: str | None
    until: str | None


def caller_language(accept_language: str | None, question: object) -> str:
    """The browser's UN language if it names one, else the question's, else English."""
    named = {
        part.split(";")[0].strip().split("-")[0].lower()
        for part in (accept_language or "").split(",")
    }
    if named & set(UN_LANGUAGES):
        return pick_language(accept_language)
    if isinstance(question, str) and question.strip():
        detected = detect_language(question[:500])
        if detected in UN_LANGUAGES:
            return detected
    return "en"


def _shown(value: object) -> str:
    text = repr(value)
    return escape(text if len(text) <= 40 else text[:37] + "...")


def _k(value: object, lang: str) -> int | None:
    if value is None or value == 0 or value == "":
        return None  # the server's default
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    if number is None or not math.isfinite(number) or number != int(number):
        raise gr.Error(label("bad_k", lang, value=_shown(value), low=K_RANGE[0], high=K_RANGE[1]))
    if not K_RANGE[0] <= int(number) <= K_RANGE[1]:
        raise gr.Error(label("bad_k", lang, value=_shown(value), low=K_RANGE[0], high=K_RANGE[1]))
    return int(number)


def _date(name: str, value: object, lang: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and _DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise gr.Error(label("bad_date", lang, name=name, value=_shown(value)))


def _text(name: str, value: object, limit: int, lang: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise gr.Error(label("bad_type", lang, name=name, value=_shown(value)))
    if len(value) > limit:
        raise gr.Error(label("too_long", lang, name=name, length=len(value), limit=limit))
    return value


def validate_ask(
    question: object,
    documents: object,
    preferred_language: object,
    mode: object,
    k: object,
    since: object,
    until: object,
    max_question_chars: int,
    lang: str,
) -> AskInput:
    """Every input checked, in order; the first problem raises a `gr.Error` in `lang`."""
    text = _text("question", question, max_question_chars, lang).strip()
    if not re.search(r"\w", text):
        raise gr.Error(label("question_empty", lang))
    if documents is None:
        documents = []
    if not isinstance(documents, Sequence) or isinstance(documents, str):
        raise gr.Error(label("bad_type", lang, name="documents", value=_shown(documents)))
    if len(documents) > MAX_DOCUMENTS:
        raise gr.Error(
            label("too_many", lang, name="documents", count=len(documents), limit=MAX_DOCUMENTS)
        )
    symbols = tuple(_text("documents", d, MAX_SYMBOL_CHARS, lang) for d in documents)
    preferred = _text("preferred_language", preferred_language, 8, lang)
    if preferred not in ("", *UN_LANGUAGES):
        choices = ", ".join(UN_LANGUAGES)
        raise gr.Error(label("bad_choice", lang, name="preferred_language", choices=choices))
    chosen_mode = _text("mode", mode, 16, lang)
    if chosen_mode not in MODES:
        raise gr.Error(label("bad_choice", lang, name="mode", choices="extractive, llm"))
    start, end = _date("since", since, lang), _date("until", until, lang)
    if start and end and start > end:
        raise gr.Error(label("bad_date_order", lang, since=start, until=end))
    return AskInput(text, symbols, preferred, chosen_mode, _k(k, lang), start, end)


def question_problem(question: str, max_chars: int, lang: str) -> str:
    """Why the chat cannot ask this question, in the interface language ("" if it can): the
    service's own errors are written for the log and the CLI, in English."""
    if not re.search(r"\w", question):
        return label("question_empty", lang)
    if len(question) > max_chars:
        name = label("question", lang)
        return label("too_long", lang, name=name, length=len(question), limit=max_chars)
    return ""


def unexpected(exc: BaseException, lang: str, where: str, user: str) -> str:
    """Log an unexpected failure with a fresh id; the message to show in its place."""
    error_id = secrets.token_hex(4)
    logger.error(
        "unexpected error %s in %s: %r",
        error_id,
        where,
        exc,
        exc_info=exc,
        extra={"error_id": error_id, "user": user},
    )
    return label("unexpected_error", lang, id=error_id)

"""The six UN languages (the one list of their codes), and which of them a text is in, from
its script and, for Latin script, a language-identification model.

Used when neither front matter nor the header names the language of a document, and later
to answer a question in the language it was asked in.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

UN_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
# CJK characters and punctuation: text without spaces between words, joined without them.
CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def is_cjk(char: str) -> bool:
    return bool(CJK.match(char))


# A script settles the language once it is a fair share of the letters; one ideograph carries
# a word, so a tenth is enough for Chinese ("UNICEF呢？").
_SCRIPTS = (
    (re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]"), "zh", 0.1),
    (re.compile(r"[\u0600-\u06ff\u0750-\u077f]"), "ar", 0.2),
    (re.compile(r"[\u0400-\u04ff]"), "ru", 0.2),
)
_LATIN = ("en", "es", "fr")
_NOT_WORDS = re.compile(r"\S*[/\d]\S*")  # symbols ("HSP/EB.2026/12"), figures, "9."
_WORD = re.compile(r"[^\W\d_]+", re.U)
_MIN_CONFIDENCE = 0.6


class _Identifier:
    """py3langid's model (it ships in the wheel), restricted to the Latin-script UN languages.

    Loading it takes about half a second (decompressing the model); `warm_up` starts that in a
    thread while the caller loads its embedder, and the first question waits only for the rest.
    """

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def warm_up(self) -> None:
        with self._lock:
            if self._model is None and self._thread is None:
                self._thread = threading.Thread(target=self._load, daemon=True)
                self._thread.start()

    def _load(self) -> None:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        model = LanguageIdentifier.from_modelpath(Path(MODEL_DIR) / MODEL_FILE, norm_probs=True)
        model.set_languages(list(_LATIN))
        self._model = model

    def classify(self, text: str) -> tuple[str, float]:
        if self._model is None:
            self.warm_up()
            thread = self._thread
            if thread is not None:
                thread.join()
        code, confidence = self._model.classify(text)
        return str(code), float(confidence)


_IDENTIFIER = _Identifier()


def warm_up() -> None:
    """Start loading the language model in the background (servers call this at start)."""
    _IDENTIFIER.warm_up()


def detect_language(text: str) -> str:
    """Which UN language `text` is in; "" when it gives too little to tell.

    Arabic, Chinese and Cyrillic script settle it; among English, French and Spanish the
    py3langid model decides, on the words left once symbols and figures are removed ("para 9
    of HSP/EB.2026/12" is one word: too little), and only when it is confident.
    """
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return ""
    for pattern, code, share in _SCRIPTS:
        if len(pattern.findall(text)) >= max(1, letters * share):
            return code
    if "¿" in text or "¡" in text:
        return "es"  # Spanish alone among the six opens a question with "¿"
    words = _WORD.findall(_NOT_WORDS.sub(" ", text))
    if len(words) < 2:
        return ""
    code, confidence = _IDENTIFIER.classify(" ".join(words))
    return code if confidence >= _MIN_CONFIDENCE else ""

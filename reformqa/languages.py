"""The six UN languages (the one list of their codes), and which of them a text is in, from
its script and common words.

Used when neither front matter nor the header names the language of a document, and later
to answer a question in the language it was asked in.
"""

from __future__ import annotations

import re
from collections import Counter

UN_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
_SCRIPTS = (
    (re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]"), "zh"),
    (re.compile(r"[\u0600-\u06ff\u0750-\u077f]"), "ar"),
    (re.compile(r"[\u0400-\u04ff]"), "ru"),
)
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "for", "with", "what", "which", "how", "does"},
    "fr": {"le", "la", "les", "des", "et", "du", "est", "une", "pour", "dans", "quel", "quelle"},
    "es": {"el", "los", "las", "del", "y", "que", "una", "para", "por", "con", "qué", "cuál"},
}
_WORD = re.compile(r"[^\W\d_]+", re.U)


def detect_language(text: str) -> str:
    """Best guess among the UN languages; "" when the text gives nothing to go on."""
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return ""
    for pattern, code in _SCRIPTS:
        if len(pattern.findall(text)) >= max(1, letters * 0.2):
            return code
    words = Counter(w.lower() for w in _WORD.findall(text))
    scores = {code: sum(words[w] for w in stops) for code, stops in _STOPWORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] else "en"

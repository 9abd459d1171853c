"""Interface labels in the six UN languages, and choosing one from the browser's Accept-Language.

The language is chosen on the server from the request headers at page load, so the same choice
also names the exported file's headings; answers themselves follow the question's language.
"""

from __future__ import annotations

import re

from reformqa.languages import UN_LANGUAGES
from ui.labels import LABELS

LANGUAGES = UN_LANGUAGES  # the UI offers every UN language
DEFAULT = "en"
RTL = frozenset({"ar"})

# Each language in its own script: a delegate finds their language without reading another.
NATIVE_NAMES = {
    "ar": "العربية",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "ru": "Русский",
    "zh": "中文",
}


def label(key: str, language: str, **values: object) -> str:
    """The label in `language`, English when that language has none."""
    table = LABELS[key]
    return table.get(language, table[DEFAULT]).format(**values)


def keys() -> list[str]:
    return list(LABELS)


_RANGE = re.compile(r"^\s*([A-Za-z]{1,8}|\*)(?:-[A-Za-z0-9]{1,8})*\s*$")


def pick_language(accept_language: str | None) -> str:
    """The first of the six UN languages the browser accepts, by its q-values; else English.

    "zh-CN,zh;q=0.9,en;q=0.8" gives zh; "de-DE,fr;q=0.5" gives fr; "de" gives en.
    """
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.partition(";")
        if not _RANGE.match(tag):
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if quality > 0 and primary in LANGUAGES:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else DEFAULT


def direction(language: str) -> str:
    return "rtl" if language in RTL else "ltr"

"""The one citation type, and how a citation is written in each of the six UN languages.

Models never write citations: they see opaque keys ([S3]) and this module turns the keys into
"(HSP/EB.2026/12, para. 9)", so no symbol or paragraph number can be invented.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ingest.models import split_annex_label

# (paragraph, footnote, row) words per language; {n} is the label.
_FORMS: dict[str, tuple[str, str, str, str, str]] = {
    # language: (open, separator, para, footnote, row) — close is derived from open
    "en": ("(", ", ", "para. {n}", "footnote {n}", "row {n}"),
    "fr": ("(", ", ", "par. {n}", "note {n}", "ligne {n}"),
    "es": ("(", ", ", "párr. {n}", "nota {n}", "fila {n}"),
    "ru": ("(", ", ", "п. {n}", "сноска {n}", "строка {n}"),
    "ar": ("(", "، ", "الفقرة {n}", "الحاشية {n}", "الصف {n}"),
    "zh": ("（", "，", "第 {n} 段", "脚注 {n}", "第 {n} 行"),
}
_CLOSE = {"(": ")", "（": "）"}
# "annex I, para. 3" and "recommendation 4", per language; {a} is the annex, {n} the number.
_ANNEX_FORMS = {
    "en": "annex {a}, ",
    "fr": "annexe {a}, ",
    "es": "anexo {a}, ",
    "ru": "приложение {a}, ",
    "ar": "المرفق {a}، ",
    "zh": "附件{a}",
}
_RECOMMENDATION_FORMS = {
    "en": "recommendation {n}",
    "fr": "recommandation {n}",
    "es": "recomendación {n}",
    "ru": "рекомендация {n}",
    "ar": "التوصية {n}",
    "zh": "建议 {n}",
}


@dataclass
class Citation:
    """A paragraph (or footnote, or row) of one document that an answer relies on."""

    symbol: str
    label: str
    language: str = ""
    text: str = ""
    score: float = 0.0
    supported: bool | None = None  # None: not checked (extractive quotes are verbatim)
    kind: str = "para"
    title: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """Language-independent identity: para 9 in French is para 9."""
        return (self.symbol, self.label)

    def format(self, language: str = "en") -> str:
        return format_citation(self.symbol, self.label, language, self.kind)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["doc"] = data.pop("symbol")
        data["para"] = data.pop("label")
        data["lang"] = data.pop("language")
        return data


def format_citation(symbol: str, label: str, language: str = "en", kind: str = "") -> str:
    """ "(HSP/EB.2026/12, para. 9)", "（HSP/EB.2026/12，脚注 6）", "(HSP/EB.2026/12, par. 9)"."""
    opening, separator, para, footnote, row = _FORMS.get(language, _FORMS["en"])
    language = language if language in _FORMS else "en"
    annex = split_annex_label(label)
    if label.startswith("fn") and label[2:].isdigit():
        where = footnote.format(n=label[2:])
    elif label.startswith("rec") and label[3:].isdigit():
        where = _RECOMMENDATION_FORMS[language].format(n=label[3:])
    elif annex is not None:
        name, number = annex
        where = _ANNEX_FORMS[language].format(a=name).replace(" , ", ", ").replace(" ،", "،")
        where = (where if name else where.replace(" ,", ",").replace("  ", " ")) + para.format(
            n=number
        )
    elif kind == "row":
        where = row.format(n=label)
    else:
        where = para.format(n=label)
    return f"{opening}{symbol}{separator}{where}{_CLOSE[opening]}"

"""Direct references in questions: "what does paragraph 14 say", "HSP/EB.2026/12 para 9",
"脚注 6", "第 9 段", "par. 9 en français". They go straight to the unit, without search."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.models import annex_label
from reformqa.numerals import annex_numeral, chinese_number
from reformqa.symbols import SYMBOL_IN_TEXT, normalize_symbol

_SYMBOL = SYMBOL_IN_TEXT
# "paragraph 12", "para. 29.12", "párrafo 29A.3": plain or section numbering
_PARAGRAPH = re.compile(
    r"(?:\bparagraph(?:e|s)?|\bparas?\.?|\bpárrafos?|\bpárr\.?|\bpar\.|\bpunto|\bпункт[а-я]*|"
    r"\bп\.|\bпараграф[а-я]*|\bабзац[а-я]*|الفقرة|فقرة|¶)\s*(\d{1,3}[A-Z]?\.\d{1,4}|\d{1,5})\b",
    re.I,
)
# "annex I, para. 3", "annexe II, paragraphe 4", "anexo I, párrafo 2", "приложение I, пункт 3"
_ANNEX = re.compile(
    r"\b(?:annex|annexe|anexo|приложени[еяи])\s*([IVXLC]{1,6}|\d{1,2})?\s*,?\s*"
    r"(?:paragraph(?:e|s)?|paras?\.?|párrafos?|párr\.?|par\.|пункт[а-я]*|п\.)\s*(\d{1,4})\b",
    re.I,
)
# "附件一第 3 段", "附件一议程第 1 项", "المرفق الأول، الفقرة 3"
_ZH_ANNEX = re.compile(
    r"附件\s*([一二三四五六七八九十]{1,3}|\d{1,2})?[^第]{0,12}第\s*(\d{1,4})\s*[段项]"
)
_AR_ANNEX = re.compile(
    r"المرفق\s*(الأول|الثاني|الثالث|الرابع|الخامس|السادس|السابع|الثامن|التاسع|العاشر)?"
    r"\s*[،,]?\s*(?:الفقرة|البند)\s*(\d{1,4})"
)
_RECOMMENDATION = re.compile(
    r"\b(?:recommendation|recommandation|recomendación|рекомендаци[яи])\s*(?:n[°o]\.?\s*)?"
    r"(\d{1,3})\b|التوصية\s*(\d{1,3})|建议\s*(\d{1,3})",
    re.I,
)
_FOOTNOTE = re.compile(
    r"(?:\bfoot\s?notes?|\bfn\.?|\bnotes?(?:\s+de\s+bas\s+de\s+page)?|\bnotas?(?:\s+al\s+pie)?|"
    r"\bсноск[а-я]*|\bпримечани[а-я]*|الحاشية|حاشية|脚注|附注)\s*(?:n[°o]\.?\s*)?(\d{1,3})\b",
    re.I,
)
_ZH_PARAGRAPH = re.compile(r"第\s*([0-9一二三四五六七八九十百]+)\s*段")
_ZH_FOOTNOTE = re.compile(r"脚注\s*([0-9一二三四五六七八九十]+)")
_LANGUAGE_REQUEST = (
    (
        re.compile(
            r"\bin english\b|\ben anglais\b|\ben inglés\b|на английском|英文|英语|"
            r"بالإنكليزية|بالانجليزية",
            re.I,
        ),
        "en",
    ),
    (
        re.compile(
            r"\bin french\b|\ben français\b|\ben francés\b|на французском|法文|法语|"
            r"بالفرنسية",
            re.I,
        ),
        "fr",
    ),
    (
        re.compile(
            r"\bin spanish\b|\ben espagnol\b|\ben español\b|на испанском|西班牙文|"
            r"بالإسبانية",
            re.I,
        ),
        "es",
    ),
    (
        re.compile(r"\bin russian\b|\ben russe\b|\ben ruso\b|на русском|俄文|俄语|بالروسية", re.I),
        "ru",
    ),
    (
        re.compile(r"\bin arabic\b|\ben arabe\b|\ben árabe\b|на арабском|阿拉伯文|بالعربية", re.I),
        "ar",
    ),
    (
        re.compile(r"\bin chinese\b|\ben chinois\b|\ben chino\b|на китайском|中文|بالصينية", re.I),
        "zh",
    ),
)
@dataclass
class DirectReference:
    """What a question names explicitly."""

    labels: list[str] = field(default_factory=list)  # "9", "fn6"
    symbol: str | None = None
    language: str | None = None  # "in French": show that language version

    def __bool__(self) -> bool:
        return bool(self.labels)


def find_reference(question: str) -> DirectReference:
    reference = DirectReference()
    symbol = _SYMBOL.search(question)
    if symbol and any(ch.isdigit() for ch in symbol.group(1)):
        reference.symbol = normalize_symbol(symbol.group(1))
    scrubbed = _SYMBOL.sub(" ", question)  # "HSP/EB.2026/12" must not read as paragraph 12
    for match in _ANNEX.finditer(scrubbed):
        reference.labels.append(annex_label((match.group(1) or "").upper(), match.group(2)))
    for match in _ZH_ANNEX.finditer(scrubbed):
        reference.labels.append(annex_label(annex_numeral(match.group(1) or ""), match.group(2)))
    for match in _AR_ANNEX.finditer(scrubbed):
        reference.labels.append(annex_label(annex_numeral(match.group(1) or ""), match.group(2)))
    for pattern in (_ANNEX, _ZH_ANNEX, _AR_ANNEX):
        scrubbed = pattern.sub(" ", scrubbed)
    for match in _RECOMMENDATION.finditer(scrubbed):
        reference.labels.append(f"rec{int(next(g for g in match.groups() if g))}")
    for match in _FOOTNOTE.finditer(scrubbed):
        reference.labels.append(f"fn{int(match.group(1))}")
    for match in _ZH_FOOTNOTE.finditer(scrubbed):
        reference.labels.append(f"fn{chinese_number(match.group(1))}")
    for match in _PARAGRAPH.finditer(scrubbed):
        number = match.group(1)
        reference.labels.append(number if "." in number else str(int(number)))
    for match in _ZH_PARAGRAPH.finditer(scrubbed):
        reference.labels.append(str(chinese_number(match.group(1))))
    reference.labels = list(
        dict.fromkeys(label for label in reference.labels if label not in ("0", "fn0"))
    )
    for pattern, code in _LANGUAGE_REQUEST:
        if pattern.search(question):
            reference.language = code
            break
    return reference


def strip_reference(question: str) -> str:
    """The question without its references, to rank sentences inside the named units."""
    for pattern in (
        _SYMBOL,
        _ANNEX,
        _ZH_ANNEX,
        _AR_ANNEX,
        _RECOMMENDATION,
        _FOOTNOTE,
        _PARAGRAPH,
        _ZH_PARAGRAPH,
        _ZH_FOOTNOTE,
    ):
        question = pattern.sub(" ", question)
    return re.sub(r"\s+", " ", question).strip()


_GENERIC = re.compile(
    r"\b(?:what|does|do|say|says|said|tell|me|show|give|about|the|of|in|is|are|contain|"
    r"contains|text|full|please|que|dit|disent|le|la|les|du|de|montre|moi|qué|dice|dicen|"
    r"el|muestra|что|говорится|гласит|в|о|покажи|ماذا|تقول|يقول|اعرض|في)\b|说了什么|讲什么|"
    r"讲了什么|内容|是什么|什么|请|给我|显示|的|[?？!！.。,，:：]",
    re.I,
)


def is_generic(focus: str) -> bool:
    """A question that only asks for the named paragraph ("what does it say")."""
    return not _GENERIC.sub(" ", focus).strip()

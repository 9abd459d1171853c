"""Metadata from the header block UN documents print above their first section.

The header carries the symbol, "Distr.: General" with the distribution date, the language of
this version and the original, the session, the agenda item and the title, in the language
of the version (HSP/EB.2026/12 in Chinese prints "临时议程*项目 11" and "Original: English").
"""

from __future__ import annotations

import re
from datetime import date

from ingest.models import DocumentMeta
from reformqa.symbols import symbols_of_line

DISTR = re.compile(
    r"^Distr\.?\s*:?\s*(General|Limited|Restricted|générale|limitée|restreinte|general|limitada|reservada)?",
    re.I,
)

LANGUAGES: dict[str, str] = {
    "english": "en",
    "anglais": "en",
    "inglés": "en",
    "ingles": "en",
    "английский": "en",
    "英文": "en",
    "英语": "en",
    "الإنكليزية": "en",
    "بالإنكليزية": "en",
    "الانكليزية": "en",
    "chinese": "zh",
    "chinois": "zh",
    "chino": "zh",
    "китайский": "zh",
    "中文": "zh",
    "بالصينية": "zh",
    "الصينية": "zh",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "francés": "fr",
    "французский": "fr",
    "法文": "fr",
    "法语": "fr",
    "بالفرنسية": "fr",
    "الفرنسية": "fr",
    "spanish": "es",
    "espagnol": "es",
    "español": "es",
    "испанский": "es",
    "西班牙文": "es",
    "بالإسبانية": "es",
    "الإسبانية": "es",
    "russian": "ru",
    "russe": "ru",
    "ruso": "ru",
    "русский": "ru",
    "俄文": "ru",
    "بالروسية": "ru",
    "الروسية": "ru",
    "arabic": "ar",
    "arabe": "ar",
    "árabe": "ar",
    "арабский": "ar",
    "阿拉伯文": "ar",
    "عربي": "ar",
    "العربية": "ar",
    "بالعربية": "ar",
}
ORIGINAL = re.compile(
    r"^(?:Original|原文|Язык оригинала|Язык подлинника|الأصل)\s*[:：]\s*(.+)$", re.I
)
SESSION = re.compile(r"session|sesión|сесси|الدورة|会议|届会|réunion|meeting", re.I)
AGENDA = re.compile(
    r"agenda|议程|ordre du jour|programa|повестк|جدول الأعمال|preliminary list|liste préliminaire|"
    r"lista preliminar|предварительн\w* перечн|القائمة الأولية|初步清单",
    re.I,
)
_ITEM_NUMBER = r"\d+(?:\s*\([a-z]\))?"
AGENDA_ITEM = re.compile(
    rf"(?:项目|items?|points?|temas?|пункт[ыа]?|البنود|البند)\s*\*?\s*"
    rf"({_ITEM_NUMBER}(?:(?:,\s*|\s+(?:and|et|y|и|و)\s+){_ITEM_NUMBER})*)",
    re.I,
)
AGENDA_ITEM_BEFORE = re.compile(r"^(?:Item\s+)?(\d+(?:\s*\([a-z]\))?)\s+(?:of|de|du)\b", re.I)

_MONTHS: dict[str, int] = {}
for _names in (
    "january february march april may june july august september october november december",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    # Arabic UN documents print both month names, "آذار/مارس"; the second is read here.
    "يناير فبراير مارس أبريل مايو يونيه يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر",
):
    for _i, _name in enumerate(_names.split(), start=1):
        _MONTHS[_name] = _i
_DAY_MONTH_YEAR = re.compile(
    r"(\d{1,2})(?:er)?\s+(?:de\s+)?(?:[^\W\d_]+(?:\s[^\W\d_]+)?/)?([^\W\d_]+)\s+(?:de\s+)?(\d{4})",
    re.I,
)
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# First match wins: "Internal audit of the reform checklist" is an audit, not a checklist.
_DOC_TYPES = (
    (re.compile(r"audit|审计|vérification|auditoría|ревизи|مراجعة الحسابات", re.I), "audit"),
    (re.compile(r"evaluation|评价|évaluation|evaluación|оценк|تقييم", re.I), "evaluation"),
    (
        re.compile(r"checklist|清单|liste de contrôle|lista de verificación|контрольн", re.I),
        "checklist",
    ),
    (re.compile(r"budget|预算|presupuesto|бюджет|الميزانية", re.I), "budget"),
    (re.compile(r"resolution|决议|résolution|resolución|резолюц", re.I), "resolution"),
    (re.compile(r"decision|决定|décision|decisión|решени|مقرر", re.I), "decision"),
    (re.compile(r"^(?:identical )?letters? dated|^lettre|^carta|^письмо|^رسالة", re.I), "letter"),
    (re.compile(r"note by|说明|note du|nota de|записка|مذكرة", re.I), "note"),
    (re.compile(r"report|报告|rapport|informe|доклад|تقرير", re.I), "report"),
    (re.compile(r"review|examen|обзор|استعراض|审查", re.I), "report"),
)


def parse_date(text: str) -> str:
    """ISO date from "16 February 2026", "16 février 2026", "2026年2月16日" and the like."""
    text = text.translate(_ARABIC_DIGITS)
    if match := _ISO_DATE.search(text):
        return _iso(*map(int, match.groups()))
    if match := _CJK_DATE.search(text):
        return _iso(*map(int, match.groups()))
    for match in _DAY_MONTH_YEAR.finditer(text):
        month = _MONTHS.get(match.group(2).lower())
        if month:
            return _iso(int(match.group(3)), month, int(match.group(1)))
    return _arabic_date(text)


def _arabic_date(text: str) -> str:
    """An Arabic date whose parts came out of a PDF in visual order ("2026 4 آذار/مارس")."""
    months = [_MONTHS[w] for w in re.findall(r"[\u0600-\u06ff]+", text) if w in _MONTHS]
    years = re.findall(r"(?<!\d)\d{4}(?!\d)", text)
    days = re.findall(r"(?<!\d)\d{1,2}(?!\d)", text)
    if len(set(months)) == 1 and len(years) == 1 and len(days) == 1:
        return _iso(int(years[0]), months[0], int(days[0]))
    return ""


def _iso(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def language_name(text: str) -> str:
    """The ISO code for a language named on a line of its own ("Chinese", "Français")."""
    return LANGUAGES.get(text.strip().strip("：:").lower(), "")


def detect_doc_type(*texts: str) -> str:
    for text in texts:
        for pattern, doc_type in _DOC_TYPES:
            if text and pattern.search(text):
                return doc_type
    return ""


def parse_header(lines: list[str], meta: DocumentMeta) -> bool:
    """Fill `meta` from the header lines; return whether this looked like a UN header."""
    found = False
    after_agenda = False
    expecting_date = False
    for line in (raw.strip() for raw in lines):
        if not line:
            continue
        if not meta.symbol and (symbols := symbols_of_line(line)):
            meta.symbol = symbols[0]
            meta.symbols = symbols
            found = True
            continue
        if distr := DISTR.match(line):
            found = True
            expecting_date = True
            if day := parse_date(line[distr.end() :]):
                meta.date = day
                expecting_date = False
            continue
        if expecting_date and (day := parse_date(line)):
            meta.date = day
            expecting_date = False
            continue
        if original := ORIGINAL.match(line):
            meta.original_language = language_name(original.group(1))
            found = True
            continue
        if (code := language_name(line)) and not meta.language:
            meta.language = code
            continue
        if AGENDA.search(line) and (
            item := AGENDA_ITEM.search(line) or AGENDA_ITEM_BEFORE.search(line)
        ):
            meta.agenda_item = item.group(1)
            after_agenda = True
            continue
        if SESSION.search(line) and not meta.session and len(line) < 120:
            meta.session = line
            continue
        if after_agenda and not meta.title:
            meta.title = line
            after_agenda = False
    return found

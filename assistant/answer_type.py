"""What kind of figure a question asks for ("what share" wants a percentage, "what amount"
money, "when" a date, "how many" a number the question does not already contain), and
whether a text has one.

Used by retrieval and by the extractive answerer: a paragraph or sentence without the figure
asked for is unlikely to be the answer, however similar its wording.
"""

from __future__ import annotations

import re
from enum import StrEnum

_SHARE = re.compile(
    r"\bwhat (?:share|percentage|proportion|portion|fraction)\b|\bhow much of\b|"
    r"\bquelle (?:part|proportion)\b|\bquel pourcentage\b|\bà quelle proportion\b|"
    r"\bqué (?:porcentaje|proporción|parte)\b|\bкак(?:ой|ую|ая) дол|\bкакой процент|"
    r"ما نسبة|ما هي نسبة|比例|百分之|多大比例",
    re.I,
)
_COUNT = re.compile(
    r"\bhow (?:many|much)\b|\bcombien\b|\bcuánt[oa]s?\b|\bсколько\b|كم|多少|几个", re.I
)
_PERCENT = re.compile(r"%|\bper ?cent|\bpour ?cent|\bpor ciento|процент|في المائة|百分之", re.I)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# counts written out in words ("four regional offices", "两个", "trois bureaux")
_NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|thousand|million|dozen|deux|trois|quatre|cinq|sept|huit|neuf|dix|cent|"
    r"mille|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|cien|mil|два|две|три|четыре|"
    r"пять|шесть|семь|восемь|девять|десять|сто|тысяч\w*)\b|[两二三四五六七八九十百千万]\s*[个名项家国]|"
    r"اثنا|ثلاث|أربع|خمس|ست|سبع|ثماني|تسع|عشر|مائة|ألف",
    re.I,
)


_MONEY_ASKED = re.compile(
    r"\bhow much (?:money|funding)\b|\bwhat (?:amount|sum|budget)\b|\bhow much (?:did|was|were|"
    r"has|have|had|is|are|will)\b[^?]*\b(?:cost|paid|pay|spent|spend|received|receive|raised|"
    r"contributed|contribute|collected|budget|worth|lost|recovered|saved|approved)|"
    r"\bquel (?:montant|budget)\b|\bquelle somme\b|\bà combien s'él[eè]v|\bcombien d'argent\b|"
    r"\bqué (?:monto|importe|suma|presupuesto)\b|\bcuánto dinero\b|\ba cuánto asciende|"
    r"\bкакова сумма\b|\bкакую сумму\b|\bкаков(?:ы|а)? (?:объ[её]м|размер)\b|"
    r"\bсколько (?:денег|средств|долларов)\b|ما (?:هو )?(?:مبلغ|حجم)|ما قيمة|"
    r"多少钱|多少美元|多少资金|金额|数额|预算(?:是|为)?多少",
    re.I,
)
_DATE_ASKED = re.compile(
    r"\bwhen\b|\bwhat date\b|\bwhich year\b|\bin what year\b|\bsince when\b|"
    r"\bquand\b|\bà quelle date\b|\ben quelle année\b|\bdepuis quand\b|"
    r"\bcuándo\b|\ben qué (?:fecha|año)\b|\bdesde cuándo\b|"
    r"\bкогда\b|\bв каком году\b|\bкакого числа\b|\bс какого (?:года|времени)\b|"
    r"متى|في أي (?:سنة|عام|تاريخ)|"
    r"何时|什么时候|哪一年|哪年|何年|什么日期|哪一天",
    re.I,
)
_CURRENCY = re.compile(
    r"\$|\bUSD\b|\bdollars?\b|dólares|доллар|долл\.|دولار|美元|€|\beuros?\b|CHF", re.I
)
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # a year, as questions and passages write it
_MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
    r"décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
    r"diciembre|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йя]\b|июн\w*|июл\w*|август\w*|"
    r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)|"
    r"يناير|فبراير|مارس|أبريل|مايو|يونيه|يونيو|يوليه|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|"
    r"\d{1,2}\s*月",
    re.I,
)


class Figure(StrEnum):
    SHARE = "share"
    MONEY = "money"
    DATE = "date"
    COUNT = "count"


def wanted_figure(question: str) -> Figure | None:
    """The kind of figure a question asks for, the most specific first: "what share" wants a
    percentage, "what amount" money, "when" a date, "how many" a number."""
    if _SHARE.search(question):
        return Figure.SHARE
    if _MONEY_ASKED.search(question):
        return Figure.MONEY
    if _DATE_ASKED.search(question):
        return Figure.DATE
    if _COUNT.search(question):
        return Figure.COUNT
    return None


def has_figure(text: str, figure: Figure | None, question: str) -> bool:
    """True when `text` holds the figure asked for (always true when none is asked for)."""
    if figure is Figure.SHARE:
        return bool(_PERCENT.search(text))
    if figure is Figure.MONEY:
        return bool(_CURRENCY.search(text)) and bool(_NUMBER.search(text))
    if figure is Figure.DATE:
        new_years = set(YEAR.findall(text)) - set(YEAR.findall(question))
        return bool(new_years) or bool(_MONTH.search(text))
    if figure is Figure.COUNT:
        new_numbers = set(_NUMBER.findall(text)) - set(_NUMBER.findall(question))
        return bool(new_numbers) or bool(_NUMBER_WORDS.search(text))
    return True

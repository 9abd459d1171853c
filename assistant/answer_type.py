"""What kind of figure a question asks for ("what share" wants a percentage, "how many" a
number the question does not already contain), and whether a text has one.

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


class Figure(StrEnum):
    SHARE = "share"
    COUNT = "count"


def wanted_figure(question: str) -> Figure | None:
    if _SHARE.search(question):
        return Figure.SHARE
    if _COUNT.search(question):
        return Figure.COUNT
    return None


def has_figure(text: str, figure: Figure | None, question: str) -> bool:
    """True when `text` holds the figure asked for (always true when none is asked for)."""
    if figure is Figure.SHARE:
        return bool(_PERCENT.search(text))
    if figure is Figure.COUNT:
        new_numbers = set(_NUMBER.findall(text)) - set(_NUMBER.findall(question))
        return bool(new_numbers) or bool(_NUMBER_WORDS.search(text))
    return True

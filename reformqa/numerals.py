"""Numbers as UN documents write them in six languages: Chinese numerals, Arabic ordinal
words and Roman numerals.

The reader and the question parser must agree on them: "附件一", "المرفق الأول" and "Annex I"
are the same annex in three language versions, so all three are labelled "annex I.3".
"""

from __future__ import annotations

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
ARABIC_ORDINALS = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع",
                   "الثامن", "التاسع", "العاشر")  # fmt: skip
CHINESE_NUMERAL = "[一二三四五六七八九十]{1,3}"
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int:
    """1-999 written in digits or Chinese numerals (九, 十四, 二十七, 一百零二)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _ZH_DIGITS.get(char, 0)
    return total + current


def roman(number: int) -> str:
    """"IV" for 4; numbers past ten stay digits, as no annex series runs that far."""
    return ROMAN[number - 1] if 0 < number <= len(ROMAN) else str(number)


def annex_numeral(raw: str) -> str:
    """The annex's numeral as the English version prints it: "一" and "الأول" give "I"."""
    raw = raw.strip()
    if raw in ARABIC_ORDINALS:
        return ROMAN[ARABIC_ORDINALS.index(raw)]
    if raw and all(char in "一二三四五六七八九十百" for char in raw):
        return roman(chinese_number(raw))
    return raw.upper()

"""UN document symbols: the one definition of what a symbol looks like.

A symbol is a series of slash-separated components, the first all capitals ("A", "DP", "JIU",
"E", "UNW", "HSP"), the others letters, digits, dots and hyphens ("EB.2026", "L.7", "Add.1"),
optionally followed by a bracketed part: "A/80/6 (Sect. 29)", "E/ICEF/650 (Part I)",
"A/81/6 (Sect. 29A)". Joint documents print two symbols joined by a dash
("A/79/716–S/2025/18"); the first is the primary one.
"""

from __future__ import annotations

import re

_COMPONENTS = r"[A-Z]{1,10}(?:/[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9]|/[A-Za-z0-9]){1,7}"
_PART = r"(?:\s?\((?:Sect|Part|Vol|Chap)\.?\s*[0-9IVXLC]+[A-Z]?\))"
_BODY = rf"{_COMPONENTS}{_PART}?"

# Anywhere in running text: not inside a longer token ("HSP/EB.2026/12" in "see HSP/EB.2026/12,").
# Chinese and Japanese write no space around a symbol ("HSP/EB.2025/10第31段"): an ideograph
# or kana next to it ends the token.
_LETTER_NOT_CJK = r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
SYMBOL_IN_TEXT = re.compile(rf"(?<!{_LETTER_NOT_CJK})(?<!/)({_BODY})(?!{_LETTER_NOT_CJK}|/)")
# A whole line or cell that is one symbol, or a joint symbol.
_JOINT_DASH = r"\s*[–—\-]\s*"
SYMBOL_LINE = re.compile(rf"^\s*({_BODY})(?:{_JOINT_DASH}({_BODY}))?\s*$")


def normalize_symbol(text: str) -> str:
    """One spelling per symbol: single spaces, "(Sect. 29)" with its space, no trailing dot."""
    text = re.sub(r"\s+", " ", text.strip()).rstrip(".,;")
    return re.sub(
        r"\s?\(\s*(Sect|Part|Vol|Chap)\.?\s*",
        lambda m: f" ({m.group(1)}{'' if m.group(1) == 'Part' else '.'} ",
        text,
    )


_HYPHEN_JOINT = re.compile(r"^(.+?\d)-([A-Z]{1,10}/.+)$")


def symbols_of_line(line: str) -> list[str]:
    """The symbol(s) a line consists of: [] unless the line is nothing but one or two symbols.

    A joint symbol printed with a plain hyphen ("A/79/716-S/2025/18") is two symbols: a
    component never starts with capitals and a slash after a hyphen.
    """
    # a cover's "*" points to a note; a fascicle's "/Part A" names a part of one section
    line = re.sub(r"(\))/Part [A-Z]$", r"\1", line.strip().rstrip("*").rstrip())
    if (joint := _HYPHEN_JOINT.match(line)) and SYMBOL_LINE.match(joint.group(1)):
        line = f"{joint.group(1)}–{joint.group(2)}"
    match = SYMBOL_LINE.match(line)
    if not match or not any(ch.isdigit() for ch in match.group(1)):
        return []
    return [normalize_symbol(s) for s in match.groups() if s]


def find_symbols(text: str) -> list[str]:
    """Every symbol mentioned in running text, in order, without repeats."""
    found = [normalize_symbol(m.group(1)) for m in SYMBOL_IN_TEXT.finditer(text)]
    return list(dict.fromkeys(s for s in found if any(ch.isdigit() for ch in s)))


def symbol_from_file_stem(stem: str) -> str:
    """The symbol a file name spells with dashes for slashes ("A-79-716" -> "A/79/716").

    Only a fallback shown as such: a name like "report-final" is not a symbol and gives "".
    """
    candidate = stem.replace("-", "/")
    found = symbols_of_line(candidate)
    return found[0] if len(found) == 1 else ""

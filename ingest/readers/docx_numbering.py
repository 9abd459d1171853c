"""Word's automatic numbering, rendered as Word displays it.

The number of an automatically numbered paragraph is not in its text: numbering.xml says, per
list level, where counting starts, in which format (1, a, i, A, I) and with which pattern
("%1.", "%1.%2", "(%3)"). A budget fascicle's "29.12" is level 1 of a list whose level 0
starts at 29; a sub-item "(b)" is level 2. Rendering the pattern, rather than assuming "N."
and "(a)", gives every document the labels its readers see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


@dataclass(frozen=True)
class _Level:
    start: int = 1
    format: str = "decimal"
    pattern: str = "%1."


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def _format(number: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (number - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (number - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    return str(number)


class WordNumbering:
    """Counters for every list of one document; `next_label` advances them like Word."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iter(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = {
                int(level.get(qn("w:ilvl"))): _read_level(level) for level in node.iter(qn("w:lvl"))
            }
        for num in root.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(qn("w:val")), {})) if ref is not None else {}
            for override in num.iter(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                level = int(override.get(qn("w:ilvl")))
                if start is not None and level in levels:
                    base = levels[level]
                    levels[level] = _Level(int(start.get(qn("w:val"))), base.format, base.pattern)
            self.levels[num.get(qn("w:numId"))] = levels

    def next_label(self, num_id: str, level: int) -> str | None:
        """The label Word shows for the next paragraph at this level; None for bullets."""
        levels = self.levels.get(num_id)
        if not levels or level not in levels or levels[level].format in ("bullet", "none"):
            return None
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]

        def value(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            spec = levels.get(index, _Level())
            return _format(counters.get(index, spec.start), spec.format)

        return re.sub(r"%(\d)", value, levels[level].pattern).strip() or None


def _read_level(level: Any) -> _Level:
    start = level.find(qn("w:start"))
    fmt = level.find(qn("w:numFmt"))
    text = level.find(qn("w:lvlText"))
    return _Level(
        int(start.get(qn("w:val"))) if start is not None else 1,
        fmt.get(qn("w:val")) if fmt is not None else "decimal",
        text.get(qn("w:val")) if text is not None else "",
    )

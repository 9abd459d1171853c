"""The UN cover page: symbol(s), organ, Distr. block, session, agenda item, title, subtitle.

UN documents print the same cover in every language: "United Nations" and the organ on the
left in large bold type, the symbol at the top right, then "Distr.: General", the date and
"Original: English" in a right-hand column; below, the session, "Item 4 of the provisional
agenda" and the agenda item's own title in body-size bold; then the document title in larger
bold type, sometimes followed by an author line ("Report of the Executive Director").

The readers that know typography (PDF, DOCX) hand over the cover as `CoverLine`s with size,
weight and position; this module reads the fields from them. A field it cannot find stays
empty: `reformqa inspect` shows it as "not found" rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.header import (
    AGENDA,
    AGENDA_ITEM,
    AGENDA_ITEM_BEFORE,
    DISTR,
    ORIGINAL,
    SESSION,
    language_name,
    parse_date,
)
from ingest.patterns import PARA_START
from reformqa.symbols import symbols_of_line

_MASTHEAD = re.compile(
    r"^(?:United Nations(?: System)?|Nations Unies|Naciones Unidas|"
    r"Организация Объединенных Наций|الأمم المتحدة|联合国)$",
    re.I,
)
_ORGANS = re.compile(
    r"^(?:General Assembly|Security Council|Economic and Social Council|Human Rights Council|"
    r"Trusteeship Council|Assemblée générale|Conseil de sécurité|Asamblea General|"
    r"Consejo de Seguridad|Генеральная Ассамблея|Совет Безопасности|الجمعية العامة|مجلس الأمن|"
    r"大会|安全理事会)$"
)
# Front matter that follows the cover: the body has begun.
_FRONT_MATTER = re.compile(
    r"^(?:(?:Table of )?Contents|Summary|Executive summary|Abstract|Sommaire|Résumé|"
    r"Table des matières|Índice|Resumen|Содержание|Резюме|Аннотация|المحتويات|موجز|"
    r"目录|摘要|内容提要)$",
    re.I,
)
# The Security Council counts years where the Assembly counts sessions ("Eightieth year").
_YEAR = re.compile(r"\byear\b|\bannée\b|\baño\b|\bгод\b|السنة|年", re.I)
_NOT_TITLE = re.compile(r"^(?:Prepared by|Rédigé par|Preparado por|Подготовлен)", re.I)
# An author line under the title: "Report of the Secretary-General", "Note by the secretariat".
_AUTHOR_LINE = re.compile(
    r"^(?:(?:Report|Note|Letter|Statement|Memorandum) (?:of|by|from) (?:the )?[A-Z]|"
    r"Rapport d[ue] |Note d[ue] |Informe del? |Nota del? |Доклад |Записка |تقرير |مذكرة |"
    r".{2,30}的报告$|.{2,30}的说明$)"
)
_ONLY_LANGUAGE = re.compile(r"^(?P<lang>[^\W\d_]+) only$", re.I)


@dataclass
class CoverLine:
    """One line of a cover page, with what typography says about it."""

    text: str
    size: float = 0.0
    bold: bool = False
    right_column: bool = False  # printed in the right-hand column (the Distr. block)
    top_zone: bool = False  # printed in the top band where symbol and masthead sit
    section_heading: bool = False  # "A. Mandates", a Word "Heading 1": the body has begun
    baseline: float | None = None  # where the reader knows it: lines side by side share it


@dataclass
class Cover:
    symbols: list[str] = field(default_factory=list)
    body: str = ""
    distribution: str = ""
    date: str = ""
    language: str = ""
    original_language: str = ""
    session: str = ""
    agenda_item: str = ""
    title: str = ""
    subtitle: str = ""
    found: bool = False  # the lines looked like a UN cover at all


def read_cover(lines: list[CoverLine], body_size: float) -> tuple[Cover, int]:
    """The cover's fields, and how many lines it took (the body starts after them).

    Two passes: the labelled fields (symbol, Distr., date, original, session, agenda item) and
    the masthead first; then the title, which is the first large bold block after the last
    labelled field, so that an agency name printed above the session line is not taken for it.
    """
    cover = Cover()
    last_field = _read_fields(lines, body_size, cover)
    end = last_field + 1
    title_lines: list[str] = []
    title_size = 0.0
    for index in range(last_field + 1, len(lines)):
        line = lines[index]
        text = line.text.strip()
        if not text:
            continue
        large = line.size >= 1.1 * body_size
        if line.section_heading or _FRONT_MATTER.match(text):
            break
        if title_lines:
            if cover.subtitle:
                break  # the author line closes the title block
            if _continues_title(line, text, title_size, body_size):
                title_lines.append(text)
                title_size = max(title_size, line.size)
            elif (line.bold or large) and _AUTHOR_LINE.match(text):
                cover.subtitle = text
            else:
                break
            end = index + 1
            continue
        if _MASTHEAD.match(text) or line.right_column:
            end = index + 1
            continue
        if line.size < 0.92 * body_size and not title_lines:
            end = index + 1  # the cover's "*" notes, typed in small print above the title
            continue
        if _titleish(line, body_size):
            title_lines.append(text)
            title_size = line.size
            end = index + 1
            continue
        if (line.bold or _title_follows(lines, index, body_size)) and (cover.found or cover.body):
            end = index + 1  # the agenda item's own title, in body-size type
            continue
        if cover.found and not cover.title and _plain_title(text, lines, index):
            title_lines.append(text)  # a cover typed without bold: the line before the body
            end = index + 1
        break
    cover.title = _join_lines(title_lines)
    cover.found = cover.found or bool(cover.body and title_lines)
    return cover, end


def _read_fields(lines: list[CoverLine], body_size: float, cover: Cover) -> int:
    """Fill the labelled fields and the masthead; the index of the last line that had one."""
    last = -1
    symbol_text = ""
    masthead: list[str] = []
    masthead_size = 0.0
    expecting_date = False
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        if symbol_text and (symbols := symbols_of_line(symbol_text + text)):
            cover.symbols, symbol_text, last = symbols, "", index
            continue
        if not cover.symbols and (symbols := symbols_of_line(text)):
            cover.symbols, last = symbols, index
            continue
        if not cover.symbols and text[-1:] in "–—-" and symbols_of_line(text[:-1]):
            symbol_text = text  # a joint symbol broken after its dash
            continue
        if distr := DISTR.match(text):
            cover.distribution = (distr.group(1) or "").capitalize()
            expecting_date, last = True, index
            if day := parse_date(text[distr.end() :]):
                cover.date, expecting_date = day, False
        elif expecting_date and (day := parse_date(text)):
            cover.date, expecting_date, last = day, False, index
        elif original := ORIGINAL.match(text):
            cover.original_language, last = language_name(original.group(1)), index
        elif (only := _ONLY_LANGUAGE.match(text)) and (code := language_name(only["lang"])):
            cover.original_language = cover.language = code
            last = index
        elif (code := language_name(text)) and not cover.language:
            cover.language, last = code, index
        elif AGENDA.search(text) and (
            item := AGENDA_ITEM.search(text) or AGENDA_ITEM_BEFORE.search(text)
        ):
            cover.agenda_item, last = item.group(1).rstrip("*").strip(), index
        elif (
            SESSION.search(text)
            and not cover.session
            and len(text) < 80
            and line.size < 1.1 * body_size
        ):
            cover.session, last = text, index
            beside = lines[index + 1] if index + 1 < len(lines) else None
            if (
                beside is not None
                and beside.baseline == line.baseline
                and _YEAR.search(beside.text)
            ):
                cover.session = f"{text} / {beside.text.strip()}"  # "Eightieth year" of the Council
                last = index + 1
        elif not (cover.session or cover.agenda_item) and _is_masthead(
            line, text, body_size, masthead_size, bool(masthead)
        ):
            masthead.append(text)
            masthead_size = masthead_size or line.size
            last = max(last, index)
        if index > 60 or PARA_START.match(text) or _is_body_text(line, text, body_size):
            break
    cover.found = bool(cover.symbols or cover.distribution)
    if len(masthead) > 1 and all(_ORGANS.match(line) for line in masthead):
        cover.body = " / ".join(masthead)  # a joint document: one organ per line
    else:
        cover.body = _join_lines(masthead)
    return last


def _is_body_text(line: CoverLine, text: str, body_size: float) -> bool:
    """A running line of body text ends the cover: no field is that long and plain."""
    return not line.bold and len(text) > 70 and line.size < 1.1 * body_size


def _is_masthead(
    line: CoverLine, text: str, body_size: float, masthead_size: float, started: bool
) -> bool:
    """The organ's name: large bold type at the top left, in one size, under "United Nations"."""
    if _MASTHEAD.match(text) or line.right_column:
        return False
    if not line.bold and line.size < 1.25 * body_size:  # CJK mastheads have no bold face
        return False
    if masthead_size:
        return abs(line.size - masthead_size) <= 0.05 * masthead_size and started
    return line.top_zone and line.size >= 1.3 * body_size


def _titleish(line: CoverLine, body_size: float) -> bool:
    """Title type: large and bold, or large enough to need no bold (CJK fonts have none)."""
    return (line.bold and line.size >= 1.1 * body_size) or line.size >= 1.25 * body_size


def _title_follows(lines: list[CoverLine], index: int, body_size: float) -> bool:
    return any(
        _titleish(line, body_size)
        and not line.section_heading
        and not _FRONT_MATTER.match(line.text.strip())
        for line in lines[index + 1 : index + 4]
    )


def _plain_title(text: str, lines: list[CoverLine], index: int) -> bool:
    """A short unpunctuated line right after the cover fields, followed by a heading."""
    following = next((line for line in lines[index + 1 :] if line.text.strip()), None)
    return (
        len(text) < 150
        and not text.endswith((".", ":", ";"))
        and not PARA_START.match(text)
        and following is not None
        and (following.bold or following.size > lines[index].size)
    )


def _continues_title(line: CoverLine, text: str, title_size: float, body_size: float) -> bool:
    """Bold title lines run on until an author line, a bracketed venue line or body text."""
    if line.section_heading or line.right_column:
        return False
    if not (line.bold or line.size >= 1.25 * body_size) or line.size < 0.95 * body_size:
        return False
    if _AUTHOR_LINE.match(text) or _NOT_TITLE.match(text) or text.startswith("("):
        return False
    return line.size <= title_size * 1.05


def _join_lines(lines: list[str]) -> str:
    """Cover lines joined as one phrase; a hyphen that only splits a word is dropped."""
    joined = ""
    for line in lines:
        if joined.endswith("-") and joined[-2:-1].isalpha() and line[:1].islower():
            joined = joined[:-1] + line
        else:
            joined = f"{joined} {line}".strip()
    return joined

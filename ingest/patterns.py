"""The typographic conventions of UN documents, shared by the readers and the segmenter."""

from __future__ import annotations

import re

from reformqa.languages import is_cjk

# "9. text", "9．text", "9\. text" (Markdown-escaped); "3.5 million" is not a paragraph start.
# Arabic versions number "1 - text"; the sequence check in the segmenter keeps "2 - 3" out.
PARA_START = re.compile(r"^\s*(\d{1,5})(?:\\?(?:\.(?!\d)|．)[ \t\u3000]*|[ \t]?-[ \t]+)(?=\S)")
# Budget fascicles number by section: "29.12 The Office ...", "29A.3 ..."; "3.5 million" is not.
SECTION_PARA_START = re.compile(r"^\s*(\d{1,3}[A-Z]?)\.(\d{1,4})\.?[ \t\u3000]+(?=[^\sa-z])")
# "(a) ...", "(iv) ...", "a) ...", bullets: stay inside their paragraph, on a line of their own.
SUB_ITEM = re.compile(r"^\s*(?:\(\s*[a-z]{1,4}\s*\)|[a-z]\)|[•\-–·])\s*", re.I)
# Section headings in plain text: "I. Background", "二、导言", "A. Regional platforms".
PLAIN_HEADING = re.compile(
    r"^\s*(?:(?:[IVXL]{1,6}|[一二三四五六七八九十]{1,3}|[A-H])\s*[.、．]|"
    r"(?:أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا)\s*[-–])\s*\S.{0,150}$"
)
TERMINAL = tuple('.!?。！？；;:：”’")）)')
PAGE_NUMBER = re.compile(
    r"^\s*(?:\d{1,4}\s*/\s*\d{1,4}|-?\s*\d{1,4}\s*-?|page \d+( of \d+)?)\s*$", re.I
)


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL)


def looks_like_heading(line: str) -> bool:
    """A short numbered line without final punctuation, as section titles are typeset."""
    stripped = line.strip()
    return bool(PLAIN_HEADING.match(stripped)) and not stripped.endswith(tuple(".;。；"))


def separator(head: str, tail: str) -> str:
    """What goes between the end of one line of a paragraph and the next (both stripped).

    CJK text has no spaces between words, so a paragraph broken inside a word ("人" / "居署")
    must be rejoined without one; Latin text gets a space. A line ending in a hyphen joins the
    next without a space and keeps the hyphen ("system-" / "wide"): whether it only split a
    word is for text_repair, which knows the document's vocabulary. Sub-items (a), (b) keep a
    line of their own. Only the last characters of `head` matter.
    """
    if head.endswith("-") and len(head) > 1 and head[-2].isalpha() and tail[0].islower():
        return ""
    if SUB_ITEM.match(tail):
        return "\n"
    if is_cjk(head[-1]) or is_cjk(tail[0]):
        return ""
    return " "


def join_text(head: str, tail: str) -> str:
    """Join two pieces of one paragraph split by a line or page break (see `separator`)."""
    head = head.rstrip()
    tail = tail.strip()
    if not head or not tail:
        return head or tail
    return head + separator(head[-2:], tail) + tail


class JoinedText:
    """A paragraph built line by line as join_text builds it, in linear time.

    Joining each new line onto the whole text so far copies it every time: a 13 MB paragraph
    (a file whose numbering the reader cannot see) took 106 s. The pieces are kept and joined
    once, when the text is read.
    """

    def __init__(self, text: str = "") -> None:
        text = text.strip()
        self._parts: list[str] = [text] if text else []

    def add(self, line: str, glue: str | None = None) -> None:
        """Append a line; `glue` overrides the separator join_text would choose."""
        line = line.strip()
        if not line:
            return
        if not self._parts:
            self._parts.append(line)
            return
        between = separator(self._parts[-1][-2:], line) if glue is None else glue
        self._parts.append(between + line)

    @property
    def last(self) -> str:
        """The most recent piece: enough to see how the text ends."""
        return self._parts[-1] if self._parts else ""

    def replace_last(self, piece: str) -> None:
        if self._parts:
            self._parts[-1] = piece

    def __len__(self) -> int:
        return sum(len(part) for part in self._parts)

    def __str__(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

"""Mending text a PDF extraction broke: line-end hyphens and words split by letter spacing.

Both are decided by the document's own vocabulary rather than a dictionary: "system-" + "wide"
keeps its hyphen when the document writes "system-wide" elsewhere, and "organiza-" + "tion"
loses it when it writes "organization"; "Secr etary-General" is mended because the document
says "Secretary-General" and never "Secr". A dictionary would not know UN vocabulary
("UN-Women", "PSEA") and would be wrong in five of the six languages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ingest.patterns import JoinedText

_WORD = re.compile(r"[^\W\d_][\w\-’']*", re.UNICODE)
_TOKEN_EDGE = re.compile(r"^([\W_]*)(.*?)([\W_]*)$", re.S)


class Vocabulary:
    """How often each word (lower-cased) appears in one document."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.counts: Counter[str] = Counter()
        for line in lines:
            for word in _WORD.findall(line):
                word = word.lower()
                self.counts[word] += 1
                # "Under-Secretary-General" also writes "secretary-general" and "general"
                for index, char in enumerate(word):
                    if char == "-" and index + 1 < len(word):
                        self.counts[word[index + 1 :]] += 1

    def knows(self, word: str, at_least: int = 2) -> bool:
        return self.counts[word.lower()] >= at_least

    def mend_spacing(self, text: str) -> str:
        """Join two neighbouring pieces when only their join is a word of the document."""
        tokens = text.split(" ")
        mended: list[str] = []
        for token in tokens:
            if mended and self._split_word(mended[-1], token):
                mended[-1] += token
            else:
                mended.append(token)
        return " ".join(mended)

    def _split_word(self, left: str, right: str) -> bool:
        head = _TOKEN_EDGE.match(left)
        tail = _TOKEN_EDGE.match(right)
        if not head or not tail or head.group(3) or tail.group(1):
            return False  # punctuation between them: two words
        a, b = head.group(2), tail.group(2)
        if not a or not b or not a[-1].isalpha() or not b[0].isalpha():
            return False
        if self.knows(a) and self.knows(b):
            return False  # two words the document uses: "a new", "in to"
        if b[0].isupper() and not (a.isupper() and len(a) <= 2 and b.isupper()):
            return False  # "Richard Chambers": a capital starts a word ("J IU" is the exception)
        # the document writes the join elsewhere, and a piece is a one-off ("Secr")
        return self.counts[(a + b).lower()] >= 1


def continue_text(joined: JoinedText, line: str, vocabulary: Vocabulary) -> None:
    """Continue a paragraph with its next printed line, mending a line-end hyphen."""
    last = joined.last
    match = re.search(r"([^\W\d_]+)-$", last)
    tail = re.match(r"([^\W\d_]+)", line.strip())
    if match and tail and line.strip()[:1].islower():
        hyphenated = f"{match.group(1)}-{tail.group(1)}".lower()
        joined_word = (match.group(1) + tail.group(1)).lower()
        if vocabulary.counts[joined_word] and not vocabulary.counts[hyphenated]:
            joined.replace_last(last[:-1])
            joined.add(line, glue="")
            return
    joined.add(line)


def join_line(text: str, line: str, vocabulary: Vocabulary) -> str:
    """`continue_text` for a short text held as a string (a table cell)."""
    joined = JoinedText(text)
    continue_text(joined, line, vocabulary)
    return str(joined)

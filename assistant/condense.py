"""Follow-up questions to standalone queries.

In llm mode the model rewrites the question. In extractive mode a heuristic does: a question
that opens like a follow-up ("and what about…", "et…", "还有…"), or is very short, or names
a paragraph without a symbol, is completed with the previous standalone query, and the
symbol of the previous answer's first citation is carried over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.references import find_reference

_FOLLOW_UP = re.compile(
    r"^\s*(?:and|also|what about|how about|and what|then|et|et pour|quid|y|y qué|también|"
    r"а|и|а что|также|و|وماذا|ماذا عن|那|还有|那么|另外|以及|此外)(?:\b|\s|$)",
    re.I,
)
_PRONOUN_ONLY = re.compile(r"\b(?:it|they|them|this|that|these|those|its|their)\b", re.I)


@dataclass
class Turn:
    """One past exchange, as much of it as condensation needs."""

    question: str
    standalone: str
    answer: str = ""
    symbols: list[str] = field(default_factory=list)  # symbols the answer cited, in order


def is_follow_up(question: str) -> bool:
    words = re.findall(r"\w+", question)
    cjk = len(re.findall(r"[\u4e00-\u9fff]", question))
    short = (len(words) <= 3 and not cjk) or (cjk and cjk <= 6)
    return (
        bool(_FOLLOW_UP.match(question))
        or short
        or bool(_PRONOUN_ONLY.search(question) and len(words) <= 8)
    )


def condense_heuristic(question: str, history: list[Turn]) -> tuple[str, str | None]:
    """(standalone query, symbol to carry over or None)."""
    if not history:
        return question, None
    previous = history[-1]
    reference = find_reference(question)
    carried = previous.symbols[0] if previous.symbols and not reference.symbol else None
    if reference:
        return question, carried
    if is_follow_up(question):
        return f"{question.strip()} {previous.standalone}", carried
    return question, None

"""One citation style across the chat, the copied text and the DOCX: the user's choice.

The service writes each citation in the question's language ("（HSP/EB.2026/12，第 21 段）"
for a Chinese question). A drafter mixing questions gets mixed styles in one document
("para. 9" beside "第 21 段"), so the UI writes every citation again in the chosen style: UN
English style by default ("(HSP/EB.2026/12, para. 21)"), or the question's language. Only
the citations the answer carries are rewritten, by their exact text; nothing else changes.
"""

from __future__ import annotations

import re

from assistant.models import Answer

UN_STYLE = "un"
QUESTION_STYLE = "question"
STYLES = (UN_STYLE, QUESTION_STYLE)
DEFAULT_STYLE = UN_STYLE


def style_language(answer: Answer, style: str) -> str:
    """The language the citations of this answer are written in under `style`."""
    return answer.language if style == QUESTION_STYLE else "en"


def citation_map(answer: Answer, style: str) -> dict[str, str]:
    """Each citation as the service wrote it -> the same citation in the chosen style."""
    target = style_language(answer, style)
    return {c.format(answer.language): c.format(target) for c in answer.citations}


def restyle(text: str, answer: Answer, style: str) -> str:
    """`text` (the answer's own text, or a part of it) with its citations in `style`."""
    mapping = citation_map(answer, style)
    if not mapping or all(old == new for old, new in mapping.items()):
        return text
    pattern = re.compile("|".join(re.escape(t) for t in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda match: mapping[match.group(0)], text)

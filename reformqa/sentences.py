"""Sentence splitting for the six UN languages: 。；！？ as well as Latin punctuation, without
breaking at "para.", "No." or "e.g." or inside numbers like 3.5.

It lives in the floor because two layers split alike: ingest embeds each unit's sentences
when it indexes the unit, and the extractive answerer looks those vectors up by the same
sentences' text."""

from __future__ import annotations

import re

_CJK_END = re.compile(r"(?<=[。！？；])")
_LATIN_END = re.compile(r"(?<=[.!?;؟])\s+(?=[\"“«(\[]?[A-ZÀ-ÖØ-ÞА-ЯЁ\u0600-\u06ff0-9])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:para|paras|No|Nos|p|pp|e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|art|Corr|Add|Rev|vol|cf|"
    r"par|párr|núm|n|п|ст|г|см)\.)$",
    re.I,
)


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, in order, each stripped; empty pieces dropped."""
    sentences: list[str] = []
    for line in text.split("\n"):
        for piece in _CJK_END.split(line):
            pending = ""
            for part in _LATIN_END.split(piece):
                candidate = f"{pending} {part}".strip() if pending else part.strip()
                if _ABBREVIATIONS.search(candidate):
                    pending = candidate
                    continue
                pending = ""
                if candidate:
                    sentences.append(candidate)
            if pending:
                sentences.append(pending)
    return [s for s in (s.strip() for s in sentences) if s]

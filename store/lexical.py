"""Tokens for the lexical index: jieba words and character bigrams for Chinese, lower-cased
words for alphabetic scripts, numbers kept whole.

Measured on HSP/EB.2026/12, BM25 on character bigrams beat jieba words (MRR 0.85 vs 0.70),
largely because jieba does not know 人居署; both are indexed, so either kind of match counts.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W_]+", re.U)


@lru_cache(maxsize=1)
def _jieba() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def lexical_tokens(text: str) -> list[str]:
    """Index terms of a text; the same function serves documents and queries."""
    text = unicodedata.normalize("NFKC", text).lower()
    tokens: list[str] = []
    last = 0
    for run in _CJK_RUN.finditer(text):
        tokens.extend(_WORD.findall(text[last : run.start()]))
        chars = run.group()
        tokens.extend(w for w in _jieba().lcut(chars, HMM=False) if len(w) > 1 or len(chars) == 1)
        tokens.extend(chars[i : i + 2] for i in range(len(chars) - 1))
        last = run.end()
    tokens.extend(_WORD.findall(text[last:]))
    return tokens

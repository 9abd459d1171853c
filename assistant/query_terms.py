"""The terms of a question per document language, weighted by rarity (IDF).

In the question's own language the question's terms count; in any other language only the
glossary equivalents of its UN terms and its numbers do. Coverage, the IDF-weighted share of
those terms a text contains, tells the fusion how much to trust BM25 and the extractive
answerer how well a sentence matches.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.glossary import expand
from store.lexical import lexical_tokens
from store.queries import UnitQueries

_NUMBER = re.compile(r"^\d+$")
MIN_RARE_TERMS = 2.0  # coverage is measured against at least this many rare terms' weight
MAX_MATCH_TERMS = 16  # terms sent to FTS5, rarest first
COMMON_SHARE = 0.05  # terms in more than this share of units are left out of the FTS5 query


@lru_cache(maxsize=65536)
def _fold(token: str) -> str:
    """Tokens as FTS5's unicode61 tokenizer stores them (no diacritics)."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", token) if not unicodedata.combining(ch)
    )


@lru_cache(maxsize=4096)
def _text_terms(text: str) -> frozenset[str]:
    """A passage's folded index terms. Fusion reads the same candidate passages for many
    questions, and folding each token (Unicode decomposition) cost more than the rest of the
    ranking: cached by passage and by token."""
    return frozenset(_fold(t) for t in lexical_tokens(text))


@dataclass
class QueryTerms:
    language: str
    own: set[str]
    expansions: dict[str, set[str]]
    numbers: set[str]
    explained: float = 1.0  # share of the question the glossary understood (other languages)
    idf: dict[str, float] = field(default_factory=dict)
    max_idf: float = 1.0
    match_terms: list[str] = field(default_factory=list)  # what the FTS5 query looks for

    def terms_for(self, language: str) -> set[str]:
        if not language or language == self.language:
            return self.own
        return self.expansions.get(language, set()) | self.numbers

    def coverage(self, text: str, language: str) -> float:
        terms = self.terms_for(language)
        if not terms:
            return 0.0
        present = terms & _text_terms(text)
        mass = sum(self.idf.get(t, self.max_idf) for t in terms)
        floor = MIN_RARE_TERMS * self.max_idf
        share = sum(self.idf.get(t, self.max_idf) for t in present) / max(mass, floor)
        # across languages, the glossary speaks only for the part of the question it understood
        return share if language == self.language else share * self.explained

    def rarest_missing(self, text: str, language: str) -> bool:
        """Whether the rarest of the question's indexed terms (in `language`) is absent from
        `text`: an unanswerable question often differs from a passage by one specific word
        (a country, a year, an office) while sharing all the rest."""
        indexed = [
            t for t in self.terms_for(language) if self.idf.get(t, self.max_idf) < self.max_idf
        ]
        if not indexed:
            return False
        rarest = max(indexed, key=lambda t: self.idf[t])
        return rarest not in _text_terms(text)


def query_terms(question: str, language: str, units: UnitQueries) -> QueryTerms:
    own = {_fold(t) for t in lexical_tokens(question)}
    expansion = expand(question)
    expansions = {
        lang: {_fold(t) for t in lexical_tokens(" ".join(forms))}
        for lang, forms in expansion.forms.items()
        if lang != language
    }
    numbers = {t for t in own if _NUMBER.match(t)}
    everything = sorted(own.union(*expansions.values()) if expansions else own)
    frequencies, total = units.document_frequencies(everything)
    total = max(total, 1)

    def idf(df: int) -> float:
        return math.log(1 + (total - df + 0.5) / (df + 0.5))

    return QueryTerms(
        language=language,
        own=own,
        expansions=expansions,
        numbers=numbers,
        explained=expansion.explained,
        idf={t: idf(frequencies.get(t, 0)) for t in everything},
        max_idf=idf(1),
        match_terms=_match_terms(everything, frequencies, total),
    )


def _match_terms(terms: list[str], frequencies: dict[str, int], total: int) -> list[str]:
    """Index terms worth a posting-list scan: present in the index, not in most units (those
    cost the most and weigh the least in BM25), rarest first."""
    ceiling = max(50, COMMON_SHARE * total)
    useful = [t for t in terms if 0 < frequencies.get(t, 0) <= ceiling]
    return sorted(useful, key=lambda t: frequencies[t])[:MAX_MATCH_TERMS]

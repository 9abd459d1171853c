"""UN terminology across the six languages, to give the lexical index something to match when
a question is asked in one language about a document in another.

BM25 alone matches only numbers across languages. The glossary (assistant/data/un_terms.tsv,
standard UN terms, agencies, regions and countries, in the style of UNTERM) maps each term
found in a question to its equivalents, which are added to the lexical query.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reformqa.languages import UN_LANGUAGES

# the column order of un_terms.tsv (a file format, not a second list of the languages)
COLUMNS = ("en", "fr", "es", "ru", "ar", "zh")
assert set(COLUMNS) == set(UN_LANGUAGES)
DEFAULT_GLOSSARY = Path(__file__).parent / "data" / "un_terms.tsv"


def normalize(text: str) -> str:
    """NFKC, lower case, no diacritics, one kind of apostrophe and dash, single spaces."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("ё", "е")
    return re.sub(r"\s+", " ", text)


def _anchor(variant: str) -> str:
    """The longest literal piece of a variant: present in any text the pattern matches."""
    return max(re.split(r"[\s\-*]+", normalize(variant)), key=len)


def _variant_pattern(variant: str) -> re.Pattern[str]:
    words = normalize(variant).split(" ")
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    body = r"[\s\-]+".join(parts)
    if re.search(r"[a-z\u0400-\u04ff]", variant.lower()):
        return re.compile(
            rf"(?<!\w){body}(?!\w)" if not variant.endswith("*") else rf"(?<!\w){body}"
        )
    return re.compile(body)  # CJK and Arabic: no word boundaries to rely on


@dataclass(frozen=True)
class Term:
    """One concept: the form added to queries per language, and the patterns that find it."""

    forms: dict[str, str]
    # (anchor, pattern): the pattern only runs when its longest literal word occurs in the
    # text, which spares ~1,000 regex searches per question
    patterns: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=4)
def load_glossary(path: Path = DEFAULT_GLOSSARY) -> tuple[Term, ...]:
    terms: list[Term] = []
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for line in lines[1:]:  # the first line names the columns
        cells = line.split("\t")
        forms: dict[str, str] = {}
        patterns: list[tuple[str, re.Pattern[str]]] = []
        for language, cell in zip(COLUMNS, cells, strict=True):
            variants = [v.strip() for v in cell.split("|") if v.strip()]
            plain = [v for v in variants if "*" not in v]
            if plain:
                forms[language] = plain[0]
            patterns.extend((_anchor(v), _variant_pattern(v)) for v in variants)
        terms.append(Term(forms, tuple(patterns)))
    return tuple(terms)


@dataclass
class Expansion:
    """Glossary equivalents per language, and how much of the question the glossary covers."""

    forms: dict[str, list[str]]
    explained: float  # share of the question's content words inside matched terms or numbers


_STOPWORD_TEXT = """
what which who whom whose when where why how many much does did do is are was were be
been the a an of for to in on at by with from and or that this these those its it their
there has have had according note document say says said about under into than more most
also any some each per cent percent share number proportion kind kinds quel quelle quels
quelles qui que quoi quand comment combien est sont les des une un le la du de au aux et
ou en par pour dans sur selon note document il elle ils ont été qu qué cuál cuáles quién
quiénes cuándo cómo cuánto cuántos cuántas es son los las el una un del al y o en por
para con según nota documento se su sus что какой какая какие каких какого кто когда как
сколько это в на по с из для и или о об согласно записке записка документе ли его ее их
ما ماذا من متى كيف كم هل في على إلى عن مع التي الذي وفقا وفقاً المذكرة الوثيقة
"""
_STOPWORDS = set(_STOPWORD_TEXT.split())
_WORD = re.compile(r"[^\W_]{2,}", re.U)


def expand(question: str, glossary: tuple[Term, ...] | None = None) -> Expansion:
    """Equivalents, per language, of the glossary terms found in the question."""
    text = normalize(question)
    forms: dict[str, list[str]] = {}
    covered = [False] * len(text)
    for term in glossary or load_glossary():
        hits = [
            m for anchor, pattern in term.patterns if anchor in text for m in pattern.finditer(text)
        ]
        if hits:
            for language, form in term.forms.items():
                forms.setdefault(language, []).append(form)
            for match in hits:
                covered[match.start() : match.end()] = [True] * (match.end() - match.start())
    words = [m for m in _WORD.finditer(text) if m.group() not in _STOPWORDS]
    if not words:
        return Expansion(forms, 0.0)
    explained = sum(1 for m in words if m.group().isdigit() or all(covered[m.start() : m.end()]))
    return Expansion(forms, explained / len(words))

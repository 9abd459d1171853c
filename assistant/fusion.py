"""Fusion of dense and lexical evidence into one ranking score, by weights fitted on the
`tune` split of the gold sets (eval/fit_fusion.py), not set by hand.

Each candidate paragraph is described by features that mean the same thing whatever the
document and the language pair: the cosine similarity and whether question and paragraph
share a language (same-language cosines run higher), the BM25 score and the share of the
question's terms the paragraph holds (across languages through the glossary), whether it has
the kind of figure asked for, whether its document belongs to the entity the question names,
and whether it mentions the year the question asks about. The score is a logistic model's
probability that the paragraph answers the question; `FusionWeights.explain` says what each
feature contributed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from assistant.answer_type import YEAR, Figure, has_figure, wanted_figure
from assistant.entities import document_entities, entities_in
from assistant.fusion_weights import FITTED
from assistant.query_terms import QueryTerms
from reformqa.symbols import find_symbols
from store.queries import StoredUnit

FEATURES = (
    "dense",  # cosine similarity of question and paragraph (USE multilingual)
    "dense_same_language",  # the same, when both are in one language (else 0)
    "same_language",  # 1 when the paragraph is in the question's language
    "lexical",  # BM25 / best BM25 among the candidates
    "lexical_in_language",  # BM25 / best BM25 among the candidates in the paragraph's language
    "coverage",  # IDF-weighted share of the question's terms in the paragraph
    "missing_figure",  # 1 when the question wants a figure of a kind the paragraph lacks
    "entity_named",  # 1 when the question names the paragraph's entity (UNFPA, 人居署, ...)
    "entity_other",  # 1 when the question names entities, none of them the paragraph's
    "year_named",  # 1 when a year the question names is in the paragraph or its title
    "symbol_named",  # 1 when the question names the paragraph's document symbol
    "symbol_other",  # 1 when the question names document symbols, not this one
)


@dataclass(frozen=True)
class FusionWeights:
    """A linear score over FEATURES: the log-odds of a logistic model."""

    bias: float
    weights: tuple[float, ...]

    @classmethod
    def fitted(cls) -> FusionWeights:
        return cls(FITTED["bias"], tuple(FITTED["weights"][name] for name in FEATURES))

    def log_odds(self, features: tuple[float, ...]) -> float:
        return self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))

    def probability(self, features: tuple[float, ...]) -> float:
        """The modelled probability that the paragraph answers the question: a score on the
        same 0-1 scale for every language pair, which the answer's evidence builds on."""
        return 1.0 / (1.0 + math.exp(-self.log_odds(features)))

    def explain(self, features: tuple[float, ...]) -> dict[str, float]:
        """Each feature's contribution to the score, for logs and the eval's error reports."""
        return {n: w * x for n, w, x in zip(FEATURES, self.weights, features, strict=True) if x}


@dataclass(frozen=True)
class QuestionEvidence:
    """What is read from the question once, to describe every candidate."""

    language: str
    terms: QueryTerms
    figure: Figure | None
    question: str
    entities: frozenset[str]
    years: frozenset[str]
    symbols: frozenset[str]

    @classmethod
    def of(cls, question: str, language: str, terms: QueryTerms) -> QuestionEvidence:
        return cls(
            language,
            terms,
            wanted_figure(question),
            question,
            entities_in(question),
            frozenset(YEAR.findall(question)),
            frozenset(find_symbols(question)),
        )

    def features(
        self, unit: StoredUnit, dense: float, lexical: float, lexical_in_language: float
    ) -> tuple[float, ...]:
        same = float(unit.language == self.language)
        named = document_entities(unit.symbol, unit.title) if self.entities else frozenset()
        years = self.years and any(y in unit.text or y in unit.title for y in self.years)
        return (
            dense,
            dense * same,
            same,
            lexical,
            lexical_in_language,
            self.terms.coverage(unit.text, unit.language),
            float(not has_figure(unit.text, self.figure, self.question)),
            float(bool(self.entities & named)),
            float(bool(self.entities and named and not self.entities & named)),
            float(bool(years)),
            float(unit.symbol in self.symbols),
            float(bool(self.symbols) and unit.symbol not in self.symbols),
        )

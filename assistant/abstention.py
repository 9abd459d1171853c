"""Whether the retrieved evidence answers the question: a logistic model over features that
mean the same thing on any document and language pair, fitted on the `tune` split by
eval/fit_abstention.py.

A single cosine threshold did not transfer: cross-language similarities run lower than
same-language ones, so it abstained on answerable cross-language questions and answered
unanswerable same-language ones. The model instead reads the fusion's probability that the
best paragraph answers (itself language-aware), how far it stands above the next, the share
of the question's terms it holds, whether it belongs to another entity or document than the
question names, and whether the figure or year asked for is there at all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.abstention_weights import FITTED
from assistant.answer_type import YEAR, has_figure, wanted_figure
from assistant.fusion import FEATURES as SOURCE_FEATURES
from assistant.models import Source
from assistant.query_terms import QueryTerms

EVIDENCE_FEATURES = (
    "top_probability",  # fusion's probability that the best paragraph answers
    "top_margin",  # that probability less the second paragraph's
    "sentence_score",  # the best sentence's score (similarity, terms, source)
    "top_coverage",  # share of the question's terms in the best paragraph
    "top_same_language",  # 1 when the best paragraph is in the question's language
    "top_other_entity",  # 1 when the question names another entity than the paragraph's
    "top_other_symbol",  # 1 when the question names another document than the paragraph's
    "figure_missing",  # 1 when a figure is asked for and the best sentence has none
    "year_missing",  # 1 when a year is asked about that the best paragraph never mentions
    "rarest_term_missing",  # 1 when the question's rarest indexed term is not in it
)
_SOURCE = {name: SOURCE_FEATURES.index(name) for name in SOURCE_FEATURES}


def evidence_features(
    question: str,
    sources: Sequence[Source],
    terms: QueryTerms,
    best_sentence: str | None,
    sentence_score: float,
) -> tuple[float, ...]:
    """EVIDENCE_FEATURES for an answer drawn from `sources` (best first)."""
    if not sources or not sources[0].features:
        return (0.0, 0.0, sentence_score, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0)
    top = sources[0]
    second = sources[1].score if len(sources) > 1 else 0.0
    figure = wanted_figure(question)
    years = set(YEAR.findall(question))
    text = f"{top.unit.text} {top.unit.title}"
    return (
        top.score,
        top.score - second,
        sentence_score,
        top.features[_SOURCE["coverage"]],
        top.features[_SOURCE["same_language"]],
        top.features[_SOURCE["entity_other"]],
        top.features[_SOURCE["symbol_other"]],
        float(best_sentence is None or not has_figure(best_sentence, figure, question)),
        float(bool(years) and not any(year in text for year in years)),
        float(terms.rarest_missing(top.unit.text, top.unit.language)),
    )


@dataclass(frozen=True)
class AbstentionModel:
    """P(answerable | evidence) and the probability below which the answer abstains."""

    bias: float
    weights: tuple[float, ...]
    threshold: float

    @classmethod
    def fitted(cls) -> AbstentionModel:
        weights = tuple(FITTED["weights"][name] for name in EVIDENCE_FEATURES)
        return cls(FITTED["bias"], weights, FITTED["threshold"])

    def probability(self, features: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def answers(self, probability: float) -> bool:
        return probability >= self.threshold

    @staticmethod
    def named(features: Sequence[float]) -> dict[str, float]:
        return {n: round(x, 4) for n, x in zip(EVIDENCE_FEATURES, features, strict=True)}

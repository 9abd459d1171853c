from assistant.abstention import EVIDENCE_FEATURES, AbstentionModel, evidence_features
from assistant.fusion import FEATURES
from assistant.models import Source
from assistant.query_terms import QueryTerms
from store.queries import StoredUnit


def _source(text: str, score: float, **features: float) -> Source:
    unit = StoredUnit(
        "X/1|en#1#1", "X/1|en", "X/1", "en", "1", "para", "", None, 1, (), text, "Title",
        "2026-01-01", "note", "public",
    )  # fmt: skip
    values = tuple(features.get(name, 0.0) for name in FEATURES)
    return Source(unit, score, features=values)


def _terms() -> QueryTerms:
    return QueryTerms("en", own={"levy", "malawi"}, expansions={}, numbers=set(),
                      idf={"levy": 1.0, "malawi": 3.0}, max_idf=5.0)  # fmt: skip


def _named(features):
    return dict(zip(EVIDENCE_FEATURES, features, strict=True))


def test_a_year_or_rare_term_the_best_paragraph_lacks_is_evidence_against_answering():
    sources = [_source("The levy was $41,000 in 2025.", 0.8, coverage=0.5), _source("x", 0.3)]
    asked = _named(evidence_features("What levy did Malawi pay in 2023?", sources, _terms(),
                                     "The levy was $41,000 in 2025.", 0.7))  # fmt: skip
    assert asked["year_missing"] == 1 and asked["rarest_term_missing"] == 1
    assert asked["top_margin"] == 0.8 - 0.3 and asked["top_coverage"] == 0.5
    given = _named(evidence_features("What levy was paid in 2025?", sources, _terms(),
                                     "The levy was $41,000 in 2025.", 0.7))  # fmt: skip
    assert given["year_missing"] == 0


def test_the_model_answers_above_its_cut_only():
    model = AbstentionModel(0.0, tuple(1.0 if n == "sentence_score" else 0.0
                                       for n in EVIDENCE_FEATURES), 0.6)  # fmt: skip
    low = tuple(0.0 for _ in EVIDENCE_FEATURES)
    high = tuple(2.0 if n == "sentence_score" else 0.0 for n in EVIDENCE_FEATURES)
    assert not model.answers(model.probability(low))
    assert model.answers(model.probability(high))
    assert AbstentionModel.fitted().threshold > 0  # the shipped model has a fitted cut

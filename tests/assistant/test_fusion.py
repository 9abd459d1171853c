from assistant.fusion import FEATURES, FusionWeights, QuestionEvidence
from assistant.query_terms import QueryTerms
from store.queries import StoredUnit


def _unit(symbol: str, language: str, text: str, title: str = "") -> StoredUnit:
    return StoredUnit(
        f"{symbol}|{language}#1#9", f"{symbol}|{language}", symbol, language, "9", "para", "",
        None, 1, (), text, title, "2026-01-01", "audit", "public",
    )  # fmt: skip


def _evidence(question: str, language: str = "fr") -> QuestionEvidence:
    terms = QueryTerms(language, own={"audit"}, expansions={}, numbers=set())
    return QuestionEvidence.of(question, language, terms)


def _feature(features: tuple[float, ...], name: str) -> float:
    return features[FEATURES.index(name)]


def test_the_entity_named_in_another_language_marks_its_documents():
    evidence = _evidence("Dans l'audit du FNUAP, quel montant de la redevance en 2025 ?")
    unfpa = evidence.features(_unit("DP/FPA/2026/7", "en", "In 2025, $41,000."), 0.4, 0.0, 0.0)
    women = evidence.features(_unit("UNW/2026/9", "en", "In 2024, $212,600."), 0.5, 0.0, 0.0)
    assert _feature(unfpa, "entity_named") == 1 and _feature(unfpa, "entity_other") == 0
    assert _feature(women, "entity_named") == 0 and _feature(women, "entity_other") == 1
    assert _feature(unfpa, "year_named") == 1 and _feature(women, "year_named") == 0
    assert _feature(unfpa, "same_language") == 0 and _feature(unfpa, "dense_same_language") == 0


def test_a_named_symbol_marks_its_document_and_no_other():
    evidence = _evidence("Selon HSP/EB.2025/10, qui a fixé la cible ?")
    named = evidence.features(_unit("HSP/EB.2025/10", "en", "set by"), 0.3, 0.0, 0.0)
    other = evidence.features(_unit("HSP/EB.2026/14", "fr", "fixée par"), 0.5, 1.0, 1.0)
    assert _feature(named, "symbol_named") == 1 and _feature(other, "symbol_other") == 1
    assert _feature(other, "dense_same_language") == 0.5


def test_the_score_is_a_probability_and_explains_itself():
    weights = FusionWeights(-1.0, tuple(1.0 if n == "dense" else 0.0 for n in FEATURES))
    features = tuple(0.5 if n == "dense" else 0.0 for n in FEATURES)
    assert 0 < weights.probability(features) < 0.5
    assert weights.explain(features) == {"dense": 0.5}
    assert FusionWeights.fitted().weights  # the shipped weights cover every feature

from assistant.entities import document_entities, entities_in


def test_entities_are_named_in_all_six_languages():
    said = {
        "In the UNFPA audit": "UNFPA",
        "Dans l'audit du FNUAP": "UNFPA",
        "En la auditoría del UNFPA": "UNFPA",
        "аудит ЮНФПА": "UNFPA",
        "صندوق الأمم المتحدة للسكان": "UNFPA",
        "人口基金的审计": "UNFPA",
        "¿Y el PMA en 2025?": "WFP",
        "ООН-Хабитат": "UN-Habitat",
    }
    for text, entity in said.items():
        assert entities_in(text) == {entity}, text


def test_acronyms_match_whole_words_only():
    assert entities_in("a PAMPHLET on CCIS and UNDPX") == frozenset()


def test_a_document_belongs_to_its_series_entity_and_those_its_title_names():
    assert document_entities("DP/FPA/2026/7", "Internal audit") == {"UNFPA"}
    assert document_entities("DP/2026/21", "Evaluation") == {"UNDP"}
    assert document_entities("A/81/312", "Report of the Office of Internal Oversight Services") == {
        "OIOS"
    }

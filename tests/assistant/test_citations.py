"""Citations are defined once and localized in the six UN languages."""

from assistant.citations import Citation, format_citation


def test_paragraph_citation_in_six_languages():
    assert format_citation("HSP/EB.2026/12", "9", "en") == "(HSP/EB.2026/12, para. 9)"
    assert format_citation("HSP/EB.2026/12", "9", "zh") == "（HSP/EB.2026/12，第 9 段）"
    assert format_citation("HSP/EB.2026/12", "9", "fr") == "(HSP/EB.2026/12, par. 9)"
    assert format_citation("HSP/EB.2026/12", "9", "es") == "(HSP/EB.2026/12, párr. 9)"
    assert format_citation("HSP/EB.2026/12", "9", "ru") == "(HSP/EB.2026/12, п. 9)"
    assert format_citation("HSP/EB.2026/12", "9", "ar") == "(HSP/EB.2026/12، الفقرة 9)"


def test_footnote_and_row_citations():
    assert format_citation("HSP/EB.2026/12", "fn6", "en") == "(HSP/EB.2026/12, footnote 6)"
    assert format_citation("HSP/EB.2026/12", "fn6", "zh") == "（HSP/EB.2026/12，脚注 6）"
    assert format_citation("A/80/1", "t1.r3", "en", kind="row") == "(A/80/1, row t1.r3)"
    assert format_citation("X/1", "9", "de") == "(X/1, para. 9)"  # unknown language: English


def test_citation_json_uses_doc_para_lang_keys():
    citation = Citation("HSP/EB.2026/12", "9", "fr", "texte", 0.5, True)
    data = citation.to_json()
    assert {
        "doc": "HSP/EB.2026/12",
        "para": "9",
        "lang": "fr",
        "text": "texte",
    }.items() <= data.items()
    assert citation.key == ("HSP/EB.2026/12", "9")

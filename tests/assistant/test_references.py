import pytest

from assistant.references import find_reference, is_generic, strip_reference


@pytest.mark.parametrize(
    ("question", "labels", "symbol", "language"),
    [
        ("What does paragraph 14 say?", ["14"], None, None),
        ("give me para 9 of HSP/EB.2026/12 in French", ["9"], "HSP/EB.2026/12", "fr"),
        ("HSP/EB.2026/12 para 9", ["9"], "HSP/EB.2026/12", None),
        ("脚注 6", ["fn6"], None, None),
        ("第二十七段讲了什么？", ["27"], None, None),
        ("Que dit la note de bas de page 4 ?", ["fn4"], None, None),
        ("¿Qué dice el párrafo 26 del documento HSP/EB.2026/12?", ["26"], "HSP/EB.2026/12", None),
        ("О чём говорится в пункте 12?", ["12"], None, None),
        ("ماذا تقول الفقرة 27؟", ["27"], None, None),
        ("Show footnote 6 and paragraph 9", ["fn6", "9"], None, None),
    ],
)
def test_direct_references(question, labels, symbol, language):
    reference = find_reference(question)
    assert reference.labels == labels
    assert reference.symbol == symbol
    assert reference.language == language


def test_symbols_and_plain_numbers_are_not_paragraph_references():
    assert not find_reference("How many countries signed (E/2025/57)?")
    assert not find_reference("What happened in 2025 with 82% of outcomes?")
    assert find_reference("What does E/2025/57 say?").symbol == "E/2025/57"


def test_generic_focus():
    assert is_generic(strip_reference("What does paragraph 14 say?"))
    assert is_generic(strip_reference("脚注 6 说了什么？"))
    assert not is_generic(strip_reference("What does para 9 say about regions?"))


def test_annex_references_in_chinese_and_arabic():
    from assistant.references import find_reference

    assert find_reference("CEB/2025/4 附件一议程第 1 项是什么？").labels == ["annex I.1"]
    assert find_reference("附件二第 3 段").labels == ["annex II.3"]
    assert find_reference("المرفق الأول، الفقرة 3").labels == ["annex I.3"]
    assert find_reference("第 9 段").labels == ["9"]

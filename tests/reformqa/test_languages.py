import pytest

from reformqa.languages import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Combien de pays ont signé un cadre de coopération ?", "fr"),
        ("¿Cuántos países firmaron un marco de cooperación?", "es"),
        ("How many countries signed a Cooperation Framework?", "en"),
        ("Сколько стран подписали рамочную программу?", "ru"),
        ("有多少国家签署了合作框架？", "zh"),
        ("كم عدد البلدان التي وقعت إطار التعاون؟", "ar"),
        ("HSP/EB.2026/12 para 9", ""),  # a reference, no language to tell
        ("2024 : 82 %", ""),
    ],
)
def test_question_language(text, code):
    assert detect_language(text) == code

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


def test_question_languages_of_the_written_set():
    """240 questions written blind in the six languages (eval/gold/question-languages.jsonl):
    short follow-ups, symbols, figures, English words inside French and Spanish."""
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "eval" / "gold" / "question-languages.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    # callers answer in English when a question gives no language to tell
    correct = sum((detect_language(r["text"]) or "en") == r["lang"] for r in rows)
    assert len(rows) == 240 and correct / len(rows) >= 0.98, correct

"""Interface language from Accept-Language, and labels complete in all six languages."""

from __future__ import annotations

import pytest

from ui.i18n import LANGUAGES, direction, keys, label, pick_language
from ui.labels import LABELS


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("ar-EG", "ar"),
        ("de-DE,fr;q=0.5,es;q=0.7", "es"),
        ("de-DE, ru;q=0.2", "ru"),
        ("en-GB;q=0.4, fr-CH", "fr"),
        ("fr;q=0, es;q=0.1", "es"),
        ("de", "en"),
        ("*", "en"),
        ("", "en"),
        (None, "en"),
        ("zh;q=abc, fr;q=0.3", "fr"),
        ("<script>, ru", "ru"),
    ],
)
def test_pick_language(header, language):
    assert pick_language(header) == language


def test_every_label_has_all_six_languages_and_the_same_placeholders():
    for key in keys():
        assert set(LABELS[key]) == set(LANGUAGES), key
        english = LABELS[key]["en"]
        for text in LABELS[key].values():
            assert ("{" in text) == ("{" in english), (key, text)


def test_labels_fill_values_and_fall_back_to_english():
    assert label("signed_in", "fr", user="amina", role="personnel").startswith("Connecté")
    assert label("ask", "de") == "Ask"
    assert label("ask", "zh") == "提问"
    assert direction("ar") == "rtl" and direction("zh") == "ltr"

from assistant.extractive import join_sentences, shorten


def test_shorten_never_cuts_inside_a_number_or_word():
    text = "UN-Habitat contributed to at least 82 per cent of 1,234,567 outcomes in 2025."
    for limit in range(20, len(text)):
        cut = shorten(text, limit)
        assert len(cut) <= limit and cut.endswith("…")
        kept = cut[:-1]
        assert text.startswith(kept) and (text[len(kept)] == " " or kept.endswith((",", ";")))
    assert shorten("至少 82% 的国家级活动", 8) == "至少 82%…"


def test_sentences_of_one_paragraph_joined_by_script():
    assert join_sentences(["First.", "Second."]) == "First. Second."
    assert join_sentences(["第一句。", "第二句。"]) == "第一句。第二句。"

from reformqa.sentences import split_sentences


def test_chinese_punctuation_splits():
    text = "人居署为至少 82% 的成果作出了贡献；此外，所有分析都包括城市分析。这是第三句！"
    assert split_sentences(text) == [
        "人居署为至少 82% 的成果作出了贡献；",
        "此外，所有分析都包括城市分析。",
        "这是第三句！",
    ]


def test_latin_abbreviations_and_decimals_do_not_split():
    text = "See para. 9 of the note. It grew by 3.5 per cent, e.g. in Africa. Done?"
    assert split_sentences(text) == [
        "See para. 9 of the note.",
        "It grew by 3.5 per cent, e.g. in Africa.",
        "Done?",
    ]


def test_russian_and_arabic():
    assert split_sentences("Это первое. Это второе.") == ["Это первое.", "Это второе."]
    assert split_sentences("هذه جملة. وهذه أخرى؟") == ["هذه جملة.", "وهذه أخرى؟"]

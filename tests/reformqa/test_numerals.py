from reformqa.numerals import annex_numeral, chinese_number, roman


def test_chinese_numbers_up_to_hundreds():
    written = ("九", "十四", "二十七", "一百零二", "12")
    assert [chinese_number(t) for t in written] == [9, 14, 27, 102, 12]


def test_annex_numerals_of_every_language_are_roman():
    assert [annex_numeral(t) for t in ("一", "十", "الأول", "الثالث", "ii", "2", "")] == [
        "I", "X", "I", "III", "II", "2", ""
    ]  # fmt: skip
    assert roman(11) == "11"

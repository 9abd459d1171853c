import pytest

from reformqa.symbols import find_symbols, normalize_symbol, symbol_from_file_stem, symbols_of_line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("A/79/123–E/2024/45", ["A/79/123", "E/2024/45"]),
        ("A/79/716 – S/2025/18", ["A/79/716", "S/2025/18"]),
        ("A/80/6 (Sect. 29)", ["A/80/6 (Sect. 29)"]),
        ("A/81/6 (Sect.29A)", ["A/81/6 (Sect. 29A)"]),
        ("E/ICEF/650 (Part I)", ["E/ICEF/650 (Part I)"]),
        ("JIU/REP/2024/3", ["JIU/REP/2024/3"]),
        ("E/ICEF/2024/L.7", ["E/ICEF/2024/L.7"]),
        ("A/HRC/58/12/Add.1", ["A/HRC/58/12/Add.1"]),
        ("HSP/EB.2026/12", ["HSP/EB.2026/12"]),
        ("United Nations", []),
        ("DP//", []),
        ("A/B", []),
    ],
)
def test_symbols_of_line(line, expected):
    assert symbols_of_line(line) == expected


def test_find_symbols_in_running_text():
    text = "see A/80/6 (Sect. 29), para. 12, and HSP/EB.2026/12; again HSP/EB.2026/12."
    assert find_symbols(text) == ["A/80/6 (Sect. 29)", "HSP/EB.2026/12"]


def test_file_stem_fallback_only_for_symbol_like_names():
    assert symbol_from_file_stem("A-81-6(Sect.29A)") == "A/81/6 (Sect. 29A)"
    assert symbol_from_file_stem("DP-FPA-2025-2") == "DP/FPA/2025/2"
    assert symbol_from_file_stem("report-final") == ""
    assert normalize_symbol("  DP/2025/11. ") == "DP/2025/11"


def test_a_symbol_written_against_chinese_characters_is_found():
    """Chinese puts no space around a symbol; a Latin letter glued to it still hides it."""
    assert find_symbols("HSP/EB.2025/10第31段说了什么？") == ["HSP/EB.2025/10"]
    assert find_symbols("根据A/81/312号文件") == ["A/81/312"]
    assert find_symbols("see xHSP/EB.2026/12") == []

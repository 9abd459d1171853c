import pytest

from eval.gold import GoldFormatError, load_gold


def test_split_defaults_to_tune_and_must_be_tune_or_test(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"id": "a", "question": "q?", "lang": "en"}\n'
        '{"id": "b", "question": "q?", "lang": "en", "split": "test", "pair": "a"}\n',
        encoding="utf-8",
    )
    first, second = load_gold(path)
    assert (first.split, second.split) == ("tune", "test")
    assert second.extra == {"pair": "a"}  # the split is a field, not an extra
    path.write_text('{"id": "c", "question": "q?", "split": "dev"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="split must be"):
        load_gold(path)

"""Settings come from one typed place: defaults < reformqa.toml < REFORMQA_* < arguments."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from reformqa.settings import Settings


def test_toml_then_environment_then_arguments(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reformqa.toml").write_text('store = "from-toml"\nk = 7\nmode = "extractive"\n')
    assert Settings().store == Path("from-toml") and Settings().k == 7
    monkeypatch.setenv("REFORMQA_K", "9")
    assert Settings().k == 9
    assert Settings(k=3).k == 3


def test_invalid_values_are_rejected(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValidationError):
        Settings(mode="poetry")
    with pytest.raises(ValidationError):
        Settings(collection="ab")  # Chroma needs 3 to 512 characters

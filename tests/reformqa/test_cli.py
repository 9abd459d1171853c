"""The `reformqa` command as a user runs it: a real process, real files, real exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED

REFORMQA = str(Path(sys.executable).parent / "reformqa")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFORMQA_")}
    return subprocess.run(
        [REFORMQA, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )


def test_help_lists_commands(tmp_path):
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("ingest", "docs", "remove"):
        assert command in result.stdout
    assert "--prune" in run("ingest", "--help", cwd=tmp_path).stdout


def test_ingest_docs_remove_round_trip(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    result = run("ingest", "corpus", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("FAILED ") and "broken.pdf: not a readable PDF" in line for line in lines
    )
    assert "added 1, updated 0, unchanged 0, pruned 0, failed 1; 34 units" in result.stdout
    assert (tmp_path / ".reformqa" / "catalog.sqlite3").exists()  # the default store

    (corpus / "broken.pdf").unlink()
    again = run("ingest", "corpus", cwd=tmp_path)
    assert again.returncode == 0 and "unchanged 1" in again.stdout

    docs = run("docs", cwd=tmp_path)
    assert (
        "HSP/EB.2026/12  [zh]  2026-02-16  人居署实施联合国发展系统和管理改革的情况" in docs.stdout
    )
    assert "7 footnote, 27 para" in docs.stdout
    listed = json.loads(run("docs", "--json", cwd=tmp_path).stdout)
    assert listed[0]["kinds"] == {"para": 27, "footnote": 7}

    assert run("remove", "HSP/EB.2026/12", "--lang", "fr", cwd=tmp_path).returncode == 1
    removed = run("remove", "HSP/EB.2026/12", cwd=tmp_path)
    assert removed.returncode == 0 and "HSP/EB.2026/12|zh" in removed.stdout
    assert "No documents indexed" in run("docs", cwd=tmp_path).stdout


def test_env_store_and_bad_embedder(tmp_path):
    env_store = tmp_path / "elsewhere"
    result = subprocess.run(
        [REFORMQA, "ingest", str(SEED), "--embedder", "word2vec"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "REFORMQA_STORE": str(env_store)},
    )
    assert result.returncode == 2
    assert "unknown embedder 'word2vec'" in result.stderr


def test_ask_json_and_text(tmp_path):
    shutil.copy(SEED, tmp_path)
    assert run("ingest", SEED.name, cwd=tmp_path).returncode == 0
    result = run(
        "ask", "How many countries have signed Cooperation Frameworks?", "--json", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["abstained"] is False and "120" in data["answer"]
    assert data["citations"][0]["doc"] == "HSP/EB.2026/12"
    assert data["citations"][0]["para"] == "fn4" and data["citations"][0]["lang"] == "zh"
    assert isinstance(data["citations"][0]["score"], float)
    text = run("ask", "脚注 6", "--lang", "zh", cwd=tmp_path)
    assert "（HSP/EB.2026/12，脚注 6）" in text.stdout
    empty = run("ask", "   ", cwd=tmp_path)
    assert empty.returncode == 2 and "question: empty" in empty.stderr
    llm = run("ask", "What share?", "--mode", "llm", cwd=tmp_path)
    assert llm.returncode == 2 and "mode: llm needs a model" in llm.stderr


def loaded_after(code: str, store: Path) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code` on `store`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFORMQA_")}
    env["REFORMQA_STORE"] = str(store)
    script = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_help_loads_nothing_but_the_parser(tmp_path):
    loaded = loaded_after(
        "from reformqa.cli.main import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n"
        "    pass",
        tmp_path,
    )
    heavy = {"chromadb", "numpy", "langchain_core", "gradio", "pydantic", "store", "assistant"}
    assert not {module.split(".")[0] for module in loaded} & heavy


def test_ask_loads_neither_the_ui_nor_the_chat_models_nor_eval(seed_store):
    loaded = loaded_after(
        "from reformqa.cli.main import main\nmain(['ask', 'What share of outcomes?'])",
        seed_store.store,
    )
    assert "assistant.service" in loaded and "chromadb" in loaded  # it did answer
    chat_models = ("langchain_core.language_models.base", "langchain_openai", "langchain_ollama")
    for module in ("gradio", "eval", *chat_models):
        assert module not in loaded, module


def test_a_bad_date_is_a_usage_error_not_a_traceback(capsys):
    import pytest

    from reformqa.cli.main import main

    with pytest.raises(SystemExit) as exit_info:
        main(["ask", "--since", "yesterday", "what changed?"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert "invalid date 'yesterday' (use YYYY-MM-DD)" in err and "Traceback" not in err

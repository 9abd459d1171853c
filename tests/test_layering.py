"""The layers, bottom to top, and the rule that holds them: a module imports only its own
package and the layers below it. Siblings on one layer (ingest and assistant, eval and ui)
do not import each other. The store is the only package that talks to SQLite or Chroma, and
only the UI imports Gradio.

    floor   reformqa (settings, logging_setup, progress, languages, symbols)
    model   ingest.models (units, unit kinds, label schemes: the reader's vocabulary, which
            citations and direct references read too)
    store   store
    middle  ingest (writes), assistant (reads)
    upper   eval, ui
    roof    reformqa.cli
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

LAYERS: list[set[str]] = [
    {"reformqa"},
    {"ingest.models"},
    {"store"},
    {"ingest", "assistant"},
    {"eval", "ui"},
    {"reformqa.cli"},
]
PACKAGES = sorted({name for layer in LAYERS for name in layer}, key=len, reverse=True)
# third-party APIs one package owns: a module elsewhere importing them bypasses its door
OWNED = {"chromadb": "store", "sqlite3": "store", "langchain_chroma": "store", "gradio": "ui"}
# the LangChain tutorial pipeline the benchmark compares against is Chroma through LangChain
# by definition: it is not our store and must not go through it
OWNED_EXCEPTIONS = {"eval/baseline.py"}


def package_of(module: str) -> str | None:
    """The layered package a dotted module name belongs to (longest prefix), else None."""
    for package in PACKAGES:
        if module == package or module.startswith(f"{package}."):
            return package
    return None


def rank(package: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if package in layer)


def imported_modules(source: str) -> set[str]:
    """Every absolute module a source imports, at any depth (functions, TYPE_CHECKING)."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def violations(module_package: str, path: str, source: str) -> list[str]:
    found = []
    for imported in imported_modules(source):
        target = package_of(imported)
        upward = target is not None and rank(target) >= rank(module_package)
        if upward and target != module_package:
            found.append(f"{path} ({module_package}) imports {imported} ({target})")
        owner = OWNED.get(imported.split(".")[0])
        if owner is not None and owner != module_package and path not in OWNED_EXCEPTIONS:
            found.append(f"{path} uses {imported.split('.')[0]}, which only {owner} may")
    return found


def source_modules() -> list[tuple[str, Path]]:
    modules = []
    for top in ("reformqa", "store", "ingest", "assistant", "eval", "ui"):
        for path in sorted((ROOT / top).rglob("*.py")):
            relative = path.relative_to(ROOT)
            dotted = ".".join(relative.with_suffix("").parts)
            package = package_of(dotted)
            assert package is not None, relative
            modules.append((package, path))
    return modules


def test_every_package_is_a_regular_package_on_a_layer():
    for top in ("reformqa", "store", "ingest", "assistant", "eval", "ui", "reformqa/cli"):
        assert (ROOT / top / "__init__.py").is_file(), f"{top} has no __init__.py"


def test_no_layer_imports_a_higher_one_or_a_sibling():
    modules = source_modules()
    assert len(modules) > 60
    problems = [
        problem
        for package, path in modules
        for problem in violations(
            package, str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
        )
    ]
    assert not problems, "\n".join(problems)


def test_the_rule_catches_each_kind_of_violation():
    assert violations("store", "store/x.py", "from assistant.models import Answer")
    assert violations("reformqa", "reformqa/x.py", "import reformqa.cli.main")
    assert violations("reformqa", "reformqa/x.py", "from reformqa import cli")
    assert violations("ingest", "ingest/x.py", "from assistant import service")  # sibling
    assert violations("assistant", "assistant/x.py", "def f():\n    import ui.app\n")
    assert violations("ingest", "ingest/x.py", "import sqlite3")
    assert violations("assistant", "assistant/x.py", "from chromadb import Client")
    assert violations("eval", "eval/x.py", "import gradio as gr")
    assert not violations("reformqa.cli", "reformqa/cli/x.py", "from ui.app import serve")
    assert not violations("assistant", "assistant/x.py", "from store.index import DocumentIndex")
    assert not violations("store", "store/x.py", "from reformqa.settings import Settings")
    assert not violations("assistant", "assistant/x.py", "from ingest.models import UnitKind")
    assert violations("ingest.models", "ingest/models.py", "from ingest.parser import segment")

"""The service knows nothing of the UI: no module of assistant/ or ingest/ imports ui or gradio."""

from __future__ import annotations

import ast

from tests.conftest import ROOT


def imported_roots(source: str) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_service_packages_do_not_import_the_ui():
    modules = [p for package in ("assistant", "ingest") for p in (ROOT / package).rglob("*.py")]
    assert len(modules) > 20
    for module in modules:
        forbidden = imported_roots(module.read_text(encoding="utf-8")) & {"ui", "gradio"}
        assert not forbidden, f"{module.relative_to(ROOT)} imports {forbidden}"
    assert imported_roots("from ui.app import build_app\nimport gradio as gr") == {"ui", "gradio"}

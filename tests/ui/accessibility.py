"""axe-core, pinned in tests/ui/axe_core/package.json and installed by `make install-test`
(`npm ci`), injected into a Playwright page: the browser tests count its violations.

axe is read from node_modules at test time, never downloaded by the test and never
committed: CI gets exactly the version the lock file names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).parent / "axe_core" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


def run_axe(page: Any, context: str | None = None) -> list[dict[str, Any]]:
    """Every violation axe finds on the page (or inside the `context` selector), with its
    impact and the nodes it names."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    script = """async (context) => {
      const result = await axe.run(context ? document.querySelector(context) : document,
                                   {resultTypes: ['violations']});
      return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary}))}));
    }"""
    return page.evaluate(script, context)


def serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The violations that block use: axe's serious and critical impacts."""
    return [v for v in violations if v.get("impact") in SERIOUS]


def counts(violations: list[dict[str, Any]]) -> dict[str, int]:
    """Violating nodes by impact, for the report (test-artifacts/ui/axe.json)."""
    totals: dict[str, int] = {}
    for violation in violations:
        impact = str(violation.get("impact") or "none")
        totals[impact] = totals.get(impact, 0) + len(violation["nodes"])
    return totals

"""The frozen `test` split: a fingerprint of every gold file's test questions.

Quality is reported on questions the system was never tuned on. The `test` lines of each gold
file are fingerprinted in eval/gold/test-split.sha256; a test fails when one is edited, added or
removed, so a change to the frozen split is a deliberate, reviewed change of that file too.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent / "gold"
FINGERPRINTS = GOLD_DIR / "test-split.sha256"


def fingerprint_of_test_split(path: Path) -> str:
    """SHA-256 of a gold file's test questions, independent of key order and line order."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and (data := json.loads(line)).get("split") == "test":
            lines.append(json.dumps(data, ensure_ascii=False, sort_keys=True))
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


def recorded_fingerprints() -> dict[str, str]:
    """File name → fingerprint, as recorded when the split was frozen."""
    recorded = {}
    for line in FINGERPRINTS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            recorded[name] = digest
    return recorded


def write_fingerprints(names: list[str]) -> None:
    """Freeze the test split of these gold files (run once, when a split is created)."""
    lines = [f"{fingerprint_of_test_split(GOLD_DIR / name)}  {name}" for name in sorted(names)]
    FINGERPRINTS.write_text("\n".join(lines) + "\n", encoding="utf-8")

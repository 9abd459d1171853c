"""What the reader understood of a file, for `reformqa inspect` and the ingest summary.

A user must see in seconds whether a document was read right: every metadata field or "not
found", units by kind, and the label sequence with its gaps and repeats ("para 24 missing",
"para 25 twice"), which are where a misread page shows itself.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ingest.models import ParsedDocument, UnitKind, split_annex_label

FIELDS = (
    "symbol",
    "symbols",
    "symbol_source",
    "language",
    "original_language",
    "date",
    "distribution",
    "body",
    "session",
    "agenda_item",
    "title",
    "subtitle",
    "doc_type",
)
_SUFFIX = re.compile(r"-(\d+)$")


@dataclass
class Inspection:
    path: str
    fields: dict[str, str]
    counts: dict[str, int]
    warnings: list[str] = field(default_factory=list)
    units: list[tuple[str, str, str]] = field(default_factory=list)  # (label, kind, start)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "fields": self.fields,
            "counts": self.counts,
            "warnings": self.warnings,
            "units": [{"label": lb, "kind": k, "start": s} for lb, k, s in self.units],
        }


def inspect_document(document: ParsedDocument, preview: int = 60) -> Inspection:
    meta = document.meta
    fields = {}
    for name in FIELDS:
        value = getattr(meta, name)
        fields[name] = ", ".join(value) if isinstance(value, list) else str(value or "")
    counts = dict(Counter(unit.kind.value for unit in document.units))
    warnings = list(meta.warnings) + sequence_warnings(document)
    units = [(u.label, u.kind.value, " ".join(u.text[:preview].split())) for u in document.units]
    return Inspection(document.path, fields, counts, warnings, units)


def sequence_warnings(document: ParsedDocument) -> list[str]:
    """Gaps and repeats in each numbered series: body, each section, each annex, footnotes."""
    series: dict[str, list[int]] = {}
    repeats: list[str] = []
    for unit in document.units:
        if unit.kind not in (UnitKind.PARAGRAPH, UnitKind.FOOTNOTE, UnitKind.RECOMMENDATION):
            continue
        label = unit.label
        if _SUFFIX.search(label):
            repeats.append(_SUFFIX.sub("", label))
            continue
        name, number = _series(label, unit.kind)
        if number is not None:
            series.setdefault(name, []).append(number)
    warnings = [f"{_describe(label)} twice" for label in dict.fromkeys(repeats)]
    for name, numbers in series.items():
        expected = set(range(min(numbers), max(numbers) + 1))
        missing = sorted(expected - set(numbers))
        if missing:
            shown = ", ".join(str(n) for n in missing[:10]) + (" …" if len(missing) > 10 else "")
            warnings.append(f"{name} {shown} missing")
    return warnings


def _series(label: str, kind: UnitKind) -> tuple[str, int | None]:
    if kind is UnitKind.FOOTNOTE:
        return "footnote", int(label[2:]) if label[2:].isdigit() else None
    if kind is UnitKind.RECOMMENDATION:
        return "recommendation", int(label[3:]) if label[3:].isdigit() else None
    if (annex := split_annex_label(label)) is not None:
        name = f"annex {annex[0]} para" if annex[0] else "annex para"
        return name, int(annex[1]) if annex[1].isdigit() else None
    if "." in label:
        section, _, number = label.rpartition(".")
        return f"para {section}.", int(number) if number.isdigit() else None
    return "para", int(label) if label.isdigit() else None


def _describe(label: str) -> str:
    if label.startswith("fn"):
        return f"footnote {label[2:]}"
    if label.startswith("rec"):
        return f"recommendation {label[3:]}"
    return f"para {label}"


def format_inspection(inspection: Inspection, all_units: bool = False) -> str:
    """The report `reformqa inspect` prints: fields, counts, warnings, then the units."""
    lines = [inspection.path]
    for name, value in inspection.fields.items():
        lines.append(f"  {name:18} {value or 'not found'}")
    counts = ", ".join(f"{count} {kind}" for kind, count in sorted(inspection.counts.items()))
    lines.append(f"  {'units':18} {counts}")
    for warning in inspection.warnings:
        lines.append(f"  warning: {warning}")
    shown = inspection.units if all_units else inspection.units[:40]
    for label, kind, start in shown:
        lines.append(f"  {label:>12} {kind:8} {start}")
    if len(shown) < len(inspection.units):
        lines.append(f"  … {len(inspection.units) - len(shown)} more units (--all shows them)")
    return "\n".join(lines)

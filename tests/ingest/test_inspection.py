import json

from ingest.inspection import format_inspection, inspect_document
from ingest.models import DocumentMeta, ParsedDocument, Unit, UnitKind
from reformqa.cli import main


def _document(labels: list[tuple[str, UnitKind]]) -> ParsedDocument:
    units = [Unit(label, kind, f"text of {label}") for label, kind in labels]
    return ParsedDocument("x.pdf", "h", DocumentMeta(symbol="A/1/2", title="T"), units)


def test_gaps_and_repeats_are_named_per_series():
    para, fn = UnitKind.PARAGRAPH, UnitKind.FOOTNOTE
    document = _document(
        [("1", para), ("2", para), ("5", para), ("5-2", para), ("29.1", para), ("29.3", para)]
        + [("annex I.1", para), ("annex I.3", para), ("fn1", fn), ("fn3", fn)]
    )
    warnings = inspect_document(document).warnings
    assert warnings == [
        "para 5 twice",
        "para 3, 4 missing",
        "para 29. 2 missing",
        "annex I para 2 missing",
        "footnote 2 missing",
    ]


def test_missing_fields_say_not_found():
    text = format_inspection(inspect_document(_document([("1", UnitKind.PARAGRAPH)])))
    assert "date               not found" in text and "symbol             A/1/2" in text


def test_inspect_command_on_a_real_file(tmp_path, capsys):
    from tests.factories import english_note_pdf

    path = english_note_pdf(tmp_path / "note.pdf")
    assert main(["inspect", "--json", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)[0]
    assert report["fields"]["symbol"] == "HSP/EB.2026/12"
    assert report["counts"] == {"para": 4, "footnote": 2}
    assert report["warnings"] == ["para 2, 3, 4, 5, 6, 7, 8, 11, 12, 13 … missing"]
    assert main(["inspect", str(tmp_path / "missing.pdf")]) == 1


def test_ingest_reports_the_same_warnings(tmp_path, ingest):
    from tests.factories import english_note_pdf

    report = ingest([english_note_pdf(tmp_path / "note.pdf")])
    assert report.warnings == [
        f"{tmp_path / 'note.pdf'}: para 2, 3, 4, 5, 6, 7, 8, 11, 12, 13 … missing"
    ]

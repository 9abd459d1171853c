import pytest

from ingest.header import detect_doc_type, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("16 February 2026", "2026-02-16"),
        ("1er mars 2026", "2026-03-01"),
        ("4 de marzo de 2026", "2026-03-04"),
        ("12 марта 2026 года", "2026-03-12"),
        ("2026年3月4日", "2026-03-04"),
        ("4 آذار/مارس 2026", "2026-03-04"),
        ("2026 4 آذار/مارس", "2026-03-04"),  # an Arabic date in drawing order
        ("٤ آذار/مارس ٢٠٢٦", "2026-03-04"),
        ("31 February 2026", ""),
        ("Distr.: General", ""),
    ],
)
def test_dates_in_the_six_languages(text, iso):
    assert parse_date(text) == iso


def test_kind_from_title_never_from_a_symbol():
    assert detect_doc_type("Internal audit of the reform checklist") == "audit"
    assert detect_doc_type("Proposed programme budget for 2027") == "budget"
    assert detect_doc_type("Identical letters dated 8 January 2025 from the Secretary-General") == (
        "letter"
    )
    assert detect_doc_type("A/RES/79/1") == ""

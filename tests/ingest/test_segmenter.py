from ingest.blocks import Block, BlockKind
from ingest.models import UnitKind
from ingest.segmenter import segment


def _text(text, **kw):
    return Block(BlockKind.TEXT, text, **kw)


def _heading(text):
    return Block(BlockKind.HEADING, text)


def _labels(blocks):
    return [u.label for u in segment(blocks, header_read=True).units]


def test_a_number_opens_a_paragraph_only_in_sequence():
    blocks = [
        _text("1. The Board met."),
        _text("2. It decided, in"),
        _text("2025. The rest of paragraph 2."),  # a wrapped year, not paragraph 2025
        _text("1l. OCR misread of eleven is not next after 2."),
        _text("3. Third."),
        _text("1l. After 10 it would be; here it is text."),
    ]
    units = segment(blocks, header_read=True).units
    assert [u.label for u in units] == ["1", "2", "3"]
    assert "2025. The rest of paragraph 2." in units[1].text


def test_ocr_misreads_are_read_when_the_sequence_makes_them_certain():
    blocks = [_text(f"{n}. Paragraph {n}.") for n in range(1, 11)]
    blocks += [_text("1l. Paragraph eleven."), _text("I2. Paragraph twelve.")]
    assert _labels(blocks)[-2:] == ["11", "12"]


def test_section_numbering_annexes_and_recommendations():
    blocks = [
        _text("29.1 The Department leads."),
        _text("29.2 It reports."),
        _heading("Recommendation 4"),
        _text("The Department should act by 2026."),
        _text("29.3 Further."),
        _heading("Annex I Status of recommendations"),
        _text("1. First annex paragraph."),
        _text("2. Second."),
        _text("1. A numbered row of a list inside the annex: not a restart."),
    ]
    units = segment(blocks, header_read=True).units
    assert [u.label for u in units] == ["29.1", "29.2", "rec4", "29.3", "annex I.1", "annex I.2"]
    assert units[2].kind is UnitKind.RECOMMENDATION
    assert units[2].text == "The Department should act by 2026."
    assert "not a restart" in units[-1].text


def test_contents_pages_are_skipped_until_the_body_starts_over():
    blocks = [
        _heading("Contents"),
        _text("1. Introduction 3"),
        _text("2. Findings 5"),
        Block(BlockKind.BREAK, page=2),
        _heading("I. Introduction"),
        _text("1. The body begins."),
    ]
    units = segment(blocks, header_read=True).units
    assert [(u.label, u.text) for u in units] == [("1", "The body begins.")]


def test_numbered_headings_in_the_sequence_are_paragraphs():
    blocks = [
        _text("6. Context paragraph."),
        _heading("1. Key frameworks"),  # a sub-heading numbered on its own: a heading
        _text("7. Next paragraph."),
        _heading("8. Opening of the session"),  # an agenda item: the next number
        _text("The Board will hear statements."),
    ]
    units = segment(blocks, header_read=True).units
    assert [u.label for u in units] == ["6", "7", "8"]
    assert units[1].section == "1. Key frameworks"
    assert units[2].text == "Opening of the session The Board will hear statements."


def test_a_table_row_numbered_like_a_paragraph_yields_the_label():
    blocks = [
        _text("11. The checklist has 20 requirements:"),
        Block(BlockKind.ROW, "No.: 12 | Requirement: Cost-sharing", label="12", table=1, row=12),
        _text("12. The next paragraph."),
    ]
    labels = _labels(blocks)
    assert labels == ["11", "t1.r12", "12"]


def test_annex_headings_in_every_language_give_the_english_label():
    """Parallel versions share labels: 附件一 and المرفق الأول are annex I, as in English."""
    headings = ("Annex I", "附件一", "附件 二", "المرفق الأول", "المرفق الثاني", "Приложение I")
    for heading in headings:
        blocks = [_text("1. Body."), _heading(heading), _text("1. First annex paragraph.")]
        expected = "annex II.1" if heading in ("附件 二", "المرفق الثاني") else "annex I.1"
        assert _labels(blocks) == ["1", expected], heading

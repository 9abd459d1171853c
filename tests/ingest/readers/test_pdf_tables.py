from ingest.readers.pdf_lines import PdfLine
from ingest.readers.pdf_tables import build_table
from ingest.text_repair import Vocabulary


def _cell(x0, y, text):
    return PdfLine(page=1, top=y + 8, bottom=y, x0=x0, x1=x0 + 6 * len(text), size=8.5,
                   bold=False, text=text)  # fmt: skip


def test_wrapped_cells_stay_in_their_row_under_a_two_line_header():
    printed = [
        [_cell(69, 367, "Rec."), _cell(99, 367, "Recommendation"), _cell(250, 367, "Critical/")],
        [_cell(69, 357, "no."), _cell(250, 357, "Important")],
        [_cell(69, 341, "1"), _cell(99, 341, "Require entities to prepare"),
         _cell(250, 341, "Important")],
        [_cell(99, 331, "time-bound action plans.")],
        [_cell(69, 315, "2"), _cell(99, 315, "Designate focal points"),
         _cell(250, 315, "Critical")],
        [_cell(99, 305, "in every entity.")],
    ]  # fmt: skip
    table = build_table(printed, Vocabulary([]))
    assert table.header == ["Rec. no.", "Recommendation", "Critical/ Important"]
    assert table.rows == [
        ["1", "Require entities to prepare time-bound action plans.", "Important"],
        ["2", "Designate focal points in every entity.", "Critical"],
    ]


def test_a_table_of_figures_has_no_header_guessed_from_figures():
    printed = [
        [_cell(60, 300, "2024"), _cell(200, 300, "48.0")],
        [_cell(60, 290, "2023"), _cell(200, 290, "33.5")],
    ]
    table = build_table(printed, Vocabulary([]))
    assert table.header is None and table.rows == [["2024", "48.0"], ["2023", "33.5"]]

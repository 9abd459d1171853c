from ingest.cover import CoverLine, read_cover

BODY = 10.0


def _line(text, size=BODY, bold=False, right=False, top=False, **kw):
    return CoverLine(text, size=size, bold=bold, right_column=right, top_zone=top, **kw)


def test_executive_board_cover_in_two_columns():
    lines = [
        _line("United Nations", 14, top=True),
        _line("DP/2025/11", 20, right=True, top=True),
        _line("Executive Board of the", 17, bold=True, top=True),
        _line("Distr.: General", right=True, top=True),
        _line("24 March 2025", right=True, top=True),
        _line("United Nations Development", 17, bold=True, top=True),
        _line("Original: English", right=True, top=True),
        _line("Programme", 17, bold=True),
        _line("Annual session 2025", bold=True),
        _line("Item 4 of the provisional agenda"),
        _line("Ethics", bold=True),
        _line("Activities of the UNDP Ethics Office in 2024", 14, bold=True),
        _line("Report of the Ethics Office", 12, bold=True),
        _line("Summary"),
        _line("Pursuant to decision 2008/37 of the Executive Board, the Ethics Office submits ..."),
    ]
    cover, used = read_cover(lines, BODY)
    assert cover.symbols == ["DP/2025/11"]
    assert cover.body == "Executive Board of the United Nations Development Programme"
    assert (cover.distribution, cover.date, cover.original_language) == (
        "General",
        "2025-03-24",
        "en",
    )
    assert (cover.session, cover.agenda_item) == ("Annual session 2025", "4")
    assert cover.title == "Activities of the UNDP Ethics Office in 2024"
    assert cover.subtitle == "Report of the Ethics Office"
    assert used == 13  # the body starts at "Summary"


def test_joint_symbol_broken_after_its_dash_and_organs_one_per_line():
    lines = [
        _line("A/79/716–", right=True, top=True),
        _line("S/2025/18", right=True, top=True),
        _line("General Assembly", 20, bold=True, top=True),
        _line("Security Council", 20, bold=True, top=True),
        _line("Distr.: General", right=True),
        _line("9 January 2025", right=True),
        _line("Seventy-ninth session", bold=True, baseline=570),
        _line("Eightieth year", bold=True, baseline=570),
        _line("Agenda items 34, 35, 49 and 72 (b)"),
        _line("Identical letters dated 8 January 2025 from the Secretary-General", 12, bold=True),
    ]
    cover, _ = read_cover(lines, BODY)
    assert cover.symbols == ["A/79/716", "S/2025/18"]
    assert cover.body == "General Assembly / Security Council"
    assert cover.session == "Seventy-ninth session / Eightieth year"
    assert cover.agenda_item == "34, 35, 49 and 72 (b)"
    assert cover.title.startswith("Identical letters dated 8 January 2025")


def test_cjk_cover_without_bold_type():
    lines = [
        _line("联合国", 11, top=True),
        _line("DP/2026/8", 11, right=True, top=True),
        _line("Distr.: General", right=True, top=True),
        _line("联合国开发计划署执行局", 14, top=True),
        _line("2026年3月4日", right=True, top=True),
        _line("Chinese", right=True),
        _line("Original: English", right=True),
        _line("2026年年度会议"),
        _line("临时议程*项目 4"),
        _line("评价"),
        _line("联合国发展系统改革核对清单执行情况评价", 14),
        _line("独立评估办公室的报告", 11),
        _line("摘要"),
    ]
    cover, _ = read_cover(lines, BODY)
    assert cover.body == "联合国开发计划署执行局"
    assert (cover.date, cover.language, cover.agenda_item) == ("2026-03-04", "zh", "4")
    assert cover.title == "联合国发展系统改革核对清单执行情况评价"
    assert cover.subtitle == "独立评估办公室的报告"


def test_no_cover_fields_means_not_found():
    cover, used = read_cover([_line("Some memo about funding"), _line("It says things.")], BODY)
    assert not cover.found and cover.title == "" and used == 0

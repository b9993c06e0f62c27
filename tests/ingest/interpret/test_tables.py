"""Tables are read by what their headers and labels say, whatever the order, split or wording."""

from __future__ import annotations

from jixiao.domain import Level2, Source
from jixiao.ingest import read_document
from jixiao.ingest.grid.model import Cell, Para, Table
from jixiao.ingest.interpret import interpret
from jixiao.ingest.interpret.classic import needs_interpreter
from jixiao.ingest.interpret.vocabulary import default_vocabulary, normalise_label

SOURCE = Source("t", "0")


def table(rows: list[list[str | tuple[str, int, int]]], name: str = "表1") -> Table:
    """Rows of cells; a tuple is (text, rowspan, colspan); None skips a covered position."""
    cells = []
    for r, row in enumerate(rows):
        for c, item in enumerate(row):
            if item is None:
                continue
            text, rowspan, colspan = item if isinstance(item, tuple) else (item, 1, 1)
            cells.append(Cell(text, r, c, rowspan, colspan, where=f"{name}!R{r + 1}C{c + 1}"))
    return Table(tuple(cells), name)


def test_labels_normalise_brackets_colons_and_units() -> None:
    label = normalise_label("项目总金额（中期规划，万元）：")
    assert (label.text, label.base, label.unit) == ("项目总金额(中期规划)", "项目总金额", "万元")
    assert default_vocabulary().field("长期目标（跨度多年的项目需填）：")[0] == "long_term_goal"


def test_columns_in_any_order_with_a_value_split_under_a_two_row_header() -> None:
    t = table([
        ["项目名称：图书采购", None, None, None, None, None],
        [("指标名称", 2, 1), ("指标值", 1, 3), None, None, ("二级指标", 2, 1), ("指标说明", 2, 1)],
        [None, "运算符", "数值", "计量单位", None, None],
        ["新增藏书", "≥", "5000", "册", "数量指标", "全年新增"],
        ["借阅满意度", "≥", "90", "%", "服务对象满意度指标", ""],
    ])
    (p,) = interpret([t], SOURCE).projects
    assert p.name == "图书采购"
    assert [(i.level2, i.name, i.value.raw, i.description) for i in p.indicators] == [
        (Level2.QUANTITY, "新增藏书", "≥5000册", "全年新增"),
        (Level2.SATISFACTION, "借阅满意度", "≥90%", None),
    ]


def test_an_unknown_column_is_kept_with_a_warning() -> None:
    t = table([
        ["项目名称", "图书采购"],
        ["二级指标", "三级指标", "目标值", "责任科室"],
        ["数量指标", "新增藏书", "≥5000册", "采编部"],
    ])
    doc = interpret([t], SOURCE)
    assert doc.projects[0].indicators[0].extra == (("责任科室", "采编部"),)
    assert any("责任科室" in w.message for w in doc.warnings)


def test_labels_printed_once_carry_down_and_across_a_repeated_header() -> None:
    first = table([
        ["项目名称：路灯", None, None, None],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "路灯数", "≥100盏"],
        ["", "", "灯杆数", "≥50根"],
    ], "第1页")
    second = table([
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["", "", "巡查次数", "≥12次"],
        ["", "质量指标", "亮灯率", "≥98%"],
    ], "第2页")
    (p,) = interpret([first, second], SOURCE).projects
    assert [(i.level2, i.name) for i in p.indicators] == [
        (Level2.QUANTITY, "路灯数"), (Level2.QUANTITY, "灯杆数"), (Level2.QUANTITY, "巡查次数"),
        (Level2.QUALITY, "亮灯率"),
    ]


def test_a_department_named_only_in_the_title_owns_the_projects() -> None:
    body = table([
        ["项目名称", "残疾人体育", "项目编码", "37150021"],
        ["二级指标", "三级指标", "指标值", None],
        ["数量指标", "参赛人数", "≥50人", None],
    ])
    (p,) = interpret([Para("聊城市残疾人联合会2022年项目支出绩效目标表"), body], SOURCE).projects
    assert (p.department, p.code) == ("聊城市残疾人联合会", "37150021")


def test_several_projects_on_one_sheet_split_at_the_repeated_name_field() -> None:
    t = table([
        ["项目名称", "甲", None], ["二级指标", "三级指标", "指标值"], ["数量指标", "人数", "≥5人"],
        ["项目名称", "乙", None], ["二级指标", "三级指标", "指标值"], ["数量指标", "次数", "≥3次"],
    ])
    doc = interpret([t], SOURCE)
    assert [(p.name, [i.name for i in p.indicators]) for p in doc.projects] == [("甲", ["人数"]), ("乙", ["次数"])]


def test_a_row_nobody_can_place_is_a_warning_with_its_cell() -> None:
    t = table([["项目名称", "甲"], ["三级指标", "指标值"], ["人数", "≥5人"]])
    doc = interpret([Para("x"), table([["随便", "什么"]], "表0"), t], SOURCE)
    assert any(w.where == "表0!R1C1" for w in doc.warnings)


def test_text_in_the_sample_templates_stays_with_the_text_reader_and_other_templates_do_not() -> None:
    classic = "项目名称\t路灯\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t路灯数\t≥100盏\n"
    other = "项目名称\t路灯\n一级指标\t二级指标\t三级指标\t目标值\t指标解释\n产出\t数量\t路灯数\t≥100盏\t全年\n"
    assert not needs_interpreter(classic)
    assert needs_interpreter(other)
    (p,) = read_document(other.encode(), "other.txt").projects
    assert (p.indicators[0].name, p.indicators[0].description) == ("路灯数", "全年")


def test_the_vocabulary_keeps_what_the_text_scan_relies_on() -> None:
    """classic.needs_interpreter only looks at lines that say 指标 and 值: every name column's header must
    say 指标 and every value column's 值, or a new synonym would slip past the scan."""
    columns = default_vocabulary().columns
    assert all("指标" in label for label, key in columns.items() if key == "name")
    assert all("值" in label for label, key in columns.items() if key in ("value", "number"))


def test_rows_a_converter_shifted_are_put_back_under_their_header_with_a_warning() -> None:
    text = (
        "项目名称\t路灯维护\n"
        "一级指标\t二级指标\t三级指标\t目标值\t指标说明\n"
        "产出指标\t数量指标\t路灯数\t≥100盏\t全年\n"
        "\t亮灯率\t≥98%\t抽查\n"  # one empty cell dropped: everything slid left
        "质量指标\t故障修复时长\t≤24小时\t接报起算\n"  # 一级 cell dropped: the 二级 label slid into it
    )
    doc = read_document(text.encode(), "shifted.txt")
    (p,) = doc.projects
    assert [(i.level2, i.name, i.value.raw, i.description) for i in p.indicators] == [
        (Level2.QUANTITY, "路灯数", "≥100盏", "全年"),
        (Level2.QUANTITY, "亮灯率", "≥98%", "抽查"),
        (Level2.QUALITY, "故障修复时长", "≤24小时", "接报起算"),
    ]
    assert sum("行错位" in w.message for w in doc.warnings) == 2


def test_labels_a_converter_centred_in_their_merged_run_cover_the_whole_run() -> None:
    text = (
        "项目名称\t路灯维护\n"
        "一级指标\t二级指标\t三级指标\t目标值\n"
        "\t\t路灯数\t≥100盏\n"
        "产出指标\t数量指标\t灯杆数\t≥50根\n"
        "\t\t巡查次数\t≥12次\n"
        "\t质量指标\t亮灯率\t≥98%\n"
    )
    (p,) = read_document(text.encode(), "centred.txt").projects
    assert [(i.level2, i.name) for i in p.indicators] == [
        (Level2.QUANTITY, "路灯数"), (Level2.QUANTITY, "灯杆数"), (Level2.QUANTITY, "巡查次数"),
        (Level2.QUALITY, "亮灯率"),
    ]

"""Rules over department-wide targets (部门整体绩效目标): each fires on its case and stays quiet on a near one,
and every finding on a row names the row's table and position (and its source cell where the reader gave
one), as a project's does its line."""

from __future__ import annotations

from jixiao.domain import DepartmentIndicator
from tests.review.builders import check, department, document, fired, row

DUTY = {"duty_no": 1, "duty": "义务教育管理"}


def _dept(*annual: DepartmentIndicator, strategic: tuple[DepartmentIndicator, ...] = ()) -> object:
    return document(departments=(department(annual=annual, strategic=strategic),))


def test_rate_over_100() -> None:
    doc = _dept(
        row("适龄儿童入学率", "≥105%", 10, **DUTY),
        row("学生人数增长率", "120%", 11, **DUTY),  # a growth may pass 100%
        row("家长满意度", "101%", 12, **DUTY),
        row("巩固率", "100%", 13, **DUTY),
    )
    assert fired(doc, "DEPT-RATE-OVER-100") == [10, 12]


def test_satisfaction_low() -> None:
    doc = _dept(row("群众满意度", "≥70%", 10, **DUTY), row("服务对象满意度", "≥85%", 11, **DUTY))
    assert fired(doc, "DEPT-SATISFACTION-LOW") == [10]


def test_qualitative_for_number() -> None:
    doc = _dept(
        row("培训人数", "较多", 10, **DUTY),
        row("安全事故发生率", "不发生", 11, **DUTY),  # a definite zero
        row(
            "污染地块安全利用率", "完成省厅下达的目标（省厅暂未下达）", 12, **DUTY
        ),  # deferred: VALUE-SENSE's
        row("工作质量", "优良", 13, **DUTY),  # no number asked for
    )
    assert fired(doc, "DEPT-QUALITATIVE-FOR-NUMBER") == [10]
    assert fired(doc, "DEPT-VALUE-SENSE") == [12]


def test_vague_value() -> None:
    doc = _dept(
        row("教学质量", "显著提高", 10, **DUTY),
        row("教学质量评估", "通过省级评估验收", 11, **DUTY),
        row("入学率", "稳步提升", 12, **DUTY),  # a rate: QUALITATIVE-FOR-NUMBER says it
    )
    assert fired(doc, "DEPT-VAGUE-VALUE") == [10]
    assert fired(doc, "DEPT-QUALITATIVE-FOR-NUMBER") == [12]


def test_unit_missing() -> None:
    doc = _dept(
        row("服务事项数量", "1000", 10, **DUTY),
        row("义务教育巩固率", "≥99", 11, **DUTY),
        row("服务事项数量（项）", "1000", 12, **DUTY),  # the name states it
        row("服务事项数量", "1000项", 13, **DUTY),
        row("文件印发", "1", 14, **DUTY),  # neither a count nor a rate by name
    )
    assert fired(doc, "DEPT-UNIT-MISSING") == [10, 11]


def test_value_sense_shares_the_project_checks() -> None:
    doc = _dept(
        row("集中供养率", "≤95%", 10, **DUTY),
        row("长者食堂建设数量", "≤46处", 11, **DUTY),
        row("覆盖率", "95人", 12, **DUTY),
        row("培训人数", "80%", 13, **DUTY),
        row("安全事故发生率", "≤1%", 14, **DUTY),  # adverse: an upper bound is right
        row("组内排名", "前2名", 15, **DUTY),  # a rank, not a count
        row("长者食堂个数", "≥46个", 16, **DUTY),
    )
    assert fired(doc, "DEPT-VALUE-SENSE") == [10, 11, 12, 13]


def test_duplicate_within_one_duty_and_explanation_only() -> None:
    doc = _dept(
        row("控辍保学劝返人数", "≥20人", 10, **DUTY),
        row("控辍保学劝返人数", "≥25人", 11, **DUTY),
        row("群众满意度", "≥90%", 12, **DUTY),
        row("群众满意度", "≥90%", 13, duty_no=2, duty="学前教育管理"),  # another duty
        row("资助标准", "=2000元/生/年", 14, explanation="反映甲类专业资助标准", **DUTY),
        row("资助标准", "=2800元/生/年", 15, explanation="反映乙类专业资助标准", **DUTY),
        strategic=(row("巩固率", "≥99%", 5, no=1), row("巩固率", "≥98%", 6, no=2)),
    )
    assert fired(doc, "DEPT-DUPLICATE-INDICATOR") == [6, 11]
    messages = [f.message for f in check(doc).findings if f.rule == "DEPT-DUPLICATE-INDICATOR"]
    assert messages[1] == "部门指标“控辍保学劝返人数”在年度目标表职责“义务教育管理”下出现2次（≥20人、≥25人）"


def test_explanation_missing_only_where_the_table_has_the_column() -> None:
    doc = _dept(
        row("入学率", "=100%", 10, explanation="反映适龄儿童入学情况", **DUTY),
        row("劝返人数", "≥20人", 11, **DUTY),
        strategic=(row("巩固率", "≥99%", 5, no=1),),  # no row explained: the column is not there
    )
    assert fired(doc, "DEPT-EXPLANATION-MISSING") == [11]


def test_a_sound_department_has_no_findings() -> None:
    doc = _dept(
        row("适龄儿童入学率", "=100%", 10, explanation="反映入学情况", **DUTY),
        row("控辍保学劝返人数", "≥20人", 11, explanation="反映劝返人数", **DUTY),
        row("家长满意度", "≥90%", 12, explanation="反映家长评价", **DUTY),
        strategic=(row("义务教育巩固率", "≥99%", 5, no=1, explanation="反映巩固情况"),),
    )
    report = check(doc)
    assert [f.rule for f in report.findings] == []
    assert [(s.subject.kind.value, s.score, s.grade) for s in report.scores] == [("department", 100, "优")]


def test_findings_name_the_table_position_and_cell() -> None:
    doc = _dept(
        row("入学率", "=100%", **DUTY),
        row("家长满意度", "≥70%", where="部门!F9", **DUTY),
        strategic=(row("巩固率", "", no=1),),
    )
    found = {(f.rule, f.table, f.row, f.where, f.place, f.line) for f in check(doc).findings}
    assert found == {
        ("DEPT-SATISFACTION-LOW", "年度目标表", 2, "部门!F9", "年度目标表第2行", None),
        ("DEPT-VALUE-MISSING", "战略目标表", 1, None, "战略目标表第1行", None),
    }


def test_department_findings_are_scored_and_graded() -> None:
    doc = _dept(row("入学率", "≥105%", 10, **DUTY), row("人数", "", 11, **DUTY))
    (score,) = check(doc).scores
    assert (score.errors, score.score, score.grade) == (2, 50, "差")

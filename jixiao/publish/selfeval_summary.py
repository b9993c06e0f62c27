"""The year's self-evaluation summed up for 人大 as layout tables and sentences: the grade distribution, the
results by 主管部门, the projects graded 中 and 差, the red and yellow warnings, and the other findings."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.publish.layout import Cell, Table
from jixiao.publish.monitoring_layout import BAND_FILLS
from jixiao.publish.reporting_layout import amount, head, label, percent
from jixiao.publish.selfeval_layout import (
    GRADE_FILLS,
    GRADES,
    WARNING_WORDS,
    Evaluated,
    FindingLike,
    RecordScoreLike,
    SelfEvalLike,
    grade_cell,
    points,
)


def _scored(items: Sequence[Evaluated]) -> list[tuple[Evaluated, RecordScoreLike]]:
    return [(e, e.score) for e in items if e.score is not None]


def _department(e: Evaluated) -> str:
    return e.item.department or e.item.name


def _mean(records: Sequence[RecordScoreLike]) -> float | None:
    return sum(r.total for r in records) / len(records) if records else None


def _has(record: RecordScoreLike, band: str) -> bool:
    return any(f.band is not None and f.band.value == band for f in record.findings)


def counts_table(result: SelfEvalLike) -> Table:
    """自评等级分布: counts by grade, the mean total and the warnings, for projects and departments."""
    t = Table("selfeval-counts", (14.0, 8.0, 8.0, 8.0, 8.0, 8.0, 10.0, 11.0, 11.0))
    t.head.append(
        [head("类别")]
        + [Cell(g, header=True, fill=GRADE_FILLS[g]) for g in GRADES]
        + [head("合计"), head("平均分"), head(WARNING_WORDS["red"]), head(WARNING_WORDS["yellow"])]
    )
    for kind, records in (("项目", result.projects), ("部门整体", result.departments)):
        counts = [sum(r.grade.value == g for r in records) for g in GRADES] + [len(records)]
        counts += [sum(_has(r, "red") for r in records), sum(_has(r, "yellow") for r in records)]
        cells = [Cell(str(n), number=float(n)) for n in counts]
        t.body.append([label(kind), *cells[:5], Cell(points(_mean(records))), *cells[5:]])
    return t


def department_table(items: Sequence[Evaluated]) -> Table:
    """按主管部门: each department's projects (and its own 部门整体) by grade, the mean total, budget and spending."""
    t = Table("selfeval-departments", (5.0, 22.0, 8.0, 7.0, 7.0, 7.0, 7.0, 9.0, 12.0, 12.0, 9.0))
    t.head.append(
        [
            head(h)
            for h in ("序号", "主管部门", "个数", *GRADES, "平均分", "全年预算数", "全年执行数", "执行率")
        ]
    )
    groups: dict[str, list[RecordScoreLike]] = {}
    for e, score in _scored(items):
        groups.setdefault(_department(e), []).append(score)
    for n, (name, records) in enumerate(groups.items(), 1):
        basis = sum(r.budget.basis or 0.0 for r in records if r.budget.executed is not None)
        executed = sum(r.budget.executed or 0.0 for r in records if r.budget.basis)
        grades = [Cell(str(sum(r.grade.value == g for r in records))) for g in GRADES]
        t.body.append(
            [
                Cell(str(n), number=float(n)),
                Cell(name),
                Cell(str(len(records)), number=float(len(records))),
                *grades,
                Cell(points(_mean(records))),
                Cell(amount(basis), number=basis),
                Cell(amount(executed), number=executed),
                Cell(percent(executed * 100 / basis) if basis else ""),
            ]
        )
    return t


def low_table(items: Sequence[Evaluated]) -> Table:
    """等级为中、差的项目和部门, with the indicators that lost points."""
    t = Table("selfeval-low", (5.0, 20.0, 14.0, 8.0, 6.0, 9.0, 30.0))
    t.head.append(
        [head(h) for h in ("序号", "项目或部门", "主管部门", "总分", "等级", "结果应用", "失分指标")]
    )
    low = [(e, s) for e, s in _scored(items) if s.grade.value in ("中", "差")]
    for n, (e, s) in enumerate(sorted(low, key=lambda pair: pair[1].total), 1):
        lost = "；".join(
            f"{i.name} {points(i.score)}/{points(i.weight)}" for i in s.indicators if i.score < i.weight
        )
        t.body.append(
            [
                Cell(str(n), number=float(n)),
                Cell(e.item.name),
                Cell(_department(e)),
                Cell(points(s.total), number=s.total),
                grade_cell(s.grade.value),
                Cell(s.consequence),
                Cell(lost),
            ]
        )
    if not t.body:
        t.body.append([Cell("无等级为中、差的项目和部门", colspan=7)])
    return t


def _band_cell(f: FindingLike) -> Cell:
    band = f.band.value if f.band else ""
    return Cell(WARNING_WORDS.get(band, ""), fill=BAND_FILLS.get(band))


def warnings_table(items: Sequence[Evaluated]) -> Table:
    """红色、黄色预警: the project or department, its grade and the warning in words."""
    t = Table("selfeval-warnings", (5.0, 20.0, 14.0, 10.0, 6.0, 40.0))
    t.head.append([head(h) for h in ("序号", "项目或部门", "主管部门", "预警", "等级", "说明")])
    n = 0
    for band in ("red", "yellow"):
        for e, s in _scored(items):
            for f in s.findings:
                if f.band is not None and f.band.value == band:
                    n += 1
                    t.body.append(
                        [
                            Cell(str(n), number=float(n)),
                            Cell(e.item.name),
                            Cell(_department(e)),
                            _band_cell(f),
                            grade_cell(s.grade.value),
                            Cell(f.message),
                        ]
                    )
    if not t.body:
        t.body.append([Cell("无红色、黄色预警", colspan=6)])
    return t


def findings_table(items: Sequence[Evaluated], notes: Sequence[FindingLike]) -> Table:
    """其他发现: every finding that is not a warning (weights, budgets, over-achievement, causes …) and the notes
    on the year (what was not reported, what matched no target)."""
    t = Table("selfeval-findings", (5.0, 22.0, 18.0, 45.0))
    t.head.append([head(h) for h in ("序号", "项目或部门", "指标", "发现")])
    rows: list[tuple[str, str, str]] = []
    for e, s in _scored(items):
        rows += [(e.item.name, "", f.message) for f in s.findings if f.band is None]
        rows += [(e.item.name, "预算执行", f.message) for f in s.budget.findings]
        for i in s.indicators:
            rows += [(e.item.name, i.name, f.message) for f in i.findings]
    rows += [("", "", f.message) for f in notes]
    for n, (name, indicator, message) in enumerate(rows, 1):
        t.body.append([Cell(str(n), number=float(n)), Cell(name), Cell(indicator), Cell(message)])
    if not t.body:
        t.body.append([Cell("无", colspan=4)])
    return t


def summary_lines(result: SelfEvalLike, items: Sequence[Evaluated]) -> list[str]:
    """The year in sentences: how many were evaluated, by grade, the mean, budget execution, the warnings."""
    year = f"{result.year}年度" if result.year else "本年度"
    excellent, good, fair = (f"{x:g}" for x in result.grade_edges)
    lines = [
        f"{year}绩效自评按财预〔2020〕10号计分：预算执行率 10 分，产出、效益、满意度指标合计 90 分；"
        f"总分 {excellent} 分（含）以上为优，{good} 分（含）以上为良，{fair} 分（含）以上为中，{fair} 分以下为差。"
    ]
    for kind, records in (("项目", result.projects), ("部门整体绩效目标", result.departments)):
        if not records:
            continue
        grades = "、".join(f"{g} {sum(r.grade.value == g for r in records)} 个" for g in GRADES)
        lines.append(f"共自评{kind} {len(records)} 个：{grades}，平均 {points(_mean(records))} 分。")
    records = [*result.projects, *result.departments]
    basis = sum(r.budget.basis or 0.0 for r in records if r.budget.executed is not None)
    executed = sum(r.budget.executed or 0.0 for r in records if r.budget.basis)
    if basis:
        lines.append(
            f"全年预算数合计 {amount(basis)} 万元，全年执行数合计 {amount(executed)} 万元，"
            f"总体执行率 {percent(executed * 100 / basis)}。"
        )
    red, yellow = sum(_has(r, "red") for r in records), sum(_has(r, "yellow") for r in records)
    low = sum(r.grade.value in ("中", "差") for r in records)
    lines.append(
        f"红色预警 {red} 个（指标得分率高于预算执行率 5% 以上），黄色预警 {yellow} 个（预算执行率低于 80%）；"
        f"等级为中、差的 {low} 个，名单及失分指标见“等级为中、差的项目”表。"
    )
    return lines

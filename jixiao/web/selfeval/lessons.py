"""结果应用 carried by "copy last year" (复制上年目标): the approved or published self-evaluation of the source —
a project's 项目支出绩效自评表, or a department target's 部门整体支出绩效自评表 — gives the new draft its
lessons — the indicators that lost points with their 偏差原因 and 改进措施, as text kept on the draft — and its
整改事项 still open, linked (not copied) so their state stays the source's. Both kinds carry them through
:func:`carry` before the copy is saved and :meth:`Lessons.keep` after."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jixiao.web.selfeval.convert import profile_of
from jixiao.web.selfeval.models import (
    Rectification,
    RectificationState,
    SelfEvaluation,
    SelfEvaluationIndicator,
)
from jixiao.web.targets.models import DepartmentTarget, Project
from jixiao.web.workflow.states import State


@dataclass(frozen=True, slots=True)
class Lessons:
    sheet: SelfEvaluation
    lost: list[SelfEvaluationIndicator]
    open_items: list[Rectification]
    text: str

    def detail(self) -> dict[str, Any]:
        """What was carried, for the copy's audit row."""
        return {
            "selfeval": self.sheet.pk,
            "total": self.sheet.total,
            "grade": self.sheet.result,
            "indicators": [i.name for i in self.lost],
            "rectifications": [i.pk for i in self.open_items],
        }

    def summary(self) -> str:
        return f"{len(self.lost)} 项失分指标、{len(self.open_items)} 项未完成的整改事项"

    def keep(self, copy: Project | DepartmentTarget, detail: dict[str, Any]) -> str:
        """Once ``copy`` is saved: link the 整改事项 still open and put what was carried in the audit row's
        ``detail``; returns what the audit message adds."""
        copy.carried_rectifications.set(self.open_items)
        detail["lessons"] = self.detail()
        return f"，带入上年度绩效自评的经验教训（{self.summary()}）"


def _lost_points(row: SelfEvaluationIndicator) -> bool:
    score = row.final_score
    return score is not None and row.weight is not None and round(score, 2) < round(row.weight, 2)


def _indicator_line(n: int, row: SelfEvaluationIndicator) -> str:
    causes = "；".join(filter(None, ["、".join(row.causes), row.cause_note])) or "未填写"
    return (
        f"{n}. {row.level2} / {row.name}：年度指标值 {row.target or '—'}，实际完成值 {row.actual or '—'}，"
        f"得分 {row.final_score:.2f} / {row.weight:.2f}；偏差原因：{causes}；改进措施：{row.measures or '未填写'}"
    )


def _budget_weight(sheet: SelfEvaluation) -> float:
    """预算执行率's 分值 in the region's rules (10 by default)."""
    return float(profile_of(sheet).weights.budget)


def _budget_lost(sheet: SelfEvaluation) -> bool:
    return sheet.budget_score is not None and round(sheet.budget_score, 2) < round(_budget_weight(sheet), 2)


def _text(sheet: SelfEvaluation, lost: list[SelfEvaluationIndicator]) -> str:
    total = f"{sheet.total:.2f}" if sheet.total is not None else "—"
    consequence = f"（{sheet.consequence}）" if sheet.consequence else ""
    lines = [f"{sheet.year}年度绩效自评：总分 {total}，等级 {sheet.result or '—'}{consequence}。"]
    if _budget_lost(sheet):
        rate = f"{sheet.execution_rate:.1f}%" if sheet.execution_rate is not None else "—"
        lines.append(f"预算执行率 {rate}，得分 {sheet.budget_score:.2f} / {_budget_weight(sheet):.2f}。")
    if lost:
        lines.append("失分指标：")
        lines += [_indicator_line(n, row) for n, row in enumerate(lost, start=1)]
    return "\n".join(lines)


def evaluation_of(source: Project | DepartmentTarget) -> SelfEvaluation | None:
    """The approved or published self-evaluation of a project or a department target (the department-wide
    自评表), the latest if there were several."""
    own = {"department_target": source} if isinstance(source, DepartmentTarget) else {"project": source}
    return (
        SelfEvaluation.objects.filter(**own, archived=False, state__in=[State.APPROVED, State.PUBLISHED])
        .order_by("-year", "-pk")
        .first()
    )


def lessons_of(source: Project | DepartmentTarget) -> Lessons | None:
    """What a copy of ``source`` carries; ``None`` without a finished self-evaluation or anything to learn."""
    sheet = evaluation_of(source)
    if sheet is None:
        return None
    rows = sheet.indicators.filter(archived=False).order_by("position", "id")
    lost = [r for r in rows if _lost_points(r)]
    open_items = list(sheet.rectifications.filter(state=RectificationState.OPEN).order_by("due_date", "id"))
    if not (lost or open_items or _budget_lost(sheet)):
        return None
    return Lessons(sheet, lost, open_items, _text(sheet, lost))


def carry(copy: Project | DepartmentTarget, source: Project | DepartmentTarget | None) -> Lessons | None:
    """Give the unsaved ``copy`` the lessons of ``source`` (its text; the 整改事项 are linked by
    :meth:`Lessons.keep` once the copy is saved); ``None`` when there is no source or nothing to carry."""
    lessons = lessons_of(source) if source is not None else None
    if lessons:
        copy.lessons = lessons.text
    return lessons

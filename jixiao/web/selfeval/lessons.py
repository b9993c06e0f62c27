"""结果应用 carried by "copy last year" (复制上年目标): the source project's approved or published self-evaluation
gives the new draft its lessons — the indicators that lost points with their 偏差原因 and 改进措施, as text
kept on the draft — and its 整改事项 still open, linked (not copied) so their state stays the source's."""

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


def evaluation_of(project: Any) -> SelfEvaluation | None:
    """The approved or published self-evaluation of ``project``, the latest if there were several."""
    return (
        SelfEvaluation.objects.filter(
            project=project, archived=False, state__in=[State.APPROVED, State.PUBLISHED]
        )
        .order_by("-year", "-pk")
        .first()
    )


def lessons_of(project: Any) -> Lessons | None:
    """What a copy of ``project`` carries; ``None`` without a finished self-evaluation or anything to learn."""
    sheet = evaluation_of(project)
    if sheet is None:
        return None
    rows = sheet.indicators.filter(archived=False).order_by("position", "id")
    lost = [r for r in rows if _lost_points(r)]
    open_items = list(sheet.rectifications.filter(state=RectificationState.OPEN).order_by("due_date", "id"))
    if not (lost or open_items or _budget_lost(sheet)):
        return None
    return Lessons(sheet, lost, open_items, _text(sheet, lost))

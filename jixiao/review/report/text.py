"""Terminal text: findings grouped by project and department, coloured by severity, then counts by rule."""

from __future__ import annotations

from itertools import groupby

import typer

from jixiao.review.engine import Report
from jixiao.review.findings import Severity

_COLOURS = {
    Severity.ERROR: typer.colors.RED,
    Severity.WARNING: typer.colors.YELLOW,
    Severity.HINT: typer.colors.CYAN,
}


def _sev(sev: Severity, colour: bool) -> str:
    text = f"[{sev.label}]"
    return typer.style(text, fg=_COLOURS[sev], bold=sev is Severity.ERROR) if colour else text


def report_text(report: Report, colour: bool = False, evidence: bool = True) -> str:
    """One report's part of ``render_text`` (``jixiao.review.report.stream``): its lines, ending in a newline."""
    out: list[str] = []
    doc = report.document
    head = f"{doc.source.name}  {doc.title or ''}  {doc.year or ''}年  配置: {report.profile.name}"
    out.append(typer.style(head, bold=True) if colour else head)
    scores = {s.subject.key: s for s in report.scores}
    for key, group in groupby(report.findings, key=lambda f: f.subject.key):
        items = list(group)
        subject = items[0].subject
        score = scores.get(key)
        label = {"document": "文档", "project": "项目", "department": "部门"}[subject.kind.value]
        where = f" (L{subject.line})" if subject.line else ""
        code = f"  项目编码 {subject.code}" if subject.code else ""
        grade = f"  得分 {score.score:g} {score.grade}" if score else ""
        out.append(f"\n{label}：{subject.name}{code}{where}{grade}")
        for f in items:
            line = f"L{f.line}" if f.line is not None else "  -"
            place = f"  〔{f.place}〕" if f.place else ""
            out.append(f"  {line:>6} {_sev(f.severity, colour)} {f.rule}  {f.message}{place}")
            if evidence and f.evidence:
                out.append("         依据：" + "；".join(f"{k} {v}" for k, v in f.evidence))
                out.append("         建议：" + f.suggestion)
    counts = report.count_by_severity()
    out.append(
        f"\n合计 {len(report.findings)} 条：错误 {counts[Severity.ERROR]}，"
        f"警告 {counts[Severity.WARNING]}，提示 {counts[Severity.HINT]}；等级 "
        + "，".join(f"{g} {n}" for g, n in report.grade_counts().items())
    )
    out.append("按规则：")
    for rule, title, sev, n in report.count_by_rule():
        out.append(f"  {n:>4}  {_sev(sev, colour)} {rule}  {title}")
    if report.profile.checklist:
        out.append("人工审核项（由审核人逐项判断，不自动提出）：")
        for item in report.profile.checklist:
            field = f"〔{item.field}〕" if item.field else ""
            out.append(f"  □ {item.id}  {item.item}{field}  {item.message}")
    return "\n".join(out) + "\n"

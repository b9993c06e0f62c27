"""An XLSX workbook a reviewer annotates.

One row per finding (a department's row located by table and position in 位置) with empty 审核人意见 (a drop-down of 同意/不同意/待核实) and 处理结果 columns, a score
sheet and a rule summary; frozen header, filters and wrapped text so it prints and sorts as reviewers expect.
"""

from __future__ import annotations

from io import BytesIO

from jixiao.publish.safe_cells import sheets_as_text
from jixiao.review.engine import Report

_FINDING_COLUMNS = (
    ("序号", 6),
    ("文档", 18),
    ("类型", 6),
    ("项目/部门", 28),
    ("行号", 7),
    ("位置", 16),
    ("指标", 26),
    ("规则", 26),
    ("级别", 7),
    ("审核标准", 8),
    ("问题", 48),
    ("依据", 48),
    ("建议", 40),
    ("审核人意见", 14),
    ("处理结果", 24),
    ("项目编码", 24),
)
_FILLS = {"error": "FED7D7", "warning": "FEFCBF", "hint": "E2E8F0"}


def render_xlsx(reports: list[Report]) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    wb = Workbook()
    ws = wb.active
    ws.title = "审核意见"
    ws.append([c for c, _ in _FINDING_COLUMNS])
    for i, (_, width) in enumerate(_FINDING_COLUMNS, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    n = 0
    for report in reports:
        for f in report.findings:
            n += 1
            kind = {"document": "文档", "project": "项目", "department": "部门"}[f.subject.kind.value]
            ws.append(
                [
                    n,
                    f.document,
                    kind,
                    f.subject.name,
                    f.line,
                    f.place,
                    f.indicator or "",
                    f"{f.rule} {f.title}",
                    f.severity.label,
                    f.criterion.value,
                    f.message,
                    "；".join(f"{k}：{v}" for k, v in f.evidence),
                    f.suggestion,
                    "",
                    "",
                    f.subject.code or "",
                ]
            )
            fill = PatternFill("solid", fgColor=_FILLS[f.severity.value])
            ws.cell(n + 1, 9).fill = fill
            for col in range(1, len(_FINDING_COLUMNS) + 1):
                ws.cell(n + 1, col).alignment = wrap
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    opinion = DataValidation(type="list", formula1='"同意,不同意,待核实"', allow_blank=True)
    ws.add_data_validation(opinion)
    if n:
        opinion.add(f"N2:N{n + 1}")

    scores = wb.create_sheet("评分")
    scores.append(["文档", "类型", "名称", "部门", "行号", "得分", "等级", "错误", "警告", "提示"])
    for report in reports:
        for s in report.scores:
            scores.append(
                [
                    report.document.source.name,
                    "项目" if s.subject.kind.value == "project" else "部门",
                    s.subject.name,
                    s.subject.department or "",
                    s.subject.line,
                    s.score,
                    s.grade,
                    s.errors,
                    s.warnings,
                    s.hints,
                ]
            )
    for cell in scores[1]:
        cell.font = Font(bold=True)
    scores.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJ", (18, 6, 36, 28, 7, 7, 6, 6, 6, 6), strict=True):
        scores.column_dimensions[letter].width = width

    rules = wb.create_sheet("规则统计")
    rules.append(["文档", "规则", "名称", "级别", "条数"])
    for report in reports:
        for rule, title, sev, count in report.count_by_rule():
            rules.append([report.document.source.name, rule, title, sev.label, count])
    for cell in rules[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (18, 28, 30, 7, 7), strict=True):
        rules.column_dimensions[letter].width = width

    checklist = reports[0].profile.checklist if reports else ()
    if checklist:
        manual = wb.create_sheet("人工审核项")
        manual.append(["编号", "审核细项", "审核对象", "审核意见", "审核人判断"])
        for c in checklist:
            manual.append([c.id, c.item, c.field, c.message, ""])
        for cell in manual[1]:
            cell.font = Font(bold=True)
        for letter, width in zip("ABCDE", (12, 24, 12, 60, 24), strict=True):
            manual.column_dimensions[letter].width = width

    sheets_as_text(wb.worksheets)  # names and messages quote the documents: never a live formula
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

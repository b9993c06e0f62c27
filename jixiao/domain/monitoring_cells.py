"""The words of the 项目支出绩效目标执行监控表, shared by its writer and its reader.

:mod:`jixiao.publish.monitoring_table` prints these labels and :mod:`jixiao.ingest.monitoring_table` finds
rows and columns by them (not by position), so a label changed here changes both, and a person who moves
a sheet or adds blank rows does not break the reading. Pure strings and small pure functions.
"""

from __future__ import annotations

import re
import unicodedata

from jixiao.domain import labels as L
from jixiao.domain.actuals import Cause, Likelihood

PROJECT_TITLE = "项目支出绩效目标执行监控表"
DEPARTMENT_TITLE = "部门整体绩效目标执行监控表"
SUMMARY_TITLE = "绩效运行监控情况汇总"
INSTRUCTIONS = "填报说明"
# The key of each sheet, in its hidden last column: what the sheet was exported for and where, so reading
# back matches the target and keeps the exported order even when a person renames or re-orders the sheets:
# ``KEY_PREFIX | 项目 | 3 | code | name``.
KEY_PREFIX = "jixiao/monitoring-table@1"
KEY_SEPARATOR = " | "
PROJECT_KIND, DEPARTMENT_KIND = "项目", "部门"

YEAR = "预算年度"
MONTH = "监控时点"
PROJECT_NAME, PROJECT_CODE = L.PROJECT_NAME, L.PROJECT_CODE
DEPARTMENT, UNIT = L.DEPARTMENT, L.UNIT
DEPARTMENT_NAME, DEPARTMENT_CODE = L.DEPARTMENT_NAME, L.DEPARTMENT_CODE_LABEL
# The 项目资金 block: one row per fund source under a header row of these amounts.
FUNDS = "项目资金（万元）"
DEPARTMENT_FUNDS = "部门预算资金（万元）"
SOURCE = "资金来源"
TOTAL = "年度资金总额"
PLANNED = "年初预算数"
ADJUSTED = "调整后预算数"
EXECUTION_RATE = "执行率"
EXPECTED = "全年预计执行数"
BAND = "监控结果"
GOAL = "年度总体目标"
GOAL_RESULT = "实际完成情况"
# The indicator grid: header text and the field it carries. A department's grid names its first three
# columns after its own table (部门职责, 职责目标, 绩效指标); both grids carry the same fields.
INDICATOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "name"),
    ("年度指标值", "target"),
    ("当前完成情况", "actual"),
    ("偏差原因", "causes"),
    ("原因说明", "cause_note"),
    ("完成目标可能性", "likelihood"),
    ("备注/改进措施", "measures"),
)
DEPARTMENT_HEADS = {"level1": L.DUTY, "level2": "职责目标", "name": "绩效指标"}
CAUSES = tuple(c.value for c in Cause)
LIKELIHOODS = tuple(x.value for x in Likelihood)
CAUSE_SEPARATOR = "、"
_CAUSE_SPLIT = re.compile(r"[、,，;；/\s]+")
_MONTHS = re.compile(r"^(?:1\s*[-–—~～至到]\s*)?(\d{1,2})\s*月")


def executed_label(month: int) -> str:
    """``1–6月执行数``: the 执行数 column names the months it covers."""
    return f"{month_span(month)}执行数"


def month_span(month: int) -> str:
    """``1–6月`` (``1月`` for January)."""
    return "1月" if month == 1 else f"1–{month}月"


def parse_months(text: str) -> int | None:
    """The cut-off month of ``1–6月``, ``1-6月执行数``, ``6月``; ``None`` for anything else."""
    m = _MONTHS.match(unicodedata.normalize("NFKC", text).strip())
    month = int(m[1]) if m else 0
    return month if 1 <= month <= 12 else None


def split_causes(text: str) -> list[str]:
    """The causes typed in one cell (``经费保障、人员保障``), separated by 、 , ; / or spaces."""
    return [part for part in _CAUSE_SPLIT.split(text.strip()) if part]


def label_key(text: str) -> str:
    """A label as compared: no spaces, full-width forms folded, no trailing colon (项目名称： → 项目名称)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).rstrip(":")


def sheet_key(kind: str, position: int, code: str | None, name: str) -> str:
    return KEY_SEPARATOR.join((KEY_PREFIX, kind, str(position), code or "", name))


def parse_sheet_key(text: str) -> tuple[str, int, str | None, str] | None:
    """(kind, position, code, name) of a :func:`sheet_key`; ``None`` when ``text`` is not one."""
    parts = text.split(KEY_SEPARATOR, 4)
    if len(parts) != 5 or parts[0] != KEY_PREFIX or parts[1] not in (PROJECT_KIND, DEPARTMENT_KIND):
        return None
    if not parts[2].isdigit():
        return None
    return parts[1], int(parts[2]), parts[3] or None, parts[4]

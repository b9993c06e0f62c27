"""The words of the 项目支出绩效目标执行监控表, shared by its writer and its reader.

:mod:`jixiao.publish.monitoring_table` prints these labels and :mod:`jixiao.ingest.monitoring_table` finds
rows and columns by them (not by position), so a label changed here changes both, and a person who moves
a sheet or adds blank rows does not break the reading. Pure strings and small pure functions.
"""

from __future__ import annotations

import re
import unicodedata

from jixiao.domain import fill_cells as F
from jixiao.domain.actuals import Likelihood

# Shared with the 绩效自评表, named here too so that monitoring's callers find every label in one module.
from jixiao.domain.fill_cells import CAUSE_SEPARATOR as CAUSE_SEPARATOR
from jixiao.domain.fill_cells import CAUSES as CAUSES
from jixiao.domain.fill_cells import DEPARTMENT as DEPARTMENT
from jixiao.domain.fill_cells import DEPARTMENT_CODE as DEPARTMENT_CODE
from jixiao.domain.fill_cells import DEPARTMENT_FUNDS as DEPARTMENT_FUNDS
from jixiao.domain.fill_cells import DEPARTMENT_HEADS as DEPARTMENT_HEADS
from jixiao.domain.fill_cells import DEPARTMENT_KIND as DEPARTMENT_KIND
from jixiao.domain.fill_cells import DEPARTMENT_NAME as DEPARTMENT_NAME
from jixiao.domain.fill_cells import EXECUTION_RATE as EXECUTION_RATE
from jixiao.domain.fill_cells import FUNDS as FUNDS
from jixiao.domain.fill_cells import GOAL as GOAL
from jixiao.domain.fill_cells import GOAL_RESULT as GOAL_RESULT
from jixiao.domain.fill_cells import INSTRUCTIONS as INSTRUCTIONS
from jixiao.domain.fill_cells import KEY_SEPARATOR as KEY_SEPARATOR
from jixiao.domain.fill_cells import PLANNED as PLANNED
from jixiao.domain.fill_cells import PROJECT_CODE as PROJECT_CODE
from jixiao.domain.fill_cells import PROJECT_KIND as PROJECT_KIND
from jixiao.domain.fill_cells import PROJECT_NAME as PROJECT_NAME
from jixiao.domain.fill_cells import SOURCE as SOURCE
from jixiao.domain.fill_cells import TOTAL as TOTAL
from jixiao.domain.fill_cells import UNIT as UNIT
from jixiao.domain.fill_cells import YEAR as YEAR
from jixiao.domain.fill_cells import label_key as label_key
from jixiao.domain.fill_cells import split_causes as split_causes

PROJECT_TITLE = "项目支出绩效目标执行监控表"
DEPARTMENT_TITLE = "部门整体绩效目标执行监控表"
SUMMARY_TITLE = "绩效运行监控情况汇总"
# The key of each sheet, in its hidden last column (:func:`jixiao.domain.fill_cells.sheet_key`).
KEY_PREFIX = "jixiao/monitoring-table@1"

MONTH = "监控时点"
ADJUSTED = "调整后预算数"
EXPECTED = "全年预计执行数"
BAND = "监控结果"
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
LIKELIHOODS = tuple(x.value for x in Likelihood)
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


def sheet_key(kind: str, position: int, code: str | None, name: str) -> str:
    return F.sheet_key(KEY_PREFIX, kind, position, code, name)


def parse_sheet_key(text: str) -> tuple[str, int, str | None, str] | None:
    """(kind, position, code, name) of a monitoring :func:`sheet_key`; ``None`` when ``text`` is not one."""
    return F.parse_sheet_key(text, KEY_PREFIX)

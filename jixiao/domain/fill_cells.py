"""What every fill-in table jixiao hands out shares: how labels are compared, the hidden key of a sheet, the
lists a unit picks from.

The 执行监控表 (:mod:`jixiao.domain.monitoring_cells`) and the 绩效自评表 (:mod:`jixiao.domain.selfeval_cells`)
are written by :mod:`jixiao.publish` and read back by :mod:`jixiao.ingest`, which do not import each other;
the words both sides must agree on live here and in those two modules. Pure strings and small pure functions.
"""

from __future__ import annotations

import re
import unicodedata

from jixiao.domain import labels as L
from jixiao.domain.actuals import Achievement, Cause

PROJECT_KIND, DEPARTMENT_KIND = "项目", "部门"
YEAR = "预算年度"
PROJECT_NAME, PROJECT_CODE = L.PROJECT_NAME, L.PROJECT_CODE
DEPARTMENT, UNIT = L.DEPARTMENT, L.UNIT
DEPARTMENT_NAME, DEPARTMENT_CODE = L.DEPARTMENT_NAME, L.DEPARTMENT_CODE_LABEL
# The 项目资金 block: one row per fund source under a header row of amounts.
FUNDS = "项目资金（万元）"
DEPARTMENT_FUNDS = "部门预算资金（万元）"
SOURCE = "资金来源"
TOTAL = "年度资金总额"
PLANNED = "年初预算数"
EXECUTION_RATE = "执行率"
GOAL = "年度总体目标"
GOAL_RESULT = "实际完成情况"
# A department's indicator grid names its first three columns after its own table.
DEPARTMENT_HEADS = {"level1": L.DUTY, "level2": "职责目标", "name": "绩效指标"}
KEY_SEPARATOR = " | "
INSTRUCTIONS = "填报说明"
CAUSES = tuple(c.value for c in Cause)
ACHIEVEMENTS = tuple(a.value for a in Achievement)
CAUSE_SEPARATOR = "、"
_CAUSE_SPLIT = re.compile(r"[、,，;；/\s]+")


def split_causes(text: str) -> list[str]:
    """The causes typed in one cell (``经费保障、人员保障``), separated by 、 , ; / or spaces."""
    return [part for part in _CAUSE_SPLIT.split(text.strip()) if part]


def label_key(text: str) -> str:
    """A label as compared: no spaces, full-width forms folded, no trailing colon (项目名称： → 项目名称)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).rstrip(":")


def sheet_key(prefix: str, kind: str, position: int, code: str | None, name: str) -> str:
    """The key a sheet carries in a hidden cell: which table (``prefix``), what it was exported for and where,
    so reading back matches the target and keeps the exported order even when a person renames or re-orders
    the sheets: ``prefix | 项目 | 3 | code | name``."""
    return KEY_SEPARATOR.join((prefix, kind, str(position), code or "", name))


def parse_sheet_key(text: str, prefix: str) -> tuple[str, int, str | None, str] | None:
    """(kind, position, code, name) of a :func:`sheet_key` of ``prefix``; ``None`` when ``text`` is not one."""
    parts = text.split(KEY_SEPARATOR, 4)
    if len(parts) != 5 or parts[0] != prefix or parts[1] not in (PROJECT_KIND, DEPARTMENT_KIND):
        return None
    if not parts[2].isdigit():
        return None
    return parts[1], int(parts[2]), parts[3] or None, parts[4]

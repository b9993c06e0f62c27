"""The words of the 项目支出绩效自评表 and the 部门整体支出绩效自评表, shared by their writer and their reader.

:mod:`jixiao.publish.selfeval_table` prints these labels and :mod:`jixiao.ingest.selfeval_table` finds rows
and columns by them, as the 执行监控表 does with :mod:`jixiao.domain.monitoring_cells`; what the two tables
share (label comparison, the hidden sheet key, the lists of causes and 完成情况) is
:mod:`jixiao.domain.fill_cells`. Pure strings.
"""

from __future__ import annotations

# Shared with the 执行监控表 (jixiao.domain.fill_cells), named here too so that every label is found here.
from jixiao.domain.fill_cells import DEPARTMENT as DEPARTMENT
from jixiao.domain.fill_cells import DEPARTMENT_CODE as DEPARTMENT_CODE
from jixiao.domain.fill_cells import DEPARTMENT_FUNDS as DEPARTMENT_FUNDS
from jixiao.domain.fill_cells import DEPARTMENT_HEADS as DEPARTMENT_HEADS
from jixiao.domain.fill_cells import DEPARTMENT_NAME as DEPARTMENT_NAME
from jixiao.domain.fill_cells import EXECUTION_RATE as EXECUTION_RATE
from jixiao.domain.fill_cells import FUNDS as FUNDS
from jixiao.domain.fill_cells import GOAL as GOAL
from jixiao.domain.fill_cells import GOAL_RESULT as GOAL_RESULT
from jixiao.domain.fill_cells import PLANNED as PLANNED
from jixiao.domain.fill_cells import PROJECT_CODE as PROJECT_CODE
from jixiao.domain.fill_cells import PROJECT_NAME as PROJECT_NAME
from jixiao.domain.fill_cells import SOURCE as SOURCE
from jixiao.domain.fill_cells import TOTAL as TOTAL
from jixiao.domain.fill_cells import UNIT as UNIT
from jixiao.domain.fill_cells import YEAR as YEAR

PROJECT_TITLE = "项目支出绩效自评表"
DEPARTMENT_TITLE = "部门整体支出绩效自评表"
REPORT_TITLE = "绩效自评情况报告"
KEY_PREFIX = "jixiao/selfeval-table@1"  # the hidden key of each sheet (fill_cells.sheet_key)

UNITS = "下属单位个数"  # department table only
BUDGET_NOTE = "预算执行偏差说明"  # department table only

BUDGET = "全年预算数"  # 调整后预算数 (A)
EXECUTED = "全年执行数"  # (B)
WEIGHT = "分值"
SCORE = "得分"

GOAL_EXPECTED = "预期目标"
ACTUAL = "实际完成值"  # heads the indicator grid

# The indicator grid: header text and the field it carries. The unit fills 实际完成值, 完成情况 and 得分 of a
# qualitative indicator, its own 分值 if it sets them, the causes and measures; 计算得分 is jixiao's score,
# printed only with a result and never read back.
INDICATOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "name"),
    ("年度指标值", "target"),
    (ACTUAL, "actual"),
    ("完成情况", "status"),
    (WEIGHT, "weight"),
    (SCORE, "score"),
    ("偏差原因", "causes"),
    ("偏差原因分析", "cause_note"),
    ("改进措施", "measures"),
)
COMPUTED = "计算得分"
TOTAL_SCORE = "总分"
GRADE = "自评等级"
CONSEQUENCE = "结果应用"

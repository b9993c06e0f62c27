"""The columns of each list's XLSX (:mod:`jixiao.web.exports`): what the page shows, in the page's words."""

from __future__ import annotations

from typing import Any

from jixiao.web.exports import Column
from jixiao.web.workflow.states import State


def _name(thing: Any) -> str:
    return thing.name if thing is not None else ""


REVIEWED_TAIL = [
    Column("状态", lambda r: r.stage, 12),
    Column("待审", lambda r: r.get_awaiting_display() if r.awaiting else "", 14),
    Column("报送轮次", lambda r: r.round, 8),
]
PROJECTS = [
    Column("项目名称", lambda p: p.name, 40),
    Column("项目编码", lambda p: p.code, 18),
    Column("预算年度", lambda p: p.year, 8),
    Column("行政区划", lambda p: _name(p.region), 12),
    Column("主管部门", lambda p: _name(p.department), 28),
    Column("实施单位", lambda p: _name(p.unit), 28),
    Column("资金性质", lambda p: p.fund_type, 14),
    Column("资金总额（万元）", lambda p: p.funds_total, 14),
    Column("财政资金（万元）", lambda p: p.funds_fiscal, 14),
    Column("其他资金（万元）", lambda p: p.funds_other, 14),
    *REVIEWED_TAIL,
    Column("审核等级", lambda p: p.grade, 8),
    Column("更新时间", lambda p: p.updated_at, 18),
]
# The portal's search results: what is published, without the review's inner state.
PUBLIC_PROJECTS = [*PROJECTS[:10], Column("公开时间", lambda p: p.published_at, 18)]
DEPARTMENT_TARGETS = [
    Column("部门", lambda t: _name(t.department), 30),
    Column("预算年度", lambda t: t.year, 8),
    Column("行政区划", lambda t: _name(t.region), 12),
    *REVIEWED_TAIL,
    Column("审核等级", lambda t: t.grade, 8),
    Column("更新时间", lambda t: t.updated_at, 18),
]
# The portal's department targets found: what is published, with how many indicator rows each holds.
PUBLIC_DEPARTMENT_TARGETS = [
    *DEPARTMENT_TARGETS[:3],
    Column("指标行数", lambda t: t.n, 8),
    Column("公开时间", lambda t: t.published_at, 18),
]
_RECORD_HEAD = [
    Column("名称", lambda r: r.name, 40),
    Column("编码", lambda r: r.code, 18),
    Column("预算年度", lambda r: r.year, 8),
    Column("主管部门", lambda r: _name(r.department), 28),
    Column("实施单位", lambda r: _name(r.unit), 28),
    Column("状态", lambda r: r.stage, 12),
    Column("年初预算数（万元）", lambda r: r.planned, 14),
    Column("全年预算数（万元）", lambda r: r.adjusted, 14),
    Column("执行数（万元）", lambda r: r.executed, 14),
    Column("预算执行率（%）", lambda r: r.execution_rate, 12),
]
MONITORING_RECORDS = [
    *_RECORD_HEAD,
    Column("监控批次", lambda r: str(r.monitoring_round), 28),
    Column("预算执行灯", lambda r: r.get_budget_band_display() if r.budget_band else "", 10),
    Column("指标灯", lambda r: r.get_band_display() if r.band else "", 10),
]
SELFEVALUATIONS = [
    *_RECORD_HEAD,
    Column("总分", lambda r: r.total, 8),
    Column("自评等级", lambda r: r.result, 8),
    Column("结果应用", lambda r: r.consequence, 24),
]

# The dashboard's table of departments: how many projects each has in every state, and their money.
DEPARTMENT_PROGRESS = [
    Column("主管部门", lambda d: d.name, 30),
    *(Column(str(label), lambda d, i=i: d.counts[i], 8) for i, label in enumerate(State.labels)),
    Column("合计", lambda d: d.total, 8),
    Column("资金总额（万元）", lambda d: d.money, 14),
]

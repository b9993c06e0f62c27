"""The files of a round drawn from stored records: the fill-in 执行监控表 (XLSX, pre-filled with what is
saved), and the 执行监控表 and the round's report with their bands (DOCX, PDF, XLSX).

The writers of :mod:`jixiao.publish` take targets, actuals and results; here a record's indicators, as the
record holds them (一级/二级/三级, 年度指标值), become a domain :class:`~jixiao.domain.Project` (or a
:class:`~jixiao.domain.Department` for a department's own record), what it reports the ``jixiao/actuals@1``
objects of :func:`record_actuals`, and its bands :func:`judge`'s results, so a file says what the page says.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jixiao.domain import (
    Actuals,
    Department,
    DepartmentIndicator,
    Document,
    Funds,
    Indicator,
    Level1,
    Level2,
    Project,
    Source,
    parse_target_value,
)
from jixiao.evaluate.profile import load_profile
from jixiao.evaluate.results import MonitorResult
from jixiao.web.monitoring.convert import judge, live_indicators, record_actuals

MONITORING_TABLE = "执行监控表"


def _project(record: Any, rows: list[Any]) -> Project:
    return Project(
        name=record.name,
        code=record.code or None,
        department=record.department.name,
        unit=record.unit.name if record.unit_id else None,
        goal=record.goal or None,
        funds=Funds(total=float(record.planned) if record.planned is not None else None),
        indicators=tuple(
            Indicator(Level1(r.level1), Level2(r.level2), r.name, parse_target_value(r.target)) for r in rows
        ),
    )


def _department(record: Any, rows: list[Any]) -> Department:
    return Department(
        name=record.name,
        code=record.code or None,
        strategic_goal=record.goal or None,
        annual_indicators=tuple(
            DepartmentIndicator(
                r.name, parse_target_value(r.target), duty_area=r.level2 or None, duty=r.level1 or None
            )
            for r in rows
        ),
    )


@dataclass(frozen=True, slots=True)
class RoundFiles:
    """What the writers take for some records of one round: targets, actuals and bands."""

    targets: Document
    actuals: Actuals
    result: MonitorResult

    @property
    def month(self) -> int:
        return self.actuals.month

    def table(self, *, bands: bool = False) -> bytes:
        """The 执行监控表 as XLSX: the fill-in form, or with ``bands`` the 监控结果 beside each line."""
        from jixiao.publish.monitoring_table import write_monitoring_table

        result = self.result if bands else None
        return write_monitoring_table(self.targets, self.month, self.actuals, result, year=self.actuals.year)

    def report(self, fmt: str, *, summary_only: bool = False) -> bytes:
        """The round's report (summary, then each 执行监控表 with its bands) as ``docx``, ``pdf`` or ``xlsx``."""
        from jixiao.publish.monitoring_report import render_report

        return render_report(self.targets, self.actuals, self.result, fmt, summary_only=summary_only)


def round_files(round_: Any, records: Sequence[Any]) -> RoundFiles:
    """``records`` of ``round_`` (in the order given: sheets come out in it) as targets, actuals and bands."""
    profile = load_profile()
    targets: dict[bool, list[Any]] = {False: [], True: []}  # keyed by: a department's own record
    reported: dict[bool, list[Any]] = {False: [], True: []}
    judged: dict[bool, list[Any]] = {False: [], True: []}
    for record in records:
        rows = live_indicators(record)
        own = record.department_target_id is not None
        targets[own].append(_department(record, rows) if own else _project(record, rows))
        reported[own].append(record_actuals(record, rows))
        judged[own].append(judge(record, rows, profile))
    title = f"{round_}"
    document = Document(
        source=Source(f"{title}.xlsx", hashlib.sha256(title.encode()).hexdigest()),
        title=title,
        issuer=f"{round_.region.name}财政局",
        year=round_.year,
        projects=tuple(targets[False]),
        departments=tuple(targets[True]),
    )
    actuals = Actuals(round_.year, round_.month, tuple(reported[False]), tuple(reported[True]))
    result = MonitorResult(
        year=round_.year,
        month=round_.month,
        time_progress=round_.time_progress,
        profile=profile.name,
        region=round_.region.name,
        projects=tuple(judged[False]),
        departments=tuple(judged[True]),
    )
    return RoundFiles(document, actuals, result)

"""The files of a round drawn from stored records, for both kinds of round: the fill-in table (XLSX,
pre-filled with what is saved) and the record's table and the round's report with its results (DOCX, PDF,
XLSX) — monitoring's 执行监控表 with its bands, self-evaluation's 绩效自评表 with its scores.

The writers of :mod:`jixiao.publish` take targets, actuals and results; here a record's indicators, as the
record holds them (一级/二级/三级, 年度指标值), become a domain :class:`~jixiao.domain.Project` (or a
:class:`~jixiao.domain.Department` for a department's own record), what it reports the ``jixiao/actuals@1``
objects, and its results what the page shows. A :class:`FileKind` says how for one kind of round
(:data:`MONITORING_FILES` here, ``SELFEVAL_FILES`` in :mod:`jixiao.web.selfeval.files`); the rest is one.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from jixiao.domain import (
    ActualRecord,
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
from jixiao.domain import monitoring_cells as M
from jixiao.evaluate.profile import load_profile
from jixiao.evaluate.results import MonitorResult
from jixiao.web.monitoring.convert import judge, live_indicators, record_actuals
from jixiao.web.monitoring.models import MonitoringRecord, MonitoringRound


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
class FileKind:
    """How the files of one kind of round are drawn: its table's name, where its pages are, what a record
    reports (``reported``) and how it stands (``scored``: bands or scores), the year's result object, the
    table's writer and reader and the report's renderer."""

    name: str  # the reviewed kind: monitoring, selfeval
    round_model: type[Any]
    record_model: type[Any]
    section: str  # 运行监控, 绩效自评: the list page's title
    table_name: str  # 执行监控表, 绩效自评表
    report_name: str  # 预算绩效运行监控, 绩效自评: the report is its 报告, the summary its 情况汇总
    round_field: str  # the record's foreign key to its round
    home: str  # the list page's URL name; the record's and the round's are home-record, home-round
    results: str  # what the record's DOCX/PDF carries beside the table (亮灯, 得分)
    span: Callable[[int, int], str]  # (year, month) in words: 2024年1—6月, 2024年度
    reported: Callable[[Any, list[Any]], ActualRecord]
    scored: Callable[[Any, list[Any]], Any]
    result: Callable[[Any, tuple[Any, ...], tuple[Any, ...]], Any]  # (round, projects, departments)
    write_table: Callable[[Document, Actuals, Any], bytes]  # the result, or None for the fill-in form
    render: Callable[..., bytes]  # (targets, actuals, result, format, *, summary_only)
    read_table: Callable[[bytes, str], Actuals]  # refusing with a FillTableError naming every bad cell

    def round_span(self, round_: Any) -> str:
        return self.span(round_.year, round_.month)

    def rounds(self) -> Any:
        return self.round_model.objects.select_related("region")

    def records(self) -> Any:
        related = (self.round_field, f"{self.round_field}__region", "department", "unit", "region")
        return self.record_model.objects.select_related(*related)


@dataclass(frozen=True, slots=True)
class RoundFiles:
    """What the writers take for some records of one round: targets, actuals and results."""

    kind: FileKind
    targets: Document
    actuals: Actuals
    result: Any

    def table(self, *, results: bool = False) -> bytes:
        """The fill-in table as XLSX, or with ``results`` the bands or scores beside each line."""
        return self.kind.write_table(self.targets, self.actuals, self.result if results else None)

    def report(self, fmt: str, *, summary_only: bool = False) -> bytes:
        """The round's report (summary, then each table with its results) as ``docx``, ``pdf`` or ``xlsx``."""
        return self.kind.render(self.targets, self.actuals, self.result, fmt, summary_only=summary_only)


def round_files(kind: FileKind, round_: Any, records: Sequence[Any]) -> RoundFiles:
    """``records`` of ``round_`` (in the order given: sheets come out in it) as targets, actuals and results."""
    targets: dict[bool, list[Any]] = {False: [], True: []}  # keyed by: a department's own record
    reported: dict[bool, list[Any]] = {False: [], True: []}
    scored: dict[bool, list[Any]] = {False: [], True: []}
    for record in records:
        rows = live_indicators(record)
        own = record.department_target_id is not None
        targets[own].append(_department(record, rows) if own else _project(record, rows))
        reported[own].append(kind.reported(record, rows))
        scored[own].append(kind.scored(record, rows))
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
    result = kind.result(round_, tuple(scored[False]), tuple(scored[True]))
    return RoundFiles(kind, document, actuals, result)


def _monitor_result(round_: Any, projects: tuple[Any, ...], departments: tuple[Any, ...]) -> MonitorResult:
    return MonitorResult(
        year=round_.year,
        month=round_.month,
        time_progress=round_.time_progress,
        profile=load_profile().name,
        region=round_.region.name,
        projects=projects,
        departments=departments,
    )


def deferred(module: str, name: str) -> Callable[..., Any]:
    """``module``'s ``name``, imported when first called: a kind's report renderer and table reader (and the
    office and PDF libraries under them) load when a file is asked for, not with the pages."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    return call


def _monitoring_table(targets: Document, actuals: Actuals, result: MonitorResult | None) -> bytes:
    from jixiao.publish.monitoring_table import write_monitoring_table

    return write_monitoring_table(targets, actuals.month, actuals, result, year=actuals.year)


MONITORING_FILES = FileKind(
    name="monitoring",
    round_model=MonitoringRound,
    record_model=MonitoringRecord,
    section="运行监控",
    table_name="执行监控表",
    report_name="预算绩效运行监控",
    round_field="monitoring_round",
    home="work-monitoring",
    results="亮灯",
    span=lambda year, month: f"{year}年{M.month_span(month)}",
    reported=record_actuals,
    scored=lambda record, rows: judge(record, rows),
    result=_monitor_result,
    write_table=_monitoring_table,
    render=deferred("jixiao.publish.monitoring_report", "render_report"),
    read_table=deferred("jixiao.ingest.monitoring_table", "read_monitoring_table"),
)

"""Load a filled 执行监控表 (XLSX) into a round's records: every sheet, or nothing.

The file is read by :func:`jixiao.ingest.monitoring_table.read_monitoring_table`, which names every bad
cell (``项目1 …!E12``) and gives nothing when one is bad. Each sheet is then matched to a record of the
round by its key (code where both have one, else name, in the exported order), the uploader's own
records first; a sheet matching no record, or a record the uploader may not edit (another unit's, one
already submitted), refuses the whole file with the reason per sheet. Otherwise every matched record is
saved by :func:`do_save_record` — version-checked against the version it has now (an upload is a
deliberate save of what the file says), audited as coming from the upload, bands recomputed — in one
transaction with a summary audit row on the round.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from jixiao.domain import ActualRecord, Actuals
from jixiao.domain import monitoring_cells as M
from jixiao.publish.monitoring_layout import Index
from jixiao.web import policy
from jixiao.web.actions.errors import ActionError, Invalid
from jixiao.web.actions.imports import check_upload_size
from jixiao.web.actions.monitoring import do_save_record
from jixiao.web.audit import record as audit
from jixiao.web.monitoring.convert import live_indicators
from jixiao.web.monitoring.draft import ActualDraft, RecordDraft
from jixiao.web.monitoring.models import MonitoringRecord, MonitoringRound, RoundState
from jixiao.web.workflow.states import EDITABLE

VIA_UPLOAD = "上传执行监控表"


class TableRefused(ActionError):
    """The file is refused whole: ``problems`` says why, cell by cell or sheet by sheet."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"执行监控表有 {len(problems)} 处问题，整个文件未读入，没有保存任何内容。")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Upload:
    name: str
    sha256: str
    actuals: Actuals


def read_table_upload(data: bytes, name: str) -> Upload:
    """A filled 执行监控表 as uploaded; :class:`TableRefused` naming every bad cell, nothing read."""
    from jixiao.ingest.monitoring_table import MonitoringTableError, read_monitoring_table

    check_upload_size(data, name)
    try:
        actuals = read_monitoring_table(data, name)
    except MonitoringTableError as err:
        raise TableRefused([str(e) for e in err.errors]) from err
    return Upload(name, hashlib.sha256(data).hexdigest(), actuals)


def _amount(x: float | None) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def _draft(record: MonitoringRecord, reported: ActualRecord) -> tuple[RecordDraft, list[str]]:
    """What the sheet says of ``record`` as a save, and the indicators it reports that the record lacks."""
    rows = live_indicators(record)
    by_name = Index(reported.indicators, lambda a: a.name, lambda a: None)
    entries = []
    for row in rows:
        a = by_name.take(row.name, None)
        status = a.status.value if a and a.status else ""
        actual = a.actual.raw if a else ""
        entries.append(
            ActualDraft(
                id=row.pk,
                actual="" if actual == status else actual,  # 达成 typed as the actual is the status
                status=status,
                causes=[c.value for c in a.causes] if a else [],
                cause_note=(a.cause_note or "") if a else "",
                likelihood=a.likelihood.value if a and a.likelihood else "",
                measures=(a.measures or "") if a else "",
            )
        )
    unknown = [a.name for a in reported.indicators if id(a) not in by_name.taken]
    b = reported.budget
    draft = RecordDraft(
        goal_result=reported.goal_result or "",
        planned=_amount(b.planned),
        adjusted=_amount(b.adjusted),
        executed=_amount(b.executed),
        expected=_amount(b.expected),
        indicators=entries,
        sources=[
            {
                "name": s.name,
                "planned": s.planned,
                "adjusted": s.adjusted,
                "executed": s.executed,
                "expected": s.expected,
            }
            for s in b.sources
        ],
    )
    return draft, unknown


def _sheet(kind: str, reported: ActualRecord) -> str:
    code = f"（{reported.code}）" if reported.code else ""
    return f"{'项目' if kind == M.PROJECT_KIND else '部门'}“{reported.name}”{code}"


def edit_refusal(user: Any, record: MonitoringRecord) -> str | None:
    """Why ``user`` may not change ``record`` by an upload, in words; ``None`` when they may."""
    if policy.can(user, "edit", record):
        return None
    if record.state not in EDITABLE:
        return f"已报送（{record.stage}），不能再修改"
    return "不是本单位（本部门）填报的监控表，不能修改"


def _matched(
    user: Any, round_: MonitoringRound, actuals: Actuals
) -> list[tuple[MonitoringRecord, RecordDraft]]:
    records = list(
        round_.records.filter(archived=False).select_related("monitoring_round__region", "department", "unit")
    )
    records.sort(key=lambda r: (not policy.can(user, "edit", r), r.department_target_id is not None, r.pk))
    problems, matched = [], []
    for kind, reported_items, own in (
        (M.PROJECT_KIND, actuals.projects, False),
        (M.DEPARTMENT_KIND, actuals.departments, True),
    ):
        index = Index(
            [r for r in records if (r.department_target_id is not None) == own],
            lambda r: r.name,
            lambda r: r.code,
        )
        for reported in reported_items:
            where = _sheet(kind, reported)
            found = index.take(reported.name, reported.code)
            if found is None:
                problems.append(f"{where}：{round_}中没有这张监控表")
            elif reason := edit_refusal(user, found):
                problems.append(f"{where}：{reason}")
            else:
                draft, unknown = _draft(found, reported)
                if unknown:
                    problems.append(f"{where}：指标“{'、'.join(unknown)}”不在该监控表中")
                matched.append((found, draft))
    if problems:
        raise TableRefused(problems)
    return matched


def do_load_monitoring_table(
    *, acting_user: Any, round_: MonitoringRound, upload: Upload
) -> list[MonitoringRecord]:
    """Save every sheet of ``upload`` into its record of ``round_``, or nothing; the saved records."""
    actuals = upload.actuals
    if round_.state != RoundState.OPEN:
        raise ActionError("该运行监控已结束，不能再上传执行监控表。")
    if actuals.month != round_.month or (actuals.year is not None and actuals.year != round_.year):
        raise TableRefused(
            [
                f"执行监控表的监控时点是 {actuals.year or ''}{'年' if actuals.year else ''}{M.month_span(actuals.month)}，"
                f"而{round_}是 {round_.year}年{M.month_span(round_.month)}"
            ]
        )
    if not actuals.projects and not actuals.departments:
        raise TableRefused(["文件中没有填写任何监控表"])
    matched = _matched(acting_user, round_, actuals)
    saved = []
    with transaction.atomic():
        for record, draft in matched:
            try:
                saved.append(
                    do_save_record(
                        acting_user=acting_user,
                        target=record,
                        draft=draft,
                        expected_version=record.version,
                        via=VIA_UPLOAD,
                    )
                )
            except Invalid as err:
                raise TableRefused([f"{record.name}：{m}" for m in err.problems.values()]) from err
        audit(
            acting_user,
            "load-monitoring-table",
            round_,
            message=f"上传执行监控表“{upload.name}”：保存监控表 {len(saved)} 张",
            detail={"file": upload.name, "sha256": upload.sha256, "records": [r.pk for r in saved]},
        )
    return saved

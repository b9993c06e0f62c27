"""Load a filled table (XLSX) into a round's records, every sheet or nothing: the 执行监控表 into a
monitoring round, the 绩效自评表 into a self-evaluation — one piece, told the kind by a :class:`TableLoad`.

The file is read by the kind's reader (:func:`jixiao.ingest.monitoring_table.read_monitoring_table`,
:func:`jixiao.ingest.selfeval_table.read_selfeval_table`), which names every bad cell (``项目1 …!E12``) and
gives nothing when one is bad. Each sheet is then matched to a record of the round by its key (code where
both have one, else name, in the exported order), the uploader's own records first; a sheet matching no
record, or a record the uploader may not edit (another unit's, one already submitted), refuses the whole
file with the reason per sheet. Otherwise every matched record is saved by the kind's save action
(:func:`do_save_record`, :func:`do_save_selfeval`) — version-checked against the version it has now (an
upload is a deliberate save of what the file says), audited as coming from the upload, bands or scores
recomputed — in one transaction with a summary audit row on the round.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from jixiao.domain import ActualRecord, Actuals, IndicatorActual
from jixiao.domain import monitoring_cells as M
from jixiao.publish.monitoring_layout import Index
from jixiao.web import policy
from jixiao.web.actions.errors import ActionError, Invalid
from jixiao.web.actions.imports import check_upload_size
from jixiao.web.actions.monitoring import do_save_record
from jixiao.web.actions.selfeval import do_save_selfeval
from jixiao.web.audit import record as audit
from jixiao.web.monitoring.convert import live_indicators
from jixiao.web.monitoring.draft import ActualDraft, RecordDraft
from jixiao.web.monitoring.files import MONITORING_FILES, FileKind
from jixiao.web.monitoring.models import RoundState
from jixiao.web.selfeval.draft import ScoreDraft
from jixiao.web.selfeval.files import SELFEVAL_FILES
from jixiao.web.workflow.states import EDITABLE


@dataclass(frozen=True, slots=True)
class TableLoad:
    """How a kind's filled table is saved: its files, a row's draft from what a sheet reports of it, and the
    kind's save action (called with ``via``, the words on record for a save that came by upload)."""

    files: FileKind
    row: Callable[[int, IndicatorActual | None], ActualDraft]
    save: Callable[..., Any]

    @property
    def via(self) -> str:
        return f"上传{self.files.table_name}"


class TableRefused(ActionError):
    """The file is refused whole: ``problems`` says why, cell by cell or sheet by sheet."""

    def __init__(self, problems: list[str], table_name: str = MONITORING_FILES.table_name) -> None:
        super().__init__(f"{table_name}有 {len(problems)} 处问题，整个文件未读入，没有保存任何内容。")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Upload:
    name: str
    sha256: str
    actuals: Actuals


def read_table_upload(data: bytes, name: str, files: FileKind = MONITORING_FILES) -> Upload:
    """A filled table as uploaded; :class:`TableRefused` naming every bad cell, nothing read."""
    from jixiao.ingest.fill_sheet import FillTableError
    from jixiao.web.isolated import Refused, probe_fill_table, run_isolated

    check_upload_size(data, name)
    try:  # read once in a child under memory and time limits: a crafted file fails there, not here
        run_isolated(probe_fill_table, data, name)
    except Refused as err:
        raise TableRefused([err.message], files.table_name) from err
    try:
        actuals = files.read_table(data, name)
    except FillTableError as err:
        raise TableRefused([str(e) for e in err.errors], files.table_name) from err
    return Upload(name, hashlib.sha256(data).hexdigest(), actuals)


def _amount(x: float | None) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def _reported(a: IndicatorActual | None) -> dict[str, Any]:
    """What both kinds read of a sheet's indicator row."""
    status = a.status.value if a and a.status else ""
    actual = a.actual.raw if a else ""
    return {
        "actual": "" if actual == status else actual,  # 达成 typed as the actual is the status
        "status": status,
        "causes": [c.value for c in a.causes] if a else [],
        "cause_note": (a.cause_note or "") if a else "",
        "measures": (a.measures or "") if a else "",
    }


def _monitoring_row(pk: int, a: IndicatorActual | None) -> ActualDraft:
    return ActualDraft(id=pk, likelihood=a.likelihood.value if a and a.likelihood else "", **_reported(a))


def _selfeval_row(pk: int, a: IndicatorActual | None) -> ScoreDraft:
    return ScoreDraft(
        id=pk, own_weight=a.weight if a else None, own_score=a.score if a else None, **_reported(a)
    )


MONITORING_LOAD = TableLoad(MONITORING_FILES, _monitoring_row, do_save_record)
SELFEVAL_LOAD = TableLoad(SELFEVAL_FILES, _selfeval_row, do_save_selfeval)


def _draft(load: TableLoad, record: Any, reported: ActualRecord) -> tuple[RecordDraft, list[str]]:
    """What the sheet says of ``record`` as a save, and the indicators it reports that the record lacks."""
    rows = live_indicators(record)
    by_name = Index(reported.indicators, lambda a: a.name, lambda a: None)
    entries = [load.row(row.pk, by_name.take(row.name, None)) for row in rows]
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


def edit_refusal(user: Any, record: Any) -> str | None:
    """Why ``user`` may not change ``record`` by an upload, in words; ``None`` when they may."""
    if policy.can(user, "edit", record):
        return None
    if record.state not in EDITABLE:
        return f"已报送（{record.stage}），不能再修改"
    return f"不是本单位（本部门）填报的{record.LABEL}，不能修改"


def _matched(load: TableLoad, user: Any, round_: Any, actuals: Actuals) -> list[tuple[Any, RecordDraft]]:
    related = (f"{load.files.round_field}__region", "department", "unit")
    records = list(round_.records.filter(archived=False).select_related(*related))
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
                problems.append(f"{where}：{round_}中没有这张{round_.records.model.LABEL}")
            elif reason := edit_refusal(user, found):
                problems.append(f"{where}：{reason}")
            else:
                draft, unknown = _draft(load, found, reported)
                if unknown:
                    problems.append(f"{where}：指标“{'、'.join(unknown)}”不在该{found.LABEL}中")
                matched.append((found, draft))
    if problems:
        raise TableRefused(problems, load.files.table_name)
    return matched


def do_load_table(*, acting_user: Any, round_: Any, upload: Upload, load: TableLoad) -> list[Any]:
    """Save every sheet of ``upload`` into its record of ``round_``, or nothing; the saved records."""
    actuals, files = upload.actuals, load.files
    name = files.table_name
    if round_.state != RoundState.OPEN:
        raise ActionError(f"{round_}已结束，不能再上传{name}。")
    if actuals.month != round_.month or (actuals.year is not None and actuals.year != round_.year):
        when = files.span(actuals.year, actuals.month) if actuals.year else M.month_span(actuals.month)
        raise TableRefused([f"上传的是{when}的{name}，而{round_}是{files.round_span(round_)}"], name)
    if not actuals.projects and not actuals.departments:
        raise TableRefused([f"文件中没有填写任何{round_.records.model.LABEL}"], name)
    matched = _matched(load, acting_user, round_, actuals)
    saved = []
    with transaction.atomic():
        for record, draft in matched:
            try:
                saved.append(
                    load.save(
                        acting_user=acting_user,
                        target=record,
                        draft=draft,
                        expected_version=record.version,
                        via=load.via,
                    )
                )
            except Invalid as err:
                raise TableRefused([f"{record.name}：{m}" for m in err.problems.values()], name) from err
        audit(
            acting_user,
            f"load-{files.name}-table",
            round_,
            message=f"上传{name}“{upload.name}”：保存{round_.records.model.LABEL} {len(saved)} 张",
            detail={"file": upload.name, "sha256": upload.sha256, "records": [r.pk for r in saved]},
        )
    return saved

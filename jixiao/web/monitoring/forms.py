"""The monitoring forms: opening a round, and a record's 执行监控表 (its funds block, 总体目标完成情况 and the
indicator grid), turned into a :class:`RecordDraft`.

Each form checks what it holds through :func:`record_problems`, the one check of the form, the API and the
filled table, so every problem of a submission shows at once beside its field. The page describes itself
as an :class:`EditLayout`, so a stale save comes back merged like the targets' pages.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.urls import reverse_lazy

from jixiao.domain import parse_target_value
from jixiao.domain.values import is_deadline
from jixiao.web.monitoring.draft import (
    CAUSES,
    MONEY_FIELDS,
    ActualDraft,
    RecordDraft,
    record_problems,
)
from jixiao.web.monitoring.models import LIKELIHOOD_CHOICES, STATUS_CHOICES, MonitoringRecord
from jixiao.web.targets.forms import plain_number
from jixiao.web.targets.merge_page import EditLayout, Grid

ACTUAL_PREFIX = "act"
CAUSE_JOIN = "、"  # how a list of causes is written as one value (merge states, conflict picks)
_MONEY = {"max_digits": 16, "decimal_places": 4, "required": False}


class OpenRoundForm(forms.Form):
    year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100)
    month = forms.IntegerField(label="监控时点：截至", min_value=1, max_value=11, help_text="月（1—11）")
    due_date = forms.DateField(label="报送截止日期", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="说明", required=False, widget=forms.TextInput(attrs={"size": 30}))


class CauseBoxes(forms.CheckboxSelectMultiple):
    """The five 偏差原因 as checkboxes; a merged form carries them as one ``、``-joined value."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
        return split_causes(values)

    def format_value(self, value: Any) -> list[str]:
        return split_causes(value or [])


def split_causes(value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else list(value)
    return [c for item in items for c in str(item).split(CAUSE_JOIN) if c]


class RecordForm(forms.Form):
    planned = forms.DecimalField(label="年初预算数（万元）", **_MONEY)
    adjusted = forms.DecimalField(label="调整后预算数（万元）", **_MONEY)
    executed = forms.DecimalField(label="执行数（万元）", **_MONEY)
    expected = forms.DecimalField(label="全年预计执行数（万元）", **_MONEY)
    goal_result = forms.CharField(
        label="总体目标完成情况", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        amounts = {k: data.get(k) for k in MONEY_FIELDS if k not in self.errors}
        for field, message in record_problems(RecordDraft(**amounts)).items():
            self.add_error(field, message)
        return data

    @staticmethod
    def initial_for(record: MonitoringRecord) -> dict[str, Any]:
        return {
            "goal_result": record.goal_result,
            "version": record.version,
            **{k: plain_number(getattr(record, k)) for k in MONEY_FIELDS},
        }


class ActualForm(forms.Form):
    """One indicator's report; the indicator itself (names, 年度指标值) is shown, not edited."""

    id = forms.IntegerField(widget=forms.HiddenInput)
    # checked as typed by the targets' value check, its understanding shown under the field
    actual = forms.CharField(
        label="当前完成情况",
        max_length=300,
        required=False,
        widget=forms.TextInput(
            attrs={
                "hx-get": reverse_lazy("work-check-value"),
                "hx-trigger": "input changed delay:250ms, load",
                "hx-target": "next .value-slot",
                "hx-swap": "innerHTML",
            }
        ),
    )
    status = forms.ChoiceField(label="完成情况（定性）", choices=[("", "—"), *STATUS_CHOICES], required=False)
    causes = forms.MultipleChoiceField(
        label="偏差原因", choices=[(c, c) for c in CAUSES], required=False, widget=CauseBoxes
    )
    cause_note = forms.CharField(label="原因说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    likelihood = forms.ChoiceField(
        label="完成目标可能性", choices=[("", "—"), *LIKELIHOOD_CHOICES], required=False
    )
    measures = forms.CharField(
        label="备注及改进措施", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        """A row on its own says what the whole submission would say of it (in the same words)."""
        data = super().clean()
        for path, message in record_problems(RecordDraft(indicators=[actual_draft(data)])).items():
            field = path.split(".")[2]
            if field not in self.errors and field in self.fields:
                self.add_error(field, message)
        return data


def actual_draft(data: dict[str, Any]) -> ActualDraft:
    return ActualDraft(
        id=data.get("id") or 0,
        actual=data.get("actual") or "",
        status=data.get("status") or "",
        causes=list(data.get("causes") or []),
        cause_note=data.get("cause_note") or "",
        likelihood=data.get("likelihood") or "",
        measures=data.get("measures") or "",
    )


ActualFormSet = forms.formset_factory(ActualForm, extra=0)
ROW_FIELDS = ("actual", "status", "causes", "cause_note", "likelihood", "measures")
RECORD_PAGE = EditLayout(
    where="项目资金与总体目标",
    form=RecordForm,
    # The row's name rides along (the same on both sides) so the merge panel can say which indicator.
    grids={"indicators": Grid(ACTUAL_PREFIX, "指标", ("name", *ROW_FIELDS), ActualForm)},
)


def actual_initial(rows: list[Any]) -> list[dict[str, Any]]:
    return [{"id": r.pk, **{k: getattr(r, k) for k in ROW_FIELDS}} for r in rows]


def record_formset(rows: list[Any], data: Any = None) -> Any:
    """The grid, bound to ``data`` when posted, else filled from the record's live indicators."""
    if data is not None:
        return ActualFormSet(data, prefix=ACTUAL_PREFIX)
    return ActualFormSet(prefix=ACTUAL_PREFIX, initial=actual_initial(rows))


def to_record_draft(form: RecordForm, formset: Any) -> RecordDraft:
    d = form.cleaned_data
    return RecordDraft(
        goal_result=d.get("goal_result") or "",
        **{k: d.get(k) for k in MONEY_FIELDS},
        indicators=[actual_draft(f.cleaned_data) for f in formset.forms],
    )


def attach_problems(form: RecordForm, formset: Any, problems: dict[str, str]) -> None:
    """Put an action's located problems (``executed``, ``indicators.2.likelihood``) beside their fields."""
    for path, message in problems.items():
        parts = path.split(".")
        if parts[0] == "indicators" and len(parts) == 3 and int(parts[1]) < len(formset.forms):
            row = formset.forms[int(parts[1])]
            row.add_error(parts[2] if parts[2] in row.fields else None, message)
        else:
            form.add_error(path if path in form.fields else None, message)


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return CAUSE_JOIN.join(value)
    if isinstance(value, float | Decimal):
        return plain_number(value) or ""  # 37.5 as typed, whether stored or posted
    return "" if value is None else str(value)


def _row_fields(layout: EditLayout) -> tuple[str, ...]:
    return tuple(k for k in layout.grids["indicators"].row_fields if k != "name")


def record_state(record: Any, rows: list[Any], layout: EditLayout = RECORD_PAGE) -> dict[str, Any]:
    """The saved record as form values, in the shape ``layout`` (:data:`RECORD_PAGE`, or a self-evaluation's
    page) merges, rows named for the panel."""
    initial = layout.form.initial_for(record)  # type: ignore[attr-defined]
    initial.pop("version")
    fields = _row_fields(layout)
    return {
        "fields": {k: _text(v) for k, v in initial.items()},
        "tables": {
            "indicators": [
                {"id": r.pk, "name": r.name, **{k: _text(getattr(r, k)) for k in fields}} for r in rows
            ]
        },
    }


def draft_state(draft: RecordDraft, rows: list[Any], layout: EditLayout = RECORD_PAGE) -> dict[str, Any]:
    """What the editor posted, in the shape of :func:`record_state`."""
    names = {r.pk: r.name for r in rows}
    amounts = [k for k in MONEY_FIELDS if k in layout.form.base_fields]
    fields = _row_fields(layout)
    return {
        "fields": {
            "goal_result": draft.goal_result,
            **{k: _text(plain_number(getattr(draft, k))) for k in amounts},
        },
        "tables": {
            "indicators": [
                {
                    "id": a.id,
                    "name": names.get(a.id, ""),
                    **{k: _text(getattr(a, k, None)) for k in fields},
                }
                for a in draft.indicators
            ]
        },
    }


def is_qualitative(target: str) -> bool:
    """Whether a 年度指标值 is judged as qualitative (达成 / 部分达成 / 未达成), as the core reads it."""
    value = parse_target_value(target)
    return not is_deadline(value) and (not value.is_quantitative or value.number is None)

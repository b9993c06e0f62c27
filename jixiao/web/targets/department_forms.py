"""The compile forms of a department's targets: the strategic goal and two row grids (中长期, 年度).

Each grid is a formset of :class:`DepartmentRowForm`; the past years' reference columns are named
``ref_y1`` and ``ref_y2`` and labelled with the years derived from the target year. Each row checks its
name and value through the one validation of every channel (:mod:`jixiao.domain.validation`), so every
problem of a submission shows at once, in the words of the API and the template.
"""

from __future__ import annotations

from typing import Any

from django import forms

from jixiao.domain.validation import DepartmentEntry, RowEntry, check_department
from jixiao.web.targets.department_draft import (
    TEXT_FIELDS,
    DepartmentDraft,
    DepartmentRowDraft,
    history_years,
    reference_years,
)
from jixiao.web.targets.merge_page import EditLayout, Grid
from jixiao.web.targets.models import DepartmentTarget

PREFIXES = {"strategic": "str", "annual": "ann"}
YEAR_FIELDS = ("ref_y1", "ref_y2")  # oldest first, as history_years() gives them
PLAIN_REFERENCE = ("planned", "standard", "standard_source", "avg3", "history_source")
DUTY_FIELDS = ("duty_no", "duty_area", "duty", "duty_goal")


def _text(label: str, max_length: int | None = None, css: str = "") -> forms.CharField:
    attrs = {"class": css} if css else {}
    return forms.CharField(
        label=label, required=False, max_length=max_length, widget=forms.TextInput(attrs=attrs)
    )


def _area(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DepartmentTargetForm(forms.Form):
    strategic_goal = forms.CharField(
        label="中长期战略目标", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DepartmentRowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    position = forms.IntegerField(
        label="排序", min_value=0, required=False, widget=forms.NumberInput(attrs={"class": "pos"})
    )
    no = forms.IntegerField(
        label="序号",
        min_value=0,
        max_value=100000,
        required=False,
        widget=forms.NumberInput(attrs={"class": "pos"}),
    )
    duty_no = forms.IntegerField(
        label="职责序号",
        min_value=0,
        max_value=100000,
        required=False,
        widget=forms.NumberInput(attrs={"class": "pos"}),
    )
    duty_area = _text("职责领域", 300)
    duty = _area("部门职责")
    duty_goal = _area("职责目标")
    name = _text("绩效指标", 300)
    explanation = _area("指标解释")
    value = forms.CharField(label="年度指标值", max_length=200, required=False)
    planned = _text("规划值", 200, "ref")
    standard = _text("当年标准值", 200, "ref")
    standard_source = _text("标准值来源", 500)
    ref_y1 = _text("前年值", 200, "ref")
    ref_y2 = _text("上年值", 200, "ref")
    avg3 = _text("前三年均值", 200, "ref")
    history_source = _text("历史值来源", 500)
    note = _area("备注")
    activity = _area("工作活动")
    budget_project = _area("预算项目")
    office = _text("对应科室", 200)
    remove = forms.BooleanField(label="移除", required=False)

    def __init__(self, *args: Any, year: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, y in zip(YEAR_FIELDS, history_years(year), strict=True):
            self.fields[name].label = f"{y}年值"

    def clean(self) -> dict[str, Any]:
        """A row on its own says what the whole submission would say of it."""
        data = super().clean()
        if not data.get("remove"):
            row = RowEntry(data.get("name") or "", data.get("value") or "")
            for problem in check_department(DepartmentEntry(rows=(row,))):
                field = problem.path.split(".")[2]
                if field not in self.errors:
                    self.add_error(field, problem.message)
        return data


class BaseDepartmentRowFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, year: int = 0, **kwargs: Any) -> None:
        self.year = year
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "year": self.year}


DepartmentRowFormSet = forms.formset_factory(DepartmentRowForm, formset=BaseDepartmentRowFormSet, extra=0)


def row_formsets(target: DepartmentTarget, data: Any = None) -> dict[str, BaseDepartmentRowFormSet]:
    """The two grids, bound to ``data`` when posted, else filled from the target's live rows."""
    if data is not None:
        return {t: DepartmentRowFormSet(data, prefix=p, year=target.year) for t, p in PREFIXES.items()}
    rows = list(target.rows.filter(archived=False).order_by("position", "id"))
    return {
        t: DepartmentRowFormSet(
            prefix=p,
            year=target.year,
            initial=[
                row_initial(r, n, target.year) for n, r in enumerate([r for r in rows if r.table == t], 1)
            ],
        )
        for t, p in PREFIXES.items()
    }


def row_initial(row: Any, position: int, year: int) -> dict[str, Any]:
    ref = row.reference or {}
    years = reference_years(ref, year)
    return {
        "id": row.pk,
        "position": position,
        "no": row.no,
        "duty_no": row.duty_no,
        "name": row.name,
        "value": row.value_raw,
        **{f: getattr(row, f) for f in TEXT_FIELDS},
        **{k: ref.get(k, "") for k in PLAIN_REFERENCE},
        **{f: years.get(str(y), "") for f, y in zip(YEAR_FIELDS, history_years(year), strict=True)},
    }


def _row_draft(table: str, d: dict[str, Any], year: int) -> DepartmentRowDraft:
    reference: dict[str, Any] = {k: d.get(k) or "" for k in PLAIN_REFERENCE}
    reference["years"] = {
        str(y): d.get(f) or "" for f, y in zip(YEAR_FIELDS, history_years(year), strict=True)
    }
    return DepartmentRowDraft(
        id=d.get("id"),
        table=table,
        name=d.get("name") or "",
        value=d.get("value") or "",
        no=d.get("no"),
        duty_no=d.get("duty_no"),
        reference=reference,
        **{f: d.get(f) or "" for f in TEXT_FIELDS},
    )


def _kept_rows(formsets: dict[str, BaseDepartmentRowFormSet]) -> list[tuple[str, forms.Form]]:
    """Each table's rows a save keeps, ordered by 排序 (removed rows left out), strategic first."""
    out = []
    for table, formset in formsets.items():
        kept = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("remove")]
        kept.sort(key=lambda f: (f.cleaned_data.get("position") is None, f.cleaned_data.get("position") or 0))
        out += [(table, f) for f in kept]
    return out


def to_department_draft(
    form: DepartmentTargetForm, formsets: dict[str, BaseDepartmentRowFormSet], year: int
) -> DepartmentDraft:
    """The draft the checked forms describe; each table ordered by 排序, removed rows left out."""
    rows = [_row_draft(table, f.cleaned_data, year) for table, f in _kept_rows(formsets)]
    return DepartmentDraft(strategic_goal=form.cleaned_data.get("strategic_goal") or "", rows=rows)


# Every field of a row card, as merged field by field when a save comes back stale.
MERGED_ROW_FIELDS = (
    "no", "duty_no", "duty_area", "duty", "duty_goal", "name", "explanation", "value",
    *PLAIN_REFERENCE, *YEAR_FIELDS, "note", "activity", "budget_project", "office",
)  # fmt: skip
DEPARTMENT_PAGE = EditLayout(
    where="战略目标",
    form=DepartmentTargetForm,
    grids={
        table: Grid(
            prefix, "战略指标" if table == "strategic" else "年度指标", MERGED_ROW_FIELDS, DepartmentRowForm
        )
        for table, prefix in PREFIXES.items()
    },
)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _row_state(d: dict[str, Any]) -> dict[str, Any]:
    return {"id": d.get("id"), **{f: _text(d.get(f)) for f in MERGED_ROW_FIELDS}}


def department_state(target: DepartmentTarget) -> dict[str, Any]:
    """The saved target as form values: the goal, and each table's rows (for the three-way merge)."""
    initial = {t: [f.initial for f in fs.forms] for t, fs in row_formsets(target).items()}
    return {
        "fields": {"strategic_goal": target.strategic_goal},
        "tables": {t: [_row_state(d) for d in rows] for t, rows in initial.items()},
    }


def posted_state(form: DepartmentTargetForm, formsets: dict[str, BaseDepartmentRowFormSet]) -> dict[str, Any]:
    """What the editor posted, in the shape of :func:`department_state` (removed rows left out)."""
    tables = {}
    for table, formset in formsets.items():
        kept = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("remove")]
        kept.sort(key=lambda r: (r.get("position") is None, r.get("position") or 0))
        tables[table] = [_row_state(d) for d in kept]
    return {"fields": {"strategic_goal": form.cleaned_data.get("strategic_goal") or ""}, "tables": tables}

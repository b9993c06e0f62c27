"""The compile forms: a project's fields and its indicator grid, turned into a :class:`ProjectDraft`.

The grid is a formset whose 二级指标 choices come from the framework of the project's year (2020 or
2021), grouped under their 一级指标. Each form checks what it holds through the one validation of every
channel (:mod:`jixiao.domain.validation`) — the project form its name and funds, each grid row its
categories, name and value — so every problem of a submission shows at once beside its field, in the words
the API, the template and the action use.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from jixiao.domain.taxonomy import FRAMEWORKS, Framework
from jixiao.domain.validation import IndicatorEntry, Problem, ProjectEntry, check_fields, check_indicator
from jixiao.publish.layout import NO, YES, yes_no
from jixiao.web.targets.draft import (
    FUND_FIELDS,
    SPENDING_PERIODS,
    TEXT_FIELDS,
    IndicatorDraft,
    ProjectDraft,
    from_yes_no,
)
from jixiao.web.targets.merge_page import EditLayout, Grid
from jixiao.web.targets.models import Basis, Project

CATEGORY_CHOICES = [("", "—"), ("特定目标类项目", "特定目标类项目"), ("其他运转类项目", "其他运转类项目")]
FUND_TYPE_CHOICES = [
    ("", "—"),
    ("一般公共预算", "一般公共预算"),
    ("政府性基金预算", "政府性基金预算"),
    ("国有资本经营预算", "国有资本经营预算"),
    ("社会保险基金预算", "社会保险基金预算"),
]
IS_NEW_CHOICES = [("", "—"), (YES, YES), (NO, NO)]
WIDE_FIELDS = ("purpose", "policy_basis", "calculation_basis", "long_term_goal", "goal")  # a whole row each
_MONEY = {"max_digits": 16, "decimal_places": 4, "required": False, "min_value": 0}


def level2_choices(framework: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """二级指标 options grouped by 一级指标, in the order of the framework's table."""
    return [
        (level1.value, [(l2.value, l2.value) for l2 in l2s])
        for level1, l2s in FRAMEWORKS[Framework(framework)].items()
    ]


def plain_number(value: Any) -> str | None:
    """``120``, not ``120.0000`` or ``120.0``: amounts as a person types them."""
    if value is None:
        return None
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _area(label: str, rows: int = 2) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), required=False)


class ProjectForm(forms.Form):
    name = forms.CharField(
        label="项目名称", max_length=300, required=False
    )  # required: checked with the rest
    code = forms.CharField(label="项目编码", max_length=60, required=False)
    category = forms.ChoiceField(label="项目类别", choices=CATEGORY_CHOICES, required=False)
    fund_type = forms.ChoiceField(label="资金性质", choices=FUND_TYPE_CHOICES, required=False)
    project_type = forms.CharField(label="项目类型", max_length=200, required=False)
    is_new = forms.ChoiceField(label="是否新增项目", choices=IS_NEW_CHOICES, required=False)
    period = forms.CharField(label="实施期限", max_length=200, required=False)
    allocation = forms.CharField(label="分配方式", max_length=200, required=False)
    funds_total = forms.DecimalField(label="资金总额（万元）", **_MONEY)
    funds_fiscal = forms.DecimalField(label="其中：财政资金", **_MONEY)
    funds_other = forms.DecimalField(label="其他资金", **_MONEY)
    funds_midterm = forms.DecimalField(label="项目总金额（中期规划，万元）", **_MONEY)
    purpose = _area("资金用途")
    policy_basis = _area("政策依据")
    calculation_basis = _area("测算依据")
    long_term_goal = _area("长期目标")
    goal = _area("年度总体绩效目标", rows=3)
    plan_3 = forms.DecimalField(label="3月底", **_MONEY)
    plan_6 = forms.DecimalField(label="6月底", **_MONEY)
    plan_10 = forms.DecimalField(label="10月底", **_MONEY)
    plan_12 = forms.DecimalField(label="12月底", **_MONEY)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    PLAN_FIELDS = dict(zip(SPENDING_PERIODS, ("plan_3", "plan_6", "plan_10", "plan_12"), strict=True))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        entry = ProjectEntry(
            name=data.get("name") or "",
            funds_total=data.get("funds_total"),
            funds_fiscal=data.get("funds_fiscal"),
            funds_other=data.get("funds_other"),
        )
        for problem in check_fields(entry):
            _attach(self, problem, problem.path)
        return data

    @classmethod
    def initial_for(cls, project: Project) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(project, name) for name in (*TEXT_FIELDS, *FUND_FIELDS, "version")
        }
        initial["is_new"] = yes_no(project.is_new)
        for point in project.spending_plan:
            if field := cls.PLAN_FIELDS.get(point["period"]):
                initial[field] = point.get("amount")
        for name in (*FUND_FIELDS, *cls.PLAN_FIELDS.values()):
            initial[name] = plain_number(initial.get(name))
        return initial


class Level2Field(forms.ChoiceField):
    """A 二级指标 picked from the year's framework; a value outside it is left to the one validation, which
    says why in the words every channel uses."""

    def valid_value(self, value: Any) -> bool:
        return True


class IndicatorForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    position = forms.IntegerField(
        label="序号", min_value=0, required=False, widget=forms.NumberInput(attrs={"class": "pos"})
    )
    level2 = Level2Field(label="一级 / 二级指标", required=False)
    name = forms.CharField(label="三级指标", max_length=300, required=False)
    description = forms.CharField(label="指标描述", required=False, widget=forms.TextInput())
    scoring = forms.CharField(label="评（扣）分标准", required=False, widget=forms.TextInput())
    value = forms.CharField(label="指标值", max_length=200, required=False)
    basis = forms.ChoiceField(label="依据", choices=[("", "—"), *Basis.choices], required=False)
    remove = forms.BooleanField(label="移除", required=False)

    def __init__(self, *args: Any, framework: str = "2021", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.fields["level2"].choices = level2_choices(framework)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("remove"):
            entry = IndicatorEntry(data.get("level2") or "", data.get("name") or "", data.get("value") or "")
            for problem in check_indicator(entry, self.framework, "row"):
                field = problem.path.split(".")[1]
                _attach(self, problem, "level2" if field == "level1" else field)
        return data


def _attach(form: forms.Form, problem: Problem, field: str) -> None:
    if field not in form.errors:  # a field Django already refused keeps its own word
        form.add_error(field, problem.message)


class BaseIndicatorFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, framework: str = "2021", **kwargs: Any) -> None:
        self.framework = framework
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "framework": self.framework}

    @property
    def empty_form(self) -> forms.Form:
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            framework=self.framework,
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form


IndicatorFormSet = forms.formset_factory(IndicatorForm, formset=BaseIndicatorFormSet, extra=0)
INDICATOR_PREFIX = "ind"


def indicator_initial(project: Project) -> list[dict[str, Any]]:
    return [
        {
            "id": i.pk,
            "position": n,
            "level2": i.level2,
            "name": i.name,
            "description": i.description,
            "scoring": i.scoring,
            "value": i.value_raw,
            "basis": i.basis,
        }
        for n, i in enumerate(project.live_indicators(), start=1)
    ]


def _kept_rows(formset: BaseIndicatorFormSet) -> list[forms.Form]:
    """The grid's rows a save keeps, ordered by 序号 (removed and untouched new rows left out)."""
    rows = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("remove")]
    rows.sort(key=lambda f: (f.cleaned_data.get("position") is None, f.cleaned_data.get("position") or 0))
    return rows


def to_draft(form: ProjectForm, formset: BaseIndicatorFormSet) -> ProjectDraft:
    """The draft the two checked forms describe; rows are ordered by 序号, removed rows left out."""
    return _draft(form.cleaned_data, _kept_rows(formset))


def _draft(d: dict[str, Any], kept: list[forms.Form]) -> ProjectDraft:
    rows = [f.cleaned_data for f in kept]
    plan: dict[str, Decimal | None] = {p: d.get(f) for p, f in ProjectForm.PLAN_FIELDS.items()}
    return ProjectDraft(
        **{name: d.get(name) or "" for name in TEXT_FIELDS},
        **{name: d.get(name) for name in FUND_FIELDS},
        is_new=from_yes_no(d.get("is_new")),
        spending_plan={p: v for p, v in plan.items() if v is not None},
        indicators=[
            IndicatorDraft(
                id=r.get("id"),
                level2=r.get("level2") or "",
                name=r.get("name") or "",
                value=r.get("value") or "",
                description=r.get("description") or "",
                scoring=r.get("scoring") or "",
                basis=r.get("basis") or "",
            )
            for r in rows
        ],
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value)


# The grid's fields merged one by one when a save comes back stale.
ROW_FIELDS = ("level2", "name", "description", "scoring", "value", "basis")
PROJECT_PAGE = EditLayout(
    where="项目信息",
    form=ProjectForm,
    grids={"indicators": Grid(INDICATOR_PREFIX, "指标", ROW_FIELDS, IndicatorForm)},
)


def project_state(project: Project) -> dict[str, Any]:
    """The saved project as form values, in the shape :data:`PROJECT_PAGE` merges."""
    initial = ProjectForm.initial_for(project)
    initial.pop("version")
    rows = [{"id": r["id"], **{k: _text(r[k]) for k in ROW_FIELDS}} for r in indicator_initial(project)]
    return {"fields": {k: _text(v) for k, v in initial.items()}, "tables": {"indicators": rows}}


def draft_state(draft: ProjectDraft) -> dict[str, Any]:
    """An editor's draft as form values (the same shape as :func:`project_state`)."""
    fields = {name: _text(getattr(draft, name)) for name in TEXT_FIELDS}
    fields["is_new"] = yes_no(draft.is_new)
    for name in FUND_FIELDS:
        fields[name] = _text(plain_number(getattr(draft, name)))
    for period, name in ProjectForm.PLAN_FIELDS.items():
        fields[name] = _text(plain_number(draft.spending_plan.get(period)))
    rows = [{"id": i.id, **{k: _text(getattr(i, k)) for k in ROW_FIELDS}} for i in draft.indicators]
    return {"fields": fields, "tables": {"indicators": rows}}

"""The self-evaluation forms: opening a year's round, and a 自评表 (funds block, 总体目标实际完成情况, the
indicator grid with 分值 and qualitative 得分) — monitoring's forms without what only monitoring asks
(全年预计执行数, 完成目标可能性), with what only the year end asks."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django import forms

from jixiao.web.monitoring.draft import RecordDraft
from jixiao.web.monitoring.forms import ActualForm, RecordForm, actual_draft
from jixiao.web.selfeval.draft import AMOUNTS, ScoreDraft
from jixiao.web.targets.forms import plain_number
from jixiao.web.targets.merge_page import EditLayout, Grid

SCORE_PREFIX = "ind"
ROW_FIELDS = ("actual", "status", "own_weight", "own_score", "causes", "cause_note", "measures")
_POINTS = {"required": False, "min_value": 0, "max_value": 100}


class OpenSelfEvalForm(forms.Form):
    year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100)
    due_date = forms.DateField(label="报送截止日期", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="说明", required=False, widget=forms.TextInput(attrs={"size": 30}))


class SelfEvalForm(RecordForm):
    """项目资金 at the year end: 年初预算数, 全年预算数 (调整后), 全年执行数; and the goal's 实际完成情况."""

    expected = None  # type: ignore[assignment]  # 全年预计执行数 is monitoring's

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adjusted"].label = "全年预算数（调整后，万元）"
        self.fields["executed"].label = "全年执行数（万元）"
        self.fields["goal_result"].label = "总体目标实际完成情况"

    @staticmethod
    def initial_for(record: Any) -> dict[str, Any]:
        amounts = {k: plain_number(getattr(record, k)) for k in AMOUNTS}
        return {"goal_result": record.goal_result, "version": record.version, **amounts}


class ScoreForm(ActualForm):
    """One indicator's year-end report; 分值 is optional (the defaults apply unless every one is given)."""

    likelihood = None  # type: ignore[assignment]  # 完成目标可能性 is monitoring's
    own_weight = forms.FloatField(label="分值", **_POINTS)
    own_score = forms.FloatField(label="得分（定性）", **_POINTS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actual"].label = "实际完成值"
        self.fields["cause_note"].label = "偏差原因分析"
        self.fields["measures"].label = "改进措施"
        for name in ("own_weight", "own_score"):
            self.fields[name].widget.attrs.update({"step": "0.01", "class": "points"})


ScoreFormSet = forms.formset_factory(ScoreForm, extra=0)
SELFEVAL_PAGE = EditLayout(
    where="项目资金与总体目标",
    form=SelfEvalForm,
    # the row's name rides along (the same on both sides) so the merge panel can say which indicator
    grids={"indicators": Grid(SCORE_PREFIX, "指标", ("name", *ROW_FIELDS), ScoreForm)},
)


def score_formset(rows: list[Any], data: Any = None) -> Any:
    """The grid, bound to ``data`` when posted, else filled from the 自评表's live indicators."""
    if data is not None:
        return ScoreFormSet(data, prefix=SCORE_PREFIX)
    initial = [{"id": r.pk, **{k: getattr(r, k) for k in ROW_FIELDS}} for r in rows]
    return ScoreFormSet(prefix=SCORE_PREFIX, initial=initial)


def to_draft(form: SelfEvalForm, formset: Any) -> RecordDraft:
    d = form.cleaned_data
    rows = [
        ScoreDraft(
            **asdict(actual_draft(f.cleaned_data)),
            own_weight=f.cleaned_data.get("own_weight"),
            own_score=f.cleaned_data.get("own_score"),
        )
        for f in formset.forms
    ]
    return RecordDraft(
        goal_result=d.get("goal_result") or "", **{k: d.get(k) for k in AMOUNTS}, indicators=rows
    )

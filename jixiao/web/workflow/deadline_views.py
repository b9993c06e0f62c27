"""The deadlines page (截止日期): what each round of the region is due by, what the person has due or
overdue, and for the finance admin the form that sets a round's date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.deadlines import do_set_deadline
from jixiao.web.workflow.deadlines import DeadlineKind, DeadlineRound
from jixiao.web.workflow.due import due_for, region_of


class DeadlineForm(forms.Form):
    year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="目标类型", choices=DeadlineKind.choices)
    round = forms.ChoiceField(label="审核环节", choices=DeadlineRound.choices)
    due_date = forms.DateField(label="截止日期", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="说明", required=False, max_length=300)


def _int(text: Any) -> int | None:
    return int(text) if isinstance(text, str) and text.isdigit() else None


@login_required
def deadlines(request: HttpRequest) -> HttpResponse:
    """GET lists the region's deadlines and what is due; POST (finance admin) sets one."""
    region = region_of(request.user, _int(request.POST.get("region") or request.GET.get("region")))
    may_set = region is not None and policy.can(request.user, "deadline", region)
    form = DeadlineForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    if request.method == "POST":
        if region is None:
            raise policy.refuse(request.user, "deadline", None, "无权设置截止日期。")
        if form.is_valid():
            try:
                d = do_set_deadline(acting_user=request.user, region=region, **form.cleaned_data)
            except ActionError as err:
                messages.error(request, str(err))
            else:
                messages.success(request, f"已设置：{d}")
                return redirect(f"{request.path}?region={region.pk}")
        else:
            messages.error(request, "请检查截止日期的填写。")
    today = timezone.localdate()
    return render(
        request,
        "work/deadlines.html",
        {
            "region": region,
            "dues": due_for(request.user, region, today),
            "today": today,
            "form": form if may_set else None,
        },
    )

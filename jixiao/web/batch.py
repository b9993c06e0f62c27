"""The batch page: the queue's ticked items come here to be confirmed once, then moved one by one
(:mod:`jixiao.web.actions.batch`); the page then lists what was done and what was not, and why."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from jixiao.web.actions import ActionError
from jixiao.web.actions.batch import do_batch, parse_chosen, plan_batch
from jixiao.web.errors import BadParameter
from jixiao.web.workflow.states import GRADE_CONSEQUENCE, Grade
from jixiao.web.workflow.views import LISTS, REVIEWED


@login_required
@require_POST
def batch(request: HttpRequest) -> HttpResponse:
    """``step=confirm`` (from the list) shows what would happen; ``step=do`` does it and reports each item."""
    kind = request.POST.get("kind", "")
    if kind not in LISTS:
        raise BadParameter("未知的对象类型。")
    rows, page = REVIEWED[kind]
    action, chosen = request.POST.get("action", ""), parse_chosen(request.POST.getlist("item"))
    grade, opinion = request.POST.get("grade", ""), request.POST.get("opinion", "")
    context = {"kind": kind, "action": action, "grade": grade, "opinion": opinion, "page": page}
    context |= {"back": LISTS[kind], "grades": [(g, GRADE_CONSEQUENCE[g]) for g in Grade.values]}
    try:
        plan = plan_batch(acting_user=request.user, rows=rows, action=action, chosen=chosen)
    except ActionError as err:
        return render(request, "work/batch.html", {**context, "error": str(err)}, status=400)
    step = "confirm"
    if request.POST.get("step") == "do":
        try:
            plan = do_batch(
                acting_user=request.user,
                rows=rows,
                action=action,
                chosen=chosen,
                grade=grade,
                opinion=opinion,
            )
            step = "done"
        except ActionError as err:  # a missing grade or opinion: nothing moved; confirm again with it
            context["error"] = str(err)
    return render(request, "work/batch.html", {**context, "batch": plan, "step": step})

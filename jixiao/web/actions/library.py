"""Changes to the web library (指标库): finance's curation, and rebuilding it from every stored target.

Adding approved, published and imported targets happens inside those actions (:mod:`.review`,
:mod:`.imports`) through :mod:`jixiao.web.library.sources`; here are the rest. A curation is refused unless
the policy lets the person curate (finance admins; the library spans regions), names a name the library
holds, and is written with its audit row — the cluster concerned before and after — in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Q

from jixiao.library import Curation, Library
from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.audit import record
from jixiao.web.library import sources, store
from jixiao.web.library.models import WHOLE, CurationFact, LibraryGeneration, LibrarySource
from jixiao.web.targets.models import DepartmentTarget, Project

ACTION_WORDS = dict(CurationFact.ACTIONS)


def cluster_brief(library: Library, name: str) -> dict[str, Any] | None:
    """What a curation changes about the cluster of ``name``: its names, mark, state and notes."""
    key = library.cluster_key(name)
    if key is None:
        return None
    c = library.cluster(key)
    return {
        "key": c.key,
        "name": c.name,
        "names": [n for n, _ in c.names],
        "common": c.common,
        "disabled": c.disabled,
        "notes": list(c.notes),
        "rows": c.rows,
    }


def _fact(action: str, name: str, other: str, text: str) -> Curation:
    data = {"action": action, "name": name.strip()}
    if other.strip():
        data["other"] = other.strip()
    if text.strip():
        data["text"] = text.strip()
    if not data["name"]:
        raise ActionError("请填写指标名称。")
    if action == "annotate" and "text" not in data:
        raise ActionError("备注不能为空。")
    try:
        return Curation.from_dict(data)
    except ValueError as err:
        raise ActionError(f"整理操作无效：{err}") from err


def do_curate(*, acting_user: Any, action: str, name: str, other: str = "", text: str = "") -> CurationFact:
    """One curation fact (merge, split, mark 共性/个性, disable, enable, annotate), applied at once."""
    policy.require(acting_user, "curate", WHOLE)
    fact = _fact(action, name, other, text)
    with store.opened() as library:
        if library.cluster_key(fact.name) is None:
            raise ActionError(f"指标库中没有“{fact.name}”。")
        if fact.other is not None and library.cluster_key(fact.other) is None:
            raise ActionError(f"指标库中没有“{fact.other}”。")
        before = {n: cluster_brief(library, n) for n in (fact.name, fact.other) if n}
        try:
            with transaction.atomic():
                row = CurationFact.objects.create(
                    action=fact.action,
                    name=fact.name,
                    other=fact.other or "",
                    text=fact.text or "",
                    generation=sources.bump(),
                    created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
                )
                library.curate(fact)
                after = cluster_brief(library, fact.name)
                what = ACTION_WORDS[fact.action] + (f"为{fact.text}" if fact.action == "mark" else "")
                record(
                    acting_user,
                    "curate",
                    row,
                    message=f"指标库整理：{what}“{fact.name}”" + (f"与“{fact.other}”" if fact.other else ""),
                    detail={"fact": fact.to_dict(), "before": before, "after": after},
                )
        except BaseException:
            store.forget()  # the held library took the fact; the database did not
            raise
    return row


def _approved(model: Any) -> Any:
    return model.objects.filter(archived=False, state__in=sorted(sources.IN_LIBRARY)).select_related(
        "region", "department"
    )


def do_rebuild_library(
    *, acting_user: Any = None, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, int]:
    """Make the library's sources again from every approved and published target (those being adjusted keep
    theirs); curation facts are untouched and applied on top. Audited; returns what it holds. ``progress``
    hears of each target recorded (a background job's page)."""
    report = progress or (lambda done, total, what: None)
    with transaction.atomic():
        adjusting = Q(target_kind="project", object_id__in=_kept(Project)) | Q(
            target_kind="department_target", object_id__in=_kept(DepartmentTarget)
        )
        LibrarySource.objects.exclude(adjusting).delete()
        gen = sources.bump()
        projects = targets = 0
        first = _approved(Project).count() + 1
        total = first - 1 + _approved(DepartmentTarget).count()
        for n, project in enumerate(
            _approved(Project).select_related("unit").prefetch_related("indicators"), 1
        ):
            projects += sources.record_target(project, gen)
            report(n, total, f"收录项目：{project.name}")
        for n, target in enumerate(_approved(DepartmentTarget).prefetch_related("rows"), first):
            targets += sources.record_target(target, gen)
            report(n, total, f"收录部门整体绩效目标：{target.department.name}")
        LibraryGeneration.objects.filter(pk=1).update(rebuilt=gen)
        rows = sum(LibrarySource.objects.values_list("rows", flat=True))
        counts = {"projects": projects, "department_targets": targets, "rows": rows}
        record(acting_user, "rebuild", None, message=f"重建指标库：指标 {rows} 条", detail=counts)
    return counts


def _kept(model: Any) -> Any:
    return model.objects.filter(state__in=sorted(sources.KEPT_WHILE_ADJUSTING)).values("pk")

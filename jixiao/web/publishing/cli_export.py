"""``jixiao export --db``: a region's stored targets for a year, through the same writers as a file export.

Selection by name works as for a file: ``--project`` keeps the named projects, ``--department`` keeps
those departments' targets and all their projects; nothing named keeps everything in the chosen states.
"""

from __future__ import annotations

from pathlib import Path

from django.db.models import Q


def run_export_db(region_name: str | None, year: int | None, state: str, projects: list[str],
                  departments: list[str], fmt: str, output: Path, preface: str) -> None:
    from jixiao.cli import fail
    from jixiao.cli_publish import check_options, write_output
    from jixiao.web.organisations.models import Region
    from jixiao.web.publishing.document import STATE_CHOICES, assemble, stored_projects, stored_targets

    check_options(fmt, preface)
    if state not in STATE_CHOICES:
        fail(f"--state 应为 {'|'.join(STATE_CHOICES)}: {state}", f"--state must be one of {'|'.join(STATE_CHOICES)}")
    if not region_name or not year:
        fail("--db 需要 --region 和 --year", "--db needs --region and --year")
    region = Region.objects.filter(name=region_name).first()
    if region is None:
        known = "、".join(Region.objects.values_list("name", flat=True)) or "无"
        fail(f"地区不存在: {region_name} (已有: {known})", f"no such region: {region_name}")
    project_qs = stored_projects(region, year, state).prefetch_related("indicators")
    target_qs = stored_targets(region, year, state).prefetch_related("rows")
    if projects or departments:
        project_qs = project_qs.filter(Q(name__in=projects) | Q(department__name__in=departments))
        target_qs = target_qs.filter(department__name__in=departments)
    doc = assemble(region, year, project_qs, target_qs)
    if not doc.projects and not doc.departments:
        fail(
            f"{region_name} {year} 年度没有符合条件 (状态: {state}) 的项目或部门目标",
            f"nothing to export: no {state} projects or department targets in {region_name} {year}",
        )
    write_output(doc, fmt, output, preface)

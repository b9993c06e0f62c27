"""``jixiao load``: import disclosures into the database from the shell, as a named finance admin, or a
unit's filled Excel template as drafts of that unit, as a named unit editor.

It calls the same actions as the pages and the API, so the same permission checks and audit rows apply;
the audit row says it came from the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer


def load_template_file(path: Path, data: bytes, user: Any, year: int | None) -> None:
    """Load a filled template into the drafts of ``user``'s unit: every error listed, or all loaded."""
    from jixiao.cli import fail
    from jixiao.web import policy
    from jixiao.web.actions import ActionError
    from jixiao.web.actions.templates import TemplateRefused, do_load_template
    from jixiao.web.organisations.models import Unit
    from jixiao.web.publishing.upload import plan_template

    unit = Unit.objects.select_related("department").filter(pk=policy.actor_of(user).unit_id).first()
    if unit is None:
        policy.refuse(user, "load-template", None, "只有单位填报人员可以导入填报模板。")
        fail(f"{user.get_username()} 不是单位填报人员, 不能导入填报模板",
             f"{user.get_username()} is not a unit editor and cannot load a template")
    plan = plan_template(data, path.name, unit, year)
    try:
        stored = do_load_template(acting_user=user, unit=unit, plan=plan)
    except TemplateRefused as err:
        for error in err.errors:
            typer.echo(f"错误: {error}", err=True)
        typer.echo(f"共 {len(err.errors)} 处错误, 文件未导入 / {len(err.errors)} errors, nothing loaded", err=True)
        raise typer.Exit(1) from err
    except policy.Refused as err:
        fail(f"{user.get_username()} 无权为 {unit.name} 导入: {err}", f"{user.get_username()} may not load for {unit.name}")
    except ActionError as err:
        fail(str(err), "template refused")
    typer.echo(
        f"{path.name}: {unit.name} {plan.year} 新建草稿 {len(plan.created)} 个、更新草稿 {len(plan.updated)} 个"
        f" (共 {len(stored)} 个项目)"
    )


def run_load(files: list[Path], region_name: str | None, year: int | None, username: str) -> None:
    from jixiao.web.serve import setup_django

    setup_django()
    from django.contrib.auth.models import User

    from jixiao.cli import fail
    from jixiao.ingest import ReadError, read_document
    from jixiao.web import policy
    from jixiao.web.actions import ActionError
    from jixiao.web.actions.imports import do_import_document
    from jixiao.web.audit.context import Origin, new_request_id, origin
    from jixiao.web.organisations.models import Region
    from jixiao.web.publishing.upload import is_template

    user = User.objects.filter(username=username).first()
    if user is None:
        fail(f"用户不存在: {username}", f"no such user: {username}")
    region = Region.objects.filter(name=region_name).first() if region_name else None
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as err:
            fail(f"无法读取 {path}: {err.strerror}", f"cannot read {path}: {err.strerror}")
        if path.suffix.lower() == ".xlsx" and is_template(data):
            with origin(Origin(via="cli", request_id=new_request_id(), path=str(path)[:300])):
                load_template_file(path, data, user, year)
            continue
        if region is None:
            fail(f"地区不存在: {region_name}" if region_name else "导入公开文档需要 --region",
                 f"no such region: {region_name}" if region_name else "loading a disclosure needs --region")
        try:
            document = read_document(data, path.name)
        except ReadError as err:
            fail(f"{path}: {err.message_zh}", f"{path}: {err.message_en}")
        target_year = year or document.year
        if not target_year:
            fail(f"{path}: 文档中没有预算年度, 请用 --year 指定", f"{path}: no budget year; pass --year")
        with origin(Origin(via="cli", request_id=new_request_id(), path=str(path)[:300])):
            try:
                batch = do_import_document(
                    acting_user=user, region=region, year=target_year, document=document
                )
            except policy.Refused as err:
                fail(
                    f"{username} 无权导入到 {region_name}: {err}",
                    f"{username} may not import into {region_name}",
                )
            except ActionError as err:
                fail(str(err), "import refused")
        typer.echo(
            f"{path.name}: {region_name} {target_year} 导入项目 {batch.project_count} 个、部门 "
            f"{batch.department_count} 个, 读取提示 {len(batch.warnings)} 条"
        )

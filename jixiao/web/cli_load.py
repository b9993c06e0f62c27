"""``jixiao load``: import disclosures into the database from the shell, as a named finance admin.

It calls the same import action as the page and the API, so the same permission check and audit row
apply; the audit row says it came from the command line.
"""

from __future__ import annotations

from pathlib import Path

import typer


def run_load(files: list[Path], region_name: str, year: int | None, username: str) -> None:
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

    user = User.objects.filter(username=username).first()
    if user is None:
        fail(f"用户不存在: {username}", f"no such user: {username}")
    region = Region.objects.filter(name=region_name).first()
    if region is None:
        fail(f"地区不存在: {region_name}", f"no such region: {region_name}")
    for path in files:
        try:
            document = read_document(path.read_bytes(), path.name)
        except OSError as err:
            fail(f"无法读取 {path}: {err.strerror}", f"cannot read {path}: {err.strerror}")
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

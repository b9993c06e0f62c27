"""``jixiao serve``, ``jixiao manage`` and ``jixiao load``: the commands that run the web system.

``serve`` migrates the database, optionally loads the demo data, and runs Django's threaded server, fine
for a demo or a small office; production runs the WSGI application under gunicorn behind a reverse proxy
(see the README). ``load`` imports disclosures as a named finance admin, or a unit's filled Excel template
as drafts of that unit as a named unit editor, through the same actions as the pages and the API, so the
same permission checks and audit rows apply; the audit row says it came from the command line.

Django is set up inside each command, never when the command line is built.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from jixiao.cli.errors import fail, refuse_file


def serve(
    demo: Annotated[bool, typer.Option("--demo", help="导入三份样本文档并创建演示账号")] = False,
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
) -> None:
    """运行网站: 编制、审核、批复、公开 (serve the web system; data in $JIXIAO_DATA_DIR)."""
    from jixiao.web import setup_django

    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    typer.echo(f"数据库 / database: {settings.DATABASES['default']['NAME']}")
    if demo:
        print_accounts(load_demo_data())
    from jixiao.web.jobs.worker import start_worker_thread

    start_worker_thread()  # background jobs (后台任务) run beside the server, no extra process
    typer.echo(f"打开 / open: http://{host}:{port}/   (Ctrl+C 停止 / to stop)")
    call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)


def load_demo_data() -> list[Any]:
    from jixiao.web.demo import demo_loaded, load_demo, sample_documents

    if demo_loaded():
        return load_demo([])
    typer.echo("正在导入三份样本文档 / importing the three sample disclosures …")
    return load_demo(sample_documents())


def print_accounts(accounts: list[Any]) -> None:
    from jixiao.web.demo import DEMO_PASSWORD

    typer.echo(f"演示账号 / demo accounts (密码 / password: {DEMO_PASSWORD}):")
    for a in accounts:
        typer.echo(f"  {a.username:<10} {a.role:<8} {a.where}")
        if a.waiting:
            typer.echo(f"  {'':<10} 待办 / waiting: {a.waiting}")


def manage(ctx: typer.Context) -> None:
    """Django 管理命令, 如 migrate、createsuperuser、collectstatic (run a Django management command)."""
    from jixiao.web import setup_django

    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jixiao manage", *ctx.args])


def load(
    user: Annotated[
        str, typer.Option("--user", help="公开文档: 财政管理员; 填报模板: 单位填报人员 (记入审计记录)")
    ],
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="公开文档 (.txt/.md/...) 或填好的填报模板 (.xlsx)", show_default=False),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help="公开文档导入到的地区 (行政区划名称); 模板取用户所在单位; --bulk 不给时按各文档所写的地区",
        ),
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="预算年度 (默认: 文档或模板中的年度)")] = None,
    bulk: Annotated[
        Path | None,
        typer.Option(
            "--bulk",
            help="批量导入目录中的全部公开文档 (含 jixiao generate --format json 的 targets 目录): "
            "每个文档导入到它所写的地区 (没有的新建; 用 --region 则全部导入到该地区); 一个事务, 全部成功"
            "或全部不导入; 按块写入, 内存有界; PostgreSQL 用 COPY, SQLite 批量 INSERT",
        ),
    ] = None,
    rebuild_indexes: Annotated[
        bool,
        typer.Option(
            "--rebuild-indexes",
            help="--bulk, PostgreSQL: 导入前删除检索索引 (GIN), 导入后在同一事务中一次重建; 大批量时更快, "
            "导入期间其他会话读取项目表需等待",
        ),
    ] = False,
) -> None:
    """导入公开文档或填报模板到数据库 (import disclosures, or a unit's filled template as drafts)."""
    if bulk is not None:
        run_bulk_load(bulk, region, year, user, rebuild_indexes)
    elif not files:
        fail("请给出要导入的文件, 或用 --bulk 目录", "give files to load, or --bulk DIR")
    else:
        run_load(files, region, year, user)


def run_bulk_load(
    folder: Path, region_name: str | None, year: int | None, username: str, rebuild_indexes: bool = False
) -> None:
    """Every document in ``folder`` (sorted by name) loaded in one transaction: all or nothing."""
    import time

    from jixiao.web import setup_django

    setup_django()
    from django.contrib.auth.models import User

    from jixiao.web import policy
    from jixiao.web.actions import ActionError
    from jixiao.web.bulk import bulk_import
    from jixiao.web.organisations.models import Region

    if not folder.is_dir():
        fail(f"目录不存在: {folder}", f"no such folder: {folder}")
    user = User.objects.filter(username=username).first()
    if user is None:
        fail(f"用户不存在: {username}", f"no such user: {username}")
    region = Region.objects.filter(name=region_name).first() if region_name else None
    if region_name and region is None:
        fail(f"地区不存在: {region_name}", f"no such region: {region_name}")
    paths = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    started = time.perf_counter()
    try:
        loaded = bulk_import(
            user,
            region,
            _bulk_items(paths, year),
            progress=_progress(started, len(paths)),
            rebuild_indexes=rebuild_indexes,
        )
    except policy.Refused as err:
        where = region_name or "文档所写的地区"
        fail(
            f"{username} 无权导入到{where}: {err}",
            f"{username} may not import into {region_name or 'a region'}",
        )
    except ActionError as err:
        fail(f"{err}（全部未导入）", "import refused, nothing loaded")
    seconds = time.perf_counter() - started
    where = region_name or "各文档所写的地区" + (f"（新建 {loaded.regions} 个）" if loaded.regions else "")
    typer.echo(
        f"{folder}: {where} 导入文档 {loaded.documents} 个、项目 {loaded.projects} 个、部门 "
        f"{loaded.departments} 个 [{seconds:.1f} s]"
    )
    typer.echo(
        f"  指标 {loaded.indicators} 行、部门目标表 {loaded.department_rows} 行、存疑文字 {loaded.distrusted} 处、"
        f"指标库记录 {loaded.library} 条"
    )
    for name, seconds in loaded.indexes:
        typer.echo(f"  重建索引 / index built: {name} [{seconds:.1f} s]")
    if loaded.analysed:
        typer.echo(f"  更新统计信息 / ANALYZE [{loaded.analysed:.1f} s]")


def _progress(started: float, files: int) -> Any:
    """Told after each chunk: the documents and projects written so far, on stderr (not yet committed)."""
    import time

    def tell(loaded: Any) -> None:
        seconds = time.perf_counter() - started
        typer.echo(
            f"  已写入 / written {loaded.documents}/{files} 个文档, {loaded.projects} 个项目, "
            f"{loaded.indicators} 行指标 [{seconds:.0f} s, 尚未提交 / not yet committed]",
            err=True,
        )

    return tell


def _bulk_items(paths: list[Path], year: int | None) -> Iterator[Any]:
    """The documents of ``paths`` one at a time (contract JSON or any disclosure jixiao reads)."""
    from jixiao.cli.export import read_inputs
    from jixiao.web.actions.imports import stated_date_of
    from jixiao.web.bulk import Item

    for path in paths:
        for document in read_inputs(path):
            target_year = year or document.year
            if not target_year:
                fail(f"{path}: 文档中没有预算年度, 请用 --year 指定", f"{path}: no budget year; pass --year")
            published = (
                None if path.suffix.lower() == ".json" else stated_date_of(path.read_bytes(), path.name)
            )
            yield Item(document, str(path), target_year, published)


def run_load(files: list[Path], region_name: str | None, year: int | None, username: str) -> None:
    from jixiao.web import setup_django

    setup_django()
    from django.contrib.auth.models import User

    from jixiao.ingest import ReadError, read_document
    from jixiao.web import policy
    from jixiao.web.actions import ActionError
    from jixiao.web.actions.imports import do_import_document, stated_date_of
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
            fail(
                f"地区不存在: {region_name}" if region_name else "导入公开文档需要 --region",
                f"no such region: {region_name}" if region_name else "loading a disclosure needs --region",
            )
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
                    acting_user=user,
                    region=region,
                    year=target_year,
                    document=document,
                    published=stated_date_of(data, path.name),  # the portal's 公开时间
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


def load_template_file(path: Path, data: bytes, user: Any, year: int | None) -> None:
    """Load a filled template into the drafts of ``user``'s unit: every error listed, or all loaded."""
    from jixiao.web import policy
    from jixiao.web.actions import ActionError
    from jixiao.web.actions.templates import TemplateRefused, do_load_template
    from jixiao.web.organisations.models import Unit
    from jixiao.web.publishing.upload import plan_template

    unit = Unit.objects.select_related("department").filter(pk=policy.actor_of(user).unit_id).first()
    if unit is None:
        policy.refuse(user, "load-template", None, "只有单位填报人员可以导入填报模板。")
        fail(
            f"{user.get_username()} 不是单位填报人员, 不能导入填报模板",
            f"{user.get_username()} is not a unit editor and cannot load a template",
        )
    plan = plan_template(data, path.name, unit, year)
    try:
        stored = do_load_template(acting_user=user, unit=unit, plan=plan)
    except TemplateRefused as err:
        refuse_file(err.errors)
    except policy.Refused as err:
        fail(
            f"{user.get_username()} 无权为 {unit.name} 导入: {err}",
            f"{user.get_username()} may not load for {unit.name}",
        )
    except ActionError as err:
        fail(str(err), "template refused")
    typer.echo(
        f"{path.name}: {unit.name} {plan.year} 新建草稿 {len(plan.created)} 个、更新草稿 {len(plan.updated)} 个"
        f" (共 {len(stored)} 个项目)"
    )

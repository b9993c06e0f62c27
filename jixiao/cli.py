"""The ``jixiao`` command: thin over the packages, quick to start.

Each command imports what it needs inside its own function, so ``jixiao --help`` loads no reader,
no web framework and no document library.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(
    help="jixiao 绩效: 预算绩效目标管理 (budget performance target management).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message_zh: str, message_en: str, code: int = 2) -> NoReturn:
    """Print a one-line error in Chinese and English and exit; never a traceback."""
    typer.echo(f"错误: {message_zh} / error: {message_en}", err=True)
    raise typer.Exit(code)


@app.command()
def parse(
    files: Annotated[
        list[Path],
        typer.Argument(help="文档或目录 (.txt/.md/.pdf/.docx/.xlsx/.html; 目录下全部可读文件)", show_default=False),
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="输出文件或目录 (默认: 标准输出)")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="json | summary")] = "json",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="多个文件时不显示进度")] = False,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="有文件无法读取时仍写出其余文件 (退出码仍为 2)")] = False,
    vocabulary: Annotated[
        list[Path] | None, typer.Option("--vocabulary", help="补充表头词表 (TOML, 同 vocabulary.toml 的结构)")
    ] = None,
) -> None:
    """读取绩效目标公开文档或申报表, 输出结构化 JSON (read documents or folders into contract JSON)."""
    from jixiao.cli_parse import run_parse

    run_parse(files, output, fmt, quiet, skip_bad, vocabulary or [])


@app.command()
def demo() -> None:
    """演示: 读取内置的三份样本文档并打印摘要 (read the bundled samples)."""
    from jixiao.cli_parse import run_demo

    run_demo()


@app.command()
def check(
    files: Annotated[
        list[Path] | None, typer.Argument(help="披露文档 (.txt/.md/.pdf/.docx/.xlsx)", show_default=False)
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text | json | html | xlsx")] = "text",
    profile: Annotated[
        str | None, typer.Option("--profile", help="审核配置: 内置名称 (default, strict) 或 TOML 文件")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="输出文件 (默认: 标准输出; xlsx 必须指定)")
    ] = None,
    db: Annotated[bool, typer.Option("--db", help="审核数据库中已导入的项目目标")] = False,
    colour: Annotated[
        bool | None, typer.Option("--colour/--no-colour", help="终端彩色输出 (默认: 自动)")
    ] = None,
) -> None:
    """审核绩效目标: 完整性、相关性、适当性、可行性 (review targets; exit 1 on errors, 2 on bad input)."""
    from jixiao.review.cli import run_check

    run_check(files or [], fmt, profile, output, db, colour)


@app.command()
def serve(
    demo: Annotated[bool, typer.Option("--demo", help="导入三份样本文档并创建演示账号")] = False,
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
) -> None:
    """运行网站: 编制、审核、批复、公开 (serve the web system; data in $JIXIAO_DATA_DIR)."""
    from jixiao.web.serve import run_serve

    run_serve(host, port, demo)


@app.command()
def load(
    files: Annotated[
        list[Path], typer.Argument(help="公开文档 (.txt/.md/...) 或填好的填报模板 (.xlsx)", show_default=False)
    ],
    user: Annotated[
        str, typer.Option("--user", help="公开文档: 财政管理员; 填报模板: 单位填报人员 (记入审计记录)")
    ],
    region: Annotated[
        str | None, typer.Option("--region", help="公开文档导入到的地区 (行政区划名称); 模板取用户所在单位")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="预算年度 (默认: 文档或模板中的年度)")] = None,
) -> None:
    """导入公开文档或填报模板到数据库 (import disclosures, or a unit's filled template as drafts)."""
    from jixiao.web.cli_load import run_load

    run_load(files, region, year, user)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Django 管理命令, 如 migrate、createsuperuser、collectstatic (run a Django management command)."""
    from jixiao.web.serve import run_manage

    run_manage(ctx.args)


@app.command()
def export(
    to: Annotated[str, typer.Option("--to", help="docx | xlsx | pdf | html | json")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件")],
    source: Annotated[
        Path | None, typer.Argument(help="结构化 JSON 或披露文档 (.json/.txt/.pdf/.docx/.xlsx/.html)")
    ] = None,
    preface: Annotated[
        str, typer.Option("--preface", help="auto: 保留原编报说明; computed: 按表格重新计算")
    ] = "auto",
    project: Annotated[list[str], typer.Option("--project", help="只导出这些项目 (可重复)")] = [],  # noqa: B006
    department: Annotated[
        list[str], typer.Option("--department", help="只导出这些部门及其项目 (可重复)")
    ] = [],  # noqa: B006
    db: Annotated[bool, typer.Option("--db", help="从数据库导出 (需 --region 和 --year)")] = False,
    region: Annotated[str | None, typer.Option("--region", help="--db: 行政区划名称")] = None,
    year: Annotated[int | None, typer.Option("--year", help="--db: 预算年度")] = None,
    state: Annotated[
        str, typer.Option("--state", help="--db: approved (已批复和已公开) | published | all")
    ] = "approved",
) -> None:
    """导出公开文档: 封面、编报说明、目录和全部绩效目标表 (publish a disclosure document)."""
    if db:
        from jixiao.web.serve import setup_django

        setup_django()
        from jixiao.web.publishing.cli_export import run_export_db

        run_export_db(region, year, state, project, department, to, output, preface)
        return
    if source is None:
        fail("请给出输入文件, 或用 --db 从数据库导出", "give an input file, or --db to export from the database")
    from jixiao.cli_publish import run_export

    run_export(source, to, output, preface, project, department)


@app.command()
def template(
    output: Annotated[Path, typer.Option("-o", "--output", help="输出的 .xlsx 模板")],
    source: Annotated[
        Path | None, typer.Option("--from", help="用上年的 JSON 或披露文档预填")
    ] = None,
    department: Annotated[str | None, typer.Option("--department", help="为该部门生成 (默认: 全部)")] = None,
    year: Annotated[int | None, typer.Option("--year", help="预算年度")] = None,
    projects: Annotated[int, typer.Option("--projects", help="空白模板的项目表数")] = 5,
) -> None:
    """生成部门填报用的 Excel 模板 (write the Excel template departments fill in)."""
    from jixiao.cli_publish import run_template

    run_template(source, department, year, output, projects)


@app.command("load-template")
def load_template(
    file: Annotated[Path, typer.Argument(help="填好的 .xlsx 模板", show_default=False)],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出 JSON (默认: 标准输出)")] = None,
) -> None:
    """读取填好的模板, 逐格校验; 有错则整份不导入 (read a filled template; refuse it whole on error)."""
    from jixiao.cli_publish import run_load_template

    run_load_template(file, output)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()

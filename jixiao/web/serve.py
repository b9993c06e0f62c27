"""``jixiao serve``: migrate the database, optionally load the demo data, and serve the site.

Runs Django's threaded server, fine for a demo or a small office; production runs the WSGI application
under gunicorn behind a reverse proxy (see the README).
"""

from __future__ import annotations

import os

import typer


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()


def run_serve(host: str, port: int, demo: bool) -> None:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    typer.echo(f"数据库 / database: {settings.DATABASES['default']['NAME']}")
    if demo:
        print_accounts(load_demo_data())
    typer.echo(f"打开 / open: http://{host}:{port}/   (Ctrl+C 停止 / to stop)")
    call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)


def load_demo_data() -> list:
    from jixiao.web.demo import demo_loaded, load_demo, sample_documents

    if demo_loaded():
        return load_demo([])
    typer.echo("正在导入三份样本文档 / importing the three sample disclosures …")
    return load_demo(sample_documents())


def print_accounts(accounts: list) -> None:
    from jixiao.web.demo import DEMO_PASSWORD

    typer.echo(f"演示账号 / demo accounts (密码 / password: {DEMO_PASSWORD}):")
    for a in accounts:
        typer.echo(f"  {a.username:<10} {a.role:<8} {a.where}")


def run_manage(args: list[str]) -> None:
    """``jixiao manage ARGS``: Django's management commands with jixiao's settings (for production)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jixiao manage", *args])

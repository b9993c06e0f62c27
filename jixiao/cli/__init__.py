"""The ``jixiao`` command: thin over the packages, quick to start.

One module per group of commands (:mod:`~jixiao.cli.parse`, :mod:`~jixiao.cli.check`,
:mod:`~jixiao.cli.monitor`, :mod:`~jixiao.cli.evaluate`, :mod:`~jixiao.cli.export`, :mod:`~jixiao.cli.web`), each importing what a
command needs inside that command, so ``jixiao --help`` loads no reader, no web framework and no document
library. Failures print through :mod:`jixiao.cli.errors`; nothing below the command line imports this package.
"""

from __future__ import annotations

import logging
import sys

import typer

from jixiao.cli import (
    analytics,
    backup,
    check,
    db,
    evaluate,
    evaluate_files,
    export,
    generate,
    library,
    monitor,
    monitor_files,
    parse,
    profile,
    web,
)
from jixiao.cli.errors import internal_error, out_of_memory

app = typer.Typer(
    help="jixiao 绩效: 预算绩效目标管理 (budget performance target management).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(parse.parse)
app.command()(parse.demo)
app.command()(check.check)
app.command()(monitor.monitor)
app.command("monitor-table")(monitor_files.monitor_table)
app.command()(evaluate.evaluate)
app.command("evaluate-table")(evaluate_files.evaluate_table)
app.command()(web.serve)
app.command()(web.load)
app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})(web.manage)
app.command()(export.export)
app.command()(export.template)
app.command("load-template")(export.load_template)
app.command()(generate.generate)
app.command("export-parquet")(analytics.export_parquet)
app.command()(analytics.analytics)
app.add_typer(library.app, name="library")
app.add_typer(profile.app, name="profile")
app.add_typer(db.app, name="db")
app.command()(library.recommend)
app.command()(backup.backup)
app.command()(backup.restore)


def main() -> None:
    """Run the command; an exception no command turned into its one-line error is a bug: exit 3."""
    # pdfminer logs what it repairs in a damaged PDF; the command says what matters in one line.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except MemoryError:
        out_of_memory()
    except Exception as exc:
        internal_error(exc)

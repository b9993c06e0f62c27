"""Progress on long runs: a rich bar on standard error when it is a terminal; piped, redirected or with -q
the lines the commands always printed (parse: one per file), so logs and scripts read as before."""

from __future__ import annotations

import io
import shutil
from importlib import resources
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from jixiao.cli import app, progress

SAMPLES = Path(str(resources.files("jixiao").joinpath("data/samples")))


@pytest.fixture
def folder(tmp_path):
    """Two readable disclosures and one file that is not one."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("zichuan-2023.txt", "linzi-2022.txt"):
        shutil.copy(SAMPLES / name, docs / name)
    (docs / "broken.docx").write_bytes(b"not a zip")
    return docs


@pytest.fixture
def terminal(monkeypatch):
    """Standard error as a terminal: the console rich draws on, forced to be one, writing to a buffer."""
    buffer = io.StringIO()
    monkeypatch.setattr(progress, "CONSOLE", Console(file=buffer, force_terminal=True, width=120))
    return buffer


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_parse_of_a_folder_draws_a_bar_on_a_terminal(folder, terminal):
    result = run("parse", str(folder), "--format", "summary", "--skip-bad")
    drawn = terminal.getvalue()
    assert "读取文档" in drawn and "3/3" in drawn and "━" in drawn
    assert "broken.docx" in drawn  # the bad file is still named, above the bar
    assert "[2/3]" not in result.stderr and "[3/3]" not in result.stderr  # no per-file lines
    assert result.exit_code == 2 and "项目表 8 个" in result.stdout


def test_parse_of_a_folder_prints_a_line_per_file_when_not_a_terminal(folder):
    result = run("parse", str(folder), "--format", "summary", "--skip-bad")
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(lines) == 3 and any("错误" in line and "broken.docx" in line for line in lines)
    assert any("linzi-2022.txt: 项目" in line for line in lines)
    assert "━" not in result.stderr


def test_quiet_shows_no_bar_and_no_per_file_lines_but_still_the_errors(folder, terminal):
    result = run("parse", str(folder), "--format", "summary", "--skip-bad", "-q")
    assert terminal.getvalue() == ""
    assert "linzi-2022.txt: 项目" not in result.stderr and "错误" in result.stderr


def test_library_build_and_check_of_many_draw_bars(folder, terminal, tmp_path):
    (folder / "broken.docx").unlink()
    result = run("library", "build", str(folder), "-o", str(tmp_path / "lib.json"))
    assert result.exit_code == 0, result.output
    assert "建立指标库" in terminal.getvalue() and "2/2" in terminal.getvalue()
    files = [str(p) for p in sorted(folder.iterdir())]
    run("check", *files)
    assert "审核" in terminal.getvalue()


def test_a_single_check_draws_no_bar(terminal):
    run("check", str(SAMPLES / "zichuan-2023.txt"))
    assert terminal.getvalue() == ""

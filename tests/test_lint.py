"""The core stays clean, checked from the suite so a plain ``pytest`` run catches it.

- ``ruff check`` (the rules in ``pyproject.toml``) over ``jixiao/domain``, ``jixiao/ingest`` and ``jixiao/cli``,
  their tests (``tests/domain``, ``tests/ingest``, ``tests/cli``) and ``bench/parse.py``; skipped when ruff is
  not installed. The rest of the package and tests are linted by ``ruff check jixiao tests`` before a commit,
  not here.
- ``mypy --strict`` over ``jixiao/domain`` only.
- No module of ``jixiao/domain`` imports Django, a file-format or database library, the readers or the web
  layer (a text search for ``import X`` / ``from X``).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.skipif(
    shutil.which("ruff") is None and run("ruff", "--version").returncode != 0, reason="no ruff"
)
def test_ruff_on_domain_ingest_and_cli():
    result = run(
        "ruff",
        "check",
        "jixiao/domain",
        "jixiao/ingest",
        "jixiao/cli",
        "tests/domain",
        "tests/ingest",
        "tests/cli",
        "bench/parse.py",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_domain_core():
    result = run("mypy", "--strict", "jixiao/domain")
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_imports_no_web_database_or_file_format_library():
    forbidden = (
        "django",
        "openpyxl",
        "docx",
        "pdfplumber",
        "reportlab",
        "psycopg",
        "jixiao.ingest",
        "jixiao.web",
    )
    for path in (ROOT / "jixiao" / "domain").glob("*.py"):
        text = path.read_text("utf-8")
        for name in forbidden:
            assert f"import {name}" not in text and f"from {name}" not in text, f"{path.name} imports {name}"

"""Imports point down: the import-linter contracts in pyproject.toml hold, and break on an upward import.

cli > web > review | evaluate > ingest | publish > domain, no cycle between packages. The second test adds one
upward import to a copy of the package tree (never the real one) and expects the contracts to fail.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` over the ``jixiao`` package found from ``cwd``, with the contracts there."""
    return subprocess.run(
        [sys.executable, "-c", LINT, "--no-cache", "--no-logo"], cwd=cwd, capture_output=True, text=True
    )


def test_the_layer_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _python_only(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n == "__pycache__" or ("." in n and not n.endswith(".py"))}


@pytest.mark.parametrize(
    ("importer", "imported", "contract"),
    [
        ("domain", "jixiao.ingest", "The domain imports nothing else from jixiao"),
        ("ingest", "jixiao.publish.layout", "Readers and writers are independent"),
        ("publish", "jixiao.review.engine", "Layers"),
        ("review", "jixiao.web.policy", "Layers"),
        ("evaluate", "jixiao.web.policy", "Layers"),
        ("evaluate", "jixiao.review.engine", "Layers"),
        ("web", "jixiao.cli.errors", "Layers"),
    ],
)
def test_an_upward_import_breaks_the_contracts(tmp_path, importer, imported, contract):
    shutil.copytree(ROOT / "jixiao", tmp_path / "jixiao", ignore=_python_only)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "jixiao" / importer / "upward.py").write_text(f"import {imported}\n", "utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout
    assert f"jixiao.{importer}.upward -> {imported}" in result.stdout

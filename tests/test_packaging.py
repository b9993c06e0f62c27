"""A wheel built from pyproject.toml carries every file the package reads at run time: an installed jixiao
(not an editable checkout) must find its templates, static files, translations, profiles and data."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "jixiao"


def _shipped() -> set[Path]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["jixiao"]
    return {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}


def _data_files() -> set[Path]:
    return {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }


def test_every_data_file_of_the_package_is_in_the_wheel() -> None:
    missing = sorted(str(p.relative_to(PACKAGE)) for p in _data_files() - _shipped())
    assert not missing, f"add these to [tool.setuptools.package-data] in pyproject.toml: {missing}"

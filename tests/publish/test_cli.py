"""``jixiao export``, ``jixiao template`` and ``jixiao load-template`` from the shell."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.domain import from_json, to_json
from jixiao.ingest.formats import read_any
from tests.publish.fixtures import FULL

runner = CliRunner()


def test_export_every_format_and_read_it_back(tmp_path: Path) -> None:
    src = tmp_path / "full.json"
    src.write_text(json.dumps(to_json(FULL), ensure_ascii=False), encoding="utf-8")
    for fmt in ("docx", "xlsx", "html", "pdf"):
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(app, ["export", str(src), "--to", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        back = read_any(out.read_bytes(), out.name)
        assert [p.name for p in back.projects] == [p.name for p in FULL.projects]


def test_export_a_selection_with_a_computed_preface(tmp_path: Path) -> None:
    src = tmp_path / "full.json"
    src.write_text(json.dumps(to_json(FULL), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "sel.json"
    result = runner.invoke(app, ["export", str(src), "--to", "json", "-o", str(out),
                                 "--department", "某市民政局"])
    assert result.exit_code == 0, result.output
    doc = from_json(json.loads(out.read_text(encoding="utf-8")))
    assert [p.name for p in doc.projects] == ["城市居民最低生活保障"]
    assert [d.name for d in doc.departments] == ["某市民政局"]


def test_export_refuses_unknown_format(tmp_path: Path) -> None:
    src = tmp_path / "full.json"
    src.write_text(json.dumps(to_json(FULL), ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["export", str(src), "--to", "odt", "-o", str(tmp_path / "x.odt")])
    assert result.exit_code == 2 and "不支持的格式" in result.output


def test_template_and_load_template(tmp_path: Path) -> None:
    src = tmp_path / "full.json"
    src.write_text(json.dumps(to_json(FULL), ensure_ascii=False), encoding="utf-8")
    tpl = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["template", "--from", str(src), "--department", "某市消防救援支队",
                                 "-o", str(tpl)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "loaded.json"
    result = runner.invoke(app, ["load-template", str(tpl), "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = from_json(json.loads(out.read_text(encoding="utf-8")))
    assert doc.departments == FULL.departments[:1]


def test_load_template_names_the_bad_cell(tmp_path: Path) -> None:
    import io

    from openpyxl import load_workbook

    from jixiao.publish.template import write_template

    wb = load_workbook(io.BytesIO(write_template(FULL, department="某市农业农村局")))
    wb["项目1"]["E21"], wb["项目1"]["F21"], wb["项目1"]["G21"] = None, "≥9O%", None  # a value written whole
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    result = runner.invoke(app, ["load-template", str(bad)])
    assert result.exit_code == 1
    assert "项目1!F21: 指标值“≥9O%”的数字中有字母 O（应为“≥90%”？）。" in result.output
    assert "文件未导入" in result.output

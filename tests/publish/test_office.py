"""DOCX and XLSX open in LibreOffice and convert to PDF (``scripts/setup test`` installs LibreOffice
without its GUI; where it cannot, these tests skip)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from jixiao.publish import document, docx, xlsx
from tests.publish.fixtures import FULL

soffice = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(soffice is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_libreoffice_converts_to_pdf(tmp_path: Path, fmt: str) -> None:
    writer = {"docx": docx.write, "xlsx": xlsx.write}[fmt]
    src = tmp_path / f"full.{fmt}"
    src.write_bytes(writer(document.build(FULL)))
    assert soffice is not None
    run = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(src)],
        capture_output=True, text=True, timeout=180, check=False,
    )
    out = tmp_path / "full.pdf"
    assert run.returncode == 0 and out.exists(), run.stderr
    assert out.read_bytes().startswith(b"%PDF")
    if fmt == "docx":  # the 目录's PAGEREF fields were computed by LibreOffice's layout
        import pdfplumber

        with pdfplumber.open(out) as p:
            toc = next(page.extract_text() for page in p.pages if "目录" in (page.extract_text() or ""))
        assert any(line.strip()[-1:].isdigit() for line in toc.splitlines() if "高标准农田建设" in line)


def test_xlsx_opens_in_openpyxl_with_numbers_as_numbers() -> None:
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx.write(document.build(FULL))))
    assert wb.sheetnames == ["封面", "编报说明", "目录", "项目支出绩效目标", "部门整体绩效目标"]
    ws = wb["项目支出绩效目标"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    label = next(c for row in ws.iter_rows() for c in row if c.value == "年度资金总额(万元)")
    total = ws.cell(row=label.row, column=label.column + 1)  # the first project's
    assert total.value == 1300 and total.data_type == "n"
    assert "=944人" in cells and cells["=944人"].data_type == "s"  # a value, not a formula

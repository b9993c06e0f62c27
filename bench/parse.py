"""Parse throughput (MB/s) and peak memory for each sample and for a large synthetic document, and XLSX
form throughput (projects/s) for workbooks of 二级项目支出绩效目标申报表.

Run:  .venv/bin/python bench/parse.py [--size-mb 50] [--sheets 300] [--external ../shared/samples/external]

Each measurement runs in a fresh interpreter so that peak memory (ru_maxrss) belongs to that input alone;
memory is reported as the growth over an interpreter that has imported jixiao, and as a multiple of the input.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

SAMPLES = ("linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt")

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from jixiao.ingest import read_document
path = Path(sys.argv[1])
data = path.read_bytes()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
doc = read_document(data, path.name)
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "growth_kb": after - before, "projects": len(doc.projects),
                  "indicators": sum(len(p.indicators) for p in doc.projects)}))
"""


def measure(path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def synthetic(size_mb: float, directory: Path) -> Path:
    """The three samples repeated until the document reaches ``size_mb``."""
    texts = [resources.files("jixiao").joinpath(f"data/samples/{n}").read_text("utf-8") for n in SAMPLES]
    unit = "\n\n".join(texts) + "\n\n"
    copies = max(1, int(size_mb * 1024 * 1024 / len(unit.encode("utf-8"))) + 1)
    path = directory / f"synthetic-{size_mb:g}mb.txt"
    path.write_text(unit * copies, encoding="utf-8")
    return path


def form_workbook(sheets: int, directory: Path) -> Path:
    """A workbook of ``sheets`` project forms (one per sheet, merged labels, 不适用 rows), invented content."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    levels = [("产出", "数量"), (None, "质量"), (None, "时效"), (None, "成本"), ("效益", "经济效益"),
              (None, "社会效益"), (None, "生态效益"), (None, "可持续影响"), ("满意度", "服务对象满意度")]
    for n in range(1, sheets + 1):
        ws = wb.create_sheet(f"{n}.项目{n}")
        ws.append(["二级项目支出绩效目标申报表"])
        ws.merge_cells("A1:E1")
        for label, value, label2, value2 in (
            ("项目编码：", f"4403{n:017d}", "项目名称：", f"项目{n}"),
            ("申请单位：", "某服务中心", "一级预算单位：", "某街道办事处"),
            ("实施期限：", "3", "项目类型：", "15 其他经费"),
            ("是否新增项目：", "否", "分配方式：", "因素法"),
            ("项目总金额（中期规划，万元）：", 300 * n, "本年度项目金额（万元）：", 100 * n),
        ):
            ws.append([label, value, None, label2, value2])
        for label in ("政策依据：", "测算依据：", "年度目标：", "长期目标："):
            ws.append([label, f"{label}的内容，项目{n}" * 5])
        ws.append(["一级指标", "二级指标", "三级指标", "目标值", "指标解释"])
        for i, (l1, l2) in enumerate(levels):
            name, value = ("不适用", "不适用") if i in (4, 6) else (f"指标{i}", f"≥{90 + i}%")
            ws.append([l1, l2, name, value, f"{name}的解释"])
    path = directory / f"forms-{sheets}.xlsx"
    wb.save(path)
    return path


def startup_seconds() -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "jixiao.cli", "--help"], capture_output=True, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=50.0, help="size of the synthetic document")
    parser.add_argument("--sheets", type=int, default=300, help="project sheets in the synthetic workbook")
    parser.add_argument("--external", type=Path, default=Path("../shared/samples/external"),
                        help="folder of real workbooks to time as well, when present")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(str(resources.files("jixiao").joinpath(f"data/samples/{n}"))) for n in SAMPLES]
        paths.append(synthetic(args.size_mb, Path(tmp)))
        for path in paths:
            size = path.stat().st_size
            result = measure(path)
            mb = size / 1024 / 1024
            rows.append((path.name, mb, result["seconds"], mb / result["seconds"],
                         result["growth_kb"] / 1024, result["growth_kb"] * 1024 / size, result["projects"]))
    print(f"{'document':<26}{'MB':>8}{'seconds':>10}{'MB/s':>8}{'peak MB':>10}{'× input':>9}{'projects':>10}")
    for name, mb, seconds, rate, peak, ratio, projects in rows:
        print(f"{name:<26}{mb:>8.2f}{seconds:>10.3f}{rate:>8.2f}{peak:>10.1f}{ratio:>9.2f}{projects:>10}")
    print(f"\n{'workbook':<34}{'MB':>8}{'seconds':>10}{'projects':>10}{'projects/s':>12}{'peak MB':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        books = [form_workbook(args.sheets, Path(tmp))]
        if args.external.exists():
            books += sorted(p for p in args.external.rglob("*-forms-*.xlsx"))
        for path in books:
            result = measure(path)
            print(f"{path.name:<34}{path.stat().st_size / 1024 / 1024:>8.2f}{result['seconds']:>10.3f}"
                  f"{result['projects']:>10}{result['projects'] / result['seconds']:>12.1f}"
                  f"{result['growth_kb'] / 1024:>10.1f}")
    print(f"\njixiao --help starts in {startup_seconds():.3f} s (best of 5)")


if __name__ == "__main__":
    main()

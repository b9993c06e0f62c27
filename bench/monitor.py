"""Monitoring at provincial scale: ``jixiao monitor`` over generated targets and actuals, time and peak memory.

Run:  .venv/bin/python bench/monitor.py [--projects 50000] [--seed 12] [--keep DIR]

Generates (seeded, so every run is the same) a disclosure JSON of N projects with six indicators each — a
count, a rate, a cost ceiling, a satisfaction level, a deadline and a qualitative one — and a
``jixiao/actuals@1`` JSON reporting on all of them at the end of June, into a temporary folder. Then runs the
command's entry function (:func:`jixiao.cli.monitor.run_monitor`, JSON in, JSON out) in a fresh interpreter,
as ``bench/provincial.py`` does for both benchmarks. Issue 12 aims at under 30 s on one core.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import provincial  # bench/provincial.py: what this benchmark and bench/evaluate.py share

from jixiao.domain import Document, Indicator, Level1, Level2, Project, Source, parse_target_value, to_json

# (level1, level2, name, target, how to make an actual from a random draw)
_INDICATORS = (
    (
        Level1.OUTPUT,
        Level2.QUANTITY,
        "培训人数",
        "≥{n}人",
        lambda r, n: f"{round(n * r.uniform(0.2, 0.8))}人",
    ),
    (Level1.OUTPUT, Level2.QUALITY, "验收合格率", "≥95%", lambda r, n: f"{r.uniform(50, 100):.1f}%"),
    (
        Level1.COST,
        Level2.ECONOMIC_COST,
        "项目成本",
        "≤{n}万元",
        lambda r, n: f"{n * r.uniform(0.3, 1.1):.2f}万元",
    ),
    (
        Level1.SATISFACTION,
        Level2.SATISFACTION,
        "服务对象满意度",
        "≥90%",
        lambda r, n: f"{r.uniform(70, 99):.0f}%",
    ),
    (
        Level1.OUTPUT,
        Level2.TIMELINESS,
        "完成时间",
        "{m}月底前",
        lambda r, n: r.choice(["已完成", "推进中", "5月20日"]),
    ),
    (Level1.EFFECT, Level2.SOCIAL_BENEFIT, "群众生活改善", "显著提升", lambda r, n: ""),
)
_STATUSES = ("达成", "部分达成", "未达成")
_YEAR_END_SCORES = {"达成": 27, "部分达成": 20, "未达成": 10}  # of 30: in [24, 30], [18, 24), [0, 18)


def generate(folder: Path, projects: int, seed: int, month: int = 6) -> tuple[Path, Path]:
    """Write ``targets.json`` (jixiao/disclosure@1) and ``actuals.json`` (jixiao/actuals@1) into ``folder``.

    At ``month`` 12 (self-evaluation, ``bench/evaluate.py``) every indicator carries a cause and the
    qualitative one a score inside its status's range of its default weight (30: 效益's whole share)."""
    year_end = month == 12
    rng = random.Random(seed)
    targets, reports = [], []
    for n in range(projects):
        size, month = rng.randint(10, 5000), rng.randint(3, 12)
        indicators, reported = [], []
        for level1, level2, name, target, actual in _INDICATORS:
            value = parse_target_value(target.format(n=size, m=month))
            indicators.append(Indicator(level1, level2, name, value))
            entry = {"name": name, "actual": actual(rng, size) or None, "status": None}
            if level2 is Level2.SOCIAL_BENEFIT:
                entry["status"] = rng.choice(_STATUSES)
                if year_end:
                    entry["score"] = _YEAR_END_SCORES[entry["status"]]
            if year_end:
                entry["causes"] = ["其他"]
            reported.append(entry)
        budget = round(rng.uniform(5, 5000), 2)
        code = f"37{n:010d}"
        targets.append(Project(f"项目{n:05d}", indicators=tuple(indicators), code=code))
        executed = round(budget * rng.uniform(0, 0.9), 2)
        reports.append(
            {
                "name": f"项目{n:05d}",
                "code": code,
                "budget": {"planned": budget, "executed": executed},
                "indicators": reported,
            }
        )
    document = Document(Source("bench-targets.json", "0" * 64), year=2024, projects=tuple(targets))
    targets_path, actuals_path = folder / "targets.json", folder / "actuals.json"
    targets_path.write_text(json.dumps(to_json(document), ensure_ascii=False), "utf-8")
    actuals = {
        "schema": "jixiao/actuals@1",
        "year": 2024,
        "month": month,
        "projects": reports,
        "departments": [],
    }
    actuals_path.write_text(json.dumps(actuals, ensure_ascii=False), "utf-8")
    return targets_path, actuals_path


def main() -> None:
    provincial.main(
        __doc__,
        __file__,
        generate,
        len(_INDICATORS),
        "jixiao.cli.monitor:run_monitor",
        "jixiao monitor",
        lambda result: f"projects by band: {result['summary']['projects']['bands']}",
    )


if __name__ == "__main__":
    main()

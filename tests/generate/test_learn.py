"""What the generator learns from documents: counts, mixes, names and short values, nothing else."""

from __future__ import annotations

import dataclasses
import json

from jixiao.domain.model import Department, DepartmentIndicator, Document, Funds, Indicator, Project, Source
from jixiao.domain.taxonomy import Level1, Level2
from jixiao.domain.values import parse_target_value
from jixiao.generate.learn import amounts_in_wan, department_kind, learn, main, quantiles
from jixiao.generate.stats import SCHEMA, Stats, load_stats


def _indicator(level1: Level1, level2: Level2, name: str, raw: str) -> Indicator:
    return Indicator(level1, level2, name, parse_target_value(raw))


def _doc() -> Document:
    qty = _indicator(Level1.OUTPUT, Level2.QUANTITY, "培训人数", "≥300人")
    sat = _indicator(Level1.SATISFACTION, Level2.SATISFACTION, "服务对象满意度", "≥95%")
    projects = (
        Project(
            "甲",
            Funds(total=100.0, fiscal=80.0),
            (qty, sat),
            department="淄博市临淄区民政局",
            category="特定目标类项目",
        ),
        Project("乙", Funds(total=10.0, fiscal=10.0), (qty,), department="淄博市临淄区民政局"),
        Project("丙", Funds(total=1.0, fiscal=1.0), (sat,), department="淄博市临淄区教育和体育局"),
        Project("空", Funds(total=5.0)),  # no indicators: not a project the generator imitates
    )
    row = DepartmentIndicator("救助对象覆盖率", parse_target_value("100%"))
    return Document(
        Source("x.txt", "0"),
        year=2022,
        projects=projects,
        departments=(Department("中共淄博市临淄区委员会组织部", annual_indicators=(row, row)),),
    )


def test_a_department_kind_is_its_name_without_the_region() -> None:
    assert department_kind("淄博市临淄区教育和体育局") == "教育和体育局"
    assert department_kind("聊城市市场监督管理局") == "市场监督管理局"
    assert department_kind("中国共产党淄博市临淄区委员会组织部") == "区委组织部"
    assert department_kind("中共临淄区委办公室") == "区委办公室"
    assert department_kind("深圳市宝安区松岗街道办事处（本级）") == "街道办事处（本级）"


def test_quantiles_run_from_the_minimum_to_the_maximum() -> None:
    assert quantiles([3.0, 1.0, 2.0], points=4) == [1.0, 1.5, 2.0, 2.5, 3.0]
    assert quantiles([]) == []


def test_learning_counts_what_a_generated_year_needs() -> None:
    stats = learn([_doc()])
    assert stats["schema"] == SCHEMA
    assert stats["departments_per_region"] == {"2": 1}
    assert stats["projects_per_department"] == {"1": 1, "2": 1}
    assert stats["department_kinds"] == {"民政局": 1, "教育和体育局": 1, "区委组织部": 1}
    assert stats["project_categories"] == {"特定目标类项目": 1, "": 2}
    assert stats["funds_total"][0] == 1.0 and stats["funds_total"][-1] == 100.0
    assert stats["fiscal_share"][0] == 0.8 and stats["fiscal_share"][-1] == 1.0
    assert stats["indicator_patterns"] == {
        "产出指标/数量指标*1;满意度指标/服务对象满意度指标*1": 1,
        "产出指标/数量指标*1": 1,
        "满意度指标/服务对象满意度指标*1": 1,
    }
    assert stats["indicator_names"]["产出指标/数量指标"] == {"培训人数": 2}
    assert stats["values"]["培训人数"] == [["≥300人", "numeric", ">=", 300.0, None, "人", 2]]
    assert stats["department_indicators_per_department"] == {"2": 1}
    assert stats["department_indicator_names"] == {"救助对象覆盖率": 2}


def test_amounts_a_document_labels_wan_but_gives_in_yuan_are_learned_in_wan() -> None:
    # the Songgang workbooks: 17840 under 本年度项目金额（万元） beside 总成本不超过1.784万元
    yuan = dataclasses.replace(
        _doc(),
        projects=tuple(
            dataclasses.replace(p, funds=Funds(total=(p.funds.total or 0) * 10_000)) for p in _doc().projects
        ),
    )
    assert amounts_in_wan(yuan) == 1e-4 and amounts_in_wan(_doc()) == 1.0
    assert learn([_doc(), yuan])["funds_total"] == learn([_doc(), _doc()])["funds_total"]


def test_the_command_writes_a_file_the_generator_loads(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("jixiao.generate.learn.documents", lambda root: [_doc()])
    out = tmp_path / "stats.json"
    assert main(["-o", str(out)]) == 0
    stats = load_stats(out)
    assert isinstance(stats, Stats) and stats.actuals["qualitative"]["达成"] > 0
    assert json.loads(out.read_text("utf-8"))["sources"] == ["x.txt"]


def test_the_committed_statistics_load() -> None:
    stats = load_stats()
    assert stats.data["sources"] and stats.data["values"] and "" not in stats.data["values"]

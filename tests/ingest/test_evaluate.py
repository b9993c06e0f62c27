"""The evaluation command counts what it claims: a wrong reading lowers the score it names."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from jixiao.ingest.evaluate import evaluate, main

GOLD = {
    "source": "form.xlsx",
    "projects": [{
        "index": 0, "sheet": "1.项目", "name": "路灯维护", "code": "4403001", "unit": "某中心", "period": "3",
        "funds": {"total": 8000000.0, "midterm": 24000000.0}, "amounts_in_yuan": True,
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "维护路灯数", "value": "≥100盏",
             "description": "全年维护"},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥95%",
             "description": None},
        ],
        "placeholders": [{"level1": "效益指标", "level2": "经济效益指标", "cell": "C16"}],
    }],
}


def _parsed(gold: dict) -> dict:
    """A parse that agrees with the gold."""
    project = gold["projects"][0]
    return {
        "schema": "jixiao/disclosure@1",
        "source": {"name": "form.xlsx", "sha256": "x"},
        "projects": [{
            "name": project["name"], "code": project["code"], "unit": project["unit"], "period": "3",
            "funds": {"total": 8000000.0, "fiscal": None, "other": None, "midterm": 24000000.0},
            "where": "1.项目!A1",
            "indicators": [
                {**i, "value": {"raw": i["value"]}} for i in project["indicators"]
            ],
            "placeholders": [{"text": "不适用"}],
        }],
        "departments": [],
        "warnings": [{"message": "金额单位疑为元而非万元: 路灯维护", "where": "1.项目!E6", "line": None}],
    }


def test_an_agreeing_parse_scores_one() -> None:
    report = evaluate(GOLD, _parsed(GOLD))
    assert {k: s.f1 for k, s in report.scores.items()} == {
        "projects": 1.0, "fields": 1.0, "amounts": 1.0, "indicators": 1.0, "placeholders": 1.0,
        "unit warnings": 1.0,
    }


def test_a_wrong_value_costs_indicator_precision_and_recall() -> None:
    parsed = _parsed(GOLD)
    parsed["projects"][0]["indicators"][0]["value"]["raw"] = "≥10盏"
    s = evaluate(GOLD, parsed).scores["indicators"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)


def test_a_placeholder_read_as_indicator_costs_precision() -> None:
    parsed = _parsed(GOLD)
    parsed["projects"][0]["indicators"].append(
        {"level1": "效益指标", "level2": "经济效益指标", "name": "不适用", "value": {"raw": "不适用"}}
    )
    parsed["projects"][0]["placeholders"] = []
    report = evaluate(GOLD, parsed)
    assert report.scores["indicators"].fp == 1
    assert report.scores["placeholders"].fn == 1


def test_a_wrong_field_and_amount_and_a_missing_unit_warning_count() -> None:
    parsed = _parsed(GOLD)
    parsed["projects"][0]["unit"] = "别的中心"
    parsed["projects"][0]["funds"]["total"] = 800.0
    parsed["warnings"] = []
    report = evaluate(GOLD, parsed)
    assert report.scores["fields"].fn == 1 and report.scores["fields"].fp == 1
    assert report.scores["amounts"].fn == 1
    assert report.scores["unit warnings"].fn == 1


def test_a_missed_project_costs_recall_of_projects_and_its_indicators() -> None:
    gold = copy.deepcopy(GOLD)
    gold["projects"].append({**copy.deepcopy(GOLD["projects"][0]), "name": "另一个项目", "code": "4403002"})
    report = evaluate(gold, _parsed(GOLD))
    assert report.scores["projects"].recall == 0.5
    assert report.scores["indicators"].fn == 2


def test_command_line_scores_a_saved_parse(tmp_path: Path, capsys) -> None:
    (tmp_path / "gold.json").write_text(json.dumps(GOLD, ensure_ascii=False), "utf-8")
    (tmp_path / "parsed.json").write_text(json.dumps(_parsed(GOLD), ensure_ascii=False), "utf-8")
    assert main([str(tmp_path / "gold.json"), str(tmp_path / "parsed.json")]) == 0
    assert "indicators" in capsys.readouterr().out


def test_projects_of_one_name_are_told_apart_by_department() -> None:
    gold = copy.deepcopy(GOLD)
    first = gold["projects"][0]
    first["department"] = "甲局"
    second = {**copy.deepcopy(first), "department": "乙局", "code": None}
    second["indicators"] = [{**first["indicators"][0], "name": "乙局的指标"}]
    gold["projects"] = [first, second]
    parsed = _parsed(GOLD)
    a = parsed["projects"][0]
    b = {**copy.deepcopy(a), "department": "乙局", "code": None,
         "indicators": [{**a["indicators"][0], "name": "乙局的指标"}]}
    a["department"] = "甲局"
    parsed["projects"] = [b, a]  # printed in the other order
    s = evaluate(gold, parsed).scores["indicators"]
    assert (s.fp, s.fn) == (0, 0)

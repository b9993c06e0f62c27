"""``jixiao evaluate``: a real sample's targets against hand-written year-end actuals (tests/evaluate/fixtures).

Exit 0 with nothing red and no 差, 1 with a red warning or a 差, 2 on bad input with every problem named; the
JSON carries what ``shared/contract/ACTUALS.md`` "Outputs" promises for ``evaluate`` (checked by
``jixiao/data/evaluate.schema.json``). Every score below is worked out by hand in the comment beside it.
"""

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

SAMPLE = Path(str(resources.files("jixiao").joinpath("data/samples/zichuan-2023.txt")))
ACTUALS = Path(__file__).resolve().parent.parent / "evaluate" / "fixtures" / "zichuan-2023-12.json"
SCHEMA = json.loads(resources.files("jixiao").joinpath("data/evaluate.schema.json").read_text("utf-8"))


def jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jixiao.cli", *args], capture_output=True, text=True)


def run_json(actuals: Path, *options: str) -> tuple[int, dict]:
    result = jixiao("evaluate", str(SAMPLE), str(actuals), "--format", "json", *options)
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    return result.returncode, data


def by_name(items: list[dict]) -> dict[str, dict]:
    return {item["name"]: item for item in items}


def fixture() -> dict:
    return json.loads(ACTUALS.read_text("utf-8"))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "actuals.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_a_red_warning_and_a_poor_grade_exit_1_and_the_json_has_the_contract_shape():
    code, data = run_json(ACTUALS)
    assert code == 1
    assert (data["year"], data["month"], data["grade_bands"]) == (2023, 12, {"优": 90, "良": 80, "中": 60})
    projects = by_name(data["projects"])
    assert list(projects) == ["学前生均公用经费", "校车运营补贴", "高龄老人补助"]

    preschool = projects["学前生均公用经费"]
    # 2 成本 + 4 产出 share 50: 8.34, 8.34, 8.33 × 4; 效益 15 × 2; 满意度 10.
    weights = [i["weight"] for i in preschool["indicators"]]
    assert weights == [8.34, 8.34, 8.33, 8.33, 8.33, 8.33, 15.0, 15.0, 10.0]
    indicators = by_name(preschool["indicators"])
    assert indicators["完成及时率"]["score"] == 7.91  # 95 ÷ 100 × 8.33 = 7.9135
    assert indicators["促进学前教育事业持续健康发展"]["score"] == 13.5  # 达成, entered, in [12, 15]
    # 8.34 + 8.34 + 8.33 × 3 + 7.91 + 15 + 13.5 + 10 = 88.08; 720 ÷ 728 × 10 = 9.89; 97.97 → 优
    assert (preschool["indicator_score"], preschool["budget_score"], preschool["total"]) == (
        88.08,
        9.89,
        97.97,
    )
    assert (preschool["grade"], preschool["consequence"], preschool["warnings"]) == ("优", "优先保障", [])

    bus = projects["校车运营补贴"]
    # 14000 人 = 1.4 万人: 1.4 ÷ 1.5 × 8.33 = 7.77; 部分达成 10 in [9, 12); total 84.44 + 350 ÷ 500 × 10 = 91.44
    assert by_name(bus["indicators"])["乘车学生数"]["score"] == 7.77
    assert (bus["indicator_score"], bus["budget_score"], bus["total"], bus["grade"]) == (
        84.44,
        7.0,
        91.44,
        "优",
    )
    # s/90 = 0.938, e = 0.7: (0.938 − 0.7) ÷ 0.938 = 25.4 % > 5 % → red; 70 % < 80 % → yellow
    assert [(w["code"], w["band"]) for w in bus["warnings"]] == [("red", "red"), ("yellow", "yellow")]

    elderly = projects["高龄老人补助"]
    scores = [i["score"] for i in elderly["indicators"]]
    # ≤536.64 with 200: full; ≤3000 with 2900: full; ≤20000 with 21000: 0.95 × 8.33 = 7.91;
    # ≤60 with 90: 0.5 × 8.33 = 4.165 → 4.17; 30 ÷ 95 × 8.33 = 2.63; 20 ÷ 95 × 8.33 = 1.75; 未达成 5; 部分达成 9;
    # 80 ÷ 95 × 10 = 8.42
    assert scores == [8.34, 8.34, 7.91, 4.17, 2.63, 1.75, 5.0, 9.0, 8.42]
    # 55.56 + 200 ÷ 536.64 × 10 = 3.73 → 59.29 → 差, 取消
    assert (elderly["indicator_score"], elderly["budget_score"], elderly["total"]) == (55.56, 3.73, 59.29)
    assert (elderly["grade"], elderly["consequence"]) == ("差", "取消")

    (department,) = data["departments"]
    # 14 annual indicators share 90: 6.43 × 12, 6.42 × 2; 2400 ÷ 3000 × 6.42 = 5.136 → 5.14
    assert [i["weight"] for i in department["indicators"]] == [6.43] * 12 + [6.42] * 2
    assert department["indicators"][-1]["score"] == 5.14
    # 6.43 × 12 + 6.42 + 5.14 = 88.72; 2850 ÷ 3000 × 10 = 9.5; 98.22 → 优
    assert (department["indicator_score"], department["total"], department["grade"]) == (88.72, 98.22, "优")
    # 1.2亿元 is 12000 万元, 120 % of 10000 万元: flagged, not reduced
    loan = by_name(department["indicators"])["创业担保贷款金额"]
    assert (loan["over_achieved"], loan["score"]) == (True, 6.43)

    assert data["summary"]["projects"]["grades"] == {"优": 2, "良": 0, "中": 0, "差": 1}
    notes = [w["code"] for w in data["warnings"]]
    assert notes.count("no-target") == 1 and notes.count("no-actual") == 8


def test_nothing_red_and_no_poor_grade_exits_0(tmp_path):
    data = fixture()
    data["projects"] = data["projects"][:1]
    code, result = run_json(write(tmp_path, data))
    assert code == 0
    assert [(r["name"], r["grade"]) for r in result["projects"]] == [("学前生均公用经费", "优")]


def test_a_region_with_its_own_grade_bands(tmp_path):
    profile = tmp_path / "本地区.toml"
    profile.write_text('[selfeval.regions."淄川区".grades]\nexcellent = 95\ngood = 85\nfair = 70\n', "utf-8")
    data = fixture()
    data["projects"] = data["projects"][:1]
    _, result = run_json(write(tmp_path, data), "--profile", str(profile), "--region", "淄川区")
    # 97.97 ≥ 95: still 优; the bands are the region's
    assert result["grade_bands"] == {"优": 95, "良": 85, "中": 70}
    assert result["projects"][0]["grade"] == "优"


def test_the_text_report_is_a_table_per_project():
    result = jixiao("evaluate", str(SAMPLE), str(ACTUALS))
    assert result.returncode == 1
    out = result.stdout
    assert "【差】高龄老人补助" in out
    assert "总分：指标 55.56 + 预算执行 3.73 = 59.29，等级 差，结果应用：取消" in out
    assert "红色预警：指标得分率 93.8% 比预算执行率 70.0% 高出 25.4%" in out
    assert "分值" in out and "得分" in out


def test_json_to_a_file(tmp_path):
    output = tmp_path / "自评.json"
    result = jixiao("evaluate", str(SAMPLE), str(ACTUALS), "--format", "json", "-o", str(output))
    assert result.returncode == 1 and result.stdout == ""
    jsonschema.validate(json.loads(output.read_text("utf-8")), SCHEMA)


def test_a_self_evaluation_to_correct_exits_2_naming_each_problem(tmp_path):
    data = fixture()
    preschool = data["projects"][0]["indicators"]
    preschool[7]["score"] = 16  # 达成 allows 12 to 15
    del preschool[5]["causes"], preschool[5]["cause_note"]  # 7.91 of 8.33 and no cause
    result = jixiao("evaluate", str(SAMPLE), str(write(tmp_path, data)), "--format", "json")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert "项目“学前生均公用经费”: “完成及时率”得分 7.91 低于分值 8.33，须填写偏差原因" in lines[0]
    assert "“促进学前教育事业持续健康发展”为达成，得分须在 12.00 至 15.00 分之间，填写的是 16.00" in lines[1]
    assert "共 2 处错误" in lines[2]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([str(SAMPLE), "nosuch.json"], "无法读取文件"),
        ([str(SAMPLE), str(SAMPLE)], "须为 jixiao/actuals@1 JSON"),
        ([str(SAMPLE), str(ACTUALS), "--format", "yaml"], "不支持的格式 yaml"),
        ([str(SAMPLE), str(ACTUALS), "--profile", "nosuch"], "没有名为“nosuch”的内置"),
    ],
)
def test_bad_input_exits_2(args, message):
    result = jixiao("evaluate", *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_malformed_actuals_exit_2_with_every_problem_by_path(tmp_path):
    data = fixture()
    data["projects"][0]["indicators"][0]["status"] = "完成了"
    data["projects"][1]["budget"]["executed"] = "很多"
    result = jixiao("evaluate", str(SAMPLE), str(write(tmp_path, data)))
    assert result.returncode == 2
    assert "projects[0].indicators[0].status" in result.stderr
    assert "projects[1].budget.executed" in result.stderr
    assert "共 2 处错误（实际完成情况）" in result.stderr

"""``jixiao monitor``: a real sample's targets against hand-written actuals (tests/evaluate/fixtures).

Exit 0 when nothing is red, 1 when something is, 2 on bad input with every problem named; the JSON output
carries what ``shared/contract/ACTUALS.md`` "Outputs" promises (checked by ``jixiao/data/monitor.schema.json``).
"""

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

SAMPLE = Path(str(resources.files("jixiao").joinpath("data/samples/zichuan-2023.txt")))
ACTUALS = Path(__file__).resolve().parent.parent / "evaluate" / "fixtures" / "zichuan-2023-06.json"
SCHEMA = json.loads(resources.files("jixiao").joinpath("data/monitor.schema.json").read_text("utf-8"))


def jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jixiao.cli", *args], capture_output=True, text=True)


def run_json(targets: Path, actuals: Path) -> tuple[int, dict]:
    result = jixiao("monitor", str(targets), str(actuals), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    return result.returncode, data


def by_name(items: list[dict]) -> dict[str, dict]:
    return {item["name"]: item for item in items}


def test_a_red_indicator_exits_1_and_the_json_has_the_contract_shape():
    code, data = run_json(SAMPLE, ACTUALS)
    assert code == 1
    assert (data["year"], data["month"], data["time_progress"]) == (2023, 6, 50.0)
    projects = by_name(data["projects"])
    assert list(projects) == ["学前生均公用经费", "校车运营补贴", "高龄老人补助"]

    preschool = projects["学前生均公用经费"]
    # 补助到位率 =100%, actual 50%: a rate, 50 ÷ 100 × 100 = 50 → red; the project is as bad as that.
    assert preschool["band"] == "red"
    # 728 万元 budget, 364 executed at month 6: 50% executed ÷ 50% time × 100 = 100 → green.
    assert preschool["budget"] == {
        "basis": 728.0,
        "executed": 364.0,
        "execution_rate": 50.0,
        "time_progress": 50.0,
        "ratio": 100.0,
        "band": "green",
        "warnings": [],
    }
    indicators = by_name(preschool["indicators"])
    assert (indicators["补助费用"]["progress"], indicators["补助费用"]["band"]) == (
        100.0,
        "green",
    )  # 364 ÷ 364
    assert (indicators["补助标准"]["rule"], indicators["补助标准"]["band"]) == (
        "rate",
        "green",
    )  # a 标准 is a level
    # 12500 ÷ (12689 × 0.5) × 100 = 197.02: far ahead of a pro-rated count → blue.
    assert indicators["普惠性幼儿园在园幼儿数"]["progress"] == pytest.approx(197.021, abs=1e-3)
    assert indicators["普惠性幼儿园在园幼儿数"]["band"] == "blue"
    assert (
        indicators["补助到位率"]["causes"] == ["经费保障"]
        and indicators["补助到位率"]["likelihood"] == "有可能"
    )
    assert indicators["补助发放达标率"]["band"] is None  # not reported

    bus = projects["校车运营补贴"]
    # adjusted 500 replaces planned 494.39: 200 ÷ 500 = 40%; 40 ÷ 50 × 100 = 80 → green.
    assert (bus["budget"]["basis"], bus["budget"]["ratio"], bus["budget"]["band"]) == (500.0, 80.0, "green")
    bus_indicators = by_name(bus["indicators"])
    # 150 ÷ (384.39 × 0.5) × 100 = 78.05 → yellow; 0.8万人 ÷ (1.5万人 × 0.5) = 106.67 → green.
    assert bus_indicators["补助费用"]["progress"] == pytest.approx(78.0457, abs=1e-4)
    assert bus_indicators["乘车学生数"]["progress"] == pytest.approx(106.6667, abs=1e-4)
    assert bus["band"] == "yellow"
    # mean of the cumulative progress (78.05 + 106.67) ÷ 2 = 92.36 against the budget's 80: 12.4 > 10 points.
    assert [w["code"] for w in bus["warnings"]] == ["divergence"]

    elderly = projects["高龄老人补助"]
    assert (elderly["budget"]["ratio"], elderly["budget"]["band"]) == (0.0, "red")  # nothing spent
    assert by_name(elderly["indicators"])["百岁老人人数"]["band"] == "red"  # 62 > ≤60

    (department,) = data["departments"]
    assert department["name"] == "中共淄川区委宣传部" and department["band"] == "yellow"  # 300 ÷ 500 = 60
    assert [w["code"] for w in department["budget"]["warnings"]] == ["budget-missing", "executed-missing"]
    warnings = [(w["code"], w["message"]) for w in data["warnings"]]
    assert ("no-target", "项目“不在目标中的项目”在绩效目标中找不到，未参与监控") in warnings
    assert ("no-actual", "项目“农业保险保费”没有填报实际完成情况") in warnings


def test_nothing_red_exits_0_with_disclosure_json_as_targets(tmp_path):
    targets = tmp_path / "zichuan.json"
    assert jixiao("parse", str(SAMPLE), "-o", str(targets)).returncode == 0
    actuals = tmp_path / "actuals.json"
    actuals.write_text(
        json.dumps(
            {
                "schema": "jixiao/actuals@1",
                "year": 2023,
                "month": 12,
                "projects": [
                    {
                        "name": "学前生均公用经费",
                        "budget": {"planned": 728, "executed": 728},
                        "indicators": [
                            {"name": "补助费用", "actual": "728万元"},
                            {"name": "家长满意度", "actual": "97%"},
                        ],
                    }
                ],
            },
            ensure_ascii=False,
        ),
        "utf-8",
    )
    code, data = run_json(targets, actuals)
    assert code == 0
    (project,) = data["projects"]
    assert project["band"] == "green" and project["budget"]["ratio"] == 100.0


def test_text_names_the_bands_in_words(tmp_path):
    out = tmp_path / "report.txt"
    result = jixiao("monitor", str(SAMPLE), str(ACTUALS), "-o", str(out))
    assert result.returncode == 1
    text = out.read_text("utf-8")
    assert "运行监控 2023年1–6月（时间进度 50.0%，配置 default）" in text
    assert "【红】学前生均公用经费" in text and "【黄】校车运营补贴" in text
    assert "执行进度 100.0 → 绿" in text
    assert "偏差原因：经费保障（下半年资金尚未下达）" in text
    assert "合计：项目 3 个：红 2、黄 1、绿 0、蓝 0" in text
    assert f"已写入 {out}" in result.stderr


def test_malformed_actuals_exit_2_naming_every_problem(tmp_path):
    bad = tmp_path / "bad.json"
    data = json.loads(ACTUALS.read_text("utf-8"))
    data["projects"][0]["indicators"][3]["likelihood"] = "也许"
    data["projects"][2]["budget"]["executed"] = "零"
    bad.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = jixiao("monitor", str(SAMPLE), str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "错误: bad.json: projects[0].indicators[3].likelihood: 须为 确定能 / 有可能 / 完全不可能",
        '错误: bad.json: projects[2].budget.executed: 须为数字或 null（不是 "零"）',
        "共 2 处错误，未进行监控 / 2 errors in the actuals, nothing monitored",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such.txt", str(ACTUALS)], "文件不存在"),
        ([str(SAMPLE), "actuals.csv"], "实际完成情况须为 jixiao/actuals@1 JSON 文件 (.json): actuals.csv"),
        ([str(SAMPLE), "missing.json"], "无法读取文件"),
        ([str(SAMPLE), str(ACTUALS), "--format", "yaml"], "不支持的格式 yaml"),
        ([str(SAMPLE), str(ACTUALS), "--profile", "nosuch"], "没有名为“nosuch”的内置监控配置"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, message):
    result = jixiao("monitor", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_region_can_use_the_national_plain_rule(tmp_path):
    profile = tmp_path / "zichuan.toml"
    profile.write_text('[regions."淄川区"]\nrule = "pro-rated"\n', "utf-8")
    result = jixiao(
        "monitor",
        str(SAMPLE),
        str(ACTUALS),
        "--format",
        "json",
        "--profile",
        str(profile),
        "--region",
        "淄川区",
    )
    data = json.loads(result.stdout)
    assert data["profile"] == "zichuan" and data["region"] == "淄川区"
    rates = by_name(by_name(data["projects"])["学前生均公用经费"]["indicators"])
    # 家长满意度 ≥95%, 96% at month 6, pro-rated: 96 ÷ (95 × 0.5) × 100 = 202.1 → blue.
    assert rates["家长满意度"]["rule"] == "cumulative"
    assert rates["家长满意度"]["band"] == "blue"

"""Documents to publish in tests, built without the text reader.

The hand-checked expectations in ``tests/ingest/expected`` are real tables read by a person; turned into
domain objects they are the closest thing to the samples that does not depend on the reader. One more
document, written here, fills every field the samples leave empty (codes, fund types, plans, references,
and in its first project the fields of real forms: 实施期限, 项目类型, 是否新增, 中期规划, 评分标准 …).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jixiao.domain import (
    Department,
    DepartmentIndicator,
    Document,
    Funds,
    Indicator,
    Level1,
    Level2,
    Project,
    Reference,
    Source,
    SpendingPoint,
    parse_target_value,
)

EXPECTED = Path(__file__).resolve().parents[1] / "ingest" / "expected"
STEMS = ("linzi-2022", "liaocheng-2022", "zichuan-2023")
_YEARS = {"linzi-2022": 2022, "liaocheng-2022": 2022, "zichuan-2023": 2023}
_ISSUERS = {"linzi-2022": "临淄区财政局", "liaocheng-2022": "聊城市财政局", "zichuan-2023": None}


def _dept_indicator(d: dict[str, Any]) -> DepartmentIndicator:
    ref = d.get("reference") or {}
    return DepartmentIndicator(
        name=d["name"],
        value=parse_target_value(d["value"]),
        no=d.get("no"),
        duty_no=d.get("duty_no"),
        duty_area=d.get("duty_area"),
        duty=d.get("duty"),
        duty_goal=d.get("duty_goal"),
        explanation=d.get("explanation"),
        reference=Reference(**{k: ref.get(k) for k in (
            "planned", "standard", "standard_source", "avg3", "last_year", "history_source")}),
        note=d.get("note") if isinstance(d.get("note"), str) and "value" not in d.get("note", "") else None,
        activity=d.get("activity"),
        budget_project=d.get("budget_project"),
        office=d.get("office"),
    )


def expected_document(stem: str) -> Document:
    """The hand-checked tables of a sample as a Document."""
    data = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
    projects = []
    for p in data["projects"]:
        funds = p.get("funds") or {}
        projects.append(
            Project(
                name=p["name"],
                code=p.get("code"),
                category=p.get("category"),
                department=p.get("department"),
                department_code=p.get("department_code"),
                unit=p.get("unit"),
                unit_code=p.get("unit_code"),
                funds=Funds(funds.get("total"), funds.get("fiscal"), funds.get("other")),
                fund_type=p.get("fund_type"),
                purpose=p.get("purpose"),
                spending_plan=tuple(SpendingPoint(s["period"], s.get("amount")) for s in p["spending_plan"]),
                goal=p.get("goal"),
                indicators=tuple(
                    Indicator(
                        level1=Level1(i["level1"]),
                        level2=Level2(i["level2"]),
                        name=i["name"],
                        value=parse_target_value(i["value"]),
                        description=i.get("description"),
                    )
                    for i in p["indicators"]
                ),
            )
        )
    departments = [
        Department(
            name=d["name"],
            code=d.get("code"),
            strategic_goal=d.get("strategic_goal"),
            strategic_indicators=tuple(_dept_indicator(i) for i in d.get("strategic_indicators") or ()),
            annual_indicators=tuple(_dept_indicator(i) for i in d.get("annual_indicators") or ()),
        )
        for d in data["departments"]
    ]
    return Document(
        source=Source(f"{stem}.txt", "0" * 64),
        issuer=_ISSUERS[stem],
        year=_YEARS[stem],
        projects=tuple(projects),
        departments=tuple(departments),
    )


def v(raw: str) -> Any:
    return parse_target_value(raw)


FULL = Document(
    source=Source("full.json", "1" * 64),
    title="某市2023年度市级重点项目和部门整体绩效目标",
    issuer="某市财政局",
    year=2023,
    preface="按照要求,选取了2个项目。\n第二段说明。",
    projects=(
        Project(
            name="高标准农田建设",
            code="37150023P01002010002F",
            category="特定目标类项目",
            department="某市农业农村局",
            department_code="001",
            unit="某市农业农村局本级",
            unit_code="001000",
            funds=Funds(1300.0, 1200.5, 99.5, 3900.0),
            fund_type="一般公共预算",
            purpose="落实地方财政投入高标准农田建设支出责任。",
            long_term_goal="到2025年累计建成高标准农田60万亩。",
            period="2023年-2025年",
            project_type="15 其他经费",
            is_new=False,
            allocation="因素法",
            policy_basis="《全国高标准农田建设规划（2021—2030年）》",
            calculation_basis="19万亩×1500元/亩,其中财政资金1200.5万元。",
            spending_plan=(
                SpendingPoint("3月底", None), SpendingPoint("6月底", 650.0),
                SpendingPoint("10月底", 1000.0), SpendingPoint("12月底", 1300.0),
            ),
            goal="新建高标准农田19万亩。",
            indicators=(
                Indicator(Level1.COST, Level2.ECONOMIC_COST, "亩均投入", v("≤1500元/亩"), "财政资金亩均投入"),
                Indicator(Level1.OUTPUT, Level2.QUANTITY, "新增高标准农田面积", v("≥19万亩"), None),
                Indicator(Level1.OUTPUT, Level2.QUALITY, "验收合格率", v("100%"), "反映验收情况",
                          scoring="达到100%得满分,每低1%扣1分"),
                Indicator(Level1.OUTPUT, Level2.TIMELINESS, "完成时间", v("12月底前"), None),
                Indicator(Level1.EFFECT, Level2.ECONOMIC_BENEFIT, "亩均增产", v("≥50公斤"), None),
                Indicator(Level1.EFFECT, Level2.SUSTAINABILITY, "长效管护机制", v("健全"), None),
                Indicator(Level1.SATISFACTION, Level2.SATISFACTION, "农户满意度", v("≥90%"), None),
            ),
        ),
        Project(
            name="城市居民最低生活保障",
            department="某市民政局",
            funds=Funds(218.0, None, None),
            fund_type="政府性基金预算",
            goal="保障城市低保对象基本生活。",
            indicators=(
                Indicator(Level1.OUTPUT, Level2.QUANTITY, "保障人数", v("=944人"), None),
                Indicator(Level1.OUTPUT, Level2.COST, "补助标准", v("≤2974.16元/月/人"), None),
                Indicator(Level1.EFFECT, Level2.SOCIAL_BENEFIT, "困难群众基本生活", v("保障"), None),
                Indicator(Level1.SATISFACTION, Level2.SATISFACTION, "受益群众满意度", v(""), None),
            ),
        ),
    ),
    departments=(
        Department(
            name="某市消防救援支队",
            code="202001",
            strategic_goal="基本完成与“全灾种、大应急”救援任务相适应的能力建设。",
            strategic_indicators=(
                DepartmentIndicator(
                    name="新增政府专职消防队员(人数)", value=v("41人"), no=1, explanation="全市新增人数。",
                    reference=Reference("204人", "41人", "《山东省“十四五”消防事业发展规划》", "223人", "119人",
                                        "内部统计"),
                    note="无",
                ),
            ),
            annual_indicators=(
                DepartmentIndicator(
                    name="意识形态会商研判会议次数", value=v("≥24次"), duty_no=1, duty_area="意识形态",
                    duty="意识形态工作责任制落实", duty_goal="保障责任制落实", explanation="召开研判会议的次数",
                    reference=Reference("≥24次", "≥24次", "上级要求", "26次", "30次", "内部统计"),
                    activity="指导、推动、督促", budget_project="意识形态考核项目165.36万元", office="意识形态工作科",
                ),
                DepartmentIndicator(name="火灾起数", value=v("下降"), duty_no=2, duty="消防监督"),
            ),
        ),
        Department(name="某市民政局", annual_indicators=(
            DepartmentIndicator(name="低保标准比值", value=v("≥1.8:1"), duty_no=1),
        )),
    ),
)

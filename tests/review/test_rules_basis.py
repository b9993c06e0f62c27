"""POLICY-BASIS-UNSPECIFIC and CALC-BASIS-UNSPECIFIC: a 政策依据 that cites no document, a 测算依据 that
shows no calculation."""

import pytest

from tests.review.builders import check, document, fired, project


@pytest.mark.parametrize(
    "text",
    [
        "根据《深圳市创建全国文明典范城市行为纲要》开展市容提升",
        "深绿[2022]4号下达薇甘菊防治任务",
        "根据三定方案-宝机编【2020】52号，负责辖区应急管理",
        "根据深宝松联会纪﹝2022﹞56号文件",
        "依据财预〔2015〕88号",
        "按照省财政厅关于做好2023年预算编制工作的通知",
        "《中华人民共和国预算法》第三十二条",
        "依据中华人民共和国森林法和森林防火条例",
    ],
)
def test_a_cited_document_is_a_policy_basis(text: str) -> None:
    assert fired(document(project(policy_basis=text)), "POLICY-BASIS-UNSPECIFIC") == []


@pytest.mark.parametrize(
    "text",
    [
        "档案资料整理服务合同",
        "根据《松岗街道公共场所四害消杀服务合同》",  # a contract's title is no policy
        "通过本项目的开展，以实现全面提升街道灯容灯貌质量的目标",
        "根据后勤保障制度保障工作人员的后勤工作",
        "根据省政府关于推广应用LED照明产品有关精神和工作部署",  # a spirit, no document
    ],
)
def test_work_contracts_and_aims_are_no_policy_basis(text: str) -> None:
    findings = [f for f in check(document(project(policy_basis=text))).findings]
    hits = [f for f in findings if f.rule == "POLICY-BASIS-UNSPECIFIC"]
    assert [f.line for f in hits] == [1]
    assert text[:10] in hits[0].message


def test_no_policy_field_is_not_judged() -> None:
    assert fired(document(project()), "POLICY-BASIS-UNSPECIFIC") == []
    assert fired(document(project(policy_basis="  ")), "POLICY-BASIS-UNSPECIFIC") == []


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("培训300人×0.33万元/人，共99万元", 99.0),
        ("监控系统维护每月2500元，一年合计30000元", 3.0),
        ("保洁面积12万平方米，单价8元/平方米·月", 1152.0),
        ("林业管理事务经费25万元，用于薇甘菊防治15万元及森林防火林带维护10万元", 25.0),
        ("档案整理费用20万+数字化档案费用13万.合计33万", 33.0),
        ("一是内控报告协助，预计6万元；二是绩效评价协助，预计10万元", 16.0),  # items adding up to the budget
        ("每月服务费为合同价/12，约21.5万元", 258.0),
        ("资料审核1.2万元，律师费3万元，共计4.2万元；另有尾款0.8万元", 5.0),
    ],
)
def test_a_calculation_is_a_calculation_basis(text: str, budget: float) -> None:
    assert fired(document(project(calculation_basis=text, budget=budget)), "CALC-BASIS-UNSPECIFIC") == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("路灯电费、维护、更换经费650万元用于路灯电费", "只有金额"),
        ("按合同价测算", "没有金额"),
        ("运营部门各项工作，按照工作所需，据实列支。", "没有金额"),
        ("向市场上至少三家企业询价，估算服务经费为15万元", "只有金额"),
        ("设备购置12万元，维护3万元", "只有金额"),  # items that do not add up to the budget of 100
        ("服务覆盖3万人，经费100万元", "只有金额"),  # 3万人 is a count, not money
    ],
)
def test_a_total_alone_is_no_calculation(text: str, why: str) -> None:
    hits = [
        f
        for f in check(document(project(calculation_basis=text))).findings
        if f.rule == "CALC-BASIS-UNSPECIFIC"
    ]
    assert [f.line for f in hits] == [1] and why in hits[0].message


def test_a_calculation_adding_up_to_a_budget_printed_in_yuan() -> None:
    """The items add up to the budget read in 元 (AMOUNT-IN-YUAN's finding), not to the printed figure."""
    text = "摄影摄像服务19.38万安排，舆情顾问服务5万安排"
    p = project(calculation_basis=text, budget=243800)
    assert fired(document(p), "CALC-BASIS-UNSPECIFIC") == []

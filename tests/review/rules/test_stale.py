"""YEAR-STALE where the document prints no budget year: the year the project states itself (2023年申报预算, a
时效 deadline in 2023), a past year's plan cited as the 政策依据, an ended term in the 测算依据."""

from tests.review.builders import check, document, fired, ind, project


def _stale(year: int | None = None, **kw: object) -> list[int | None]:
    kw.setdefault("calculation_basis", "2023年申报预算包括1个支出事项，咨询服务82.9万元")
    return fired(document(project(**kw), year=year), "YEAR-STALE")  # type: ignore[arg-type]


def test_the_goal_against_the_year_the_project_states() -> None:
    assert _stale(goal="进一步推进我街道2022年城中村综合治理工作") == [1]
    assert _stale(goal="推进我街道2023年城中村综合治理工作") == []
    assert _stale(goal="进一步推进我街道2022年城中村综合治理工作", calculation_basis="咨询服务82.9万元") == []


def test_a_deadline_states_the_year() -> None:
    p = dict(calculation_basis="合同一年一签，2021年8月4日至2022年8月3日，总控价1064.19万元，每月按实际支付")
    deadline = (ind("时效", "牛奶送货服务", "2023年12月31日之前", 30),)
    assert _stale(**p) == []
    assert fired(document(project(*deadline, **p), year=None), "YEAR-STALE") == [1]  # type: ignore[arg-type]


def test_a_past_years_plan_as_the_ground() -> None:
    assert _stale(
        policy_basis="根据宝安区绩效管理委员会关于印发宝安区2021年度绩效管理工作方案实施的通知"
    ) == [1]
    assert _stale(policy_basis="《关于开展宝安区2020年度行政事业单位内部控制报告编报工作的通知》") == [1]
    assert (
        _stale(policy_basis="《关于宝安区集体经济综合监管系统试运行上线的通知》（深宝集资〔2019〕7号）") == []
    )


def test_an_ended_term_in_the_calculation() -> None:
    assert _stale(calculation_basis="2023年申报预算：合同期2021年8月4日至2022年8月3日，共1064万元") == [1]
    assert _stale(calculation_basis="2023年申报预算：合同一年一签（2022年4月-2023年3月），共15万元") == []


def test_past_years_as_the_object_of_the_work_are_not_stale_when_the_year_is_only_stated() -> None:
    p = (ind("数量", "2021年及2022年档案整理归档", "≥3000条", 30),)
    assert (
        fired(document(project(*p, calculation_basis="2023年预算：档案整理20万元"), year=None), "YEAR-STALE")
        == []
    )


def test_the_evidence_says_the_year_is_the_projects_own() -> None:
    p = project(goal="进一步推进我街道2022年城中村综合治理工作", calculation_basis="2023年申报预算82.9万元")
    [finding] = [f for f in check(document(p, year=None)).findings if f.rule == "YEAR-STALE"]
    assert ("预算年度（项目自述）", "2023") in finding.evidence

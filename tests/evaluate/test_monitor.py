"""运行监控 rules (issue 12 §2) as a table of hand-computed cases.

Every expected progress below is worked out by hand in the comment beside it: time progress t = month/12,
cumulative v = actual ÷ (target × t) × 100, rates v = actual ÷ target × 100, budget v = (executed ÷ budget) ÷ t
× 100; bands red < 60 ≤ yellow < 80 ≤ green < 120 ≤ blue (no blue for budgets).
"""

import pytest

from jixiao.domain import (
    Achievement,
    ActualRecord,
    Actuals,
    Budget,
    Cause,
    Department,
    DepartmentIndicator,
    Document,
    Indicator,
    IndicatorActual,
    Level1,
    Level2,
    Likelihood,
    Project,
    Source,
    parse_target_value,
)
from jixiao.evaluate.monitor import judge_budget, judge_indicator, monitor, time_progress
from jixiao.evaluate.profile import load_profile
from jixiao.evaluate.results import Band, Rule, worst

RED, YELLOW, GREEN, BLUE = Band.RED, Band.YELLOW, Band.GREEN, Band.BLUE
PROFILE = load_profile()


def judge(target, actual, month=6, name="指标", status=None, year=2022, profile=PROFILE, rule=None):
    reported = IndicatorActual(name, parse_target_value(actual), status=status)
    return judge_indicator(
        name, parse_target_value(target), reported, month=month, year=year, profile=profile, rule=rule
    )


# -- the worked examples of issue 12 ------------------------------------------------------------------


def test_issue_example_people_behind_schedule_is_yellow():
    result = judge("≥1000人", "350人", month=6)  # 350 ÷ (1000 × 6/12) × 100 = 70
    assert (result.rule, result.progress, result.band) == (Rule.CUMULATIVE, 70.0, YELLOW)


def test_issue_example_people_far_ahead_is_blue():
    result = judge("≥1000人", "1250人", month=6)  # 1250 ÷ 500 × 100 = 250
    assert (result.progress, result.band) == (250.0, BLUE)


def test_issue_example_rate_is_not_pro_rated():
    result = judge("≥95%", "96%", month=6)  # 96 ÷ 95 × 100 = 101.05…
    assert result.rule is Rule.RATE
    assert result.progress == pytest.approx(101.0526, abs=1e-4)
    assert result.band is GREEN


def test_issue_example_lower_is_better_missed_is_red():
    result = judge("≤5%", "7%")
    assert (result.rule, result.band) == (Rule.LOWER, RED)


@pytest.mark.parametrize(
    ("month", "ratio", "band"),
    [
        (6, 80.0, GREEN),  # 400 ÷ 1000 = 40%; t = 50%; 40 ÷ 50 × 100 = 80
        (9, 53.3333, RED),  # t = 75%; 40 ÷ 75 × 100 = 53.33
    ],
)
def test_issue_example_budget(month, ratio, band):
    result = judge_budget(Budget(planned=1000.0, executed=400.0), month, PROFILE.bands)
    assert result.execution_rate == 40.0
    assert result.time_progress == month * 100 / 12
    assert result.ratio == pytest.approx(ratio, abs=1e-4)
    assert result.band is band


# -- every band edge -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "progress", "band"),
    [
        ("59.99%", 59.99, RED),
        ("60%", 60.0, YELLOW),
        ("79.99%", 79.99, YELLOW),
        ("80%", 80.0, GREEN),
        ("119.99%", 119.99, GREEN),
        ("120%", 120.0, BLUE),
    ],
)
def test_rate_band_edges(actual, progress, band):
    result = judge("≥100%", actual)  # v = actual ÷ 100 × 100 = actual
    assert result.progress == pytest.approx(progress, abs=1e-9)
    assert result.band is band


@pytest.mark.parametrize(
    ("actual", "band"),
    [
        # target 1200人 at month 6 is pro-rated to 600: v = actual ÷ 6
        ("359.94人", RED),  # 59.99
        ("360人", YELLOW),  # 60
        ("479.94人", YELLOW),  # 79.99
        ("480人", GREEN),  # 80
        ("719.94人", GREEN),  # 119.99
        ("720人", BLUE),  # 120
    ],
)
def test_cumulative_band_edges(actual, band):
    assert judge("≥1200人", actual, month=6).band is band


@pytest.mark.parametrize(
    ("executed", "band"),
    [
        # budget 1200 at month 6: v = executed ÷ 1200 ÷ 0.5 × 100 = executed ÷ 6
        (359.94, RED),  # 59.99
        (360.0, YELLOW),  # 60
        (479.94, YELLOW),  # 79.99
        (480.0, GREEN),  # 80
        (719.94, GREEN),  # 119.99
        (720.0, GREEN),  # 120: spending ahead of time is green, never blue
        (1200.0, GREEN),  # 200
    ],
)
def test_budget_band_edges(executed, band):
    assert judge_budget(Budget(planned=1200.0, executed=executed), 6, PROFILE.bands).band is band


# -- budgets -------------------------------------------------------------------------------------------


def test_budget_adjusted_replaces_planned():
    result = judge_budget(Budget(planned=1000.0, adjusted=800.0, executed=400.0), 6, PROFILE.bands)
    assert result.basis == 800.0
    assert result.execution_rate == 50.0  # 400 ÷ 800
    assert result.ratio == 100.0  # 50 ÷ 50 × 100
    assert result.band is GREEN


@pytest.mark.parametrize(
    ("budget", "codes"),
    [
        (Budget(planned=0.0, executed=10.0), ["budget-zero"]),
        (Budget(planned=None, executed=10.0), ["budget-missing"]),
        (Budget(adjusted=0.0, planned=100.0, executed=10.0), ["budget-zero"]),  # 调整后 0 is the budget
        (Budget(planned=100.0), ["executed-missing"]),
        (Budget(), ["budget-missing", "executed-missing"]),
    ],
)
def test_zero_or_missing_budget_is_a_finding_never_a_division(budget, codes):
    result = judge_budget(budget, 6, PROFILE.bands)
    assert (result.execution_rate, result.ratio, result.band) == (None, None, None)
    assert [n.code for n in result.notes] == codes


def test_spending_beyond_the_budget_is_noted():
    result = judge_budget(Budget(planned=100.0, executed=120.0), 12, PROFILE.bands)
    assert result.band is GREEN  # 120 ÷ 100 ÷ 1 × 100 = 120
    assert [n.code for n in result.notes] == ["over-budget"]


# -- rates against counts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "target", "actual", "rule", "progress"),
    [
        ("培训人数", "≥1000人次", "400人次", Rule.CUMULATIVE, 80.0),  # 400 ÷ 500
        ("补助资金", "=728万元", "364万元", Rule.CUMULATIVE, 100.0),  # 364 ÷ 364
        ("群众满意度", "≥90", "90", Rule.RATE, 100.0),  # the name says rate, no unit needed
        ("验收合格率", "≥98", "49", Rule.RATE, 50.0),  # 49 ÷ 98
        ("床位使用率", "≥85%", "85%", Rule.RATE, 100.0),
        ("日均门诊量", "≥300人次/天", "300人次/天", Rule.RATE, 100.0),  # per-day unit: a level
        ("千人口床位数", "≥6‰", "3‰", Rule.RATE, 50.0),
    ],
)
def test_rates_and_levels_are_not_pro_rated_counts_are(name, target, actual, rule, progress):
    result = judge(target, actual, month=6, name=name)
    assert result.rule is rule
    assert result.progress == pytest.approx(progress)


def test_actual_in_another_scale_of_the_same_unit_is_converted():
    result = judge("≥100万元", "600000元", month=12)  # 60万元 ÷ 100万元 = 60
    assert result.progress == pytest.approx(60.0)
    assert result.notes == ()


def test_actual_in_a_different_unit_is_compared_by_number_with_a_note():
    result = judge("≥1000人", "500人次", month=6)  # 500 ÷ 500 = 100
    assert (result.progress, result.band) == (100.0, GREEN)
    assert [n.code for n in result.notes] == ["unit-mismatch"]


def test_an_actual_of_zero_is_red():
    assert judge("≥1000人", "0人", month=1).band is RED
    assert judge("≥95%", "0%").band is RED


def test_the_national_plain_rule_pro_rates_rates_too():
    result = judge("≥95%", "57%", month=6, rule="pro-rated")  # 57 ÷ (95 × 0.5) × 100 = 120
    assert (result.rule, result.band) == (Rule.CUMULATIVE, BLUE)
    assert result.progress == pytest.approx(120.0)


# -- lower-is-better and target 0 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "actual", "band"),
    [
        ("≤5%", "5%", GREEN),
        ("≤5%", "5.01%", RED),
        ("<5%", "5%", RED),  # strictly below
        ("<5%", "4.9%", GREEN),
        ("≤85万元", "0万元", GREEN),
        ("不超过800万元", "801万元", RED),
        ("前2名", "第2名", GREEN),  # a rank: lower is better
        ("前2名", "3", RED),
    ],
)
def test_lower_is_better_is_met_or_red(target, actual, band):
    result = judge(target, actual)
    assert (result.rule, result.band) == (Rule.LOWER, band)


@pytest.mark.parametrize(
    ("target", "actual", "band"),
    [("=0起", "0起", GREEN), ("=0起", "1起", RED), ("=0", "0.5", RED), ("≥0个", "0个", GREEN)],
)
def test_target_zero_is_green_only_when_met(target, actual, band):
    result = judge(target, actual)
    assert (result.rule, result.progress, result.band) == (Rule.ZERO, None, band)


@pytest.mark.parametrize(
    ("actual", "progress", "band"),
    [
        ("90分", 112.5, GREEN),  # inside 80–100: green, whatever the share of 80 (90 ÷ 80)
        ("100分", 125.0, GREEN),
        ("105分", 131.25, RED),  # above the upper end
        ("60分", 75.0, YELLOW),  # below the lower end: a level, 60 ÷ 80 × 100 = 75
    ],
)
def test_a_range_is_green_inside_red_above_and_banded_below(actual, progress, band):
    result = judge("80-100分", actual)
    assert (result.rule, result.band) == (Rule.RANGE, band)
    assert result.progress == pytest.approx(progress)


# -- deadlines and qualitative indicators ----------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "actual", "month", "band", "codes"),
    [
        ("11月底前", "正在推进", 6, GREEN, []),  # before November: on time so far
        ("11月底前", "正在推进", 11, RED, ["overdue"]),  # November has come, not done
        ("6月底前", "未完成", 6, RED, ["overdue"]),  # due at the cut-off itself
        ("11月底前", "已完成", 12, GREEN, []),
        ("6月底前", "5月20日", 6, GREEN, []),  # done, before the deadline
        ("6月底前", "7月10日", 9, RED, ["late"]),  # done after it
        ("2027年10月底前", "进行中", 12, GREEN, []),  # years ahead of the 2022 cut-off
        ("2021年10月底前", "进行中", 1, RED, ["overdue"]),  # a deadline of a year gone by
    ],
)
def test_deadlines(target, actual, month, band, codes):
    result = judge(target, actual, month=month, year=2022)
    assert (result.rule, result.band) == (Rule.DEADLINE, band)
    assert [n.code for n in result.notes] == codes


def test_a_deadline_reported_met_by_status_is_green():
    assert judge("3月底前", "", month=6, status=Achievement.MET).band is GREEN


@pytest.mark.parametrize(
    ("status", "band"), [(Achievement.MET, GREEN), (Achievement.PARTLY, YELLOW), (Achievement.NOT_MET, RED)]
)
def test_qualitative_by_status(status, band):
    result = judge("显著提升", "", status=status)
    assert (result.rule, result.progress, result.band) == (Rule.QUALITATIVE, None, band)


def test_qualitative_status_may_be_written_as_the_actual():
    assert judge("有效改善", "部分达成").band is YELLOW


def test_qualitative_without_a_status_cannot_be_judged():
    result = judge("有效改善", "群众反映良好")
    assert result.band is None
    assert [n.code for n in result.notes] == ["no-status"]


def test_a_quantitative_target_with_text_actual_falls_back_to_the_status():
    result = judge("≥1000人", "按计划推进", status=Achievement.PARTLY)
    assert (result.rule, result.band) == (Rule.QUALITATIVE, YELLOW)
    assert [n.code for n in result.notes] == ["not-numeric"]


def test_nothing_reported_has_no_band():
    result = judge_indicator("培训人数", parse_target_value("≥1000人"), None, month=6)
    assert result.band is None
    assert [n.code for n in result.notes] == ["no-actual"]


# -- projects, departments, matching ---------------------------------------------------------------


def test_worst_band_order_is_red_yellow_green_blue():
    assert worst([BLUE, GREEN, YELLOW]) is YELLOW
    assert worst([BLUE, RED, None]) is RED
    assert worst([BLUE, GREEN]) is GREEN
    assert worst([None]) is None


def indicator(name, value, level2=Level2.QUANTITY):
    return Indicator(Level1.OUTPUT, level2, name, parse_target_value(value))


TARGETS = Document(
    source=Source("targets.txt", "0" * 64),
    year=2022,
    projects=(
        Project(
            "农业技术推广项目",
            indicators=(
                indicator("培训人数", "≥1000人"),
                indicator("满意度", "≥95%"),
                indicator("完成时间", "11月底前"),
            ),
        ),
        Project("学前生均公用经费", code="370302", indicators=(indicator("补助幼儿园数", "≥20所"),)),
        Project("未报项目", indicators=(indicator("x", "≥1个"),)),
    ),
    departments=(
        Department(
            "区教育局", annual_indicators=(DepartmentIndicator("适龄儿童入学率", parse_target_value("≥99%")),)
        ),
    ),
)


def reported(name, actual):
    return IndicatorActual(name, parse_target_value(actual))


ACTUALS = Actuals(
    year=2022,
    month=6,
    projects=(
        ActualRecord(
            "农业技术推广项目",
            budget=Budget(planned=1000.0, executed=400.0),
            indicators=(
                reported("培训 人数", "350人"),  # spaces do not stop a match
                reported("满意度", "96%"),
                reported("培训场次", "3场"),  # no such target
            ),
        ),
        ActualRecord(
            "学前生均公用经费（更名）",  # another name, the same code: matched by code
            code="370302",
            budget=Budget(planned=100.0, executed=95.0),
            indicators=(reported("补助幼儿园数", "10所"),),
        ),
        ActualRecord("没有目标的项目"),
    ),
    departments=(ActualRecord("区教育局", indicators=(reported("适龄儿童入学率", "99.5%"),)),),
)


def test_a_whole_monitoring_run():
    result = monitor(TARGETS, ACTUALS)
    agri, preschool = result.projects
    # 培训人数 70 yellow, 满意度 101 green, 完成时间 not reported: the project is yellow.
    assert [(i.name, i.band) for i in agri.indicators] == [
        ("培训人数", YELLOW),
        ("满意度", GREEN),
        ("完成时间", None),
    ]
    assert agri.band is YELLOW
    assert agri.budget.band is GREEN  # 80
    assert [n.code for n in agri.notes] == ["indicator-no-target"]
    # 10 ÷ (20 × 0.5) × 100 = 100; budget 95 ÷ 100 ÷ 0.5 × 100 = 190 → mean 100 vs 190: out of step.
    assert preschool.band is GREEN and preschool.code == "370302"
    assert [n.code for n in preschool.notes] == ["divergence"]
    (bureau,) = result.departments
    assert bureau.indicators[0].band is GREEN  # 99.5 ÷ 99 = 100.5
    assert [(n.code, n.message) for n in result.notes] == [
        ("no-target", "项目“没有目标的项目”在绩效目标中找不到，未参与监控"),
        ("no-actual", "项目“未报项目”没有填报实际完成情况"),
    ]
    assert not result.has_red


def test_a_lagging_indicator_without_cause_or_likelihood_is_warned_and_a_green_one_is_not():
    agri = monitor(TARGETS, ACTUALS).projects[0]
    training, satisfaction, _ = agri.indicators
    assert [(n.code, n.message) for n in training.notes] == [
        ("cause-missing", "黄灯指标须填写偏差原因和完成目标可能性")
    ]
    assert satisfaction.notes == ()


@pytest.mark.parametrize(
    ("causes", "likelihood", "missing"),
    [
        ((Cause.STAFF,), None, "完成目标可能性"),
        ((), Likelihood.POSSIBLE, "偏差原因"),
        ((Cause.STAFF,), Likelihood.POSSIBLE, None),
    ],
)
def test_a_lagging_indicator_needs_both_its_cause_and_its_likelihood(causes, likelihood, missing):
    stated = IndicatorActual("培训人数", parse_target_value("350人"), causes=causes, likelihood=likelihood)
    actuals = Actuals(
        2022,
        6,
        projects=(
            ActualRecord("农业技术推广项目", budget=Budget(1000.0, executed=400.0), indicators=(stated,)),
        ),
    )
    training = monitor(TARGETS, actuals).projects[0].indicators[0]
    assert training.band is YELLOW
    wanted = [("cause-missing", f"黄灯指标须填写{missing}")] if missing else []
    assert [(n.code, n.message) for n in training.notes] == wanted


def test_a_different_code_is_not_a_match_even_with_the_same_name():
    actuals = Actuals(2022, 6, projects=(ActualRecord("学前生均公用经费", code="999999"),))
    result = monitor(TARGETS, actuals)
    assert result.projects == ()
    assert result.notes[0].code == "no-target"


def test_divergence_within_the_threshold_is_quiet():
    # 培训人数 70 against budget 80: 10 points apart, not more than 10.
    agri = monitor(TARGETS, ACTUALS).projects[0]
    assert "divergence" not in [n.code for n in agri.notes]


def test_time_progress():
    assert time_progress(6) == 50.0
    assert time_progress(12) == 100.0

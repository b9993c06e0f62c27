"""绩效自评 scoring (issue 13 §1–2) as a table of hand-computed cases.

Every expected score is worked out by hand in the comment or the row beside it: higher-is-better
actual ÷ target × weight (full from the target on); lower-is-better (1 − (actual − target) ÷ target) × weight
between target and 2 × target; budget min(10, executed ÷ 全年预算数 × 10); scores rounded half up to 2
decimals; grades 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below.
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
    Project,
    Source,
    parse_target_value,
)
from jixiao.domain.values import TargetValue, ValueKind
from jixiao.evaluate.results import Band
from jixiao.evaluate.selfeval import (
    default_weights,
    evaluate,
    grade_of,
    qualitative_problem,
    round2,
    score_budget,
    score_indicator,
    score_warnings,
)
from jixiao.evaluate.selfeval_profile import GradeBands, load_selfeval_profile
from jixiao.evaluate.selfeval_results import Formula, Grade

PROFILE = load_selfeval_profile()
OUTPUT, EFFECT, SATISFACTION, COST = "产出指标", "效益指标", "满意度指标", "成本指标"
OTHER = (Cause.OTHER,)


def score(target, actual, weight=10.0, *, name="指标", status=None, entered=None, causes=OTHER, **kw):
    if isinstance(actual, float):  # a negative number (text "-5%" reads as the OCR'd "=5%")
        value = TargetValue(f"{actual:g}", ValueKind.NUMERIC, None, actual, None, None)
    else:
        value = parse_target_value(actual)
    reported = IndicatorActual(name, value, status=status, score=entered, causes=causes, **kw)
    return score_indicator(name, parse_target_value(target), reported, weight, year=2023, profile=PROFILE)


def codes(result):
    return [f.code for f in result.findings]


# -- the worked examples of issue 13 --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "actual", "expected", "formula"),
    [
        ("≥95%", "90%", 9.47, Formula.HIGHER),  # 90 ÷ 95 × 10 = 9.4737 → 9.47
        ("≤5%", "7%", 6.00, Formula.LOWER),  # (1 − (7 − 5) ÷ 5) × 10 = 6
        ("≤5%", "10%", 0.00, Formula.LOWER),  # 10 = 2 × 5: nothing
        ("≤5%", "9.9%", 0.20, Formula.LOWER),  # (1 − 4.9 ÷ 5) × 10 = 0.2
        ("=0", "1", 0.00, Formula.ZERO),  # "=0" and anything above 0: nothing
    ],
)
def test_issue_examples_of_indicator_scores(target, actual, expected, formula):
    result = score(target, actual)
    assert (result.score, result.formula) == (expected, formula)


def test_issue_example_budget_overspent_scores_its_full_ten():
    budget = score_budget(Budget(planned=200.0, executed=210.0))  # min(10, 210 ÷ 200 × 10 = 10.5)
    assert (budget.score, budget.execution_rate, budget.findings) == (10.00, 105.0, ())


def test_issue_example_total_and_grade_under_two_sets_of_bands():
    assert round2(72.3 + 9.5) == 81.80
    assert grade_of(81.80, GradeBands(90, 80, 60)) is Grade.GOOD  # 良
    assert grade_of(81.80, GradeBands(80, 70, 60)) is Grade.EXCELLENT  # 优


def project(*indicators, name="项目甲", code=None):
    return Project(
        name,
        code=code,
        indicators=tuple(Indicator(l1, l2, n, parse_target_value(v)) for l1, l2, n, v in indicators),
    )


def document(*projects, departments=()):
    return Document(Source("目标.json", "0" * 64), year=2023, projects=projects, departments=departments)


def test_issue_example_end_to_end_72_3_plus_9_5_is_81_80_good_and_excellent_in_a_region(tmp_path):
    # One qualitative indicator weighted 90 by the unit, 达成 with 72.3 (≥ 0.8 × 90 = 72); budget 190 of 200.
    doc = document(project((Level1.EFFECT, Level2.SOCIAL_BENEFIT, "群众生活改善", "显著提升")))
    reported = IndicatorActual("群众生活改善", status=Achievement.MET, weight=90.0, score=72.3, causes=OTHER)
    actuals = Actuals(
        2023, 12, (ActualRecord("项目甲", budget=Budget(200.0, None, 190.0), indicators=(reported,)),)
    )
    path = tmp_path / "p.toml"
    path.write_text('[selfeval.regions."临淄区".grades]\nexcellent = 80\ngood = 70\n', "utf-8")
    profile = load_selfeval_profile(path)
    record = evaluate(doc, actuals, profile).projects[0]
    # 190 ÷ 200 × 10 = 9.5; 72.3 + 9.5 = 81.8
    assert (record.indicator_score, record.budget.score, record.total) == (72.3, 9.5, 81.8)
    assert (record.grade, record.consequence) == (Grade.GOOD, "保障")
    region = evaluate(doc, actuals, profile, region="临淄区").projects[0]
    assert (region.total, region.grade, region.consequence) == (81.8, Grade.EXCELLENT, "优先保障")


def test_issue_example_s_85_5_with_execution_85_percent_is_red():
    # s/90 = 0.95, e = 8.5/10 = 0.85: (0.95 − 0.85) ÷ 0.95 = 10.5 % > 5 % → red; 85 % ≥ 80 % → no yellow.
    doc = document(project((Level1.OUTPUT, Level2.QUANTITY, "工作完成", "完成")))
    reported = IndicatorActual("工作完成", status=Achievement.MET, weight=90.0, score=85.5, causes=OTHER)
    record = evaluate(
        doc,
        Actuals(
            2023, 12, (ActualRecord("项目甲", budget=Budget(100.0, None, 85.0), indicators=(reported,)),)
        ),
    ).projects[0]
    assert (record.indicator_score, record.budget.score, record.total) == (85.5, 8.5, 94.0)
    assert [(f.code, f.band) for f in record.findings] == [("red", Band.RED)]
    assert "高出 10.5%" in record.findings[0].message
    assert record.has_red


def test_the_warning_rule_is_public_for_a_total_adjusted_in_review():
    # The same budget (85 % spent, 8.5 of 10): an indicator total of 85.5 runs 10.5 % ahead → red; adjusted
    # down to 80 (s/90 = 0.889: (0.889 − 0.85) ÷ 0.889 = 4.4 %) it no longer does; 60 % spent is yellow too.
    budget = score_budget(Budget(100.0, None, 85.0))
    assert [f.code for f in score_warnings(85.5, budget, PROFILE)] == ["red"]
    assert score_warnings(80.0, budget, PROFILE) == []
    low = score_budget(Budget(100.0, None, 60.0))
    assert [(f.code, f.band) for f in score_warnings(80.0, low, PROFILE)] == [
        ("red", Band.RED),
        ("yellow", Band.YELLOW),
    ]
    assert score_warnings(0.0, low, PROFILE)[0].code == "yellow"  # nothing scored: no rate to run ahead


# -- every formula branch and edge ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        # higher-is-better: ≥, >, = with a target above 0
        ("≥95%", "95%", 10.0),  # at the target: full
        ("≥95%", "100%", 10.0),  # above: full, never more
        ("≥95%", "0%", 0.0),
        ("≥95%", -5.0, 0.0),  # a negative actual counts as 0
        (">100人", "50人", 5.0),  # 50 ÷ 100 × 10
        ("=728万元", "546万元", 7.5),  # 546 ÷ 728 × 10 = 7.5
        ("≥1.5万人", "12000人", 8.0),  # 12000 人 = 1.2 万人; 1.2 ÷ 1.5 × 10 = 8
        ("≥3个", "1个", 3.33),  # 1 ÷ 3 × 10 = 3.333 → 3.33
        ("≥3个", "2个", 6.67),  # 6.666 → 6.67
        ("≥8个", "7个", 8.75),  # 8.75 exactly
        ("≥40个", "19个", 4.75),  # 4.75 exactly
        # lower-is-better: ≤, <, ranks
        ("≤5%", "5%", 10.0),  # at the target: full
        ("≤5%", "0%", 10.0),
        ("≤5%", -3.0, 10.0),  # negative counts as 0
        ("<100万元", "150万元", 5.0),  # (1 − 50 ÷ 100) × 10
        ("≤100万元", "199万元", 0.1),  # (1 − 99 ÷ 100) × 10 = 0.1
        ("≤100万元", "200万元", 0.0),  # at 2 × target
        ("≤100万元", "350万元", 0.0),  # beyond
        ("前3名", "第3名", 10.0),
        ("前4名", "第5名", 7.5),  # (1 − 1 ÷ 4) × 10
        # target 0
        ("=0", "0", 10.0),
        ("=0", -1.0, 10.0),  # ≤ 0: full
        ("=0起", "0.5起", 0.0),
        ("≤0起", "0起", 10.0),
        ("≤0起", "1起", 0.0),
        ("≥0个", "0个", 10.0),
        # ranges: inside full; below the lower end higher-is-better; above the upper end lower-is-better
        ("1-2年", "1.5年", 10.0),
        ("1-2年", "2年", 10.0),
        ("10-20天", "5天", 5.0),  # 5 ÷ 10 × 10
        ("10-20天", "30天", 5.0),  # (1 − 10 ÷ 20) × 10
        ("10-20天", "40天", 0.0),
    ],
)
def test_quantitative_formulas(target, actual, expected):
    assert score(target, actual).score == expected


def test_formulas_are_named():
    assert score("≥95%", "90%").formula is Formula.HIGHER
    assert score("≤5%", "6%").formula is Formula.LOWER
    assert score("前3名", "第5名").formula is Formula.LOWER
    assert score("=0", "0").formula is Formula.ZERO
    assert score("1-2年", "3年").formula is Formula.RANGE
    assert score("11月底前", "10月20日").formula is Formula.DEADLINE
    assert score("显著提升", "", status=Achievement.MET, entered=10).formula is Formula.QUALITATIVE


def test_scores_scale_with_the_weight():
    assert score("≥95%", "90%", 8.33).score == 7.89  # 90 ÷ 95 × 8.33 = 7.8915…
    assert score("≤5%", "7%", 18.75).score == 11.25  # 0.6 × 18.75


def test_rounding_is_half_up_on_the_printed_number():
    assert round2(9.475) == 9.48
    assert round2(0.125) == 0.13
    assert round2(2.675) == 2.68  # not the 2.67 binary rounding gives


def test_a_name_the_profile_calls_lower_is_better(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[indicators]\nlower_is_better_names = ["投诉"]\n', "utf-8")
    profile = load_selfeval_profile(path)
    reported = IndicatorActual("投诉次数", parse_target_value("15次"), causes=OTHER)
    # =10次 would be higher-is-better; named lower-is-better: (1 − 5 ÷ 10) × 10 = 5
    assert (
        score_indicator("投诉次数", parse_target_value("=10次"), reported, 10, profile=profile).score == 5.0
    )


# -- over-achievement ---------------------------------------------------------------------------------


def test_over_achievement_is_flagged_from_120_percent_without_a_deduction():
    assert not score("≥100人", "119人").over_achieved
    edge = score("≥100人", "120人")
    assert (edge.over_achieved, edge.score, "over-achieved" in codes(edge)) == (True, 10.0, True)
    assert not score("≤100人", "10人").over_achieved  # only higher-is-better


def test_a_profile_may_deduct_the_share_beyond_the_threshold(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text("[selfeval]\nover_reduce = true\n", "utf-8")
    profile = load_selfeval_profile(path)

    def reduced(actual):
        reported = IndicatorActual("人数", parse_target_value(actual))
        return score_indicator("人数", parse_target_value("≥100人"), reported, 10, profile=profile).score

    assert reduced("120人") == 10.0  # at the threshold: nothing beyond it
    assert reduced("130人") == 9.0  # 1.30 − 1.20 = 10 % beyond: 0.9 × 10
    assert reduced("250人") == 0.0  # 130 % beyond: floored at 0


# -- deadlines ------------------------------------------------------------------------------------------


def test_deadlines_on_time_late_and_overdue(tmp_path):
    assert score("11月底前", "10月20日").score == 10.0  # done before November's end
    assert score("11月底前", "已完成").score == 10.0  # a done word
    assert score("11月底前", "", status=Achievement.MET).score == 10.0
    late = score("11月底前", "12月5日")  # late: the default rule gives 0
    assert (late.score, codes(late)) == (0.0, ["late"])
    overdue = score("11月底前", "推进中")
    assert (overdue.score, codes(overdue)) == (0.0, ["overdue"])
    pending = score("2027年10月底前", "推进中")  # not due at the end of 2023
    assert (pending.score, "not-due" in codes(pending)) == (10.0, True)
    path = tmp_path / "p.toml"
    path.write_text("[selfeval]\nlate_share = 0.5\n", "utf-8")
    profile = load_selfeval_profile(path)
    reported = IndicatorActual("完成时间", parse_target_value("12月5日"), causes=OTHER)
    assert (
        score_indicator(
            "完成时间", parse_target_value("11月底前"), reported, 10, year=2023, profile=profile
        ).score
        == 5.0
    )


# -- qualitative: status and an entered score in its band ----------------------------------------------


@pytest.mark.parametrize(
    ("status", "entered", "allowed"),
    [
        (Achievement.MET, 10.0, True),
        (Achievement.MET, 8.0, True),  # 80 % of 10: the lower edge is in
        (Achievement.MET, 7.99, False),
        (Achievement.PARTLY, 7.99, True),
        (Achievement.PARTLY, 8.0, False),  # 80 % is 达成's, not 部分达成's
        (Achievement.PARTLY, 6.0, True),  # 60 %: in
        (Achievement.PARTLY, 5.99, False),
        (Achievement.NOT_MET, 5.99, True),
        (Achievement.NOT_MET, 6.0, False),
        (Achievement.NOT_MET, 0.0, True),
    ],
)
def test_qualitative_score_ranges_at_their_edges(status, entered, allowed):
    result = score("显著提升", "", status=status, entered=entered)
    assert (result.score == entered) is allowed
    assert ("qualitative-range" not in codes(result)) is allowed


def test_a_qualitative_score_outside_its_range_is_an_error_naming_the_range():
    problem = qualitative_problem("师生满意度", Achievement.PARTLY, 8.5, 10.0)
    assert problem is not None and problem.error
    assert problem.message.startswith("“师生满意度”为部分达成，得分须在 6.00 至 8.00 分之间（不含 8.00）")
    met = qualitative_problem("群众生活改善", Achievement.MET, 7.0, 10.0)
    assert met is not None and "得分须在 8.00 至 10.00 分之间，" in met.message
    result = score("显著提升", "", status=Achievement.PARTLY, entered=8.5)
    assert (result.score, [f.error for f in result.findings]) == (0.0, [True])  # no cause asked on top


def test_a_qualitative_indicator_needs_its_status_and_score():
    no_status = score("显著提升", "工作推进顺利")
    assert (codes(no_status), no_status.findings[0].error) == (["no-status"], True)
    no_score = score("显著提升", "", status=Achievement.PARTLY)
    assert codes(no_score) == ["no-score"]
    assert "6.00 至 8.00 分（不含）" in no_score.findings[0].message
    typed = score("显著提升", "达成", entered=9.0)  # the status typed as the actual
    assert (typed.score, typed.findings) == (9.0, ())


def test_text_where_a_number_was_wanted_is_scored_by_its_status():
    result = score("≥95%", "基本完成", status=Achievement.PARTLY, entered=7.0)
    assert (result.score, result.formula, codes(result)) == (7.0, Formula.QUALITATIVE, ["not-numeric"])


def test_nothing_reported_scores_nothing():
    reported = IndicatorActual("指标")
    result = score_indicator("指标", parse_target_value("≥95%"), reported, 10, profile=PROFILE)
    assert (result.score, result.formula, codes(result)) == (0.0, None, ["no-actual"])
    assert score_indicator("指标", parse_target_value("≥95%"), None, 10, profile=PROFILE).score == 0.0


# -- causes and findings --------------------------------------------------------------------------------


def test_a_cause_is_required_wherever_points_are_lost():
    missing = score("≥95%", "90%", causes=())
    assert (codes(missing), missing.findings[0].error) == (["cause-missing"], True)
    assert "得分 9.47 低于分值 10.00" in missing.findings[0].message
    assert score("≥95%", "90%", causes=(), cause_note="原因：疫情").findings == ()  # a note will do


def test_a_full_score_with_a_cause_or_unmet_words_is_a_finding_not_an_error():
    full = score("≥95%", "96%", causes=(Cause.FUNDING,))
    assert codes(full) == ["cause-with-full-score"] and not full.findings[0].error
    unmet = score("≥95%", "96%", causes=(), measures="仍有部分未完成")
    assert codes(unmet) == ["unmet-text"]
    assert score("≥95%", "96%", causes=()).findings == ()


# -- budget ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("budget", "expected", "rate", "findings"),
    [
        (Budget(planned=200.0, executed=190.0), 9.5, 95.0, []),
        (Budget(planned=200.0, adjusted=250.0, executed=200.0), 8.0, 80.0, []),  # 全年预算数 = adjusted
        (Budget(planned=300.0, executed=100.0), 3.33, 100 / 3, []),  # 3.333 → 3.33
        (Budget(planned=200.0, executed=-5.0), 0.0, 0.0, []),  # negative spending counts as 0
        (Budget(planned=0.0, executed=10.0), None, None, ["budget-zero"]),
        (Budget(executed=10.0), None, None, ["budget-missing"]),
        (Budget(planned=100.0), None, None, ["executed-missing"]),
    ],
)
def test_budget_scores_and_what_cannot_be_divided(budget, expected, rate, findings):
    result = score_budget(budget)
    assert result.score == expected
    assert result.execution_rate == (None if rate is None else pytest.approx(rate))
    assert [f.code for f in result.findings] == findings


# -- weights --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        # 2 产出 (25 each), 2 效益 (15 each), 1 满意度 (10)
        ([OUTPUT, OUTPUT, EFFECT, EFFECT, SATISFACTION], [25.0, 25.0, 15.0, 15.0, 10.0]),
        # 成本 shares 产出's 50: 成本, 成本 and 4 产出 → 50 ÷ 6 = 8.333…, the 2 spare cents to the first two
        (
            [COST, COST, OUTPUT, OUTPUT, OUTPUT, OUTPUT, EFFECT, EFFECT, SATISFACTION],
            [8.34, 8.34, 8.33, 8.33, 8.33, 8.33, 15.0, 15.0, 10.0],
        ),
        # no 满意度: its 10 to 产出 and 效益 pro rata 50 : 30 → 产出 56.25, 效益 33.75
        ([OUTPUT, OUTPUT, EFFECT], [28.13, 28.12, 33.75]),
        ([OUTPUT, EFFECT, EFFECT, EFFECT], [56.25, 11.25, 11.25, 11.25]),
        # no 效益 either: 产出 takes all 90 (its own 50, 满意度's and 效益's pro rata — to it alone)
        ([OUTPUT, OUTPUT, OUTPUT], [30.0, 30.0, 30.0]),
        # no 产出: 效益 30 and 满意度 10 share 产出's 50 pro rata 3 : 1 → 效益 67.5, 满意度 22.5
        ([EFFECT, SATISFACTION], [67.5, 22.5]),
        # a department's annual indicators have no 一级: 90 shared equally, 90 ÷ 7 = 12.857…
        ([None] * 7, [12.86, 12.86, 12.86, 12.86, 12.86, 12.85, 12.85]),
        ([], []),
    ],
)
def test_default_weights(levels, expected):
    weights = default_weights(levels, PROFILE)
    assert weights == expected
    if levels:
        assert round(sum(weights), 2) == 90.0


def test_weights_when_cost_has_its_own_points_or_satisfaction_goes_elsewhere(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(
        '[selfeval]\ncost_shares_output = false\nmissing_satisfaction = "output"\n'
        "[selfeval.weights]\noutput = 40\ncost = 10\n",
        "utf-8",
    )
    profile = load_selfeval_profile(path)
    # 成本 10, 产出 40, 效益 30, 满意度 10
    assert default_weights([COST, OUTPUT, EFFECT, SATISFACTION], profile) == [10.0, 40.0, 30.0, 10.0]
    # no 满意度: all of its 10 to 产出 → 50
    assert default_weights([COST, OUTPUT, EFFECT], profile) == [10.0, 50.0, 30.0]


def record_with(weights, causes=OTHER):
    doc = document(
        project(
            (Level1.OUTPUT, Level2.QUANTITY, "培训人数", "≥100人"),
            (Level1.EFFECT, Level2.SOCIAL_BENEFIT, "收入增长", "≥10%"),
        )
    )
    indicators = (
        IndicatorActual("培训人数", parse_target_value("80人"), weight=weights[0], causes=causes),
        IndicatorActual("收入增长", parse_target_value("10%"), weight=weights[1]),
    )
    actuals = Actuals(
        2023, 12, (ActualRecord("项目甲", budget=Budget(100.0, None, 100.0), indicators=indicators),)
    )
    return evaluate(doc, actuals).projects[0]


def test_the_units_own_weights_when_they_sum_to_90():
    record = record_with((60.0, 30.0))
    # 80 ÷ 100 × 60 = 48; 30; budget 10 → 88 → 良
    assert [i.weight for i in record.indicators] == [60.0, 30.0]
    assert (record.indicator_score, record.total, record.grade) == (78.0, 88.0, Grade.GOOD)


def test_weights_that_do_not_sum_to_90_are_a_finding_and_the_defaults_apply():
    record = record_with((60.0, 40.0))
    assert [f.code for f in record.findings] == ["weights"]
    assert "合计 100.00，应为 90.00" in record.findings[0].message
    # defaults with no 满意度: 产出 56.25, 效益 33.75; 80 ÷ 100 × 56.25 = 45
    assert [i.weight for i in record.indicators] == [56.25, 33.75]
    assert record.indicator_score == 78.75
    partly = record_with((60.0, None))
    assert "只有 1 个指标（共 2 个）填写了分值" in partly.findings[0].message


# -- warnings, totals, grades ---------------------------------------------------------------------------


def one_met(score, weight=90.0, executed=100.0, planned=100.0):
    doc = document(project((Level1.OUTPUT, Level2.QUANTITY, "工作完成", "完成")))
    reported = IndicatorActual("工作完成", status=Achievement.MET, weight=weight, score=score, causes=OTHER)
    record = ActualRecord("项目甲", budget=Budget(planned, None, executed), indicators=(reported,))
    return evaluate(doc, Actuals(2023, 12, (record,))).projects[0]


def bands(record):
    return [f.band for f in record.findings if f.band]


def test_red_warning_edge_is_strictly_more_than_5_percent():
    # s = 90 → rate 1.0; execution 95 % → (1 − 0.95) ÷ 1 = 5 %: not more than 5 % → no red
    assert bands(one_met(90.0, executed=95.0)) == []
    # execution 94.9 % → e = 9.49 ÷ 10; (1 − 0.949) ÷ 1 = 5.1 % → red
    assert bands(one_met(90.0, executed=94.9)) == [Band.RED]
    # s = 72 → rate 0.8; execution 80 %: equal → nothing (80 % is not below 80 %)
    assert bands(one_met(72.0, executed=80.0)) == []


def test_yellow_warning_below_80_percent_execution():
    # s = 72 → 0.8; execution 79.9 %: (0.8 − 0.799) ÷ 0.8 = 0.125 % → no red; 79.9 < 80 → yellow
    assert bands(one_met(72.0, executed=79.9)) == [Band.YELLOW]
    # s = 90, execution 50 %: red and yellow
    assert bands(one_met(90.0, executed=50.0)) == [Band.RED, Band.YELLOW]


def test_no_red_warning_without_a_budget_score():
    record = one_met(90.0, planned=0.0, executed=0.0)
    assert [f.code for f in record.budget.findings] == ["budget-zero"]
    assert (record.budget.score, record.total, bands(record)) == (None, 90.0, [])  # 90 + nothing


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (100, Grade.EXCELLENT),
        (90, Grade.EXCELLENT),
        (89.99, Grade.GOOD),
        (80, Grade.GOOD),
        (79.99, Grade.FAIR),
        (60, Grade.FAIR),
        (59.99, Grade.POOR),
        (0, Grade.POOR),
    ],
)
def test_grade_band_edges(total, grade):
    assert grade_of(total, PROFILE.grades) is grade


def test_each_grade_carries_its_consequence():
    # 达成 90 + 10 = 100 优; 74 + 10 = 84 良 (74 ≥ 72); 部分达成 needs [54, 72): 55 + 10 = 65 中
    assert one_met(90.0).consequence == "优先保障"
    assert one_met(74.0).consequence == "保障"
    poor = one_met(72.0, executed=0.0)  # 72 + 0 = 72 → 中 (budget 0 of 10)
    assert (poor.total, poor.grade, poor.consequence) == (72.0, Grade.FAIR, "压缩")


def test_a_poor_project():
    doc = document(project((Level1.OUTPUT, Level2.QUANTITY, "培训人数", "≥100人")))
    reported = IndicatorActual("培训人数", parse_target_value("50人"), causes=OTHER)
    actuals = Actuals(
        2023, 12, (ActualRecord("项目甲", budget=Budget(100.0, None, 50.0), indicators=(reported,)),)
    )
    record = evaluate(doc, actuals).projects[0]
    # the only indicator takes all 90: 50 ÷ 100 × 90 = 45; budget 5; 50 → 差, 取消; 50 % execution → yellow
    assert (record.indicator_score, record.budget.score, record.total) == (45.0, 5.0, 50.0)
    assert (record.grade, record.consequence, bands(record)) == (Grade.POOR, "取消", [Band.YELLOW])


# -- the whole run: matching, departments, notes --------------------------------------------------------


def test_departments_are_scored_over_their_annual_indicators_and_funds():
    department = Department(
        "某局",
        annual_indicators=(
            DepartmentIndicator("会商研判会议次数", parse_target_value("≥24次")),
            DepartmentIndicator("突发事件处理次数", parse_target_value("≤5次")),
            DepartmentIndicator("群众满意度", parse_target_value("≥90%")),
        ),
    )
    reported = (
        IndicatorActual("会商研判会议次数", parse_target_value("18次"), causes=OTHER),
        IndicatorActual("突发事件处理次数", parse_target_value("7次"), causes=OTHER),
        IndicatorActual("群众满意度", parse_target_value("95%")),
    )
    actuals = Actuals(
        2023, 12, departments=(ActualRecord("某局", budget=Budget(1000.0, None, 900.0), indicators=reported),)
    )
    record = evaluate(document(departments=(department,)), actuals).departments[0]
    # 90 ÷ 3 = 30 each: 18 ÷ 24 × 30 = 22.5; (1 − 2 ÷ 5) × 30 = 18; 30. Budget 900 ÷ 1000 × 10 = 9.
    assert [(i.weight, i.score) for i in record.indicators] == [(30.0, 22.5), (30.0, 18.0), (30.0, 30.0)]
    assert (record.indicator_score, record.budget.score, record.total, record.grade) == (
        70.5,
        9.0,
        79.5,
        Grade.FAIR,
    )
    assert "subordinate_units" not in record.to_json()


def test_a_departments_units_and_deviation_note_come_with_its_result():
    """部门整体支出绩效自评表: 下属单位个数 and 预算执行偏差说明 as reported, in the result and its JSON."""
    department = Department(
        "某局", annual_indicators=(DepartmentIndicator("会议次数", parse_target_value("≥24次")),)
    )
    reported = ActualRecord(
        "某局",
        budget=Budget(1000.0, None, 700.0),
        indicators=(IndicatorActual("会议次数", parse_target_value("24次")),),
        subordinate_units=5,
        budget_note="年底资金拨付滞后",
    )
    record = evaluate(
        document(departments=(department,)), Actuals(2023, 12, departments=(reported,))
    ).departments[0]
    assert (record.subordinate_units, record.budget_note) == (5, "年底资金拨付滞后")
    assert (
        record.to_json()["subordinate_units"] == 5 and record.to_json()["budget_note"] == "年底资金拨付滞后"
    )


def test_what_matches_nothing_and_what_is_not_reported_are_notes():
    doc = document(
        project((Level1.OUTPUT, Level2.QUANTITY, "培训人数", "≥100人")),
        project((Level1.OUTPUT, Level2.QUANTITY, "培训人数", "≥100人"), name="项目乙"),
    )
    actuals = Actuals(
        2022,
        6,
        (
            ActualRecord(
                "项目甲",
                budget=Budget(100.0, None, 100.0),
                indicators=(
                    IndicatorActual("培训人数", parse_target_value("100人")),
                    IndicatorActual("不存在的指标", parse_target_value("1")),
                ),
            ),
            ActualRecord("项目丙"),
        ),
    )
    result = evaluate(doc, actuals)
    assert [n.code for n in result.notes] == ["not-year-end", "no-target", "no-actual", "year-mismatch"]
    assert [f.code for f in result.projects[0].findings] == ["indicator-no-target"]
    assert result.projects[0].total == 100.0


def test_the_json_carries_the_contract_fields():
    data = record_with((60.0, 30.0)).to_json()
    assert {"name", "indicators", "indicator_score", "budget_score", "total", "grade", "warnings"} <= set(
        data
    )
    assert data["indicators"][0] | {} == data["indicators"][0]
    assert {k: data["indicators"][0][k] for k in ("name", "weight", "score")} == {
        "name": "培训人数",
        "weight": 60.0,
        "score": 48.0,
    }
    assert (data["grade"], data["consequence"], data["budget_score"]) == ("良", "保障", 10.0)

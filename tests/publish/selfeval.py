"""A year-end self-evaluation to publish in tests: the FULL document's targets and hand-made actuals of December.

Worked by hand with the default profile (预算执行率 10; 成本 shares 产出's 50; 效益 30; 满意度 10):

- 高标准农田建设: 成本 + 产出 four indicators at 12.5, 效益 two at 15, 满意度 10. 17 of 19万亩: 17 ÷ 19 × 12.5 =
  11.18; 长效管护机制 部分达成 10.5 (in [9, 12)); the rest full: 37.5 + 11.18 + 15 + 10.5 + 10 = 84.18. Budget
  1080 of 1350 (adjusted): 8.00. Total 92.18 → 优; s/90 = 0.935 against e = 0.8 → red.
- 城市居民最低生活保障: 产出 two at 25, 效益 30, 满意度 10. 600 of 944人: 15.89; 困难群众基本生活 未达成 10
  (in [0, 18)); 满意度 达成 8.5: 15.89 + 25 + 10 + 8.5 = 59.39. Budget 100 of 218: 4.59. Total 63.98 → 中, red
  and yellow (45.9 % < 80 %).
- 某市消防救援支队 (部门整体): two annual indicators at 45: 24次 full, 火灾起数 达成 40 → 85. Budget 5100 of 5200:
  9.81. Total 94.81 → 优. 12 下属单位, a 预算执行偏差说明.
"""

from __future__ import annotations

from jixiao.domain import (
    Achievement,
    ActualRecord,
    Actuals,
    Budget,
    BudgetSource,
    Cause,
    IndicatorActual,
    parse_target_value,
)
from jixiao.evaluate.selfeval import evaluate
from tests.publish.fixtures import FULL

TARGETS = FULL
FARMLAND, ALLOWANCE = FULL.projects[0], FULL.projects[1]
FIRE, CIVIL = FULL.departments[0], FULL.departments[1]


def _i(name: str, actual: str | None, **kw: object) -> IndicatorActual:
    return IndicatorActual(name, parse_target_value(actual), **kw)  # type: ignore[arg-type]


ACTUALS = Actuals(
    year=2023,
    month=12,
    projects=(
        ActualRecord(
            FARMLAND.name,
            FARMLAND.code,
            Budget(
                1300.0,
                1350.0,
                1080.0,
                sources=(
                    BudgetSource("财政资金", 1200.5, 1250.0, 1000.0),
                    BudgetSource("其他资金", 99.5, 100.0, 80.0),
                ),
            ),
            "新建高标准农田17万亩，验收全部合格。",
            (
                _i("亩均投入", "1480元/亩"),
                _i(
                    "新增高标准农田面积",
                    "17万亩",
                    causes=(Cause.FUNDING, Cause.STAFF),
                    cause_note="配套资金晚到位",
                    measures="督促资金到位，加快施工",
                ),
                _i("验收合格率", "100%"),
                _i("完成时间", "已完成"),
                _i("亩均增产", "55公斤"),
                _i(
                    "长效管护机制",
                    None,
                    status=Achievement.PARTLY,
                    score=10.5,
                    causes=(Cause.RULES,),
                    measures="制定管护办法",
                ),
                _i("农户满意度", "92%"),
            ),
        ),
        ActualRecord(
            ALLOWANCE.name,
            None,
            Budget(218.0, None, 100.0),
            "保障对象600人。",
            (
                _i("保障人数", "600人", causes=(Cause.STAFF,), cause_note="核查后退出344人"),
                _i("补助标准", "2974.16元/月/人"),
                _i(
                    "困难群众基本生活",
                    "未达成",
                    status=Achievement.NOT_MET,
                    score=10.0,
                    causes=(Cause.OTHER,),
                    measures="加强动态管理",
                ),
                _i(
                    "受益群众满意度",
                    None,
                    status=Achievement.MET,
                    score=8.5,
                    causes=(Cause.OTHER,),
                    cause_note="个别群众对办理时限不满意",
                ),
            ),
        ),
    ),
    departments=(
        ActualRecord(
            FIRE.name,
            FIRE.code,
            Budget(5000.0, 5200.0, 5100.0),
            None,
            (
                _i("意识形态会商研判会议次数", "24次"),
                _i(
                    "火灾起数",
                    None,
                    status=Achievement.MET,
                    score=40.0,
                    causes=(Cause.OTHER,),
                    cause_note="冬季火灾偏多",
                ),
            ),
            subordinate_units=12,
            budget_note="年中追加预算200万元，执行正常。",
        ),
    ),
)

RESULT = evaluate(TARGETS, ACTUALS)

"""指标归类 among 效益指标: an effect filed under the kind it evidently is not.

财预〔2020〕10号 and 财预〔2021〕101号 split 效益指标 by what changes: 经济效益 an economic quantity (income,
output, money saved, jobs), 生态效益 the natural environment (air, water, green space, emissions, energy). A
name and value that speak of neither — 管理水平 under 经济效益, 灯容灯貌 under 生态效益 — belong to 社会效益
(or are no effect at all), and self-evaluation scores them under the wrong heading. Only the name and the
value are read: an explanation that adds “促进经济发展” to an environmental-sanitation row does not make
clean streets an economic effect.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain import Level2, Project
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import indicator_hit

# Words of an economic effect: money, output, markets, jobs; and what saves money (节能, 使用寿命).
ECONOMIC_WORDS = (
    "经济",
    "收入",
    "增收",
    "收益",
    "产",  # 产值, 产量, 产业, 增产, 生产
    "增加值",
    "销售",
    "利润",
    "税",
    "投资",
    "融资",
    "外资",
    "金融",
    "贷款",
    "担保",
    "放大倍数",
    "负担",
    "带动",
    "农",  # 农业, 农民, 农户: farm income and output
    "耕地",
    "资金",
    "成本",
    "费用",
    "节约",
    "节省",
    "节支",
    "节能",
    "价格",
    "就业",
    "创业",
    "营业",
    "营收",
    "企业",
    "商",
    "贸",
    "消费",
    "旅游",
    "效益",
    "寿命",
    "损失",
    "财政",
    "GDP",
    "市场",
    "增值",
    "脱贫",
    "致富",
    "元",
)
# Words of an ecological effect: the natural environment and what burdens it.
ECOLOGICAL_WORDS = (
    "生态",
    "环境",
    "环保",
    "绿",
    "森林",
    "林",
    "树",
    "植",
    "草",
    "花",
    "水",
    "河",
    "湖",
    "海",
    "湿地",
    "空气",
    "大气",
    "气候",
    "污染",
    "排放",
    "减排",
    "节能",
    "能耗",
    "能源",
    "碳",
    "土壤",
    "土地",
    "耕地",
    "垃圾",
    "废",
    "噪",
    "尘",
    "PM",
    "虫",
    "病害",
    "生物",
    "物种",
    "鸟",
    "动物",
    "资源",
    "公园",
    "卫生",
    "农药",
    "化肥",
    "秸秆",
    "沙",
    "蓝天",
    "灾",  # natural hazards: 灾害防御, 防灾
    "国土",
)
_KINDS = {Level2.ECONOMIC_BENEFIT: ECONOMIC_WORDS, Level2.ECOLOGICAL_BENEFIT: ECOLOGICAL_WORDS}


def off_kind(level2: Level2, name: str, value: str) -> bool:
    """Under 经济效益 or 生态效益, a name and value with no word of that kind of effect."""
    words = _KINDS.get(level2)
    if words is None or not lexicon.is_meaningful_name(name):
        return False
    text = (name + value).upper()
    return not any(w.upper() in text for w in words)


@rule(
    id="EFFECT-KIND-MISMATCH",
    title="效益指标的类别与内容不符",
    message="“{name}”（{value}）说的不是{kind}，却列在{level2}下",
    suggestion="经济效益反映收入、产出、节约资金等经济方面的效果，生态效益反映环境、资源方面的效果；"
    "管理水平、公共服务、市容等方面的效果列入社会效益指标。",
    family=Family.CATEGORY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis="财预〔2020〕10号、财预〔2021〕101号：效益指标分经济效益、社会效益、生态效益和可持续影响，各反映相应方面的效果",
    scope=Scope.PROJECT,
)
def effect_kind_mismatch(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if off_kind(ind.level2, ind.name, ind.value.raw):
            kind = "经济方面的效果" if ind.level2 is Level2.ECONOMIC_BENEFIT else "生态环境方面的效果"
            yield indicator_hit(ind, kind=kind)

"""要素完整 of template rows: a 效益 kind written off as 不适用 by a project that is evidently about it.

A template prints every 二级 category; a row filled 不适用 says the category does not apply. For most projects
that is honest, but a forest-protection project whose 生态效益 row says 不适用 has written off the very effect it
is paid for. The categories the framework always requires (数量/质量/时效/成本, some 效益, 满意度 for a public
service) are LEVEL1-MISSING's, OUTPUT-LEVEL2-MISSING's and COST-MISSING's findings, which show the 不适用 rows.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain import Level2, Project
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule

# Words in a project's name or goal that make an effect kind its purpose (stronger than ECOLOGICAL_WORDS:
# 环境 alone may be a street's appearance).
PURPOSE_WORDS = {
    Level2.ECOLOGICAL_BENEFIT: (
        "生态",
        "森林",
        "林业",
        "林带",
        "绿化",
        "污染",
        "大气",
        "水质",
        "减排",
        "节能",
        "环保",
        "碳",
    ),
    Level2.ECONOMIC_BENEFIT: ("增收", "产业发展", "经济发展", "招商", "产值", "就业", "创业"),
}


@rule(
    id="PLACEHOLDER-IN-NEEDED-CATEGORY",
    title="项目针对的效益类别填了“不适用”",
    message="{level2}填了“不适用”，但项目{where}写的正是这类效果（“{word}”）",
    suggestion="为项目所针对的效果设置效益指标（如森林防火、有害生物防治项目的生态效益）；确不适用的应说明理由。",
    family=Family.COMPLETENESS,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.WARNING,
    basis="财预〔2020〕10号、财预〔2021〕101号：效益指标反映项目预期达到的经济、社会、生态效益和可持续影响",
    scope=Scope.PROJECT,
)
def placeholder_in_needed_category(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    present = {i.level2 for i in project.indicators}
    declared = {p.level2 for p in project.placeholders if p.text.strip()}
    for level2, words in PURPOSE_WORDS.items():
        if level2 in present or level2 not in declared:
            continue
        for where, text in (("名称", project.name), ("年度目标", project.goal or "")):
            if word := next((w for w in words if w in text), None):
                yield Hit(
                    facts={"level2": level2.value, "where": where, "word": word},
                    evidence=((level2.value, "不适用"), (f"项目{where}", text)),
                    line=project.line,
                )
                break

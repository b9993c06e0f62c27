"""Small builders for domain objects, so each rule test states only what it is about."""

from __future__ import annotations

from jixiao.domain import (
    Department,
    DepartmentIndicator,
    Document,
    Funds,
    Indicator,
    Level2,
    Project,
    Reference,
    Source,
    SpendingPoint,
    level1_of,
    parse_target_value,
)
from jixiao.review import Report, check_document, load_profile

L2 = {
    "数量": Level2.QUANTITY,
    "质量": Level2.QUALITY,
    "时效": Level2.TIMELINESS,
    "成本": Level2.COST,
    "经济成本": Level2.ECONOMIC_COST,
    "经济效益": Level2.ECONOMIC_BENEFIT,
    "社会效益": Level2.SOCIAL_BENEFIT,
    "生态效益": Level2.ECOLOGICAL_BENEFIT,
    "可持续": Level2.SUSTAINABILITY,
    "满意度": Level2.SATISFACTION,
}


def ind(level2: str, name: str, value: str, line: int = 0, description: str | None = None) -> Indicator:
    l2 = L2[level2]
    return Indicator(level1_of(l2), l2, name, parse_target_value(value), description, line or None)


BASE = (
    ind("数量", "培训人数", "≥300人", 10),
    ind("质量", "培训合格率", "≥95%", 11),
    ind("时效", "资金拨付及时率", "100%", 12),
    ind("成本", "培训成本", "≤100万元", 13),
    ind("社会效益", "带动就业人数", "≥50人", 14),
    ind("满意度", "培训对象满意度", "≥90%", 15),
)


def project(*indicators: Indicator, budget: float | None = 100.0, base: bool = True, **kw: object) -> Project:
    """A well-formed project (no findings) plus the given indicators."""
    kw.setdefault("goal", "完成培训任务")
    return Project(
        name=str(kw.pop("name", "测试项目")),
        funds=kw.pop("funds", Funds(total=budget)),  # type: ignore[arg-type]
        indicators=(BASE if base else ()) + indicators,
        line=int(kw.pop("line", 1)),  # type: ignore[call-overload]
        **kw,  # type: ignore[arg-type]
    )


def row(name: str, value: str, line: int = 0, **kw: object) -> DepartmentIndicator:
    ref = kw.pop("reference", None) or Reference()
    return DepartmentIndicator(name, parse_target_value(value), reference=ref, line=line or None, **kw)  # type: ignore[arg-type]


def department(
    annual: tuple[DepartmentIndicator, ...] = (),
    strategic: tuple[DepartmentIndicator, ...] = (),
    name: str = "测试局",
) -> Department:
    annual = annual or (row("年度指标", "≥1次", 90, duty_no=1),)
    return Department(name, strategic_indicators=strategic, annual_indicators=annual, line=80)


def document(
    *projects: Project, departments: tuple[Department, ...] = (), year: int = 2022, preface: str | None = None
) -> Document:
    return Document(
        Source("test.txt", "0" * 64), year=year, preface=preface, projects=projects, departments=departments
    )


def check(doc: Document, profile: str = "default") -> Report:
    return check_document(doc, load_profile(profile))


def rules_hit(doc: Document, profile: str = "default") -> list[tuple[str, int | None]]:
    return [(f.rule, f.line) for f in check(doc, profile).findings]


def fired(doc: Document, rule_id: str) -> list[int | None]:
    return [f.line for f in check(doc).findings if f.rule == rule_id]


__all__ = ["SpendingPoint", "check", "department", "document", "fired", "ind", "project", "row", "rules_hit"]

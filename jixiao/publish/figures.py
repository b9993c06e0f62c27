"""The numbers a 编报说明 states, computed from the tables rather than typed by hand.

Hand-written prefaces drift from their tables (linzi 2022 states 4.48亿元 for tables that add up to
44,882.61万元), so the published preface takes every figure from here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jixiao.domain import Document, Framework
from jixiao.domain.values import format_number

FRAMEWORK_TEXT: dict[Framework, str] = {
    Framework.F2020: (
        "产出指标（包括数量指标、质量指标、时效指标、成本指标）、效益指标（经济效益、社会效益、生态效益、"
        "可持续影响）和服务对象满意度指标"
    ),
    Framework.F2021: (
        "成本指标（经济成本、社会成本、生态环境成本）、产出指标（数量指标、质量指标、时效指标）、"
        "效益指标（经济效益、社会效益、生态效益、可持续影响）和服务对象满意度指标"
    ),
}


@dataclass(frozen=True, slots=True)
class Figures:
    """What the 编报说明 states about the selection."""

    projects: int
    project_departments: int  # distinct 主管部门 among the projects
    departments: int  # departments with 部门整体绩效目标 tables
    total_wan: float  # 万元
    fund_types: tuple[str, ...]
    framework: Framework
    indicators: int

    @property
    def total_yi(self) -> float:
        """The total in 亿元, truncated to two decimals: a statement must never overstate the money."""
        return math.floor(self.total_wan / 100.0 + 1e-9) / 100.0


def compute(doc: Document) -> Figures:
    departments = {p.department for p in doc.projects if p.department}
    fund_types = tuple(dict.fromkeys(p.fund_type for p in doc.projects if p.fund_type))
    return Figures(
        projects=len(doc.projects),
        project_departments=len(departments),
        departments=len(doc.departments),
        total_wan=round(doc.total_funds, 6),
        fund_types=fund_types,
        framework=doc.framework,
        indicators=sum(len(p.indicators) for p in doc.projects),
    )


def _names(items: list[str], limit: int = 3) -> str:
    return "、".join(items[:limit])


def preface(doc: Document) -> str:
    """A 编报说明 in the customary wording， every figure computed；paragraphs separated by newlines."""
    f = compute(doc)
    issuer = doc.issuer or "财政部门"
    year = f"{doc.year}年" if doc.year else ""
    parts = []
    selection = f"按照《预算法》及其实施条例和人大要求，{year}{issuer}充分考虑党委政府关注度、社会影响力等因素，"
    if f.projects:
        names = _names([p.name for p in doc.projects])
        selection += (
            f"选取了{names}等{f.projects}个项目绩效目标，涉及部门{f.project_departments}个、"
            f"资金{format_number(round(f.total_wan, 2))}万元（约{format_number(f.total_yi)}亿元）"
        )
        if f.fund_types:
            selection += f"，资金性质包括{'、'.join(f.fund_types)}"
    if f.departments:
        names = _names([d.name for d in doc.departments])
        selection += ("；并" if f.projects else "") + f"选取了{names}等{f.departments}个部门整体绩效目标"
    parts.append(selection + "，向人大汇报并向社会公开。")
    parts.append(
        "按照\u201c谁申请资金，谁编制目标\u201d的原则，绩效目标由业务主管部门、资金使用单位编报，"
        "预算部门和财政部门进行\u201c双审核\u201d。"
    )
    if f.projects:
        parts.append(
            f"项目绩效目标从{FRAMEWORK_TEXT[f.framework]}等方面设置了{f.indicators}项指标和指标值，"
            f"反映财政资金预计可达到的产出和效果。"
        )
    if f.departments:
        parts.append(
            "部门整体绩效目标围绕部门职责、行业发展规划，以预算资金为主线，反映部门整体及核心业务实施效果，"
            "并列示指标参考值。"
        )
    return "\n".join(parts)

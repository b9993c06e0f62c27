"""Small disclosures built from domain objects, for tests that must not wait on the text reader."""

from __future__ import annotations

from jixiao.domain import (
    Department,
    DepartmentIndicator,
    Document,
    Funds,
    Indicator,
    Level2,
    Project,
    ReadWarning,
    Reference,
    Source,
    SpendingPoint,
    parse_target_value,
)


def indicator(level2: Level2, name: str, value: str, line: int) -> Indicator:
    from jixiao.domain.taxonomy import level1_of

    return Indicator(
        level1=level1_of(level2), level2=level2, name=name, value=parse_target_value(value), line=line
    )


def small_document(sha: str = "a" * 64, n_projects: int = 2) -> Document:
    """A 2020-framework disclosure: ``n_projects`` projects in two departments, one department table."""
    projects = tuple(
        Project(
            name=f"农村饮水安全工程{n}" if n % 2 else f"中小学校舍维修{n}",
            code=f"37030522{n:04d}",
            category="特定目标类项目",
            department="区水利局" if n % 2 else "区教育局",
            department_code="305" if n % 2 else "301",
            unit="区水利事业服务中心" if n % 2 else "区教育事业服务中心",
            fund_type="一般公共预算",
            funds=Funds(total=100.0 + n, fiscal=100.0 + n, other=0.0),
            purpose="工程建设",
            spending_plan=(SpendingPoint("6月底", 50.0), SpendingPoint("12月底", 100.0 + n)),
            goal="保障农村居民饮水安全" if n % 2 else "改善办学条件",
            indicators=(
                indicator(Level2.QUANTITY, "受益人口" if n % 2 else "维修校舍面积", "≥12000人", 10 * n + 1),
                indicator(Level2.COST, "工程总成本", "≤100万元", 10 * n + 2),
                indicator(Level2.SOCIAL_BENEFIT, "水质达标率", "≥98%", 10 * n + 3),
                indicator(Level2.SATISFACTION, "群众满意度", "≥90%", 10 * n + 4),
            ),
            line=10 * n,
        )
        for n in range(1, n_projects + 1)
    )
    department = Department(
        name="区水利局",
        code="305",
        strategic_goal="建设节水型社会",
        strategic_indicators=(
            DepartmentIndicator(
                name="农村自来水普及率", value=parse_target_value("≥99%"), no=1, duty="农村供水保障"
            ),
        ),
        annual_indicators=(
            DepartmentIndicator(
                name="水质检测次数",
                value=parse_target_value("≥4次"),
                no=1,
                duty="水质监测",
                activity="定期检测",
                reference=Reference(planned="4次", last_year="4次"),
                office="农水科",
            ),
        ),
    )
    return Document(
        source=Source("test-2022.txt", sha),
        title="2022年预算绩效目标",
        issuer="临淄区财政局",
        year=2022,
        preface="本次公开项目 2 个。",
        projects=projects,
        departments=(department,),
        warnings=(ReadWarning("未能识别的行", 99),),
    )


def form_document(sha: str = "f" * 64) -> Document:
    """:func:`small_document` whose first project carries the fields of real forms (实施期限, 项目类型,
    是否新增, 中期规划, 政策/测算依据, 长期目标, 评分标准) and what the database does not keep (template
    placeholders, unknown columns, source cells); the second project has none of them."""
    import dataclasses

    from jixiao.domain import Placeholder

    doc = small_document(sha)
    first, second = doc.projects
    quantity, *rest = first.indicators
    first = dataclasses.replace(
        first,
        funds=dataclasses.replace(first.funds, midterm=3900.0),
        long_term_goal="到2025年农村自来水普及率达到99%",
        period="2023年-2025年",
        project_type="15 其他经费",
        is_new=False,
        allocation="因素法",
        policy_basis="《农村饮水安全工程建设管理办法》",
        calculation_basis="12000人×84元",
        indicators=(
            dataclasses.replace(
                quantity,
                scoring="达到12000人得满分，每少1000人扣1分",
                extra=(("备注", "无"),),
                where="项目1!D9",
            ),
            *rest,
        ),
        placeholders=(Placeholder("不适用", level2=Level2.ECOLOGICAL_BENEFIT),),
        where="项目1",
    )
    return dataclasses.replace(doc, projects=(first, second))


def stored_form(doc: Document) -> Document:
    """``doc`` as the database keeps it: template placeholders, unknown columns and source cells are not kept."""
    import dataclasses

    return dataclasses.replace(
        doc,
        projects=tuple(
            dataclasses.replace(
                p,
                placeholders=(),
                where=None,
                indicators=tuple(dataclasses.replace(i, extra=(), where=None) for i in p.indicators),
            )
            for p in doc.projects
        ),
    )

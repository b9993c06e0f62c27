"""Small documents for the library tests: projects with named indicators and values, in a region."""

from __future__ import annotations

from jixiao.domain import Document, Indicator, Level2, Project, Source, level1_of, parse_target_value


def indicator(
    name: str, value: str, level2: Level2 = Level2.QUALITY, description: str | None = None
) -> Indicator:
    return Indicator(level1_of(level2), level2, name, parse_target_value(value), description)


def project(name: str, *indicators: Indicator, department: str = "某市某区民政局", goal: str = "") -> Project:
    return Project(name=name, indicators=indicators, department=department, goal=goal)


def document(source: str, *projects: Project, year: int = 2023) -> Document:
    return Document(source=Source(source, "0" * 64), year=year, projects=projects)


def satisfaction_documents(values: list[str]) -> list[Document]:
    """One document per value, each a project in its own region with a 群众满意度 target of that value."""
    regions = "甲乙丙丁戊己庚辛壬癸子丑"
    return [
        document(
            f"doc{i}.txt",
            project(
                f"社区服务项目{i}",
                indicator("群众满意度", v, Level2.SATISFACTION),
                department=f"{regions[i % 12]}州市民政局",
            ),
        )
        for i, v in enumerate(values)
    ]

"""What a published disclosure contains, in order, before any format draws it.

Cover, 编报说明, 目录 and the two parts of tables are assembled once here; the DOCX, XLSX and HTML
writers only draw. :func:`prepare` fixes what publishing adds (a title when the document has none, a
computed 编报说明), and :func:`carried` says which fields no published format carries, so round-trip
tests compare exactly what a reader can get back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from jixiao.domain import Department, Document, Project, Source
from jixiao.domain.text import clean
from jixiao.publish import figures, layout
from jixiao.publish.layout import Table

PrefaceMode = Literal["auto", "computed"]

NOT_CARRIED = (
    "source: 重新读取时为输出文件本身 (the source becomes the published file)",
    "warnings: 读取警告不公开 (reader warnings are not published)",
    "line: 源文件行号不公开 (source line numbers are not printed)",
    "where: 源文件单元格位置不公开 (source cells are not printed)",
    "placeholders: 填“不适用/无”的模板空行不公开 (template rows filled 不适用/无 are not printed)",
    "extra: 读取器不认识的指标列不公开 (indicator columns the reader did not know are not printed)",
    "totals: 源文件印的合计/小计不照录, 汇总表的合计按各行重算 (a source's printed totals are not copied; the "
    "汇总表's 合计 is computed from its rows)",
)


def default_title(doc: Document) -> str:
    year = f"{doc.year}年度" if doc.year else ""
    return f"{doc.issuer or ''}{year}预算绩效目标"


def prepare(doc: Document, preface: PrefaceMode = "auto") -> Document:
    """The document as it will be published.

    ``auto`` keeps a printed 编报说明 (it is the issuer's text) and computes one only when there is none;
    ``computed`` always states the figures from the tables.
    """
    text = doc.preface if preface == "auto" and doc.preface else figures.preface(doc)
    # Paragraphs are what every format carries: blank lines and in-paragraph spacing are not.
    text = "\n".join(p for p in (clean(line) for line in text.split("\n")) if p)
    return dataclasses.replace(doc, title=doc.title or default_title(doc), preface=text)


def carried(doc: Document, source: Source) -> Document:
    """``doc`` less what no published format carries (see :data:`NOT_CARRIED`)."""
    projects = tuple(
        dataclasses.replace(
            p, line=None, where=None, placeholders=(),
            indicators=tuple(dataclasses.replace(i, line=None, where=None, extra=()) for i in p.indicators),
        )
        for p in doc.projects
    )
    departments = tuple(
        dataclasses.replace(
            d,
            line=None,
            strategic_indicators=tuple(dataclasses.replace(i, line=None) for i in d.strategic_indicators),
            annual_indicators=tuple(dataclasses.replace(i, line=None) for i in d.annual_indicators),
        )
        for d in doc.departments
    )
    return dataclasses.replace(
        doc, source=source, warnings=(), totals=(), projects=projects, departments=departments
    )


@dataclass(slots=True)
class Section:
    """One table group with its own 目录 entry: a project, or one of a department's two tables."""

    anchor: str
    title: str
    caption: str
    tables: list[Table]
    landscape: bool


@dataclass(slots=True)
class Part:
    anchor: str
    title: str
    sections: list[Section] = field(default_factory=list)


@dataclass(slots=True)
class Publication:
    document: Document
    title: str
    subtitle: str | None  # （2022年度）
    issuer: str | None
    date: str
    preface: list[str]
    parts: list[Part]

    @property
    def sections(self) -> list[Section]:
        return [s for p in self.parts for s in p.sections]


def year_line(year: int | None) -> str | None:
    return f"（{year}年度）" if year else None


def report_publication(
    targets: Document,
    year: int | None,
    title: str,
    preface: list[str],
    parts: list[Part],
    date: dt.date | None = None,
) -> Publication:
    """A report on ``targets`` (a monitoring round's, a year's self-evaluation): its cover dated ``date``
    (today), the 编报说明 in sentences, its parts."""
    date = date or dt.date.today()
    return Publication(
        document=targets,
        title=title,
        subtitle=year_line(year),
        issuer=targets.issuer,
        date=f"{date.year}年{date.month}月",
        preface=preface,
        parts=parts,
    )


def _project_section(n: int, p: Project, shown: frozenset[str]) -> Section:
    return Section(
        anchor=f"p{n}",
        title=f"{n}. {p.name}",
        caption=layout.PROJECT_TABLE_TITLE,
        tables=[layout.project_info(p, shown), layout.project_indicators(p, layout.SCORING_FIELD in shown)],
        landscape=False,
    )


def _summary_section(doc: Document) -> Section:
    return Section(
        anchor="summary",
        title=layout.SUMMARY_TABLE_TITLE,
        caption=layout.SUMMARY_TABLE_TITLE,
        tables=[layout.summary_table(doc.summary)],
        landscape=False,
    )


def _department_sections(n: int, d: Department) -> list[Section]:
    out = []
    if layout.has_strategic(d):
        out.append(
            Section(
                anchor=f"d{n}s",
                title=f"{d.name}{layout.STRATEGIC_TABLE_TITLE}",
                caption=layout.STRATEGIC_TABLE_TITLE,
                tables=[layout.strategic_info(d), layout.strategic_table(d)],
                landscape=True,
            )
        )
    if d.annual_indicators:
        out.append(
            Section(
                anchor=f"d{n}a",
                title=f"{d.name}{layout.ANNUAL_TABLE_TITLE}",
                caption=layout.ANNUAL_TABLE_TITLE,
                tables=[layout.annual_info(d), layout.annual_table(d)],
                landscape=True,
            )
        )
    return out


def build(doc: Document, *, preface: PrefaceMode = "auto", date: dt.date | None = None) -> Publication:
    """Assemble the publication of ``doc``; the writers draw exactly this."""
    doc = prepare(doc, preface)
    date = date or dt.date.today()
    parts = []
    if doc.projects or doc.summary:
        # The 汇总表 lists the selected projects ahead of their tables, where documents print it.
        part = Part("part1", layout.PROJECT_PART)
        part.sections = [_summary_section(doc)] if doc.summary else []
        shown = layout.optional_fields(doc.projects)  # one table layout for the whole document
        part.sections += [_project_section(n, p, shown) for n, p in enumerate(doc.projects, 1)]
        parts.append(part)
    if doc.departments:
        part = Part("part2", layout.DEPARTMENT_PART)
        part.sections = [s for n, d in enumerate(doc.departments, 1) for s in _department_sections(n, d)]
        parts.append(part)
    assert doc.title is not None and doc.preface is not None
    return Publication(
        document=doc,
        title=doc.title,
        subtitle=year_line(doc.year),
        issuer=doc.issuer,
        date=f"{date.year}年{date.month}月",
        preface=doc.preface.split("\n"),
        parts=parts,
    )

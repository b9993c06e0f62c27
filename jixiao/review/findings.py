"""What a review says: findings with their rule, place and evidence.

A finding is the unit a reviewer agrees or disagrees with, so it carries everything needed to judge it
without re-running the engine: which rule, which document, project or department and indicator, the source
line, the values that were compared, and what to do about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding weighs: an error blocks approval, a warning asks for revision, a hint advises."""

    ERROR = "error"
    WARNING = "warning"
    HINT = "hint"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "hint": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "hint": 2}[self.value]


class Criterion(StrEnum):
    """The four review criteria of 财预〔2015〕88号."""

    COMPLETENESS = "完整性"
    RELEVANCE = "相关性"
    APPROPRIATENESS = "适当性"
    FEASIBILITY = "可行性"


class Family(StrEnum):
    """Rule families: the unit precision and recall are measured in."""

    COMPLETENESS = "completeness"
    MONEY = "money"
    CATEGORY = "category"
    VALUE = "value"
    CONSISTENCY = "consistency"

    @property
    def label(self) -> str:
        return {
            "completeness": "要素完整",
            "money": "资金匹配",
            "category": "指标归类",
            "value": "指标值合理",
            "consistency": "前后一致",
        }[self.value]


class SubjectKind(StrEnum):
    """What a finding is about: the whole document, one project table or one department."""

    DOCUMENT = "document"
    PROJECT = "project"
    DEPARTMENT = "department"


@dataclass(frozen=True, slots=True)
class Subject:
    """The project or department a finding belongs to; ``index`` is its position in the document."""

    kind: SubjectKind
    name: str
    index: int | None = None
    department: str | None = None
    line: int | None = None
    code: str | None = None  # a project's 项目编码, as printed

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.kind.value, self.index)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by one rule, with the evidence that shows it."""

    rule: str
    title: str
    severity: Severity
    family: Family
    criterion: Criterion
    message: str
    suggestion: str
    document: str
    subject: Subject
    indicator: str | None = None
    line: int | None = None
    evidence: tuple[tuple[str, str], ...] = ()
    related_lines: tuple[int, ...] = field(default=())
    table: str | None = None  # a department's 战略目标表 or 年度目标表
    row: int | None = None  # the row's position in that table, from 1
    where: str | None = None  # the source cell (``部门!C12``) where the reader gave one

    @property
    def place(self) -> str:
        """Where a reviewer finds the row: its table and position, else the source cell, else nothing."""
        if self.table and self.row is not None:
            return f"{self.table}第{self.row}行"
        return self.where or ""

    @property
    def lines(self) -> tuple[int, ...]:
        """Every source line the finding points at, its own first."""
        own = (self.line,) if self.line is not None else ()
        return own + tuple(n for n in self.related_lines if n != self.line)

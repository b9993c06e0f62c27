"""The records of the indicator library (指标库): what was stored, what a curator said, what a cluster shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from jixiao.domain.values import TargetValue, format_number
from jixiao.library.stats import Distribution

EntryKind = Literal["project", "department"]
CurationAction = Literal["merge", "split", "mark", "disable", "enable", "annotate"]
COMMON = "共性"
SPECIFIC = "个性"


@dataclass(frozen=True, slots=True)
class Entry:
    """What a set of indicators was written for: a project (项目), or one duty of a department (部门职责)."""

    key: str  # ``source#p3`` for a document's fourth project, ``source#d1.2`` for a department's third duty
    kind: EntryKind
    name: str  # the project's name, or the department's
    text: str  # the project's goal and purpose, or the duty's area, wording and goal
    source: str
    department: str | None = None
    region: str | None = None
    year: int | None = None
    category: str | None = None  # 项目类别 or 项目类型


@dataclass(frozen=True, slots=True)
class Row:
    """One indicator as filed: its printed name, normalised key, categories, value and explanation."""

    name: str
    key: str
    level1: str | None
    level2: str | None
    value: TargetValue
    explanation: str | None
    entry: str


@dataclass(frozen=True, slots=True)
class Curation:
    """A curator's fact about clusters, kept apart from the data and applied again after every rebuild.

    ``merge`` joins the clusters of ``name`` and ``other``; ``split`` takes ``name`` out of its cluster (it
    links to no other name); ``mark`` sets ``text`` (共性 or 个性) on the cluster of ``name``; ``disable`` and
    ``enable`` hide it from and return it to suggestions; ``annotate`` adds the note ``text``. Names are
    matched after normalisation; a fact about a name the library does not hold waits until it does."""

    action: CurationAction
    name: str
    other: str | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, str]:
        out = {"action": self.action, "name": self.name}
        if self.other is not None:
            out["other"] = self.other
        if self.text is not None:
            out["text"] = self.text
        return out

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Curation:
        action = data["action"]
        if action not in ("merge", "split", "mark", "disable", "enable", "annotate"):
            raise ValueError(f"unknown curation action {action!r}")
        if action == "merge" and not data.get("other"):
            raise ValueError("a merge needs 'other'")
        if action == "mark" and data.get("text") not in (COMMON, SPECIFIC):
            raise ValueError(f"a mark is {COMMON} or {SPECIFIC}, not {data.get('text')!r}")
        return cls(action, data["name"], data.get("other"), data.get("text"))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Cluster:
    """Equivalent indicators and what their targets look like across projects, regions and years."""

    key: str  # the first (sorted) normalised name of the cluster
    name: str  # the printed name used most
    names: tuple[tuple[str, int], ...]  # printed names with how many rows use each, most used first
    level1: str | None  # the 一级 it is filed under most
    level2: str | None  # the 二级 it is filed under most
    categories: tuple[tuple[str, str, int], ...]  # (一级, 二级, rows), most first: a hint for category review
    direction: str  # ≥, ≤, = or 定性: the operator most of its targets use
    units: tuple[tuple[str, int], ...]
    distribution: Distribution | None  # numeric targets in the commonest unit
    forms: tuple[tuple[str, int], ...]  # commonest printed target forms (≥95%, =100%)
    rows: int
    projects: int  # projects using it
    duties: int  # department duties using it
    regions: tuple[str, ...]
    departments: tuple[str, ...]
    years: tuple[int, ...]
    examples: tuple[str, ...]  # names of some projects using it
    explanations: tuple[str, ...]  # some value explanations (指标解释)
    common: str | None = None  # 共性 or 个性, as curated
    disabled: bool = False
    notes: tuple[str, ...] = ()

    @property
    def typical_value(self) -> str:
        return self.forms[0][0] if self.forms else ""

    @property
    def support(self) -> str:
        """Where the typical value comes from, in a phrase: 中位数 95%，14 个项目，3 个地区."""
        parts = []
        if self.distribution is not None:
            unit = "" if self.distribution.unit == "-" else self.distribution.unit
            parts.append(f"中位数 {format_number(self.distribution.median)}{unit}")
        used = f"{self.projects} 个项目" if self.projects else f"{self.duties} 项部门职责"
        if self.projects and self.duties:
            used += f"、{self.duties} 项部门职责"
        parts.append(used)
        parts.append(f"{len(self.regions)} 个地区")
        return "，".join(parts)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested indicator: a cluster, its usual category, typical value and support, and a score."""

    cluster: str
    level1: str | None
    level2: str | None
    name: str
    typical_value: str
    support: str
    score: float

    def to_dict(self) -> dict[str, object]:
        return {
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "typical_value": self.typical_value,
            "support": self.support,
            "score": round(self.score, 4),
        }

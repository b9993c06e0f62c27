"""Where a document's departments and units go in a region's registry: a known body, or a new entry.

A project whose 主管部门 cell is blank still names its unit and often the department's code: its
department is the registry's or the document's department of that code, else the department the unit
belongs to, else the unit itself (a 一级预算单位 is its own department; 聊城市农业科学院本级 is the office
of 聊城市农业科学院). Only a project naming neither department nor unit is left without one. Pure: the
registry arrives as :class:`Entry` rows, the plan goes back as :class:`Placement` rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from jixiao.domain.model import Document
from jixiao.domain.organisations import OWN_LEVEL, name_key, own_department, split_code

UNNAMED_DEPARTMENT = "未注明主管部门"


@dataclass(frozen=True, slots=True)
class Entry:
    """A registry row: a department, or a unit with its department's id."""

    id: int
    name: str
    code: str = ""
    aliases: tuple[str, ...] = ()
    department_id: int | None = None


@dataclass(slots=True)
class Placement:
    """A department the document's rows go to: the registry's (``id``) or a new one, and why."""

    name: str
    code: str = ""
    id: int | None = None
    how: str = "新建"
    seen: list[str] = field(default_factory=list)  # the document's names for it

    @property
    def aliases(self) -> list[str]:
        return [n for n in self.seen if n != self.name]


@dataclass(frozen=True, slots=True)
class Plan:
    placements: tuple[Placement, ...]  # each department once
    projects: tuple[Placement, ...]  # one per document project, in order
    targets: tuple[Placement, ...]  # one per department target, in order


class _Matcher:
    def __init__(self, region: str, departments: Sequence[Entry], units: Sequence[Entry]) -> None:
        self.region = region
        self.by_id = {d.id: d for d in departments}
        self.by_name = {n: d for d in departments for n in (d.name, *d.aliases)}
        self.by_key = {self.key(n): d for d in departments for n in (d.name, *d.aliases)}
        self.by_code = {d.code: d for d in departments if d.code}
        self.unit_by_key = {self.key(n): u for u in units for n in (u.name, *u.aliases)}
        self.placed: dict[str, Placement] = {}  # by key
        self.doc_codes: dict[str, Placement] = {}

    def key(self, name: str) -> str:
        return name_key(name, self.region)

    def _registry(self, d: Entry, how: str) -> Placement:
        found = self.placed.get(self.key(d.name))
        if found is None:
            found = self.placed[self.key(d.name)] = Placement(d.name, d.code, d.id, how)
        return found

    def _doubled(self, name: str) -> bool:
        return bool(self.region) and self.region + self.region[-1] in name

    def department(self, printed: str, code: str, how_new: str = "新建") -> Placement:
        """The placement of a department printed as ``printed`` (with the code the document gives)."""
        name, inline = split_code(printed)
        code = code or inline or ""
        key = self.key(name)
        if key in self.placed:
            found = self.placed[key]
            if found.id is None and self._doubled(found.name) and not self._doubled(name):
                found.name = name  # 临淄区行政审批服务局 rather than 临淄区区行政审批服务局
            found.code = found.code or code
        elif name in self.by_name:
            d = self.by_name[name]
            found = self._registry(d, "名称相同" if d.name == name else "登记的别名")
        elif key in self.by_key:
            found = self._registry(self.by_key[key], "同一部门的不同写法（地区前缀、编码或重复的区字）")
        elif code and code in self.by_code:
            found = self._registry(self.by_code[code], f"部门编码 {code} 相同")
        else:
            found = self.placed[key] = Placement(name, code, None, how_new)
        if name and name not in found.seen:
            found.seen.append(name)
        if code:
            self.doc_codes.setdefault(code, found)
        return found

    def known(self, name: str) -> bool:
        key = self.key(name)
        return key in self.placed or key in self.by_key or name in self.by_name

    def by_unit(self, code: str, unit: str, same_code_units: list[str]) -> Placement:
        """A blank 主管部门: by its code, by the code's own office, by the unit's department, or the unit."""
        if code and code in self.by_code:
            return self._registry(self.by_code[code], f"部门编码 {code}")
        if code and code in self.doc_codes:
            return self.doc_codes[code]
        for candidate in same_code_units:
            if self.known(own_department(candidate)):
                return self.department(own_department(candidate), code)
        for candidate in same_code_units:
            if candidate.endswith(OWN_LEVEL):
                return self.department(own_department(candidate), code, f"由本级单位“{candidate}”推定")
        if unit and self.key(unit) in self.unit_by_key:
            u = self.unit_by_key[self.key(unit)]
            if u.department_id in self.by_id:
                return self._registry(self.by_id[u.department_id], f"单位“{unit}”所属部门")
        if unit:
            return self.department(own_department(unit), code, "一级预算单位（单位即部门）")
        return self.department(UNNAMED_DEPARTMENT, "", "文档未注明主管部门和单位")


def plan(region: str, departments: Sequence[Entry], units: Sequence[Entry], doc: Document) -> Plan:
    """Place every project and department target of ``doc`` in ``region``'s registry."""
    m = _Matcher(region, departments, units)
    named = {
        n: m.department(p.department, p.department_code or "")
        for n, p in enumerate(doc.projects)
        if p.department
    }
    targets = tuple(m.department(d.name, d.code or "") for d in doc.departments)
    units_of_code: dict[str, list[str]] = {}
    for p in doc.projects:
        if p.department_code and p.unit and p.unit not in units_of_code.get(p.department_code, []):
            units_of_code.setdefault(p.department_code, []).append(p.unit)
    projects = tuple(
        named[n]
        if n in named
        else m.by_unit(p.department_code or "", p.unit or "", units_of_code.get(p.department_code or "", []))
        for n, p in enumerate(doc.projects)
    )
    return Plan(tuple(m.placed.values()), projects, targets)

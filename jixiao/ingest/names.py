"""Department names repaired against the document itself.

A name split across cells can gain or lose a character at the cut (``淄博市临⇥高淄区民政局``). The same
department usually appears intact elsewhere in the document. A split name is replaced by another spelling
in the document only when every difference between the two lies at a cut, and the other spelling is better
attested: it shares its prefix with more of the document's names, appears more often, or carries no markup
debris. Codes named in one table (``[001] 聊城市农业农村局``) give the name to tables that print only the code.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, replace

from jixiao.domain.model import Project

_PREFIX = 6


@dataclass(frozen=True, slots=True)
class NameEvidence:
    """How a project's department name was read: where the cell cuts were, whether markup debris was there."""

    cuts: tuple[int, ...] = ()
    damaged: bool = False


def _differences_at_cuts(name: str, other: str, cuts: tuple[int, ...]) -> bool:
    if not cuts:
        return False
    matcher = difflib.SequenceMatcher(a=name, b=other, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changes or sum(max(i2 - i1, j2 - j1) for _, i1, i2, j1, j2 in changes) > 2:
        return False
    return all(any(i1 - 1 <= cut <= i2 + 1 for cut in cuts) for _, i1, i2, _j1, _j2 in changes)


def harmonise_department_names(
    projects: list[Project], evidence: list[NameEvidence], known: list[str]
) -> tuple[list[Project], list[tuple[int, str]]]:
    """Repair split-damaged department names; fill names for bare codes. ``known`` are names printed
    elsewhere in the document (department tables)."""
    warnings: list[tuple[int, str]] = []
    names = [p.department for p in projects if p.department] + list(known)
    counts = Counter(names)
    prefixes = Counter(n[:_PREFIX] for n in names)
    damaged = {p.department for p, e in zip(projects, evidence, strict=True) if p.department and e.damaged}

    def support(name: str) -> tuple[int, int, int]:
        return prefixes[name[:_PREFIX]], counts[name], 0 if name not in damaged else -1

    by_code: dict[str, str] = {}
    for p in projects:
        if p.department and p.department_code and len(p.department_code) == 3:
            by_code.setdefault(p.department_code, p.department)
    out: list[Project] = []
    for p, e in zip(projects, evidence, strict=True):
        name = p.department
        if name and e.cuts:
            rivals = [
                o for o in counts
                if o != name and abs(len(o) - len(name)) <= 2 and o[:1] == name[:1]
                and _differences_at_cuts(name, o, e.cuts)
            ]
            best = max(rivals, key=support, default=None)
            if best is not None and support(best) > support(name):
                warnings.append((p.line or 0, f"主管部门名称 {name} 在单元格拆分处有错字, 按文档中的 {best} 读取"))
                name = best
        if name is None and p.department_code and p.department_code in by_code:
            name = by_code[p.department_code]
        out.append(replace(p, department=name) if name != p.department else p)
    return out, warnings

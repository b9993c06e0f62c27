"""Review profiles (审核配置): which rules run, how severe they are, their thresholds, and the grade scale.

Regions differ: one bureau wants satisfaction targets of at least 85%, another grades 80/70/60. A profile is
a TOML file that changes only what differs from the profile it ``extends`` (by default the built-in
``default``), so a regional profile stays a few lines long. Profiles are validated against the registered
rules: a misspelt rule id or parameter is an error, not a silently ignored line.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from jixiao.review.criteria import ChecklistItem, Criterion
from jixiao.review.criteria_toml import CriteriaError, merge, parse_checklist, parse_criteria
from jixiao.review.findings import Severity
from jixiao.review.registry import ParamValue, Rule, all_rules


class ProfileError(ValueError):
    """A profile that cannot be read or names rules or parameters that do not exist."""


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool = True
    severity: Severity | None = None
    params: Mapping[str, ParamValue] = field(default_factory=dict)


@dataclass(frozen=True)
class Grades:
    """Lowest score of each grade (优/良/中); below ``fair`` is 差."""

    excellent: float = 90
    good: float = 80
    fair: float = 60


@dataclass(frozen=True)
class Penalties:
    """Points a finding costs by severity, counted at most ``max_per_rule`` times per rule and subject."""

    error: float = 25
    warning: float = 8
    hint: float = 2
    max_per_rule: int = 2

    def of(self, severity: Severity) -> float:
        return {Severity.ERROR: self.error, Severity.WARNING: self.warning, Severity.HINT: self.hint}[
            severity
        ]


@dataclass(frozen=True)
class Profile:
    name: str
    title: str = ""
    description: str = ""
    grades: Grades = field(default_factory=Grades)
    penalties: Penalties = field(default_factory=Penalties)
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)
    # A region's own criteria (review/criteria.py): pattern ones run as findings, 人工 ones are a checklist.
    criteria: tuple[Criterion, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    builtin_rules: bool = True  # false: only the rules the profile's [rules] enable, besides its criteria
    regions: tuple[str, ...] = ()  # regions (行政区划 names) whose targets the web reviews with this profile

    def enabled(self, rule: Rule) -> bool:
        settings = self.rules.get(rule.id)
        return settings.enabled if settings else self.builtin_rules

    def severity(self, rule: Rule) -> Severity:
        settings = self.rules.get(rule.id)
        return settings.severity if settings and settings.severity else rule.severity

    def params(self, rule: Rule) -> dict[str, ParamValue]:
        merged = dict(rule.params)
        settings = self.rules.get(rule.id)
        if settings:
            merged.update(settings.params)
        return merged


def builtin_profiles() -> list[str]:
    """Names of the profiles shipped in ``jixiao/review/profiles``."""
    folder = resources.files("jixiao.review") / "profiles"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_profile(spec: str | Path | None = None) -> Profile:
    """A built-in profile by name (``default``), or a TOML file by path."""
    return _load(spec or "default", seen=())


def profile_for_region(region: str | None) -> Profile:
    """The built-in profile that names ``region`` in its ``regions``, else ``default``."""
    if region:
        for name in builtin_profiles():
            profile = load_profile(name)
            if region in profile.regions:
                return profile
    return load_profile()


def _read(spec: str | Path) -> tuple[dict[str, Any], Path | None]:
    path: Path | None = Path(spec)
    if isinstance(spec, str) and not spec.endswith(".toml") and "/" not in spec:
        if spec not in builtin_profiles():
            raise ProfileError(f"没有名为“{spec}”的内置配置（可用：{'、'.join(builtin_profiles())}）")
        text = (resources.files("jixiao.review") / "profiles" / f"{spec}.toml").read_text("utf-8")
        path = None
    else:
        try:
            text = Path(spec).read_text("utf-8")
        except OSError as exc:
            raise ProfileError(f"无法读取配置文件 {spec}: {exc.strerror}") from exc
    try:
        return tomllib.loads(text), path
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"配置文件 {spec} 不是有效的 TOML: {exc}") from exc


def _load(spec: str | Path, seen: tuple[str, ...]) -> Profile:
    if str(spec) in seen:
        raise ProfileError(f"配置继承出现循环：{' → '.join((*seen, str(spec)))}")
    data, path = _read(spec)
    head = data.get("profile", {})
    parent_spec = head.get("extends")
    if parent_spec is None and spec != "default":
        parent_spec = "default"
    if parent_spec is not None and path is not None and str(parent_spec).endswith(".toml"):
        parent_spec = str((path.parent / str(parent_spec)).resolve())
    base = _load(parent_spec, (*seen, str(spec))) if parent_spec is not None else Profile(name="default")
    return _apply(base, data, str(spec))


def _apply(base: Profile, data: dict[str, Any], origin: str) -> Profile:
    unknown = set(data) - {"profile", "grades", "penalties", "rules", "criteria", "checklist"}
    if unknown:
        raise ProfileError(f"{origin}: 未知的配置段 {sorted(unknown)}")
    head = data.get("profile", {})
    grades = replace(base.grades, **_numbers(data.get("grades", {}), Grades, origin))
    if not grades.excellent > grades.good > grades.fair:
        raise ProfileError(f"{origin}: 等级分数线须满足 优 > 良 > 中")
    penalties = replace(base.penalties, **_numbers(data.get("penalties", {}), Penalties, origin))
    builtin_rules = head.get("builtin_rules", base.builtin_rules)
    rules = {} if builtin_rules is False and "builtin_rules" in head else dict(base.rules)
    known = all_rules()
    for rule_id, settings in data.get("rules", {}).items():
        if rule_id not in known:
            raise ProfileError(f"{origin}: 没有编号为 {rule_id} 的审核规则")
        rules[rule_id] = _rule_settings(known[rule_id], settings, rules.get(rule_id), origin)
    try:
        criteria = merge(base.criteria, parse_criteria(data.get("criteria", []), origin))
        checklist = merge(base.checklist, parse_checklist(data.get("checklist", []), origin))
    except CriteriaError as exc:
        raise ProfileError(str(exc)) from None
    regions = head.get("regions", [])
    if not isinstance(builtin_rules, bool) or not isinstance(regions, list):
        raise ProfileError(f"{origin}: builtin_rules 须为 true 或 false，regions 须为地区名称列表")
    return Profile(
        name=str(head.get("name", origin)),
        title=str(head.get("title", base.title if head.get("name") is None else "")),
        description=str(head.get("description", "")),
        grades=grades,
        penalties=penalties,
        rules=rules,
        criteria=criteria,
        checklist=checklist,
        builtin_rules=builtin_rules,
        regions=tuple(str(r) for r in regions),
    )


def _numbers(section: Mapping[str, Any], cls: type[Grades] | type[Penalties], origin: str) -> dict[str, Any]:
    allowed = {f.name for f in fields(cls)}
    out: dict[str, Any] = {}
    for key, value in section.items():
        if key not in allowed:
            raise ProfileError(f"{origin}: 未知的设置 {key}（可用：{'、'.join(sorted(allowed))}）")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ProfileError(f"{origin}: {key} 须为数字")
        out[key] = value
    return out


def _rule_settings(
    rule: Rule, raw: Mapping[str, Any], base: RuleSettings | None, origin: str
) -> RuleSettings:
    base = base or RuleSettings()
    enabled, severity, params = base.enabled, base.severity, dict(base.params)
    for key, value in raw.items():
        if key == "enabled":
            if not isinstance(value, bool):
                raise ProfileError(f"{origin}: {rule.id}.enabled 须为 true 或 false")
            enabled = value
        elif key == "severity":
            try:
                severity = Severity(value)
            except ValueError:
                raise ProfileError(f"{origin}: {rule.id}.severity 须为 error、warning 或 hint") from None
        elif key in rule.params:
            default = rule.params[key]
            if isinstance(default, list) != isinstance(value, list) or (
                not isinstance(default, list) and isinstance(value, str) != isinstance(default, str)
            ):
                raise ProfileError(f"{origin}: {rule.id}.{key} 的类型应与默认值 {default!r} 相同")
            params[key] = value
        else:
            allowed = ["enabled", "severity", *rule.params]
            raise ProfileError(f"{origin}: 规则 {rule.id} 没有参数 {key}（可用：{'、'.join(allowed)}）")
    return RuleSettings(enabled=enabled, severity=severity, params=params)

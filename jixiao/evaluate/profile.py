"""Monitoring profiles (监控配置): the band edges and rules of 运行监控 as data.

The built-in ``default`` (``jixiao/evaluate/profiles/default.toml``) holds every key with a comment; a
region's or a user's TOML file writes only what differs, table by table, and is checked against the
default: a misspelt key or a value of the wrong type is an error, never a silently ignored line.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

RULES = ("split", "pro-rated")  # how quantitative indicators are compared, see default.toml [indicators]


class ProfileError(ValueError):
    """A monitoring profile that cannot be read or holds keys or values the default does not have."""


@dataclass(frozen=True, slots=True)
class Bands:
    """Edges of the bands over a progress ``v`` (%): red below ``red_below``, yellow below ``yellow_below``,
    green below ``blue_from``, blue from it (indicators only: spending ahead of time is not a merit)."""

    red_below: float = 60.0
    yellow_below: float = 80.0
    blue_from: float = 120.0


@dataclass(frozen=True, slots=True)
class IndicatorRules:
    """Which indicators are cumulative quantities, rates and levels, or lower-is-better (see default.toml)."""

    rule: str = "split"
    pro_rated_names: tuple[str, ...] = ()
    rate_units: tuple[str, ...] = ()
    per_units_are_rates: bool = True
    rate_words: tuple[str, ...] = ()
    cumulative_words: tuple[str, ...] = ()
    lower_is_better_ops: tuple[str, ...] = ("<=", "<")
    lower_is_better_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MonitorProfile:
    name: str
    title: str
    description: str
    bands: Bands
    divergence: float  # percentage points between indicator and budget progress that earn a warning
    indicators: IndicatorRules
    done_words: tuple[str, ...]  # what an actual says when a deadline task is done
    regions: Mapping[str, str]  # region → rule ("split" | "pro-rated")

    def rule_for(self, region: str | None) -> str:
        return self.regions.get(region, self.indicators.rule) if region else self.indicators.rule


@lru_cache(maxsize=8)
def _builtin(name: str) -> Mapping[str, Any]:
    """A shipped profile's TOML, read once (never changed: merging copies what it overrides)."""
    folder = resources.files("jixiao.evaluate") / "profiles"
    names = sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))
    if name not in names:
        raise ProfileError(f"没有名为“{name}”的内置监控配置（可用：{'、'.join(names)}）")
    return tomllib.loads((folder / f"{name}.toml").read_text("utf-8"))


def _read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise ProfileError(f"无法读取监控配置文件 {path}: {exc.strerror}") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"监控配置文件 {path} 不是有效的 TOML: {exc}") from exc


def _section(path: str) -> str:
    """Which rules a key belongs to, as its error names them: 自评配置 for ``[selfeval]``, else 监控配置."""
    return "自评配置" if path == "selfeval" or path.startswith("selfeval.") else "监控配置"


def _merge(base: Mapping[str, Any], override: Mapping[str, Any], where: str = "") -> dict[str, Any]:
    """``override`` laid over ``base`` key by key; its keys and value types must be the default's."""
    merged = dict(base)
    for key, value in override.items():
        path = f"{where}.{key}" if where else key
        if path == "regions":
            merged[key] = _regions(value)
        elif path == "selfeval.regions":
            merged[key] = _selfeval_regions(merged, value)
        elif key not in base:
            raise ProfileError(f"{_section(path)}中没有“{path}”这一项（可用：{'、'.join(base)}）")
        elif isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ProfileError(f"{_section(path)}“{path}”须为表 [{path}]")
            merged[key] = _merge(base[key], value, path)
        elif not _same_type(base[key], value):
            raise ProfileError(
                f"{_section(path)}“{path}”的值类型不对：应与默认值 {base[key]!r} 同类，不是 {value!r}"
            )
        else:
            merged[key] = value
    return merged


def _regions(value: Any) -> dict[str, str]:
    """``[regions."临淄区"] rule = "pro-rated"``: the rule a region uses instead of ``indicators.rule``."""
    if not isinstance(value, dict):
        raise ProfileError('监控配置“regions”须为表，如 [regions."临淄区"]')
    out = {}
    for region, table in value.items():
        if not isinstance(table, dict) or set(table) != {"rule"}:
            raise ProfileError(f'监控配置“regions.{region}”只能写 rule = "split" 或 "pro-rated"')
        out[region] = table["rule"]
    return out


def _selfeval_regions(selfeval: Mapping[str, Any], value: Any) -> dict[str, dict[str, Any]]:
    """``[selfeval.regions."临淄区".grades]``: any self-evaluation key a region sets differently, checked
    against ``[selfeval]`` like every other key (applied by :mod:`jixiao.evaluate.selfeval_profile`)."""
    if not isinstance(value, dict) or not all(isinstance(t, dict) for t in value.values()):
        raise ProfileError('自评配置“selfeval.regions”须为表，如 [selfeval.regions."临淄区".grades]')
    base = {k: v for k, v in selfeval.items() if k != "regions"}
    for region, table in value.items():
        _merge(base, table, f"selfeval.regions.{region}")
    return value


def _same_type(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool)
    if isinstance(old, int | float):
        return isinstance(new, int | float)
    if isinstance(old, list):
        return isinstance(new, list) and all(isinstance(item, str) for item in new)
    return type(old) is type(new)


def build_profile(data: Mapping[str, Any]) -> MonitorProfile:
    """The monitoring rules of a merged profile (:func:`profile_data`)."""
    head, bands, ind = data["profile"], data["bands"], data["indicators"]
    regions: dict[str, str] = data.get("regions", {})
    for where, rule in [
        ("indicators.rule", ind["rule"]),
        *((f"regions.{k}.rule", v) for k, v in regions.items()),
    ]:
        if rule not in RULES:
            raise ProfileError(f"监控配置“{where}”须为 {' 或 '.join(RULES)}，不是 {rule!r}")
    edges = Bands(float(bands["red_below"]), float(bands["yellow_below"]), float(bands["blue_from"]))
    if not edges.red_below <= edges.yellow_below <= edges.blue_from:
        raise ProfileError("监控配置 [bands] 须满足 red_below ≤ yellow_below ≤ blue_from")
    return MonitorProfile(
        name=head["name"],
        title=head.get("title", ""),
        description=head.get("description", ""),
        bands=edges,
        divergence=float(data["divergence"]["threshold"]),
        indicators=IndicatorRules(
            rule=ind["rule"],
            pro_rated_names=tuple(ind["pro_rated_names"]),
            rate_units=tuple(ind["rate_units"]),
            per_units_are_rates=ind["per_units_are_rates"],
            rate_words=tuple(ind["rate_words"]),
            cumulative_words=tuple(ind["cumulative_words"]),
            lower_is_better_ops=tuple(ind["lower_is_better_ops"]),
            lower_is_better_names=tuple(ind["lower_is_better_names"]),
        ),
        done_words=tuple(data["deadlines"]["done_words"]),
        regions=regions,
    )


def profile_data(spec: str | Path | None = None) -> Mapping[str, Any]:
    """The TOML of a built-in profile by name (``default``), or of a file (a path) laid over the default:
    every key of the default, checked. Monitoring and self-evaluation build their profiles from it."""
    default = _builtin("default")
    if spec is None or spec == "default":
        return default
    if isinstance(spec, str) and not spec.endswith(".toml") and "/" not in spec:
        return _merge(default, _builtin(spec))
    override = _read_file(Path(spec))
    override.setdefault("profile", {}).setdefault("name", Path(spec).stem)
    return _merge(default, override)


def merge_table(base: Mapping[str, Any], override: Mapping[str, Any], where: str) -> dict[str, Any]:
    """``override`` laid over the table ``base`` (at ``where``) key by key, keys and types checked."""
    return _merge(base, override, where)


def load_profile(spec: str | Path | None = None) -> MonitorProfile:
    """The built-in profile by name (``default``), or a TOML file (a path) laid over the default."""
    return build_profile(profile_data(spec))

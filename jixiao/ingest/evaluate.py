"""Score a reading against a hand-checked gold file: projects, codes, amounts, fields, indicators.

    python -m jixiao.ingest.evaluate GOLD.json PARSED.json     # a parse (jixiao parse -o) against gold
    python -m jixiao.ingest.evaluate GOLD.json SOURCE.xlsx     # read the source now, then score
    python -m jixiao.ingest.evaluate --write docs/reading-evaluation.md [--external DIR]

Gold files are written by people reading the source (``tests/ingest/expected/``, conventions in
``CONVENTIONS.md`` there), never from the reader's output. Texts are compared with whitespace removed
(as the conventions write them). Projects are matched by code and name; indicators as multisets of
(一级, 二级, 三级, 指标值, 指标解释) within a matched project; a placeholder read as an indicator counts
against precision. Where the gold says whether a project's amounts evidently hold 元 under a 万元 label,
the reader's unit warning is scored too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.domain.text import clean

JSON = dict[str, Any]
PROJECT_FIELDS = (
    "name", "code", "category", "department", "department_code", "unit", "unit_code", "fund_type", "purpose",
    "goal", "long_term_goal", "period", "project_type", "is_new", "allocation", "policy_basis",
    "calculation_basis",
)
AMOUNTS = ("total", "fiscal", "other", "midterm")
UNIT_WARNING = "金额单位疑为元"


@dataclass
class Score:
    """True positives, false positives and false negatives of one kind of item."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    source: str
    scores: dict[str, Score] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def score(self, kind: str) -> Score:
        return self.scores.setdefault(kind, Score())


def _text(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value) or None
    return value


def _value_raw(indicator: JSON) -> str:
    value = indicator.get("value")
    raw = value.get("raw") if isinstance(value, dict) else value
    return clean(raw or "")


def _indicator_key(indicator: JSON) -> tuple[Any, ...]:
    return (
        indicator.get("level1"), indicator.get("level2"), clean(indicator.get("name") or ""),
        _value_raw(indicator), clean(indicator.get("description") or "") or None,
    )


def _multiset(items: Iterable[tuple[Any, ...]]) -> Counter[tuple[Any, ...]]:
    return Counter(items)


def _compare_multisets(gold: Counter[Any], parsed: Counter[Any]) -> Score:
    common = sum((gold & parsed).values())
    return Score(common, sum(parsed.values()) - common, sum(gold.values()) - common)


def _match(gold: list[JSON], parsed: list[JSON]) -> list[tuple[JSON, JSON | None]]:
    """Pair gold projects with parsed ones in order: the same code, name and department first, then fewer
    of them (many documents repeat a name such as 综合运转项目 under several departments)."""
    free = list(range(len(parsed)))
    pairs: list[tuple[JSON, JSON | None]] = []
    keys = ("code", "name", "department")
    for g in gold:
        want = {k: _text(g.get(k)) for k in keys}
        chosen = None
        for used in (keys, ("code", "name"), ("name", "department"), ("name",), ("code",)):
            if any(want[k] is None for k in used):
                continue
            chosen = next((i for i in free if all(_text(parsed[i].get(k)) == want[k] for k in used)), None)
            if chosen is not None:
                break
        if chosen is not None:
            free.remove(chosen)
        pairs.append((g, parsed[chosen] if chosen is not None else None))
    return pairs


def _unit_warned(project: JSON, warnings: list[JSON]) -> bool:
    """Whether a unit warning concerns this project: same sheet where the format has sheets, else its name."""
    where = project.get("where") or ""
    where = where.split("!")[0] if "!" in where else ""
    for w in warnings:
        if UNIT_WARNING not in w.get("message", ""):
            continue
        if where and (w.get("where") or "").split("!")[0] == where:
            return True
        if not where and project["name"] in w["message"]:
            return True
    return False


def score_projects(gold: JSON, parsed: JSON, report: Report) -> None:
    pairs = _match(gold.get("projects", []), parsed.get("projects", []))
    gold_all = len(pairs)
    found = sum(1 for _, p in pairs if p is not None)
    report.score("projects").add(Score(found, 0, gold_all - found))
    # Projects read that the gold does not know are only false positives when the gold covers every table.
    if gold.get("complete", "sheet" in (gold.get("projects") or [{}])[0]):
        report.score("projects").fp += len(parsed.get("projects", [])) - found
    for g, p in pairs:
        label = g.get("sheet") or g["name"]
        gold_inds = _multiset(_indicator_key(i) for i in g.get("indicators", []))
        if p is None:
            report.score("indicators").fn += sum(gold_inds.values())
            report.misses.append(f"{label}: 未读到该项目")
            continue
        for name in PROJECT_FIELDS:
            if name in g:
                _field(report, label, name, _text(g[name]), _text(p.get(name)))
        for name in AMOUNTS:
            if name in g.get("funds", {}):
                _field(report, label, f"funds.{name}", g["funds"][name], (p.get("funds") or {}).get(name),
                       kind="amounts")
        parsed_inds = _multiset(_indicator_key(i) for i in p.get("indicators", []))
        s = _compare_multisets(gold_inds, parsed_inds)
        report.score("indicators").add(s)
        for key in (parsed_inds - gold_inds):
            report.misses.append(f"{label}: 多读或读错的指标 {key}")
        for key in (gold_inds - parsed_inds):
            report.misses.append(f"{label}: 未读对的指标 {key}")
        if "placeholders" in g:
            n_gold, n_read = len(g["placeholders"]), len(p.get("placeholders") or [])
            report.score("placeholders").add(Score(min(n_gold, n_read), max(0, n_read - n_gold),
                                                   max(0, n_gold - n_read)))
        if "amounts_in_yuan" in g:
            warned = _unit_warned(p, parsed.get("warnings", []))
            truth = bool(g["amounts_in_yuan"])
            report.score("unit warnings").add(Score(int(warned and truth), int(warned and not truth),
                                                    int(truth and not warned)))


def _field(report: Report, label: str, name: str, gold: Any, parsed: Any, kind: str = "fields") -> None:
    s = report.score(kind)
    if gold == parsed or (isinstance(gold, float | int) and isinstance(parsed, float | int)
                          and abs(gold - parsed) < 1e-6):
        if gold is not None:
            s.tp += 1
        return
    if parsed is not None:
        s.fp += 1
    if gold is not None:
        s.fn += 1
    report.misses.append(f"{label}: {name} 应为 {str(gold)[:40]!r}, 读到 {str(parsed)[:40]!r}")


def _dept_key(indicator: JSON) -> tuple[Any, ...]:
    return (clean(indicator.get("name") or ""), _value_raw(indicator))


def score_departments(gold: JSON, parsed: JSON, report: Report) -> None:
    if not gold.get("departments"):
        return
    by_name = {_text(d["name"]): d for d in parsed.get("departments", [])}
    for g in gold["departments"]:
        p = by_name.get(_text(g["name"]))
        report.score("departments").add(Score(int(p is not None), 0, int(p is None)))
        for table in ("strategic_indicators", "annual_indicators"):
            gold_rows = _multiset(_dept_key(i) for i in g.get(table, []))
            parsed_rows = _multiset(_dept_key(i) for i in (p or {}).get(table, []))
            report.score("department indicators").add(_compare_multisets(gold_rows, parsed_rows))


def evaluate(gold: JSON, parsed: JSON) -> Report:
    report = Report(gold.get("source") or parsed.get("source", {}).get("name", "?"))
    score_projects(gold, parsed, report)
    score_departments(gold, parsed, report)
    return report


def parse_source(path: Path) -> JSON:
    from jixiao.domain import to_json
    from jixiao.ingest import read_document

    return to_json(read_document(path.read_bytes(), path.name))


def _load_parsed(path: Path) -> JSON:
    if path.suffix.lower() == ".json":
        data: JSON = json.loads(path.read_text("utf-8"))
        if data.get("schema"):
            return data
    return parse_source(path)


def format_report(report: Report) -> str:
    lines = [f"{report.source}"]
    for kind, s in report.scores.items():
        lines.append(f"  {kind:<22} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
                     f"(tp {s.tp}, fp {s.fp}, fn {s.fn})")
    return "\n".join(lines)


EXPECTED = Path(__file__).resolve().parents[2] / "tests" / "ingest" / "expected"


def _gold_files() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def _source_for(gold_path: Path, gold: JSON, external: Path) -> Path | None:
    from importlib import resources

    name = gold.get("source") or ""
    packaged = Path(str(resources.files("jixiao").joinpath(f"data/samples/{name}")))
    if packaged.exists():
        return packaged
    for candidate in external.rglob(name):
        return candidate
    return None


def write_table(path: Path, external: Path) -> str:
    rows = []
    totals: dict[str, Score] = {}
    for gold_path in _gold_files():
        gold = json.loads(gold_path.read_text("utf-8"))
        source = _source_for(gold_path, gold, external)
        if source is None:
            rows.append(f"| {gold.get('source')} | (source not found) | | | | | |")
            continue
        report = evaluate(gold, parse_source(source))
        cells = []
        for kind in ("projects", "fields", "amounts", "indicators", "placeholders", "unit warnings",
                     "department indicators"):
            s = report.scores.get(kind)
            if s is not None:
                totals.setdefault(kind, Score()).add(s)
            cells.append(f"{s.f1:.3f} ({s.tp}/{s.tp + s.fp}/{s.tp + s.fn})" if s else "–")
        rows.append(f"| {gold['source']} | " + " | ".join(cells) + " |")
    head = (
        "# Reading measured against hand-checked gold\n\n"
        "Generated by `python -m jixiao.ingest.evaluate --write docs/reading-evaluation.md` (the external "
        "workbooks are read from `../shared/samples/external/` when present). Each cell is F1 "
        "(correct / read / in gold). Gold: `tests/ingest/expected/*.json`, written by people reading the "
        "source before the reader ran on it (`CONVENTIONS.md` there). The three samples' gold covers a "
        "subset of their tables (33 project and 10 department tables), so projects the gold does not list "
        "are not counted against precision there; the songgang gold covers every sheet.\n\n"
        "| source | projects | fields | amounts | indicators | placeholders | unit warnings | "
        "department indicators |\n|---|---|---|---|---|---|---|---|\n"
    )
    total = "| **all** | " + " | ".join(
        f"**{totals[k].f1:.3f}**" if k in totals else "–"
        for k in ("projects", "fields", "amounts", "indicators", "placeholders", "unit warnings",
                  "department indicators")
    ) + " |\n"
    text = head + "\n".join(rows) + "\n" + total
    path.write_text(text, "utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jixiao.ingest.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, help="hand-checked gold JSON")
    parser.add_argument("parsed", nargs="?", type=Path, help="jixiao parse output (JSON) or the source file")
    parser.add_argument("--write", type=Path, help="score every gold file and write the markdown table")
    parser.add_argument("--external", type=Path, default=Path("../shared/samples/external"),
                        help="where the external workbooks are (default ../shared/samples/external)")
    parser.add_argument("--misses", action="store_true", help="list every difference")
    args = parser.parse_args(argv)
    if args.write:
        print(write_table(args.write, args.external))
        return 0
    if not args.gold or not args.parsed:
        parser.error("GOLD and PARSED are required (or --write)")
    report = evaluate(json.loads(args.gold.read_text("utf-8")), _load_parsed(args.parsed))
    print(format_report(report))
    if args.misses:
        print("\n".join(report.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())

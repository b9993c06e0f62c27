"""Agreement with a district's own first review: ``jixiao check --profile baoan-2023`` against the result the
district's tool produced for the same projects.

The unit is a (项目编码, 审核细项) pair: the district's 初审小结 lists, per project, the names of the criteria it
raised; ours are the 审核细项 of the profile's criteria findings on that project. Per pattern-based criterion
this gives precision, recall and F1, and every pair on which the two sides differ is listed with the text the
criterion read and the explanation written after reading the source cell (``agreement_notes.toml``: theirs
wrong, ours wrong, or the reader). The workbooks come from a public repository and are never in this
repository; they are read at run time::

    python -m jixiao.review.agreement --write docs/review-agreement.md [--folder DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.domain import Project
from jixiao.review.criteria import Criterion
from jixiao.review.engine import check_document
from jixiao.review.findings import Finding
from jixiao.review.profile import load_profile

FOLDER = Path(__file__).resolve().parents[3] / "shared" / "samples" / "external" / "songgang-2023"
RESULTS = "review-results-forms-2-5.xlsx"
FORMS = tuple(f"songgang-2023-forms-{n}.xlsx" for n in range(2, 6))
NOTES = Path(__file__).with_name("agreement_notes.toml")
PROFILE = "baoan-2023"


def item_key(name: str) -> str:
    """A 审核细项 name as compared: without list numbers, spaces and closing punctuation."""
    return re.sub(r"^\s*\d+[.、．]\s*", "", name).strip().rstrip("。.；;")


def district_results(path: Path) -> dict[str, set[str] | None]:
    """项目编码 → the 审核细项 its 初审小结 lists, read by the header words 项目编码 and 初审小结; None for a
    project whose row holds no opinion at all (not even 审核通过): the district gave no result to compare."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    head = [str(c or "").strip() for c in next(rows)]
    code_col, summary_col = head.index("项目编码"), head.index("初审小结")
    out: dict[str, set[str] | None] = {}
    for row in rows:
        code = str(row[code_col] or "").strip()
        if not code:
            continue
        if not any(str(c or "").strip() for i, c in enumerate(row) if i != code_col):
            out[code] = None
            continue
        lines = str(row[summary_col] or "").splitlines()
        out[code] = {item_key(line) for line in lines if item_key(line)}
    return out


@dataclass
class Tally:
    item: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Disagreement:
    code: str
    project: str
    item: str
    side: str  # "ours" (we raise it, the district does not) or "theirs"
    text: str  # where the criterion read: the rows our findings name, else the field and sheet
    note: str  # verdict and reason, from agreement_notes.toml


@dataclass
class Agreement:
    projects: int = 0
    tallies: list[Tally] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # 审核细项 the district raises that no criterion names
    no_result: list[tuple[str, str]] = field(default_factory=list)  # (code, name) the district left blank


def _places(criterion: Criterion, project: Project, found: list[Finding]) -> str:
    """Where to read the source: the rows our findings name with their cells, else the project's sheet (the
    source text itself is not copied here: the workbooks are not ours to republish)."""
    if found:
        return "；".join(dict.fromkeys(f"{dict(f.evidence)['审核对象']}〔{f.where or ''}〕" for f in found))
    return f"{criterion.field.value}〔{project.where or ''}〕"


def load_notes(path: Path = NOTES) -> dict[tuple[str, str, str], str]:
    """(项目编码 or ``*``, 审核细项, side) → the explanation of a disagreement; ``*`` explains every project's
    disagreement on that 审核细项 and side that has no note of its own."""
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text("utf-8"))
    return {
        (n["code"], item_key(n["item"]), n["side"]): f"{n['verdict']}：{n['reason']}"
        for n in data.get("note", [])
    }


def _note(notes: dict[tuple[str, str, str], str], code: str, item: str, side: str) -> str:
    return notes.get((code, item, side)) or notes.get(("*", item, side)) or "（未解释）"


def measure(folder: Path = FOLDER, profile_name: str = PROFILE) -> Agreement | None:
    """Run the profile over the forms in ``folder`` and compare with the district's results; None when the
    workbooks are absent."""
    from jixiao.ingest import read_document

    paths = [folder / name for name in (RESULTS, *FORMS)]
    if not all(p.is_file() for p in paths):
        return None
    theirs = district_results(paths[0])
    profile = load_profile(profile_name)
    criteria = {item_key(c.item): c for c in profile.criteria}
    notes = load_notes()
    result = Agreement(tallies=[Tally(c.item) for c in profile.criteria])
    tally = {item_key(t.item): t for t in result.tallies}
    for path in paths[1:]:
        report = check_document(read_document(path.read_bytes(), path.name), profile)
        ours: dict[int, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
        for f in report.findings:
            if f.subject.index is not None and item_key(f.title) in criteria:
                ours[f.subject.index][item_key(f.title)].append(f)
        for i, project in enumerate(report.document.projects):
            raised = theirs.get(project.code or "")
            if raised is None:
                result.no_result.append((project.code or "", project.name))
                continue
            result.projects += 1
            result.unmatched += sorted(raised - set(criteria))
            for key, criterion in criteria.items():
                mine, their = bool(ours[i][key]), key in raised
                t = tally[key]
                t.tp += mine and their
                t.fp += mine and not their
                t.fn += their and not mine
                if mine != their:
                    result.disagreements.append(
                        Disagreement(
                            code=project.code or "",
                            project=project.name,
                            item=criterion.item,
                            side="ours" if mine else "theirs",
                            text=_places(criterion, project, ours[i][key]),
                            note=_note(notes, project.code or "", key, "ours" if mine else "theirs"),
                        )
                    )
    return result


def _rate(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def markdown(result: Agreement) -> str:
    out = [
        "# 与宝安区初审结果的一致程度 / Agreement with the district's first review",
        "",
        "由 `python -m jixiao.review.agreement --write docs/review-agreement.md` 生成（读取 "
        "`../shared/samples/external/songgang-2023/`，这些工作簿不在本仓库中）。",
        f"对象：松岗街道 2023 年 {result.projects} 个项目（forms-2..5），"
        "`jixiao check --profile baoan-2023` 与区审核工具的初审小结逐项目、逐审核细项比较：",
        "一个（项目编码，审核细项）对为一个单位；区结果列出、我们也提出为一致（TP），"
        "只我们提出为 FP，只区结果列出为 FN。",
        "",
        "Generated by the command above from the district's workbooks (never committed). Unit: one (project code, "
        "审核细项) pair; TP both raise it, FP only jixiao, FN only the district.",
        "",
        "| 审核细项 | TP | FP | FN | 精确率 P | 召回率 R | F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for t in result.tallies:
        out.append(
            f"| {t.item} | {t.tp} | {t.fp} | {t.fn} | {_rate(t.precision)} | {_rate(t.recall)} | {_rate(t.f1)} |"
        )
    total = Tally("合计", *(sum(getattr(t, k) for t in result.tallies) for k in ("tp", "fp", "fn")))
    out.append(
        f"| **合计** | {total.tp} | {total.fp} | {total.fn} | {_rate(total.precision)} | "
        f"{_rate(total.recall)} | {_rate(total.f1)} |"
    )
    applied = [t for t in result.tallies if t.tp + t.fn]
    used = Tally("区结果用到的", *(sum(getattr(t, k) for t in applied) for k in ("tp", "fp", "fn")))
    unused = [t.item for t in result.tallies if not t.tp + t.fn and t.fp]
    out += [
        f"| **区结果提出过的 {len(applied)} 个审核细项** | {used.tp} | {used.fp} | {used.fn} | "
        f"{_rate(used.precision)} | {_rate(used.recall)} | {_rate(used.f1)} |",
        "",
        "“—”：无可计算（该审核细项双方都未提出，或只一方提出）。",
        "",
    ]
    if unused:
        out += [
            f"区工具在这些项目上从未提出的审核细项（{'、'.join(unused)}）我们照口径提出，"
            "全部计为 FP：区的初审没有执行这几条口径（见下文各条的说明）。",
            "",
        ]
    if result.no_result:
        out += [
            "区结果中以下项目一行全空（连“审核通过”也没有），即区工具未给出结果，不计入比较："
            + "、".join(f"{code}（{name}）" for code, name in result.no_result),
            "",
        ]
    if result.unmatched:
        out += [f"区结果中没有对应审核口径的审核细项：{'、'.join(sorted(set(result.unmatched)))}", ""]
    out += [f"## 不一致之处（{len(result.disagreements)} 处）/ Disagreements", ""]
    by_item: dict[str, list[Disagreement]] = defaultdict(list)
    for d in result.disagreements:
        by_item[d.item].append(d)
    for item, items in by_item.items():
        out += [f"### {item}（{len(items)}）", ""]
        by_note: dict[str, list[Disagreement]] = defaultdict(list)
        for d in items:
            by_note[d.note].append(d)
        for note, group in by_note.items():
            out += [f"**{note}**", "", "| 项目编码 | 项目 | 谁提出 | 位置 |", "| --- | --- | --- | --- |"]
            for d in group:
                side = "仅我们" if d.side == "ours" else "仅区结果"
                cells = [d.code, d.project, side, d.text]
                out.append("| " + " | ".join(c.replace("|", "｜").replace("\n", " ") for c in cells) + " |")
            out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--folder", type=Path, default=FOLDER, help="the songgang-2023 workbooks")
    parser.add_argument("--profile", default=PROFILE)
    parser.add_argument("--write", type=Path, help="write the Markdown report here (default: print)")
    args = parser.parse_args(argv)
    result = measure(args.folder, args.profile)
    if result is None:
        print(f"找不到工作簿：{args.folder}（{RESULTS}、{'、'.join(FORMS)}）", file=sys.stderr)
        return 2
    text = markdown(result)
    if args.write:
        args.write.write_text(text + "\n", "utf-8")
        for t in result.tallies:
            print(
                f"{t.item}\tTP {t.tp}\tFP {t.fp}\tFN {t.fn}\tP {_rate(t.precision)}\tR {_rate(t.recall)}\tF1 {_rate(t.f1)}"
            )
    else:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A self-contained HTML report a reviewer reads and clicks through (no scripts, no external files).

The page template is ``page.html`` (string.Template); the body is built here with every text escaped. The
summary links each rule to its findings and each project or department to its section, so a reviewer can go
from "17 rates under 数量指标" straight to the rows.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from itertools import groupby
from string import Template

from jixiao.review.engine import Report
from jixiao.review.findings import Finding, Severity
from jixiao.review.profile import Profile


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _sev(sev: Severity) -> str:
    return f'<span class="sev sev-{sev.value}">{sev.label}</span>'


def _anchor(report_no: int | str, key: tuple[str, int | None]) -> str:
    return f"r{report_no}-{key[0]}-{key[1] if key[1] is not None else 'doc'}"


def _finding(f: Finding, n: int, report_no: int | str) -> str:
    where = f"{f.document}:L{f.line}" if f.line is not None else f.document
    if f.place:
        where += f" · {f.place}"
    related = "，".join(f"L{x}" for x in f.related_lines)
    evidence = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in f.evidence)
    return (
        f'<div class="finding {f.severity.value} rule-{_e(f.rule)}" id="r{report_no}-f{n}">'
        f'{_sev(f.severity)} <span class="msg">{_e(f.message)}</span>'
        f'<div class="meta">{_e(f.rule)} · {_e(f.title)} · {_e(f.criterion.value)} · 位置 {_e(where)}'
        + (f"（另见 {_e(related)}）" if related else "")
        + (f" · 指标 {_e(f.indicator)}" if f.indicator else "")
        + f"</div><dl>{evidence}</dl>"
        f'<div class="suggest">{_e(f.suggestion)}</div></div>'
    )


def _report_body(report: Report, report_no: int | str) -> str:
    doc = report.document
    counts = report.count_by_severity()
    grades = report.grade_counts()
    cards = "".join(
        f'<div class="card">{label}<b>{value}</b></div>'
        for label, value in (
            ("项目", len(doc.projects)),
            ("部门", len(doc.departments)),
            ("错误", counts[Severity.ERROR]),
            ("警告", counts[Severity.WARNING]),
            ("提示", counts[Severity.HINT]),
            ("等级 优/良/中/差", "/".join(str(grades[g]) for g in ("优", "良", "中", "差"))),
        )
    )
    first_of_rule: dict[str, int] = {}
    for n, f in enumerate(report.findings):
        first_of_rule.setdefault(f.rule, n)
    rule_rows = "".join(
        f"<tr><td>{_sev(sev)}</td><td><a href='#r{report_no}-f{first_of_rule[rule]}'>{_e(rule)}</a></td>"
        f"<td>{_e(title)}</td><td>{n}</td></tr>"
        for rule, title, sev, n in report.count_by_rule()
    )
    score_rows = "".join(
        f"<tr><td>{'项目' if s.subject.kind.value == 'project' else '部门'}</td>"
        f"<td><a href='#{_anchor(report_no, s.subject.key)}'>{_e(s.subject.name)}</a></td>"
        f"<td>{_e(s.subject.department or '')}</td><td>{s.score:g}</td>"
        f"<td><span class='grade g-{s.grade}'>{s.grade}</span></td>"
        f"<td>{s.errors}</td><td>{s.warnings}</td><td>{s.hints}</td></tr>"
        for s in report.scores
    )
    parts = [
        f"<section><h2>{_e(doc.source.name)} · {_e(doc.title or '')} · {_e(doc.year or '')}年</h2>"
        f'<div class="cards">{cards}</div></section>',
        "<section><h2>按规则统计</h2><table><tr><th>级别</th><th>规则</th><th>名称</th><th>条数</th></tr>"
        f"{rule_rows or '<tr><td colspan=4 class=ok>未发现问题</td></tr>'}</table></section>",
        "<section><h2>项目与部门评分</h2><table><tr><th>类型</th><th>名称</th><th>部门</th><th>得分</th>"
        f"<th>等级</th><th>错误</th><th>警告</th><th>提示</th></tr>{score_rows}</table></section>",
    ]
    scores = {s.subject.key: s for s in report.scores}
    numbered = list(enumerate(report.findings))
    for key, group in groupby(numbered, key=lambda nf: nf[1].subject.key):
        items = list(group)
        subject = items[0][1].subject
        score = scores.get(key)
        kind = {"document": "文档", "project": "项目", "department": "部门"}[subject.kind.value]
        grade = (
            f"得分 {score.score:g} <span class='grade g-{score.grade}'>{score.grade}</span>" if score else ""
        )
        where = f"第 {subject.line} 行" if subject.line else ""
        where += f" 项目编码 {_e(subject.code)}" if subject.code else ""
        dept = (
            f" · {_e(subject.department)}" if subject.department and subject.kind.value == "project" else ""
        )
        parts.append(
            f'<section id="{_anchor(report_no, key)}"><div class="subject-head">'
            f"<h3>{kind}：{_e(subject.name)}</h3>"
            f"<small>{where}{dept} {grade}</small></div>"
            + "".join(_finding(f, n, report_no) for n, f in items)
            + "</section>"
        )
    return "\n".join(parts)


def _checklist(profile: Profile) -> str:
    """The profile's 人工 criteria, for the reviewer to judge (never automatic findings)."""
    items = profile.checklist
    if not items:
        return ""
    rows = "".join(
        f"<tr><td>☐</td><td>{_e(c.id)}</td><td>{_e(c.item)}</td><td>{_e(c.field)}</td><td>{_e(c.message)}</td></tr>"
        for c in items
    )
    return (
        '<section id="checklist"><h2>人工审核项（由审核人逐项判断，不自动提出）</h2><table><tr><th></th>'
        f"<th>编号</th><th>审核细项</th><th>审核对象</th><th>审核意见</th></tr>{rows}</table></section>"
    )


# Where a report's number goes in its part of the page (anchors and links), filled in when the page is written:
# a worker renders a report before it knows its place. Document text is escaped, so it never holds a "<".
REPORT_NO = "<!--report-no-->"


def report_html(report: Report) -> str:
    """One report's section of the page, its number left as :data:`REPORT_NO`."""
    return _report_body(report, REPORT_NO)


def page_around(profile: Profile, names: list[str], total: int) -> tuple[str, str]:
    """The page before the reports' sections and after them (the checklist, the footer), the sections and
    what follows them joined by newlines; the reports' names and their findings' count head the page."""
    marker = "\x00body\x00"
    template = Template((resources.files("jixiao.review.report") / "page.html").read_text("utf-8"))
    page = template.substitute(
        title=_e("绩效目标审核报告"),
        subtitle=_e(f"{'、'.join(names)} · 共 {total} 条审核意见"),
        body=marker,
        profile=_e(profile.name),
        cap=profile.penalties.max_per_rule,
        p_error=f"{profile.penalties.error:g}",
        p_warning=f"{profile.penalties.warning:g}",
        p_hint=f"{profile.penalties.hint:g}",
        g_excellent=f"{profile.grades.excellent:g}",
        g_good=f"{profile.grades.good:g}",
        g_fair=f"{profile.grades.fair:g}",
    )
    before, after = page.split(marker)
    return before, _checklist(profile) + after

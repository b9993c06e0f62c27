"""One validation for every channel: the same submission, typed into the compile form, sent to the API, filled
into the Excel template (uploaded on the web, loaded by ``jixiao load-template`` and by ``jixiao load``) or
published and imported, meets the same problems — all at once, each where that channel can point to it.

A channel is a function from a :class:`Submission` to the problems it reports, as ``(path, message)``: the
form's field or row, the API's key, the template's cell, the imported row, each turned back into the path of
:mod:`jixiao.domain.validation` by the channel's own layout. The compile channels refuse and store nothing;
the import, whose documents were published, shows the same problems as warnings in its preview.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.domain import Document, Funds, Indicator, Level1, Level2, Project, Source, parse_target_value
from jixiao.domain.taxonomy import canonical_level1, level1_of
from jixiao.publish.formats import render
from jixiao.publish.template import INDICATOR_HEADER_ROW, write_template
from jixiao.web.organisations.models import ApiToken
from jixiao.web.targets.models import Project as StoredProject
from tests.web.conftest import PASSWORD

FIRST = INDICATOR_HEADER_ROW + 1  # the template's first indicator row


@dataclass(frozen=True)
class Row:
    level2: str
    name: str
    value: str
    level1: str = ""  # only the API, the template and a document carry a 一级


@dataclass(frozen=True)
class Submission:
    rows: tuple[Row, ...]
    name: str = "校园安全设施改造"
    total: str = "100"
    fiscal: str = "60"
    other: str = "40"


BAD = Submission(
    name="",  # a missing name
    other="30",  # 总额 100 ≠ 财政 60 + 其他 30
    rows=(
        Row("数量指标", "培训人次", "≥9O%"),  # a letter O inside the number
        Row("质量指标", "验收合格率", "95%%"),  # a doubled percent sign
        Row("成本指标", "单次培训成本", "≤5万元"),  # 2020's 成本指标 in a 2021 year
        Row("经济成本指标", "", "≤20万元"),  # a missing indicator name
        Row("服务对象满意度指标", "学员满意度", "≥95%"),
    ),
)
BAD_PROBLEMS = {
    ("name", "请填写项目名称。"),
    ("funds_total", "资金总额应等于财政资金与其他资金之和（100 ≠ 60 + 30）。"),
    ("indicators.0.value", "指标值“≥9O%”的数字中有字母 O（应为“≥90%”？）。"),
    ("indicators.1.value", "指标值“95%%”的百分号重复（应为“95%”？）。"),
    (
        "indicators.2.level2",
        "“成本指标”不属于 2021 版指标体系，2021 版成本指标为一级指标，其下为经济/社会/生态环境成本指标。",
    ),
    ("indicators.3.name", "请填写三级指标名称。"),
}
# A 一级 that is not its 二级's: the compile form cannot say it (its one list offers 二级 under their 一级).
MISPAIRED = Submission(
    rows=(
        Row("数量指标", "受益学生人数", "≥1200人", level1="效益指标"),
        Row("经济成本指标", "单栋改造成本", "≤20万元"),
    )
)
MISPAIRED_PROBLEMS = {("indicators.0.level1", "二级指标“数量指标”属于一级指标“产出指标”，不属于“效益指标”。")}
# What officials write, every one accepted everywhere.
WRITTEN = (
    "2027年10月底前", "2023年12月31日前", "每年10月前", "11月底前", "在11月底前完成", "6月中旬前",
    "11月15日至次年3月15日", "大于等于90%", "大于或等于2份", "小于或者等于6小时", "不低于95%", "不少于3次",
    "达到90%以上", "95%或以上", "不超过5万元", "约300人次/天", "1-2年", "5%-10%", "≤3个工作日", "前2名",
    "≥100万kWh", "54μg/m3", "9.5/10万", "1.4:1", "显著提升",
)  # fmt: skip
GOOD = Submission(
    rows=(
        *(Row("时效指标", f"指标{n}", value) for n, value in enumerate(WRITTEN, start=1)),
        Row("经济成本指标", "单栋改造成本", "≤20万元"),
    )
)


# ---- the channels ---------------------------------------------------------------------------------------


def _login(client: Client, user: Any) -> Client:
    assert client.login(username=user.username, password=PASSWORD)
    return client


def web_form(world: Any, client: Client, sub: Submission, tmp_path: Path) -> set[tuple[str, str]]:
    """The compile page: every problem beside its field or grid row, nothing saved."""
    data = {
        "name": sub.name, "funds_total": sub.total, "funds_fiscal": sub.fiscal, "funds_other": sub.other,
        "year": "2024", "ind-TOTAL_FORMS": str(len(sub.rows)), "ind-INITIAL_FORMS": "0",
    }  # fmt: skip
    for n, row in enumerate(sub.rows):
        data |= {f"ind-{n}-position": str(n + 1), f"ind-{n}-level2": row.level2, f"ind-{n}-name": row.name,
                 f"ind-{n}-value": row.value}  # fmt: skip
    response = _login(client, world.editor_a1).post("/work/projects/new/", data)
    if response.status_code == 302:
        return set()
    form, formset = response.context["form"], response.context["formset"]
    found = {(field, m) for field, messages in form.errors.items() for m in messages}
    for n, row_form in enumerate(formset.forms):
        found |= {(f"indicators.{n}.{field}", m) for field, messages in row_form.errors.items() for m in messages}
    assert not StoredProject.objects.exists()
    return found


def api(world: Any, client: Client, sub: Submission, tmp_path: Path) -> set[tuple[str, str]]:
    """``POST /api/projects``: 422 with every problem keyed by its path."""
    _, token = ApiToken.issue(world.editor_a1, "test")
    body = {
        "year": 2024, "name": sub.name, "funds_total": sub.total, "funds_fiscal": sub.fiscal,
        "funds_other": sub.other,
        "indicators": [{"level2": r.level2, "level1": r.level1, "name": r.name, "value": r.value} for r in sub.rows],
    }  # fmt: skip
    response = client.post(
        "/api/projects", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    if response.status_code == 201:
        return set()
    assert response.status_code == 422, response.content
    return set(response.json()["problems"].items())


def _template(sub: Submission) -> bytes:
    """The unit's blank template with ``sub`` typed into 项目1: every value written whole in 指标值."""
    wb = load_workbook(io.BytesIO(write_template(year=2024, department="区教育局")))
    ws = wb["项目1"]
    ws["B3"], ws["B5"], ws["B7"] = sub.name or None, "区教育局", "第一中学"
    ws["B11"], ws["B12"], ws["B13"] = float(sub.total), float(sub.fiscal), float(sub.other)
    for n, row in enumerate(sub.rows):
        r = FIRST + n
        ws[f"A{r}"], ws[f"B{r}"], ws[f"C{r}"], ws[f"F{r}"] = row.level1 or None, row.level2, row.name or None, row.value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


_FIELD_CELLS = {"B3": "name", "B11": "funds_total"}
_COLUMNS = {"A": "level1", "B": "level2", "C": "name", "F": "value"}


def _path_of(cell: str) -> str:
    """The path a cell of 项目1 holds, by the template's layout."""
    sheet, ref = cell.split("!")
    assert sheet == "项目1", cell
    if ref in _FIELD_CELLS:
        return _FIELD_CELLS[ref]
    column, row = re.fullmatch(r"([A-Z])(\d+)", ref).groups()  # type: ignore[union-attr]
    return f"indicators.{int(row) - FIRST}.{_COLUMNS[column]}"


def template_web(world: Any, client: Client, sub: Submission, tmp_path: Path) -> set[tuple[str, str]]:
    """The 填报模板 page: the upload is previewed with every bad cell, or ready to load."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("第一中学.xlsx", _template(sub))
    response = _login(client, world.editor_a1).post("/work/template/", {"file": upload})
    return {(_path_of(e.where), e.message) for e in response.context["plan"].errors}


def _cli_errors(output: str) -> set[tuple[str, str]]:
    found = set()
    for line in output.splitlines():
        if m := re.fullmatch(r"错误: (\S+!\S+): (.*)", line):
            found.add((_path_of(m[1]), m[2]))
    return found


def template_cli(world: Any, client: Client, sub: Submission, tmp_path: Path) -> set[tuple[str, str]]:
    """``jixiao load-template FILE``: no database, the framework the project's own categories imply."""
    path = tmp_path / "filled.xlsx"
    path.write_bytes(_template(sub))
    result = CliRunner().invoke(app, ["load-template", str(path), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == (1 if "错误" in result.output else 0), result.output
    return _cli_errors(result.output)


def cli_load(world: Any, client: Client, sub: Submission, tmp_path: Path) -> set[tuple[str, str]]:
    """``jixiao load FILE --user U``: the template into the unit's drafts, all or nothing."""
    path = tmp_path / "filled.xlsx"
    path.write_bytes(_template(sub))
    result = CliRunner().invoke(app, ["load", str(path), "--user", "editor_a1"])
    if result.exit_code == 0:
        return set()
    assert not StoredProject.objects.exists(), result.output
    return _cli_errors(result.output)


def import_preview(world: Any, client: Client, sub: Submission, tmp_path: Path) -> set[tuple[str, str]]:
    """A disclosure that printed ``sub``, imported: read as published, the problems shown as warnings."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    indicators = []
    for row in sub.rows:
        level2 = Level2(row.level2)
        level1 = canonical_level1(row.level1) if row.level1 else level1_of(level2)
        indicators.append(Indicator(level1 or Level1.OUTPUT, level2, row.name, parse_target_value(row.value)))
    project = Project(
        name=sub.name, department="区教育局", unit="第一中学", indicators=tuple(indicators),
        funds=Funds(float(sub.total), float(sub.fiscal), float(sub.other)),
    )  # fmt: skip
    data = render(Document(source=Source("x", ""), year=2024, projects=(project,)), "xlsx", "auto")
    upload = SimpleUploadedFile("公开文档.xlsx", data)
    response = _login(client, world.admin).post(
        "/work/import/", {"region": world.region.pk, "year": "2024", "file": upload}
    )
    preview = response.context["preview"]
    assert preview is not None, response.content.decode()
    if preview["problems"]:
        assert "校验提示" in response.content.decode()
    return {(x.problem.path, x.problem.message) for x in preview["problems"]}


CHANNELS = [web_form, api, template_web, template_cli, cli_load, import_preview]


@pytest.mark.parametrize("channel", CHANNELS, ids=lambda c: c.__name__)
def test_a_bad_submission_meets_the_same_located_problems_all_at_once_in_every_channel(
    world, client, tmp_path, channel
):
    assert channel(world, client, BAD, tmp_path) == BAD_PROBLEMS


@pytest.mark.parametrize("channel", [c for c in CHANNELS if c is not web_form], ids=lambda c: c.__name__)
def test_a_first_level_that_is_not_the_second_levels_is_named_where_a_channel_has_one(
    world, client, tmp_path, channel
):
    assert channel(world, client, MISPAIRED, tmp_path) == MISPAIRED_PROBLEMS


@pytest.mark.parametrize("channel", CHANNELS, ids=lambda c: c.__name__)
def test_what_officials_write_is_accepted_everywhere(world, client, tmp_path, channel):
    assert channel(world, client, GOOD, tmp_path) == set()


@pytest.mark.parametrize(
    ("typed", "state", "said"),
    [("2027年10月底前", "ok", "完成时限：10月底前"), ("11月15日至次年3月15日", "ok", "日期区间"),
     ("≥9O%", "bad", "的数字中有字母 O"), ("95%%", "bad", "百分号重复")],
)  # fmt: skip
def test_the_value_check_under_a_grid_cell_says_the_same(client, typed, state, said):
    page = client.get("/work/check-value/", {"ind-0-value": typed}).content.decode()
    assert said in page and state in page

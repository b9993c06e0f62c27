"""The labels of table fields, in the spellings the templates use, and how to recognise them in a cell."""

from __future__ import annotations

import re
from enum import Enum

from jixiao.domain.text import clean


class Field(Enum):
    NAME = "name"
    CODE = "code"
    DEPARTMENT = "department"
    UNIT = "unit"
    TOTAL = "total"
    FISCAL = "fiscal"
    OTHER = "other"
    FUND_GROUP = "fund_group"  # 项目资金(万元): a group label, its rows carry the amounts
    BUDGET_AND_PURPOSE = "budget_and_purpose"  # 预算规模及资金用途: amounts here, purpose on the next row
    FUND_TYPE = "fund_type"
    PURPOSE = "purpose"
    PLAN = "plan"
    GOAL = "goal"


_PROJECT_LABELS: dict[str, Field] = {
    "项目名称": Field.NAME,
    "目名称": Field.NAME,
    "项目名": Field.NAME,
    "项目编码": Field.CODE,
    "项目编号": Field.CODE,
    "项目代码": Field.CODE,
    "主管部门": Field.DEPARTMENT,
    "主管部门及代码": Field.DEPARTMENT,
    "主管单位": Field.DEPARTMENT,
    "预算部门": Field.DEPARTMENT,
    "实施单位": Field.UNIT,
    "项目单位": Field.UNIT,
    "预算单位": Field.UNIT,
    "项目实施单位": Field.UNIT,
    "资金情况": Field.TOTAL,
    "预算数": Field.TOTAL,
    "年度资金总额": Field.TOTAL,
    "年度预算资金总额": Field.TOTAL,
    "资金总额": Field.TOTAL,
    "项目资金总额": Field.TOTAL,
    "预算金额": Field.TOTAL,
    "财政资金": Field.FISCAL,
    "财政拨款": Field.FISCAL,
    "财政拨款资金": Field.FISCAL,
    "其他资金": Field.OTHER,
    "项目资金(万元)": Field.FUND_GROUP,
    "项目资金（万元）": Field.FUND_GROUP,
    "项目资金": Field.FUND_GROUP,
    "预算规模及资金用途": Field.BUDGET_AND_PURPOSE,
    "资金性质": Field.FUND_TYPE,
    "资金来源": Field.FUND_TYPE,
    "资金用途": Field.PURPOSE,
    "资金支出计划": Field.PLAN,
    "总体目标": Field.GOAL,
    "绩效目标": Field.GOAL,
    "年度总体绩效目标": Field.GOAL,
    "年度绩效目标": Field.GOAL,
    "项目绩效目标": Field.GOAL,
    "年度总体目标": Field.GOAL,
    "年度目标": Field.GOAL,
}

STARTS_PROJECT = frozenset({Field.NAME, Field.CODE})


def normalise_label(cell: str) -> str:
    text = clean(cell).rstrip(":：")
    if text.startswith("其中"):
        text = text[2:].lstrip(":：")
    return text


def project_label(cell: str) -> Field | None:
    """The project field a cell labels, or ``None`` if the cell is not a label."""
    if not cell or len(cell) > 16:
        return None
    return _PROJECT_LABELS.get(normalise_label(cell))


_CURRENCY = re.compile(r"^单位[:：]?(万元|元|亿元)$")
_YEAR_LINE = re.compile(r"^[(（]?(\d{4})年度?[)）]?$")
_UNIT_LINE = re.compile(r"^(\d{6,9})([^\d].*)$")
_CODED_NAME = re.compile(r"^[\[【［](\d{2,12})[\]】］](.+)$")
_PROJECT_TITLE = re.compile(r"^项目(?:支出)?绩效目标(?:申报)?表$")


def currency_line(text: str) -> str | None:
    m = _CURRENCY.match(text)
    return m.group(1) if m else None


def year_line(text: str) -> int | None:
    m = _YEAR_LINE.match(text)
    return int(m.group(1)) if m else None


def unit_line(text: str) -> tuple[str, str] | None:
    """``001002 聊城市农业技术推广服务中心`` → code and name."""
    m = _UNIT_LINE.match(text)
    return (m.group(1), m.group(2)) if m else None


def coded_name(text: str) -> tuple[str, str] | None:
    """``[202]淄博市淄川区教育和体育局`` → code and name."""
    m = _CODED_NAME.match(text)
    return (m.group(1), m.group(2).strip()) if m else None


def is_project_title(text: str) -> bool:
    return bool(_PROJECT_TITLE.match(text))


SIDE_LABELS = frozenset({"绩效指标", "年度绩效指标", "年度绩效", "指标", "年度指标", "绩效", "产出", "效益"})

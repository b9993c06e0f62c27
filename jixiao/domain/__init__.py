"""The language of 绩效目标: pure Python, no web, database or file-format imports."""

from jixiao.domain.model import (
    Department,
    DepartmentIndicator,
    Document,
    Funds,
    Indicator,
    Placeholder,
    Project,
    ReadWarning,
    Reference,
    Source,
    SpendingPoint,
    SummaryRow,
)
from jixiao.domain.serialize import SCHEMA_ID, from_json, to_json
from jixiao.domain.taxonomy import (
    FRAMEWORKS,
    Framework,
    Level1,
    Level2,
    canonical_level1,
    canonical_level2,
    level1_of,
)
from jixiao.domain.values import Op, TargetValue, ValueKind, format_target_value, parse_target_value

__all__ = [
    "FRAMEWORKS",
    "SCHEMA_ID",
    "Department",
    "DepartmentIndicator",
    "Document",
    "Framework",
    "Funds",
    "Indicator",
    "Level1",
    "Level2",
    "Op",
    "Placeholder",
    "Project",
    "ReadWarning",
    "Reference",
    "Source",
    "SpendingPoint",
    "SummaryRow",
    "TargetValue",
    "ValueKind",
    "canonical_level1",
    "canonical_level2",
    "format_target_value",
    "from_json",
    "level1_of",
    "parse_target_value",
    "to_json",
]

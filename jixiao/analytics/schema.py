"""The Parquet tables' columns: one definition, written by :mod:`jixiao.analytics.export`, documented in
``docs/parquet-schema.md`` (a test keeps the two equal)."""

from __future__ import annotations

import pyarrow as pa

I32, I64, F64, STR = pa.int32(), pa.int64(), pa.float64(), pa.string()

# A target value's columns (jixiao.domain.serialize.value_to_json's keys)
VALUE = [("raw", STR), ("kind", STR), ("op", STR), ("number", F64), ("upper", F64), ("unit", STR)]

TABLES: dict[str, pa.Schema] = {
    "projects": pa.schema(
        [
            ("project_id", I64),
            ("year", I32),
            ("region", STR),
            ("department", STR),
            ("code", STR),
            ("name", STR),
            ("category", STR),
            ("fund_type", STR),
            ("funds_total", F64),
            ("funds_fiscal", F64),
            ("indicators", I32),
            ("selfeval_score", F64),
            ("grade", STR),
            ("execution_rate", F64),
            ("monitor_month", I32),
            ("monitor_execution_rate", F64),
            ("monitor_band", STR),
        ]
    ),
    "indicators": pa.schema(
        [
            ("project_id", I64),
            ("year", I32),
            ("region", STR),
            ("seq", I32),
            ("level1", STR),
            ("level2", STR),
            ("name", STR),
            ("cluster", STR),
            *VALUE,
        ]
    ),
    "department_rows": pa.schema(
        [
            ("year", I32),
            ("region", STR),
            ("department", STR),
            ("table_kind", STR),
            ("seq", I32),
            ("name", STR),
            ("cluster", STR),
            *VALUE,
        ]
    ),
    "actuals": pa.schema(
        [
            ("project_id", I64),
            ("year", I32),
            ("region", STR),
            ("month", I32),
            ("seq", I32),
            ("name", STR),
            ("raw", STR),
            ("number", F64),
            ("status", STR),
            ("weight", F64),
            ("score", F64),
            ("progress", F64),
            ("band", STR),
            ("causes", STR),
            ("cause_note", STR),
            ("likelihood", STR),
        ]
    ),
    "findings": pa.schema(
        [
            ("project_id", I64),
            ("year", I32),
            ("region", STR),
            ("subject_kind", STR),
            ("subject", STR),
            ("rule", STR),
            ("severity", STR),
            ("indicator", STR),
            ("message", STR),
        ]
    ),
    "clusters": pa.schema([("cluster", STR), ("name", STR), ("rows", I64)]),
}

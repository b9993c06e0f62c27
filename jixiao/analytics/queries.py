"""The named analyses, defined once: SQL text that DuckDB and Spark SQL both run unchanged.

Only what the two dialects share: ``percentile_cont(q) WITHIN GROUP (ORDER BY x)``, ``CASE`` counts cast to
BIGINT, explicit GROUP BY columns, ``coalesce`` for NULL units (so an ORDER BY never meets a NULL, whose
place the engines disagree on) and a total order in every ORDER BY, so the two engines return the same rows
in the same order. The tables are the Parquet export's (``docs/parquet-schema.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

OUTLIER_Z = 3.5  # robust z beyond which a value is an outlier (Iglewicz and Hoaglin), as the library's
OUTLIER_MIN_ROWS = 10  # fewer values than this in a cluster and unit make no distribution to stand out from


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    title: str  # Chinese, for people
    description: str  # English, what it answers
    tables: tuple[str, ...]
    sql: str


def _p(q: float, column: str) -> str:
    return f"percentile_cont({q}) WITHIN GROUP (ORDER BY {column})"


_NUMERIC = "kind = 'numeric' AND number IS NOT NULL"


def _heading(cause: str, column: str) -> str:
    """The indicators giving ``cause`` among their 偏差原因 (joined by 、 in one cell; no heading is a part of
    another, so a LIKE finds each, on both engines)."""
    return f"CAST(sum(CASE WHEN causes LIKE '%{cause}%' THEN 1 ELSE 0 END) AS BIGINT) AS {column}"


QUERIES: dict[str, Query] = {
    q.name: q
    for q in (
        Query(
            "value-distribution",
            "指标值分布（按指标聚类、计量单位和地区）",
            "value distribution of numeric indicators per library cluster, unit and region",
            ("indicators",),
            f"""
SELECT cluster, coalesce(unit, '') AS unit, region,
       count(*) AS n, min(number) AS min, {_p(0.25, "number")} AS p25, {_p(0.5, "number")} AS median,
       {_p(0.75, "number")} AS p75, max(number) AS max
FROM indicators
WHERE {_NUMERIC}
GROUP BY cluster, coalesce(unit, ''), region
ORDER BY cluster, unit, region
""",
        ),
        Query(
            "grades",
            "自评等级和预算执行率（按地区和年度）",
            "self-evaluation grades and budget execution rates per region and year",
            ("projects",),
            """
SELECT year, region, count(*) AS projects,
       CAST(sum(CASE WHEN grade = '优' THEN 1 ELSE 0 END) AS BIGINT) AS excellent,
       CAST(sum(CASE WHEN grade = '良' THEN 1 ELSE 0 END) AS BIGINT) AS good,
       CAST(sum(CASE WHEN grade = '中' THEN 1 ELSE 0 END) AS BIGINT) AS fair,
       CAST(sum(CASE WHEN grade = '差' THEN 1 ELSE 0 END) AS BIGINT) AS poor,
       avg(selfeval_score) AS mean_score,
       avg(execution_rate) AS mean_execution_rate,
       CAST(sum(CASE WHEN execution_rate < 80 THEN 1 ELSE 0 END) AS BIGINT) AS below_80,
       sum(funds_total) AS funds_total
FROM projects
WHERE grade IS NOT NULL
GROUP BY year, region
ORDER BY year, region
""",
        ),
        Query(
            "monitoring-bands",
            "运行监控预警（按地区、年度和颜色）",
            "projects per monitoring band (the worst of budget and indicators) per region and year",
            ("projects",),
            """
SELECT year, region, monitor_month AS month, monitor_band AS band, count(*) AS projects,
       avg(monitor_execution_rate) AS mean_execution_rate
FROM projects
WHERE monitor_band IS NOT NULL
GROUP BY year, region, monitor_month, monitor_band
ORDER BY year, region, month, band
""",
        ),
        Query(
            "deviation-causes",
            "偏差原因（按地区、年度和截止月份）",
            "indicators behind with a stated cause per region, year and cut-off month, by each of the five "
            "official headings (an indicator may give several), and those stated unlikely to be met",
            ("actuals",),
            f"""
SELECT year, region, month, count(*) AS indicators,
       {_heading("经费保障", "funding")},
       {_heading("制度保障", "rules")},
       {_heading("人员保障", "staff")},
       {_heading("硬件条件保障", "facilities")},
       {_heading("其他", "other")},
       CAST(sum(CASE WHEN likelihood = '完全不可能' THEN 1 ELSE 0 END) AS BIGINT) AS unlikely
FROM actuals
WHERE causes IS NOT NULL
GROUP BY year, region, month
ORDER BY year, region, month
""",
        ),
        Query(
            "outliers",
            "异常指标值（同一指标聚类和单位中的稳健 z 值）",
            f"indicator values more than {OUTLIER_Z} robust standard deviations (1.4826 × MAD) from their "
            f"cluster and unit's median, where the cluster has at least {OUTLIER_MIN_ROWS} values",
            ("indicators", "projects"),
            f"""
WITH centre AS (
  SELECT cluster, coalesce(unit, '') AS unit, count(*) AS n, {_p(0.5, "number")} AS median
  FROM indicators WHERE {_NUMERIC}
  GROUP BY cluster, coalesce(unit, '')
),
spread AS (
  SELECT c.cluster, c.unit, {_p(0.5, "abs(i.number - c.median)")} AS mad
  FROM indicators i JOIN centre c ON i.cluster = c.cluster AND coalesce(i.unit, '') = c.unit
  WHERE i.kind = 'numeric' AND i.number IS NOT NULL
  GROUP BY c.cluster, c.unit
),
scored AS (
  SELECT i.project_id, i.seq, i.region, i.cluster, c.unit, i.name, i.raw, i.number, c.median, c.n,
         (i.number - c.median) / (1.4826 * s.mad) AS robust_z
  FROM indicators i
  JOIN centre c ON i.cluster = c.cluster AND coalesce(i.unit, '') = c.unit
  JOIN spread s ON s.cluster = c.cluster AND s.unit = c.unit
  WHERE i.kind = 'numeric' AND i.number IS NOT NULL AND c.n >= {OUTLIER_MIN_ROWS} AND s.mad > 0
)
SELECT s.region, p.department, p.name AS project, s.seq, s.name AS indicator, s.cluster, s.unit, s.raw,
       s.number, s.median, s.n, s.robust_z
FROM scored s JOIN projects p ON p.project_id = s.project_id
WHERE abs(s.robust_z) > {OUTLIER_Z}
ORDER BY abs(s.robust_z) DESC, s.project_id, s.seq
""",
        ),
    )
}

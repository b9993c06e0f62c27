"""Write targets, actuals, review findings and library clusters as Parquet (``docs/parquet-schema.md``).

One :class:`ParquetExport` takes documents one at a time (a region's year, a parsed disclosure, the web
database's projects), turns each into rows of the six tables and writes them in row groups of ``batch``
rows, so memory holds one batch per table whatever the size; the clusters table (one row per distinct
indicator name) is written at the end. Grades and execution rates are jixiao's own: the self-evaluation
(:func:`jixiao.evaluate.selfeval.evaluate`) and monitoring (:func:`jixiao.evaluate.monitor.monitor`) of the
actuals given with a document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from jixiao.analytics.schema import TABLES
from jixiao.domain.actuals import Actuals, IndicatorActual
from jixiao.domain.model import Document
from jixiao.domain.serialize import value_to_json
from jixiao.evaluate.monitor import monitor
from jixiao.evaluate.results import RecordResult
from jixiao.evaluate.selfeval import evaluate
from jixiao.evaluate.selfeval_results import RecordScore
from jixiao.library import canonical_name, region_of

Row = dict[str, Any]
CAUSE_JOIN = "、"  # several 偏差原因 in one cell, as the monitoring and self-evaluation tables write them


def _key(name: str, code: str | None) -> str:
    return code or name


def _month(actuals: Actuals) -> int:
    return actuals.month


class ParquetExport:
    """Rows out as Parquet files ``DIR/<table>/part-N.parquet``; use as a context manager or call :meth:`close`."""

    def __init__(self, out: Path, *, findings: bool = False, batch: int = 100_000, part: int = 0) -> None:
        self.out = out
        self.part = part  # several writers (processes) into one folder each write their own part
        self.with_findings = findings
        self.batch = batch
        self.rows: dict[str, list[Row]] = {name: [] for name in TABLES}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.counts: Counter[str] = Counter()
        self.names: Counter[tuple[str, str]] = Counter()
        self._clusters: dict[str, str] = {}
        self.next_id = 1

    def __enter__(self) -> ParquetExport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cluster(self, name: str) -> str:
        """The library's cluster key of an indicator name (its canonical wording), counted for ``clusters``."""
        found = self._clusters.get(name)
        if found is None:
            found = self._clusters[name] = canonical_name(name)
        self.names[(found, name)] += 1
        return found

    def add(
        self,
        doc: Document,
        *,
        region: str | None = None,
        monitoring: Actuals | Sequence[Actuals] | None = None,
        selfeval: Actuals | None = None,
        first_id: int | None = None,
        judged: Sequence[RecordResult] | None = None,
        scored: Sequence[RecordScore] | None = None,
    ) -> None:
        """The rows of one document and its actuals (either may be missing; monitoring may be several
        cut-offs, each giving its rows of ``actuals``, the latest a project is reported in its ``monitor_*``
        columns); its projects are numbered on from the last one, or from ``first_id`` (a writer among
        several keeps to its own range). ``judged`` and ``scored``, when the caller has them (a generated
        region's), are the core's monitoring of the one cut-off and self-evaluation of these actuals' projects,
        used as they are rather than computed again."""
        if first_id is not None:
            self.next_id = first_id
        region = region or region_of(doc) or ""
        year = doc.year
        rules = region or None  # the region's own rules where the profile names it, as the web applies them
        if selfeval and scored is None:
            scored = evaluate(doc, selfeval, region=rules).projects
        scores = {_key(r.name, r.code): r for r in scored or ()}
        cut_offs = [monitoring] if isinstance(monitoring, Actuals) else sorted(monitoring or (), key=_month)
        if judged is not None and len(cut_offs) != 1:
            raise ValueError("judged is the monitoring of one cut-off")
        results = [judged if judged is not None else monitor(doc, a, region=rules).projects for a in cut_offs]
        watched = [
            (a.month, {_key(r.name, r.code): r for r in found})
            for a, found in zip(cut_offs, results, strict=True)
        ]
        ids: list[int] = []
        for p in doc.projects:
            pid = self.next_id
            self.next_id += 1
            ids.append(pid)
            key = _key(p.name, p.code)
            score = scores.get(key)
            seen_at = [(month, found[key]) for month, found in watched if key in found]
            month, seen = seen_at[-1] if seen_at else (None, None)
            self._put(
                "projects",
                {
                    "project_id": pid,
                    "year": year,
                    "region": region,
                    "department": p.department,
                    "code": p.code,
                    "name": p.name,
                    "category": p.category,
                    "fund_type": p.fund_type,
                    "funds_total": p.funds.total,
                    "funds_fiscal": p.funds.fiscal,
                    "indicators": len(p.indicators),
                    "selfeval_score": score.total if score else None,
                    "grade": score.grade.value if score else None,
                    "execution_rate": score.budget.execution_rate if score else None,
                    "monitor_month": month,
                    "monitor_execution_rate": seen.budget.execution_rate if seen else None,
                    "monitor_band": seen.band.value if seen and seen.band else None,
                },
            )
            for seq, ind in enumerate(p.indicators, 1):
                self._put(
                    "indicators",
                    {
                        "project_id": pid,
                        "year": year,
                        "region": region,
                        "seq": seq,
                        "level1": ind.level1.value,
                        "level2": ind.level2.value,
                        "name": ind.name,
                        "cluster": self.cluster(ind.name),
                        **value_to_json(ind.value),
                    },
                )
            if score:
                for seq, s in enumerate(score.indicators, 1):
                    self._actual(pid, year, region, 12, seq, s.name, s.actual)
                    self.rows["actuals"][-1].update(weight=s.weight, score=s.score)
            for at, reported in seen_at:
                for seq, r in enumerate(reported.indicators, 1):
                    self._actual(pid, year, region, at, seq, r.name, r.actual)
                    self.rows["actuals"][-1].update(
                        progress=r.progress, band=r.band.value if r.band else None
                    )
        for dept in doc.departments:
            for table, rows in (("strategic", dept.strategic_indicators), ("annual", dept.annual_indicators)):
                for seq, row in enumerate(rows, 1):
                    self._put(
                        "department_rows",
                        {
                            "year": year,
                            "region": region,
                            "department": dept.name,
                            "table_kind": table,
                            "seq": seq,
                            "name": row.name,
                            "cluster": self.cluster(row.name),
                            **value_to_json(row.value),
                        },
                    )
        if self.with_findings:
            self._findings(doc, year, region, ids)

    def _actual(
        self,
        pid: int,
        year: int | None,
        region: str,
        month: int,
        seq: int,
        name: str,
        a: IndicatorActual | None,
    ) -> None:
        self._put(
            "actuals",
            {
                "project_id": pid,
                "year": year,
                "region": region,
                "month": month,
                "seq": seq,
                "name": name,
                "raw": a.actual.raw if a else None,
                "number": a.actual.number if a else None,
                "status": a.status.value if a and a.status else None,
                "causes": CAUSE_JOIN.join(a.causes) if a and a.causes else None,
                "cause_note": a.cause_note if a else None,
                "likelihood": a.likelihood.value if a and a.likelihood else None,
            },
        )

    def _findings(self, doc: Document, year: int | None, region: str, ids: list[int]) -> None:
        from jixiao.review.engine import check_document

        for f in check_document(doc).findings:
            index = f.subject.index
            project = ids[index] if f.subject.kind.value == "project" and index is not None else None
            self._put(
                "findings",
                {
                    "project_id": project,
                    "year": year,
                    "region": region,
                    "subject_kind": f.subject.kind.value,
                    "subject": f.subject.name,
                    "rule": f.rule,
                    "severity": f.severity.value,
                    "indicator": f.indicator,
                    "message": f.message,
                },
            )

    def _put(self, table: str, row: Row) -> None:
        rows = self.rows[table]
        rows.append(row)
        if (
            len(rows) > self.batch
        ):  # one row past the batch: the last row may still be completed by its caller
            self._flush(table, keep=1)

    def _flush(self, table: str, keep: int = 0) -> None:
        rows = self.rows[table]
        ready, self.rows[table] = rows[: len(rows) - keep], rows[len(rows) - keep :]
        writer = self.writers.get(table)
        if writer is None:
            (self.out / table).mkdir(parents=True, exist_ok=True)
            writer = self.writers[table] = pq.ParquetWriter(
                self.out / table / f"part-{self.part}.parquet", TABLES[table]
            )
        if ready:
            writer.write_table(pa.Table.from_pylist(ready, schema=TABLES[table]))
            self.counts[table] += len(ready)

    def close(self) -> dict[str, int]:
        """Write what is left and the clusters; the number of rows of each table."""
        if not self.writers and not any(self.rows.values()) and not self.names:
            self.out.mkdir(parents=True, exist_ok=True)
        self.rows["clusters"] = [
            {"cluster": c, "name": n, "rows": k} for (c, n), k in sorted(self.names.items())
        ]
        for table in TABLES:
            self._flush(table)
            self.writers.pop(table).close()
        return dict(self.counts)

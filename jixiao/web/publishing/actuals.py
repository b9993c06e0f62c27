"""A region's stored monitoring and self-evaluation of a year as ``jixiao/actuals@1`` objects: what the
units reported, for the Parquet export (``jixiao export-parquet --db``) to score and monitor with the core,
as it does a generated year's actuals.

A record counts as reported once its 执行数 is given (no record can be submitted without it; a 自评表 opened
from the last monitoring carries that round's figures but not its 执行数), and when it is in one of the
states asked for (``approved``: accepted or published; ``published``; ``all``). Finance's 复核 adjustments
of a 自评表's scores are not part of what the unit reported, so they are not here: the export scores the
report as the unit made it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from jixiao.domain.actuals import ActualRecord, Actuals
from jixiao.web.monitoring.convert import record_actuals
from jixiao.web.monitoring.models import MonitoringIndicator, MonitoringRecord, MonitoringRound
from jixiao.web.publishing.document import STATE_CHOICES
from jixiao.web.selfeval.convert import selfeval_actuals
from jixiao.web.selfeval.models import SelfEvalRound, SelfEvaluation, SelfEvaluationIndicator


def _reported(records: Any, rows: Any, state: str) -> Any:
    live = rows.objects.filter(archived=False).order_by("position", "id")
    return (
        records.filter(archived=False, executed__isnull=False, state__in=STATE_CHOICES[state])
        .prefetch_related(Prefetch("indicators", queryset=live, to_attr="live"))
        .order_by("pk")
    )


def _actuals(year: int, month: int, records: Any, convert: Any) -> Actuals:
    projects: list[ActualRecord] = []
    departments: list[ActualRecord] = []
    for record in records:
        (projects if record.project_id else departments).append(convert(record, record.live))
    return Actuals(year, month, tuple(projects), tuple(departments))


def region_actuals(region: Any, year: int, state: str = "all") -> tuple[list[Actuals], Actuals | None]:
    """The region's monitoring of ``year``, one :class:`Actuals` per round in month order, and its
    self-evaluation (``None`` when none was opened): the records reported, in the states ``state`` names."""
    rounds = MonitoringRound.objects.filter(region=region, year=year).order_by("month")
    monitoring = [
        _actuals(
            year,
            r.month,
            _reported(MonitoringRecord.objects.filter(monitoring_round=r), MonitoringIndicator, state),
            record_actuals,
        )
        for r in rounds
    ]
    selfeval_round = SelfEvalRound.objects.filter(region=region, year=year).first()
    if selfeval_round is None:
        return monitoring, None
    records = SelfEvaluation.objects.filter(selfeval_round=selfeval_round)
    reported = _reported(records, SelfEvaluationIndicator, state)
    return monitoring, _actuals(year, 12, reported, selfeval_actuals)

"""``jixiao manage rebuild_library``: make the indicator library's sources again from every approved and
published target (curation kept and applied on top), e.g. after loading data by other means."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jixiao.web.actions.library import do_rebuild_library


class Command(BaseCommand):
    help = "重建指标库（由全部已批复、已公开的项目和部门整体目标；整理记录保留）"

    def handle(self, *args: Any, **options: Any) -> None:
        counts = do_rebuild_library()
        self.stdout.write(
            f"指标库已重建：项目 {counts['projects']} 个，部门整体目标 {counts['department_targets']} 个，"
            f"指标 {counts['rows']} 条"
        )

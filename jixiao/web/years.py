"""The budget year being compiled: the one new projects, templates and the demo's work default to.

Targets are compiled the year before they are spent (预算编制), so it is next calendar year. One function,
so the year a new project gets and the year the demo's work sits in cannot drift apart.
"""

from __future__ import annotations

from django.utils import timezone


def compile_year() -> int:
    return timezone.localdate().year + 1

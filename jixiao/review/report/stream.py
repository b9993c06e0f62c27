"""Text and JSON reports written one document at a time, as each review arrives.

``jixiao check`` over a province's files must not hold every report until the end: each report is rendered
where it was made (a worker process) into a :class:`ReportPart` — its text and the two numbers the end of the
run needs — and a :class:`ReportWriter` writes the parts in order. What it writes is the whole-list output:
:func:`render_text` and :func:`render_json` are the writer over a list, so the two cannot drift apart.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from jixiao.review.engine import Report
from jixiao.review.report.jsonout import report_json
from jixiao.review.report.text import report_text

STREAMED = ("text", "json")  # the formats written as reports arrive (html and xlsx need the whole list)


@dataclass(frozen=True, slots=True)
class ReportPart:
    """One document's report in its output format, and what the summary at the end needs of it."""

    text: str
    findings: int
    has_errors: bool


def render_part(report: Report, fmt: str, colour: bool = False) -> ReportPart:
    """``report`` as its part of the ``fmt`` output (``text`` or ``json``)."""
    text = report_json(report) if fmt == "json" else report_text(report, colour)
    return ReportPart(text, len(report.findings), report.has_errors)


class ReportWriter:
    """Writes report parts to ``out`` in the order given, holding at most one part (JSON: a single report is
    written as an object, several as a list, so the first waits until a second comes or the end)."""

    def __init__(self, fmt: str, out: IO[str]) -> None:
        if fmt not in STREAMED:
            raise ValueError(f"{fmt} reports are not written part by part")
        self.fmt, self.out = fmt, out
        self.reports = self.findings = 0
        self.has_errors = False
        self._first: str | None = None

    def write(self, part: ReportPart) -> None:
        self.findings += part.findings
        self.has_errors |= part.has_errors
        self.reports += 1
        if self.fmt == "text":
            self.out.write(part.text if self.reports == 1 else "\n" + part.text)
        elif self.reports == 1:
            self._first = part.text
        else:
            if self._first is not None:
                self.out.write("[\n" + _list_item(self._first))
                self._first = None
            self.out.write(",\n" + _list_item(part.text))

    def close(self) -> None:
        """End the output (after the last part)."""
        if self.fmt == "text":
            self.out.write("\n")
        elif self._first is not None:
            self.out.write(self._first + "\n")
        else:
            self.out.write("\n]\n" if self.reports else "[]\n")


def _list_item(part: str) -> str:
    """A report's JSON as an item of the top-level list: one indent further in (strings hold no newline)."""
    return "  " + part.replace("\n", "\n  ")


def _render(reports: Iterable[Report], fmt: str, colour: bool = False) -> str:
    out = io.StringIO()
    writer = ReportWriter(fmt, out)
    for report in reports:
        writer.write(render_part(report, fmt, colour))
    writer.close()
    return out.getvalue()


def render_text(reports: Iterable[Report], colour: bool = False) -> str:
    """Terminal text: each report's findings grouped by project and department, then its counts by rule."""
    return _render(reports, "text", colour)


def render_json(reports: Iterable[Report]) -> str:
    """One report as a JSON object; several (or none) as a list of them."""
    return _render(reports, "json")

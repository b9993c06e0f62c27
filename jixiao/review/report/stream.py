"""Text, JSON and HTML reports written one document at a time, as each review arrives.

``jixiao check`` over a province's files must not hold every report until the end: each report is rendered
where it was made (a worker process) into a :class:`ReportPart` — its text and the few facts the end of the
run needs — and a :class:`ReportWriter` writes the parts in order. What it writes is the whole-list output:
:func:`render_text`, :func:`render_json` and :func:`render_html` are the writer over a list, so the two cannot
drift apart.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from jixiao.review.engine import Report
from jixiao.review.profile import Profile
from jixiao.review.report.html import REPORT_NO, page_around, report_html
from jixiao.review.report.jsonout import report_json
from jixiao.review.report.text import report_text

STREAMED = ("text", "json", "html")  # the formats written as reports arrive (xlsx needs the whole list)
SPOOL_BYTES = 8 << 20  # what is held in memory before a temporary file takes it


@dataclass(frozen=True, slots=True)
class ReportPart:
    """One document's report in its output format, and what the end of the output needs of it."""

    text: str
    findings: int
    has_errors: bool
    name: str  # the document's, which an HTML page lists at its head


def render_part(report: Report, fmt: str, colour: bool = False) -> ReportPart:
    """``report`` as its part of the ``fmt`` output (``text``, ``json`` or ``html``)."""
    if fmt == "html":
        text = report_html(report)
    else:
        text = report_json(report) if fmt == "json" else report_text(report, colour)
    return ReportPart(text, len(report.findings), report.has_errors, report.document.source.name)


class ReportWriter:
    """Writes report parts to ``out`` in the order given, holding at most one part. JSON: a single report is
    written as an object, several as a list, so the first waits until a second comes or the end. HTML: the
    page's head names every document and counts the findings, so the reports' sections wait in a temporary
    file (in memory up to a few megabytes) until the end; only the names stay in memory."""

    def __init__(self, fmt: str, out: IO[str], profile: Profile | None = None) -> None:
        if fmt not in STREAMED:
            raise ValueError(f"{fmt} reports are not written part by part")
        if fmt == "html" and profile is None:
            raise ValueError("an HTML page needs the profile its reports were made with")
        self.fmt, self.out, self.profile = fmt, out, profile
        self.reports = self.findings = 0
        self.has_errors = False
        self._first: str | None = None
        self._names: list[str] = []
        self._sections: IO[str] | None = None

    def write(self, part: ReportPart) -> None:
        self.findings += part.findings
        self.has_errors |= part.has_errors
        self.reports += 1
        if self.fmt == "text":
            self.out.write(part.text if self.reports == 1 else "\n" + part.text)
        elif self.fmt == "html":
            if self._sections is None:  # closed by close(), after the last part
                self._sections = tempfile.SpooledTemporaryFile(SPOOL_BYTES, "w+", encoding="utf-8")  # noqa: SIM115
            self._names.append(part.name)
            section = part.text.replace(REPORT_NO, str(self.reports - 1))
            self._sections.write(section if self.reports == 1 else "\n" + section)
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
        elif self.fmt == "html":
            assert self.profile is not None
            before, after = page_around(self.profile, self._names, self.findings)
            self.out.write(before)
            if self._sections is not None:
                with self._sections:
                    self._sections.seek(0)
                    shutil.copyfileobj(self._sections, self.out)
                self.out.write("\n")
            self.out.write(after)
        elif self._first is not None:
            self.out.write(self._first + "\n")
        else:
            self.out.write("\n]\n" if self.reports else "[]\n")


def _list_item(part: str) -> str:
    """A report's JSON as an item of the top-level list: one indent further in (strings hold no newline)."""
    return "  " + part.replace("\n", "\n  ")


def _render(reports: Iterable[Report], fmt: str, colour: bool = False, profile: Profile | None = None) -> str:
    out = io.StringIO()
    writer = ReportWriter(fmt, out, profile)
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


def render_html(reports: list[Report]) -> str:
    """A self-contained page of the reports (made with one profile: the first report's)."""
    return _render(reports, "html", profile=reports[0].profile)

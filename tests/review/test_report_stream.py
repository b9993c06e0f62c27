"""Reports written part by part (``jixiao.review.report.stream``): the same bytes as the whole list, one part held."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from jixiao.cli.export import read_input
from jixiao.review import Report, check_document, load_profile
from jixiao.review.report import render_html, render_json, render_text, report_to_json
from jixiao.review.report.html import REPORT_NO
from jixiao.review.report.stream import ReportWriter, render_part

SAMPLES = Path(__file__).resolve().parents[2] / "jixiao" / "data" / "samples"


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    profile = load_profile()
    return [check_document(read_input(path), profile) for path in sorted(SAMPLES.glob("*.txt"))]


def test_json_of_one_report_is_its_object_and_of_several_the_list(reports: list[Report]) -> None:
    def dumps(data: object) -> str:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    assert render_json(reports[:1]) == dumps(report_to_json(reports[0]))
    assert render_json(reports) == dumps([report_to_json(r) for r in reports])
    assert render_json([]) == "[]\n"


def test_text_of_several_reports_is_each_report_in_turn(reports: list[Report]) -> None:
    assert render_text(reports) == "".join(render_text([r]) for r in reports)
    assert render_text(reports, colour=True) == "".join(render_text([r], colour=True) for r in reports)
    assert render_text([]) == "\n"


def test_a_page_of_several_reports_numbers_each_report_s_anchors(reports: list[Report]) -> None:
    page = render_html(reports)
    assert REPORT_NO not in page and page.count("<!DOCTYPE html>") == 1
    for n, report in enumerate(reports):
        assert f'id="r{n}-f0"' in page and report.document.source.name in page.split("</p>")[0]
    assert f"共 {sum(len(r.findings) for r in reports)} 条审核意见" in page
    assert page.count('<section id="checklist">') <= 1 and page.rstrip().endswith("</html>")


class _Recorder(io.StringIO):
    """Output that notes how much had been written after each part."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_each_part_is_written_when_the_next_arrives(reports: list[Report], fmt: str) -> None:
    out = _Recorder()
    writer = ReportWriter(fmt, out)
    parts = [render_part(r, fmt) for r in reports]
    for part in parts:
        writer.write(part)
        out.sizes.append(len(out.getvalue()))
    writer.close()
    # JSON's first report waits for the second (one report alone is an object, not a list); after that every
    # part is out as soon as it is written, so the writer never holds more than one report's text.
    held = 1 if fmt == "json" else 0
    for n, size in enumerate(out.sizes[held:], start=held + 1):
        assert size >= sum(len(p.text) for p in parts[:n])
    assert writer.reports == 3 and writer.findings == sum(len(r.findings) for r in reports) > 0
    assert writer.has_errors == any(r.has_errors for r in reports)


def test_xlsx_is_not_written_part_by_part_and_a_page_needs_its_profile() -> None:
    with pytest.raises(ValueError, match="xlsx"):
        ReportWriter("xlsx", io.StringIO())
    with pytest.raises(ValueError, match="profile"):
        ReportWriter("html", io.StringIO())

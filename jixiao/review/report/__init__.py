"""Reporters: the same reports as terminal text, JSON, a self-contained HTML page or an XLSX workbook."""

from jixiao.review.report.jsonout import report_to_json
from jixiao.review.report.stream import render_html, render_json, render_text
from jixiao.review.report.xlsx import render_xlsx

FORMATS = ("text", "json", "html", "xlsx")

__all__ = ["FORMATS", "render_html", "render_json", "render_text", "render_xlsx", "report_to_json"]

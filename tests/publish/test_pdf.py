"""The PDF embeds its CJK font, prints every character and has a 目录 with page numbers."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from jixiao.publish import document, pdf
from tests.publish.fixtures import FULL


@pytest.fixture(scope="module")
def full_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "full.pdf"
    path.write_bytes(pdf.write(document.build(FULL)))
    return path


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_cjk_font_is_embedded(full_pdf: Path) -> None:
    listing = subprocess.run(["pdffonts", str(full_pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in listing.splitlines() if re.search(r"WenQuanYi|Noto", line)]
    assert cjk, listing
    assert all(" yes " in line for line in cjk), listing  # the emb column


def test_every_character_is_printed(full_pdf: Path) -> None:
    """No .notdef boxes: the text layer holds the Chinese that was typeset."""
    with pdfplumber.open(full_pdf) as p:
        printed = {c["text"] for page in p.pages for c in page.chars}
    wanted = set("".join(("高标准农田建设", "≤1500元/亩", "《山东省“十四五”消防事业发展规划》", "服务对象满意度")))
    assert wanted <= printed, wanted - printed


def test_pages_are_portrait_for_projects_and_landscape_for_departments(full_pdf: Path) -> None:
    with pdfplumber.open(full_pdf) as p:
        orientation = ["L" if page.width > page.height else "P" for page in p.pages]
        texts = [page.extract_text() or "" for page in p.pages]
    project_pages = [i for i, t in enumerate(texts) if "项目支出绩效目标表" in t and "项目名称" in t]
    department_pages = [i for i, t in enumerate(texts) if "部门名称" in t]
    assert project_pages and department_pages
    assert all(orientation[i] == "P" for i in project_pages)
    assert all(orientation[i] == "L" for i in department_pages)


def test_contents_lists_page_numbers(full_pdf: Path) -> None:
    with pdfplumber.open(full_pdf) as p:
        toc = next(page for page in p.pages if "目 录" in (page.extract_text() or ""))
        lines = (toc.extract_text() or "").splitlines()
        first_project_page = next(
            i for i, page in enumerate(p.pages, 1) if "1. 高标准农田建设" in (page.extract_text() or "")
            and page is not toc
        )
    entry = next(line for line in lines if "高标准农田建设" in line)
    assert entry.rstrip().endswith(str(first_project_page))


def test_bookmarks_and_contents_links_lead_to_each_table(full_pdf: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(full_pdf)
    pub = document.build(FULL)
    outline = reader.outline
    parts = [item for item in outline if not isinstance(item, list)]
    assert [p.title for p in parts] == [part.title for part in pub.parts]
    sections = [item for group in outline if isinstance(group, list) for item in group]
    assert [s.title for s in sections] == [s.title for s in pub.sections]
    for section in sections:
        page = reader.get_destination_page_number(section)
        number = section.title.split(".")[0]
        assert section.title.split(". ")[-1][:4] in (reader.pages[page].extract_text() or ""), (number, page)
    with pdfplumber.open(full_pdf) as p:
        toc, lines = next(
            (i, lines) for i, page in enumerate(p.pages)
            if "目录" in (lines := [line.replace(" ", "") for line in (page.extract_text() or "").splitlines()])
        )
    printed = [int(line.rsplit(".", 1)[-1]) for line in lines if "..." in line]
    targets = [reader.get_page_number(a.get_object()["/Dest"][0].get_object()) + 1
               for a in reader.pages[toc]["/Annots"]]
    assert len(printed) == len(pub.parts) + len(pub.sections)
    assert targets == printed


def _bottom_lines(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as p:
        return [
            " ".join(w["text"] for w in page.extract_words() if w["top"] > page.height - 50) for page in p.pages
        ]


def test_every_page_but_the_cover_is_numbered(full_pdf: Path) -> None:
    bottoms = _bottom_lines(full_pdf.read_bytes())
    assert bottoms[0] == ""
    assert bottoms[1:] == [f"— {n} —" for n in range(2, len(bottoms) + 1)]


def test_missing_cjk_font_is_an_error_not_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf.cjk_font.cache_clear()
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    try:
        with pytest.raises(pdf.MissingFontError):
            pdf.write(document.build(FULL))
    finally:
        pdf.cjk_font.cache_clear()


def test_table_header_repeats_on_a_new_page() -> None:
    from tests.publish.fixtures import expected_document

    doc = expected_document("liaocheng-2022")
    big = max(doc.projects, key=lambda p: len(p.indicators))
    data = pdf.write(document.build(type(doc)(source=doc.source, projects=(big,))))
    with pdfplumber.open(io.BytesIO(data)) as p:
        texts = [page.extract_text() or "" for page in p.pages]
    pages = [t for t in texts if "绩效指标描述" in t]
    assert len(pages) >= 2
    assert all("一级指标" in t and "二级指标" in t for t in pages)


def test_a_row_taller_than_a_page_prints_in_parts_and_reads_back_whole() -> None:
    import dataclasses

    from jixiao.ingest.pdf import read_pdf
    from tests.publish.fixtures import FULL

    dept = FULL.departments[0]
    long_activity = "开展宣传培训、监督检查和绩效评价工作。" * 120
    tall = dataclasses.replace(dept.annual_indicators[0], activity=long_activity)
    doc = dataclasses.replace(
        FULL, projects=(), departments=(dataclasses.replace(dept, annual_indicators=(tall,)),)
    )
    data = pdf.write(document.build(doc))
    with pdfplumber.open(io.BytesIO(data)) as p:
        pages = [page.extract_text() or "" for page in p.pages]
    assert sum("开展宣传" in text for text in pages) >= 2  # the row runs over pages
    back = read_pdf(data, "tall.pdf")  # and none of it was clipped at a page bottom
    assert back.departments[0].annual_indicators[0].activity == long_activity
    assert len(back.departments[0].annual_indicators) == 1


def test_a_project_text_longer_than_a_page_prints_in_parts_and_reads_back_whole() -> None:
    import dataclasses

    from jixiao.ingest.pdf import read_pdf

    purpose = "落实地方财政投入高标准农田建设支出责任。" * 300
    project = dataclasses.replace(FULL.projects[0], purpose=purpose)
    data = pdf.write(document.build(dataclasses.replace(FULL, projects=(project,), departments=())))
    with pdfplumber.open(io.BytesIO(data)) as p:
        assert sum("落实地方财政" in (page.extract_text() or "") for page in p.pages) >= 3
    back = read_pdf(data, "long.pdf")
    assert not back.warnings
    assert back.projects[0].purpose == purpose
    assert back.projects[0].goal == project.goal
    assert len(back.projects[0].indicators) == len(project.indicators)

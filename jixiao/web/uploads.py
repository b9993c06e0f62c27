"""What every upload passes before any reader opens it: the page's size limit, and content that is what its
name says (a .pdf starts %PDF, an OOXML file is a zip, a text file holds no binary). Uploads kept between a
preview and its confirmation (``uploads/`` in the data directory) are removed once the preview has expired.

Limits per page, in MB (settings.JIXIAO_UPLOAD_LIMITS, from the environment): ``JIXIAO_UPLOAD_MAX_IMPORT_MB``
(公开文档导入, default 20), ``JIXIAO_UPLOAD_MAX_TEMPLATE_MB`` (填报模板, default 5),
``JIXIAO_UPLOAD_MAX_TABLE_MB`` (监控表、自评表, default 10); ``JIXIAO_PREVIEW_HOURS`` (default 24) is how long
a previewed upload waits for its confirmation.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings

from jixiao.web.actions import ActionError

PAGES = {"import": "公开文档", "template": "填报模板", "table": "上传的表格"}
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .doc/.xls
OOXML = (".docx", ".xlsx", ".xlsm")
TEXT = (".txt", ".md", ".markdown", ".text", ".tsv", ".csv", ".html", ".htm")
KINDS = {".pdf": "PDF", ".docx": "Word (.docx)", ".xlsx": "Excel (.xlsx)", ".xlsm": "Excel (.xlsm)"}


def check_upload(data: bytes, name: str, page: str) -> None:
    """Refuse, in Chinese, an upload over ``page``'s limit or whose content disagrees with its extension; then
    clear expired previews."""
    limit = settings.JIXIAO_UPLOAD_LIMITS[page]
    if len(data) > limit:
        raise ActionError(
            f"上传的{PAGES[page]}“{name}”过大（{len(data) / 1024 / 1024:.1f} MB，本页最大 {limit / 1024 / 1024:g} MB）。"
        )
    if problem := content_problem(data, name):
        raise ActionError(f"无法读取该文档：上传的文件“{name}”{problem}，请确认文件类型后重新上传。")
    sweep_expired_uploads()


def content_problem(data: bytes, name: str) -> str | None:
    """Why the bytes are not the kind the extension names (magic bytes), or None."""
    suffix = Path(name).suffix.lower()
    head = data[:8192]
    if suffix == ".pdf" and b"%PDF-" not in data[:1024]:
        return "扩展名为 .pdf，内容却不是 PDF"
    if suffix in OOXML and not data.startswith(ZIP):
        old = "（可能是旧版 .doc/.xls，请另存为新格式）" if data.startswith(OLE) else ""
        return f"扩展名为 {suffix}，内容却不是 {KINDS[suffix]} 文件{old}"
    if suffix in TEXT:
        for magic, kind in ((b"%PDF-", "PDF"), (ZIP, "压缩包或 Office 文件"), (OLE, "旧版 Office 文件")):
            if head.startswith(magic):
                return f"扩展名为 {suffix}，内容却是{kind}"
        utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
        if b"\x00" in head and not utf16:
            return f"扩展名为 {suffix}，内容却不是文本"
    return None


def uploads_dir() -> Path:
    from jixiao.web.settings import data_dir

    folder = data_dir() / "uploads"
    folder.mkdir(exist_ok=True)
    return folder


def sweep_expired_uploads(now: float | None = None) -> int:
    """Remove kept uploads older than the preview's life; how many were removed."""
    cutoff = (now or time.time()) - settings.JIXIAO_PREVIEW_HOURS * 3600
    removed = 0
    for path in uploads_dir().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another request swept it first
            continue
    return removed

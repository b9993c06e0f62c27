"""An XLSX or DOCX checked as a zip before any library opens it: how many parts, how large they inflate, and
no XML part declaring a DTD (OOXML never does; a DTD is how entity expansion starts).

The sizes come from the zip's own directory; :mod:`zipfile` never inflates a part past the size the
directory declares, so checking the declared sizes bounds what reading can allocate.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from jixiao.ingest.errors import ReadError
from jixiao.ingest.limits import LimitError, check, limits

_PROLOG_BYTES = 64 * 1024
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def open_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    """The archive of an XLSX/DOCX (``kind``) once its directory is within the limits; :class:`ReadError`
    for bytes that are no zip at all."""
    check("file_bytes", len(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ReadError(
            f"不是有效的 {kind} 文件 (文件损坏)", f"not a valid {kind} file (broken archive)"
        ) from exc
    bound = limits()
    check("zip_entries", len(infos))
    check("unzipped_bytes", sum(i.file_size for i in infos))
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > bound.zip_ratio * max(1, info.compress_size):
            raise LimitError("zip_ratio", info.file_size // max(1, info.compress_size), info.filename)
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            _refuse_dtd(archive, info, kind)
    return archive


def _refuse_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str) -> None:
    """Refuse a part whose prolog (what stands before its first element) declares a DTD or entities."""
    try:
        with archive.open(info) as part:
            head = part.read(_PROLOG_BYTES)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, zlib.error) as exc:
        raise ReadError(
            f"不是有效的 {kind} 文件 ({info.filename} 损坏)",
            f"not a valid {kind} file ({info.filename} is broken)",
        ) from exc
    prolog = _prolog(head.replace(b"\x00", b""))  # UTF-16 parts too
    if _DECLARATION.search(prolog):
        raise ReadError(
            f"{kind} 文件的 {info.filename} 声明了 DTD 或实体, 拒绝读取",
            f"{info.filename} of the {kind} declares a DTD or entities: refused",
        )


def _prolog(head: bytes) -> bytes:
    """The bytes before the first element: the XML declaration, comments, a DOCTYPE if any."""
    at = 0
    while True:
        start = head.find(b"<", at)
        if start < 0 or start + 1 >= len(head):
            return head
        following = head[start + 1 : start + 2]
        if following == b"?":
            end = head.find(b"?>", start)
            at = end + 2 if end >= 0 else len(head)
        elif head.startswith(b"<!--", start):
            end = head.find(b"-->", start)
            at = end + 3 if end >= 0 else len(head)
        elif following == b"!":
            return head  # a declaration (DOCTYPE, ENTITY): the caller finds it
        else:
            return head[:start]
        if at <= start:
            return head

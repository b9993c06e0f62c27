"""Bytes to text: UTF-8 first, then the Chinese legacy encodings, refusing what is not text."""

from __future__ import annotations

from jixiao.ingest.errors import ReadError

_CANDIDATES = ("utf-8-sig", "gb18030")


def decode_text(data: bytes) -> str:
    """Decode a text document, detecting UTF-8 or GB18030/GBK; raise :class:`ReadError` otherwise."""
    if not data.strip():
        raise ReadError("文件为空", "the file is empty")
    if b"\x00" in data[:65536]:
        raise ReadError("不是文本文件 (含二进制内容)", "not a text file (binary content)")
    for encoding in _CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text.replace("\r\n", "\n").replace("\r", "\n")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and _looks_like_text(str(best)):
        return str(best).replace("\r\n", "\n").replace("\r", "\n")
    raise ReadError("无法识别文件编码", "unknown text encoding")


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls <= len(text[:20000]) // 100

"""Read an HTML disclosure (jixiao's portal page, or any page that prints the tables as HTML tables)."""

from __future__ import annotations

import hashlib

from jixiao.domain import Document, Source
from jixiao.ingest.grid.html import parts
from jixiao.ingest.layouts import read_grid_parts


def read_html(data: bytes, name: str) -> Document:
    """A Document from an HTML page."""
    return read_grid_parts(parts(data), Source(name, hashlib.sha256(data).hexdigest()), name)

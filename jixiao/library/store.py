"""The library file: JSON (``jixiao/library@1``), optionally gzip-compressed when the name ends in ``.gz``.

Entries, then rows column by column (names, categories, raw target values, explanations, each row's entry as
an index), the clustering of each block so that loading does not compute it again, and — kept apart from the
data — the curation facts. Target values are stored as printed and read back through
:func:`~jixiao.domain.values.parse_target_value`, the grammar the readers use.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from jixiao.domain.values import parse_target_value
from jixiao.library.core import Library
from jixiao.library.model import Curation, Entry, Row

SCHEMA = "jixiao/library@1"


class LibraryFileError(ValueError):
    """A file that is not a library file of this version."""


def to_data(library: Library) -> dict[str, Any]:
    entries = list(library.entries.values())
    columns: dict[str, list[Any]] = {
        k: [] for k in ("entry", "name", "level1", "level2", "value", "explanation")
    }
    for i, entry in enumerate(entries):
        for row in library.rows(entry.key):
            columns["entry"].append(i)
            columns["name"].append(row.name)
            columns["level1"].append(row.level1)
            columns["level2"].append(row.level2)
            columns["value"].append(row.value.raw)
            columns["explanation"].append(row.explanation)
    return {
        "schema": SCHEMA,
        "entries": [
            {
                "key": e.key,
                "kind": e.kind,
                "name": e.name,
                "text": e.text,
                "source": e.source,
                "department": e.department,
                "region": e.region,
                "year": e.year,
                "category": e.category,
            }
            for e in entries
        ],
        "rows": columns,
        "groups": {block: [list(g) for g in groups] for block, groups in sorted(library.groups().items())},
        "curation": [c.to_dict() for c in library.curation],
    }


def from_data(data: dict[str, Any], curation: list[Curation] | None = None) -> Library:
    """A library from its file's data; ``curation`` (e.g. the web system's rows) replaces the file's own."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise LibraryFileError(f"not a {SCHEMA} file")
    facts = curation if curation is not None else [Curation.from_dict(c) for c in data.get("curation", [])]
    library = Library(facts)
    entries = [Entry(**e) for e in data["entries"]]
    columns = data["rows"]
    by_entry: list[list[Row]] = [[] for _ in entries]
    from jixiao.library.text import normalise_name

    for i, name, l1, l2, raw, explanation in zip(
        columns["entry"],
        columns["name"],
        columns["level1"],
        columns["level2"],
        columns["value"],
        columns["explanation"],
        strict=True,
    ):
        by_entry[i].append(
            Row(name, normalise_name(name), l1, l2, parse_target_value(raw), explanation, entries[i].key)
        )
    for entry, rows in zip(entries, by_entry, strict=True):
        library.add_entry(entry, rows)
    library.set_groups({b: [tuple(g) for g in groups] for b, groups in data.get("groups", {}).items()})
    return library


def save(library: Library, path: Path) -> None:
    """Write the library file atomically (a temporary file beside it, then a rename)."""
    text = json.dumps(to_data(library), ensure_ascii=False, separators=(",", ":"))
    payload = gzip.compress(text.encode("utf-8"), 6) if path.suffix == ".gz" else text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: Path, curation: list[Curation] | None = None) -> Library:
    """Read a library file; raises :class:`LibraryFileError` when it is not one."""
    raw = path.read_bytes()
    try:
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LibraryFileError(f"not a {SCHEMA} file: {exc}") from exc
    try:
        return from_data(data, curation)
    except (KeyError, TypeError, ValueError) as exc:
        raise LibraryFileError(f"not a {SCHEMA} file: {exc}") from exc

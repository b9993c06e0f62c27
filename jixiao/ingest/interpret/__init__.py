"""One table interpreter over the grid: tables recognised and read by what their headers and labels say.

:func:`interpret` takes the parts any format adapter produces (:mod:`jixiao.ingest.grid`) and returns a
Document. Words live in ``vocabulary.toml``; nothing here depends on a column's position or a sample's
quirks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jixiao.domain import Document, Source
from jixiao.domain.text import clean
from jixiao.ingest.grid.model import Part
from jixiao.ingest.interpret.projects import ProjectReader
from jixiao.ingest.interpret.vocabulary import Vocabulary, default_vocabulary, load_vocabulary

_YEAR = re.compile(r"(20\d{2})\s*年")


def interpret(parts: Iterable[Part], source: Source, vocabulary: Vocabulary | None = None) -> Document:
    """A Document from grid parts; its projects are empty when no table is recognised."""
    reader = ProjectReader(vocabulary or default_vocabulary())
    for part in parts:
        reader.part(part)
    projects, departments, warnings = reader.finish()
    paragraphs = [clean(p.text) for p in reader.paragraphs if clean(p.text)]
    title = paragraphs[0] if paragraphs else None
    year = next((int(m.group(1)) for text in paragraphs[:5] if (m := _YEAR.search(text))), None)
    return Document(
        source=source,
        title=title,
        year=year,
        projects=tuple(projects),
        departments=tuple(departments),
        warnings=tuple(warnings),
    )


__all__ = ["Vocabulary", "default_vocabulary", "interpret", "load_vocabulary"]

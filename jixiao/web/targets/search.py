"""The keyword search over projects (name, code, indicator names in ``search_text``), as each database
answers it fastest.

Everywhere: ``icontains``, which PostgreSQL receives as ``UPPER(search_text) LIKE UPPER('%词%')`` and answers
from the trigram index (migration 0009) for three characters or more. On PostgreSQL a term of one or two
characters has no trigram; it is looked up as one element of the project's characters and character pairs
(migration 0010), the same rows ``icontains`` finds.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

SHORT = 2  # terms up to this many characters go to the character-pair index


def keyword(qs: Any, term: str) -> Any:
    """``qs`` narrowed to the projects whose search text holds ``term`` (any case)."""
    if connection.vendor == "postgresql" and len(term) <= SHORT:
        return qs.extra(
            where=['jixiao_search_grams(upper("targets_project"."search_text")) @> ARRAY[upper(%s)]'],
            params=[term],
        )
    return qs.filter(search_text__icontains=term)

"""The keyword search over projects and department targets, each through its ``search_text`` column, as
each database answers it fastest.

A project's ``search_text`` holds its name, code and indicator names; a department target's the words of its
live rows (:data:`DEPARTMENT_ROW_SEARCHED`, one line each). Every writer fills it: the import, the bulk load
and the compile forms.

Everywhere: ``icontains``, which PostgreSQL receives as ``UPPER(search_text) LIKE UPPER('%词%')`` and answers
from the trigram index (migrations 0009, 0015) for three characters or more. On PostgreSQL a term of one or
two characters has no trigram; it is looked up as one element of the text's characters and character pairs
(``jixiao_search_grams``, migrations 0010, 0014, 0015), the same rows ``icontains`` finds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.lookups import DataContains
from django.db import connection
from django.db.models import Func, Q, TextField, Value
from django.db.models.functions import Upper

SHORT = 2  # terms up to this many characters go to the character-pair index
# The department row's columns the portal's department search reads, in the order they are stored.
DEPARTMENT_ROW_SEARCHED = ("name", "duty", "duty_goal", "explanation", "activity")


class _Grams(Func):
    """``jixiao_search_grams(...)``: the characters and character pairs of a text (PostgreSQL)."""

    function = "jixiao_search_grams"
    output_field = ArrayField(TextField())


class _Array(Func):
    template = "ARRAY[%(expressions)s]"
    output_field = ArrayField(TextField())


def keyword_condition(term: str) -> Q:
    """The condition that a row's search text (a project's or a department target's) holds ``term`` (any
    case), to combine with others. Expressions, not SQL text, so that it names the table's alias in a
    subquery too."""
    if connection.vendor == "postgresql" and len(term) <= SHORT:
        return Q(DataContains(_Grams(Upper("search_text")), _Array(Upper(Value(term)))))
    return Q(search_text__icontains=term)


def keyword(qs: Any, term: str) -> Any:
    """``qs`` narrowed to the rows whose search text holds ``term``."""
    return qs.filter(keyword_condition(term))


def project_search_text(name: str, code: str | None, indicator_names: Iterable[str]) -> str:
    """What the project search reads: name, code and indicator names in one column."""
    return " ".join([name, code or "", *indicator_names])


def department_search_text(rows: Iterable[Any]) -> str:
    """What the department search reads of a target: the searched words of ``rows`` (its live rows, as
    domain objects, drafts or stored rows), one per line, so that no match spans two cells."""
    return "\n".join(
        text
        for row in rows
        for name in DEPARTMENT_ROW_SEARCHED
        if (text := (getattr(row, name) or "").strip())
    )

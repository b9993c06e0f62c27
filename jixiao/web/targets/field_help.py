"""填报说明: per-field help and examples of accepted values for the compile forms, from one data file
(``field_help.toml``), so wording is changed without touching templates or code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HELP_FILE = Path(__file__).with_name("field_help.toml")
FORMS = ("project", "indicator", "department")


@dataclass(frozen=True, slots=True)
class FieldHelp:
    text: str
    examples: tuple[str, ...] = ()


@cache
def all_help() -> dict[str, dict[str, FieldHelp]]:
    """Every form's help by field name, read once."""
    data = tomllib.loads(HELP_FILE.read_text("utf-8"))
    return {
        form: {
            name: FieldHelp(entry["help"], tuple(entry.get("examples", ())))
            for name, entry in data.get(form, {}).items()
        }
        for form in FORMS
    }


def help_for(form: str, field: str) -> FieldHelp | None:
    """The help of ``field`` in ``form`` (``project``, ``indicator``, ``department``), if written."""
    return all_help().get(form, {}).get(field)

"""``{% field_help "project" field %}``: the 填报说明 of one field, beside it (see targets/field_help.toml)."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.web.targets.field_help import help_for

register = template.Library()


@register.inclusion_tag("targets/_field_help.html")
def field_help(form: str, field: Any, compact: bool = False) -> dict[str, Any]:
    """``field`` is a bound field or a field name; ``compact`` leaves out the examples (a grid header)."""
    name = getattr(field, "name", field)
    found = help_for(form, str(name))
    return {"help": found, "id": f"help-{form}-{name}", "compact": compact}

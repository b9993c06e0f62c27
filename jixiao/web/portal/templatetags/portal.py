"""Portal template filters: a matched search term marked in the text."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def highlight(text: object, term: str) -> SafeString:
    """``text`` escaped, each occurrence of ``term`` (any case) in ``<mark class="hit">``."""
    text = escape(str(text or ""))
    if not term:
        return mark_safe(text)  # noqa: S308 — escaped above
    pattern = re.compile(re.escape(escape(term)), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f'<mark class="hit">{m.group()}</mark>', text))  # noqa: S308


@register.filter
def shown(text: object, term: str = "") -> SafeString:
    """Public text: the withheld note marked as such (:mod:`jixiao.web.portal.distrust`), else ``text``
    with ``term`` highlighted."""
    from jixiao.web.portal.distrust import WITHHELD

    if text == WITHHELD:
        return mark_safe(
            f'<span class="withheld" title="读取原文时疑似乱码，核对后公开">{escape(WITHHELD)}</span>'
        )  # noqa: S308
    return highlight(text, term)


@register.inclusion_tag("portal/_distrusted_card.html")
def distrusted_card(owner: object) -> dict[str, object]:
    """For reviewers: the cells of a project (and its indicators) or a department target (and its rows)
    the reader garbled, marked, with their state and where the finance admin corrects them."""
    from jixiao.web.portal.models import DistrustedText
    from jixiao.web.targets.models import DepartmentTarget

    if isinstance(owner, DepartmentTarget):
        kinds = {
            "department_target": [owner.pk],
            "department_row": list(owner.rows.values_list("pk", flat=True)),
        }
    else:
        kinds = {"project": [owner.pk], "indicator": list(owner.indicators.values_list("pk", flat=True))}  # type: ignore[attr-defined]
    found = DistrustedText.objects.none()
    for kind, ids in kinds.items():
        found |= DistrustedText.objects.filter(kind=kind, object_id__in=ids)
    return {"items": list(found.order_by("state", "pk"))}

"""What the web library is built from, and what finance said about it.

A :class:`LibrarySource` holds the library entries of one stored target (a project: one entry; a department
target: one entry per duty) as JSON, written when the target is approved, published or imported, so the
library is rebuilt from these rows without reading every target again. A :class:`CurationFact` is one of
finance's facts (merge, split, mark 共性/个性, disable, enable, annotate), kept apart from the data and applied
on top after every rebuild. :class:`LibraryGeneration` counts changes: every process compares it with the
generation its library was built at and reads only what changed since.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.library import COMMON, SPECIFIC


class LibraryGeneration(models.Model):
    """One row: ``generation`` grows with every change to the sources or the curation; ``rebuilt`` is the
    generation of the last full rebuild (a process whose library is older starts again)."""

    generation = models.BigIntegerField(default=0)
    rebuilt = models.BigIntegerField(default=0)
    token = models.CharField(
        max_length=32, blank=True
    )  # new with the row: a library of another database is stale

    class Meta:
        verbose_name = verbose_name_plural = "指标库版本"


class LibrarySource(models.Model):
    """The library entries of one stored project or department target."""

    KINDS = [("project", "项目"), ("department_target", "部门整体绩效目标")]

    target_kind = models.CharField(max_length=20, choices=KINDS)
    object_id = models.BigIntegerField()
    region = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    published = models.BooleanField(default=False)  # the public library holds published targets only
    entries = models.JSONField(default=list)  # [{entry fields…, "rows": [{name, level1, level2, value, …}]}]
    rows = models.PositiveIntegerField(default=0)
    generation = models.BigIntegerField(default=0, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "指标库来源"
        constraints = [
            models.UniqueConstraint(fields=["target_kind", "object_id"], name="library_source_target")
        ]

    def __str__(self) -> str:
        return f"{self.target_kind}:{self.object_id}"

    @property
    def source_name(self) -> str:
        return f"{self.target_kind}:{self.object_id}"


class CurationFact(models.Model):
    """A curator's fact (:class:`jixiao.library.Curation`), in the order given; applied after every rebuild."""

    ACTIONS = [
        ("merge", "合并"),
        ("split", "拆分"),
        ("mark", "标记"),
        ("disable", "停用"),
        ("enable", "启用"),
        ("annotate", "备注"),
    ]
    MARKS = [(COMMON, COMMON), (SPECIFIC, SPECIFIC)]

    action = models.CharField("操作", max_length=10, choices=ACTIONS)
    name = models.CharField("指标名称", max_length=300)
    other = models.CharField("合并到", max_length=300, blank=True)
    text = models.TextField("内容", blank=True)
    generation = models.BigIntegerField(default=0, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "指标库整理记录"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.name}"


class LibraryPart:
    """What the policy judges a library request by (kind ``library``): the whole library (``internal``:
    approved and published targets) or its published part (``published``), which the public sees."""

    KIND = "library"
    pk = None

    def __init__(self, state: str) -> None:
        self.state = state

    def __repr__(self) -> str:
        return f"LibraryPart({self.state!r})"


WHOLE = LibraryPart("internal")
PUBLISHED_PART = LibraryPart("published")

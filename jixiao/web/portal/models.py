"""What the portal needs beyond the targets: an imported document's own date, and text it distrusts.

The 公开时间 of an imported disclosure is :class:`DocumentDate` — the date the document states, else the
one the finance admin entered on import — never the moment of import. :class:`DistrustedText` is a cell
the reader got wrong (:mod:`jixiao.domain.garbled`): reviewers see it marked, the portal withholds it
until the finance admin corrects it or confirms it (each on record).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.organisations.models import Region
from jixiao.web.targets.models import ImportBatch


class DocumentDate(models.Model):
    batch = models.OneToOneField(
        ImportBatch, on_delete=models.CASCADE, related_name="document_date", verbose_name="导入记录"
    )
    year = models.PositiveIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    day = models.PositiveSmallIntegerField("日", null=True, blank=True)
    stated = models.BooleanField("文档所载", default=True)  # else entered on import

    class Meta:
        verbose_name = verbose_name_plural = "文档公开时间"

    @property
    def label(self) -> str:
        text = f"{self.year}年{self.month}月" + (f"{self.day}日" if self.day else "")
        return text if self.stated else f"{text}（导入时登记）"

    def __str__(self) -> str:
        return self.label


class DistrustedText(models.Model):
    """One field of one stored row whose text the reader garbled."""

    KINDS = [
        ("project", "项目"),
        ("indicator", "项目指标"),
        ("department_target", "部门整体目标"),
        ("department_row", "部门整体指标"),
    ]
    OPEN, CORRECTED, CONFIRMED = "open", "corrected", "confirmed"
    STATES = [(OPEN, "待核对"), (CORRECTED, "已更正"), (CONFIRMED, "已确认原文无误")]

    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name="行政区划")
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, null=True, blank=True)
    kind = models.CharField("类别", max_length=20, choices=KINDS)
    object_id = models.PositiveIntegerField()
    field = models.CharField("字段", max_length=40)
    field_label = models.CharField("字段名称", max_length=40)
    owner = models.CharField("所属", max_length=300)  # the project or department it belongs to
    reason = models.CharField("原因", max_length=40)
    evidence = models.CharField("依据", max_length=200, blank=True)
    original = models.TextField("读取的原文")
    state = models.CharField("状态", max_length=10, choices=STATES, default=OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name="处理人"
    )
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "存疑文字"
        ordering = ["state", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "field"], name="distrusted_text_unique")
        ]

    def __str__(self) -> str:
        return f"{self.owner} {self.field_label}"

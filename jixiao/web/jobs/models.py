"""One background job per row, owned by the person who started it (only they see it or its file)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    QUEUED = "queued", "等待开始"
    RUNNING = "running", "正在进行"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class Kind(models.TextChoices):
    DISCLOSURE = "disclosure", "生成公开文档"
    LIBRARY = "library", "重建指标库"
    IMPORT = "import", "导入公开文档"
    IMPORT_MANY = "import_many", "批量读取导入公开文档"


class Job(models.Model):
    """What was asked, how far it got, and what came of it. ``status`` (not ``state``): a job is not reviewed."""

    KIND = "job"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    result = models.BinaryField(null=True, editable=False)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created", "-pk")
        indexes = [models.Index(fields=("owner", "-created"))]
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def outcome_link(self) -> tuple[str, str] | None:
        """Where to look at what a job without a file changed: (address, words)."""
        if self.status != Status.DONE:
            return None
        return {
            Kind.IMPORT: ("/work/?view=all", "查看导入的项目"),
            Kind.LIBRARY: ("/work/library/", "打开指标库"),
            **({Kind.IMPORT_MANY: ("/work/?view=all", "查看导入的项目")} if self.params.get("load") else {}),
        }.get(Kind(self.kind))

    @property
    def finished_ok(self) -> bool:
        return self.status == Status.DONE and self.result is not None

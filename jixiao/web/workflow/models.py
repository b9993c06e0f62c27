"""Review comments (审核意见) on a whole project or on one indicator, kept per round."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.targets.models import Indicator, Project


class Comment(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="comments")
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name="指标",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="意见人")
    author_role = models.CharField("角色", max_length=32, blank=True)
    round = models.PositiveIntegerField("轮次")
    text = models.TextField("意见")
    created_at = models.DateTimeField(auto_now_add=True)
    archived = models.BooleanField("已撤回", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "审核意见"
        ordering = ["project", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]

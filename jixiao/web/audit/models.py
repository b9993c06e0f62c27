"""The audit log (审计记录): one row per change, transition, comment, import, and refused attempt.

Rows are written by :func:`jixiao.web.audit.record` inside the action's transaction, so a row exists
exactly when the change committed; refusals are written on their own, since nothing else commits.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name="操作人"
    )
    actor_label = models.CharField("操作人", max_length=150, blank=True)
    verb = models.CharField("操作", max_length=40)
    ok = models.BooleanField("成功", default=True)
    target_type = models.CharField("对象类型", max_length=40)
    target_id = models.BigIntegerField("对象编号", null=True, blank=True)
    project = models.ForeignKey(
        "targets.Project", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_events"
    )
    message = models.CharField("说明", max_length=500, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)
    via = models.CharField("来源", max_length=10, blank=True)
    request_id = models.CharField("请求编号", max_length=32, blank=True)
    ip = models.CharField("地址", max_length=45, blank=True)
    path = models.CharField("路径", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审计记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["project", "at"]), models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.verb}"

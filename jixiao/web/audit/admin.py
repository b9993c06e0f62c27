"""The audit log is read-only everywhere, the back office included."""

from django.contrib import admin
from django.http import HttpRequest

from jixiao.web.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "verb", "ok", "target_type", "target_id", "via", "request_id"]
    list_filter = ["verb", "ok", "via"]
    search_fields = ["actor_label", "message", "request_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

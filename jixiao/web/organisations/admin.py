"""Back office for the organisation tables; changes to targets go through the pages and actions instead.

Nothing here can be deleted: projects, audit rows and history refer to regions, fiscal years, departments,
units, people and their profiles, so the back office changes or deactivates them (a person's 有效 box, a
token's 已撤销) and never removes the row history points at.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest

from jixiao.web.organisations.models import ApiToken, Department, FiscalYear, Profile, Region, Unit

admin.site.site_header = "绩效目标管理 后台"


class KeepHistory(admin.ModelAdmin):
    """A table history refers to: rows are changed or deactivated, never deleted."""

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(KeepHistory, UserAdmin):  # type: ignore[type-arg]
    """People are deactivated (有效 unticked), which also ends their sign-in."""


@admin.register(Region)
class RegionAdmin(KeepHistory):
    list_display = ["name", "code"]


@admin.register(FiscalYear)
class FiscalYearAdmin(KeepHistory):
    list_display = ["region", "year", "framework"]


@admin.register(Department)
class DepartmentAdmin(KeepHistory):
    list_display = ["name", "code", "aliases", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


@admin.register(Unit)
class UnitAdmin(KeepHistory):
    list_display = ["name", "code", "aliases", "department"]
    search_fields = ["name", "code"]


@admin.register(Profile)
class ProfileAdmin(KeepHistory):
    list_display = ["user", "role", "region", "department", "unit"]
    list_filter = ["role", "region"]


@admin.register(ApiToken)
class ApiTokenAdmin(KeepHistory):
    list_display = ["user", "name", "created_at", "revoked"]
    readonly_fields = ["digest"]

"""Back office for the organisation tables; changes to targets go through the pages and actions instead."""

from django.contrib import admin

from jixiao.web.organisations.models import ApiToken, Department, FiscalYear, Profile, Region, Unit

admin.site.site_header = "绩效目标管理 后台"


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]


@admin.register(FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    list_display = ["region", "year", "framework"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "aliases", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "aliases", "department"]
    search_fields = ["name", "code"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "department", "unit"]
    list_filter = ["role", "region"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "created_at", "revoked"]
    readonly_fields = ["digest"]

"""Who is who: regions (行政区划), fiscal years, departments (主管部门), their units, and people's roles.

Departments and units with their codes and aliases are the registry an import maps printed names to
(:mod:`jixiao.web.organisations.registry`).

A person's role and place (region, department, unit) live in :class:`Profile`; :mod:`jixiao.web.policy`
reads them to decide what the person may see and do.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models


class Region(models.Model):
    """行政区划: a city or district whose finance bureau reviews and publishes targets."""

    name = models.CharField("名称", max_length=100, unique=True)
    code = models.CharField("区划代码", max_length=12, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政区划"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FiscalYear(models.Model):
    """A budget year of a region and the indicator framework its targets follow (2020 or 2021)."""

    FRAMEWORK_CHOICES = [("2020", "2020 版 (成本指标属产出指标)"), ("2021", "2021 版 (成本指标为一级指标)")]

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="years", verbose_name="行政区划"
    )
    year = models.PositiveIntegerField("预算年度")
    framework = models.CharField("指标体系", max_length=4, choices=FRAMEWORK_CHOICES, default="2021")

    class Meta:
        verbose_name = verbose_name_plural = "预算年度"
        ordering = ["region__name", "-year"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="fiscal_year_unique")]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"


class Department(models.Model):
    """主管部门 of a region."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departments", verbose_name="行政区划"
    )
    name = models.CharField("部门名称", max_length=200)
    code = models.CharField("部门编码", max_length=40, blank=True)
    # Other names the same body is printed under (淄博市临淄区… beside 临淄区…); import matches them.
    aliases = models.JSONField("别名", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "主管部门"
        ordering = ["region__name", "code", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """预算单位 / 实施单位 under a department: the unit that asks for the money writes the targets."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="units", verbose_name="主管部门"
    )
    name = models.CharField("单位名称", max_length=200)
    code = models.CharField("单位编码", max_length=40, blank=True)
    aliases = models.JSONField("别名", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "预算单位"
        ordering = ["department__name", "name"]
        constraints = [models.UniqueConstraint(fields=["department", "name"], name="unit_unique_name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    UNIT_EDITOR = "unit_editor", "单位填报"
    DEPARTMENT_REVIEWER = "department_reviewer", "主管部门审核"
    FINANCE_REVIEWER = "finance_reviewer", "财政审核"
    FINANCE_ADMIN = "finance_admin", "财政管理员"


class Profile(models.Model):
    """A person's role and where it applies: a unit editor has a unit, a department reviewer a department."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="profile")
    role = models.CharField("角色", max_length=32, choices=Role.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name="行政区划")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, verbose_name="主管部门"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name="预算单位")

    class Meta:
        verbose_name = verbose_name_plural = "用户角色"

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A bearer token for the REST API; only its hash is stored, the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField("用途", max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked = models.BooleanField("已停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "API 令牌"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user: models.Model, name: str = "") -> tuple[ApiToken, str]:
        """Create a token for ``user``; returns the row and the clear token (not stored)."""
        token = "jx_" + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, digest=cls.hash(token)), token

"""The demo data set: the three bundled sample disclosures imported as their finance bureaus would,
and one account per role, each finding work waiting, so every part of the cycle can be tried at once.

Accounts work in 临淄区: the unit editor and the department reviewer belong to a department that has
published projects and department-wide targets. The year being compiled (:func:`~jixiao.web.years.compile_year`,
the year a new project gets) holds the waiting work (:mod:`jixiao.web.demo_work`), made through the same
actions as real work. Each sample region also gets a 1—6月 monitoring round and a year-end self-evaluation
with generated (not real) reports, said so on each round (:mod:`jixiao.web.monitoring.demo`,
:mod:`jixiao.web.selfeval.demo`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from jixiao.domain import Document
from jixiao.web.actions.imports import do_import_document, stated_date_of
from jixiao.web.demo_work import make_waiting_work, waiting_for
from jixiao.web.monitoring.demo import open_demo_round
from jixiao.web.monitoring.models import MonitoringRound
from jixiao.web.organisations.models import Department, FiscalYear, Profile, Region, Role, Unit
from jixiao.web.selfeval.demo import open_demo_selfeval
from jixiao.web.selfeval.models import SelfEvalRound
from jixiao.web.targets.models import ImportBatch, Project
from jixiao.web.workflow.demo import set_demo_deadlines
from jixiao.web.years import compile_year

DEMO_PASSWORD = "jixiao2024"
# The demo people's names (姓名), as comments, history and lists show them (invented, as the work is).
NAMES = {
    "danwei": "王芳",
    "zhuguan": "李强",
    "caizheng": "张敏",
    "guanli": "赵静",
    "guanli_lc": "刘洋",
    "guanli_zc": "陈晨",
    "admin": "系统管理员",
}

# sample file → (region, 行政区划代码, finance admin account)
SAMPLES = {
    "linzi-2022.txt": ("临淄区", "370305", "guanli"),
    "liaocheng-2022.txt": ("聊城市", "371500", "guanli_lc"),
    "zichuan-2023.txt": ("淄川区", "370302", "guanli_zc"),
}


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    role: str
    where: str
    waiting: str = ""  # what the account finds waiting, for the demo banner


def sample_bytes(name: str) -> bytes:
    """A bundled sample file as it is."""
    return (resources.files("jixiao") / "data" / "samples" / name).read_bytes()


def sample_documents() -> list[Document]:
    """The bundled samples read by :func:`jixiao.ingest.read_document`."""
    from jixiao.ingest import read_document

    return [read_document(sample_bytes(name), name) for name in SAMPLES]


def _user(
    username: str, role: str, region: Region, department: Department | None = None, unit: Unit | None = None
) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username, password=DEMO_PASSWORD, first_name=NAMES.get(username, ""))
        Profile.objects.create(user=user, role=role, region=region, department=department, unit=unit)
    return user


def demo_loaded() -> bool:
    return ImportBatch.objects.filter(source_name__in=list(SAMPLES)).exists()


@transaction.atomic
def load_demo(documents: Iterable[Document], *, monitoring: bool = True) -> list[DemoAccount]:
    """Create the demo regions and accounts and import ``documents`` (matched to regions by file name);
    with ``monitoring``, a generated 1—6月 monitoring round and a year-end self-evaluation per region."""
    for doc in documents:
        region_name, code, admin_name = SAMPLES[doc.source.name]
        region, _ = Region.objects.get_or_create(name=region_name, defaults={"code": code})
        admin = _user(admin_name, Role.FINANCE_ADMIN, region)
        if not ImportBatch.objects.filter(region=region, sha256=doc.source.sha256).exists():
            do_import_document(
                acting_user=admin,
                region=region,
                year=doc.year or compile_year(),
                document=doc,
                # the portal's 公开时间: the date under the sample's title, where it states one
                published=stated_date_of(sample_bytes(doc.source.name), doc.source.name),
            )
    home = Region.objects.get(name="临淄区")
    year = compile_year()
    FiscalYear.objects.get_or_create(region=home, year=year, defaults={"framework": "2021"})
    # The department with the most published projects (then with its own published targets) makes the richest
    # demo.
    department = (
        Department.objects.filter(region=home)
        .annotate(n=Count("project", distinct=True), t=Count("targets", filter=Q(targets__state="published")))
        .order_by("-n", "-t", "name")
        .first()
    )
    assert department is not None, "the 临淄区 sample has departments"
    unit, _ = Unit.objects.get_or_create(department=department, name=f"{department.name}机关")
    editor = _user("danwei", Role.UNIT_EDITOR, home, department, unit)
    reviewer = _user("zhuguan", Role.DEPARTMENT_REVIEWER, home, department)
    finance = _user("caizheng", Role.FINANCE_REVIEWER, home)
    if not Project.objects.filter(unit=unit, year=year).exists():
        make_waiting_work(unit, year, editor=editor, reviewer=reviewer, finance=finance)
    if home_admin := User.objects.filter(username=SAMPLES["linzi-2022.txt"][2]).first():
        set_demo_deadlines(home, year, home_admin, timezone.localdate())
    if monitoring:
        _monitoring_rounds(unit)
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", password=DEMO_PASSWORD, first_name=NAMES["admin"])
    home_accounts = [
        DemoAccount("danwei", Role.UNIT_EDITOR.label, f"{home.name} {department.name} / {unit.name}"),
        DemoAccount("zhuguan", Role.DEPARTMENT_REVIEWER.label, f"{home.name} {department.name}"),
        DemoAccount("caizheng", Role.FINANCE_REVIEWER.label, home.name),
    ]
    admins = [
        DemoAccount(admin_name, Role.FINANCE_ADMIN.label, region_name)
        for region_name, _, admin_name in SAMPLES.values()
        if User.objects.filter(username=admin_name).exists()
    ]
    accounts = [*home_accounts, *admins, DemoAccount("admin", "系统管理员（后台 /admin/）", "全部")]
    return [
        DemoAccount(
            a.username,
            a.role,
            a.where,
            waiting_for(User.objects.get(username=a.username), year, reporting=monitoring),
        )
        for a in accounts
    ]


def _monitoring_rounds(home_unit: Unit) -> None:
    """A 1—6月 round and the year's self-evaluation (绩效自评) per sample region, in the year of its sample,
    once; generated reports (not real)."""
    for region_name, _, admin_name in SAMPLES.values():
        region = Region.objects.filter(name=region_name).first()
        admin = User.objects.filter(username=admin_name).first()
        # the sample's year, not the year being compiled that the waiting work sits in
        sample = Project.objects.filter(region=region, import_batch__isnull=False)
        year = sample.order_by("-year").values_list("year", flat=True).first()
        if region is None or admin is None or year is None:
            continue
        home = home_unit if home_unit.department.region_id == region.pk else None
        if not MonitoringRound.objects.filter(region=region, year=year).exists():
            open_demo_round(region, year, admin, home)
        if not SelfEvalRound.objects.filter(region=region, year=year).exists():
            open_demo_selfeval(region, year, admin, home)

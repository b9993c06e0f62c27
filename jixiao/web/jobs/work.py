"""What each kind of job does, run by the worker as the person who started it.

Each function takes the job and a :data:`~jixiao.web.jobs.progress.Report`, asks the policy again (the
person's rights may have changed since they asked), reports its steps, and returns the file it made
(content, file name, content type) or ``None``. A :class:`JobFailed` carries the Chinese message shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jixiao.web import policy
from jixiao.web.jobs.models import Job, Kind
from jixiao.web.jobs.progress import Report

Made = tuple[bytes, str, str] | None


class JobFailed(Exception):
    """The job stopped for a reason the person can act on; the message is Chinese and shown as it is."""


def disclosure(job: Job, report: Report) -> Made:
    """The region's disclosure of the ticked projects and department targets (公开文档)."""
    from jixiao.publish.pdf import MissingFontError
    from jixiao.web.organisations.models import Region
    from jixiao.web.publishing.disclosure import disclosure_file
    from jixiao.web.publishing.document import stored_projects, stored_targets
    from jixiao.web.publishing.forms import CONTENT_TYPES
    from jixiao.web.targets.models import indicators_of_years

    p = job.params
    region = Region.objects.filter(pk=p["region"]).first()
    if region is None or not policy.can(job.owner, "disclose", region):
        raise JobFailed("您已无权下载该地区的公开文档。")
    projects = list(
        stored_projects(region, p["year"], p["state"])
        .visible_to(job.owner)
        .filter(pk__in=p["projects"])
        .prefetch_related(indicators_of_years([p["year"]]))
    )
    targets = list(
        stored_targets(region, p["year"], p["state"]).filter(pk__in=p["targets"]).prefetch_related("rows")
    )
    try:
        content, filename = disclosure_file(job.owner, region, p, projects, targets, progress=report)
    except MissingFontError as err:
        raise JobFailed("服务器未安装中文字体，无法生成 PDF；请选择其他格式或联系管理员。") from err
    return content, filename, CONTENT_TYPES[p["fmt"]]


def library(job: Job, report: Report) -> Made:
    """Make the indicator library again from every approved and published target (重建指标库)."""
    from jixiao.web.actions.library import do_rebuild_library
    from jixiao.web.library.models import WHOLE

    if not policy.can(job.owner, "curate", WHOLE):
        raise JobFailed("您已无权重建指标库。")
    counts = do_rebuild_library(acting_user=job.owner, progress=report)
    report(
        1,
        1,
        f"指标库已重建：项目 {counts['projects']} 个，部门整体目标 {counts['department_targets']} 个，"
        f"指标 {counts['rows']} 条",
    )
    return None


def load_document(job: Job, report: Report) -> Made:
    """Load the previewed upload (kept under its SHA-256) into the region, as the import page's confirmation
    does for a small document."""
    from jixiao.web.actions import ActionError
    from jixiao.web.organisations.models import Region
    from jixiao.web.targets.import_views import load_pending

    region = Region.objects.filter(pk=job.params["region"]).first()
    if region is None or not policy.can(job.owner, "import", region):
        raise JobFailed("您已无权向该地区导入公开文档。")
    try:
        batch = load_pending(job.owner, job.params, report)
    except FileNotFoundError as err:
        raise JobFailed("上传的文件已失效，请重新上传。") from err
    except (ActionError, policy.Refused) as err:
        raise JobFailed(str(err)) from err
    report(3, 3, f"已导入 {batch.project_count} 个项目、{batch.department_count} 个部门。")
    return None


def import_many(job: Job, report: Report) -> Made:
    """Read (and, if asked, load) many uploaded disclosures, each file's result kept on the job."""
    from jixiao.web.targets.import_many import run

    run(job, report)
    return None


WORK: dict[str, Callable[[Job, Report], Made]] = {
    Kind.DISCLOSURE: disclosure,
    Kind.LIBRARY: library,
    Kind.IMPORT: load_document,
    Kind.IMPORT_MANY: import_many,
}


def describe(kind: str, params: dict[str, Any]) -> str:
    """The job's title as its list shows it."""
    if kind == Kind.DISCLOSURE:
        return (
            f"生成{params['region_name']}{params['year']}年度公开文档（{params['fmt'].upper()}，"
            f"项目 {len(params['projects'])} 个，部门 {len(params['targets'])} 个）"
        )
    if kind == Kind.IMPORT:
        return f"导入公开文档 {params['name']}（{params['region_name']} {params['year']} 年度，项目 {params['projects']} 个）"
    if kind == Kind.IMPORT_MANY:
        verb = "导入" if params["load"] else "读取"
        return f"批量{verb}公开文档 {len(params['files'])} 个（{params['region_name']}）"
    return Kind(kind).label

"""The API: one router per resource (regions and departments, projects, department targets, monitoring rounds
and records, imports and tokens), and how refusals and action errors answer.

Each endpoint asks :mod:`jixiao.web.policy` what the caller may see and calls the same action as the
page does, so the API cannot do what the pages may not.
"""

from ninja import NinjaAPI

from jixiao.web.api import (
    department_targets,
    documents,
    library,
    monitoring,
    organisations,
    projects,
    selfeval,
)
from jixiao.web.api.errors import install as install_error_answers

api = NinjaAPI(
    title="jixiao 绩效 API",
    version="1",
    description="预算绩效目标: 地区、部门、项目、指标、审核流转、意见、导入、运行监控、绩效自评、指标库。读取无需登录（仅见已公开）；"
    "写入需 Bearer 令牌或登录会话。",
    urls_namespace="api",
)
api.add_router("", organisations.router)
api.add_router("/projects", projects.router)
api.add_router("/department-targets", department_targets.router)
api.add_router("/monitoring/rounds", monitoring.rounds)
api.add_router("/monitoring/records", monitoring.records)
api.add_router("/selfeval/rounds", selfeval.rounds)
api.add_router("/selfeval/records", selfeval.records)
api.add_router("/library", library.router)
api.add_router("", documents.router)


install_error_answers(api)

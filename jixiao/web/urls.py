"""URL map: the public portal at /, the work area at /work/, the API at /api/, the back office at /admin/."""

from typing import Any

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jixiao.web.actions.monitoring_upload import MONITORING_LOAD, SELFEVAL_LOAD
from jixiao.web.api.routes import api
from jixiao.web.batch import batch
from jixiao.web.dashboard import views as board
from jixiao.web.jobs import views as jobs
from jixiao.web.library import portal as library_portal
from jixiao.web.library import views as library
from jixiao.web.monitoring import views as monitoring
from jixiao.web.monitoring.file_views import file_paths
from jixiao.web.portal import views as portal
from jixiao.web.publishing import disclosure, unit_template
from jixiao.web.selfeval import views as selfeval
from jixiao.web.targets import department_views as departments
from jixiao.web.targets import import_many, import_views
from jixiao.web.targets import views as compile_views
from jixiao.web.workflow import deadline_views
from jixiao.web.workflow import views as work

REVIEW_VIEWS = {"transition": work.transition, "comment": work.comment, "archive": work.archive}


def review_paths(prefix: str, kind: str, name: str, verbs: tuple[str, ...]) -> list[Any]:
    """The review moves, comments (and withdrawal) of a reviewed kind: the generic views, keyed by kind."""
    return [
        path(f"{prefix}<int:pk>/{verb}/", REVIEW_VIEWS[verb], {"kind": kind}, name=f"{name}-{verb}")
        for verb in verbs
    ]


urlpatterns = [
    path("", portal.search, name="portal-search"),
    path("p/<int:pk>/", portal.project, name="portal-project"),
    path("departments/", portal.departments, name="portal-departments"),
    path("departments/<int:pk>/", portal.department, name="portal-department"),
    path("p/<int:pk>/pdf/", portal.project_pdf, name="portal-project-pdf"),
    path("departments/<int:pk>/pdf/", portal.department_pdf, name="portal-department-pdf"),
    path("work/", include("jixiao.web.organisations.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("work/", work.dashboard, name="work-dashboard"),
    path("work/deadlines/", deadline_views.deadlines, name="work-deadlines"),
    path("work/batch/", batch, name="work-batch"),
    path("work/dashboard/", board.dashboard, name="work-board"),
    path("work/projects/new/", compile_views.project_new, name="work-project-new"),
    path("work/projects/<int:pk>/", work.project_detail, name="work-project"),
    path("work/projects/<int:pk>/edit/", compile_views.project_edit, name="work-project-edit"),
    *review_paths("work/projects/", "project", "work", ("transition", "comment", "archive")),
    path("work/projects/<int:pk>/copy/", work.copy, name="work-copy"),
    path("work/check-value/", compile_views.check_value, name="work-check-value"),
    path("work/indicator-row/", compile_views.indicator_row, name="work-indicator-row"),
    path("work/import/", import_views.import_document, name="work-import"),
    path("work/import/many/", import_many.import_many, name="work-import-many"),
    path("work/import/many/<int:pk>/load/", import_many.load_read, name="work-import-many-load"),
    path("work/disclosure/", disclosure.disclosure, name="work-disclosure"),
    path("work/jobs/", jobs.job_list, name="work-jobs"),
    path("work/jobs/<int:pk>/", jobs.job_detail, name="work-job"),
    path("work/jobs/<int:pk>/download/", jobs.job_download, name="work-job-download"),
    path("work/jobs/library-rebuild/", jobs.library_rebuild, name="work-library-rebuild"),
    path("work/template/", unit_template.unit_template, name="work-template"),
    path("work/departments/", departments.department_list, name="work-departments"),
    path("work/departments/new/", departments.department_new, name="work-department-new"),
    path("work/departments/row/", departments.department_row, name="work-department-row"),
    path("work/departments/<int:pk>/", departments.department_detail, name="work-department"),
    path("work/departments/<int:pk>/edit/", departments.department_edit, name="work-department-edit"),
    *review_paths(
        "work/departments/", "department_target", "work-department", ("transition", "comment", "archive")
    ),
    path("work/monitoring/", monitoring.monitoring_list, name="work-monitoring"),
    path("work/monitoring/rounds/new/", monitoring.round_open, name="work-monitoring-open"),
    path("work/monitoring/rounds/<int:pk>/", monitoring.round_dashboard, name="work-monitoring-round"),
    path("work/monitoring/rounds/<int:pk>/close/", monitoring.round_close, name="work-monitoring-close"),
    path(
        "work/monitoring/rounds/<int:pk>/publish/", monitoring.round_publish, name="work-monitoring-publish"
    ),
    *file_paths("work/monitoring/", MONITORING_LOAD),
    path("work/monitoring/records/<int:pk>/", monitoring.record_detail, name="work-monitoring-record"),
    path("work/monitoring/records/<int:pk>/edit/", monitoring.record_edit, name="work-monitoring-edit"),
    *review_paths("work/monitoring/records/", "monitoring", "work-monitoring", ("transition", "comment")),
    path("work/selfeval/", selfeval.selfeval_list, name="work-selfeval"),
    path("work/selfeval/rounds/new/", selfeval.round_open, name="work-selfeval-open"),
    path("work/selfeval/rounds/<int:pk>/", selfeval.round_results, name="work-selfeval-round"),
    path("work/selfeval/rounds/<int:pk>/close/", selfeval.round_close, name="work-selfeval-close"),
    path("work/selfeval/rounds/<int:pk>/publish/", selfeval.round_publish, name="work-selfeval-publish"),
    *file_paths("work/selfeval/", SELFEVAL_LOAD),
    path("work/selfeval/records/<int:pk>/", selfeval.record_detail, name="work-selfeval-record"),
    path("work/selfeval/records/<int:pk>/edit/", selfeval.record_edit, name="work-selfeval-edit"),
    path("work/selfeval/records/<int:pk>/score/", selfeval.record_score, name="work-selfeval-score"),
    path("work/selfeval/records/<int:pk>/rescore/", selfeval.record_rescore, name="work-selfeval-rescore"),
    path("work/selfeval/records/<int:pk>/rectify/", selfeval.record_rectify, name="work-selfeval-rectify"),
    path(
        "work/selfeval/rectifications/<int:pk>/done/",
        selfeval.rectification_done,
        name="work-rectification-done",
    ),
    *review_paths("work/selfeval/records/", "selfeval", "work-selfeval", ("transition", "comment")),
    path("work/library/", library.library_search, name="work-library"),
    path("work/library/cluster/", library.library_cluster, name="work-library-cluster"),
    path("work/library/curate/", library.library_curate, name="work-library-curate"),
    path("work/library/suggest/", library.suggest_panel, name="work-library-suggest"),
    path("work/library/duty-suggest/", library.duty_suggest_panel, name="work-library-duty-suggest"),
    path("library/", library_portal.library_search, name="portal-library"),
    path("library/cluster/", library_portal.library_cluster, name="portal-library-cluster"),
    path("library/cluster.csv", library_portal.library_csv, name="portal-library-csv"),
    path("monitoring/", portal.monitoring, name="portal-monitoring"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "jixiao.web.errors.bad_request"
handler403 = "jixiao.web.errors.permission_denied"
handler404 = "jixiao.web.errors.page_not_found"
handler500 = "jixiao.web.errors.server_error"

"""URL map: the public portal at /, the work area at /work/, the API at /api/, the back office at /admin/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from jixiao.web.api.routes import api
from jixiao.web.portal import views as portal
from jixiao.web.publishing import disclosure, unit_template
from jixiao.web.targets import department_views as departments
from jixiao.web.targets import import_views
from jixiao.web.targets import views as compile_views
from jixiao.web.workflow import views as work

urlpatterns = [
    path("", portal.search, name="portal-search"),
    path("p/<int:pk>/", portal.project, name="portal-project"),
    path("departments/", portal.departments, name="portal-departments"),
    path("departments/<int:pk>/", portal.department, name="portal-department"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("work/", work.dashboard, name="work-dashboard"),
    path("work/projects/new/", compile_views.project_new, name="work-project-new"),
    path("work/projects/<int:pk>/", work.project_detail, name="work-project"),
    path("work/projects/<int:pk>/edit/", compile_views.project_edit, name="work-project-edit"),
    path("work/projects/<int:pk>/transition/", work.transition, {"kind": "project"}, name="work-transition"),
    path("work/projects/<int:pk>/comment/", work.comment, {"kind": "project"}, name="work-comment"),
    path("work/projects/<int:pk>/archive/", work.archive, {"kind": "project"}, name="work-archive"),
    path("work/projects/<int:pk>/copy/", work.copy, name="work-copy"),
    path("work/check-value/", compile_views.check_value, name="work-check-value"),
    path("work/indicator-row/", compile_views.indicator_row, name="work-indicator-row"),
    path("work/import/", import_views.import_document, name="work-import"),
    path("work/disclosure/", disclosure.disclosure, name="work-disclosure"),
    path("work/template/", unit_template.unit_template, name="work-template"),
    path("work/departments/", departments.department_list, name="work-departments"),
    path("work/departments/new/", departments.department_new, name="work-department-new"),
    path("work/departments/row/", departments.department_row, name="work-department-row"),
    path("work/departments/<int:pk>/", departments.department_detail, name="work-department"),
    path("work/departments/<int:pk>/edit/", departments.department_edit, name="work-department-edit"),
    path(
        "work/departments/<int:pk>/transition/",
        work.transition,
        {"kind": "department_target"},
        name="work-department-transition",
    ),
    path(
        "work/departments/<int:pk>/comment/",
        work.comment,
        {"kind": "department_target"},
        name="work-department-comment",
    ),
    path(
        "work/departments/<int:pk>/archive/",
        work.archive,
        {"kind": "department_target"},
        name="work-department-archive",
    ),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

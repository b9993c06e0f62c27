"""Work-area pages of the organisation registry and of distrusted text."""

from django.urls import path

from jixiao.web.organisations import views

urlpatterns = [
    path("organisations/", views.registry, name="work-organisations"),
    path("organisations/merge/", views.merge, name="work-organisations-merge"),
    path("organisations/<int:pk>/alias/", views.add_alias, name="work-organisations-alias"),
    path("distrusted/", views.distrusted, name="work-distrusted"),
    path("distrusted/<int:pk>/", views.resolve, name="work-distrusted-resolve"),
]

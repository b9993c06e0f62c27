"""URL map: the public portal at /, the work area at /work/, the API at /api/, the back office at /admin/."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]

"""Top-level URL routes."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from api.views import api
from mlquiz import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/grading", health.grading_health_view, name="healthz_grading"),
    path("accounts/", include("accounts.urls")),
    path("", include("exercises.urls")),
    path("", include("catalog.urls")),
    path("quizzes/", include("quizzes.urls")),
    path("", include("courses.urls")),
    path("instructor/", views.instructor_home, name="instructor_home"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler403 = "mlquiz.views.permission_denied"
handler404 = "mlquiz.views.page_not_found"
handler500 = "mlquiz.views.server_error"

"""Project-level pages: home, health check, instructor landing, error pages."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from accounts.decorators import instructor_required


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and compose health checks: the database answers.

    It also says where grading happens. In laptop mode (no Redis) this process
    grades, so it names its sandbox isolation; with Redis the workers do, and
    each logs its mode at start-up.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    body: dict[str, str] = {"status": "ok"}
    if settings.CELERY_TASK_ALWAYS_EAGER:
        from grader.sandbox import sandbox_mode

        body.update(grading="in-process", sandbox=sandbox_mode())
    else:
        body["grading"] = "celery workers (queue grading)"
    return JsonResponse(body)


@instructor_required
def instructor_home(request: HttpRequest) -> HttpResponse:
    return render(request, "instructor_home.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: the failure may be in a context processor.
    return HttpResponse(loader.get_template("500.html").render(), status=500)

"""Project-level pages: home, health check, instructor landing, error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET

from accounts.decorators import AuthenticatedHttpRequest, instructor_required
from catalog.access import visible_q
from catalog.models import Exercise, Lesson
from courses.course_page import my_courses
from courses.forms import JoinForm


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@login_required
@require_GET
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where a new account lands: the student's courses (or a join form), the first lesson
    and its first exercise, so that the first minute has an obvious next step."""
    user = request.user
    lesson = (
        Lesson.objects.filter(visible_q(user, "lesson"), is_active=True, is_published=True)
        .order_by("order", "title")
        .first()
    )
    exercise = None
    if lesson is not None:
        exercise = (
            Exercise.objects.filter(
                visible_q(user, "exercise"),
                lesson=lesson,
                is_active=True,
                status=Exercise.Status.PUBLISHED,
                current_version__isnull=False,
            )
            .order_by("order", "title")
            .first()
        )
    return render(
        request,
        "start.html",
        {
            "courses": my_courses(user=user),
            "join_form": JoinForm(),
            "first_lesson": lesson,
            "first_exercise": exercise,
        },
    )


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

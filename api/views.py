"""The token API (issue #21, item 6), mounted at /api/v1/ with its OpenAPI document at
/api/v1/openapi.json and Swagger UI at /api/v1/docs (served from this site's static files:
"ninja" is an installed app, so no CDN).

Endpoints parse the body (schemas.py), resolve the course (access.py) and call one courses
service or selector; errors are JSON ``{"detail": "..."}`` with a 4xx status.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.models import User
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Status, Swagger
from ninja.errors import HttpError, ValidationError

from api import access
from api.auth import TokenAuth
from api.schemas import (
    CourseCreatedOut,
    CourseIn,
    CourseListOut,
    Error,
    ExtensionIn,
    ExtensionListOut,
    ExtensionOut,
    GradebookOut,
    ItemIn,
    ItemOut,
    OverrideIn,
    OverrideListOut,
    OverrideOut,
    RemovedOut,
    RemoveIn,
    StudentItemIn,
    StudentsIn,
    StudentsOut,
)
from courses import adjustments, exports, scoring
from courses import selectors as course_selectors
from courses import services as course_services
from courses.access import ALL_STAFF, TEACHERS
from courses.models import Course, CourseExercise, Extension, ScoreOverride

api = NinjaAPI(
    title="mlquiz API",
    version="1",
    description=(
        "Scripts and integrations for course staff. Authenticate every request with a "
        "personal token (account page, or `python manage.py api_token USERNAME`): "
        "`Authorization: Bearer <token>`. Sessions are not accepted. A course you are not "
        "staff of is a 404; staff endpoints called by an account that teaches nothing are "
        "a 403, as are writes by a TA. Naive due dates are in the course's time zone."
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    # Without deep links: they put a link inside each operation's button (axe:
    # nested-interactive). The page is templates/ninja/swagger.html.
    docs=Swagger(settings={"deepLinking": False}),
)

AUTH_ERRORS: dict[int, type[Error]] = {401: Error}


def _user(request: HttpRequest) -> User:
    """The token's user (TokenAuth put it on ``request.auth``)."""
    return cast(User, request.auth)  # type: ignore[attr-defined]


# --- Errors: always JSON {"detail": ...} ------------------------------------------------


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    response = api.create_response(request, {"detail": exc.message}, status=exc.status_code)
    if exc.status_code == 401:
        response["WWW-Authenticate"] = 'Bearer realm="mlquiz"'
    return response


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """ninja's list of pydantic errors, plus one sentence a person can read."""
    errors = [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    summary = "; ".join(
        f"{'.'.join(e['loc'][1:] if len(e['loc']) > 1 else e['loc']) or 'body'}: {e['msg']}"
        for e in errors[:5]
    )
    return api.create_response(
        request, {"detail": f"Invalid request: {summary}", "errors": errors}, status=422
    )


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return api.create_response(request, {"detail": "Request body too large."}, status=413)


# --- Courses ------------------------------------------------------------------------------


@api.get(
    "/courses", response={200: CourseListOut, **AUTH_ERRORS}, url_name="courses", tags=["courses"]
)
def courses_list(request: HttpRequest) -> dict[str, Any]:
    """The courses you teach (with your role) and the ones you take (role "student")."""
    rows = course_selectors.courses_with_role(user=_user(request))
    return {"courses": [{"id": c.pk, "title": c.title, "role": role} for c, role in rows]}


@api.post(
    "/courses",
    response={201: CourseCreatedOut, 403: Error, **AUTH_ERRORS},
    url_name="courses",
    tags=["courses"],
)
def courses_create(request: HttpRequest, payload: CourseIn) -> Status[dict[str, Any]]:
    """Create a course you own (instructors only)."""
    user = _user(request)
    if not access.may_create_courses(user):
        raise HttpError(403, "Only instructors create courses.")
    course = course_services.course_create(owner=user, title=payload.title)
    return Status(201, {"id": course.pk, "title": course.title, "join_code": course.join_code})


@api.post(
    "/courses/{int:course_id}/items",
    response={200: ItemOut, 201: ItemOut, 400: Error, 403: Error, 404: Error, **AUTH_ERRORS},
    url_name="course_items",
    tags=["course staff"],
)
def course_items_add(
    request: HttpRequest, course_id: int, payload: ItemIn
) -> Status[dict[str, Any]]:
    """List an exercise or a quiz in the course (201), or update the due date and points of
    one already listed (200). Site-library items and items of libraries you edit only."""
    user = _user(request)
    course = access.course_for_staff(user=user, course_id=course_id, roles=TEACHERS)
    try:
        entry, created = course_services.course_item_add(
            course=course,
            actor=user,
            exercise_slug=payload.exercise,
            quiz_slug=payload.quiz,
            due=payload.due,
            points=payload.points,
        )
    except course_services.ItemRefused as exc:
        raise HttpError(400, str(exc)) from exc
    if isinstance(entry, CourseExercise):
        key, title = f"exercise:{entry.exercise.slug}", entry.exercise.title
    else:
        key, title = f"quiz:{entry.quiz.slug}", entry.quiz.title
    body = {"key": key, "title": title, "due": entry.due_at, "points": entry.points}
    return Status(201 if created else 200, {**body, "created": created})


@api.post(
    "/courses/{int:course_id}/students",
    response={200: StudentsOut, 400: Error, 403: Error, 404: Error, **AUTH_ERRORS},
    url_name="course_students",
    tags=["course staff"],
)
def course_students_enroll(
    request: HttpRequest, course_id: int, payload: StudentsIn
) -> dict[str, Any]:
    """Enrol existing accounts by username; names without an account come back in
    "unknown", the course's own staff in "skipped"."""
    user = _user(request)
    course = access.course_for_staff(user=user, course_id=course_id, roles=TEACHERS)
    result = course_services.course_students_enroll(
        course=course, actor=user, usernames=payload.usernames
    )
    return {"enrolled": result.enrolled, "unknown": result.unknown, "skipped": result.skipped}


@api.get(
    "/courses/{int:course_id}/gradebook",
    response={200: GradebookOut, 403: Error, 404: Error, **AUTH_ERRORS},
    url_name="course_gradebook",
    tags=["course staff"],
)
def course_gradebook(request: HttpRequest, course_id: int) -> HttpResponse:
    """Every student × every item: points ("score", null where there is no work yet; partial
    credit, late policy and overrides applied) and a late flag. Owner, instructors and TAs."""
    course = access.course_for_staff(user=_user(request), course_id=course_id, roles=ALL_STAFF)
    book = scoring.gradebook(course=course)
    # Written by courses.exports in the documented GradebookOut shape (a test holds them
    # together): validating 5,000 × 36 cells through the schema took seconds.
    return HttpResponse(exports.gradebook_json(book), content_type="application/json")


# --- Extensions and score overrides (TAs too) ------------------------------------------------


def _student_item(course: Course, payload: StudentItemIn) -> tuple[User, adjustments.CourseItemRef]:
    """The enrolled student and the course item a body names, or a 400 that says which."""
    if (payload.exercise is None) == (payload.quiz is None):
        raise HttpError(400, 'Name exactly one item: "exercise" or "quiz" (a slug).')
    student = course_selectors.course_student_by_username(course=course, username=payload.username)
    if student is None:
        raise HttpError(400, f"No student {payload.username!r} in this course.")
    kind, slug = ("exercise", payload.exercise) if payload.exercise else ("quiz", payload.quiz)
    try:
        item = adjustments.course_item_by_slug(course=course, kind=kind, slug=slug or "")
    except adjustments.AdjustmentRefused as exc:
        raise HttpError(400, exc.message) from exc
    return student, item


def _api_key(item_kind: str, slug: str) -> str:
    return f"{item_kind}:{slug}"


def _row_key(row: Extension | ScoreOverride) -> str:
    if row.exercise is not None:
        return _api_key("exercise", row.exercise.slug)
    return _api_key("quiz", row.quiz.slug if row.quiz is not None else "")


@api.get(
    "/courses/{int:course_id}/extensions",
    response={200: ExtensionListOut, 403: Error, 404: Error, **AUTH_ERRORS},
    url_name="course_extensions",
    tags=["course staff"],
)
def course_extensions_list(request: HttpRequest, course_id: int) -> dict[str, Any]:
    """Every extension of the course (owner, instructors and TAs)."""
    course = access.course_for_staff(user=_user(request), course_id=course_id, roles=ALL_STAFF)
    return {
        "extensions": [
            {
                "username": row.user.get_username(),
                "key": _row_key(row),
                "due": row.due_at,
                "time_multiplier": row.time_multiplier,
                "reason": row.reason,
            }
            for row in course_selectors.course_extensions(course=course)
        ]
    }


@api.post(
    "/courses/{int:course_id}/extensions",
    response={200: ExtensionOut, 400: Error, 403: Error, 404: Error, **AUTH_ERRORS},
    url_name="course_extensions",
    tags=["course staff"],
)
def course_extension_grant(
    request: HttpRequest, course_id: int, payload: ExtensionIn
) -> dict[str, Any]:
    """Give a student a later due date on an item and/or more time on a timed quiz (a new
    extension, or a change of theirs), with a reason; audited like the browser's."""
    user = _user(request)
    course = access.course_for_staff(user=user, course_id=course_id, roles=ALL_STAFF)
    student, item = _student_item(course, payload)
    try:
        extension = adjustments.extension_grant(
            course=course,
            student=student,
            actor=user,
            item=item,
            due_at=course_services.due_in_course_zone(course=course, due=payload.due),
            time_multiplier=payload.time_multiplier,
            reason=payload.reason,
        )
    except adjustments.AdjustmentRefused as exc:
        raise HttpError(400, exc.message) from exc
    return {
        "username": student.get_username(),
        "key": _api_key(item.kind, item.slug),
        "due": extension.due_at,
        "time_multiplier": extension.time_multiplier,
        "reason": extension.reason,
    }


@api.post(
    "/courses/{int:course_id}/extensions/remove",
    response={200: RemovedOut, 400: Error, 403: Error, 404: Error, **AUTH_ERRORS},
    url_name="course_extension_remove",
    tags=["course staff"],
)
def course_extension_remove(
    request: HttpRequest, course_id: int, payload: RemoveIn
) -> dict[str, Any]:
    """Take a student's extension on an item back (the course's due date applies again)."""
    user = _user(request)
    course = access.course_for_staff(user=user, course_id=course_id, roles=ALL_STAFF)
    student, item = _student_item(course, payload)
    removed = adjustments.extension_remove(course=course, student=student, actor=user, item=item)
    return {"removed": removed}


@api.get(
    "/courses/{int:course_id}/overrides",
    response={200: OverrideListOut, 403: Error, 404: Error, **AUTH_ERRORS},
    url_name="course_overrides",
    tags=["course staff"],
)
def course_overrides_list(request: HttpRequest, course_id: int) -> dict[str, Any]:
    """Every score override of the course (owner, instructors and TAs)."""
    course = access.course_for_staff(user=_user(request), course_id=course_id, roles=ALL_STAFF)
    return {
        "overrides": [
            {
                "username": row.user.get_username(),
                "key": _row_key(row),
                "points": row.points,
                "reason": row.reason,
            }
            for row in course_selectors.course_overrides(course=course)
        ]
    }


@api.post(
    "/courses/{int:course_id}/overrides",
    response={200: OverrideOut, 400: Error, 403: Error, 404: Error, **AUTH_ERRORS},
    url_name="course_overrides",
    tags=["course staff"],
)
def course_override_set(
    request: HttpRequest, course_id: int, payload: OverrideIn
) -> dict[str, Any]:
    """Replace a student's computed score on an item with points you give, with a reason;
    audited like the browser's."""
    user = _user(request)
    course = access.course_for_staff(user=user, course_id=course_id, roles=ALL_STAFF)
    student, item = _student_item(course, payload)
    try:
        override = adjustments.override_set(
            course=course,
            student=student,
            actor=user,
            item=item,
            points=payload.points,
            reason=payload.reason,
        )
    except adjustments.AdjustmentRefused as exc:
        raise HttpError(400, exc.message) from exc
    return {
        "username": student.get_username(),
        "key": _api_key(item.kind, item.slug),
        "points": override.points,
        "reason": override.reason,
    }


@api.post(
    "/courses/{int:course_id}/overrides/remove",
    response={200: RemovedOut, 400: Error, 403: Error, 404: Error, **AUTH_ERRORS},
    url_name="course_override_remove",
    tags=["course staff"],
)
def course_override_remove(
    request: HttpRequest, course_id: int, payload: RemoveIn
) -> dict[str, Any]:
    """Take a score override back (the computed score applies again)."""
    user = _user(request)
    course = access.course_for_staff(user=user, course_id=course_id, roles=ALL_STAFF)
    student, item = _student_item(course, payload)
    removed = adjustments.override_remove(course=course, student=student, actor=user, item=item)
    return {"removed": removed}

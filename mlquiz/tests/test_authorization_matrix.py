"""Every URL × the eight personas of issue #21.

How to read and extend it
-------------------------
``EXPECTED`` maps each URL name to an ``Expect``: the HTTP method, the URL kwargs (a function
of the World), and one outcome per persona **in ROLES order**:

    anonymous, student, other_student, ta, coinstructor, owner, other_instructor, maintainer

(see ``matrix_world.py`` for who they are and what they own). An outcome is an HTTP status,
``LOGIN`` (a redirect to a login page) or ``REDIRECT`` (any other redirect, e.g. "already
logged in" or "your attempt is still open"). Use a named preset below when one fits, or write
the 8-tuple out; ``vary(PRESET, ta=200)`` changes a few personas of a preset.

The URL list comes from walking the resolver, so a newly routed page without an entry in
EXPECTED fails ``test_every_url_has_an_expectation``: nobody can add an unprotected page
silently. The objects are real (made with the project's services). Rows about material use
Course A's own items (``course_exercise``, ``course_lesson``, ``course_quiz``) where it
matters who may see them; the site-library items are open to everyone and tested separately.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mlquiz.tests.aria_refs import dangling_id_references
from mlquiz.tests.matrix_world import (
    CASES_SECRET,
    REFERENCE_SECRET,
    ROLES,
    World,
    all_routes,
    submission_make,
    users_make,
    world_make,
)

LOGIN = "login"
REDIRECT = "redirect"

Outcome = int | str
# One outcome per persona, in ROLES order (8 of them).
Outcomes = tuple[Outcome, ...]


@dataclass(frozen=True)
class Expect:
    method: str  # "get" or "post"
    kwargs: Callable[[World], dict[str, Any]]
    outcomes: Outcomes  # in ROLES order
    data: Callable[[World], dict[str, Any]] | None = None
    json: bool = False  # send `data` as a JSON body


def none(world: World) -> dict[str, Any]:
    return {}


def vary(base: Outcomes, **changes: Outcome) -> Outcomes:
    """``base`` with the outcomes of the named personas replaced."""
    unknown = set(changes) - set(ROLES)
    assert not unknown, f"no such persona: {unknown}"
    return tuple(changes.get(role, outcome) for role, outcome in zip(ROLES, base, strict=True))


#                 anon   student other_st ta    coinstr owner  other_in maint
PUBLIC: Outcomes = (200, 200, 200, 200, 200, 200, 200, 200)
LOGGED_IN: Outcomes = (LOGIN, 200, 200, 200, 200, 200, 200, 200)
# Pages for anyone in the Instructors group (the TA here is not in it).
INSTRUCTORS: Outcomes = (LOGIN, 403, 403, 403, 200, 200, 200, 200)
# Course staff pages, any role; students and strangers learn nothing (404).
COURSE_STAFF: Outcomes = (LOGIN, 404, 404, 200, 200, 200, 404, 404)
# Course pages for the owner and co-instructors (TAs get 404 too).
COURSE_TEACHERS: Outcomes = (LOGIN, 404, 404, 404, 200, 200, 404, 404)
# Kept for rows written before the eight personas: the course staff.
COURSE_OWNER = COURSE_STAFF
# Course A's own material as a student page: its students and staff only.
COURSE_MATERIAL: Outcomes = (404, 200, 404, 200, 200, 200, 404, 404)
# Editing Course A's material: instructors pass the role check, then only A's teachers.
EDIT_COURSE_MATERIAL: Outcomes = (LOGIN, 403, 403, 403, 200, 200, 404, 404)
# A POST changing Course A's material (archive, roll back): its teachers are redirected.
CHANGE_COURSE_MATERIAL: Outcomes = (LOGIN, 403, 403, 403, REDIRECT, REDIRECT, 404, 404)
# A POST by course staff of any role (extensions, overrides): redirected back.
CHANGE_AS_STAFF: Outcomes = (LOGIN, 404, 404, REDIRECT, REDIRECT, REDIRECT, 404, 404)
# JSON and pages about one student's own work: that student only, 404 for everyone else.
OWNER_ONLY: Outcomes = (404, 200, 404, 404, 404, 404, 404, 404)
# A POST that is a student action on Course A's material (submit, hint, start).
COURSE_MATERIAL_ACTION: Outcomes = (LOGIN, REDIRECT, 404, REDIRECT, REDIRECT, REDIRECT, 404, 404)


def course(world: World) -> dict[str, Any]:
    return {"course_id": world.course.pk}


def _owner_row(world: World) -> dict[str, Any]:
    from courses.models import CourseStaff

    row = CourseStaff.objects.get(course=world.course, user=world.user("instructor"))
    return {"course_id": world.course.pk, "staff_id": row.pk}


def _removal(world: World) -> dict[str, Any]:
    """An API body naming the enrolled student and the course's site exercise."""
    return {"username": world.user("student").username, "exercise": world.exercise.slug}


def _regrade_job(world: World) -> dict[str, Any]:
    from courses.models import RegradeJob

    job, _ = RegradeJob.objects.get_or_create(
        course=world.course, exercise=world.exercise, defaults={"policy": "up_only"}
    )
    return {"course_id": world.course.pk, "job_id": job.pk}


def _course_lesson_question(world: World) -> dict[str, Any]:
    """A question (in no quiz) attached to Course A's own lesson."""
    from quizzes.models import Question

    Question.objects.filter(slug="vector-norms").update(lesson=world.course_lesson)
    return {"name": "vector-norms"}


EXPECTED: dict[str, Expect] = {
    "home": Expect("get", none, PUBLIC),
    "start": Expect("get", none, LOGGED_IN),
    "healthz": Expect("get", none, PUBLIC),
    "healthz_grading": Expect("get", none, PUBLIC),
    "instructor_home": Expect("get", none, INSTRUCTORS),
    "accounts:signup": Expect("get", none, (200,) + (REDIRECT,) * 7),
    "accounts:login": Expect("get", none, (200,) + (REDIRECT,) * 7),
    "accounts:logout": Expect("post", none, (REDIRECT,) * 8),
    "accounts:password_change": Expect("get", none, LOGGED_IN),
    "accounts:password_change_done": Expect("get", none, LOGGED_IN),
    # The account page and its token forms: one's own profile and tokens only (revoking
    # someone else's token id is "no such active token", a redirect with a message).
    "accounts:account": Expect("get", none, LOGGED_IN),
    "accounts:api_token_create": Expect("post", none, LOGGED_IN, data=lambda w: {"name": "x"}),
    "accounts:api_token_revoke": Expect(
        "post", lambda w: {"token_id": 1}, (LOGIN,) + (REDIRECT,) * 7
    ),
    "courses:lesson_list": Expect("get", none, PUBLIC),
    "courses:lesson_detail": Expect(
        "get", lambda w: {"slug": w.course_lesson.slug}, COURSE_MATERIAL
    ),
    "exercises:exercise_list": Expect("get", none, PUBLIC),
    "exercises:exercise_detail": Expect(
        "get", lambda w: {"slug": w.course_exercise.slug}, COURSE_MATERIAL
    ),
    "exercises:submission_detail": Expect("get", lambda w: {"pk": w.submission.pk}, OWNER_ONLY),
    "exercises:exercise_submit": Expect(
        "post",
        lambda w: {"slug": w.course_exercise.slug},
        COURSE_MATERIAL_ACTION,
        data=lambda w: {"code": "def scaled_exp(x):\n    return x\n", "kind": "run"},
    ),
    # Without JavaScript a try answers with the exercise page (its result, or "still running").
    "exercises:exercise_try": Expect(
        "post",
        lambda w: {"slug": w.course_exercise.slug},
        vary(COURSE_MATERIAL, anonymous=LOGIN),
        data=lambda w: {"code": "def scaled_exp(x):\n    return x\n", "args": "1.0"},
    ),
    # A try's result is readable by the student who asked for it only (tokens are random).
    "exercises:try_detail": Expect("get", lambda w: {"token": "not-a-token"}, (404,) * 8),
    "exercises:exercise_hint": Expect(
        "post", lambda w: {"slug": w.course_exercise.slug}, COURSE_MATERIAL_ACTION
    ),
    "exercises:exercise_solution": Expect(
        "post", lambda w: {"slug": w.course_exercise.slug}, COURSE_MATERIAL_ACTION
    ),
    "quizzes:quiz_list": Expect("get", none, PUBLIC),
    "quizzes:quiz_detail": Expect("get", lambda w: {"slug": w.course_quiz.slug}, COURSE_MATERIAL),
    "quizzes:quiz_start": Expect(
        "post", lambda w: {"slug": w.course_quiz.slug}, COURSE_MATERIAL_ACTION
    ),
    "quizzes:manage_list": Expect("get", none, INSTRUCTORS),
    "quizzes:quiz_new": Expect("get", none, INSTRUCTORS),
    "quizzes:generator_preview": Expect("get", none, INSTRUCTORS),
    "quizzes:quiz_edit": Expect(
        "get", lambda w: {"slug": w.course_quiz.slug}, EDIT_COURSE_MATERIAL
    ),
    # Results: staff of the quiz's library or of a course listing it; site maintainers too.
    "quizzes:quiz_results": Expect(
        "get", lambda w: {"slug": w.course_quiz.slug}, vary(COURSE_STAFF, maintainer=200)
    ),
    "quizzes:quiz_results_csv": Expect(
        "get", lambda w: {"slug": w.course_quiz.slug}, vary(COURSE_STAFF, maintainer=200)
    ),
    "quizzes:quiz_archive": Expect(
        "post", lambda w: {"slug": w.course_quiz.slug}, CHANGE_COURSE_MATERIAL
    ),
    # A site quiz: every instructor may copy it (a course's quiz only its staff:
    # quizzes/tests/test_copy.py).
    "quizzes:quiz_copy": Expect("get", lambda w: {"slug": w.quiz.slug}, INSTRUCTORS),
    # Questions authored in the browser (#17): the site's are read by every instructor (and
    # copied), edited by site maintainers only.
    "quizzes:question_list": Expect("get", none, INSTRUCTORS),
    "quizzes:question_new": Expect("get", none, INSTRUCTORS),
    "quizzes:question_edit": Expect("get", lambda w: {"slug": "dot-product"}, INSTRUCTORS),
    "quizzes:question_copy": Expect("get", lambda w: {"slug": "dot-product"}, INSTRUCTORS),
    "quizzes:question_history": Expect("get", lambda w: {"slug": "dot-product"}, INSTRUCTORS),
    "quizzes:question_rollback": Expect(
        "post",
        lambda w: {"slug": "dot-product"},
        (LOGIN, 403, 403, 403, 404, 404, 404, 400),
        data=lambda w: {"version": "1"},
    ),
    # The student's open attempt: staff who teach her are sent to the (read-only) review.
    "quizzes:attempt_take": Expect(
        "get",
        lambda w: {"pk": w.attempt.pk},
        (LOGIN, 200, 404, REDIRECT, REDIRECT, REDIRECT, 404, REDIRECT),
    ),
    "quizzes:attempt_autosave": Expect(
        "post",
        lambda w: {"pk": w.attempt.pk},
        (LOGIN, 200, 404, 404, 404, 404, 404, 404),
        data=lambda w: {"answer-1": "3"},
    ),
    "quizzes:attempt_review": Expect(
        "get",
        lambda w: {"pk": w.attempt.pk},
        (LOGIN, REDIRECT, 404, 200, 200, 200, 404, 200),
    ),
    # Practice mode: a question of Course A's own lesson is Course A's material.
    "quizzes:practice_lesson": Expect(
        "get", lambda w: {"slug": w.course_lesson.slug}, vary(COURSE_MATERIAL, anonymous=LOGIN)
    ),
    "quizzes:practice_question": Expect(
        "get", _course_lesson_question, vary(COURSE_MATERIAL, anonymous=LOGIN)
    ),
    # Authoring in the browser: instructors pass the role check (their reference code runs on
    # the trusted side, see docs/reliability.md); then only material they may edit (404).
    "catalog:exercise_authoring_list": Expect("get", none, INSTRUCTORS),
    "catalog:exercise_new": Expect("get", none, INSTRUCTORS),
    "catalog:exercise_edit": Expect(
        "get", lambda w: {"slug": w.course_exercise.slug}, EDIT_COURSE_MATERIAL
    ),
    # History: editors and TAs of the exercise's library.
    "catalog:exercise_history": Expect(
        "get", lambda w: {"slug": w.course_exercise.slug}, COURSE_STAFF
    ),
    "catalog:exercise_rollback": Expect(
        "post",
        lambda w: {"slug": w.course_exercise.slug},
        CHANGE_COURSE_MATERIAL,
        data=lambda w: {"version": "1"},
    ),
    "catalog:exercise_archive": Expect(
        "post", lambda w: {"slug": w.course_exercise.slug}, CHANGE_COURSE_MATERIAL
    ),
    # Copying published site material: any instructor (into a library of their own).
    "catalog:exercise_copy": Expect("get", lambda w: {"slug": w.exercise.slug}, INSTRUCTORS),
    "catalog:lesson_archive": Expect(
        "post", lambda w: {"slug": w.course_lesson.slug}, CHANGE_COURSE_MATERIAL
    ),
    "catalog:lesson_copy": Expect("get", lambda w: {"slug": w.lesson.slug}, INSTRUCTORS),
    "catalog:lesson_history": Expect(
        "get", lambda w: {"slug": w.course_lesson.slug}, EDIT_COURSE_MATERIAL
    ),
    # The world's course lesson was made without the browser: it has no version 1 to roll
    # back to, so its editors get the 400 that says so (tests/test_lesson_versions.py rolls
    # back for real).
    "catalog:lesson_rollback": Expect(
        "post",
        lambda w: {"slug": w.course_lesson.slug},
        (LOGIN, 403, 403, 403, 400, 400, 404, 404),
        data=lambda w: {"version": "1"},
    ),
    "catalog:markdown_preview": Expect(
        "post", none, INSTRUCTORS, json=True, data=lambda w: {"markdown": "*hi*"}
    ),
    "catalog:lesson_authoring_list": Expect("get", none, INSTRUCTORS),
    "catalog:lesson_new": Expect("get", none, INSTRUCTORS),
    "catalog:lesson_authoring_edit": Expect(
        "get", lambda w: {"slug": w.course_lesson.slug}, EDIT_COURSE_MATERIAL
    ),
    "courses:my_progress": Expect("get", none, LOGGED_IN),
    "courses:join": Expect("get", none, LOGGED_IN),
    # Anyone with a course role (a TA outside the Instructors group too) lists their courses.
    "courses:course_list": Expect("get", none, vary(INSTRUCTORS, ta=200)),
    "courses:course_create": Expect("get", none, INSTRUCTORS),
    "courses:dashboard": Expect("get", course, COURSE_STAFF),
    "courses:course_edit": Expect("get", course, COURSE_TEACHERS),
    "courses:course_join_code": Expect(
        "post", course, (LOGIN, 404, 404, 404, REDIRECT, REDIRECT, 404, 404)
    ),
    "courses:heatmap": Expect("get", course, COURSE_STAFF),
    "courses:gradebook_csv": Expect("get", course, COURSE_STAFF),
    "courses:exercise_stats": Expect(
        "get", lambda w: {"course_id": w.course.pk, "exercise_id": w.exercise.pk}, COURSE_STAFF
    ),
    "courses:student_detail": Expect(
        "get",
        lambda w: {"course_id": w.course.pk, "user_id": w.user("student").pk},
        COURSE_STAFF,
    ),
    "courses:quiz_stats": Expect(
        "get", lambda w: {"course_id": w.course.pk, "quiz_id": w.quiz.pk}, COURSE_STAFF
    ),
    "courses:submission_detail": Expect(
        "get",
        lambda w: {"course_id": w.course.pk, "submission_id": w.submission.pk},
        COURSE_STAFF,
    ),
    # Extensions and overrides (course staff, TAs included): valid posts redirect back to the
    # student's page; everyone else learns nothing (404). The world's exercise has no due
    # date, so the owner's extension is refused as a form error (400), after the access check.
    "courses:extension_save": Expect(
        "post",
        lambda w: {"course_id": w.course.pk, "user_id": w.user("student").pk},
        (LOGIN, 404, 404, 400, 400, 400, 404, 404),
        data=lambda w: {
            "ext-item": f"exercise:{w.exercise.pk}",
            "ext-due_at": "2099-01-01T12:00",
            "ext-reason": "illness",
        },
    ),
    "courses:extension_delete": Expect(
        "post",
        lambda w: {"course_id": w.course.pk, "user_id": w.user("student").pk},
        CHANGE_AS_STAFF,
        data=lambda w: {"item": f"exercise:{w.exercise.pk}"},
    ),
    "courses:override_save": Expect(
        "post",
        lambda w: {"course_id": w.course.pk, "user_id": w.user("student").pk},
        CHANGE_AS_STAFF,
        data=lambda w: {
            "ovr-item": f"exercise:{w.exercise.pk}",
            "ovr-points": "1",
            "ovr-reason": "regraded by hand",
        },
    ),
    "courses:override_delete": Expect(
        "post",
        lambda w: {"course_id": w.course.pk, "user_id": w.user("student").pk},
        CHANGE_AS_STAFF,
        data=lambda w: {"item": f"exercise:{w.exercise.pk}"},
    ),
    "courses:audit_log": Expect("get", course, COURSE_OWNER),
    # The token API (api/): its documents are public; a signed-in browser session is not a
    # token, so every endpoint is 401 here. The same endpoints with each role's token are in
    # API_TOKEN_EXPECTED below.
    "api:openapi-json": Expect("get", none, PUBLIC),
    "api:openapi-view": Expect("get", none, PUBLIC),
    "api:api-root": Expect("get", none, (404,) * 8),
    "api:courses": Expect("get", none, (401,) * 8),
    "api:course_items": Expect(
        "post", course, (401,) * 8, json=True, data=lambda w: {"exercise": w.exercise.slug}
    ),
    "api:course_students": Expect(
        "post", course, (401,) * 8, json=True, data=lambda w: {"usernames": ["mallory"]}
    ),
    "api:course_gradebook": Expect("get", course, (401,) * 8),
    "api:course_extensions": Expect("get", course, (401,) * 8),
    "api:course_extension_remove": Expect("post", course, (401,) * 8, json=True, data=_removal),
    "api:course_overrides": Expect("get", course, (401,) * 8),
    "api:course_override_remove": Expect("post", course, (401,) * 8, json=True, data=_removal),
    # Students' side of courses (issue #21): the enrolled student and the staff only.
    "courses:my_courses": Expect("get", none, LOGGED_IN),
    "courses:course_page": Expect("get", course, (LOGIN, 200, 404, 200, 200, 200, 404, 404)),
    # Staff, roster, archive, regrades (issue #21). POSTs without data: the owner gets the
    # form's 400 or a redirect with a message (the owner's own row cannot be changed). Only the
    # owner manages staff and archives; teachers manage the roster and regrades; TAs read.
    "courses:staff": Expect("get", course, COURSE_STAFF),
    "courses:staff_invite": Expect("post", course, (LOGIN, 404, 404, 404, 404, 400, 404, 404)),
    "courses:staff_update": Expect(
        "post", _owner_row, (LOGIN, 404, 404, 404, 404, REDIRECT, 404, 404)
    ),
    "courses:staff_remove": Expect(
        "post", _owner_row, (LOGIN, 404, 404, 404, 404, REDIRECT, 404, 404)
    ),
    "courses:course_archive": Expect(
        "post", course, (LOGIN, 404, 404, 404, 404, REDIRECT, 404, 404)
    ),
    "courses:roster": Expect("get", course, COURSE_STAFF),
    "courses:roster_bulk": Expect("post", course, (LOGIN, 404, 404, 404, 400, 400, 404, 404)),
    "courses:roster_remove": Expect(
        "get",
        lambda w: {"course_id": w.course.pk, "user_id": w.user("student").pk},
        COURSE_TEACHERS,
    ),
    "courses:regrade_new": Expect("get", course, COURSE_TEACHERS),
    "courses:regrade_detail": Expect("get", _regrade_job, COURSE_TEACHERS),
    "courses:regrade_progress": Expect("get", _regrade_job, COURSE_TEACHERS),
    # LTI (lti/): the LMS-facing endpoints answer everyone (a login without parameters is a
    # 400 naming what is missing; the launch takes only the LMS's POST); deep linking needs an
    # open deep-linking launch in the session (400 without); the sync page is course staff's.
    "lti:login": Expect("get", none, (400,) * 8),
    "lti:launch": Expect("get", none, (405,) * 8),
    "lti:jwks": Expect("get", none, PUBLIC),
    # Dynamic registration: a 400 explaining the URL when opened without the LMS's parameters.
    "lti:register": Expect("get", none, (400,) * 8),
    "lti:deep_link": Expect("get", none, (LOGIN, 400, 400, 400, 400, 400, 400, 400)),
    "lti:course_sync": Expect("get", course, COURSE_STAFF),
    "lti:course_sync_retry": Expect("post", course, CHANGE_AS_STAFF),
    "lti:course_roster_sync": Expect("post", course, CHANGE_AS_STAFF),
}

# Django's admin: only staff (nobody here) gets in; everyone is sent to the admin login.
ADMIN_LOGIN_PAGE: Outcomes = (200,) * len(ROLES)
ADMIN_OTHER: Outcomes = (LOGIN,) * len(ROLES)
ADMIN_LOGOUT: Outcomes = (REDIRECT,) * len(ROLES)

ADMIN_VALUES = {
    "object_id": "1",
    "id": "1",
    "app_label": "auth",
    "url": "nothing-here/",
    "content_type_id": "1",
}


def _admin_path(pattern: str) -> str:
    """A concrete path for an admin route, whatever its form (path converters or regex)."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: ADMIN_VALUES[m.group(1)], pattern)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: ADMIN_VALUES[m.group(1)], path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


ROUTES = all_routes()
PROJECT_ROUTES = [r for r in ROUTES if not r.pattern.startswith("admin/")]
ADMIN_ROUTES = [r for r in ROUTES if r.pattern.startswith("admin/")]


def test_every_url_has_an_expectation() -> None:
    unnamed = [r.pattern for r in PROJECT_ROUTES if not r.name]
    assert not unnamed, f"name these routes so they can be checked: {unnamed}"
    missing = sorted({r.name for r in PROJECT_ROUTES} - set(EXPECTED))
    assert not missing, (
        f"routes without an authorization expectation: {missing}. Add them to EXPECTED in "
        "mlquiz/tests/test_authorization_matrix.py with the status each role must get."
    )


def test_every_expectation_names_each_persona() -> None:
    wrong = {name: len(e.outcomes) for name, e in EXPECTED.items() if len(e.outcomes) != len(ROLES)}
    assert not wrong, f"give one outcome per persona ({len(ROLES)}, in ROLES order): {wrong}"


def test_no_stale_expectations() -> None:
    stale = sorted(set(EXPECTED) - {r.name for r in PROJECT_ROUTES})
    assert not stale, f"expectations for routes that no longer exist: {stale}"


def _check(response: Any, outcome: Outcome, label: str) -> None:
    status = response.status_code
    if outcome == LOGIN:
        assert status == 302 and "login" in response["Location"], (
            f"{label}: expected a redirect to log in, got {status} {response.get('Location')}"
        )
    elif outcome == REDIRECT:
        assert status == 302 and "login" not in response["Location"], (
            f"{label}: expected a redirect, got {status} {response.get('Location')}"
        )
    else:
        assert status == outcome, f"{label}: expected {outcome}, got {status}"
    if status == 200 and response.get("Content-Type", "").startswith("text/html"):
        # Every page any persona sees: a field tied to a help text or an error by an id
        # that is not on the page is announced without it (issue #16's sign-up form).
        dangling = dangling_id_references(response.content.decode())
        assert not dangling, f"{label}: references to ids not on the page: {dangling}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_project_url_for_every_role(name: str) -> None:
    world = world_make()
    expect = EXPECTED[name]
    if name not in {r.name for r in PROJECT_ROUTES}:
        pytest.fail(f"{name} is not routed (see test_no_stale_expectations)")
    url = reverse(name, kwargs=expect.kwargs(world))
    failures = []
    for role, outcome in zip(ROLES, expect.outcomes, strict=True):
        client = world.client(role)
        data = expect.data(world) if expect.data else {}
        if expect.json:
            response = getattr(client, expect.method)(url, data, content_type="application/json")
        else:
            response = getattr(client, expect.method)(url, data)
        try:
            _check(response, outcome, f"{expect.method.upper()} {url} as {role}")
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=lambda r: r.name or r.pattern)
def test_admin_url_for_every_role(route: Any) -> None:
    world = World(users=users_make())  # no objects needed: nobody here is staff
    path = _admin_path(route.pattern)
    outcomes = {"admin:login": ADMIN_LOGIN_PAGE, "admin:logout": ADMIN_LOGOUT}.get(
        route.name, ADMIN_OTHER
    )
    method = "post" if route.name == "admin:logout" else "get"
    failures = []
    for role, outcome in zip(ROLES, outcomes, strict=True):
        response = getattr(world.client(role), method)(path)
        try:
            _check(response, outcome, f"{method.upper()} {path} as {role}")
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)


# --- id guessing: the right kind of user, the wrong object -------------------------------------


@pytest.mark.django_db
def test_instructor_cannot_reach_objects_outside_own_course_by_id() -> None:
    world = world_make()
    client = world.client("instructor")
    course_id = world.course.pk
    stranger = world.user("other_student")  # not enrolled in the instructor's course
    guesses = [
        reverse(
            "courses:submission_detail",
            kwargs={"course_id": course_id, "submission_id": world.other_submission.pk},
        ),
        reverse("courses:student_detail", kwargs={"course_id": course_id, "user_id": stranger.pk}),
        reverse(
            "courses:student_detail",
            kwargs={"course_id": course_id, "user_id": world.user("other_instructor").pk},
        ),
        reverse("courses:dashboard", kwargs={"course_id": world.other_course.pk}),
        reverse("courses:gradebook_csv", kwargs={"course_id": world.other_course.pk}),
        reverse(
            "courses:quiz_stats",
            kwargs={"course_id": world.other_course.pk, "quiz_id": world.quiz.pk},
        ),
        reverse(
            "courses:submission_detail",
            kwargs={"course_id": world.other_course.pk, "submission_id": world.submission.pk},
        ),
    ]
    for url in guesses:
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_student_cannot_reach_another_students_submission_by_id() -> None:
    world = world_make()
    client = world.client("student")
    theirs = world.other_submission.pk
    response = client.get(reverse("exercises:submission_detail", kwargs={"pk": theirs}))
    assert response.status_code == 404
    response = client.get(
        reverse("exercises:submission_detail", kwargs={"pk": theirs}), {"code": "1"}
    )
    assert response.status_code == 404
    # The "restore" and "show" parameters of the exercise page ignore other students' ids.
    page = client.get(
        reverse("exercises:exercise_detail", kwargs={"slug": world.exercise.slug}),
        {"from": theirs, "submission": theirs},
    )
    assert page.status_code == 200
    marker = "MALLORY-PRIVATE-CODE"
    other = submission_make(
        user=world.user("other_student"),
        exercise=world.exercise,
        code=f"# {marker}\ndef scaled_exp(x):\n    return x\n",
    )
    page = client.get(
        reverse("exercises:exercise_detail", kwargs={"slug": world.exercise.slug}),
        {"from": other.pk, "submission": other.pk},
    )
    assert marker not in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_reference_and_hidden_cases_never_reach_a_browser(role: str) -> None:
    world = world_make()
    client = world.client(role)
    urls = [
        reverse("exercises:exercise_detail", kwargs={"slug": world.exercise.slug}),
        reverse("exercises:exercise_list"),
        reverse("courses:lesson_detail", kwargs={"slug": world.lesson.slug}),
    ]
    if role == "student":
        urls.append(
            reverse("exercises:submission_detail", kwargs={"pk": world.submission.pk}) + "?code=1"
        )
    if role in ("owner", "coinstructor", "ta"):
        urls += [
            reverse(
                "courses:submission_detail",
                kwargs={"course_id": world.course.pk, "submission_id": world.submission.pk},
            ),
            reverse(
                "courses:exercise_stats",
                kwargs={"course_id": world.course.pk, "exercise_id": world.exercise.pk},
            ),
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert REFERENCE_SECRET not in body, url
        assert CASES_SECRET not in body, url


# --- The token API with each role's own token --------------------------------------------

# In ROLES order (anonymous has no token: 401). Students teach nothing: 403 on staff endpoints
# whatever the course (see docs/api.md); staff of another course (and a maintainer, staff of
# none) get 404.
API_TOKEN_EXPECTED: dict[str, Expect] = {
    "api:courses": Expect("get", none, (401,) + (200,) * 7),
    "api:courses#post": Expect(
        "post",
        none,
        (401, 403, 403, 403, 201, 201, 201, 201),
        json=True,
        data=lambda w: {"title": "New"},
    ),
    "api:course_items": Expect(
        "post",
        course,
        # 200: the world's course lists it already (updated). The TA is not an instructor:
        # 403, like a student, on endpoints that change a course.
        (401, 403, 403, 403, 200, 200, 404, 404),
        json=True,
        data=lambda w: {"exercise": w.exercise.slug, "due": "2030-01-01T10:00"},
    ),
    "api:course_students": Expect(
        "post",
        course,
        (401, 403, 403, 403, 200, 200, 404, 404),
        json=True,
        data=lambda w: {"usernames": ["mallory"]},
    ),
    "api:course_gradebook": Expect("get", course, (401, 403, 403, 200, 200, 200, 404, 404)),
    # Extensions and overrides: TAs too. The world's items have no due date, so a new due
    # date is the staff's 400 ("no due date to extend"); an override is a 200.
    "api:course_extensions": Expect("get", course, (401, 403, 403, 200, 200, 200, 404, 404)),
    "api:course_extensions#post": Expect(
        "post",
        course,
        (401, 403, 403, 400, 400, 400, 404, 404),
        json=True,
        data=lambda w: {**_removal(w), "due": "2030-01-01T10:00", "reason": "ill"},
    ),
    "api:course_extension_remove": Expect(
        "post", course, (401, 403, 403, 200, 200, 200, 404, 404), json=True, data=_removal
    ),
    "api:course_overrides": Expect("get", course, (401, 403, 403, 200, 200, 200, 404, 404)),
    "api:course_overrides#post": Expect(
        "post",
        course,
        (401, 403, 403, 200, 200, 200, 404, 404),
        json=True,
        data=lambda w: {**_removal(w), "points": 1, "reason": "oral exam"},
    ),
    "api:course_override_remove": Expect(
        "post", course, (401, 403, 403, 200, 200, 200, 404, 404), json=True, data=_removal
    ),
}


def test_every_api_endpoint_has_a_token_expectation() -> None:
    documents = {"api:openapi-json", "api:openapi-view", "api:api-root"}
    endpoints = {r.name for r in PROJECT_ROUTES if r.name.startswith("api:")} - documents
    covered = {name.split("#")[0] for name in API_TOKEN_EXPECTED}
    assert endpoints == covered, f"add token expectations for {sorted(endpoints - covered)}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(API_TOKEN_EXPECTED))
def test_api_endpoint_for_every_role_with_its_token(name: str) -> None:
    from accounts.services import api_token_create

    world = world_make()
    expect = API_TOKEN_EXPECTED[name]
    url = reverse(name.split("#")[0], kwargs=expect.kwargs(world))
    failures = []
    for role, outcome in zip(ROLES, expect.outcomes, strict=True):
        user = world.users[role]
        headers = {}
        if user is not None:
            headers["Authorization"] = f"Bearer {api_token_create(user=user)[1]}"
        client = Client(enforce_csrf_checks=True)
        if expect.method == "get":
            response = client.get(url, headers=headers)
        else:
            body = json.dumps(expect.data(world) if expect.data else {})
            response = client.post(url, body, content_type="application/json", headers=headers)
        try:
            _check(response, outcome, f"{expect.method.upper()} {url} as {role} (token)")
            assert response["Content-Type"].startswith("application/json"), url
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)

"""A small world of real objects for the security tests (authorization, CSRF, XSS, fuzzing).

Eight personas (issue #21) and the objects they own, made with the project's own services,
plus the list of every URL pattern the project serves, found by walking the resolver (so that
a new page is covered as soon as it is routed).

The personas, in ROLES order:

* ``anonymous``: nobody signed in.
* ``student`` (alice): enrolled in Course A; owns ``submission`` and the open ``attempt``.
* ``other_student`` (mallory): signed in, in no course of A's; owns ``other_submission``.
* ``ta`` (tess): a TA of Course A; not in the Instructors group.
* ``coinstructor`` (cora): an instructor (co-teacher) of Course A.
* ``owner`` (teacher): Course A's owner. ``"instructor"`` is an alias (older tests say it).
* ``other_instructor`` (rival): owner of Course B, which lists the same site material.
* ``maintainer`` (maya): a site maintainer (and instructor), staff of no course.

The material: ``lesson``, ``exercise``, ``quiz`` belong to the site library and are listed in
both courses; ``course_lesson``, ``course_exercise``, ``course_quiz`` belong to Course A's own
library and are listed in Course A only. ``personal_exercise`` is in the owner's personal
library.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.roles import maintainer_group
from accounts.services import user_create
from catalog.access import personal_library
from catalog.models import Exercise, Lesson
from courses import services as course_services
from courses.models import Course, CourseStaff, StaffRole
from exercises import services as exercise_services
from exercises.models import Submission
from exercises.tests.test_services import make_exercise
from quizzes import services as quiz_services
from quizzes.models import Attempt, Quiz

ROLES = (
    "anonymous",
    "student",
    "other_student",
    "ta",
    "coinstructor",
    "owner",
    "other_instructor",
    "maintainer",
)
# Names older tests use for a persona.
ALIASES = {"instructor": "owner"}

# Markers that must never reach a student's browser.
REFERENCE_SECRET = "REFERENCE-SECRET-91c4"
CASES_SECRET = "HIDDEN-CASES-SECRET-5e2d"

REFERENCE = f"""import numpy as np

# {REFERENCE_SECRET}
def scaled_exp(x):
    return np.exp(x - np.max(x))
"""
CASES = f"""import numpy as np
from grader.cases import Case

# {CASES_SECRET}
def cases(rng):
    return [
        Case("example", (np.array([1.0, 2.0, 3.0]),), kind="example"),
        Case("big", (np.array([1000.0, 1001.0]),), kind="edge"),
    ]
"""
STARTER = "import numpy as np\n\ndef scaled_exp(x):\n    return x\n"
GOOD = "import numpy as np\n\ndef scaled_exp(x):\n    return np.exp(x - np.max(x))\n"


def exercise_make(
    *,
    slug: str = "secure-exp",
    title: str = "Secure exp",
    lesson: Lesson | None = None,
    library_id: int | None = None,
) -> Exercise:
    """An exercise stored the way sync_content stores one, its reference and cases marked
    (in the site library unless ``library_id`` says otherwise)."""
    exercise = make_exercise(
        slug, title=title, lesson=lesson, reference=REFERENCE, cases=CASES, starter=STARTER
    )
    if library_id is not None:
        Exercise.objects.filter(pk=exercise.pk).update(library_id=library_id)
        exercise.refresh_from_db()
    return exercise


def submission_make(
    *,
    user: User,
    exercise: Exercise,
    code: str = GOOD,
    status: str = "graded",
    verdict: dict[str, Any] | None = None,
) -> Submission:
    """A submission created by the real service, then given a stored verdict."""
    submission = exercise_services.submission_create(
        user=user, exercise=exercise, code=code, kind=Submission.Kind.SUBMIT
    )
    if status != "queued":
        verdict = verdict or {
            "status": "passed",
            "score": 1.0,
            "passed": 2,
            "total": 2,
            "output": "",
            "message": "",
            "duration_ms": 3.0,
            "tests": [
                {"name": "example", "kind": "example", "passed": True, "message": "", "hint": ""}
            ],
        }
        Submission.objects.filter(pk=submission.pk).update(
            status=status,
            verdict=verdict,
            score=verdict["score"],
            passed=verdict["status"] == "passed",
        )
        submission.refresh_from_db()
    return submission


@dataclass
class World:
    users: dict[str, User | None]
    # Set by world_make(); a World of users only (the admin matrix) never reads them. Typed
    # as never None so that tests need not narrow each one, hence the ignores.
    lesson: Lesson = None  # type: ignore[assignment]
    exercise: Exercise = None  # type: ignore[assignment]
    submission: Submission = None  # type: ignore[assignment]  # the student's
    # Another student's, not in the instructor's course.
    other_submission: Submission = None  # type: ignore[assignment]
    course: Course = None  # type: ignore[assignment]  # the instructor's; the student is enrolled
    other_course: Course = None  # type: ignore[assignment]  # the other instructor's
    quiz: Quiz = None  # type: ignore[assignment]
    attempt: Attempt = None  # type: ignore[assignment]  # the student's, still open
    # Course A's own material (its library), listed in Course A only.
    course_lesson: Lesson = None  # type: ignore[assignment]
    course_exercise: Exercise = None  # type: ignore[assignment]
    course_quiz: Quiz = None  # type: ignore[assignment]
    # In the owner's personal library, listed nowhere.
    personal_exercise: Exercise = None  # type: ignore[assignment]
    extra: dict[str, Any] = field(default_factory=dict)

    def client(self, role: str, *, enforce_csrf_checks: bool = False) -> Client:
        client = Client(enforce_csrf_checks=enforce_csrf_checks)
        user = self.users[ALIASES.get(role, role)]
        if user is not None:
            client.force_login(user)
        return client

    def user(self, role: str) -> User:
        """The signed-in user playing `role` (any role but "anonymous")."""
        user = self.users[ALIASES.get(role, role)]
        assert user is not None, f"{role} has no user"
        return user


def users_make() -> dict[str, User | None]:
    maintainer = user_create(username="maya", password="pw-maya-123", instructor=True)
    maintainer.groups.add(maintainer_group())
    return {
        "anonymous": None,
        "student": user_create(username="alice", password="pw-alice-123", email="a@example.org"),
        "other_student": user_create(username="mallory", password="pw-mallory-123"),
        "ta": user_create(username="tess", password="pw-tess-123"),
        "coinstructor": user_create(username="cora", password="pw-cora-123", instructor=True),
        "owner": user_create(username="teacher", password="pw-teacher-123", instructor=True),
        "other_instructor": user_create(username="rival", password="pw-rival-123", instructor=True),
        "maintainer": maintainer,
    }


def world_make() -> World:
    users = users_make()
    student, other_student = users["student"], users["other_student"]
    instructor, other_instructor = users["owner"], users["other_instructor"]
    ta, coinstructor = users["ta"], users["coinstructor"]
    assert student and other_student and instructor and other_instructor and ta and coinstructor
    lesson = Lesson.objects.create(
        slug="secure-lesson", title="Secure lesson", order=1, body_html="<p>Body</p>"
    )
    exercise = exercise_make(lesson=lesson)
    submission = submission_make(user=student, exercise=exercise)
    other_submission = submission_make(user=other_student, exercise=exercise)
    quiz = quiz_services.quiz_save(
        slug="secure-quiz",
        fields={"title": "Secure quiz", "attempts_allowed": 3},
        slots=[quiz_services.SlotSpec("dot-product", count=1, points=1)],
    )
    course = course_services.course_create(owner=instructor, title="Course A")
    CourseStaff.objects.create(course=course, user=ta, role=StaffRole.TA)
    CourseStaff.objects.create(course=course, user=coinstructor, role=StaffRole.INSTRUCTOR)
    assert course.library_id is not None
    course_lesson = Lesson.objects.create(
        slug="course-lesson",
        title="Course lesson",
        order=2,
        body_html="<p>Course body</p>",
        library_id=course.library_id,
    )
    course_exercise = exercise_make(
        slug="course-exp", title="Course exp", lesson=course_lesson, library_id=course.library_id
    )
    course_quiz = quiz_services.quiz_save(
        slug="course-quiz",
        fields={"title": "Course quiz", "attempts_allowed": 3, "library_id": course.library_id},
        slots=[quiz_services.SlotSpec("dot-product", count=1, points=1)],
    )
    personal_exercise = exercise_make(
        slug="personal-exp", title="Personal exp", library_id=personal_library(instructor).pk
    )
    course_services.course_set_material(
        course=course,
        lesson_ids=[lesson.pk, course_lesson.pk],
        exercise_ids=[exercise.pk, course_exercise.pk],
        quiz_ids=[quiz.pk, course_quiz.pk],
    )
    course_services.enrollment_join(user=student, code=course.join_code)
    other_course = course_services.course_create(
        owner=other_instructor,
        title="Course B",
        lesson_ids=[lesson.pk],
        exercise_ids=[exercise.pk],
        quiz_ids=[quiz.pk],
    )
    attempt = quiz_services.attempt_start(user=student, quiz=quiz)
    return World(
        users=users,
        lesson=lesson,
        exercise=exercise,
        submission=submission,
        other_submission=other_submission,
        course=course,
        other_course=other_course,
        quiz=quiz,
        attempt=attempt,
        course_lesson=course_lesson,
        course_exercise=course_exercise,
        course_quiz=course_quiz,
        personal_exercise=personal_exercise,
    )


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    pattern: str  # the route as written, for messages
    params: tuple[str, ...]  # keyword arguments the route takes


def _walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else (entry.namespace or namespace)
            )
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name or ""
            qualified = f"{namespace}:{name}" if namespace and name else name
            regex = entry.pattern.regex
            yield Route(
                name=qualified,
                pattern=prefix + str(entry.pattern),
                params=tuple(regex.groupindex),
            )


def all_routes() -> list[Route]:
    """Every routed URL pattern of the project (admin included)."""
    return list(_walk(get_resolver().url_patterns, "", ""))

"""Real objects for the API tests: an owner, a co-instructor, a TA, students, a rival
instructor, exercises and a quiz in the site library and in private libraries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from accounts.services import api_token_create, user_create
from catalog.access import personal_library
from catalog.models import Exercise
from courses import services as course_services
from courses.models import Course, CourseStaff, StaffRole
from exercises.tests.test_services import make_exercise
from quizzes import services as quiz_services
from quizzes.models import Quiz


@dataclass
class ApiWorld:
    users: dict[str, User]
    tokens: dict[str, str]
    course: Course
    other_course: Course
    exercise: Exercise  # site library
    private_exercise: Exercise  # the rival's personal library
    own_exercise: Exercise  # the owner's personal library
    quiz: Quiz

    def call(self, who: str | None, method: str, path: str, body: Any = None, **extra: Any) -> Any:
        """A request with ``who``'s token (None: no Authorization header)."""
        headers = dict(extra.pop("headers", {}))
        if who is not None:
            headers["Authorization"] = f"Bearer {self.tokens[who]}"
        client = Client(enforce_csrf_checks=True)
        if method == "get":
            return client.get(path, headers=headers, **extra)
        content = body if isinstance(body, (str, bytes)) else _json(body)
        return client.post(
            path,
            content,
            content_type=extra.pop("content_type", "application/json"),
            headers=headers,
            **extra,
        )


def _json(body: Any) -> str:
    import json

    return "" if body is None else json.dumps(body)


def api_world_make() -> ApiWorld:
    users = {
        "owner": user_create(username="owner", password="pw-owner-1", instructor=True),
        "coinstructor": user_create(username="coteach", password="pw-co-1", instructor=True),
        "ta": user_create(username="ta", password="pw-ta-1"),
        "student": user_create(username="alice", password="pw-alice-1", email="a@example.org"),
        "stranger": user_create(username="mallory", password="pw-mallory-1"),
        "rival": user_create(username="rival", password="pw-rival-1", instructor=True),
    }
    exercise = make_exercise("site-exp", title="Site exp")
    private = make_exercise("rival-secret", title="Rival's secret")
    private.library = personal_library(users["rival"])
    private.save()
    own = make_exercise("owner-own", title="Owner's own")
    own.library = personal_library(users["owner"])
    own.save()
    quiz = quiz_services.quiz_save(
        slug="dot-quiz",
        fields={"title": "Dot quiz", "attempts_allowed": 3},
        slots=[quiz_services.SlotSpec("dot-product", count=1, points=1)],
    )
    course = course_services.course_create(owner=users["owner"], title="Linear algebra")
    CourseStaff.objects.create(course=course, user=users["coinstructor"], role=StaffRole.INSTRUCTOR)
    CourseStaff.objects.create(course=course, user=users["ta"], role=StaffRole.TA)
    course_services.enrollment_join(user=users["student"], code=course.join_code)
    other_course = course_services.course_create(owner=users["rival"], title="Rival course")
    tokens = {name: api_token_create(user=user)[1] for name, user in users.items()}
    return ApiWorld(
        users=users,
        tokens=tokens,
        course=course,
        other_course=other_course,
        exercise=exercise,
        private_exercise=private,
        own_exercise=own,
        quiz=quiz,
    )

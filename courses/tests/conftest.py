"""Builders for course tests: exercises with a version, graded submissions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from accounts.services import user_create
from catalog.models import Exercise, ExerciseVersion, Lesson
from courses.models import Course
from courses.services import course_create
from exercises.models import Submission


@pytest.fixture
def lesson(db: None) -> Lesson:
    return Lesson.objects.create(slug="linear-algebra", title="Linear algebra", order=1)


@pytest.fixture
def make_exercise(lesson: Lesson) -> Callable[..., Exercise]:
    def make(slug: str, *, topic: str = "linear-algebra", points: int = 10) -> Exercise:
        exercise = Exercise.objects.create(
            slug=slug,
            title=slug.replace("-", " ").title(),
            lesson=lesson,
            topic=topic,
            points=points,
        )
        exercise.current_version = ExerciseVersion.objects.create(
            exercise=exercise,
            number=1,
            function_name="f",
            statement_md="Do it.",
            starter_code="def f(x):\n    raise NotImplementedError\n",
            reference_code="def f(x):\n    return x\n",
            cases_code="",
            content_hash=slug,
        )
        exercise.save()
        return exercise

    return make


@pytest.fixture
def submit() -> Callable[..., Submission]:
    def make(
        user: User,
        exercise: Exercise,
        *,
        passed: bool,
        failing: tuple[tuple[str, str], ...] = (),
        when: datetime | None = None,
        kind: str = Submission.Kind.SUBMIT,
    ) -> Submission:
        tests: list[dict[str, Any]] = [
            {"name": name, "kind": "hidden", "passed": False, "message": message}
            for name, message in failing
        ]
        tests.append({"name": "example: basic", "kind": "example", "passed": True, "message": ""})
        assert exercise.current_version is not None
        submission = Submission.objects.create(
            user=user,
            exercise=exercise,
            exercise_version=exercise.current_version,
            code="def f(x):\n    return x\n",
            kind=kind,
            status=Submission.Status.GRADED,
            passed=passed,
            score=1.0 if passed else 0.5,
            verdict={"status": "passed" if passed else "failed", "tests": tests, "output": ""},
        )
        if when is not None:  # created_at is auto_now_add: move it afterwards
            Submission.objects.filter(pk=submission.pk).update(created_at=when)
            submission.refresh_from_db()
        return submission

    return make


@pytest.fixture
def other_instructor(db: None) -> User:
    return user_create(username="teacher2", password="pw-teacher-2", instructor=True)


@pytest.fixture
def course(instructor: User, make_exercise: Callable[..., Exercise]) -> Course:
    exercises = [make_exercise("dot-product"), make_exercise("matrix-inverse", points=20)]
    return course_create(
        owner=instructor,
        title="ML math, spring",
        exercise_ids=[e.pk for e in exercises],
        due={exercises[0].pk: timezone.now() + timedelta(days=3)},
    )

"""The start page a new account lands on: its courses or a join form, the first lesson and its
first exercise (only what this student may see)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from catalog.models import Exercise, Lesson
from courses.models import Course
from courses.services import enrollment_join

pytestmark = pytest.mark.django_db


def test_a_new_student_gets_a_join_form_the_first_lesson_and_its_first_exercise(
    student_client: Client, lesson: Lesson, make_exercise: Callable[..., Exercise]
) -> None:
    second, first = make_exercise("second-one"), make_exercise("first-one")
    Exercise.objects.filter(pk=second.pk).update(order=2)
    Exercise.objects.filter(pk=first.pk).update(order=1)
    later = Lesson.objects.create(slug="later", title="Later lesson", order=5)
    assert later.order > lesson.order
    page = student_client.get("/start/").content.decode()
    assert 'action="/courses/join/"' in page and "In a class?" in page
    assert f'href="/lessons/{lesson.slug}/"' in page
    assert 'href="/exercises/first-one/"' in page and "second-one" not in page


def test_an_enrolled_student_sees_their_course(
    student_client: Client, student: User, course: Course
) -> None:
    enrollment_join(user=student, code=course.join_code)
    page = student_client.get("/start/").content.decode()
    assert f'href="/courses/{course.pk}/"' in page and course.title in page
    assert "0 of 2 solved" in page


def test_a_draft_or_another_courses_lesson_is_not_the_first_one(
    student_client: Client, instructor: User, lesson: Lesson
) -> None:
    private = Course.objects.create(title="Private", owner=instructor)
    Lesson.objects.create(slug="theirs", title="Theirs", order=0, library=private.library)
    Lesson.objects.create(slug="draft", title="Draft", order=0, is_published=False)
    page = student_client.get("/start/").content.decode()
    assert "/lessons/theirs/" not in page and "/lessons/draft/" not in page
    assert f"/lessons/{lesson.slug}/" in page


def test_anonymous_visitors_log_in_first(client: Client) -> None:
    assert client.get("/start/")["Location"].startswith("/accounts/login/")

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from quizzes.models import Quiz
from quizzes.services import SlotSpec, quiz_save

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from courses.models import Course


@pytest.fixture
def quiz(db: None) -> Quiz:
    return quiz_save(
        slug="warm-up",
        fields={"title": "Warm-up", "attempts_allowed": 2},
        slots=[
            SlotSpec("dot-product", count=2, points=1),
            SlotSpec("vector-norms", count=1, points=3),
        ],
    )


@pytest.fixture
def timed_quiz(db: None) -> Quiz:
    return quiz_save(
        slug="timed",
        fields={"title": "Timed", "attempts_allowed": 1, "time_limit_minutes": 10},
        slots=[SlotSpec("determinant-2x2", count=1, points=2)],
    )


@pytest.fixture
def teaching_course(instructor: User, student: User, quiz: Quiz) -> Course:
    """The instructor's course, listing the (site library) quiz, with the student in it: what
    makes the instructor staff who may read that student's attempts."""
    from courses.models import Course, CourseQuiz, Enrollment

    course = Course.objects.create(owner=instructor, title="Quiz course")
    CourseQuiz.objects.create(course=course, quiz=quiz)
    Enrollment.objects.create(course=course, user=student)
    return course

"""Write operations on courses: create/edit, material and due dates, joining with a code."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from courses import scoring
from courses.models import (
    Course,
    CourseExercise,
    CourseLesson,
    CourseQuiz,
    Enrollment,
    new_join_code,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class JoinRefused(Exception):
    """A join code that does not open a course; the message is shown to the student."""


def course_create(
    *,
    owner: User,
    title: str,
    description: str = "",
    lesson_ids: Iterable[int] = (),
    exercise_ids: Iterable[int] = (),
    due: Mapping[int, datetime | None] | None = None,
    quiz_ids: Iterable[int] = (),
    quiz_due: Mapping[int, datetime | None] | None = None,
) -> Course:
    with transaction.atomic():
        course = Course.objects.create(owner=owner, title=title.strip(), description=description)
        course_set_material(
            course=course,
            lesson_ids=lesson_ids,
            exercise_ids=exercise_ids,
            due=due,
            quiz_ids=quiz_ids,
            quiz_due=quiz_due,
        )
    return course


def course_update(*, course: Course, title: str, description: str, is_open: bool) -> Course:
    course.title, course.description, course.is_open = title.strip(), description, is_open
    course.save(update_fields=["title", "description", "is_open"])
    return course


def course_set_material(
    *,
    course: Course,
    lesson_ids: Iterable[int],
    exercise_ids: Iterable[int],
    due: Mapping[int, datetime | None] | None = None,
    quiz_ids: Iterable[int] = (),
    quiz_due: Mapping[int, datetime | None] | None = None,
) -> None:
    """Replace the course's lessons, exercises and quizzes; the given order is kept."""
    due, quiz_due = due or {}, quiz_due or {}
    quiz_ids = list(dict.fromkeys(quiz_ids))
    lesson_ids = list(dict.fromkeys(lesson_ids))
    exercise_ids = list(dict.fromkeys(exercise_ids))
    with transaction.atomic():
        CourseLesson.objects.filter(course=course).exclude(lesson_id__in=lesson_ids).delete()
        CourseExercise.objects.filter(course=course).exclude(exercise_id__in=exercise_ids).delete()
        for order, lesson_id in enumerate(lesson_ids):
            CourseLesson.objects.update_or_create(
                course=course, lesson_id=lesson_id, defaults={"order": order}
            )
        for order, exercise_id in enumerate(exercise_ids):
            CourseExercise.objects.update_or_create(
                course=course,
                exercise_id=exercise_id,
                defaults={"order": order, "due_at": due.get(exercise_id)},
            )
        CourseQuiz.objects.filter(course=course).exclude(quiz_id__in=quiz_ids).delete()
        for order, quiz_id in enumerate(quiz_ids):
            CourseQuiz.objects.update_or_create(
                course=course,
                quiz_id=quiz_id,
                defaults={"order": order, "due_at": quiz_due.get(quiz_id)},
            )
        # Due dates and the item list decide every score: recompute them.
        scoring.results_rebuild(course=course)


def course_new_join_code(*, course: Course) -> str:
    """Issue a fresh code (the old one leaked, or a new term starts); members stay."""
    course.join_code = new_join_code()
    course.save(update_fields=["join_code"])
    return course.join_code


def enrollment_join(*, user: User, code: str) -> Course:
    normalized = "".join(code.split()).upper()
    course = Course.objects.filter(join_code=normalized).first() if normalized else None
    if course is None:
        raise JoinRefused("No course has this join code. Check it with your instructor.")
    if not course.is_open:
        raise JoinRefused("This course is closed to new students.")
    if course.owner_id == user.pk:
        raise JoinRefused("You teach this course; students join it with the code.")
    try:
        with transaction.atomic():
            _, joined = Enrollment.objects.get_or_create(course=course, user=user)
    except IntegrityError:  # a double click raced the unique constraint: already joined
        joined = False
    if joined:  # work done before joining (site-library exercises) counts in the course
        scoring.results_rebuild(course=course, user_id=user.pk)
    return course

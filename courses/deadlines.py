"""The due dates the exercise and quiz pages ask for (``catalog.deadlines``), answered from
the courses a student joined, with that student's extensions applied."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection

from catalog.deadlines import Deadline, DeadlineKind
from courses.models import Course, CourseExercise, CourseQuiz, Enrollment, Extension

if TYPE_CHECKING:
    from catalog.access import AnyUser


def _listing_ids(*, user_id: int, kind: DeadlineKind, item_id: int) -> list[int]:
    """Ids of the course entries listing the item in the student's unarchived courses.

    Asked on every Submit, where the answer is usually "none" (practice outside any course):
    one written-out query, since composing the ORM query cost more than running it (about
    1.5 ms of a submit's 8 ms; docs/performance.md)."""
    link = CourseExercise if kind == "exercise" else CourseQuiz
    column = "exercise_id" if kind == "exercise" else "quiz_id"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT i.id FROM {link._meta.db_table} i "  # noqa: S608 - names from models
            f"JOIN {Course._meta.db_table} c ON c.id = i.course_id "
            f"JOIN {Enrollment._meta.db_table} e ON e.course_id = i.course_id "
            f"WHERE i.{column} = %s AND e.user_id = %s AND c.archived_at IS NULL",
            [item_id, user_id],
        )
        return [row[0] for row in cursor.fetchall()]


class CourseDeadlines:
    def deadlines(self, *, user: AnyUser, kind: DeadlineKind, item_id: int) -> list[Deadline]:
        """One query when the item is in none of the student's (unarchived) courses; else
        also the course entries and the student's extensions on the item."""
        entries: list[CourseExercise] | list[CourseQuiz]
        uid = int(user.pk or 0)
        listed = _listing_ids(user_id=uid, kind=kind, item_id=item_id)
        if not listed:
            return []
        if kind == "exercise":
            entries = list(CourseExercise.objects.filter(pk__in=listed).select_related("course"))
            extensions = Extension.objects.filter(user_id=uid, exercise_id=item_id)
        else:
            entries = list(CourseQuiz.objects.filter(pk__in=listed).select_related("course"))
            extensions = Extension.objects.filter(user_id=uid, quiz_id=item_id)
        by_course = {ext.course_id: ext for ext in extensions}
        found = []
        for entry in entries:
            course = entry.course
            extension = by_course.get(course.pk)
            due = entry.due_at
            extended = extension is not None and extension.due_at is not None
            if extension is not None and extension.due_at is not None:
                due = extension.due_at
            found.append(
                Deadline(
                    course_id=course.pk,
                    course_title=course.title,
                    due_at=due,
                    time_zone=course.time_zone,
                    late_policy=entry.late_policy,
                    penalty_percent=entry.late_penalty_percent,
                    extended=extended,
                    time_multiplier=extension.time_multiplier if extension else None,
                )
            )
        return found

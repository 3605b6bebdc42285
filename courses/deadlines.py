"""The due dates the exercise and quiz pages ask for (``catalog.deadlines``), answered from
the courses a student joined, with that student's extensions applied."""

from __future__ import annotations

from typing import TYPE_CHECKING

from catalog.deadlines import Deadline, DeadlineKind
from courses.models import CourseExercise, CourseQuiz, Extension

if TYPE_CHECKING:
    from catalog.access import AnyUser


class CourseDeadlines:
    def deadlines(self, *, user: AnyUser, kind: DeadlineKind, item_id: int) -> list[Deadline]:
        """Two queries: the course entries listing the item in the student's (unarchived)
        courses, then the student's extensions on it."""
        entries: list[CourseExercise] | list[CourseQuiz]
        uid = int(user.pk or 0)
        joined = {
            "course__enrollments__user_id": uid,
            "course__archived_at__isnull": True,
        }
        if kind == "exercise":
            entries = list(
                CourseExercise.objects.filter(exercise_id=item_id, **joined).select_related(
                    "course"
                )
            )
            extensions = Extension.objects.filter(user_id=uid, exercise_id=item_id)
        else:
            entries = list(
                CourseQuiz.objects.filter(quiz_id=item_id, **joined).select_related("course")
            )
            extensions = Extension.objects.filter(user_id=uid, quiz_id=item_id)
        if not entries:
            return []
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

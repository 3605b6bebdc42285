"""Course roles, and the access policy courses registers with ``catalog.access``.

A course's staff (owner, instructors, TAs) are ``CourseStaff`` rows. Owners and instructors
edit the course's library; TAs read it. Students may open the items listed in the courses they
joined; anything of a course you are neither staff nor student of stays hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from courses.models import (
    Course,
    CourseExercise,
    CourseLesson,
    CourseQuiz,
    CourseStaff,
    Enrollment,
    StaffRole,
)

if TYPE_CHECKING:
    from catalog.access import AnyUser, ItemKind

# Who may do what in a course, by role.
TEACHERS = frozenset({StaffRole.OWNER, StaffRole.INSTRUCTOR})
ALL_STAFF = frozenset({StaffRole.OWNER, StaffRole.INSTRUCTOR, StaffRole.TA})
OWNER_ONLY = frozenset({StaffRole.OWNER})


def role_in(user: AnyUser, course: Course) -> StaffRole | None:
    """The user's staff role in ``course``, or None (students and strangers)."""
    if not user.is_authenticated:
        return None
    role = (
        CourseStaff.objects.filter(course=course, user_id=user.pk)
        .values_list("role", flat=True)
        .first()
    )
    return StaffRole(role) if role else None


def _uid(user: AnyUser) -> int:
    return int(user.pk) if user.pk is not None else 0


class CoursePolicy:
    def editable_library_ids(self, user: AnyUser) -> set[int]:
        return set(
            Course.objects.filter(
                staff__user_id=_uid(user), staff__role__in=TEACHERS, library__isnull=False
            ).values_list("library_id", flat=True)
        )

    def staff_library_ids(self, user: AnyUser) -> set[int]:
        return set(
            Course.objects.filter(staff__user_id=_uid(user), library__isnull=False).values_list(
                "library_id", flat=True
            )
        )

    def visible_item_q(self, user: AnyUser, kind: ItemKind) -> Q:
        member_courses = Enrollment.objects.filter(
            user_id=_uid(user), course__archived_at__isnull=True
        ).values("course_id")
        staff_courses = CourseStaff.objects.filter(user_id=_uid(user)).values("course_id")
        in_course = Q(course_id__in=member_courses) | Q(course_id__in=staff_courses)
        listing = {
            "lesson": CourseLesson.objects.filter(in_course).values("lesson_id"),
            "exercise": CourseExercise.objects.filter(in_course).values("exercise_id"),
            "quiz": CourseQuiz.objects.filter(in_course).values("quiz_id"),
        }[kind]
        return Q(pk__in=listing)

    def staff_item_q(self, user: AnyUser, kind: ItemKind) -> Q:
        staff_courses = CourseStaff.objects.filter(user_id=_uid(user)).values("course_id")
        listing = {
            "lesson": CourseLesson.objects.filter(course_id__in=staff_courses).values("lesson_id"),
            "exercise": CourseExercise.objects.filter(course_id__in=staff_courses).values(
                "exercise_id"
            ),
            "quiz": CourseQuiz.objects.filter(course_id__in=staff_courses).values("quiz_id"),
        }[kind]
        return Q(pk__in=listing)

    def student_ids_q(self, user: AnyUser) -> Q:
        staff_courses = CourseStaff.objects.filter(user_id=_uid(user)).values("course_id")
        return Q(pk__in=Enrollment.objects.filter(course_id__in=staff_courses).values("user_id"))

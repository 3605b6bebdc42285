"""Which course a token may reach, and what a refusal says.

The rule (docs/api.md): a course the user is not staff of is a 404 ("no such course", the
same as a course that does not exist), so ids cannot be probed. Two refusals are a 403
because they reveal nothing about any course:
- a user who teaches nothing at all (not an instructor, no staff role anywhere) calling a
  staff endpoint: the answer does not depend on the course id;
- a TA calling a write endpoint of their own course (they know the course exists).
"""

from __future__ import annotations

from collections.abc import Collection

from django.contrib.auth.models import User
from ninja.errors import HttpError

from accounts.roles import is_instructor
from courses.models import Course, CourseStaff, StaffRole


def course_for_staff(*, user: User, course_id: int, roles: Collection[StaffRole]) -> Course:
    row = CourseStaff.objects.filter(course_id=course_id, user=user).select_related("course")
    staff = row.first()
    if staff is not None:
        if staff.role in roles:
            return staff.course
        raise HttpError(
            403,
            f"Your role in this course ({StaffRole(staff.role).label.lower()}) cannot do this: "
            "only its owner and instructors change items and students.",
        )
    if not is_instructor(user) and not CourseStaff.objects.filter(user=user).exists():
        raise HttpError(403, "This endpoint is for course staff.")
    raise HttpError(404, "No such course.")


def may_create_courses(user: User) -> bool:
    return is_instructor(user)

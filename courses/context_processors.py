"""Template context of the courses app: whether to show "Teaching" in the main navigation."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest

from courses.models import CourseStaff


def teaching(request: HttpRequest) -> dict[str, bool]:
    """True for anyone on some course's staff, TAs outside the Instructors group included:
    their course pages must be reachable from the menu, not only by a pasted link."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {"user_teaches": False}
    if getattr(request, "course_role", None) is not None:  # a staff page already checked
        return {"user_teaches": True}
    cached: bool | None = getattr(user, "_mlquiz_teaches", None)
    if cached is None:
        cached = CourseStaff.objects.filter(user_id=user.pk).exists()
        setattr(user, "_mlquiz_teaches", cached)  # noqa: B010 - a per-request cache
    return {"user_teaches": cached}

"""Roles are Django groups, not superuser flags: an instructor is a member of
the "Instructors" group. Everybody else who can log in is a student."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, User

INSTRUCTOR_GROUP = "Instructors"


def is_instructor(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    # Cached on the user object: templates and views ask several times per request.
    cached: bool | None = getattr(user, "_mlquiz_is_instructor", None)
    if cached is None:
        cached = user.groups.filter(name=INSTRUCTOR_GROUP).exists()
        setattr(user, "_mlquiz_is_instructor", cached)  # noqa: B010 - a per-request cache
    return cached


def instructor_group() -> Group:
    group, _ = Group.objects.get_or_create(name=INSTRUCTOR_GROUP)
    return group

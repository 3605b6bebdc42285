"""Roles are Django groups, not superuser flags: an instructor is a member of
the "Instructors" group. Everybody else who can log in is a student."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group

INSTRUCTOR_GROUP = "Instructors"


def is_instructor(user: AbstractBaseUser | AnonymousUser | Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    # Cached on the user object: templates and views ask several times per request.
    cached = getattr(user, "_mlquiz_is_instructor", None)
    if cached is None:
        cached = user.groups.filter(name=INSTRUCTOR_GROUP).exists()
        user._mlquiz_is_instructor = cached
    return bool(cached)


def instructor_group() -> Group:
    group, _ = Group.objects.get_or_create(name=INSTRUCTOR_GROUP)
    return group

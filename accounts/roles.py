"""Site-wide roles are Django groups, not superuser flags: an instructor is a member of the
"Instructors" group (may create courses and keep a library); a site maintainer, of "Site
maintainers" (edits the site library, content/ in git) — superusers count as both.
Everybody else who can log in is a student. Roles inside a course (owner, instructor, TA) are
the courses app's (courses.models.CourseStaff)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, User

INSTRUCTOR_GROUP = "Instructors"
MAINTAINER_GROUP = "Site maintainers"


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


def is_site_maintainer(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached: bool | None = getattr(user, "_mlquiz_is_maintainer", None)
    if cached is None:
        cached = user.groups.filter(name=MAINTAINER_GROUP).exists()
        setattr(user, "_mlquiz_is_maintainer", cached)  # noqa: B010 - a per-request cache
    return cached


def maintainer_group() -> Group:
    group, _ = Group.objects.get_or_create(name=MAINTAINER_GROUP)
    return group

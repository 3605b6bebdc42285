"""Who may edit and who may see authored material, asked by every app that shows it.

Material belongs to a ``Library`` (site, personal or course). Catalog answers for the site
library (site maintainers edit it; everybody may read what is published in it) and for
personal libraries (their instructor). Course libraries belong to the courses app, which
catalog must not import: it registers an ``AccessPolicy`` here instead (``courses/apps.py``),
the same inversion ``catalog.sync`` uses for quiz files.

``visible_q`` is what a student list or page filters by: published material of the site
library, plus whatever the policies open to this user (material of the courses they joined
or teach).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol

from django.db.models import Q

from accounts.roles import is_instructor, is_site_maintainer
from catalog.models import Library

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    type AnyUser = AbstractBaseUser | AnonymousUser

type ItemKind = Literal["lesson", "exercise", "quiz"]


class AccessPolicy(Protocol):
    def editable_library_ids(self, user: AnyUser) -> set[int]:
        """Libraries (beyond site and personal) whose material ``user`` may change."""
        ...

    def staff_library_ids(self, user: AnyUser) -> set[int]:
        """Libraries whose material ``user`` may read as staff (drafts included): editors and
        TAs."""
        ...

    def visible_item_q(self, user: AnyUser, kind: ItemKind) -> Q:
        """Extra items of ``kind`` that ``user`` may open as a student (by item ``pk``)."""
        ...


_policies: list[AccessPolicy] = []


def policy_register(policy: AccessPolicy) -> None:
    """Called from an AppConfig.ready(); registering the same policy twice is harmless."""
    if not any(type(existing) is type(policy) for existing in _policies):
        _policies.append(policy)


def site_library() -> Library:
    library, _ = Library.objects.get_or_create(
        kind=Library.Kind.SITE, defaults={"title": "Site library"}
    )
    return library


def personal_library(user: AnyUser) -> Library:
    """An instructor's own library, created on first use."""
    library, _ = Library.objects.get_or_create(
        kind=Library.Kind.PERSONAL,
        user_id=int(user.pk or 0),
        defaults={"title": f"{user.get_username()}'s library"},
    )
    return library


def editable_library_ids(user: AnyUser) -> set[int]:
    if not user.is_authenticated:
        return set()
    ids: set[int] = set()
    if is_site_maintainer(user):
        ids.add(site_library().pk)
    if is_instructor(user):
        ids.update(
            Library.objects.filter(
                kind=Library.Kind.PERSONAL, user_id=int(user.pk or 0)
            ).values_list("pk", flat=True)
        )
    for policy in _policies:
        ids |= policy.editable_library_ids(user)
    return ids


def staff_library_ids(user: AnyUser) -> set[int]:
    ids = editable_library_ids(user)
    for policy in _policies:
        ids |= policy.staff_library_ids(user)
    return ids


def can_edit(user: AnyUser, library_id: int) -> bool:
    return library_id in editable_library_ids(user)


def visible_q(user: AnyUser, kind: ItemKind) -> Q:
    """A filter on lessons, exercises or quizzes: what ``user`` may open.

    Everybody: the published site library. Staff: every item of a library they teach from.
    Students: plus the items of the courses they joined (the registered policies say which).
    Archived items are hidden from students here; callers add their own "published" test.
    """
    q = Q(library__kind=Library.Kind.SITE)
    if user.is_authenticated:
        staff = staff_library_ids(user)
        if staff:
            q |= Q(library_id__in=staff)
        for policy in _policies:
            q |= policy.visible_item_q(user, kind)
    return q & Q(archived_at__isnull=True)

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

    def staff_item_q(self, user: AnyUser, kind: ItemKind) -> Q:
        """Items of ``kind`` (by ``pk``) that ``user`` teaches with, wherever they belong: a
        course lists a site quiz, and its staff read that quiz's results (of their students)."""
        ...

    def student_ids_q(self, user: AnyUser) -> Q:
        """A filter on users (by ``pk``): the students ``user`` teaches (those enrolled in a
        course ``user`` is staff of). Result pages show these students' work, nobody else's."""
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


def can_edit(user: AnyUser, library_id: int | None) -> bool:
    # ``int | None``: django-stubs types a foreign key with a callable default as optional.
    return library_id is not None and library_id in editable_library_ids(user)


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


def staff_item_q(user: AnyUser, kind: ItemKind) -> Q:
    """Items ``user`` may read as staff (results, history): those of libraries they are staff
    of, and those listed by a course they teach. Site maintainers: every item."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if is_site_maintainer(user):
        return Q()
    q = Q(library_id__in=staff_library_ids(user))
    for policy in _policies:
        q |= policy.staff_item_q(user, kind)
    return q


def student_ids_q(user: AnyUser) -> Q:
    """A filter on users: whose work ``user`` may read as staff. Site maintainers read
    everybody's; anyone else, the students of the courses they are staff of (nobody, without a
    course)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if is_site_maintainer(user):
        return Q()
    q = Q(pk__in=[])
    for policy in _policies:
        q |= policy.student_ids_q(user)
    return q


_KIND_ORDER: dict[str, int] = {
    Library.Kind.PERSONAL: 0,
    Library.Kind.COURSE: 1,
    Library.Kind.SITE: 2,
}


def editable_libraries(user: AnyUser) -> list[Library]:
    """The libraries ``user`` may put new material in (the choices of a "Library" field):
    their own first (created on first use for an instructor), then their courses', then the
    site library for a site maintainer."""
    if is_instructor(user):
        personal_library(user)
    libraries = Library.objects.filter(pk__in=editable_library_ids(user))
    return sorted(libraries, key=lambda lib: (_KIND_ORDER.get(str(lib.kind), 9), lib.title.lower()))

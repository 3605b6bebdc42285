"""Copying a quiz into one's own library or a course (issue #21): site quizzes are read-only
for instructors, who change a copy instead. The copy has its own slug and uuid, remembers
where it came from, keeps the questions (slots) and settings, and starts as a draft."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.http import Http404

from catalog.access import staff_library_ids
from catalog.models import Library
from quizzes.models import Quiz, QuizSlot

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from catalog.access import AnyUser

# Settings a copy takes over (not the dates: those belong to the source's course).
COPIED_FIELDS = (
    "title",
    "description",
    "lesson",
    "topic",
    "attempts_allowed",
    "time_limit_minutes",
    "show_solutions",
)


def _copyable_q(user: AnyUser) -> Q:
    """Published, unarchived site quizzes, and anything of a library the user is staff of."""
    site = Q(library__kind=Library.Kind.SITE, is_published=True, archived_at__isnull=True)
    return site | Q(library_id__in=staff_library_ids(user))


def quiz_get_copyable(*, user: AnyUser, slug: str) -> Quiz:
    quiz = Quiz.objects.select_related("library").filter(_copyable_q(user), slug=slug).first()
    if quiz is None:
        raise Http404("No such quiz")
    return quiz


def site_quizzes_to_copy() -> list[Quiz]:
    """The site library's quizzes an instructor may copy (they cannot edit them)."""
    return list(
        Quiz.objects.filter(
            library__kind=Library.Kind.SITE, is_published=True, archived_at__isnull=True
        ).order_by("title")
    )


def _free_slug(stem: str) -> str:
    slug, n = f"{stem}-copy"[:80], 2
    while Quiz.objects.filter(slug=slug).exists():
        slug = f"{stem[:70]}-copy-{n}"
        n += 1
    return slug


def quiz_copy(*, source: Quiz, library: Library, author: User) -> Quiz:
    with transaction.atomic():
        copy = Quiz(
            slug=_free_slug(source.slug),
            library=library,
            copied_from=source,
            created_by=author,
            is_published=False,
            **{name: getattr(source, name) for name in COPIED_FIELDS},
        )
        copy.save()
        QuizSlot.objects.bulk_create(
            QuizSlot(
                quiz=copy, order=slot.order, generator=slot.generator, count=slot.count,
                points=slot.points,
            )
            for slot in source.slots.order_by("order")
        )  # fmt: skip
    return copy

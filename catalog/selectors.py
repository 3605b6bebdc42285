"""Read queries over the authored material.

Every student-facing query takes the user and filters with ``catalog.access.visible_q``:
published, not archived, and in a library the user may read (the site library for everyone,
a course's library for its students and staff). Something a user may not see is a 404, the
same as something that does not exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, Q, QuerySet
from django.http import Http404

from catalog.access import staff_library_ids, visible_q
from catalog.models import Exercise, Lesson

if TYPE_CHECKING:
    from catalog.access import AnyUser


def exercises_published() -> QuerySet[Exercise]:
    """Published, active, not archived exercises with a current version, whoever owns them
    (staff pages scope these by course; student pages use ``exercises_visible``)."""
    return Exercise.objects.filter(
        is_active=True,
        status=Exercise.Status.PUBLISHED,
        current_version__isnull=False,
        archived_at__isnull=True,
    )


def exercises_visible(*, user: AnyUser) -> QuerySet[Exercise]:
    """The published exercises ``user`` may open as a student."""
    return exercises_published().filter(visible_q(user, "exercise"))


def exercise_visible_exists(*, user: AnyUser, exercise_id: int) -> bool:
    return exercises_visible(user=user).filter(pk=exercise_id).exists()


def exercise_get_published(*, slug: str, user: AnyUser) -> Exercise:
    """The exercise with its current version if ``user`` may open it, or 404."""
    exercise = (
        exercises_visible(user=user)
        .select_related("current_version", "lesson")
        .filter(slug=slug)
        .first()
    )
    if exercise is None:
        raise Http404("No such exercise")
    return exercise


def exercises_in_list_order(*, user: AnyUser | None = None) -> QuerySet[Exercise]:
    """Published exercises as the exercise list shows them, lesson by lesson, exercises outside
    any lesson last (on every database); only what a link needs. With ``user``, only those
    that user may open."""
    exercises = exercises_published() if user is None else exercises_visible(user=user)
    return exercises.order_by(
        F("lesson__order").asc(nulls_last=True), "lesson__title", "order", "title"
    ).only("pk", "slug", "title")


def exercise_next(*, exercise: Exercise, user: AnyUser | None = None) -> Exercise | None:
    """The published exercise after `exercise` in the order of the exercise list, or None for
    the last one."""
    ordered = list(exercises_in_list_order(user=user))
    after = [i for i, item in enumerate(ordered) if item.pk == exercise.pk]
    if not after or after[0] + 1 >= len(ordered):
        return None
    return ordered[after[0] + 1]


def lessons_visible(*, user: AnyUser) -> QuerySet[Lesson]:
    """Lessons ``user`` may read: published and visible, plus drafts of libraries the user is
    staff of (so editors and TAs can read a draft before students do)."""
    published = Q(is_published=True)
    if user.is_authenticated:
        staff = staff_library_ids(user)
        if staff:
            published |= Q(library_id__in=staff)
    return Lesson.objects.filter(visible_q(user, "lesson"), published, is_active=True).order_by(
        "order", "title"
    )

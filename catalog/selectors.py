"""Read queries over the authored material."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.http import Http404

from catalog.models import Exercise


def exercises_published() -> QuerySet[Exercise]:
    return Exercise.objects.filter(
        is_active=True, status=Exercise.Status.PUBLISHED, current_version__isnull=False
    )


def exercise_get_published(*, slug: str) -> Exercise:
    """The exercise with its current version, or 404."""
    exercise = (
        exercises_published().select_related("current_version", "lesson").filter(slug=slug).first()
    )
    if exercise is None:
        raise Http404("No such exercise")
    return exercise


def exercises_in_list_order() -> QuerySet[Exercise]:
    """Published exercises as the exercise list shows them, lesson by lesson, exercises outside
    any lesson last (on every database); only what a link needs."""
    return (
        exercises_published()
        .order_by(F("lesson__order").asc(nulls_last=True), "lesson__title", "order", "title")
        .only("pk", "slug", "title")
    )


def exercise_next(*, exercise: Exercise) -> Exercise | None:
    """The published exercise after `exercise` in the order of the exercise list, or None for
    the last one."""
    ordered = list(exercises_in_list_order())
    after = [i for i, item in enumerate(ordered) if item.pk == exercise.pk]
    if not after or after[0] + 1 >= len(ordered):
        return None
    return ordered[after[0] + 1]

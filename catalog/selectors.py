"""Read queries over the authored material."""

from __future__ import annotations

from django.db.models import QuerySet
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

"""Read queries over the authored material.

Every student-facing query takes the user and filters with ``catalog.access.visible_q``:
published, not archived, and in a library the user may read (the site library for everyone,
a course's library for its students and staff). Something a user may not see is a 404, the
same as something that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from catalog.access import (
    editable_libraries,
    editable_library_ids,
    site_library,
    staff_library_ids,
    visible_q,
)
from catalog.models import Exercise, ExerciseVersion, Lesson, Library, lesson_body_fields

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


# -- authoring --------------------------------------------------------------------------------


@dataclass
class LibraryGroup[T: (Exercise, Lesson)]:
    """One library's material on an authoring list; ``editable`` False for the site library
    shown to an instructor who does not maintain it (read-only, with "Copy to…")."""

    library: Library
    editable: bool
    items: list[T] = field(default_factory=list)


def authoring_exercise_groups(*, user: AnyUser) -> list[LibraryGroup[Exercise]]:
    """The exercises of every library ``user`` may edit, then the site library read-only."""
    groups: list[LibraryGroup[Exercise]] = [
        LibraryGroup(library, True) for library in editable_libraries(user)
    ]
    if not any(g.library.kind == Library.Kind.SITE for g in groups):
        groups.append(LibraryGroup(site_library(), False))
    by_library = {g.library.pk: g for g in groups}
    exercises = (
        Exercise.objects.filter(library_id__in=by_library)
        .select_related("lesson", "current_version", "copied_from")
        .defer(*lesson_body_fields("lesson"))
        .order_by("status", "lesson__order", "order", "title")
    )
    for exercise in exercises:
        group = by_library[exercise.library_id or 0]  # never None (stubs: callable default)
        # Read-only site material: only what students can see is worth copying.
        if group.editable or (
            exercise.status == Exercise.Status.PUBLISHED and exercise.archived_at is None
        ):
            group.items.append(exercise)
    return groups


def authoring_lesson_groups(*, user: AnyUser) -> list[LibraryGroup[Lesson]]:
    groups: list[LibraryGroup[Lesson]] = [
        LibraryGroup(library, True) for library in editable_libraries(user)
    ]
    if not any(g.library.kind == Library.Kind.SITE for g in groups):
        groups.append(LibraryGroup(site_library(), False))
    by_library = {g.library.pk: g for g in groups}
    for lesson in Lesson.objects.filter(library_id__in=by_library, is_active=True).order_by(
        "order", "title"
    ):
        group = by_library[lesson.library_id or 0]
        if group.editable or (lesson.is_published and lesson.archived_at is None):
            group.items.append(lesson)
    return groups


def exercise_get_editable(*, user: AnyUser, slug: str) -> Exercise:
    """An exercise ``user`` may edit, or 404: another owner's exercise is indistinguishable
    from a missing one (issue #21: a second instructor must not change the first's)."""
    exercise = (
        Exercise.objects.select_related("current_version", "library", "copied_from__library")
        .filter(slug=slug, library_id__in=editable_library_ids(user))
        .first()
    )
    if exercise is None:
        raise Http404("No such exercise")
    return exercise


def exercise_get_for_staff(*, user: AnyUser, slug: str) -> Exercise:
    """An exercise whose history ``user`` may read: editors and TAs of its library."""
    exercise = (
        Exercise.objects.select_related("current_version", "library")
        .filter(slug=slug, library_id__in=staff_library_ids(user))
        .first()
    )
    if exercise is None:
        raise Http404("No such exercise")
    return exercise


def exercise_get_copyable(*, user: AnyUser, slug: str) -> Exercise:
    """An exercise ``user`` may copy: published site material, or anything of a library the
    user is staff of."""
    readable = Q(library__kind=Library.Kind.SITE, status=Exercise.Status.PUBLISHED)
    readable |= Q(library_id__in=staff_library_ids(user))
    exercise = (
        Exercise.objects.select_related("current_version", "library")
        .filter(readable, slug=slug)
        .first()
    )
    if exercise is None:
        raise Http404("No such exercise")
    return exercise


def lesson_get_editable(*, user: AnyUser, slug: str) -> Lesson:
    lesson = (
        Lesson.objects.select_related("library", "copied_from__library")
        .filter(slug=slug, library_id__in=editable_library_ids(user))
        .first()
    )
    if lesson is None:
        raise Http404("No such lesson")
    return lesson


def lesson_get_copyable(*, user: AnyUser, slug: str) -> Lesson:
    readable = Q(library__kind=Library.Kind.SITE, is_published=True)
    readable |= Q(library_id__in=staff_library_ids(user))
    lesson = Lesson.objects.select_related("library").filter(readable, slug=slug).first()
    if lesson is None:
        raise Http404("No such lesson")
    return lesson


def copy_targets(*, user: AnyUser) -> list[Library]:
    """Where ``user`` may copy material to: their own library and their courses' (copying
    into the site library is a git change, not a browser one)."""
    return [lib for lib in editable_libraries(user) if lib.kind != Library.Kind.SITE]


def exercise_versions(*, exercise: Exercise) -> QuerySet[ExerciseVersion]:
    """Every version, newest first, with its author and how many submissions were graded
    against it."""
    return (
        exercise.versions.select_related("author")
        .annotate(n_submissions=Count("submissions"))
        .order_by("-number")
    )


def exercise_origin(*, exercise: Exercise) -> str:
    """Where a copy came from, in its first version's words ("Copied from Site library
    dot-product v3"); "" for an exercise that is not a copy."""
    first = exercise.versions.order_by("number").values_list("message", flat=True).first()
    if exercise.copied_from_id is None and not (first or "").startswith("Copied from "):
        return ""
    return first or ""

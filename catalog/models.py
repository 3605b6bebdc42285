"""The authored material: lessons, exercises and their immutable versions.

An Exercise is the stable identity (uuid, slug, place in a lesson). What gets
graded lives in an ExerciseVersion: editing an exercise's content creates a new
version, and every submission points at the version it was graded against.

The tables keep the names they had when these models lived in the exercises app
(``db_table``), so existing databases moved here without copying a row.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Topic(models.TextChoices):
    LINEAR_ALGEBRA = "linear-algebra", "Linear algebra"
    EIGEN_SVD = "eigen-svd", "Eigenvalues, SVD and PCA"
    CALCULUS = "calculus", "Calculus"
    OPTIMIZATION = "optimization", "Optimization"
    PROBABILITY = "probability", "Probability"
    STATISTICS = "statistics", "Statistics"
    SAMPLING = "sampling", "Sampling and Monte Carlo"
    INFORMATION_THEORY = "information-theory", "Information theory"
    NUMERICS = "numerics", "Numerical methods"
    LINEAR_MODELS = "linear-models", "Linear models"
    EVALUATION = "evaluation", "Model evaluation"
    CLUSTERING = "clustering", "Clustering and neighbours"
    DEEP_LEARNING = "deep-learning", "Deep learning"


class Difficulty(models.TextChoices):
    EASY = "easy", "Easy"
    MEDIUM = "medium", "Medium"
    HARD = "hard", "Hard"


class Library(models.Model):
    """Who a piece of material belongs to: the site library (``content/`` in git, edited only
    by site maintainers), one instructor's own library, or one course's.

    A course's library is created with the course (``courses.Course.library``); catalog does
    not know courses, so who may edit or see a course library is answered by the policy the
    courses app registers with ``catalog.access``.
    """

    class Kind(models.TextChoices):
        SITE = "site", "Site library"
        PERSONAL = "personal", "My library"
        COURSE = "course", "Course"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="libraries",
        help_text="The instructor of a personal library.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(kind="site"), name="one_site_library"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(kind="personal"), name="one_personal_library"
            ),
        ]

    def __str__(self) -> str:
        return self.title


SITE_LIBRARY_TITLE = "Site library"


def site_library_pk() -> int:
    """The site library's id (created on first use): the default owner of material that
    names none, as everything in ``content/`` does."""
    library, _ = Library.objects.get_or_create(
        kind=Library.Kind.SITE, defaults={"title": SITE_LIBRARY_TITLE}
    )
    return library.pk


def lesson_body_fields(path: str = "") -> list[str]:
    """For ``QuerySet.defer``: the lesson's text at ``path`` (e.g. "exercise__lesson"; ""
    for lessons themselves), for lists that show a lesson's title only. The bodies are
    tens of KB each (~90 KB in the demo course): a staff page listing 80 exercises read
    7 MB of them, and decoded 80 tables of contents, for nothing
    (docs/dashboard-performance.md)."""
    prefix = f"{path}__" if path else ""
    return [prefix + name for name in ("body_md", "body_html", "toc")]


class Lesson(models.Model):
    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    slug = models.SlugField(unique=True, max_length=80)
    title = models.CharField(max_length=200)
    order = models.PositiveIntegerField(default=0)
    summary = models.TextField(blank=True)
    body_md = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    toc = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)
    # Drafts are seen by the library's editors only.
    is_published = models.BooleanField(default=True)
    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="lessons", default=site_library_pk
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    source_path = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "exercises_lesson"
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class LessonVersion(models.Model):
    """What a lesson said at one save (browser or sync), who saved it and why: the history,
    diff and roll back of lessons (issue #21), like an exercise's versions."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body_md = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "number"], name="unique_lesson_version")
        ]

    def __str__(self) -> str:
        return f"{self.lesson_id} v{self.number}"


class Exercise(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    slug = models.SlugField(unique=True, max_length=80)
    title = models.CharField(max_length=200)
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="exercises"
    )
    topic = models.CharField(max_length=40, choices=Topic.choices)
    difficulty = models.CharField(
        max_length=10, choices=Difficulty.choices, default=Difficulty.EASY
    )
    points = models.PositiveIntegerField(default=10)
    order = models.PositiveIntegerField(default=0)
    tags = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    # Hidden (not deleted) when its folder disappears, so its submissions keep their history.
    is_active = models.BooleanField(default=True)
    current_version = models.ForeignKey(
        "ExerciseVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="exercises", default=site_library_pk
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    source_path = models.CharField(max_length=300, blank=True)
    sync_errors = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "exercises_exercise"
        ordering = ["lesson__order", "order", "title"]

    def __str__(self) -> str:
        return self.title


class ExerciseVersion(models.Model):
    """An immutable snapshot of everything needed to show and grade an exercise."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    function_name = models.CharField(max_length=100)
    statement_md = models.TextField()
    statement_html = models.TextField(blank=True)
    starter_code = models.TextField()
    reference_code = models.TextField()
    cases_code = models.TextField()
    solution_md = models.TextField(blank=True)
    solution_html = models.TextField(blank=True)
    # exercise.yaml as loaded: tolerance, limits, banned calls, tags...
    meta = models.JSONField(default=dict)
    content_hash = models.CharField(max_length=64)
    # Who made this version and why ("" and None for versions synced from content/ before
    # authors were recorded; sync records the maintainer who ran it when known).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "exercises_exerciseversion"
        ordering = ["exercise", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "number"], name="unique_exercise_version")
        ]

    def __str__(self) -> str:
        return f"{self.exercise.slug} v{self.number}"

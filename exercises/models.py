"""Lessons, exercises (with immutable versions) and submissions.

An Exercise is the stable identity (uuid, slug, place in a lesson). What gets
graded lives in an ExerciseVersion: editing an exercise's content creates a new
version, and every Submission points at the version it was graded against.
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
    INFORMATION_THEORY = "information-theory", "Information theory"
    NUMERICS = "numerics", "Numerical methods"
    LINEAR_MODELS = "linear-models", "Linear models"
    DEEP_LEARNING = "deep-learning", "Deep learning"


class Difficulty(models.TextChoices):
    EASY = "easy", "Easy"
    MEDIUM = "medium", "Medium"
    HARD = "hard", "Hard"


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
    source_path = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


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
    source_path = models.CharField(max_length=300, blank=True)
    sync_errors = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
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
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["exercise", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "number"], name="unique_exercise_version")
        ]

    def __str__(self) -> str:
        return f"{self.exercise.slug} v{self.number}"


class Submission(models.Model):
    class Kind(models.TextChoices):
        RUN = "run", "Run (examples only)"
        SUBMIT = "submit", "Submit (all tests)"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        GRADED = "graded", "Graded"
        ERROR = "error", "Error"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="submissions")
    exercise_version = models.ForeignKey(
        ExerciseVersion, on_delete=models.PROTECT, related_name="submissions"
    )
    code = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SUBMIT)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    verdict = models.JSONField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    passed = models.BooleanField(default=False)
    error_reason = models.TextField(blank=True)
    # How many times a worker claimed this row; the sweep gives up after a few.
    grading_attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "exercise", "-created_at"], name="sub_user_ex_created"),
            models.Index(fields=["status", "created_at"], name="sub_status_created"),
            models.Index(fields=["exercise", "passed"], name="sub_exercise_passed"),
            # The course dashboard aggregates "these exercises × these students" over and over:
            # with every column it reads in the key, those become index-only scans instead of
            # scans of the wide table (verdicts, code), already in (student, exercise, time)
            # order, which the per-student numbering of attempts needs (no sort). Key columns
            # rather than INCLUDE, which SQLite lacks (and would warn about on every command).
            models.Index(
                fields=["user", "exercise", "created_at", "passed", "kind", "status"],
                name="sub_dashboard_progress",
            ),
        ]
        constraints = [
            # One grading in flight per student and exercise, enforced by the database so
            # that two concurrent requests (double click, two tabs) cannot both get in.
            models.UniqueConstraint(
                fields=["user", "exercise"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_in_flight_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.user} {self.exercise.slug} {self.status}"

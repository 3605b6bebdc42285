"""Submissions: what a student sent for one exercise version, and its verdict.

Every Submission points at the ExerciseVersion (catalog) it was graded against, so a
later edit of the exercise never changes a past verdict.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from catalog.models import Exercise, ExerciseVersion


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
    # The seed the hidden cases were drawn from (grader.grading.draw_seed, at submit time), so
    # that a retry or a regrade meets the same cases. Rows from before seeds varied: 0. The
    # database default covers rows written by raw SQL without the column (the demo seeding).
    seed = models.PositiveIntegerField(default=0, db_default=0)
    # How many times a worker claimed this row; the sweep gives up after a few.
    grading_attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set when staff regraded this submission after a fix (courses' RegradeJob).
    regraded_at = models.DateTimeField(null=True, blank=True)

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


class HelpUsed(models.Model):
    """What a student asked for on one exercise when stuck: how many of its authored hints
    they revealed, and when they chose to see the worked solution before solving it. Kept so
    an instructor can tell a solution that was found from one that was read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_used"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="help_used")
    hints_shown = models.PositiveSmallIntegerField(default=0)
    solution_shown_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="one_help_row_per_exercise")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.exercise.slug}: {self.hints_shown} hints"

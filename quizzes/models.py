"""Quizzes, their slots (generator x count x points), attempts and per-question answers.

An attempt stores each question's generator name and seed, never the rendered text: the
variant is a pure function of (generator, seed), so it re-renders identically and can be
regraded after a generator fix.
"""

from __future__ import annotations

import uuid as uuid_lib
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from catalog.models import Lesson, Library, Topic, site_library_pk


class Quiz(models.Model):
    class Solutions(models.TextChoices):
        AFTER_SUBMIT = "after_submit", "As soon as the attempt is submitted"
        AFTER_CLOSE = "after_close", "After the quiz closes"
        NEVER = "never", "Never (scores only)"

    # Stable identity of a quiz loaded from content/quizzes/ (its file's `uuid:`); quizzes
    # composed in the browser get one too.
    uuid = models.UUIDField(unique=True, default=uuid_lib.uuid4, editable=False)
    slug = models.SlugField(unique=True, max_length=80)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown shown before starting.")
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="quizzes"
    )
    topic = models.CharField(max_length=40, choices=Topic.choices, blank=True)
    attempts_allowed = models.PositiveSmallIntegerField(
        default=1, help_text="How many attempts each student gets (0 = unlimited)."
    )
    time_limit_minutes = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for an untimed quiz."
    )
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    show_solutions = models.CharField(
        max_length=20, choices=Solutions.choices, default=Solutions.AFTER_SUBMIT
    )
    is_published = models.BooleanField(default=True)
    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="quizzes", default=site_library_pk
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    # The content/quizzes/ file it was loaded from ("" for a quiz composed in the browser).
    source_path = models.CharField(max_length=300, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "quizzes"

    def __str__(self) -> str:
        return self.title

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

    @property
    def question_count(self) -> int:
        return sum(slot.count for slot in self.slots.all())

    @property
    def max_points(self) -> int:
        return sum(slot.count * slot.points for slot in self.slots.all())


class QuizSlot(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="slots")
    order = models.PositiveSmallIntegerField(default=0)
    generator = models.CharField(max_length=80)
    count = models.PositiveSmallIntegerField(default=1)
    points = models.PositiveSmallIntegerField(default=1, help_text="Points per question.")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.quiz.slug}#{self.order} {self.generator} x{self.count}"


class Attempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    auto_submitted = models.BooleanField(default=False)
    score = models.FloatField(default=0)
    max_score = models.FloatField(default=0)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="attempt_number"),
            # A double click on "Start" must not open two attempts.
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=models.Q(status="in_progress"),
                name="one_open_attempt",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="attempt_status_deadline")]

    def __str__(self) -> str:
        return f"{self.user} {self.quiz.slug} #{self.number} {self.status}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    @property
    def percent(self) -> float:
        return 100 * self.score / self.max_score if self.max_score else 0.0


class AttemptQuestion(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    slot = models.ForeignKey(
        QuizSlot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveSmallIntegerField()
    generator = models.CharField(max_length=80)
    seed = models.BigIntegerField()
    points = models.PositiveSmallIntegerField(default=1)
    response = models.TextField(blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    # Filled in when the attempt is graded.
    status = models.CharField(max_length=20, blank=True)
    fraction = models.FloatField(default=0)  # 0..1 of this question's points
    message = models.TextField(blank=True)
    # Ids of the answer spec's feedback rules this response matched (anticipated wrong answers,
    # "b:forgot-bias" inside part b), counted on the quiz's statistics page.
    feedback = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="question_position")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}:{self.position} {self.generator}@{self.seed}"

    @property
    def earned(self) -> float:
        return self.fraction * self.points


class Question(models.Model):
    """A randomized question loaded from content/questions/<topic>/<slug>/ (matched by the
    uuid in its question.yaml). Quiz slots and attempts name it by `slug`, which is what they
    always called the generator's name; its code lives only in `QuestionVersion` rows and
    runs only in the authors' jail (grader.questions)."""

    uuid = models.UUIDField(unique=True, default=uuid_lib.uuid4, editable=False)
    slug = models.SlugField(unique=True, max_length=80)
    title = models.CharField(max_length=200)
    topic = models.CharField(max_length=40, choices=Topic.choices)
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    tags = models.JSONField(default=list, blank=True)
    points = models.PositiveSmallIntegerField(default=1)
    current_version = models.ForeignKey(
        "QuestionVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(default=True)
    # Where it came from: "" for a question written in the browser (then `sync_content`,
    # which loads content/questions/, leaves it alone).
    source_path = models.CharField(max_length=300, blank=True, editable=False)
    # Owned like other material (issue #21): content/ questions are the site library's.
    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="questions", default=site_library_pk
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["topic", "slug"]

    def __str__(self) -> str:
        return self.slug


class QuestionVersion(models.Model):
    """An immutable snapshot of a question folder: a new one whenever its files change."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    generator_code = models.TextField()
    meta = models.JSONField(default=dict)  # question.yaml as loaded
    content_hash = models.CharField(max_length=64)
    # Who made this version and why (None and "" for versions loaded from content/).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="question_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.question.slug} v{self.number}"


class QuestionVariant(models.Model):
    """What a version's generator returned for one seed, computed once in the authors' jail
    (a pool at sync, the rest on demand in batches) so that showing or grading a question
    never starts a jail for a stored seed."""

    version = models.ForeignKey(QuestionVersion, on_delete=models.CASCADE, related_name="variants")
    seed = models.BigIntegerField()
    params = models.JSONField(default=dict)
    prompt_md = models.TextField()
    solution_md = models.TextField()
    answer = models.JSONField()  # AnswerSpec.to_dict()
    feedback = models.JSONField(default=list)  # [{"name", "value", "message", "credit"}]
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "seed"], name="question_variant_seed")
        ]

    def __str__(self) -> str:
        return f"{self.version}@{self.seed}"

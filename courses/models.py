"""Courses: a class, its staff, the material in it (with due dates and late policies), who
joined, and what staff changed for one student (extensions, overrides, all audit-logged).

A course lists material; it does not copy it. Material *belongs* to a library (see
``catalog.models.Library``): the site library, an instructor's own, or this course's
(``Course.library``). One exercise (and its submission history) can be used by many classes,
and the dashboard filters submissions by "enrolled student × listed exercise".

``ItemResult`` keeps each student's best score per course item up to date as verdicts arrive,
so staff pages read one row per student × item instead of scanning submissions.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models

from catalog.models import Exercise, Lesson, Library
from quizzes.models import Quiz

# No 0/O/1/I/L: join codes are read aloud and copied from slides.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class Course(models.Model):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # The owner also has a CourseStaff row (role owner); this field says who it is in one join.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="courses_owned"
    )
    library = models.OneToOneField(
        Library, null=True, blank=True, on_delete=models.PROTECT, related_name="course"
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    archived_at = models.DateTimeField(null=True, blank=True)
    join_code = models.CharField(max_length=16, unique=True, default=new_join_code)
    is_open = models.BooleanField(default=True, help_text="Students may join with the code.")
    lessons = models.ManyToManyField(Lesson, through="CourseLesson", related_name="courses")
    exercises = models.ManyToManyField(Exercise, through="CourseExercise", related_name="courses")
    quizzes = models.ManyToManyField(Quiz, through="CourseQuiz", related_name="courses")
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Enrollment", related_name="courses_enrolled"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A new course gets its own library and its owner's staff row, however it is created
        (the services, the admin, a test's ``objects.create``)."""
        if self.library_id is None:
            self.library = Library.objects.create(kind=Library.Kind.COURSE, title=self.title)
        super().save(*args, **kwargs)
        CourseStaff.objects.get_or_create(
            course=self, user_id=self.owner_id, defaults={"role": StaffRole.OWNER}
        )


class StaffRole(models.TextChoices):
    OWNER = "owner", "Owner"
    INSTRUCTOR = "instructor", "Instructor"
    TA = "ta", "Teaching assistant"


class CourseStaff(models.Model):
    """Who teaches a course. Owner and instructors edit material and staff (the owner alone
    manages staff); TAs read the dashboard and submissions, grant extensions and override
    scores."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_roles"
    )
    role = models.CharField(max_length=12, choices=StaffRole.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="unique_course_staff")
        ]
        indexes = [models.Index(fields=["user", "course"], name="staff_user_course")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} of {self.course_id}"


class LatePolicy(models.TextChoices):
    PENALTY = "penalty", "Accept late work with a penalty"
    NO_CREDIT = "no_credit", "Accept late work for no credit"
    CLOSED = "closed", "Closed after the due date"


class CourseItem(models.Model):
    """What the exercise and quiz entries of a course share: place, due date, late policy."""

    order = models.PositiveIntegerField(default=0)
    due_at = models.DateTimeField(null=True, blank=True)
    late_policy = models.CharField(
        max_length=10, choices=LatePolicy.choices, default=LatePolicy.PENALTY
    )
    late_penalty_percent = models.PositiveSmallIntegerField(
        default=0, help_text="Taken off a late score (policy 'penalty'), 0 to 100."
    )
    # None: the item's own points (the exercise's points, the quiz's total).
    points = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["order", "id"]


class CourseLesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_lessons")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "lesson"], name="unique_course_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.course_id}: lesson {self.lesson_id}"


class CourseExercise(CourseItem):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_exercises")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")

    class Meta(CourseItem.Meta):
        constraints = [
            models.UniqueConstraint(fields=["course", "exercise"], name="unique_course_exercise")
        ]

    def __str__(self) -> str:
        return f"{self.course_id}: exercise {self.exercise_id}"


class CourseQuiz(CourseItem):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_quizzes")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="+")

    class Meta(CourseItem.Meta):
        constraints = [
            models.UniqueConstraint(fields=["course", "quiz"], name="unique_course_quiz")
        ]

    def __str__(self) -> str:
        return f"{self.course_id}: quiz {self.quiz_id}"


class Enrollment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at"]
        constraints = [models.UniqueConstraint(fields=["course", "user"], name="unique_enrollment")]
        indexes = [models.Index(fields=["user", "course"], name="enrollment_user_course")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.course_id}"


def _one_row_per_item(name: str) -> list[models.UniqueConstraint]:
    """At most one row per course × student × exercise, and per course × student × quiz."""
    return [
        models.UniqueConstraint(
            fields=["course", "user", kind],
            condition=models.Q(**{f"{kind}__isnull": False}),
            name=f"unique_{name}_{kind}",
        )
        for kind in ("exercise", "quiz")
    ]


class ItemTarget(models.Model):
    """One course item for one student: an exercise or a quiz (exactly one is set)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    exercise = models.ForeignKey(
        Exercise, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    quiz = models.ForeignKey(
        Quiz, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(exercise__isnull=False, quiz__isnull=True)
                | models.Q(exercise__isnull=True, quiz__isnull=False),
                name="%(class)s_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.user_id} {self.item_key} in {self.course_id}"

    @property
    def item_key(self) -> str:
        return f"exercise:{self.exercise_id}" if self.exercise_id else f"quiz:{self.quiz_id}"


class Extension(ItemTarget):
    """A later due date for one student on one item, or more time on a timed quiz."""

    due_at = models.DateTimeField(null=True, blank=True)
    time_multiplier = models.FloatField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(ItemTarget.Meta):
        constraints = [
            *ItemTarget.Meta.constraints,
            *_one_row_per_item("extension"),
        ]


class ScoreOverride(ItemTarget):
    """A score staff set by hand, with the reason; it replaces the computed one."""

    points = models.FloatField()
    reason = models.CharField(max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(ItemTarget.Meta):
        constraints = [
            *ItemTarget.Meta.constraints,
            *_one_row_per_item("override"),
        ]


class ItemResult(ItemTarget):
    """A student's standing on one course item, kept up to date when a verdict or a quiz
    submission is stored (and recomputed after due-date, policy or regrade changes).

    ``fraction`` is the credit after the late policy (0..1 of the item's points), ``late`` says
    the credited work came after the (extended) due date; ``best_raw`` is the best score before
    any penalty. An override, when present, wins over all of it (``courses.scoring``).
    """

    fraction = models.FloatField(default=0)
    best_raw = models.FloatField(default=0)
    late = models.BooleanField(default=False)
    attempts = models.PositiveIntegerField(default=0)
    # Exercises: the Submits up to and including the first pass (0 while unsolved).
    attempts_to_solve = models.PositiveIntegerField(default=0)
    solved = models.BooleanField(default=False)
    first_at = models.DateTimeField(null=True, blank=True)
    solved_at = models.DateTimeField(null=True, blank=True)
    last_at = models.DateTimeField(null=True, blank=True)

    class Meta(ItemTarget.Meta):
        constraints = [
            *ItemTarget.Meta.constraints,
            *_one_row_per_item("result"),
        ]
        indexes = [models.Index(fields=["course", "user"], name="result_course_user")]


class StudentResults(models.Model):
    """One student's ``ItemResult`` rows of a course folded into one row, for the gradebook.

    ``cells`` is JSON text ``[[item, ...], [fraction, ...], [late, ...]]`` (item: the exercise
    id, or minus the quiz id; the three arrays line up). At 5,000 students × 36 items the
    gradebook reads these 5,000 rows instead of grouping 143,000 results on every export
    (docs/dashboard-performance.md). Derived data: ``courses.scoring.results_rebuild``, the
    only writer of ``ItemResult``, rewrites the rows of the students it touched in the same
    transaction. A row may name an item the course no longer lists (the gradebook skips it)
    or outlive its student's enrolment (the gradebook lists enrolled students only).
    """

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cells = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="student_results_once")
        ]

    def __str__(self) -> str:
        return f"results of user {self.user_id} in course {self.course_id}"


class AuditEntry(models.Model):
    """What staff did to a course and its students; readable by the course's staff."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="audit")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(max_length=500)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["course", "-at"], name="audit_course_at")]

    def __str__(self) -> str:
        return f"{self.course_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class RegradeJob(models.Model):
    """A background regrade of one exercise's or quiz's submissions in a course."""

    class Policy(models.TextChoices):
        UP_ONLY = "up_only", "Scores may only go up"
        RECOMPUTE = "recompute", "Recompute (scores may go down)"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="regrades")
    exercise = models.ForeignKey(
        Exercise, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    quiz = models.ForeignKey(
        Quiz, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    policy = models.CharField(max_length=10, choices=Policy.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Written while the job runs; a running job whose worker died stops writing it, and the
    # sweep (courses/regrade.py: regrades_sweep_stalled) queues it again.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    restarts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"regrade {self.pk} of course {self.course_id} ({self.status})"

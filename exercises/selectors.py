"""Read queries of the student flow: exercise index, exercise page, submissions."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from catalog.manifest import hints_of, solution_after_of
from catalog.models import Exercise, ExerciseVersion, Lesson, Library, lesson_body_fields
from catalog.selectors import exercise_visible_exists, exercises_visible
from exercises.models import HelpUsed, Submission

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from catalog.access import AnyUser

HISTORY_LIMIT = 30


# The submit and poll requests run a few queries each, many times a second. Composing a
# queryset costs more CPU than the query itself (measured here: 1.4 ms for the exercise
# lookup, 2.4 ms for the verdict re-read, against 0.3 and 0.6 ms for the same SQL through
# `Manager.raw`), so those few are written out once below; the rows are still model instances
# (converters applied, unlisted fields deferred).

_PAYLOAD_COLUMNS = (
    "id",
    "user_id",
    "exercise_id",
    "kind",
    "status",
    "passed",
    "verdict",
    "error_reason",
    "created_at",
    "started_at",
    "finished_at",
)


@functools.cache
def _exercise_for_submit_sql() -> str:
    quote = connection.ops.quote_name
    table, library = quote(Exercise._meta.db_table), quote(Library._meta.db_table)
    return (
        "SELECT e.id, e.slug, e.status, e.is_active, e.current_version_id, e.library_id, "  # noqa: S608
        f"l.kind AS library_kind FROM {table} e JOIN {library} l ON l.id = e.library_id "
        "WHERE e.slug = %s AND e.is_active = %s AND e.status = %s "
        "AND e.current_version_id IS NOT NULL AND e.archived_at IS NULL"
    )


@functools.cache
def _submission_for_payload_sql(*, with_code: bool) -> str:
    quote = connection.ops.quote_name
    exercise, submission = quote(Exercise._meta.db_table), quote(Submission._meta.db_table)
    wanted = [*_PAYLOAD_COLUMNS, *(["code"] if with_code else [])]
    columns = ", ".join(f"s.{quote(c)}" for c in wanted)
    return (
        f"SELECT {columns}, e.slug AS exercise_slug, EXISTS("  # noqa: S608
        f"SELECT 1 FROM {submission} p WHERE p.user_id = s.user_id "
        "AND p.exercise_id = s.exercise_id AND p.passed = %s) AS solved_any "
        f"FROM {submission} s JOIN {exercise} e ON e.id = s.exercise_id "
        "WHERE s.id = %s AND s.user_id = %s"
    )


def exercise_get_for_submit(*, slug: str, user: AnyUser) -> Exercise:
    """Just what accepting a submission needs (the hot path: no statement or sources): a
    published, unarchived exercise with a current version that ``user`` may open, or 404.

    One query for the site library's exercises (open to everyone: the usual case); the
    access policies are asked only about a course's or an instructor's own material."""
    params = [slug, True, Exercise.Status.PUBLISHED.value]
    exercise = next(iter(Exercise.objects.raw(_exercise_for_submit_sql(), params)), None)
    if exercise is None:
        raise Http404("No such exercise")
    site = getattr(exercise, "library_kind", None) == Library.Kind.SITE
    if not site and not exercise_visible_exists(user=user, exercise_id=exercise.pk):
        raise Http404("No such exercise")
    return exercise


@dataclass
class ExerciseRow:
    exercise: Exercise
    state: str  # "solved", "attempted" or "new"


@dataclass
class LessonGroup:
    lesson: Lesson | None
    rows: list[ExerciseRow] = field(default_factory=list)

    @property
    def solved_count(self) -> int:
        return sum(row.state == "solved" for row in self.rows)


def exercise_index(*, user: User | AnonymousUser) -> list[LessonGroup]:
    """Published exercises grouped by lesson (in lesson order), with the student's state."""
    exercises = (
        exercises_visible(user=user)
        .select_related("lesson")
        .defer(*lesson_body_fields("lesson"))
        .order_by("lesson__order", "lesson__title", "order", "title")
    )
    rows: list[tuple[Exercise, str]]
    if user.is_authenticated:
        mine = Submission.objects.filter(user=user, exercise=OuterRef("pk"))
        annotated = exercises.annotate(
            solved=Exists(mine.filter(passed=True)), attempted=Exists(mine)
        )
        rows = [
            (e, "solved" if e.solved else "attempted" if e.attempted else "new") for e in annotated
        ]
    else:
        rows = [(exercise, "new") for exercise in exercises]
    groups: dict[int | None, LessonGroup] = {}
    for exercise, state in rows:
        key = exercise.lesson_id
        if key not in groups:
            groups[key] = LessonGroup(lesson=exercise.lesson)
        groups[key].rows.append(ExerciseRow(exercise=exercise, state=state))
    # Exercises outside any lesson go last.
    return sorted(groups.values(), key=lambda g: g.lesson is None)


def user_has_solved(*, user_id: int, exercise_id: int) -> bool:
    return Submission.objects.filter(user_id=user_id, exercise_id=exercise_id, passed=True).exists()


def submission_history(*, user: User, exercise: Exercise) -> list[Submission]:
    """The student's latest attempts on one exercise, newest first (code deferred)."""
    return list(
        Submission.objects.filter(user=user, exercise=exercise)
        .defer("code")
        .order_by("-created_at")[:HISTORY_LIMIT]
    )


def submission_latest(*, user: User, exercise: Exercise) -> Submission | None:
    """The attempt whose code the editor shows on load: the newest one."""
    return Submission.objects.filter(user=user, exercise=exercise).order_by("-created_at").first()


def submission_pending(*, user: User, exercise: Exercise) -> Submission | None:
    return (
        Submission.objects.filter(
            user=user,
            exercise=exercise,
            status__in=(Submission.Status.QUEUED, Submission.Status.RUNNING),
        )
        .order_by("-created_at")
        .first()
    )


def submission_get_for_user(*, user: User, submission_id: int) -> Submission:
    """A submission of this user; anybody else's is indistinguishable from a missing one."""
    submission = (
        Submission.objects.select_related("exercise").filter(pk=submission_id, user=user).first()
    )
    if submission is None:
        raise Http404("No such submission")
    return submission


@dataclass(frozen=True)
class PayloadRow:
    """A submission as `submission_payload` needs it, and whether its student has solved
    the exercise (in any submission)."""

    submission: Submission
    solved: bool


def submission_get_for_payload(
    *, user: User, submission_id: int, include_code: bool = False
) -> PayloadRow:
    """A submission of this user with what `submission_payload` needs, in one query: the
    exercise's slug and whether the student has solved that exercise, but not the code
    unless asked for. Anybody else's submission is a 404, as a missing one."""
    sql = _submission_for_payload_sql(with_code=include_code)
    submission = next(iter(Submission.objects.raw(sql, [True, submission_id, user.pk])), None)
    if submission is None:
        raise Http404("No such submission")
    # A raw query's extra columns land in the instance's __dict__.
    extra = vars(submission)
    # The exercise as `.only("slug")` would give it: other fields load on access.
    submission.exercise = Exercise.from_db(
        connection.alias, ["id", "slug"], [submission.exercise_id, extra["exercise_slug"]]
    )
    return PayloadRow(submission, solved=bool(extra["solved_any"]))  # SQLite: EXISTS is 0/1


def submission_status(*, user: User, submission_id: int) -> str | None:
    """The status of one of the user's submissions (None if it is not theirs), in one small
    query (no code, no joins): what a poll checks first."""
    return (
        Submission.objects.filter(pk=submission_id, user=user)
        .values_list("status", flat=True)
        .first()
    )


def submission_queue_ahead(*, submission: Submission) -> int:
    """How many queued submissions were created before this one (shown while it waits)."""
    return Submission.objects.filter(
        Q(status=Submission.Status.QUEUED), created_at__lt=submission.created_at
    ).count()


def submission_payload(
    *, submission: Submission, include_code: bool = False, solved: bool | None = None
) -> dict[str, Any]:
    """What the browser sees of a submission (JSON for polling, context for _verdict.html).

    Only the owner ever gets this. It carries the student's own code and feedback; the
    verdict's messages were written by the grader never to contain hidden expected values.
    """
    from django.urls import reverse

    status = submission.status
    done = status in (Submission.Status.GRADED, Submission.Status.ERROR)
    data: dict[str, Any] = {
        "id": submission.pk,
        "url": reverse("exercises:submission_detail", args=[submission.pk]),
        "exercise": submission.exercise.slug,
        "kind": submission.kind,
        "status": status,
        "done": done,
        "created": submission.created_at.isoformat(),
        "started": submission.started_at.isoformat() if submission.started_at else None,
        "finished": submission.finished_at.isoformat() if submission.finished_at else None,
        "grading_ms": None,
        "error_reason": submission.error_reason if status == Submission.Status.ERROR else "",
        "verdict": None,
    }
    if submission.started_at and submission.finished_at:
        data["grading_ms"] = round(
            (submission.finished_at - submission.started_at).total_seconds() * 1000, 1
        )
    if status == Submission.Status.GRADED and submission.verdict:
        verdict = submission.verdict
        data["verdict"] = {
            "status": verdict.get("status", "error"),
            "score": verdict.get("score", 0.0),
            "message": verdict.get("message", ""),
            "output": verdict.get("output", ""),
            "passed_count": sum(1 for test in verdict.get("tests", []) if test.get("passed")),
            "tests": [
                {key: test.get(key) for key in ("name", "kind", "passed", "message", "hint")}
                for test in verdict.get("tests", [])
            ],
        }
    if status == Submission.Status.QUEUED:
        data["queue_ahead"] = submission_queue_ahead(submission=submission)
    if done:
        if solved is None:
            solved = submission.passed or user_has_solved(
                user_id=submission.user_id, exercise_id=submission.exercise_id
            )
        data["solved"] = solved
        data["solution_url"] = (
            reverse("exercises:exercise_detail", args=[submission.exercise.slug])
            + "?solution=1#solution"
            if solved
            else None
        )
    if include_code:
        data["code"] = submission.code
    return data


@dataclass(frozen=True)
class HelpState:
    """What a stuck student has been given on one exercise, and what they can still ask for."""

    hints: list[str]  # the hints revealed so far
    hints_left: int
    solution_open: bool  # solved, asked for, or offered after enough failed submits
    failed_submits: int
    solution_after: int


def help_state(
    *, user: User, exercise: Exercise, version: ExerciseVersion, solved: bool
) -> HelpState:
    hints = hints_of(version.meta or {})
    after = solution_after_of(version.meta or {})
    row = HelpUsed.objects.filter(user=user, exercise=exercise).first()
    shown = min(row.hints_shown, len(hints)) if row else 0
    failed = Submission.objects.filter(
        user=user,
        exercise=exercise,
        kind=Submission.Kind.SUBMIT,
        status=Submission.Status.GRADED,
        passed=False,
    ).count()
    asked = row is not None and row.solution_shown_at is not None
    return HelpState(
        hints=hints[:shown],
        hints_left=len(hints) - shown,
        solution_open=solved or asked or failed >= after,
        failed_submits=failed,
        solution_after=after,
    )

"""Regrades: after a fix to an exercise or a quiz, staff grade its stored work in a course
again — everyone's or one student's — in the background, choosing "scores may only go up" or
"recompute".

The ``RegradeJob`` row is the source of truth for progress (queued → running → done|failed,
``done`` of ``total``, ``changed``); the page polls it by id, never a Celery result. The grading
itself is the exercises and quizzes apps' (``exercises.services.submission_regrade``,
``quizzes.services.attempt_regrade_checked``): courses only chooses what to regrade and keeps
``ItemResult`` and the audit log in step.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from courses import scoring
from courses.models import (
    AuditEntry,
    Course,
    CourseExercise,
    CourseQuiz,
    Enrollment,
    RegradeJob,
)
from exercises.models import Submission
from exercises.services import RegradeSkipped, submission_regrade
from quizzes.models import Attempt
from quizzes.services import QuizError, attempt_regrade_checked

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

# Progress is written every this many items (and at the end): one UPDATE per graded
# submission would double the database work of a large regrade for a smoother bar.
PROGRESS_EVERY = 5
# A running job writes its progress at least this often (one grading may take up to the
# task time limit, 60 s); one silent for STALLED_AFTER lost its worker.
HEARTBEAT_SECONDS = 15
STALLED_AFTER = timedelta(minutes=5)
MAX_RESTARTS = 3
ACTIVE = (RegradeJob.Status.QUEUED, RegradeJob.Status.RUNNING)


class RegradeError(Exception):
    """A regrade that cannot be started; the message is shown on the form."""


# --- reads ---------------------------------------------------------------------------------------


def regrade_item_choices(*, course: Course) -> list[tuple[str, str]]:
    """The course's exercises and quizzes as form choices ("exercise:<id>", title)."""
    exercises = CourseExercise.objects.filter(course=course).select_related("exercise")
    quizzes = CourseQuiz.objects.filter(course=course).select_related("quiz")
    return [
        *((f"exercise:{row.exercise_id}", f"Exercise: {row.exercise.title}") for row in exercises),
        *((f"quiz:{row.quiz_id}", f"Quiz: {row.quiz.title}") for row in quizzes),
    ]


def regrade_student_choices(*, course: Course) -> list[tuple[int, str]]:
    rows = (
        Enrollment.objects.filter(course=course)
        .order_by(Lower("user__username"))
        .values_list("user_id", "user__username")
    )
    return list(rows)


def regrade_jobs(*, course: Course, limit: int = 20) -> list[RegradeJob]:
    return list(
        RegradeJob.objects.filter(course=course).select_related(
            "exercise", "quiz", "student", "requested_by"
        )[:limit]
    )


def regrade_job_get(*, course: Course, job_id: int) -> RegradeJob:
    job = (
        RegradeJob.objects.filter(course=course, pk=job_id)
        .select_related("exercise", "quiz", "student", "requested_by")
        .first()
    )
    if job is None:
        raise Http404("No such regrade in this course")
    return job


def regrade_payload(job: RegradeJob) -> dict[str, Any]:
    """What the progress page polls: small, and enough to draw the bar and the outcome."""
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": job.get_status_display(),
        "done": job.done,
        "total": job.total,
        "changed": job.changed,
        "percent": round(100 * job.done / job.total) if job.total else 100,
        "finished": job.status in (RegradeJob.Status.DONE, RegradeJob.Status.FAILED),
        "error": job.error,
        "url": reverse(
            "courses:regrade_detail", kwargs={"course_id": job.course_id, "job_id": job.pk}
        ),
    }


def _submissions(job: RegradeJob) -> QuerySet[Submission]:
    students = Enrollment.objects.filter(course_id=job.course_id).values("user_id")
    rows = Submission.objects.filter(
        exercise_id=job.exercise_id or 0,
        kind=Submission.Kind.SUBMIT,
        status=Submission.Status.GRADED,
        user_id__in=students,
    )
    if job.student_id is not None:
        rows = rows.filter(user_id=job.student_id)
    return rows.order_by("pk")


def _attempts(job: RegradeJob) -> QuerySet[Attempt]:
    students = Enrollment.objects.filter(course_id=job.course_id).values("user_id")
    rows = Attempt.objects.filter(
        quiz_id=job.quiz_id or 0, status=Attempt.Status.SUBMITTED, user_id__in=students
    )
    if job.student_id is not None:
        rows = rows.filter(user_id=job.student_id)
    return rows.order_by("pk")


# --- writes --------------------------------------------------------------------------------------


def _parse_item(course: Course, item: str) -> tuple[int | None, int | None]:
    kind, _, raw = item.partition(":")
    if not raw.isdigit() or len(raw) > 18:
        raise RegradeError("Choose an exercise or a quiz of this course.")
    pk = int(raw)
    if kind == "exercise" and CourseExercise.objects.filter(course=course, exercise_id=pk).exists():
        return pk, None
    if kind == "quiz" and CourseQuiz.objects.filter(course=course, quiz_id=pk).exists():
        return None, pk
    raise RegradeError("Choose an exercise or a quiz of this course.")


def regrade_start(
    *, course: Course, actor: User, item: str, student_id: int | None, policy: str
) -> RegradeJob:
    """Record a regrade and queue it once the row is committed (the worker reads it by id)."""
    if course.archived_at is not None:
        raise RegradeError("This course is archived and read-only. Unarchive it first.")
    if policy not in RegradeJob.Policy.values:
        raise RegradeError("Choose a regrade policy.")
    exercise_id, quiz_id = _parse_item(course, item)
    if (
        student_id is not None
        and not Enrollment.objects.filter(course=course, user_id=student_id).exists()
    ):
        raise RegradeError("That student is not in this course.")
    running = RegradeJob.objects.filter(course=course, status__in=ACTIVE).filter(
        Q(exercise_id=exercise_id) if exercise_id else Q(quiz_id=quiz_id)
    )
    if running.exists():
        raise RegradeError("A regrade of this item is already running; wait for it to finish.")
    with transaction.atomic():
        job = RegradeJob.objects.create(
            course=course,
            exercise_id=exercise_id,
            quiz_id=quiz_id,
            student_id=student_id,
            policy=policy,
            requested_by=actor,
        )
        job.total = (_submissions(job) if exercise_id else _attempts(job)).count()
        job.save(update_fields=["total"])
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from courses.tasks import regrade_job

    try:
        regrade_job.delay(job_id)
    except Exception:  # broker down: the job stays queued and says so instead of a 500
        logger.exception("could not queue regrade %s", job_id)
        RegradeJob.objects.filter(pk=job_id, status=RegradeJob.Status.QUEUED).update(
            status=RegradeJob.Status.FAILED,
            error="The background queue is unavailable; start the regrade again later.",
            finished_at=timezone.now(),
        )


def regrades_sweep_stalled(*, stalled_after: timedelta = STALLED_AFTER) -> list[int]:
    """Queue again the running jobs whose worker died (kill -9, a lost machine): Celery
    redelivers their message, but the job is no longer "queued", so that delivery does
    nothing. A job restarted MAX_RESTARTS times fails instead, saying why. Regrading is
    idempotent (each submission is graded again from its code), so starting over is safe.
    Returns the ids queued again."""
    cutoff = timezone.now() - stalled_after
    stalled = RegradeJob.objects.filter(status=RegradeJob.Status.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    )
    requeued = []
    for job in stalled:
        if job.restarts >= MAX_RESTARTS:
            RegradeJob.objects.filter(pk=job.pk, status=RegradeJob.Status.RUNNING).update(
                status=RegradeJob.Status.FAILED,
                error=f"Its worker stopped {job.restarts + 1} times; start the regrade again.",
                finished_at=timezone.now(),
            )
            continue
        taken = RegradeJob.objects.filter(
            pk=job.pk, status=RegradeJob.Status.RUNNING, heartbeat_at=job.heartbeat_at
        ).update(status=RegradeJob.Status.QUEUED, restarts=F("restarts") + 1, done=0, changed=0)
        if taken:
            logger.warning(
                "regrade %s stalled (no progress since %s): queued again", job.pk, job.heartbeat_at
            )
            _enqueue(job.pk)
            requeued.append(job.pk)
    return requeued


def regrade_run(*, job_id: int) -> RegradeJob:
    """Run a queued regrade to the end: claim it (queued → running, once), regrade each item,
    write progress as it goes, rebuild the affected results, log it."""
    claimed = RegradeJob.objects.filter(pk=job_id, status=RegradeJob.Status.QUEUED).update(
        status=RegradeJob.Status.RUNNING, heartbeat_at=timezone.now()
    )
    job = RegradeJob.objects.select_related("course", "exercise", "quiz", "student").get(pk=job_id)
    if not claimed:
        return job  # a second delivery, or already finished
    keep_higher = job.policy == RegradeJob.Policy.UP_ONLY
    ids = list(
        (_submissions(job) if job.exercise_id else _attempts(job)).values_list("pk", flat=True)
    )
    RegradeJob.objects.filter(pk=job.pk).update(total=len(ids))
    done = changed = 0
    skipped: list[str] = []
    beat = time.monotonic()
    try:
        for pk in ids:
            try:
                if job.exercise_id:
                    changed += submission_regrade(submission_id=pk, keep_higher=keep_higher)
                else:
                    changed += attempt_regrade_checked(attempt_id=pk, keep_higher=keep_higher)
            except (RegradeSkipped, QuizError) as exc:  # changed under us: leave it be
                skipped.append(f"{pk}: {exc}")
            done += 1
            if done % PROGRESS_EVERY == 0 or time.monotonic() - beat > HEARTBEAT_SECONDS:
                beat = time.monotonic()
                RegradeJob.objects.filter(pk=job.pk).update(
                    done=done, changed=changed, heartbeat_at=timezone.now()
                )
        # The scores changed under ItemResult's feet: recompute the affected rows.
        scoring.results_rebuild(
            course=job.course,
            exercise_id=job.exercise_id,
            quiz_id=job.quiz_id,
            user_id=job.student_id,
        )
    except Exception as exc:
        logger.exception("regrade %s failed", job.pk)
        RegradeJob.objects.filter(pk=job.pk).update(
            status=RegradeJob.Status.FAILED,
            done=done,
            changed=changed,
            error=f"Stopped after {done} of {len(ids)}: {type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
        return job
    RegradeJob.objects.filter(pk=job.pk).update(
        status=RegradeJob.Status.DONE,
        done=done,
        changed=changed,
        error="\n".join(skipped)[:2000],
        finished_at=timezone.now(),
    )
    item = job.exercise.title if job.exercise else job.quiz.title if job.quiz else "?"
    whose = f" of {job.student.username}" if job.student else ""
    AuditEntry.objects.create(
        course=job.course,
        actor=job.requested_by,
        action="regrade",
        student=job.student,
        summary=f"Regraded {item}{whose} ({job.get_policy_display().lower()}): "
        f"{done} graded, {changed} changed",
        detail={
            "job_id": job.pk,
            "exercise_id": job.exercise_id,
            "quiz_id": job.quiz_id,
            "policy": job.policy,
            "done": done,
            "changed": changed,
        },
    )
    job.refresh_from_db()
    return job

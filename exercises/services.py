"""Write operations of the student flow: create a submission, grade it, sweep stuck ones.

The database row is the source of truth for grading state (`queued → running → graded|error`).
A row is written before anything is enqueued, the Celery task only carries its id, and every
state change is a conditional UPDATE, so duplicate deliveries, dead workers and a lost broker
can delay a verdict but never lose it or store it twice.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Field, Q
from django.utils import timezone

from catalog.deadlines import closing_deadline, deadlines_for
from catalog.manifest import grading_spec, hints_of
from catalog.models import Exercise, ExerciseVersion
from exercises.models import HelpUsed, Submission
from exercises.signals import verdict_stored
from grader.grading import EXAMPLES_SEED, MAX_CODE_BYTES, draw_seed
from mlquiz.sql import without_durable_commit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from grader.exercise import ExerciseSpec

logger = logging.getLogger(__name__)

IN_FLIGHT = (Submission.Status.QUEUED, Submission.Status.RUNNING)


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


# --- rejections: each carries the HTTP status a view should answer with and a friendly message


class SubmissionRejected(Exception):
    """The submission was refused; nothing was stored. `message` is shown to the student."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CodeInvalid(SubmissionRejected):
    status_code = 400


class RateLimited(SubmissionRejected):
    status_code = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class GradingInFlight(SubmissionRejected):
    status_code = 409

    def __init__(self, message: str, *, pending: Submission) -> None:
        super().__init__(message)
        self.pending = pending


class ExerciseUnavailable(SubmissionRejected):
    status_code = 404


class SubmissionClosed(SubmissionRejected):
    """Past the due date in every course of the student that lists the exercise, and each of
    them closes it then (late policy "closed"); an extension's date counts as the due date."""

    status_code = 403


# --- validation ---------------------------------------------------------------------------


def code_validate(code: str | bytes) -> str:
    """Return the code as text, or raise CodeInvalid with a message the student can act on.

    Bytes are accepted so that a view holding the raw request field can have invalid UTF-8
    reported as such instead of silently turned into U+FFFD.
    """
    if isinstance(code, bytes):
        raw = code
        if len(raw) > MAX_CODE_BYTES:
            raise CodeInvalid(_too_long_message(len(raw)))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CodeInvalid(
                f"Your code is not valid UTF-8 text (bad byte at position {exc.start}). "
                "Save it as UTF-8 or retype the odd character."
            ) from None
    else:
        text = code
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:
            # Lone surrogates: text that cannot have come from valid UTF-8.
            raise CodeInvalid(
                "Your code contains characters that are not valid UTF-8 text."
            ) from None
        if len(raw) > MAX_CODE_BYTES:
            raise CodeInvalid(_too_long_message(len(raw)))
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise CodeInvalid(f"Your code contains a NUL character (line {line}); remove it.")
    if not text.strip():
        raise CodeInvalid("Your code is empty: write the function first.")
    return text


def _too_long_message(size: int) -> str:
    return (
        f"Your code is {size / 1024:.1f} KiB; the limit is {MAX_CODE_BYTES // 1024} KiB. "
        "A solution never needs that much: remove large pasted data or comments."
    )


# --- rate limit -----------------------------------------------------------------------------


def _rate_limit_check(*, user_id: int, now: float | None = None) -> str | None:
    """At most GRADING_RATE_LIMIT_PER_MINUTE gradings per user in any rolling minute.

    A sliding-window estimate from two fixed one-minute counters (Redis in production, shared
    by every web process; Django's cache on a laptop): cheap, and a burst at the boundary of two
    fixed windows cannot double the limit. Returns the counter key, for `_rate_limit_refund`.
    """
    limit = int(_setting("GRADING_RATE_LIMIT_PER_MINUTE", 20))
    if limit <= 0:
        return None
    now = time.time() if now is None else now
    window = int(now // 60)
    elapsed = (now % 60) / 60
    current_key = f"mlquiz:grade-rate:{user_id}:{window}"
    previous_key = f"mlquiz:grade-rate:{user_id}:{window - 1}"
    try:
        previous, current = _rate_counters(previous_key, current_key)
    except Exception:
        # Redis down: grading is queued in the database and sent by the sweep later, so fail
        # open rather than turn an outage into errors for every student.
        logger.warning("rate limit unavailable (cache error); allowing", exc_info=True)
        return None
    estimate = previous * (1 - elapsed) + current
    if estimate > limit:
        # Give the count back so that refused requests do not extend the lockout.
        _rate_limit_refund(current_key)
        retry_after = max(1, math.ceil(60 - now % 60))
        raise RateLimited(
            f"You have graded {limit} times in the last minute. Take a breath, read the "
            f"feedback, and try again in {retry_after} s — your code is kept.",
            retry_after=retry_after,
        )
    return current_key


def _rate_counters(previous_key: str, current_key: str) -> tuple[int, int]:
    """(previous window's count, current window's count after counting this request)."""
    client = _redis()
    if client is not None:
        # One round trip, and no per-call client object (Django's cache API makes one per call,
        # which costs more CPU than the counting itself on this hot path).
        with client.pipeline(transaction=False) as pipe:
            pipe.get(previous_key)
            pipe.incr(current_key)
            pipe.expire(current_key, 130)
            previous, current, _ = pipe.execute()
        return int(previous or 0), int(current)
    previous = cache.get(previous_key) or 0
    cache.add(current_key, 0, timeout=130)
    try:
        current = cache.incr(current_key)
    except ValueError:  # expired between add and incr
        cache.set(current_key, 1, timeout=130)
        current = 1
    return int(previous), int(current)


def _rate_limit_refund(key: str | None) -> None:
    if key is None:
        return
    client = _redis()
    with contextlib.suppress(Exception):
        if client is not None:
            client.decr(key)
        else:
            cache.decr(key)


# --- create --------------------------------------------------------------------------------


def submission_create(
    *, user: User, exercise: Exercise, code: str | bytes, kind: str
) -> Submission:
    """Validate and store a submission, then enqueue its grading after the commit.

    Raises a SubmissionRejected subclass (nothing stored) for bad code, too many gradings,
    a grading already in flight for this exercise, or an exercise that cannot be graded.
    """
    if kind not in Submission.Kind.values:
        raise SubmissionRejected("Unknown action: choose Run or Submit.")
    text = code_validate(code)
    version_id = exercise.current_version_id
    if version_id is None or not exercise.is_active or exercise.status != Exercise.Status.PUBLISHED:
        raise ExerciseUnavailable("This exercise is not open for submissions.")
    if kind == Submission.Kind.SUBMIT:
        _refuse_if_closed(user=user, exercise=exercise)
    # No separate "anything in flight?" query: the partial unique index answers that as part
    # of the INSERT (and, unlike a query first, also for two requests racing each other).
    rate_key = _rate_limit_check(user_id=user.pk)
    try:
        # A single INSERT is its own transaction: no BEGIN/COMMIT round trips. Inside a
        # caller's transaction it gets a savepoint, so a refused INSERT leaves that usable.
        with transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext():
            submission = Submission.objects.create(
                user=user,
                exercise=exercise,
                exercise_version_id=version_id,
                code=text,
                kind=kind,
                # Hidden cases from a seed drawn for this submission (a table of one seed's
                # outputs helps with no other); Run grades only the examples, the same for
                # every seed, so it takes the one seed every worker has cached.
                seed=EXAMPLES_SEED if kind == Submission.Kind.RUN else draw_seed(),
                status=Submission.Status.QUEUED,
                # Optimistic: cleared again if the broker refuses the message.
                enqueued_at=timezone.now(),
            )
    except IntegrityError:
        # A grading of this exercise is already in flight for this student.
        pending = _pending_submission(user=user, exercise=exercise)
        if pending is None:
            raise
        _rate_limit_refund(rate_key)  # refused: it does not count
        raise _in_flight(pending) from None
    # Sent once the row is committed: right away, or after the caller's transaction.
    transaction.on_commit(functools.partial(submission_enqueue, submission_id=submission.pk))
    return submission


def _refuse_if_closed(*, user: User, exercise: Exercise) -> None:
    """Run stays open (it grades the examples only and never counts); Submit is refused once
    every course of the student closed the exercise."""
    deadlines = deadlines_for(user=user, kind="exercise", item_id=exercise.pk)
    closed = closing_deadline(deadlines)
    if closed is not None:
        raise SubmissionClosed(
            f"This exercise closed on {closed.due_text} ({closed.course_title}): submissions "
            "after the due date are not accepted. Your code is kept; you can still run the "
            "examples."
        )


def _pending_submission(*, user: User, exercise: Exercise) -> Submission | None:
    return (
        Submission.objects.filter(user=user, exercise=exercise, status__in=IN_FLIGHT)
        .order_by("-created_at")
        .first()
    )


def _in_flight(pending: Submission) -> GradingInFlight:
    return GradingInFlight(
        "Your previous attempt on this exercise is still being graded; its verdict is on "
        "its way. Submit again once it is shown.",
        pending=pending,
    )


def submission_enqueue(*, submission_id: int) -> bool:
    """Send the grading task. A broker outage must not fail the student's request: the row is
    already stored, so on failure it is marked never-enqueued and the sweep sends it later."""
    from exercises.tasks import grade_submission

    try:
        grade_submission.apply_async(
            (submission_id,),
            queue="grading",
            retry=True,
            # Fail fast: the sweep is the retry mechanism, not the web request.
            retry_policy={
                "max_retries": 1,
                "interval_start": 0.1,
                "interval_step": 0.2,
                "interval_max": 0.3,
            },
        )
    except Exception:
        logger.warning(
            "could not enqueue submission %s; the sweep will retry", submission_id, exc_info=True
        )
        Submission.objects.filter(pk=submission_id, status=Submission.Status.QUEUED).update(
            enqueued_at=None
        )
        return False
    return True


# --- grade -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GradeOutcome:
    submission_id: int
    action: str  # "graded", "error", "skipped" (not queued) or "superseded" (claim lost)
    detail: str = ""


@functools.lru_cache(maxsize=128)
def _spec_for_version(version_id: int) -> ExerciseSpec:
    """Building a spec from sources is pure and versions are immutable snapshots (an edit makes
    a new version), so a worker reuses the spec across submissions."""
    version = ExerciseVersion.objects.select_related("exercise").get(pk=version_id)
    return grading_spec(
        slug=version.exercise.slug,
        data={
            "title": version.exercise.title,
            "function": version.function_name,
            **(version.meta or {}),
        },
        reference=version.reference_code,
        cases=version.cases_code,
        starter=version.starter_code,
    )


def submission_grade(*, submission_id: int) -> GradeOutcome:
    """Grade one submission, exactly once whatever the number of deliveries.

    1. Claim: `queued → running` by a conditional UPDATE; whoever loses the race (a duplicate
       message, a redelivery after the row was graded) does nothing.
    2. Grade outside any transaction: the sandbox may take seconds; no row lock is held.
    3. Store verdict, status and timings in one conditional UPDATE that only succeeds while
       this claim is still current: if the sweep meanwhile handed the row to another worker,
       this result is dropped instead of overwriting theirs.
    """
    row = _claim(submission_id)
    if row is None:
        return GradeOutcome(submission_id, "skipped", "not queued")
    claim = row["grading_attempts"]
    try:
        spec = _spec_for_version(row["exercise_version_id"])
        verdict = _grade(spec, row["code"], kind=row["kind"], seed=row["seed"])
    except Exception as exc:
        reason = _error_reason(exc)
        logger.exception("grading submission %s failed", submission_id)
        stored = _store(submission_id, claim, status=Submission.Status.ERROR, error_reason=reason)
        return GradeOutcome(submission_id, "error" if stored else "superseded", reason)
    verdict_data = verdict.to_dict()
    verdict_data.pop("sandbox_mode", None)  # operator detail, not student feedback
    is_submit = row["kind"] == Submission.Kind.SUBMIT
    fields: dict[str, Any] = {
        "status": Submission.Status.GRADED,
        "verdict": verdict_data,
        "score": float(verdict.score),
        "passed": is_submit and verdict.status == "passed",
    }
    if is_submit:
        # A submit's verdict commits with what it changes: the course results and the LMS
        # scores they queue (verdict_stored → courses.scoring → results_rebuilt → the LTI
        # outbox). Should that fail, the verdict is not stored either and the sweep grades the
        # submission again, rather than a verdict whose score never reaches the gradebook.
        with transaction.atomic():
            stored = _store(submission_id, claim, in_caller_transaction=True, **fields)
            if stored:
                verdict_stored.send(
                    sender=Submission,
                    submission_id=submission_id,
                    user_id=row["user_id"],
                    exercise_id=row["exercise_id"],
                )
        if stored:
            submission_notify_finished(submission_id=submission_id)
    else:
        stored = _store(submission_id, claim, **fields)
    if not stored:
        return GradeOutcome(submission_id, "superseded", "claim taken over by the sweep")
    logger.info(
        "stored verdict for submission %s: %s %.2f", submission_id, verdict.status, verdict.score
    )
    return GradeOutcome(submission_id, "graded", verdict.status)


def _grade(spec: ExerciseSpec, code: str, *, kind: str, seed: int) -> Any:
    from grader.grading import grade

    return grade(spec, code, mode="run" if kind == Submission.Kind.RUN else "submit", seed=seed)


def _error_reason(exc: Exception) -> str:
    from grader.sandbox import SandboxUnavailable

    if isinstance(exc, SandboxUnavailable):
        return (
            "Grading is unavailable on this server right now (the sandbox could not start). "
            "Your code is saved; please tell your instructor."
        )
    return (
        "Something went wrong on our side while grading this attempt. Your code is saved; "
        "please submit again."
    )


def _worker_write(
    sql: str, params: list[Any], *, whole_transaction: bool = False
) -> tuple[tuple[Any, ...] | None, int]:
    """Run one UPDATE of the worker as its own transaction, in one round trip to the database.

    Its commit does not wait for the WAL to reach the disk (PostgreSQL). That is safe for the
    worker's writes only: if the database crashed and forgot a claim or a verdict, the row
    would be back in `queued`/`running` and the sweep would grade it again, so nothing is lost.
    (The submit's INSERT keeps full durability: that one is the student's.)

    Statements sent together in one query run as one implicit transaction, so the SET LOCAL
    that follows the UPDATE applies to its commit: no BEGIN, SET and COMMIT round trips.
    Inside an outer transaction (tests) the UPDATE simply joins it; with ``whole_transaction``
    that transaction's commit is relaxed too (its writes stand or fall with this one).
    Returns (first row of RETURNING or None, rows updated).
    """
    with connection.cursor() as cursor:
        cursor.execute(without_durable_commit(sql, whole_transaction=whole_transaction), params)
        # The cursor stays on the first statement's result: the UPDATE's.
        rowcount = cursor.rowcount
        row = cursor.fetchone() if cursor.description else None
    return row, rowcount


def _claim(submission_id: int) -> dict[str, Any] | None:
    """`queued → running` for exactly one caller; returns what grading needs, in one query."""
    # UPDATE … RETURNING (PostgreSQL, SQLite ≥ 3.35): claim and read in one statement.
    found, _ = _worker_write(
        f"UPDATE {Submission._meta.db_table} SET status = %s, started_at = %s, "  # noqa: S608
        "grading_attempts = grading_attempts + 1 WHERE id = %s AND status = %s "
        "RETURNING code, kind, grading_attempts, exercise_version_id, seed, user_id, exercise_id",
        [
            Submission.Status.RUNNING.value,  # plain str: no enum adaptation
            connection.ops.adapt_datetimefield_value(timezone.now()),
            submission_id,
            Submission.Status.QUEUED.value,
        ],
    )
    if found is None:
        return None
    columns = ("code", "kind", "grading_attempts", "exercise_version_id", "seed")
    return dict(zip((*columns, "user_id", "exercise_id"), found, strict=True))


def _store(
    submission_id: int, claim: int, *, in_caller_transaction: bool = False, **fields: Any
) -> bool:
    """Store the outcome if this claim still holds (the sweep may have handed the row on), and
    wake the pages waiting for it.

    ``in_caller_transaction``: the UPDATE joins the caller's transaction, which then commits
    with the same relaxed durability as a lone store (a crash that forgets it forgets all of
    it, and the sweep grades again); the caller wakes the pages once it has committed."""
    assignments, values = [], []
    for name, value in {"finished_at": timezone.now(), **fields}.items():
        model_field = Submission._meta.get_field(name)
        if not isinstance(model_field, Field) or model_field.column is None:
            raise TypeError(f"Submission.{name} is not a column")
        assignments.append(f"{connection.ops.quote_name(model_field.column)} = %s")
        # The field's own conversion: JSON for the verdict, the backend's datetime format…
        values.append(model_field.get_db_prep_save(value, connection))
    _, updated = _worker_write(
        f"UPDATE {Submission._meta.db_table} SET {', '.join(assignments)} "  # noqa: S608
        "WHERE id = %s AND status = %s AND grading_attempts = %s",
        [*values, submission_id, Submission.Status.RUNNING.value, claim],
        whole_transaction=in_caller_transaction,
    )
    if updated and not in_caller_transaction:
        submission_notify_finished(submission_id=submission_id)
    return bool(updated)


# --- regrade ------------------------------------------------------------------------------------


class RegradeSkipped(Exception):
    """A submission that cannot be regraded (not a graded submit, or no current version)."""


def submission_regrade(*, submission_id: int, keep_higher: bool) -> bool:
    """Grade a stored submit again against its exercise's *current* version (after a fix to
    the reference, the cases or the checks), synchronously, through the same ``_grade`` path
    the worker uses and with the submission's own seed. Returns whether its score or passed
    flag changed.

    ``keep_higher`` ("scores may only go up"): a lower new score leaves the stored verdict as
    it was; the row is still marked ``regraded_at`` so staff can see it was looked at.
    The grading runs outside any row lock (it may take seconds); the store is one UPDATE
    conditional on the row still being graded, so a concurrent change is never overwritten
    by a half-done regrade.
    """
    row = (
        Submission.objects.filter(pk=submission_id)
        .select_related("exercise")
        .only(
            "id", "code", "kind", "seed", "status", "score", "passed", "exercise__current_version"
        )
        .first()
    )
    if row is None or row.status != Submission.Status.GRADED or row.kind != Submission.Kind.SUBMIT:
        raise RegradeSkipped("only graded submits are regraded")
    version_id = row.exercise.current_version_id
    if version_id is None:
        raise RegradeSkipped("the exercise has no current version")
    spec = _spec_for_version(version_id)
    verdict = _grade(spec, row.code, kind=row.kind, seed=row.seed)
    score = float(verdict.score)
    passed = verdict.status == "passed"
    now = timezone.now()
    keep = keep_higher and (score < (row.score or 0.0) or (row.passed and not passed))
    current = Submission.objects.filter(pk=row.pk, status=Submission.Status.GRADED)
    if keep:
        current.update(regraded_at=now)
        return False
    verdict_data = verdict.to_dict()
    verdict_data.pop("sandbox_mode", None)
    current.update(
        verdict=verdict_data,
        score=score,
        passed=passed,
        exercise_version_id=version_id,
        regraded_at=now,
    )
    return score != row.score or passed != row.passed


# --- notifications for long-polling pages --------------------------------------------------------


def _redis() -> Any | None:
    url = _setting("REDIS_URL", "")
    if not url:
        return None
    return _redis_client(url)


@functools.lru_cache(maxsize=4)
def _redis_client(url: str) -> Any:
    import redis

    # socket_timeout above the longest BLPOP (MAX_WAIT_MS) so a full wait is not an error.
    return redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=1)


def _done_key(submission_id: int) -> str:
    return f"mlquiz:submission-done:{submission_id}"


def submission_notify_finished(*, submission_id: int) -> None:
    """Wake pages long-polling this submission. Best effort: polling still finds the row."""
    client = _redis()
    if client is None:
        return
    try:
        with client.pipeline(transaction=False) as pipe:
            pipe.rpush(_done_key(submission_id), 1)
            pipe.expire(_done_key(submission_id), 120)
            pipe.execute()
    except Exception:
        logger.warning("could not publish verdict of submission %s", submission_id, exc_info=True)


def submission_wait_finished(*, submission_id: int, timeout: float) -> bool:
    """Block up to `timeout` seconds or until the submission's verdict is announced.

    Uses BLPOP on a per-submission list; the waiter puts the token back so that a second
    tab waiting on the same submission wakes as well. Returns True when the announcement
    came. Without Redis (laptop mode, where grading is synchronous anyway) or if Redis fails,
    sleeps briefly instead and returns False: the caller checks the row.
    """
    if timeout <= 0:
        return False
    client = _redis()
    if client is None:
        time.sleep(min(timeout, 0.05))
        return False
    try:
        got = client.blpop([_done_key(submission_id)], timeout=timeout)
        if got is not None:
            client.rpush(_done_key(submission_id), 1)
            return True
    except Exception:
        time.sleep(min(timeout, 0.1))
    return False


# --- sweep ---------------------------------------------------------------------------------------


@dataclass
class SweepReport:
    requeued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def submissions_sweep_stuck(
    *,
    queued_after: timedelta | None = None,
    running_after: timedelta | None = None,
    max_attempts: int | None = None,
    give_up_after: timedelta | None = None,
    now: Any = None,
) -> SweepReport:
    """Re-enqueue submissions stuck too long; give up on ones that failed repeatedly.

    - `running` for longer than `running_after` (its worker died: kill -9, OOM, lost machine):
      back to `queued` and re-enqueued, or `error` after `max_attempts` claims.
    - `queued` and never enqueued (broker down at submit time) or enqueued longer than
      `queued_after` ago (message lost, e.g. Redis restarted without persistence): re-enqueued;
      `error` once older than `give_up_after`.
    Re-enqueuing a message that still exists is harmless: the task claims a row only once.
    """
    # `is None`, not `or`: a zero duration (sweep everything now) is a valid request.
    if queued_after is None:
        queued_after = timedelta(seconds=_setting("GRADING_SWEEP_QUEUED_AFTER_SECONDS", 60))
    if running_after is None:
        running_after = timedelta(seconds=_setting("GRADING_SWEEP_RUNNING_AFTER_SECONDS", 90))
    if max_attempts is None:
        max_attempts = int(_setting("GRADING_MAX_ATTEMPTS", 3))
    if give_up_after is None:
        give_up_after = timedelta(seconds=_setting("GRADING_GIVE_UP_AFTER_SECONDS", 30 * 60))
    now = now or timezone.now()
    report = SweepReport()
    status = Submission.Status

    stale_running = Submission.objects.filter(
        status=status.RUNNING, started_at__lt=now - running_after
    ).values_list("pk", "grading_attempts")
    for pk, attempts in stale_running:
        base = Submission.objects.filter(pk=pk, status=status.RUNNING, grading_attempts=attempts)
        if attempts >= max_attempts:
            if base.update(
                status=status.ERROR,
                finished_at=now,
                error_reason=(
                    f"We tried to grade this attempt {attempts} times and the grader stopped "
                    "each time. This can happen when code uses far too much memory or time. "
                    "Your code is saved; check it and submit again."
                ),
            ):
                report.failed.append(pk)
                submission_notify_finished(submission_id=pk)
        elif base.update(status=status.QUEUED, started_at=None, enqueued_at=now):
            report.requeued.append(pk)

    stale_queued = (
        Submission.objects.filter(status=status.QUEUED)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - queued_after))
        .values_list("pk", "created_at")
    )
    for pk, created_at in stale_queued:
        if pk in report.requeued:
            continue
        if created_at < now - give_up_after:
            if Submission.objects.filter(pk=pk, status=status.QUEUED).update(
                status=status.ERROR,
                finished_at=now,
                error_reason=(
                    "The grading service was unavailable for too long to grade this attempt. "
                    "Your code is saved; please submit again."
                ),
            ):
                report.failed.append(pk)
                submission_notify_finished(submission_id=pk)
            continue
        if Submission.objects.filter(pk=pk, status=status.QUEUED).update(enqueued_at=now):
            report.requeued.append(pk)

    for pk in report.requeued:
        submission_enqueue(submission_id=pk)
    if report.requeued or report.failed:
        logger.warning("sweep: requeued %s, gave up on %s", report.requeued, report.failed)
    return report


# --- help for a stuck student -----------------------------------------------------------------


def help_reveal_hint(*, user: User, exercise: Exercise, version: ExerciseVersion) -> int:
    """Reveal the next hint (none past the last); returns how many are now shown."""
    with transaction.atomic():
        row, _ = HelpUsed.objects.select_for_update().get_or_create(user=user, exercise=exercise)
        row.hints_shown = min(row.hints_shown + 1, len(hints_of(version.meta or {})))
        row.save(update_fields=["hints_shown", "updated_at"])
    return row.hints_shown


def help_reveal_solution(*, user: User, exercise: Exercise) -> None:
    """The student chose to read the worked solution before solving (recorded once)."""
    row, _ = HelpUsed.objects.get_or_create(user=user, exercise=exercise)
    if row.solution_shown_at is None:
        row.solution_shown_at = timezone.now()
        row.save(update_fields=["solution_shown_at", "updated_at"])

""" "Try it" on the exercise page: run your function on arguments you type, beside the reference.

Nothing is stored in the database: a try is not a submission (no score, no history, no
dashboard). The web process validates the request and sends a Celery task to the grading
queue (in laptop mode it runs in-process); the worker runs ``grader.tryit.try_it`` — the input
is evaluated only inside a jail — and leaves the result in the cache under a token bound to the
student, which the page reads (long-poll). A try counts against the same rate limit as
submissions.
"""

from __future__ import annotations

import secrets
import time
from typing import TYPE_CHECKING, Any

from django.core.cache import cache

from catalog.models import Exercise
from exercises.services import (
    ExerciseUnavailable,
    SubmissionRejected,
    _rate_limit_check,
    _rate_limit_refund,
    _spec_for_version,
    code_validate,
)
from grader.tryit import TryResult, input_problem, try_it

if TYPE_CHECKING:
    from django.contrib.auth.models import User

RESULT_TTL_SECONDS = 600
_TOKEN_BYTES = 12


class TryRejected(SubmissionRejected):
    """The input cannot be tried (empty, too long, not an expression)."""


def _key(user_id: int, token: str) -> str:
    return f"mlquiz:try:{user_id}:{token}"


def try_start(*, user: User, exercise: Exercise, code: str | bytes, args_text: str) -> str:
    """Validate, then send the try to a worker; returns the token its result is kept under.
    Raises a SubmissionRejected subclass (nothing sent) for bad code or input, an exercise
    that cannot be tried, or too many gradings."""
    text = code_validate(code)
    problem = input_problem(args_text)
    if problem:
        raise TryRejected(problem)
    version_id = exercise.current_version_id
    if version_id is None or not exercise.is_active or exercise.status != Exercise.Status.PUBLISHED:
        raise ExerciseUnavailable("This exercise is not open for submissions.")
    rate_key = _rate_limit_check(user_id=user.pk)
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    cache.set(_key(user.pk, token), {"done": False}, RESULT_TTL_SECONDS)
    from exercises.tasks import try_function

    try:
        try_function.apply_async(
            (version_id, text, args_text, user.pk, token),
            queue="grading",
            retry=True,
            retry_policy={"max_retries": 1, "interval_start": 0.1},
        )
    except Exception as exc:
        cache.delete(_key(user.pk, token))
        _rate_limit_refund(rate_key)
        raise SubmissionRejected(
            "Grading is unavailable right now; your code is still here. Try again shortly."
        ) from exc
    return token


def try_run(*, version_id: int, code: str, args_text: str, user_id: int, token: str) -> TryResult:
    """The worker's half: run both functions (jailed) and keep the result for the page."""
    try:
        result = try_it(_spec_for_version(version_id), code, args_text)
    except Exception:  # a broken exercise: the student still gets an answer, not a spinner
        result = TryResult("error", "this exercise cannot be tried right now")
    cache.set(_key(user_id, token), {"done": True, "result": result.to_dict()}, RESULT_TTL_SECONDS)
    return result


def try_result(*, user: User, token: str, wait_ms: int = 0) -> dict[str, Any] | None:
    """{"done": bool, "result": {...}} for the student's own token, or None (unknown,
    expired or someone else's). With `wait_ms`, waits up to that long for the result."""
    if not token or len(token) > 64:
        return None
    deadline = time.monotonic() + wait_ms / 1000
    delay = 0.02
    while True:
        entry: dict[str, Any] | None = cache.get(_key(user.pk, token))
        if entry is None or entry.get("done") or time.monotonic() >= deadline:
            return entry
        time.sleep(delay)
        delay = min(delay * 1.5, 0.2)

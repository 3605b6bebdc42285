"""Celery tasks for quizzes. Beat runs `close_expired_attempts` periodically."""

from __future__ import annotations

from celery import shared_task

from quizzes import services


@shared_task(name="quizzes.tasks.close_expired_attempts", ignore_result=True)
def close_expired_attempts() -> int:
    """Server-side deadline: submit timed attempts whose time is up, even if nobody visits."""
    return services.close_expired_attempts()

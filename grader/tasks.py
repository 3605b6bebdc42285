"""Celery task that grades one submission (queue `grading`).

A thin interface: the task takes an id and calls `exercises.services.submission_grade`,
which claims the row, runs the sandbox and stores the verdict exactly once.
"""

from __future__ import annotations

from celery import shared_task


@shared_task(
    name="grader.tasks.grade_submission",
    queue="grading",
    # Acknowledge only after the task ran, and requeue if the worker process dies mid-task
    # (kill -9, OOM): the claim in submission_grade makes a second delivery harmless.
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def grade_submission(submission_id: int) -> str:
    from exercises.services import submission_grade

    outcome = submission_grade(submission_id=submission_id)
    return outcome.action

"""Celery tasks of the exercises app: grading one submission, and the periodic sweep.

Both are thin interfaces over `exercises.services`, which claims, grades and stores
exactly once.
"""

from __future__ import annotations

from celery import shared_task

from exercises.services import submission_grade, submissions_sweep_stuck


@shared_task(
    # The name it was registered under when it lived in grader/tasks.py: messages already
    # queued under that name (and the "grader.tasks.*" route to the grading queue) still work.
    name="grader.tasks.grade_submission",
    queue="grading",
    # Acknowledge only after the task ran, and requeue if the worker process dies mid-task
    # (kill -9, OOM): the claim in submission_grade makes a second delivery harmless.
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def grade_submission(submission_id: int) -> str:
    outcome = submission_grade(submission_id=submission_id)
    return outcome.action


@shared_task(name="exercises.tasks.sweep_stuck_submissions", ignore_result=True)
def sweep_stuck_submissions() -> dict[str, int]:
    """Re-enqueue submissions stuck in queued/running; give up on repeated failures."""
    report = submissions_sweep_stuck()
    return {"requeued": len(report.requeued), "failed": len(report.failed)}


@shared_task(name="exercises.tasks.try_function", queue="grading", ignore_result=True)
def try_function(version_id: int, code: str, args_text: str, user_id: int, token: str) -> str:
    """ "Try it": nothing to lose if a worker dies mid-run (the page says so after a while)."""
    from exercises.trying import try_run

    return try_run(
        version_id=version_id, code=code, args_text=args_text, user_id=user_id, token=token
    ).status

"""Celery tasks of the courses app: a regrade job. A thin interface over
``courses.regrade.regrade_run``, which claims the job once and records its progress."""

from __future__ import annotations

from celery import shared_task

from courses.regrade import regrade_run


@shared_task(
    name="courses.tasks.regrade_job",
    # Regrading runs the sandbox like grading does: on the grading workers.
    queue="grading",
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    # A whole class's submissions take longer than one grading's limit.
    time_limit=3600,
    soft_time_limit=3500,
)
def regrade_job(job_id: int) -> str:
    return str(regrade_run(job_id=job_id).status)

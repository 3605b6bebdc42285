"""Celery tasks of the courses app: a regrade job (a thin interface over
``courses.regrade.regrade_run``, which claims the job once and records its progress), the
sweep that restarts regrades whose worker died, and the nightly activity count."""

from __future__ import annotations

from celery import shared_task

from courses.regrade import regrade_run, regrades_sweep_stalled


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


@shared_task(name="courses.tasks.sweep_stalled_regrades", ignore_result=True)
def sweep_stalled_regrades() -> list[int]:
    """Queue again the regrades whose worker died mid-run."""
    return regrades_sweep_stalled()


@shared_task(name="courses.tasks.warm_course_activity", ignore_result=True)
def warm_course_activity() -> int:
    """Count yesterday's (and older) activity of every open course once, just after
    midnight, so that no instructor's first dashboard view of the day pays for it."""
    from courses.selectors import course_activity_warm

    return course_activity_warm()

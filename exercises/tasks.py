"""Periodic jobs of the exercises app (scheduled by celery beat, see settings)."""

from __future__ import annotations

from celery import shared_task

from exercises.services import submissions_sweep_stuck


@shared_task(name="exercises.tasks.sweep_stuck_submissions", ignore_result=True)
def sweep_stuck_submissions() -> dict[str, int]:
    """Re-enqueue submissions stuck in queued/running; give up on repeated failures."""
    report = submissions_sweep_stuck()
    return {"requeued": len(report.requeued), "failed": len(report.failed)}

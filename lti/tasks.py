"""Celery tasks of the LTI app: thin interfaces over lti.services (queue ``maintenance``)."""

from __future__ import annotations

from celery import shared_task

from lti.services import outbox_drain, roster_sync, score_send


@shared_task(name="lti.tasks.send_score", ignore_result=True)
def send_score(outbox_id: int) -> str:
    """Post one queued score to its LMS line item (claimed, so a duplicate message is harmless)."""
    return score_send(outbox_id=outbox_id)


@shared_task(name="lti.tasks.drain_score_outbox", ignore_result=True)
def drain_score_outbox() -> dict[str, int]:
    """Send the scores still due: the LMS was down, or the task was never delivered."""
    return outbox_drain()


@shared_task(name="lti.tasks.sync_roster", ignore_result=True)
def sync_roster(binding_id: int) -> str:
    """Fetch a course's LMS roster (after an instructor's launch, or on demand)."""
    report = roster_sync(binding_id=binding_id)
    return report.error or f"{report.enrolled} learners, {report.staff} staff"

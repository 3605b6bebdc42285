"""Production settings with a faster sweep, for scripts/faults.py only.

In production celery beat sweeps every 30 s and re-sends rows queued for 60 s or running for
90 s. The fault runs keep the same mechanism and shorten the clock, so that a scenario
recovers in tens of seconds instead of minutes; docs/reliability.md gives both timings.
"""

from __future__ import annotations

from datetime import timedelta

from mlquiz.settings import *  # noqa: F403
from mlquiz.settings import CELERY_BEAT_SCHEDULE

GRADING_SWEEP_QUEUED_AFTER_SECONDS = 10
GRADING_SWEEP_RUNNING_AFTER_SECONDS = 20
CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,
    "sweep-stuck-submissions": {
        "task": "exercises.tasks.sweep_stuck_submissions",
        "schedule": timedelta(seconds=5),
    },
}

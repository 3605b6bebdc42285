"""The Celery application: grading workers consume the `grading` queue.

Start a worker with `celery -A mlquiz worker -Q grading` and the periodic
jobs with `celery -A mlquiz beat`. Configuration lives in settings.py under
the CELERY_ prefix.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import Celery
from celery.signals import worker_process_init, worker_process_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mlquiz.settings")

app = Celery("mlquiz")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("mlquiz.celery")


@worker_process_init.connect
def start_grading_sandbox(**kwargs: Any) -> None:
    """Start this worker process's sandbox zygote before the first task arrives,
    so no student waits for the interpreter and NumPy to start, and log the
    isolation mode the worker grades with."""
    from grader.sandbox import prestart

    logger.info("grading sandbox ready: %s", prestart())


@worker_process_shutdown.connect
def stop_grading_sandbox(**kwargs: Any) -> None:
    from grader.sandbox import shutdown

    shutdown()

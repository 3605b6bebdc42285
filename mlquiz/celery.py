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
from celery.signals import (
    task_postrun,
    task_prerun,
    worker_process_init,
    worker_process_shutdown,
)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mlquiz.settings")

app = Celery("mlquiz")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Celery's Django fixup closes the database connection around every task unless this is set,
# so each grading paid for a new PostgreSQL connection (a backend fork and authentication;
# see docs/performance.md for what keeping it saved). Keep connections as Django does for
# requests: `close_old_connections` below honours CONN_MAX_AGE and drops a broken connection.
app.conf.update(CELERY_DB_REUSE_MAX=10**9)

logger = logging.getLogger("mlquiz.celery")


@worker_process_init.connect
def start_grading_sandbox(**kwargs: Any) -> None:
    """Start this worker process's sandbox zygote before the first task arrives,
    so no student waits for the interpreter and NumPy to start, and log the
    isolation mode the worker grades with."""
    from django.db import connections

    from grader.sandbox import prestart

    # Before this process opens any connection: tell workers' connections apart from the web's.
    options = connections["default"].settings_dict.setdefault("OPTIONS", {})
    if "application_name" in options:
        options["application_name"] = "mlquiz-worker"
    logger.info("grading sandbox ready: %s", prestart())


@worker_process_shutdown.connect
def stop_grading_sandbox(**kwargs: Any) -> None:
    from grader.sandbox import shutdown

    shutdown()


@task_prerun.connect
@task_postrun.connect
def recycle_database_connections(sender: Any = None, **kwargs: Any) -> None:
    """What Django does around each request: close connections that errored or outlived
    CONN_MAX_AGE; the next query opens a fresh one (health-checked when reused).

    Not for an eager task (laptop mode): it runs inside the web request, whose connection,
    perhaps in a transaction, is the request's business."""
    from django.db import close_old_connections

    if getattr(getattr(sender, "request", None), "is_eager", False):
        return
    close_old_connections()

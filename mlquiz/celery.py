"""The Celery application: grading workers consume the `grading` queue.

Start a worker with `celery -A mlquiz worker -Q grading` and the periodic
jobs with `celery -A mlquiz beat`. Configuration lives in settings.py under
the CELERY_ prefix.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mlquiz.settings")

app = Celery("mlquiz")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

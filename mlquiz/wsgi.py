"""WSGI entry point (gunicorn mlquiz.wsgi)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mlquiz.settings")

application = get_wsgi_application()

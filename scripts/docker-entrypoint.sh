#!/usr/bin/env bash
# Container entry point: `web`, `worker`, `beat`, or any command.
set -euo pipefail
role=${1:-web}
case "$role" in
  web)
    python manage.py migrate --noinput
    python manage.py sync_content
    # Threads: a verdict long-poll holds its request while it waits (docs/reliability.md).
    exec gunicorn mlquiz.wsgi:application --bind 0.0.0.0:8000 \
      --workers "${WEB_CONCURRENCY:-3}" --worker-class gthread --threads 8 \
      --access-logfile - --timeout 30
    ;;
  worker)
    # Student code runs in the sandbox the grader builds inside this container.
    exec celery -A mlquiz worker -Q grading,maintenance --loglevel=INFO \
      --concurrency "${WORKER_CONCURRENCY:-1}" -n "worker@%h"
    ;;
  beat)
    exec celery -A mlquiz beat --loglevel=INFO --schedule /tmp/celerybeat-schedule
    ;;
  *)
    exec "$@"
    ;;
esac

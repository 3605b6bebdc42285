"""Settings: production refuses to start without a secret and passes check --deploy."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    prefixes = ("DJANGO_", "DATABASE_URL", "REDIS_URL")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key() -> None:
    result = run_manage("check", env={"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_passes_check_deploy() -> None:
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "k" * 20 + "a-long-random-production-secret-9f8e7d6c5b4",
            "DJANGO_ALLOWED_HOSTS": "mlquiz.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_secret_key_file_is_read(tmp_path: Path) -> None:
    key_file = tmp_path / "secret"
    key_file.write_text("file-secret-" + "x" * 50 + "\n")
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        env={
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY_FILE": str(key_file),
            "DJANGO_ALLOWED_HOSTS": "example.org",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "file-secret-" + "x" * 50


def test_laptop_defaults_use_sqlite_and_eager_grading() -> None:
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG)",
        env={},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "True"]


def test_redis_url_switches_to_celery_and_redis_cache() -> None:
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.CACHES['default']['BACKEND'])",
        env={"REDIS_URL": "redis://127.0.0.1:6379/9"},
    )
    assert result.returncode == 0, result.stderr
    eager, broker, cache = result.stdout.split()
    assert eager == "False"
    assert broker == "redis://127.0.0.1:6379/9"
    assert cache.endswith("RedisCache")


def test_csp_forbids_inline_scripts(client) -> None:
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src


def test_healthz_names_the_sandbox_mode_in_laptop_mode(client, db, settings) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["grading"] == "in-process"
    # "<kind>-zygote+<budget>", e.g. "root-zygote+cgroup-v1" (docs/sandbox.md, Modes)
    assert re.fullmatch(r"(root|userns)-(zygote|cold)\+[a-z0-9-]+", body["sandbox"]), body


def test_healthz_with_workers_does_not_start_a_sandbox(client, db, settings) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = False
    body = client.get("/healthz").json()
    assert body == {"status": "ok", "grading": "celery workers (queue grading)"}


def test_housekeeping_has_its_own_queue_and_grading_keeps_its_own() -> None:
    from mlquiz.celery import app

    router = app.amqp.router
    assert router.route({}, "grader.tasks.grade_submission")["queue"].name == "grading"
    for task in ("exercises.tasks.sweep_stuck_submissions", "quizzes.tasks.close_expired_attempts"):
        assert router.route({}, task)["queue"].name == "maintenance"

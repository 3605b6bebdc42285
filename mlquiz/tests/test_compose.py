"""docker-compose.yml cannot run here (no Docker engine): check that it is
well-formed and that everything it names exists in the project."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings

BASE = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((BASE / "docker-compose.yml").read_text())
    return data


def test_has_the_production_services(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == {"web", "worker", "beat", "redis", "postgres"}


def test_every_service_has_a_health_check(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        assert service.get("healthcheck", {}).get("test"), name


def test_data_lives_in_named_volumes(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert "redis-data:/data" in services["redis"]["volumes"]
    assert set(compose["volumes"]) == {"postgres-data", "redis-data"}


def test_worker_can_scale(compose: dict[str, Any]) -> None:
    worker = compose["services"]["worker"]
    # `--scale worker=N` fails with a fixed container name or a published port.
    assert "container_name" not in worker
    assert "ports" not in worker


def test_app_services_share_the_image_and_production_settings(compose: dict[str, Any]) -> None:
    for name in ("web", "worker", "beat"):
        service = compose["services"][name]
        assert service["build"] == "."
        env = service["environment"]
        assert env["DJANGO_DEBUG"] == "0"
        assert env["DJANGO_SECRET_KEY_FILE"].startswith("/run/secrets/")
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://redis:")
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert "SECRET_KEY=" not in str(env), "no secret may be committed in the compose file"


def test_commands_refer_to_things_that_exist(compose: dict[str, Any]) -> None:
    dockerfile = (BASE / "Dockerfile").read_text()
    entry = re.search(r'ENTRYPOINT \["([^"]+)"\]', dockerfile)
    assert entry is not None
    entrypoint = BASE / entry.group(1)
    assert entrypoint.is_file()
    script = entrypoint.read_text()
    for name in ("web", "worker", "beat"):
        role = compose["services"][name]["command"][0]
        assert re.search(rf"^\s*{role}\)", script, re.MULTILINE), role
    # The entry point starts the WSGI app and the Celery app that exist in the project.
    assert "gunicorn mlquiz.wsgi:application" in script
    assert (BASE / "mlquiz" / "wsgi.py").is_file()
    assert "celery -A mlquiz worker -Q grading" in script
    assert settings.CELERY_TASK_DEFAULT_QUEUE == "grading"
    assert (BASE / "mlquiz" / "celery.py").is_file()


def test_dockerfile_copies_files_that_exist() -> None:
    dockerfile = (BASE / "Dockerfile").read_text()
    for line in dockerfile.splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            sources = line.split()[1:-1]
            for source in sources:
                if source != ".":
                    assert (BASE / source).exists(), source
    assert "requirements.txt" in dockerfile
    assert "npm run build" in dockerfile


def test_secret_file_is_not_committed(compose: dict[str, Any]) -> None:
    secret = compose["secrets"]["django_secret_key"]["file"]
    assert "secrets/" in (BASE / ".gitignore").read_text()
    assert secret.startswith("./secrets/")

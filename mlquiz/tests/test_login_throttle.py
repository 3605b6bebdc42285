"""Login throttling must stop guessing without letting one person lock out a whole class."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.services import user_create

pytestmark = pytest.mark.django_db


def _users(count: int) -> list[str]:
    names = [f"pupil{i}" for i in range(count)]
    for name in names:
        user_create(username=name, password=f"pw-{name}-ok")
    return names


def test_a_classroom_behind_one_address_is_not_locked_out_by_a_few_typos() -> None:
    names = _users(7)
    room = Client(REMOTE_ADDR="192.0.2.10")  # NAT, or the TLS proxy in front of gunicorn
    for name in names[:6]:
        response = room.post("/accounts/login/", {"username": name, "password": "typo"})
        assert response.status_code == 200
    response = room.post("/accounts/login/", {"username": names[6], "password": "pw-pupil6-ok"})
    assert response.status_code == 302


def test_one_username_is_still_locked_after_five_failures() -> None:
    (name,) = _users(1)
    client = Client(REMOTE_ADDR="192.0.2.11")
    for _ in range(5):
        client.post("/accounts/login/", {"username": name, "password": "guess"})
    response = client.post("/accounts/login/", {"username": name, "password": "pw-pupil0-ok"})
    assert response.status_code == 429


def test_an_address_spraying_many_usernames_is_locked(settings) -> None:
    settings.LOGIN_THROTTLE_ADDRESS_FAILURES = 8
    names = _users(9)
    sprayer = Client(REMOTE_ADDR="192.0.2.12")
    for name in names[:8]:
        sprayer.post("/accounts/login/", {"username": name, "password": "123456"})
    response = sprayer.post("/accounts/login/", {"username": names[8], "password": "pw-pupil8-ok"})
    assert response.status_code == 429
    # Someone else, elsewhere, is not affected.
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    response = elsewhere.post(
        "/accounts/login/", {"username": names[8], "password": "pw-pupil8-ok"}
    )
    assert response.status_code == 302


@pytest.fixture
def redis_down(settings) -> None:
    """The cache is Redis on a port where nothing listens (the outage of scripts/faults.py)."""
    # Django's setting_changed handler rebuilds the cache connections from the new CACHES.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }


def test_logging_in_works_while_redis_is_down(redis_down) -> None:
    """Found by scripts/faults.py redis: every log-in answered 500 during the outage."""
    (name,) = _users(1)
    client = Client(raise_request_exception=True)
    assert (
        client.post("/accounts/login/", {"username": name, "password": "wrong"}).status_code == 200
    )
    response = client.post("/accounts/login/", {"username": name, "password": "pw-pupil0-ok"})
    assert response.status_code == 302

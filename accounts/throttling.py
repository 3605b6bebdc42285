"""Failed-login throttling, kept in the cache (Redis in production).

Failures are counted per username and per client address; when either count
reaches the limit inside the window, further attempts are refused without
checking the password, so guessing costs the attacker the whole window.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _keys(request: HttpRequest, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    return [f"login-fail:user:{digest}", f"login-fail:addr:{address}"]


def login_is_locked(*, request: HttpRequest, username: str) -> bool:
    limit = settings.LOGIN_THROTTLE_FAILURES
    return any((cache.get(key) or 0) >= limit for key in _keys(request, username))


def login_failure_record(*, request: HttpRequest, username: str) -> None:
    window = settings.LOGIN_THROTTLE_WINDOW_SECONDS
    for key in _keys(request, username):
        # add() is a no-op when the key exists, so the window starts at the first failure.
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


def login_failures_clear(*, request: HttpRequest, username: str) -> None:
    cache.delete_many(_keys(request, username)[:1])

"""Failed-login throttling, kept in the cache (Redis in production).

Failures are counted per username and per client address; when either count
reaches the limit inside the window, further attempts are refused without
checking the password, so guessing costs the attacker the whole window.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.contrib.auth.forms import UsernameField
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


# The login form's own cleaning: strip, then NFKC. Like the form, it skips NFKC (slow on long
# input) for names too long to be an account's: the form's limit is the username field's
# max_length (150 for auth.User); 254, the form's fallback, is above it.
_LOGIN_NAME = UsernameField(max_length=254)


def _account_key(username: str) -> str:
    """One key for every spelling of a log-in name that can reach the same account.

    The login form cleans the name before Django's case-sensitive lookup, so "ｒｔｔｈｒｏｔｔｌｅ"
    (full-width) logs in as "rtthrottle": the key must be taken after the same cleaning, or each
    spelling would get its own five guesses. Lower-casing on top only merges spellings that
    cannot be two accounts (sign-up refuses names that differ only in case).
    """
    return str(_LOGIN_NAME.to_python(username)).lower()


def _keys(request: HttpRequest, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(_account_key(username).encode()).hexdigest()[:32]
    return [f"login-fail:user:{digest}", f"login-fail:addr:{address}"]


def _address_limit() -> int:
    # One address is often many people: a classroom behind NAT, or every user when a
    # TLS-terminating proxy is REMOTE_ADDR. With the per-username limit here too, five typos
    # by five students locked the whole class out; the address limit only stops spraying.
    default = 10 * settings.LOGIN_THROTTLE_FAILURES
    return int(getattr(settings, "LOGIN_THROTTLE_ADDRESS_FAILURES", default))


def login_is_locked(*, request: HttpRequest, username: str) -> bool:
    user_key, address_key = _keys(request, username)
    try:
        return (cache.get(user_key) or 0) >= settings.LOGIN_THROTTLE_FAILURES or (
            cache.get(address_key) or 0
        ) >= _address_limit()
    except Exception:
        # Redis down: nobody could log in (a 500 on every attempt) for as long as it is
        # down. The password check still runs; fail open, like the grading rate limit.
        logger.warning("login throttle unavailable (cache error); allowing", exc_info=True)
        return False


def login_failure_record(*, request: HttpRequest, username: str) -> None:
    window = settings.LOGIN_THROTTLE_WINDOW_SECONDS
    try:
        for key in _keys(request, username):
            # add() is a no-op when the key exists, so the window starts at the first failure.
            cache.add(key, 0, timeout=window)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=window)
    except Exception:
        logger.warning("login throttle unavailable (cache error); not counted", exc_info=True)


def login_failures_clear(*, request: HttpRequest, username: str) -> None:
    try:
        cache.delete_many(_keys(request, username)[:1])
    except Exception:
        logger.warning("login throttle unavailable (cache error); not cleared", exc_info=True)

"""Write operations on accounts: users, the profile, personal API tokens."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import TOKEN_PREFIX, ApiToken, Profile, new_token_value, token_digest
from accounts.roles import instructor_group


@transaction.atomic
def user_create(*, username: str, password: str, email: str = "", instructor: bool = False) -> User:
    user = User.objects.create_user(username=username, email=email, password=password)
    if instructor:
        user.groups.add(instructor_group())
    return user


@transaction.atomic
def user_make_instructor(*, user: User) -> User:
    user.groups.add(instructor_group())
    return user


# --- Profile -----------------------------------------------------------------------------


def profile_get(*, user: User) -> Profile:
    """The user's profile, created on first use: accounts made before profiles existed (or by
    createsuperuser) have none, and nothing else needs one to exist."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def profile_set_student_id(*, user: User, student_id: str) -> Profile:
    profile = profile_get(user=user)
    profile.student_id = student_id.strip()
    profile.save(update_fields=["student_id"])
    return profile


# --- API tokens --------------------------------------------------------------------------

# How stale `last_used_at` may get: a script calling the API in a loop must not turn every
# read into a write, and "last used" on the account page only needs minute precision.
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)
# A token is "mlq_" + 43 URL-safe characters; anything far longer is not ours (and is not
# worth hashing).
TOKEN_MAX_LENGTH = 200


def api_token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new personal token; the raw value is returned here once and never stored (only its
    SHA-256), so whoever created it must copy it now."""
    raw = new_token_value()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[: ApiToken._meta.get_field("name").max_length or 100],
        prefix=raw[: len(TOKEN_PREFIX) + 4],
        digest=token_digest(raw),
    )
    return token, raw


def api_token_revoke(*, user: User, token_id: int) -> bool:
    """Revoke one of ``user``'s tokens; False when there is no such live token of theirs (so
    nobody can revoke, or learn of, another user's token by id)."""
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return updated > 0


def api_token_authenticate(*, raw: str) -> User | None:
    """The active user a live token belongs to, or None (unknown, revoked, or the account was
    deactivated). Marks the token used, at most once per TOKEN_TOUCH_INTERVAL."""
    if not raw or len(raw) > TOKEN_MAX_LENGTH or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.filter(digest=token_digest(raw), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_TOUCH_INTERVAL:
        # Conditional, so concurrent requests write once.
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - TOKEN_TOUCH_INTERVAL)
        ).update(last_used_at=now)
    return token.user

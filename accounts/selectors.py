"""Read queries on accounts."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import F, QuerySet

from accounts.models import ApiToken


def api_tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    """The user's tokens for the account page: live ones first, newest first (the digest is
    never needed to show one)."""
    return (
        ApiToken.objects.filter(user=user)
        .defer("digest")
        .order_by(F("revoked_at").asc(nulls_first=True), "-created_at")
    )

"""What accounts adds to Django's user: a profile (the student id an LMS gradebook matches on)
and personal API tokens, stored hashed."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

TOKEN_PREFIX = "mlq_"  # noqa: S105 - a label in front of every token, not a secret


def token_digest(raw: str) -> str:
    """SHA-256 of a token: tokens are long and random, so a fast hash is enough (no salt)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def new_token_value() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    student_id = models.CharField(
        max_length=64, blank=True, help_text="Your institution's student number, if you have one."
    )

    def __str__(self) -> str:
        return f"profile of {self.user_id}"


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, blank=True)
    # The first characters, shown on the account page so a token can be recognised.
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"

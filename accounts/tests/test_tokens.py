"""Personal API tokens: created once, stored hashed, revoked, authenticated; the command."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import ApiToken, token_digest
from accounts.services import (
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    user_create,
)

pytestmark = pytest.mark.django_db


def test_the_raw_token_is_not_stored_only_its_hash(student) -> None:
    token, raw = api_token_create(user=student, name="laptop")
    row = ApiToken.objects.get(pk=token.pk)
    assert raw.startswith("mlq_") and len(raw) > 40
    assert row.digest == token_digest(raw)
    stored = [
        str(v)
        for v in ApiToken.objects.values_list(*[f.attname for f in ApiToken._meta.fields]).get()
    ]
    assert all(raw not in value for value in stored)
    assert raw.startswith(row.prefix) and len(row.prefix) < 12


def test_authenticate_accepts_a_live_token_and_refuses_others(student) -> None:
    _, raw = api_token_create(user=student)
    assert api_token_authenticate(raw=raw) == student
    assert api_token_authenticate(raw=raw + "x") is None
    assert api_token_authenticate(raw="") is None
    assert api_token_authenticate(raw="not-a-token") is None
    assert api_token_authenticate(raw="mlq_" + "a" * 5000) is None


def test_revoked_token_and_deactivated_user_no_longer_authenticate(student, other_student) -> None:
    token, raw = api_token_create(user=student)
    assert not api_token_revoke(user=other_student, token_id=token.pk)  # not theirs
    assert api_token_authenticate(raw=raw) == student
    assert api_token_revoke(user=student, token_id=token.pk)
    assert not api_token_revoke(user=student, token_id=token.pk)  # already revoked
    assert api_token_authenticate(raw=raw) is None
    _, raw2 = api_token_create(user=student)
    student.is_active = False
    student.save()
    assert api_token_authenticate(raw=raw2) is None


def test_last_used_is_written_at_most_once_a_minute(student) -> None:
    token, raw = api_token_create(user=student)
    assert token.last_used_at is None
    api_token_authenticate(raw=raw)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    api_token_authenticate(raw=raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    api_token_authenticate(raw=raw)
    later = ApiToken.objects.get(pk=token.pk).last_used_at
    assert later is not None and later > first - timedelta(minutes=1)
    assert later <= timezone.now()


def test_command_prints_the_token_alone_on_the_last_line() -> None:
    user = user_create(username="scripter", password="pw-scripter-1")
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", "scripter", "--name", "ci", stdout=out, stderr=err)
    last = out.getvalue().rstrip("\n").splitlines()[-1]
    assert last.strip() == last and " " not in last
    assert api_token_authenticate(raw=last) == user
    assert "shown once" in err.getvalue()
    assert ApiToken.objects.get(user=user).name == "ci"


def test_command_refuses_an_unknown_user() -> None:
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        call_command("api_token", "ghost", stdout=io.StringIO(), stderr=io.StringIO())

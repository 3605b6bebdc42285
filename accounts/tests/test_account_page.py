"""The account page: the student id and the API token section."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from accounts.models import ApiToken, Profile
from accounts.services import api_token_authenticate, api_token_create

pytestmark = pytest.mark.django_db


def test_account_page_needs_login(client: Client) -> None:
    response = client.get("/accounts/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_student_id_is_saved_and_the_profile_created_lazily(student, student_client) -> None:
    assert not Profile.objects.filter(user=student).exists()
    page = student_client.get("/accounts/")
    assert page.status_code == 200
    assert "No token yet" in page.content.decode()
    response = student_client.post("/accounts/", {"student_id": "  s1234567 "})
    assert response.status_code == 302
    assert Profile.objects.get(user=student).student_id == "s1234567"
    assert 'value="s1234567"' in student_client.get("/accounts/").content.decode()
    too_long = student_client.post("/accounts/", {"student_id": "x" * 65})
    assert too_long.status_code == 400
    assert Profile.objects.get(user=student).student_id == "s1234567"


def test_create_shows_the_token_once_and_it_works(student, student_client) -> None:
    response = student_client.post("/accounts/tokens/new", {"name": "my script"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    match = re.search(r'id="new-token"[^>]*value="(mlq_[^"]+)"', body)
    assert match, body
    raw = match.group(1)
    assert "data-copy-target" in body
    again = student_client.get("/accounts/").content.decode()
    assert raw not in again
    token = ApiToken.objects.get(user=student)
    assert token.prefix in again and "my script" in again and "never" in again
    assert api_token_authenticate(raw=raw) == student
    assert "never" not in student_client.get("/accounts/").content.decode()


def test_revoke_is_a_post_of_ones_own_token(student, other_student, student_client) -> None:
    token, raw = api_token_create(user=student, name="old")
    theirs, their_raw = api_token_create(user=other_student)
    url = f"/accounts/tokens/{token.pk}/revoke"
    assert student_client.get(url).status_code == 405
    response = student_client.post(url, follow=True)
    assert "Token revoked" in response.content.decode()
    assert api_token_authenticate(raw=raw) is None
    assert "revoked" in student_client.get("/accounts/").content.decode()
    response = student_client.post(f"/accounts/tokens/{theirs.pk}/revoke", follow=True)
    assert "No such active token" in response.content.decode()
    assert api_token_authenticate(raw=their_raw) == other_student


def test_revoke_and_create_need_csrf(student) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    token, _ = api_token_create(user=student)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke").status_code == 403
    assert client.post("/accounts/tokens/new", {"name": "x"}).status_code == 403

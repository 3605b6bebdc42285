"""Tokens only: missing, malformed, unknown and revoked tokens are 401 JSON; sessions and
CSRF play no part."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import ApiToken
from accounts.services import api_token_revoke
from api.tests.world import api_world_make

pytestmark = pytest.mark.django_db

COURSES = "/api/v1/courses"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "Authentication required"),
        ("", "Authentication required"),
        ("Token abc", "Malformed"),
        ("Bearer", "Malformed"),
        ("Bearer ", "Malformed"),
        ("Bearer a b", "Malformed"),
        ("Basic dXNlcjpwYXNz", "Malformed"),
        ("Bearer mlq_not-a-real-token", "Unknown or revoked"),
        ("Bearer " + "x" * 10_000, "Unknown or revoked"),
    ],
)
def test_bad_authorization_is_401_json(header, message) -> None:
    api_world_make()
    headers = {} if header is None else {"Authorization": header}
    for response in (
        Client().get(COURSES, headers=headers),
        Client().post(COURSES, '{"title": "x"}', content_type="application/json", headers=headers),
    ):
        assert response.status_code == 401
        assert response["Content-Type"].startswith("application/json")
        assert message in response.json()["detail"]
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_401() -> None:
    world = api_world_make()
    assert world.call("owner", "get", COURSES).status_code == 200
    token = ApiToken.objects.get(user=world.users["owner"])
    assert api_token_revoke(user=world.users["owner"], token_id=token.pk)
    response = world.call("owner", "get", COURSES)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unknown or revoked token."}


def test_a_session_is_not_accepted() -> None:
    world = api_world_make()
    client = Client()
    client.force_login(world.users["owner"])
    assert client.get(COURSES).status_code == 401
    response = client.post(COURSES, '{"title": "x"}', content_type="application/json")
    assert response.status_code == 401


def test_csrf_does_not_apply_to_token_requests() -> None:
    world = api_world_make()
    # ApiWorld.call uses a client that enforces CSRF checks, without a CSRF token.
    response = world.call("owner", "post", COURSES, {"title": "No CSRF needed"})
    assert response.status_code == 201


def test_the_commands_last_line_is_a_working_token() -> None:
    world = api_world_make()
    out = io.StringIO()
    call_command("api_token", "owner", stdout=out, stderr=io.StringIO())
    token = out.getvalue().splitlines()[-1]
    response = Client().get(COURSES, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert {c["title"] for c in response.json()["courses"]} == {world.course.title}


def test_the_database_does_not_hold_the_raw_tokens() -> None:
    from django.db import connection

    world = api_world_make()
    with connection.cursor() as cursor:
        cursor.execute("SELECT prefix, digest, name FROM accounts_apitoken")
        rows = cursor.fetchall()
    dump = repr(rows)
    assert rows
    for raw in world.tokens.values():
        assert raw not in dump

"""CSRF: every URL refuses a state-changing request without the token, and changes nothing.

Routes come from walking the resolver (as in the authorization matrix), so a new endpoint is
covered without editing this file. Each POST/PUT/PATCH/DELETE is sent as the user allowed to
make it, with the data a real form would send, but without the CSRF token: the answer must
be 403 and the database must be exactly as before. A control test shows that the same
requests with the token do get through, so the 403s are about the token and nothing else.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse

from mlquiz.tests.matrix_world import GOOD, World, all_routes, world_make
from mlquiz.tests.test_authorization_matrix import EXPECTED, _admin_path

pytestmark = pytest.mark.django_db

PROJECT_ROUTES = [r for r in all_routes() if not r.pattern.startswith("admin/")]
ADMIN_ROUTES = [r for r in all_routes() if r.pattern.startswith("admin/")]

# The role that may change things through each route: CSRF protection matters most there.
ACTOR = {
    "courses:": "instructor",
    "quizzes:manage_list": "instructor",
    "quizzes:quiz_new": "instructor",
    "quizzes:quiz_edit": "instructor",
    "quizzes:quiz_results": "instructor",
    "quizzes:quiz_archive": "instructor",
    "catalog:": "instructor",
    "quizzes:generator_preview": "instructor",
    "instructor_home": "instructor",
    "courses:join": "student",
    "courses:my_progress": "student",
    "accounts:signup": "anonymous",
    "accounts:login": "anonymous",
}


# Routes another site must POST to by design: an LMS's OIDC login initiation and launch (LTI 1.3,
# lti/views.py). The OIDC state cookie and the single-use nonce protect them instead of Django's
# token; without them a request is refused with a 4xx and changes nothing (checked below).
CSRF_EXEMPT_BY_DESIGN = {"lti:login", "lti:launch"}


def _actor(name: str) -> str:
    for prefix in (name, name.split(":")[0] + ":"):
        if prefix in ACTOR:
            return ACTOR[prefix]
    return "student"


def _form_data(name: str, world: World) -> dict[str, Any]:
    """What the page's own form would post (valid where it is cheap to make it valid)."""
    return {
        "accounts:signup": {
            "username": "newbie",
            "password1": "Zq8!long-pass",
            "password2": "Zq8!long-pass",
        },
        "accounts:login": {"username": "alice", "password": "pw-alice-123"},
        "accounts:password_change": {
            "old_password": "pw-alice-123",
            "new_password1": "Zq8!long-pass",
            "new_password2": "Zq8!long-pass",
        },
        "exercises:exercise_submit": {"code": GOOD, "kind": "submit"},
        "quizzes:attempt_take": {"answer-1": "3", "action": "submit"},
        "quizzes:attempt_autosave": {"answer-1": "3"},
        "courses:join": {"code": world.other_course.join_code},
        "courses:course_create": {"title": "Forged course"},
        "courses:course_edit": {"title": "Forged title", "is_open": "on"},
    }.get(name, {})


def _snapshot() -> dict[str, int]:
    """Row counts and a fingerprint of every table the app owns."""
    state: dict[str, int] = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "contenttypes", "admin"}:
            continue
        rows = list(model._default_manager.order_by("pk").values())
        state[model._meta.label] = hash(repr(rows))
    return state


# The token API's endpoints ignore the session (docs/api.md): a forged request riding on a
# signed-in browser's cookies is a 401 (or 405 for a method the endpoint lacks), and changes
# nothing, which is what the 403 means for the session pages.
TOKEN_ONLY_ENDPOINTS = ("api:courses", "api:course_")


def _refusals(name: str) -> set[int]:
    return {401, 405} if name.startswith(TOKEN_ONLY_ENDPOINTS) else {403}


def _url(name: str, world: World) -> str:
    return reverse(name, kwargs=EXPECTED[name].kwargs(world))


@pytest.mark.parametrize("name", sorted(r.name for r in PROJECT_ROUTES if r.name))
def test_state_changing_request_without_token_is_refused(name: str) -> None:
    world = world_make()
    role = _actor(name)
    client = world.client(role, enforce_csrf_checks=True)
    url = _url(name, world)
    client.get(url)  # as a browser would: the page sets the CSRF cookie first
    before = _snapshot()
    data = _form_data(name, world)
    for method in ("post", "put", "patch", "delete"):
        send = getattr(client, method)
        response = send(url, data) if method == "post" else send(url)
        if name in CSRF_EXEMPT_BY_DESIGN:
            assert 400 <= response.status_code < 500, (name, method, response.status_code)
            assert _snapshot() == before, f"{method.upper()} {url} changed the database"
            continue
        assert response.status_code in _refusals(name), (
            f"{method.upper()} {url} as {role} without a CSRF token answered {response.status_code}"
        )
        assert _snapshot() == before, f"{method.upper()} {url} changed the database"


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=lambda r: r.name or r.pattern)
def test_admin_post_without_token_is_refused(route: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(_admin_path(route.pattern), {"username": "x", "password": "y"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name",
    ["exercises:exercise_submit", "quizzes:attempt_autosave", "courses:join", "accounts:login"],
)
def test_same_requests_with_the_token_get_through(name: str) -> None:
    """The control: the only thing the refused requests lacked was the token."""
    world = world_make()
    role = _actor(name)
    client = world.client(role, enforce_csrf_checks=True)
    url = _url(name, world)
    # A page with a form sets the csrftoken cookie (the log-in page for anonymous visitors).
    client.get(reverse("accounts:login") if role == "anonymous" else reverse("home"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    data = _form_data(name, world)
    # The page's script sends the token in a header; plain forms send it as a field.
    response = client.post(url, data, headers={"X-CSRFToken": token, "Accept": "application/json"})
    assert response.status_code != 403, response.content[:300]
    token = client.cookies[settings.CSRF_COOKIE_NAME].value  # logging in rotates the token
    response = client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code != 403, response.content[:300]


def test_a_token_from_another_session_is_refused() -> None:
    world = world_make()
    attacker = world.client("other_student", enforce_csrf_checks=True)
    attacker.get(reverse("home"))
    stolen = attacker.cookies[settings.CSRF_COOKIE_NAME].value
    victim = world.client("student", enforce_csrf_checks=True)
    victim.get(reverse("home"))
    before = _snapshot()
    response = victim.post(
        _url("exercises:exercise_submit", world),
        {"code": GOOD, "kind": "submit", "csrfmiddlewaretoken": stolen},
    )
    assert response.status_code == 403
    assert _snapshot() == before

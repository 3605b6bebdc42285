"""Extensions and score overrides through the token API: the same services (and audit
entries) as the browser's forms, TAs allowed, bad bodies a 400 or 422 that says why."""

from __future__ import annotations

import pytest

from api.tests.world import api_world_make
from courses.models import AuditEntry, Extension, ScoreOverride

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("student_results_checked")]


def _setup():
    world = api_world_make()
    base = f"/api/v1/courses/{world.course.pk}"
    listed = world.call(
        "owner",
        "post",
        f"{base}/items",
        {"exercise": "site-exp", "due": "2030-03-01T23:59", "points": 10},
    )
    assert listed.status_code in (200, 201), listed.content
    return world, base


def test_a_ta_grants_changes_lists_and_removes_an_extension() -> None:
    world, base = _setup()
    body = {"username": "alice", "exercise": "site-exp", "due": "2030-03-08T23:59"}
    granted = world.call("ta", "post", f"{base}/extensions", {**body, "reason": "ill"})
    assert granted.status_code == 200, granted.content
    data = granted.json()
    assert data["key"] == "exercise:site-exp" and data["username"] == "alice"
    assert data["due"].startswith("2030-03-08T")  # course time zone applied, then UTC
    extension = Extension.objects.get(course=world.course, user=world.users["student"])
    assert extension.reason == "ill" and extension.granted_by == world.users["ta"]

    changed = world.call(
        "ta", "post", f"{base}/extensions", {**body, "due": "2030-03-10T12:00", "reason": "still"}
    )
    assert changed.status_code == 200
    assert Extension.objects.filter(course=world.course).count() == 1
    listing = world.call("owner", "get", f"{base}/extensions").json()["extensions"]
    assert [(e["username"], e["key"], e["reason"]) for e in listing] == [
        ("alice", "exercise:site-exp", "still")
    ]

    removal = {"username": "alice", "exercise": "site-exp"}
    assert world.call("ta", "post", f"{base}/extensions/remove", removal).json() == {
        "removed": True
    }
    assert world.call("ta", "post", f"{base}/extensions/remove", removal).json() == {
        "removed": False
    }
    actions = list(
        AuditEntry.objects.filter(course=world.course)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == ["extension_grant", "extension_change", "extension_remove"]


def test_an_override_shows_in_the_gradebook_and_goes_away_again() -> None:
    world, base = _setup()
    body = {"username": "alice", "exercise": "site-exp", "points": 7.5, "reason": "oral"}
    assert world.call("coinstructor", "post", f"{base}/overrides", body).status_code == 200
    assert ScoreOverride.objects.get(course=world.course).points == 7.5
    book = world.call("owner", "get", f"{base}/gradebook").json()
    alice = next(s for s in book["students"] if s["username"] == "alice")
    assert alice["scores"]["exercise:site-exp"]["score"] == 7.5
    listing = world.call("ta", "get", f"{base}/overrides").json()["overrides"]
    assert listing == [
        {"username": "alice", "key": "exercise:site-exp", "points": 7.5, "reason": "oral"}
    ]
    removal = {"username": "alice", "exercise": "site-exp"}
    assert world.call("ta", "post", f"{base}/overrides/remove", removal).json()["removed"]
    book = world.call("owner", "get", f"{base}/gradebook").json()
    alice = next(s for s in book["students"] if s["username"] == "alice")
    assert alice["scores"]["exercise:site-exp"]["score"] is None


@pytest.mark.parametrize(
    ("path", "body", "status", "says"),
    [
        ("overrides", {"username": "nobody", "exercise": "site-exp", "points": 1, "reason": "x"},
         400, "No student 'nobody'"),
        ("overrides", {"username": "mallory", "exercise": "site-exp", "points": 1,
                       "reason": "x"}, 400, "No student 'mallory'"),  # not enrolled
        ("overrides", {"username": "alice", "points": 1, "reason": "x"}, 400, "exactly one"),
        ("overrides", {"username": "alice", "exercise": "site-exp", "quiz": "q", "points": 1,
                       "reason": "x"}, 400, "exactly one"),
        ("overrides", {"username": "alice", "exercise": "rival-secret", "points": 1,
                       "reason": "x"}, 400, "lists no exercise 'rival-secret'"),
        ("overrides", {"username": "alice", "exercise": "site-exp", "points": 11,
                       "reason": "x"}, 400, "between 0 and 10"),
        ("overrides", {"username": "alice", "exercise": "site-exp", "points": "7",
                       "reason": "x"}, 422, "points"),
        ("overrides", {"username": "alice", "exercise": "site-exp", "points": 1,
                       "reason": ""}, 422, "reason"),
        ("extensions", {"username": "alice", "exercise": "site-exp", "due": "2029-01-01T00:00",
                        "reason": "x"}, 400, "must be after the due date"),
        ("extensions", {"username": "alice", "exercise": "site-exp", "due": 1893456000,
                        "reason": "x"}, 422, "ISO 8601"),
        ("extensions", {"username": "alice", "exercise": "site-exp", "time_multiplier": 2,
                        "reason": "x"}, 400, "timed quizzes only"),
        ("extensions", {"username": "alice", "exercise": "site-exp", "reason": "x"}, 400,
         "new due date, a time multiplier"),
    ],
)  # fmt: skip
def test_bad_bodies_say_what_is_wrong_and_change_nothing(
    path: str, body: dict[str, object], status: int, says: str
) -> None:
    world, base = _setup()
    before = AuditEntry.objects.count()
    response = world.call("owner", "post", f"{base}/{path}", body)
    assert response.status_code == status, response.content
    assert says in response.json()["detail"]
    assert AuditEntry.objects.count() == before
    assert not Extension.objects.exists() and not ScoreOverride.objects.exists()

"""POST /api/v1/courses/<id>/students."""

from __future__ import annotations

import pytest

from api.tests.world import api_world_make
from courses.models import AuditEntry, Enrollment

pytestmark = pytest.mark.django_db


def students(world) -> str:
    return f"/api/v1/courses/{world.course.pk}/students"


def test_enrol_by_username_reports_unknown_names() -> None:
    world = api_world_make()
    body = {"usernames": ["mallory", "alice", "ghost", " mallory ", "", "owner", "ta"]}
    response = world.call("owner", "post", students(world), body)
    assert response.status_code == 200
    assert response.json() == {
        "enrolled": ["mallory", "alice"],
        "unknown": ["ghost"],
        "skipped": ["owner", "ta"],
    }
    enrolled = set(
        Enrollment.objects.filter(course=world.course).values_list("user__username", flat=True)
    )
    assert enrolled == {"alice", "mallory"}
    audit = AuditEntry.objects.get(course=world.course, action="enroll")
    assert audit.detail == {"usernames": ["mallory"]}  # alice had joined already
    again = world.call("coinstructor", "post", students(world), {"usernames": ["mallory"]})
    assert again.json()["enrolled"] == ["mallory"]
    assert Enrollment.objects.filter(course=world.course).count() == 2


def test_deactivated_accounts_are_unknown() -> None:
    world = api_world_make()
    stranger = world.users["stranger"]
    stranger.is_active = False
    stranger.save()
    response = world.call("owner", "post", students(world), {"usernames": ["mallory"]})
    assert response.json()["unknown"] == ["mallory"]


def test_who_may_enrol() -> None:
    world = api_world_make()
    body = {"usernames": ["mallory"]}
    assert world.call("ta", "post", students(world), body).status_code == 403
    assert world.call("rival", "post", students(world), body).status_code == 404
    assert world.call("student", "post", students(world), body).status_code == 403
    assert world.call("stranger", "post", students(world), body).status_code == 403
    assert not Enrollment.objects.filter(course=world.course, user=world.users["stranger"]).exists()
    assert world.call(None, "post", students(world), body).status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"usernames": "alice"},
        {"usernames": [1, 2]},
        {"usernames": None},
        {"usernames": ["a" * 151]},
        {"usernames": ["x"] * 5001},
        {"usernames": [], "extra": True},
    ],
)
def test_bad_bodies_are_422(body) -> None:
    world = api_world_make()
    response = world.call("owner", "post", students(world), body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Invalid request:")

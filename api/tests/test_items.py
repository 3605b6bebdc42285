"""POST /api/v1/courses/<id>/items: exercises and quizzes, due dates in the course's zone,
points; unknown and unusable slugs; who may."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from api.tests.world import api_world_make
from courses.models import AuditEntry, Course, CourseExercise, CourseQuiz

pytestmark = pytest.mark.django_db


def items(world) -> str:
    return f"/api/v1/courses/{world.course.pk}/items"


def test_add_an_exercise_with_a_naive_due_date_in_the_course_zone() -> None:
    world = api_world_make()
    Course.objects.filter(pk=world.course.pk).update(time_zone="America/New_York")
    response = world.call(
        "owner",
        "post",
        items(world),
        {"exercise": "site-exp", "due": "2026-03-01T23:59", "points": 7},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["key"] == "exercise:site-exp" and body["title"] == "Site exp"
    assert body["points"] == 7 and body["created"] is True
    entry = CourseExercise.objects.get(course=world.course, exercise=world.exercise)
    # 23:59 in New York (EST, UTC-5) is 04:59 UTC the next day.
    assert entry.due_at == datetime(2026, 3, 2, 4, 59, tzinfo=UTC)
    assert entry.points == 7
    assert datetime.fromisoformat(body["due"]) == entry.due_at
    assert AuditEntry.objects.get(course=world.course).action == "item_add"


def test_an_aware_due_date_is_kept_and_items_go_at_the_end() -> None:
    world = api_world_make()
    world.call("owner", "post", items(world), {"exercise": "owner-own"})
    response = world.call(
        "coinstructor",
        "post",
        items(world),
        {"exercise": "site-exp", "due": "2026-03-01T12:00:00Z"},
    )
    assert response.status_code == 201
    entries = list(CourseExercise.objects.filter(course=world.course))
    assert [e.exercise.slug for e in entries] == ["owner-own", "site-exp"]
    assert entries[1].due_at == datetime(2026, 3, 1, 12, tzinfo=UTC)
    assert entries[0].due_at is None and entries[0].points is None


def test_add_a_quiz() -> None:
    world = api_world_make()
    response = world.call(
        "owner", "post", items(world), {"quiz": "dot-quiz", "due": "2026-04-01T09:00+02:00"}
    )
    assert response.status_code == 201
    assert response.json()["key"] == "quiz:dot-quiz"
    entry = CourseQuiz.objects.get(course=world.course)
    assert entry.due_at == datetime(2026, 4, 1, 7, tzinfo=UTC)


def test_adding_a_listed_item_again_updates_it_with_200() -> None:
    world = api_world_make()
    world.call("owner", "post", items(world), {"exercise": "site-exp", "points": 5})
    response = world.call("owner", "post", items(world), {"exercise": "site-exp", "points": 9})
    assert response.status_code == 200
    assert response.json()["created"] is False
    assert CourseExercise.objects.get(course=world.course).points == 9


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"exercise": "no-such-thing"}, "'no-such-thing'"),
        ({"quiz": "no-such-quiz"}, "'no-such-quiz'"),
        # Someone else's private exercise reads exactly like an unknown one.
        ({"exercise": "rival-secret"}, "'rival-secret'"),
        # A quiz slug is not an exercise slug.
        ({"exercise": "dot-quiz"}, "'dot-quiz'"),
    ],
)
def test_unknown_or_unusable_slugs_are_400_naming_them(body, named) -> None:
    world = api_world_make()
    response = world.call("owner", "post", items(world), body)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert named in detail and detail.startswith("Unknown")
    assert not CourseExercise.objects.filter(course=world.course).exists()


def test_archived_and_site_draft_items_are_unknown() -> None:
    world = api_world_make()
    world.exercise.archived_at = timezone.now()
    world.exercise.save()
    response = world.call("owner", "post", items(world), {"exercise": "site-exp"})
    assert response.status_code == 400 and "'site-exp'" in response.json()["detail"]
    world.quiz.is_published = False
    world.quiz.save()
    response = world.call("owner", "post", items(world), {"quiz": "dot-quiz"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "body", [{"exercise": "site-exp", "quiz": "dot-quiz"}, {}, {"exercise": None, "quiz": None}]
)
def test_both_or_neither_key_is_400(body) -> None:
    world = api_world_make()
    response = world.call("owner", "post", items(world), body)
    assert response.status_code == 400
    assert response.json() == {"detail": 'Give exactly one of "exercise" or "quiz".'}


@pytest.mark.parametrize(
    "body",
    [
        {"exercise": "site-exp", "due": "tomorrow"},
        {"exercise": "site-exp", "due": "2026-03-01"},
        {"exercise": "site-exp", "due": 1767225600},
        {"exercise": "site-exp", "due": "2026-02-30T10:00"},
        {"exercise": "site-exp", "points": "10"},
        {"exercise": "site-exp", "points": -1},
        {"exercise": "site-exp", "points": 1.5},
        {"exercise": "site-exp", "points": True},
        {"exercise": "site-exp", "points": 10**12},
        {"exercise": 12},
        {"exercise": ["site-exp"]},
        {"exercise": "x" * 81},
        {"exercise": "site-exp", "unexpected": 1},
    ],
)
def test_wrong_types_are_422_with_a_readable_detail(body) -> None:
    world = api_world_make()
    response = world.call("owner", "post", items(world), body)
    assert response.status_code == 422, body
    payload = response.json()
    assert payload["detail"].startswith("Invalid request:")
    assert payload["errors"] and all("msg" in e and "loc" in e for e in payload["errors"])


def test_who_may_add_items() -> None:
    world = api_world_make()
    body = {"exercise": "site-exp"}
    # Staff who teach: yes. A TA of the course: 403 (they know it exists; the role says no).
    assert world.call("owner", "post", items(world), body).status_code == 201
    assert world.call("coinstructor", "post", items(world), body).status_code == 200
    ta = world.call("ta", "post", items(world), body)
    assert ta.status_code == 403 and "teaching assistant" in ta.json()["detail"]
    # An instructor of another course: 404, like a course that does not exist.
    rival = world.call("rival", "post", items(world), body)
    assert rival.status_code == 404 and rival.json() == {"detail": "No such course."}
    assert world.call("rival", "post", "/api/v1/courses/999999/items", body).status_code == 404
    # Students teach nothing: 403 whatever the id (which tells them nothing about the course).
    for who in ("student", "stranger"):
        for path in (items(world), "/api/v1/courses/999999/items"):
            response = world.call(who, "post", path, body)
            assert response.status_code == 403, (who, path)
            assert response.json() == {"detail": "This endpoint is for course staff."}


def test_the_owner_may_use_their_own_library_but_not_anothers() -> None:
    world = api_world_make()
    assert world.call("owner", "post", items(world), {"exercise": "owner-own"}).status_code == 201
    # The co-instructor cannot list the owner's personal exercise (not theirs to use).
    other = world.call("coinstructor", "post", items(world), {"exercise": "rival-secret"})
    assert other.status_code == 400


def test_an_archived_course_refuses_items() -> None:
    world = api_world_make()
    Course.objects.filter(pk=world.course.pk).update(archived_at=timezone.now())
    response = world.call("owner", "post", items(world), {"exercise": "site-exp"})
    assert response.status_code == 400 and "archived" in response.json()["detail"]

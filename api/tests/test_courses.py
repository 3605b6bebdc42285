"""GET /api/v1/courses and POST /api/v1/courses."""

from __future__ import annotations

import pytest

from api.tests.world import api_world_make
from courses.models import AuditEntry, Course, CourseStaff, StaffRole

pytestmark = pytest.mark.django_db

COURSES = "/api/v1/courses"


def test_list_gives_each_user_their_courses_and_role() -> None:
    world = api_world_make()
    expected = {
        "owner": [(world.course.pk, "owner")],
        "coinstructor": [(world.course.pk, "instructor")],
        "ta": [(world.course.pk, "ta")],
        "student": [(world.course.pk, "student")],
        "stranger": [],
        "rival": [(world.other_course.pk, "owner")],
    }
    for who, courses in expected.items():
        response = world.call(who, "get", COURSES)
        assert response.status_code == 200, who
        body = response.json()
        assert set(body) == {"courses"}
        assert [(c["id"], c["role"]) for c in body["courses"]] == courses, who
        for course in body["courses"]:
            assert set(course) == {"id", "title", "role"}


def test_archived_courses_are_not_listed() -> None:
    from django.utils import timezone

    world = api_world_make()
    Course.objects.filter(pk=world.course.pk).update(archived_at=timezone.now())
    assert world.call("owner", "get", COURSES).json() == {"courses": []}
    assert world.call("student", "get", COURSES).json() == {"courses": []}


def test_an_instructor_creates_a_course_they_own() -> None:
    world = api_world_make()
    response = world.call("rival", "post", COURSES, {"title": "  Deep learning  "})
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "title", "join_code"}
    course = Course.objects.get(pk=body["id"])
    assert (course.title, course.join_code, course.owner) == (
        "Deep learning",
        body["join_code"],
        world.users["rival"],
    )
    assert CourseStaff.objects.get(course=course).role == StaffRole.OWNER
    listed = world.call("rival", "get", COURSES).json()["courses"]
    assert {"id": course.pk, "title": "Deep learning", "role": "owner"} in listed


@pytest.mark.parametrize("who", ["student", "stranger", "ta"])
def test_non_instructors_may_not_create_courses(who) -> None:
    world = api_world_make()
    before = Course.objects.count()
    response = world.call(who, "post", COURSES, {"title": "Mine"})
    assert response.status_code == 403
    assert response.json() == {"detail": "Only instructors create courses."}
    assert Course.objects.count() == before
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": ""},
        {"title": "   "},
        {"title": 5},
        {"title": None},
        {"title": "x" * 201},
        {"title": "ok", "extra": 1},
        {"title": ["a"]},
    ],
)
def test_course_create_rejects_bad_titles_with_422(body) -> None:
    world = api_world_make()
    response = world.call("owner", "post", COURSES, body)
    assert response.status_code == 422, body
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail.startswith("Invalid request:")

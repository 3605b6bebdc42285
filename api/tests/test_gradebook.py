"""GET /api/v1/courses/<id>/gradebook: the issue's shape, scores in points (partial credit,
late flags, overrides), the student id from the profile, and who may read it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import profile_set_student_id
from api.tests.world import api_world_make
from courses.models import ScoreOverride
from exercises.models import Submission

pytestmark = pytest.mark.django_db


def gradebook(world) -> str:
    return f"/api/v1/courses/{world.course.pk}/gradebook"


def submit(user, exercise, *, score: float, when) -> None:
    submission = Submission.objects.create(
        user=user,
        exercise=exercise,
        exercise_version=exercise.current_version,
        code="def f(x):\n    return x\n",
        kind=Submission.Kind.SUBMIT,
        status=Submission.Status.GRADED,
        passed=score == 1.0,
        score=score,
        verdict={"status": "passed" if score == 1.0 else "failed", "tests": [], "output": ""},
    )
    Submission.objects.filter(pk=submission.pk).update(created_at=when)


def test_gradebook_has_the_issues_shape_with_points_late_flags_and_overrides() -> None:
    world = api_world_make()
    alice, mallory = world.users["student"], world.users["stranger"]
    profile_set_student_id(user=alice, student_id="s-0042")
    now = timezone.now()
    due = now - timedelta(days=1)
    submit(alice, world.exercise, score=0.5, when=due - timedelta(hours=2))  # on time
    submit(alice, world.exercise, score=1.0, when=now)  # late, penalty 0 %: full credit, late
    world.call(
        "owner", "post", f"/api/v1/courses/{world.course.pk}/students", {"usernames": ["mallory"]}
    )
    world.call(
        "owner",
        "post",
        f"/api/v1/courses/{world.course.pk}/items",
        {"exercise": "site-exp", "due": due.isoformat(), "points": 20},
    )
    world.call("owner", "post", f"/api/v1/courses/{world.course.pk}/items", {"quiz": "dot-quiz"})
    ScoreOverride.objects.create(
        course=world.course, user=mallory, quiz=world.quiz, points=0.5, reason="oral exam"
    )

    response = world.call("ta", "get", gradebook(world))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "students"}
    assert [item["key"] for item in body["items"]] == ["exercise:site-exp", "quiz:dot-quiz"]
    first = body["items"][0]
    assert set(first) == {"key", "title", "points_possible", "due"}
    assert first["title"] == "Site exp" and first["points_possible"] == 20
    assert first["due"] is not None
    assert body["items"][1]["due"] is None
    students = {s["username"]: s for s in body["students"]}
    assert set(students) == {"alice", "mallory"}
    for student in students.values():
        assert set(student) == {"username", "email", "student_id", "scores"}
        assert set(student["scores"]) == {"exercise:site-exp", "quiz:dot-quiz"}
        for cell in student["scores"].values():
            assert set(cell) == {"score", "late"}
    assert students["alice"]["email"] == "a@example.org"
    assert students["alice"]["student_id"] == "s-0042"
    assert students["alice"]["scores"]["exercise:site-exp"] == {"score": 20.0, "late": True}
    assert students["alice"]["scores"]["quiz:dot-quiz"]["score"] in (None, 0, 0.0)
    assert students["mallory"]["student_id"] == ""
    assert students["mallory"]["scores"]["quiz:dot-quiz"] == {"score": 0.5, "late": False}
    assert students["mallory"]["scores"]["exercise:site-exp"]["score"] in (None, 0, 0.0)


def test_an_empty_course_has_an_empty_gradebook() -> None:
    world = api_world_make()
    world.call("owner", "post", "/api/v1/courses", {"title": "Empty"})
    response = world.call("rival", "get", f"/api/v1/courses/{world.other_course.pk}/gradebook")
    assert response.status_code == 200
    assert response.json() == {"items": [], "students": []}


def test_who_may_read_the_gradebook() -> None:
    world = api_world_make()
    for who in ("owner", "coinstructor", "ta"):
        assert world.call(who, "get", gradebook(world)).status_code == 200, who
    assert world.call("rival", "get", gradebook(world)).status_code == 404
    assert world.call("student", "get", gradebook(world)).status_code == 403
    assert world.call("stranger", "get", gradebook(world)).status_code == 403
    assert world.call(None, "get", gradebook(world)).status_code == 401
    assert world.call("owner", "get", "/api/v1/courses/0/gradebook").status_code == 404


def test_the_gradebook_costs_the_same_queries_for_ten_times_the_students(
    django_assert_max_num_queries,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.services import user_create

    world = api_world_make()
    url = gradebook(world)
    world.call(
        "owner", "post", f"/api/v1/courses/{world.course.pk}/items", {"exercise": "site-exp"}
    )
    world.call("owner", "post", f"/api/v1/courses/{world.course.pk}/items", {"quiz": "dot-quiz"})

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert world.call("owner", "get", url).status_code == 200
        return len(queries)

    few = count()
    names = [f"s{i:03d}" for i in range(30)]
    for name in names:
        user = user_create(username=name, password="pw-12345678")
        submit(user, world.exercise, score=0.5, when=timezone.now())
    world.call("owner", "post", f"/api/v1/courses/{world.course.pk}/students", {"usernames": names})
    with django_assert_max_num_queries(few):
        assert len(world.call("owner", "get", url).json()["students"]) == 31
    assert count() == few


def test_the_written_document_is_what_the_schema_would_render() -> None:
    """The endpoint writes its JSON itself (courses.exports.gradebook_json) instead of
    validating every cell through GradebookOut: the two must agree, byte for byte once
    parsed, including text that needs escaping and dates."""
    import json

    from ninja.responses import NinjaJSONEncoder

    from api.schemas import GradebookOut
    from courses import scoring

    world = api_world_make()
    alice = world.users["student"]
    alice.first_name, alice.email = 'Al"ice\\', 'a"\u00e9@example.org'
    alice.save()
    profile_set_student_id(user=alice, student_id="=1+2 \u2603")
    now = timezone.now()
    submit(alice, world.exercise, score=0.3333333333333333, when=now)
    world.call(
        "owner",
        "post",
        f"/api/v1/courses/{world.course.pk}/items",
        {"exercise": "site-exp", "due": (now - timedelta(days=1)).isoformat(), "points": 7},
    )
    world.call("owner", "post", f"/api/v1/courses/{world.course.pk}/items", {"quiz": "dot-quiz"})
    ScoreOverride.objects.create(
        course=world.course, user=alice, quiz=world.quiz, points=1.25, reason="oral exam"
    )

    written = world.call("ta", "get", gradebook(world))
    assert written.status_code == 200 and written["Content-Type"] == "application/json"

    book = scoring.gradebook(course=world.course)
    document = {
        "items": [
            {"key": i.key, "title": i.title, "points_possible": i.points_possible, "due": i.due}
            for i in book.items
        ],
        "students": [
            {
                "username": row.username,
                "email": row.email,
                "student_id": row.student_id,
                "scores": {
                    item.key: {
                        "score": cell.points if (cell := row.cells.get(item.key)) else None,
                        "late": cell.late if cell else False,
                    }
                    for item in book.items
                },
            }
            for row in book.rows
        ],
    }
    rendered = json.dumps(GradebookOut.model_validate(document).model_dump(), cls=NinjaJSONEncoder)
    assert json.loads(written.content) == json.loads(rendered)
    assert len(json.loads(written.content)["students"][0]["scores"]) == 2

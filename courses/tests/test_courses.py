"""Courses: creating, joining with a code, isolation between instructors, "My progress"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from catalog.models import Exercise
from courses.models import Course, Enrollment
from courses.services import JoinRefused, enrollment_join
from exercises.models import Submission

pytestmark = pytest.mark.django_db


def test_instructor_creates_a_course_with_exercises_and_due_dates(
    instructor_client: Client, instructor: User, make_exercise: Callable[..., Exercise]
) -> None:
    exercise = make_exercise("dot-product")
    response = instructor_client.post(
        "/instructor/courses/new",
        {
            "title": "Spring class",
            "description": "",
            "exercises": [exercise.pk],
            f"due_{exercise.pk}": "2030-01-15T09:00",
        },
    )
    assert response.status_code == 302
    course = Course.objects.get(title="Spring class")
    assert course.owner == instructor
    assert len(course.join_code) == 8
    row = course.course_exercises.get()
    assert row.exercise == exercise
    assert row.due_at is not None and row.due_at.year == 2030


def test_student_joins_with_the_code_case_and_spaces_ignored(
    student_client: Client, student: User, course: Course
) -> None:
    code = course.join_code
    response = student_client.post("/courses/join/", {"code": f" {code[:4].lower()} {code[4:]} "})
    assert response.status_code == 302
    assert Enrollment.objects.filter(course=course, user=student).exists()
    # Joining twice is harmless.
    student_client.post("/courses/join/", {"code": code})
    assert Enrollment.objects.filter(course=course, user=student).count() == 1


def test_wrong_or_closed_code_is_refused_with_a_message(
    student_client: Client, student: User, course: Course
) -> None:
    response = student_client.post("/courses/join/", {"code": "NOPE1234"})
    assert response.status_code == 200
    assert b"No course has this join code" in response.content
    course.is_open = False
    course.save()
    with pytest.raises(JoinRefused, match="closed"):
        enrollment_join(user=student, code=course.join_code)
    assert not Enrollment.objects.exists()


def test_new_join_code_invalidates_the_old_one(
    instructor_client: Client, student: User, course: Course
) -> None:
    old = course.join_code
    instructor_client.post(f"/instructor/courses/{course.pk}/join-code")
    course.refresh_from_db()
    assert course.join_code != old
    with pytest.raises(JoinRefused):
        enrollment_join(user=student, code=old)


def test_instructor_cannot_see_another_instructors_course_or_students(
    course: Course,
    student: User,
    other_student: User,
    other_instructor: User,
    submit: Callable[..., Submission],
) -> None:
    enrollment_join(user=student, code=course.join_code)
    exercise = course.exercises.first()
    assert exercise is not None
    submission = submit(student, exercise, passed=True)
    intruder = Client()
    intruder.force_login(other_instructor)
    base = f"/instructor/courses/{course.pk}/"
    for path in [
        "",
        "heatmap",
        "gradebook.csv",
        f"exercises/{exercise.pk}/",
        f"students/{student.pk}/",
        f"submissions/{submission.pk}/",
        "edit",
    ]:
        response = intruder.get(base + path)
        assert response.status_code == 404, path
        assert student.username.encode() not in response.content
    assert course.title.encode() not in intruder.get("/instructor/courses/").content


def test_course_page_checks_run_in_order_login_method_then_course_and_role(
    client: Client, student_client: Client, course: Course, other_instructor: User
) -> None:
    """`course_view`: the course and role lookup comes last, so a wrong method is a 405 whoever
    owns the course, and a student's or another instructor's POST is a 404 that changes
    nothing."""
    join_code = f"/instructor/courses/{course.pk}/join-code"
    assert client.get(join_code)["Location"].startswith("/accounts/login/")
    assert student_client.get(join_code).status_code == 405
    assert student_client.post(join_code).status_code == 404
    intruder = Client()
    intruder.force_login(other_instructor)
    assert intruder.get(join_code).status_code == 405
    assert intruder.get(f"/instructor/courses/{course.pk + 1000}/join-code").status_code == 405
    assert intruder.put(f"/instructor/courses/{course.pk}/edit").status_code == 405
    old = course.join_code
    assert intruder.post(join_code).status_code == 404
    course.refresh_from_db()
    assert course.join_code == old


def test_drill_down_only_for_students_of_the_course(
    instructor_client: Client,
    course: Course,
    student: User,
    other_student: User,
    submit: Callable[..., Submission],
) -> None:
    enrollment_join(user=student, code=course.join_code)
    exercise = course.exercises.first()
    outsider_submission = submit(other_student, exercise, passed=False)
    base = f"/instructor/courses/{course.pk}/"
    assert instructor_client.get(base + f"students/{student.pk}/").status_code == 200
    assert instructor_client.get(base + f"students/{other_student.pk}/").status_code == 404
    assert instructor_client.get(base + f"submissions/{outsider_submission.pk}/").status_code == 404


def test_my_progress_shows_lessons_topics_and_due_dates(
    student_client: Client, student: User, course: Course, submit: Callable[..., Submission]
) -> None:
    enrollment_join(user=student, code=course.join_code)
    dot = course.exercises.get(slug="dot-product")
    submit(student, dot, passed=False)
    submit(student, dot, passed=True)
    response = student_client.get("/progress/")
    assert response.status_code == 200
    progress = response.context["progress"]
    assert (progress.solved, progress.total) == (1, 2)
    [lesson] = progress.lessons
    assert (lesson.solved, lesson.total, lesson.percent) == (1, 2, 50)
    [topic] = progress.topics
    assert topic.key == "linear-algebra" and topic.solved == 1
    [due] = progress.due
    assert due.exercise == dot and due.solved
    assert b"ML math, spring" in response.content
    other = course.exercises.exclude(pk=dot.pk).get()
    possible = dot.points + other.points
    assert (progress.points, progress.points_possible) == (dot.points, possible)
    assert (topic.points, topic.points_possible) == (dot.points, possible)
    assert progress.next_exercise == other  # the first unsolved one
    page = response.content.decode()
    assert f"{dot.points} of {possible} points" in page
    assert f'/exercises/{other.slug}/">{other.title}</a>' in page


def test_my_progress_needs_login(client: Client) -> None:
    assert client.get("/progress/").status_code == 302


def test_absurd_ids_are_a_form_error_not_a_crash(instructor_client: Client) -> None:
    response = instructor_client.post(
        "/instructor/courses/new", {"title": "X", "lessons": "9223372036854775808"}
    )
    assert response.status_code == 200
    assert not Course.objects.exists()

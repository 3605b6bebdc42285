"""The gradebook CSV in its three layouts, parsed back with ``csv``: partial credit, a quiz
column, a late flag, an override, totals, points possible, and formula safety."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from accounts.models import Profile
from accounts.services import user_create
from catalog.models import Exercise
from courses import scoring
from courses.exports import number
from courses.models import Course, CourseExercise, ScoreOverride
from courses.services import course_set_material, enrollment_join
from exercises.models import Submission
from quizzes.models import Attempt, Quiz, QuizSlot

pytestmark = pytest.mark.django_db

CONTENT_QUESTIONS = Path(settings.CONTENT_DIR) / "questions"

GENERATORS = sorted(p.name for p in (CONTENT_QUESTIONS / "linear-algebra").iterdir())[:2]


@dataclass(frozen=True)
class Book:
    course: Course
    dot: Exercise
    inverse: Exercise
    quiz: Quiz
    ada: User
    bob: User


def _graded(user: User, exercise: Exercise, score: float, *, days_ago: float = 0) -> None:
    assert exercise.current_version is not None
    submission = Submission.objects.create(
        user=user,
        exercise=exercise,
        exercise_version=exercise.current_version,
        code="def f(x):\n    return x\n",
        kind=Submission.Kind.SUBMIT,
        status=Submission.Status.GRADED,
        passed=score >= 1.0,
        score=score,
        verdict={"status": "passed" if score >= 1 else "failed", "tests": [], "output": ""},
    )
    when = timezone.now() - timedelta(days=days_ago)
    Submission.objects.filter(pk=submission.pk).update(created_at=when)


@pytest.fixture
def book(course: Course, student: User, other_student: User, instructor: User) -> Book:
    """ada: 89 % on dot-product (10 points), matrix-inverse solved a day late (20 points, no
    penalty), 3 of 4 on the quiz. bob: an override of 7 on dot-product, nothing else."""
    quiz = Quiz.objects.create(slug="la-check", title="Linear algebra check")
    for order, name in enumerate(GENERATORS):
        QuizSlot.objects.create(quiz=quiz, order=order, generator=name, count=1, points=2)
    dot = course.exercises.get(slug="dot-product")
    inverse = course.exercises.get(slug="matrix-inverse")
    course_set_material(
        course=course,
        lesson_ids=[],
        exercise_ids=[dot.pk, inverse.pk],
        due={dot.pk: timezone.now() + timedelta(days=3)},
        quiz_ids=[quiz.pk],
    )
    CourseExercise.objects.filter(course=course, exercise=inverse).update(
        due_at=timezone.now() - timedelta(days=2), late_penalty_percent=0
    )
    student.first_name, student.last_name = "Ada", "Lovelace"
    student.save()
    Profile.objects.create(user=student, student_id="S1815")
    for user in (student, other_student):
        enrollment_join(user=user, code=course.join_code)
    _graded(student, dot, 0.89)
    _graded(student, inverse, 0.5, days_ago=3)
    _graded(student, inverse, 1.0, days_ago=1)
    Attempt.objects.create(
        quiz=quiz,
        user=student,
        number=1,
        status=Attempt.Status.SUBMITTED,
        submitted_at=timezone.now(),
        score=3,
        max_score=4,
    )
    ScoreOverride.objects.create(
        course=course,
        user=other_student,
        exercise=dot,
        points=7,
        reason="oral exam",
        set_by=instructor,
    )
    scoring.results_rebuild(course=course)
    return Book(course, dot, inverse, quiz, student, other_student)


def _get(client: Client, book: Book, layout: str | None) -> list[list[str]]:
    url = f"/instructor/courses/{book.course.pk}/gradebook.csv"
    response = client.get(url, {"layout": layout} if layout else {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"-{layout or 'plain'}-" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_plain_layout(instructor_client: Client, book: Book) -> None:
    header, possible, *rows = _get(instructor_client, book, None)
    assert header == [
        "username",
        "name",
        "email",
        "student_id",
        "exercise:dot-product",
        "exercise:dot-product late",
        "exercise:matrix-inverse",
        "exercise:matrix-inverse late",
        "quiz:la-check",
        "quiz:la-check late",
        "total",
        "total possible",
    ]
    assert possible[0] == "Points Possible"
    assert possible[4:] == ["10", "", "20", "", "4", "", "34", "34"]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    ada = by_name["student1"]
    assert (ada["name"], ada["student_id"]) == ("Ada Lovelace", "S1815")
    assert float(ada["exercise:dot-product"]) == pytest.approx(8.9)  # partial credit kept
    assert ada["exercise:dot-product late"] == ""
    assert float(ada["exercise:matrix-inverse"]) == 20
    assert ada["exercise:matrix-inverse late"] == "late"
    assert float(ada["quiz:la-check"]) == 3  # quizzes are columns and count in the total
    assert float(ada["total"]) == pytest.approx(31.9)
    bob = by_name["student2"]
    assert float(bob["exercise:dot-product"]) == 7
    assert bob["exercise:dot-product late"] == "overridden"
    assert bob["exercise:matrix-inverse"] == "" and bob["quiz:la-check"] == ""
    assert float(bob["total"]) == 7


def test_canvas_layout(instructor_client: Client, book: Book) -> None:
    header, possible, *rows = _get(instructor_client, book, "canvas")
    assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert header[5:] == [
        f"Dot Product ({book.dot.pk})",
        f"Matrix Inverse ({book.inverse.pk})",
        f"Linear algebra check ({book.quiz.pk})",
        "Final Points",
    ]
    assert possible[0] == "Points Possible" and possible[5:] == ["10", "20", "4", "34"]
    by_login = {row[3]: row for row in rows}
    ada = by_login["s1@example.org"]
    assert ada[0] == "Lovelace, Ada" and ada[2] == "S1815"
    assert [float(x) for x in ada[5:]] == pytest.approx([8.9, 20, 3, 31.9])
    bob = by_login["student2"]  # no email: the username
    assert bob[0] == "student2" and bob[5:] == ["7", "", "", "7"]


def test_moodle_layout(instructor_client: Client, book: Book) -> None:
    header, *rows = _get(instructor_client, book, "moodle")
    assert header == [
        "Email address",
        "ID number",
        "First name",
        "Last name",
        "Exercise: Dot Product",
        "Exercise: Matrix Inverse",
        "Quiz: Linear algebra check",
        "Course total",
    ]
    assert len(rows) == 2  # no points-possible row: Moodle would take it for a student
    ada = next(row for row in rows if row[1] == "S1815")
    assert ada[2:4] == ["Ada", "Lovelace"]
    assert [float(x) for x in ada[4:]] == pytest.approx([8.9, 20, 3, 31.9])
    bob = next(row for row in rows if row is not ada)
    assert bob[4:] == ["7", "", "", "7"]


@pytest.mark.parametrize("layout", ["plain", "canvas", "moodle"])
def test_every_layout_is_formula_safe(instructor_client: Client, book: Book, layout: str) -> None:
    evil = user_create(username="=cmd", password="x", email="@evil")
    enrollment_join(user=evil, code=book.course.join_code)
    Profile.objects.create(user=evil, student_id="+1")
    text = "\n".join(",".join(row) for row in _get(instructor_client, book, layout))
    assert "'@evil" in text and "'+1" in text
    assert ",=" not in text and ",@" not in text and ",+" not in text


def test_an_unknown_layout_is_a_400_that_names_the_choices(
    instructor_client: Client, book: Book
) -> None:
    response = instructor_client.get(
        f"/instructor/courses/{book.course.pk}/gradebook.csv", {"layout": "excel"}
    )
    assert response.status_code == 400
    assert b"plain, canvas, moodle" in response.content


@pytest.mark.parametrize(
    ("value", "text"), [(8.9, "8.9"), (10.0, "10"), (0.1 + 0.2, "0.3"), (None, ""), (0.0, "0")]
)
def test_numbers_read_like_numbers(value: float | None, text: str) -> None:
    assert number(value) == text


def test_heatmap_and_drill_down_show_the_same_points_as_the_export(
    instructor_client: Client, book: Book
) -> None:
    """The dashboard reads the same results: partial credit, the late mark, the quiz column,
    and an override on an item the student never worked on."""
    from courses import selectors

    heatmap = selectors.course_heatmap(course=book.course, sort="points")
    assert [item.key for item in heatmap.columns] == [
        "exercise:dot-product",
        "exercise:matrix-inverse",
        "quiz:la-check",
    ]
    ada, bob = heatmap.rows
    assert (ada.student, ada.points, bob.student, bob.points) == (book.ada, 31.9, book.bob, 7)
    dot, inverse, quiz = ada.cells
    assert dot is not None and dot.points == pytest.approx(8.9) and dot.band == "mid"
    assert inverse is not None and inverse.late and inverse.band == "full"
    assert quiz is not None and quiz.points == 3
    overridden = bob.cells[0]
    assert overridden is not None and overridden.overridden and overridden.points == 7
    page = instructor_client.get(f"/instructor/courses/{book.course.pk}/students/{book.bob.pk}/")
    assert page.status_code == 200
    assert page.context["scores"].points == 7
    assert b"set by staff" in page.content
    ada_page = instructor_client.get(
        f"/instructor/courses/{book.course.pk}/students/{book.ada.pk}/"
    )
    assert [a.score for a in ada_page.context["quiz_attempts"]] == [3]
    assert b"Quiz attempts (1)" in ada_page.content

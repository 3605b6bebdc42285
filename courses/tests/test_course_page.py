"""The students' course page and "My courses": order, due dates in the course's time zone,
status and points per item, "continue where you left off", progress counted per course."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.models import Exercise, Lesson
from courses import course_page as course_page_module
from courses.course_page import course_page, due_label, my_courses
from courses.models import Course, CourseExercise, CourseQuiz, Extension, ScoreOverride
from courses.scoring import results_rebuild
from courses.services import course_create, enrollment_join
from exercises.models import Submission
from quizzes import services as quiz_services
from quizzes.bank import get_generator

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_due_label_names_the_course_zone() -> None:
    due = datetime(2025, 12, 12, 22, 59, tzinfo=UTC)
    assert due_label(due, "Europe/Berlin") == "Fri 12 Dec 2025, 23:59 CET (Europe/Berlin)"
    assert due_label(due, "America/New_York") == "Fri 12 Dec 2025, 17:59 EST (America/New_York)"
    assert due_label(None, "UTC") == ""
    assert due_label(due, "Not/AZone") == "Fri 12 Dec 2025, 22:59 UTC"


@pytest.fixture
def berlin(
    instructor: User, lesson: Lesson, make_exercise: Callable[..., Exercise]
) -> tuple[Course, list[Exercise]]:
    """A course in Berlin time: three exercises (one with 5 course points), a quiz."""
    first, second, third = (
        make_exercise("vectors", points=10),
        make_exercise("matrices", points=20),
        make_exercise("norms", points=10),
    )
    quiz = quiz_services.quiz_save(
        slug="warm-up",
        fields={"title": "Warm-up"},
        slots=[quiz_services.SlotSpec("dot-product", count=2, points=3)],
    )
    course = course_create(
        owner=instructor,
        title="Linear algebra",
        lesson_ids=[lesson.pk],
        exercise_ids=[second.pk, first.pk, third.pk],  # the course's order, not the catalog's
        due={
            second.pk: datetime(2025, 12, 12, 22, 59, tzinfo=UTC),
            first.pk: timezone.now() + timedelta(days=2),
        },
        quiz_ids=[quiz.pk],
    )
    course.time_zone = "Europe/Berlin"
    course.save(update_fields=["time_zone"])
    CourseExercise.objects.filter(course=course, exercise=third).update(points=5)
    return course, [second, first, third]


def test_only_enrolled_students_and_staff_open_the_course_page(
    berlin: tuple[Course, list[Exercise]],
    instructor: User,
    student: User,
    other_student: User,
    other_instructor: User,
    client: Client,
) -> None:
    course, _ = berlin
    url = reverse("courses:course_page", kwargs={"course_id": course.pk})
    enrollment_join(user=student, code=course.join_code)
    assert _client(student).get(url).status_code == 200
    assert _client(instructor).get(url).status_code == 200
    assert _client(other_student).get(url).status_code == 404
    assert _client(other_instructor).get(url).status_code == 404
    assert client.get(url).status_code == 302
    missing = reverse("courses:course_page", kwargs={"course_id": 999_999})
    assert _client(student).get(missing).status_code == 404


@pytest.mark.parametrize("from_item_results", [True, False], ids=["ItemResult", "submissions"])
def test_course_page_order_due_dates_status_and_points(
    berlin: tuple[Course, list[Exercise]],
    student: User,
    submit: Callable[..., Submission],
    monkeypatch: pytest.MonkeyPatch,
    from_item_results: bool,
) -> None:
    """Both result sources (the scoring rows and the fallback) give the same page."""
    monkeypatch.setattr(course_page_module, "RESULTS_FROM_ITEM_RESULTS", from_item_results)
    course, (second, first, third) = berlin
    enrollment_join(user=student, code=course.join_code)
    # Late: solved after the (past) due date; attempted; not started.
    submit(student, second, passed=True, when=datetime(2025, 12, 13, 9, 0, tzinfo=UTC))
    submit(student, first, passed=False)
    results_rebuild(course=course)  # what the verdict_stored signal does after a real grading
    response = _client(student).get(reverse("courses:course_page", kwargs={"course_id": course.pk}))
    assert response.status_code == 200
    page = response.context["page"]
    items = [item for section in page.sections for item in section.items]
    assert [i.title for i in items] == [second.title, first.title, third.title, "Warm-up"]
    assert [i.status for i in items] == ["late", "attempted", "not started", "not started"]
    assert items[0].due == "Fri 12 Dec 2025, 23:59 CET (Europe/Berlin)"
    assert [i.points_possible for i in items] == [20, 10, 5, 6]
    assert items[0].points == 20 and items[1].points == 5  # best score 0.5 of 10
    assert (page.solved, page.total) == (1, 4)
    assert page.points_possible == 41
    body = response.content.decode()
    assert "Fri 12 Dec 2025, 23:59 CET (Europe/Berlin)" in body
    assert "1 of 4</strong> solved" in body
    # Continue: the most recently touched unfinished item is the attempted one.
    assert page.continue_entry.title == first.title
    assert 'data-continue><a class="button" href="/exercises/vectors/"' in body


def test_an_extension_moves_the_due_date_for_late_marks(
    berlin: tuple[Course, list[Exercise]],
    instructor: User,
    student: User,
    submit: Callable[..., Submission],
) -> None:
    course, (second, _, _) = berlin
    enrollment_join(user=student, code=course.join_code)
    submit(student, second, passed=True, when=datetime(2025, 12, 13, 9, 0, tzinfo=UTC))
    Extension.objects.create(
        course=course,
        user=student,
        exercise=second,
        due_at=datetime(2025, 12, 14, tzinfo=UTC),
        granted_by=instructor,
    )
    results_rebuild(course=course)
    page = course_page(course=course, user=student)
    assert page.sections[0].items[0].status == "solved"


def test_quiz_points_and_continue_falls_back_to_first_unsolved(
    berlin: tuple[Course, list[Exercise]], student: User
) -> None:
    course, (second, _, _) = berlin
    enrollment_join(user=student, code=course.join_code)
    page = course_page(course=course, user=student)
    assert page.continue_entry is not None and page.continue_entry.title == second.title
    quiz = CourseQuiz.objects.get(course=course).quiz
    attempt = quiz_services.attempt_start(user=student, quiz=quiz)
    questions = list(attempt.questions.order_by("position"))
    right = get_generator("dot-product").generate(questions[0].seed).to_json()["answer"]
    quiz_services.attempt_submit(
        attempt=attempt, responses={questions[0].position: str(right), questions[1].position: "0"}
    )
    attempt.refresh_from_db()
    results_rebuild(course=course)  # the attempt_graded signal runs on commit, not in a test
    page = course_page(course=course, user=student)
    quiz_entry = page.sections[-1].items[-1]
    assert quiz_entry.kind == "quiz" and quiz_entry.status == "solved"
    assert quiz_entry.status_label == "submitted"
    assert quiz_entry.points == pytest.approx(6 * attempt.score / attempt.max_score)
    assert attempt.score >= 3


def test_join_lands_on_the_course_page(
    berlin: tuple[Course, list[Exercise]], student: User
) -> None:
    course, _ = berlin
    response = _client(student).post(reverse("courses:join"), {"code": course.join_code})
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:course_page", kwargs={"course_id": course.pk})


def test_progress_is_counted_per_course_not_the_catalog(
    berlin: tuple[Course, list[Exercise]],
    student: User,
    make_exercise: Callable[..., Exercise],
    submit: Callable[..., Submission],
    instructor: User,
) -> None:
    course, (second, _, _) = berlin
    for n in range(5):  # catalog exercises outside the course
        make_exercise(f"extra-{n}")
    other = course_create(owner=instructor, title="Other class", exercise_ids=[second.pk])
    enrollment_join(user=student, code=course.join_code)
    enrollment_join(user=student, code=other.join_code)
    submit(student, second, passed=True)
    results_rebuild(course=course)
    results_rebuild(course=other)
    summaries = {row.course.title: row for row in my_courses(user=student)}
    assert (summaries["Linear algebra"].solved, summaries["Linear algebra"].total) == (1, 4)
    assert (summaries["Other class"].solved, summaries["Other class"].total) == (1, 1)
    for url in (reverse("courses:my_progress"), reverse("courses:my_courses")):
        body = _client(student).get(url).content.decode()
        assert "1 of 4</strong> solved" in body
        assert "1 of 1</strong> solved" in body
    progress = _client(student).get(reverse("courses:my_progress")).content.decode()
    assert "Fri 12 Dec 2025, 23:59 CET (Europe/Berlin)" in progress  # due dates name the zone


def test_my_courses_empty_state(student: User) -> None:
    body = _client(student).get(reverse("courses:my_courses")).content.decode()
    assert "You are not in a course" in body
    assert reverse("courses:join") in body


def test_a_score_override_shows_on_the_course_page(
    berlin: tuple[Course, list[Exercise]], instructor: User, student: User
) -> None:
    course, (_, _, third) = berlin
    enrollment_join(user=student, code=course.join_code)
    ScoreOverride.objects.create(
        course=course, user=student, exercise=third, points=4, reason="oral exam", set_by=instructor
    )
    page = course_page(course=course, user=student)
    entry = next(i for s in page.sections for i in s.items if i.title == third.title)
    assert (entry.points, entry.points_possible) == (4, 5)

"""Deadlines that mean something (issue #21, item 3), end to end through real requests:
late policies on exercise submits and quiz starts, extensions lifting them, the time
multiplier on timed quizzes, the material form's policies and the course's time zone on pages.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.deadlines import due_display
from catalog.models import Exercise
from courses.models import (
    Course,
    CourseExercise,
    CourseQuiz,
    Extension,
    ItemResult,
    LatePolicy,
)
from courses.services import course_create, enrollment_join
from exercises.models import Submission
from exercises.tests.test_services import GOOD, make_exercise
from quizzes import services as quiz_services
from quizzes.models import Attempt, Quiz

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("student_results_checked")]

JSON = {"Accept": "application/json"}
PAST = timedelta(hours=2)


@pytest.fixture
def exercise() -> Exercise:
    return make_exercise()


@pytest.fixture
def quiz() -> Quiz:
    return quiz_services.quiz_save(
        slug="late-quiz",
        fields={"title": "Late quiz", "attempts_allowed": 0, "time_limit_minutes": 20},
        slots=[quiz_services.SlotSpec("dot-product", count=1, points=2)],
    )


def _course(
    owner: User,
    student: User,
    *,
    exercise: Exercise | None = None,
    quiz: Quiz | None = None,
    due: datetime | None = None,
    policy: str = LatePolicy.PENALTY,
    penalty: int = 0,
    title: str = "Course",
) -> Course:
    course = course_create(
        owner=owner,
        title=title,
        exercise_ids=[exercise.pk] if exercise else [],
        quiz_ids=[quiz.pk] if quiz else [],
    )
    CourseExercise.objects.filter(course=course).update(
        due_at=due, late_policy=policy, late_penalty_percent=penalty
    )
    CourseQuiz.objects.filter(course=course).update(
        due_at=due, late_policy=policy, late_penalty_percent=penalty
    )
    enrollment_join(user=student, code=course.join_code)
    return course


def _submit(client: Client, exercise: Exercise, *, kind: str = "submit", json: bool = True) -> Any:
    url = reverse("exercises:exercise_submit", args=[exercise.slug])
    return client.post(url, {"code": GOOD, "kind": kind}, headers=JSON if json else {})


# --- exercises ---------------------------------------------------------------------------------


def test_closed_exercise_refuses_a_late_submit_and_stores_nothing(
    instructor: User, student: User, student_client: Client, exercise: Exercise
) -> None:
    _course(instructor, student, exercise=exercise, due=timezone.now() - PAST, policy="closed")
    response = _submit(student_client, exercise)
    assert response.status_code == 403
    assert "closed on" in response.json()["error"]
    assert not Submission.objects.exists()
    # Without JavaScript: the page again, the message on it, the code kept.
    page = _submit(student_client, exercise, json=False)
    assert page.status_code == 403
    assert "closed on" in page.content.decode()
    assert GOOD.splitlines()[-1].strip() in page.content.decode()
    assert not Submission.objects.exists()
    # Run (examples only, never counted) stays open.
    assert _submit(student_client, exercise, kind="run").status_code == 202


@pytest.mark.parametrize(
    ("policy", "penalty", "warning"),
    [("penalty", 25, "late work gets 25 % off"), ("no_credit", 0, "late work gets no credit")],
)
def test_late_submit_with_penalty_or_no_credit_is_accepted_and_warned(
    instructor: User,
    student: User,
    student_client: Client,
    exercise: Exercise,
    policy: str,
    penalty: int,
    warning: str,
) -> None:
    _course(
        instructor,
        student,
        exercise=exercise,
        due=timezone.now() - PAST,
        policy=policy,
        penalty=penalty,
    )
    page = student_client.get(reverse("exercises:exercise_detail", args=[exercise.slug]))
    body = page.content.decode()
    assert warning in body and "a submission now will be late" in body
    assert _submit(student_client, exercise).status_code == 202
    assert Submission.objects.filter(kind="submit").count() == 1


def test_submit_before_the_due_date_shows_when_it_is_due(
    instructor: User, student: User, student_client: Client, exercise: Exercise
) -> None:
    due = timezone.now() + timedelta(days=2)
    _course(instructor, student, exercise=exercise, due=due, policy="closed")
    page = student_client.get(reverse("exercises:exercise_detail", args=[exercise.slug]))
    assert f"Due {due_display(due, 'UTC')}" in page.content.decode()
    assert "nothing is accepted after it" in page.content.decode()
    assert _submit(student_client, exercise).status_code == 202


def test_closed_in_one_course_but_open_in_another_still_accepts(
    instructor: User, student: User, student_client: Client, exercise: Exercise
) -> None:
    past = timezone.now() - PAST
    _course(instructor, student, exercise=exercise, due=past, policy="closed", title="A")
    _course(instructor, student, exercise=exercise, due=past, policy="no_credit", title="B")
    assert _submit(student_client, exercise).status_code == 202


def test_an_extension_lifts_the_closed_due_date_and_its_removal_restores_it(
    instructor: User, student: User, student_client: Client, exercise: Exercise
) -> None:
    course = _course(
        instructor, student, exercise=exercise, due=timezone.now() - PAST, policy="closed"
    )
    later = timezone.now() + timedelta(days=1)
    Extension.objects.create(course=course, user=student, exercise=exercise, due_at=later)
    page = student_client.get(reverse("exercises:exercise_detail", args=[exercise.slug]))
    assert "with your extension" in page.content.decode()
    assert _submit(student_client, exercise).status_code == 202
    Extension.objects.all().delete()
    Submission.objects.all().delete()
    assert _submit(student_client, exercise).status_code == 403


def test_students_of_no_course_and_staff_are_never_closed_out(
    instructor: User, student: User, other_student: User, exercise: Exercise
) -> None:
    _course(instructor, student, exercise=exercise, due=timezone.now() - PAST, policy="closed")
    client = Client()
    client.force_login(other_student)
    assert _submit(client, exercise).status_code == 202


# --- quizzes -----------------------------------------------------------------------------------


def _start(client: Client, quiz: Quiz) -> Any:
    return client.post(reverse("quizzes:quiz_start", args=[quiz.slug]), follow=True)


def test_quiz_cannot_start_after_its_own_closing_time(
    student: User, student_client: Client, quiz: Quiz
) -> None:
    Quiz.objects.filter(pk=quiz.pk).update(closes_at=timezone.now() - PAST)
    response = _start(student_client, quiz)
    assert "This quiz is closed." in response.content.decode()
    assert not Attempt.objects.exists()


def test_quiz_cannot_start_after_a_closed_due_date_until_an_extension(
    instructor: User, student: User, student_client: Client, quiz: Quiz
) -> None:
    course = _course(instructor, student, quiz=quiz, due=timezone.now() - PAST, policy="closed")
    page = student_client.get(reverse("quizzes:quiz_detail", args=[quiz.slug]))
    assert "No attempt is accepted after the due date" in page.content.decode()
    assert b"Start the quiz" not in page.content
    response = _start(student_client, quiz)
    assert "cannot be started after the due date" in response.content.decode()
    assert not Attempt.objects.exists()

    later = timezone.now() + timedelta(hours=1)
    Extension.objects.create(course=course, user=student, quiz=quiz, due_at=later)
    _start(student_client, quiz)
    attempt = Attempt.objects.get()
    # A closed item ends the attempt at the (extended) due date at the latest.
    assert attempt.deadline is not None and attempt.deadline <= later


@pytest.mark.parametrize("policy", ["penalty", "no_credit"])
def test_quiz_started_late_under_a_lenient_policy_is_allowed_and_said_late(
    instructor: User, student: User, student_client: Client, quiz: Quiz, policy: str
) -> None:
    _course(instructor, student, quiz=quiz, due=timezone.now() - PAST, policy=policy, penalty=10)
    page = student_client.get(reverse("quizzes:quiz_detail", args=[quiz.slug]))
    assert "an attempt started now will be late" in page.content.decode()
    _start(student_client, quiz)
    assert Attempt.objects.filter(user=student).count() == 1


def test_a_time_multiplier_lengthens_the_attempt_capped_by_the_close(
    instructor: User, student: User, student_client: Client, quiz: Quiz
) -> None:
    course = _course(instructor, student, quiz=quiz, due=None)
    Extension.objects.create(course=course, user=student, quiz=quiz, time_multiplier=1.5)
    before = timezone.now()
    _start(student_client, quiz)
    attempt = Attempt.objects.get()
    assert attempt.deadline is not None
    assert attempt.deadline - before >= timedelta(minutes=30)  # 20 × 1.5
    assert attempt.deadline - before < timedelta(minutes=31)

    # Capped by the quiz's closing time.
    quiz_services.attempt_submit(attempt=attempt, responses={})
    closes = timezone.now() + timedelta(minutes=25)
    Quiz.objects.filter(pk=quiz.pk).update(closes_at=closes)
    _start(student_client, quiz)
    second = Attempt.objects.filter(user=student).order_by("-number").first()
    assert second is not None and second.deadline == closes


def test_without_extension_the_attempt_gets_the_plain_time_limit(
    instructor: User, student: User, student_client: Client, quiz: Quiz
) -> None:
    _course(instructor, student, quiz=quiz, due=None)
    before = timezone.now()
    _start(student_client, quiz)
    attempt = Attempt.objects.get()
    assert attempt.deadline is not None
    assert timedelta(minutes=19) < attempt.deadline - before <= timedelta(minutes=20, seconds=5)


def test_an_extension_date_after_the_quiz_closes_lets_the_student_start(
    instructor: User, student: User, student_client: Client, quiz: Quiz
) -> None:
    course = _course(instructor, student, quiz=quiz, due=timezone.now() - PAST)
    Quiz.objects.filter(pk=quiz.pk).update(closes_at=timezone.now() - PAST)
    Extension.objects.create(
        course=course, user=student, quiz=quiz, due_at=timezone.now() + timedelta(hours=1)
    )
    _start(student_client, quiz)
    assert Attempt.objects.filter(user=student).count() == 1


# --- the material form: policies, points, time zone --------------------------------------------


def _form_data(exercise: Exercise, quiz: Quiz, **extra: str) -> dict[str, str]:
    return {
        "title": "Pacific class",
        "description": "",
        "is_open": "on",
        "time_zone": "America/Los_Angeles",
        "exercises": str(exercise.pk),
        "quizzes": str(quiz.pk),
        **extra,
    }


def test_course_form_reads_due_dates_in_the_course_time_zone_and_saves_policies(
    instructor_client: Client, instructor: User, exercise: Exercise, quiz: Quiz
) -> None:
    data = _form_data(
        exercise,
        quiz,
        **{
            f"due_{exercise.pk}": "2026-12-11T23:59",
            f"policy_{exercise.pk}": "penalty",
            f"penalty_{exercise.pk}": "30",
            f"points_{exercise.pk}": "15",
            f"quizdue_{quiz.pk}": "2026-07-01T09:00",
            f"quizpolicy_{quiz.pk}": "closed",
        },
    )
    response = instructor_client.post(reverse("courses:course_create"), data)
    assert response.status_code == 302
    course = Course.objects.get(title="Pacific class")
    assert course.time_zone == "America/Los_Angeles"
    entry = CourseExercise.objects.get(course=course)
    # 23:59 PST (UTC-8) is 07:59 UTC the next day.
    assert entry.due_at == datetime(2026, 12, 12, 7, 59, tzinfo=UTC)
    assert (entry.late_policy, entry.late_penalty_percent, entry.points) == ("penalty", 30, 15)
    quiz_entry = CourseQuiz.objects.get(course=course)
    assert quiz_entry.due_at == datetime(2026, 7, 1, 16, 0, tzinfo=UTC)  # 09:00 PDT
    assert quiz_entry.late_policy == "closed"

    # The edit form shows the dates on the course's clock again.
    page = instructor_client.get(reverse("courses:course_edit", args=[course.pk]))
    body = page.content.decode()
    assert 'value="2026-12-11T23:59"' in body and 'value="2026-07-01T09:00"' in body
    # Dashboard: with the zone's abbreviation, winter and summer.
    dashboard = instructor_client.get(reverse("courses:dashboard", args=[course.pk])).content
    assert b"Fri 11 Dec 2026, 23:59 PST" in dashboard
    assert b"Wed 1 Jul 2026, 09:00 PDT" in dashboard


def test_changing_a_policy_recomputes_results(
    instructor_client: Client, instructor: User, student: User, exercise: Exercise, quiz: Quiz
) -> None:
    due = timezone.now() - timedelta(days=1)
    course = _course(instructor, student, exercise=exercise, due=due, policy="penalty")
    version = exercise.current_version
    assert version is not None
    late = Submission.objects.create(
        user=student,
        exercise=exercise,
        exercise_version=version,
        code=GOOD,
        kind="submit",
        status="graded",
        score=1.0,
        passed=True,
    )
    Submission.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(hours=1))
    from courses.scoring import results_rebuild

    results_rebuild(course=course)
    assert ItemResult.objects.get().fraction == 1.0
    local_due = timezone.localtime(due, zoneinfo.ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M")
    data = {
        "title": course.title,
        "description": "",
        "is_open": "on",
        "time_zone": "UTC",
        "exercises": str(exercise.pk),
        f"due_{exercise.pk}": local_due,
        f"policy_{exercise.pk}": "no_credit",
    }
    response = instructor_client.post(reverse("courses:course_edit", args=[course.pk]), data)
    assert response.status_code == 302
    result = ItemResult.objects.get()
    assert result.fraction == 0.0 and result.late


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time_zone", "Mars/Olympus_Mons", "Select a valid choice"),
        ("penalty", "150", "less than or equal to 100"),
        ("policy", "sometimes", "Select a valid choice"),
        ("points", "-3", "greater than or equal to 0"),
        ("due", "yesterday-ish", "Enter a valid date/time"),
        # The year 10000 in UTC: PostgreSQL would refuse it (a 500 without the check).
        ("due", "9999-12-31T23:59", "between the years"),
    ],
)
def test_course_form_rejects_bad_item_settings(
    instructor_client: Client,
    exercise: Exercise,
    quiz: Quiz,
    field: str,
    value: str,
    message: str,
) -> None:
    data = _form_data(exercise, quiz)
    key = "time_zone" if field == "time_zone" else f"{field}_{exercise.pk}"
    data[key] = value
    response = instructor_client.post(reverse("courses:course_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Course.objects.filter(title="Pacific class").exists()


def test_a_time_that_does_not_exist_in_the_zone_is_a_form_error(
    instructor_client: Client, exercise: Exercise, quiz: Quiz
) -> None:
    # 2026-03-08 02:30 never happens in Los Angeles (clocks jump from 02:00 to 03:00).
    data = _form_data(exercise, quiz, **{f"due_{exercise.pk}": "2026-03-08T02:30"})
    response = instructor_client.post(reverse("courses:course_create"), data)
    assert response.status_code == 200
    assert "America/Los_Angeles" in response.content.decode()
    assert not Course.objects.filter(title="Pacific class").exists()


def test_a_new_course_defaults_to_the_server_time_zone(
    instructor_client: Client, settings: object
) -> None:
    page = instructor_client.get(reverse("courses:course_create"))
    assert '<option value="UTC" selected>' in page.content.decode()


# --- time zone on the student's pages ----------------------------------------------------------


def test_student_pages_show_due_dates_on_the_course_clock(
    instructor: User, student: User, student_client: Client, exercise: Exercise, quiz: Quiz
) -> None:
    due = datetime(2030, 1, 15, 7, 59, tzinfo=UTC)  # 23:59 PST on the 14th
    course = _course(instructor, student, exercise=exercise, quiz=quiz, due=due)
    Course.objects.filter(pk=course.pk).update(time_zone="America/Los_Angeles")
    expected = "Mon 14 Jan 2030, 23:59 PST"
    for url in (
        reverse("exercises:exercise_detail", args=[exercise.slug]),
        reverse("quizzes:quiz_detail", args=[quiz.slug]),
        reverse("courses:my_progress"),
    ):
        body = student_client.get(url).content.decode()
        assert expected in body, url


def test_due_display_formats_with_the_zone_abbreviation() -> None:
    moment = datetime(2026, 12, 12, 22, 59, tzinfo=UTC)
    assert due_display(moment, "Europe/Berlin") == "Sat 12 Dec 2026, 23:59 CET (Europe/Berlin)"
    assert due_display(moment, "Not/AZone") == "Sat 12 Dec 2026, 22:59 UTC"


def test_my_progress_and_quiz_page_show_the_students_extension(
    instructor: User, student: User, student_client: Client, exercise: Exercise, quiz: Quiz
) -> None:
    due = datetime(2030, 1, 15, 7, 59, tzinfo=UTC)
    extended = datetime(2030, 1, 17, 7, 59, tzinfo=UTC)  # Wed 16 Jan, 23:59 PST
    course = _course(instructor, student, exercise=exercise, quiz=quiz, due=due)
    Course.objects.filter(pk=course.pk).update(time_zone="America/Los_Angeles")
    Extension.objects.create(course=course, user=student, exercise=exercise, due_at=extended)
    Extension.objects.create(
        course=course, user=student, quiz=quiz, due_at=extended, time_multiplier=1.5
    )
    progress = student_client.get(reverse("courses:my_progress")).content.decode()
    assert progress.count("Wed 16 Jan 2030, 23:59 PST") == 2
    assert "Mon 14 Jan 2030" not in progress
    page = student_client.get(reverse("quizzes:quiz_detail", args=[quiz.slug])).content.decode()
    assert "30 minutes with your extension" in page
    assert "Wed 16 Jan 2030, 23:59 PST" in page and "with your extension" in page

"""Extensions, score overrides and the audit log, through the student drill-down's forms
(real requests, real database): TAs may use them, bad input changes nothing, every change is
audited and recomputes the student's result."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from accounts.services import user_create
from catalog.models import Exercise
from courses import scoring
from courses.models import (
    AuditEntry,
    Course,
    CourseExercise,
    CourseQuiz,
    CourseStaff,
    Extension,
    ItemResult,
    LatePolicy,
    ScoreOverride,
    StaffRole,
)
from courses.services import course_create, enrollment_join
from exercises.models import Submission
from exercises.tests.test_services import GOOD, make_exercise
from quizzes import services as quiz_services
from quizzes.models import Quiz

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("student_results_checked")]

DUE = datetime(2030, 1, 15, 7, 59, tzinfo=UTC)  # 23:59 PST on Mon 14 Jan 2030


@pytest.fixture
def exercise() -> Exercise:
    return make_exercise()


@pytest.fixture
def quiz() -> Quiz:
    return quiz_services.quiz_save(
        slug="timed",
        fields={"title": "Timed quiz", "time_limit_minutes": 10},
        slots=[quiz_services.SlotSpec("dot-product", count=1, points=4)],
    )


@pytest.fixture
def course(instructor: User, student: User, exercise: Exercise, quiz: Quiz) -> Course:
    course = course_create(
        owner=instructor,
        title="Pacific",
        exercise_ids=[exercise.pk],
        quiz_ids=[quiz.pk],
        time_zone="America/Los_Angeles",
    )
    CourseExercise.objects.filter(course=course).update(
        due_at=DUE, late_policy=LatePolicy.NO_CREDIT
    )
    CourseQuiz.objects.filter(course=course).update(due_at=DUE)
    enrollment_join(user=student, code=course.join_code)
    return course


@pytest.fixture
def ta_client(course: Course) -> Client:
    ta = user_create(username="ta", password="pw-ta-1")
    CourseStaff.objects.create(course=course, user=ta, role=StaffRole.TA)
    client = Client()
    client.force_login(ta)
    return client


def _url(name: str, course: Course, student: User) -> str:
    return reverse(f"courses:{name}", kwargs={"course_id": course.pk, "user_id": student.pk})


def _late_solve(student: User, exercise: Exercise, course: Course) -> None:
    version = exercise.current_version
    assert version is not None
    submission = Submission.objects.create(
        user=student,
        exercise=exercise,
        exercise_version=version,
        code=GOOD,
        kind="submit",
        status="graded",
        score=1.0,
        passed=True,
    )
    Submission.objects.filter(pk=submission.pk).update(created_at=DUE + timedelta(hours=5))
    scoring.results_rebuild(course=course)


# --- extensions --------------------------------------------------------------------------------


def test_ta_grants_an_extension_read_on_the_course_clock_and_it_is_audited(
    ta_client: Client, course: Course, student: User, exercise: Exercise
) -> None:
    _late_solve(student, exercise, course)
    assert ItemResult.objects.get().fraction == 0.0  # no credit after the due date
    response = ta_client.post(
        _url("extension_save", course, student),
        {
            "ext-item": f"exercise:{exercise.pk}",
            "ext-due_at": "2030-01-16T23:59",
            "ext-reason": "Flu, doctor's note",
        },
    )
    assert response.status_code == 302
    extension = Extension.objects.get()
    assert extension.due_at == datetime(2030, 1, 17, 7, 59, tzinfo=UTC)  # PST is UTC-8
    # The late solve is now on time: the result was recomputed.
    assert ItemResult.objects.get().fraction == 1.0
    entry = AuditEntry.objects.get()
    assert entry.action == "extension_grant" and entry.student == student
    assert entry.actor is not None and entry.actor.username == "ta"
    assert entry.detail["before"] is None
    assert entry.detail["after"]["due"] == "Wed 16 Jan 2030, 23:59 PST (America/Los_Angeles)"
    assert "Flu" in entry.summary
    # The drill-down shows it, on the course's clock.
    page = ta_client.get(response["Location"]).content.decode()
    assert "until Wed 16 Jan 2030, 23:59 PST" in page and "Flu, doctor&#x27;s note" in page


def test_changing_then_removing_an_extension_keeps_before_and_after(
    client: Client, instructor: User, course: Course, student: User, quiz: Quiz
) -> None:
    client.force_login(instructor)
    url = _url("extension_save", course, student)
    data = {"ext-item": f"quiz:{quiz.pk}", "ext-time_multiplier": "1.5", "ext-reason": "ADA"}
    assert client.post(url, data).status_code == 302
    data["ext-time_multiplier"] = "2"
    assert client.post(url, data).status_code == 302
    assert Extension.objects.get().time_multiplier == 2.0
    response = client.post(_url("extension_delete", course, student), {"item": f"quiz:{quiz.pk}"})
    assert response.status_code == 302
    assert not Extension.objects.exists()
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["extension_grant", "extension_change", "extension_remove"]
    change = AuditEntry.objects.get(action="extension_change")
    assert change.detail["before"]["time_multiplier"] == 1.5
    assert change.detail["after"]["time_multiplier"] == 2.0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"ext-due_at": "2030-01-20T12:00"}, "This field is required"),  # no reason
        ({"ext-reason": "why not"}, "Give a new due date, a time multiplier, or both"),
        ({"ext-due_at": "2030-01-10T12:00", "ext-reason": "x"}, "must be after the due date"),
        ({"ext-due_at": "someday", "ext-reason": "x"}, "Enter a valid date/time"),
        ({"ext-due_at": "9999-12-31T23:59", "ext-reason": "x"}, "between the years"),
        ({"ext-time_multiplier": "2", "ext-reason": "x"}, "timed quizzes only"),
        ({"ext-time_multiplier": "nan", "ext-reason": "x"}, "Enter a number"),
        ({"ext-item": "exercise:999999", "ext-reason": "x"}, "Select a valid choice"),
        ({"ext-item": "junk", "ext-reason": "x"}, "Select a valid choice"),
    ],
)
def test_bad_extension_input_is_a_form_error_and_changes_nothing(
    ta_client: Client,
    course: Course,
    student: User,
    exercise: Exercise,
    data: dict[str, str],
    message: str,
) -> None:
    posted = {"ext-item": f"exercise:{exercise.pk}", **data}
    response = ta_client.post(_url("extension_save", course, student), posted)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Extension.objects.exists() and not AuditEntry.objects.exists()


def test_a_multiplier_out_of_range_on_a_timed_quiz_is_refused(
    ta_client: Client, course: Course, student: User, quiz: Quiz
) -> None:
    for value, message in (("0.5", "greater than or equal to 1"), ("1", "more than 1")):
        response = ta_client.post(
            _url("extension_save", course, student),
            {"ext-item": f"quiz:{quiz.pk}", "ext-time_multiplier": value, "ext-reason": "x"},
        )
        assert response.status_code == 400 and message in response.content.decode()
    assert not Extension.objects.exists()


# --- overrides ---------------------------------------------------------------------------------


def test_override_replaces_the_score_with_a_reason_and_is_audited(
    ta_client: Client, course: Course, student: User, exercise: Exercise
) -> None:
    _late_solve(student, exercise, course)
    response = ta_client.post(
        _url("override_save", course, student),
        {"ovr-item": f"exercise:{exercise.pk}", "ovr-points": "7.5", "ovr-reason": "Partial"},
    )
    assert response.status_code == 302
    override = ScoreOverride.objects.get()
    assert override.points == 7.5 and override.reason == "Partial"
    row = scoring.gradebook(course=course).rows[0]
    cell = row.cells[f"exercise:{exercise.slug}"]
    assert cell.points == 7.5 and cell.overridden
    entry = AuditEntry.objects.get()
    assert entry.action == "override_set"
    assert entry.detail["after"]["points"] == 7.5
    assert entry.detail["after"]["computed_points"] == 0.0
    page = ta_client.get(response["Location"]).content.decode()
    assert "7.5" in page and "Partial" in page

    response = ta_client.post(
        _url("override_delete", course, student), {"item": f"exercise:{exercise.pk}"}
    )
    assert response.status_code == 302 and not ScoreOverride.objects.exists()
    assert AuditEntry.objects.filter(action="override_remove").count() == 1


@pytest.mark.parametrize(
    ("points", "reason", "message"),
    [
        ("11", "too much", "between 0 and 10"),  # the exercise is worth 10
        ("-1", "negative", "greater than or equal to 0"),
        ("5", "   ", "This field is required"),
        ("abc", "words", "Enter a number"),
        ("inf", "infinite", "Enter a number"),
    ],
)
def test_bad_override_input_is_a_form_error_and_changes_nothing(
    ta_client: Client,
    course: Course,
    student: User,
    exercise: Exercise,
    points: str,
    reason: str,
    message: str,
) -> None:
    response = ta_client.post(
        _url("override_save", course, student),
        {"ovr-item": f"exercise:{exercise.pk}", "ovr-points": points, "ovr-reason": reason},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ScoreOverride.objects.exists() and not AuditEntry.objects.exists()


def test_override_up_to_the_course_items_own_points(
    ta_client: Client, course: Course, student: User, quiz: Quiz
) -> None:
    CourseQuiz.objects.filter(course=course).update(points=20)
    url = _url("override_save", course, student)
    ok = {"ovr-item": f"quiz:{quiz.pk}", "ovr-points": "20", "ovr-reason": "bonus"}
    assert ta_client.post(url, ok).status_code == 302
    assert ta_client.post(url, {**ok, "ovr-points": "20.5"}).status_code == 400
    assert ScoreOverride.objects.get().points == 20


# --- who may -----------------------------------------------------------------------------------


def test_strangers_students_and_other_courses_get_404(
    course: Course, student: User, other_student: User, exercise: Exercise, instructor: User
) -> None:
    other_teacher = user_create(username="t2", password="pw-t2-1", instructor=True)
    other_course = course_create(owner=other_teacher, title="Other", exercise_ids=[exercise.pk])
    data = {"ovr-item": f"exercise:{exercise.pk}", "ovr-points": "1", "ovr-reason": "x"}
    for user in (student, other_student, other_teacher):
        client = Client()
        client.force_login(user)
        assert client.post(_url("override_save", course, student), data).status_code == 404
        audit = reverse("courses:audit_log", args=[course.pk])
        assert client.get(audit).status_code == 404
    # The owner, on a student who is not in the course: 404 too.
    client = Client()
    client.force_login(instructor)
    assert client.post(_url("override_save", course, other_student), data).status_code == 404
    # The owner of another course, on their own course, cannot name this course's student.
    client.force_login(other_teacher)
    assert client.post(_url("override_save", other_course, student), data).status_code == 404
    assert not ScoreOverride.objects.exists()


# --- the audit log page ------------------------------------------------------------------------


def test_audit_log_newest_first_filtered_by_student_and_paginated(
    ta_client: Client, course: Course, student: User, other_student: User, instructor: User
) -> None:
    enrollment_join(user=other_student, code=course.join_code)
    for n in range(55):
        AuditEntry.objects.create(
            course=course,
            actor=instructor,
            student=student if n % 2 else other_student,
            action="override_set",
            summary=f"entry number {n}",
        )
    AuditEntry.objects.create(course=course, actor=instructor, action="staff_add", summary="TA")
    url = reverse("courses:audit_log", args=[course.pk])
    page = ta_client.get(url).content.decode()
    assert page.index("TA") < page.index("entry number 54") < page.index("entry number 53")
    assert "entry number 4<" not in page  # on page 2 (50 a page)
    assert "Page 1 of 2" in page
    second = ta_client.get(url, {"page": 2}).content.decode()
    assert "entry number 4<" in second
    mine = ta_client.get(url, {"student": student.pk}).content.decode()
    assert "entry number 53" in mine and "entry number 54" not in mine
    # Junk filters are ignored, not errors.
    assert ta_client.get(url, {"student": "x" * 40, "page": "zz"}).status_code == 200


def test_audit_log_empty_state(ta_client: Client, course: Course) -> None:
    page = ta_client.get(reverse("courses:audit_log", args=[course.pk])).content.decode()
    assert "Nothing recorded yet" in page


def test_drill_down_lists_items_with_due_dates_and_forms(
    ta_client: Client, course: Course, student: User
) -> None:
    page = ta_client.get(
        reverse("courses:student_detail", args=[course.pk, student.pk])
    ).content.decode()
    assert "Mon 14 Jan 2030, 23:59 PST" in page
    assert "data-extension-form" in page and "data-override-form" in page


def test_two_staff_creating_the_same_row_at_once_get_a_message_not_a_500(
    course: Course, student: User, exercise: Exercise
) -> None:
    from courses.adjustments import AdjustmentRefused, _save_once

    Extension.objects.create(course=course, user=student, exercise=exercise, reason="first")
    racing = Extension(course=course, user=student, exercise=exercise, reason="second")
    with pytest.raises(AdjustmentRefused, match="at the same moment"):
        _save_once(racing)
    assert Extension.objects.get().reason == "first"

"""Course staff (owner, instructors, TAs), removing and bulk-enrolling students, archiving.

Everything goes through real requests on the Django test client and the real database.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.services import user_create
from catalog.models import Exercise
from courses import staff
from courses.models import AuditEntry, Course, CourseStaff, Enrollment, StaffRole
from courses.services import JoinRefused, enrollment_join
from exercises.models import Submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("student_results_checked")]


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ta(db: None) -> User:
    """A teaching assistant who is *not* in the Instructors group."""
    return user_create(username="tina", password="pw-tina-123", email="tina@example.org")


@pytest.fixture
def ta_course(course: Course, instructor: User, ta: User) -> Course:
    staff.staff_invite(course=course, actor=instructor, identifier="tina", role=StaffRole.TA)
    return course


def _url(name: str, course: Course, **kwargs: int) -> str:
    return reverse(f"courses:{name}", kwargs={"course_id": course.pk, **kwargs})


# --- inviting and changing staff ----------------------------------------------------------------


def test_owner_invites_by_username_or_email_and_it_is_audited(
    course: Course, instructor: User, ta: User, other_instructor: User
) -> None:
    owner = _client(instructor)
    response = owner.post(_url("staff_invite", course), {"identifier": "TINA", "role": "ta"})
    assert response.status_code == 302
    response = owner.post(
        _url("staff_invite", course), {"identifier": other_instructor.email or "", "role": "x"}
    )
    assert response.status_code == 400  # an unknown role is the form's error
    other_instructor.email = "co@example.org"
    other_instructor.save()
    response = owner.post(
        _url("staff_invite", course), {"identifier": "CO@example.org", "role": "instructor"}
    )
    assert response.status_code == 302
    roles = dict(CourseStaff.objects.filter(course=course).values_list("user__username", "role"))
    assert roles == {"teacher": "owner", "tina": "ta", "teacher2": "instructor"}
    actions = list(AuditEntry.objects.filter(course=course).values_list("action", flat=True))
    assert actions.count("staff_invite") == 2
    page = owner.get(_url("staff", course)).content.decode()
    assert "tina" in page and "Teaching assistant" in page
    assert "owner role cannot be handed" in page


def test_unknown_user_is_a_clear_form_error(course: Course, instructor: User) -> None:
    response = _client(instructor).post(
        _url("staff_invite", course), {"identifier": "nobody@example.org", "role": "ta"}
    )
    assert response.status_code == 400
    assert "No account has the username or email" in response.content.decode()
    assert CourseStaff.objects.filter(course=course).count() == 1
    assert not AuditEntry.objects.filter(course=course).exists()


def test_inviting_twice_or_a_student_is_refused(
    ta_course: Course, instructor: User, student: User
) -> None:
    enrollment_join(user=student, code=ta_course.join_code)
    owner = _client(instructor)
    again = owner.post(_url("staff_invite", ta_course), {"identifier": "tina", "role": "ta"})
    assert "already on this course" in again.content.decode()
    as_student = owner.post(
        _url("staff_invite", ta_course), {"identifier": "student1", "role": "ta"}
    )
    assert "is a student of this course" in as_student.content.decode()


def test_owner_changes_role_and_removes_but_never_the_owner(
    ta_course: Course, instructor: User, ta: User
) -> None:
    owner = _client(instructor)
    ta_row = CourseStaff.objects.get(course=ta_course, user=ta)
    owner_row = CourseStaff.objects.get(course=ta_course, user=instructor)
    owner.post(_url("staff_update", ta_course, staff_id=ta_row.pk), {"role": "instructor"})
    ta_row.refresh_from_db()
    assert ta_row.role == "instructor"
    owner.post(_url("staff_update", ta_course, staff_id=owner_row.pk), {"role": "ta"})
    owner.post(_url("staff_remove", ta_course, staff_id=owner_row.pk))
    owner_row.refresh_from_db()
    assert owner_row.role == "owner"
    response = owner.post(_url("staff_remove", ta_course, staff_id=ta_row.pk), follow=True)
    assert "Removed from the course" in response.content.decode()
    assert not CourseStaff.objects.filter(pk=ta_row.pk).exists()
    actions = set(AuditEntry.objects.filter(course=ta_course).values_list("action", flat=True))
    assert {"staff_invite", "staff_role", "staff_remove"} <= actions
    with pytest.raises(staff.StaffError):
        staff.staff_set_role(course=ta_course, actor=instructor, staff_id=owner_row.pk, role="ta")


def test_only_the_owner_manages_staff(
    ta_course: Course, instructor: User, other_instructor: User, ta: User
) -> None:
    staff.staff_invite(
        course=ta_course, actor=instructor, identifier="teacher2", role=StaffRole.INSTRUCTOR
    )
    ta_row = CourseStaff.objects.get(course=ta_course, user=ta)
    for user in (other_instructor, ta):
        client = _client(user)
        assert client.get(_url("staff", ta_course)).status_code == 200  # may read who teaches
        assert (
            client.post(
                _url("staff_invite", ta_course), {"identifier": "student1", "role": "ta"}
            ).status_code
            == 404
        )
        assert (
            client.post(
                _url("staff_update", ta_course, staff_id=ta_row.pk), {"role": "instructor"}
            ).status_code
            == 404
        )
        assert client.post(_url("staff_remove", ta_course, staff_id=ta_row.pk)).status_code == 404
        assert client.post(_url("course_archive", ta_course), {"archived": "1"}).status_code == 404
    ta_row.refresh_from_db()
    assert ta_row.role == "ta"


# --- what a TA may see ---------------------------------------------------------------------------


def test_ta_reads_the_dashboard_but_cannot_edit(
    ta_course: Course,
    ta: User,
    student: User,
    submit: Callable[..., Submission],
) -> None:
    enrollment_join(user=student, code=ta_course.join_code)
    exercise = ta_course.exercises.first()
    assert exercise is not None
    submission = submit(student, exercise, passed=True)
    client = _client(ta)
    readable = [
        _url("dashboard", ta_course),
        _url("heatmap", ta_course),
        _url("gradebook_csv", ta_course),
        _url("exercise_stats", ta_course, exercise_id=exercise.pk),
        _url("student_detail", ta_course, user_id=student.pk),
        _url("submission_detail", ta_course, submission_id=submission.pk),
        _url("roster", ta_course),
        _url("staff", ta_course),
        _url("course_page", ta_course),
    ]
    for url in readable:
        assert client.get(url).status_code == 200, url
    dashboard = client.get(_url("dashboard", ta_course)).content.decode()
    assert _url("course_edit", ta_course) not in dashboard  # no link to a 404
    assert _url("regrade_new", ta_course) not in dashboard
    forbidden_get = [
        _url("course_edit", ta_course),
        _url("roster_remove", ta_course, user_id=student.pk),
        _url("regrade_new", ta_course),
    ]
    for url in forbidden_get:
        assert client.get(url).status_code == 404, url
    forbidden_post = [
        _url("course_edit", ta_course),
        _url("course_join_code", ta_course),
        _url("roster_bulk", ta_course),
        _url("roster_remove", ta_course, user_id=student.pk),
        _url("regrade_new", ta_course),
    ]
    old_code = ta_course.join_code
    for url in forbidden_post:
        assert client.post(url, {"names": "student2", "title": "Hijacked"}).status_code == 404, url
    ta_course.refresh_from_db()
    assert (ta_course.join_code, ta_course.title) == (old_code, "ML math, spring")
    assert Enrollment.objects.filter(course=ta_course, user=student).exists()


def test_course_list_shows_role_and_nav_says_teaching_for_a_ta(
    ta_course: Course, ta: User, instructor: User
) -> None:
    client = _client(ta)
    response = client.get(reverse("courses:course_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "ML math, spring" in body and "Teaching assistant" in body
    assert "New course" not in body  # not an instructor: cannot create courses
    assert 'href="/instructor/courses/"' in body and ">Teaching<" in body
    assert "Owner" in _client(instructor).get(reverse("courses:course_list")).content.decode()


def test_course_list_is_still_403_for_a_student_who_teaches_nothing(student: User) -> None:
    response = _client(student).get(reverse("courses:course_list"))
    assert response.status_code == 403
    assert ">Teaching<" not in _client(student).get("/").content.decode()


# --- students: remove, bulk enrol ----------------------------------------------------------------


def test_remove_student_asks_first_keeps_submissions_and_audits(
    course: Course,
    instructor: User,
    student: User,
    submit: Callable[..., Submission],
) -> None:
    enrollment_join(user=student, code=course.join_code)
    exercise = course.exercises.first()
    assert exercise is not None
    submission = submit(student, exercise, passed=True)
    owner = _client(instructor)
    confirm = owner.get(_url("roster_remove", course, user_id=student.pk))
    assert confirm.status_code == 200
    assert "submissions and quiz attempts are kept" in confirm.content.decode()
    assert Enrollment.objects.filter(course=course, user=student).exists()  # GET changed nothing
    response = owner.post(_url("roster_remove", course, user_id=student.pk))
    assert response.status_code == 302
    assert not Enrollment.objects.filter(course=course, user=student).exists()
    assert Submission.objects.filter(pk=submission.pk).exists()
    entry = AuditEntry.objects.get(course=course, action="student_remove")
    assert entry.student == student and entry.actor == instructor
    # Now a stranger: 404, and the student's course page is gone for them.
    assert owner.get(_url("roster_remove", course, user_id=student.pk)).status_code == 404
    assert _client(student).get(_url("course_page", course)).status_code == 404


def test_bulk_enrol_pasted_list_reports_each_group_and_never_twice(
    course: Course, instructor: User, student: User, other_student: User
) -> None:
    user_create(username="ada", password="pw-ada-12345", email="ada@example.org")
    enrollment_join(user=student, code=course.join_code)
    text = "student1\nADA@example.org\nada\n\nstudent2\nghost\nteacher\n"
    response = _client(instructor).post(_url("roster_bulk", course), {"names": text})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.enrolled == ["ada", "student2"]
    assert result.already == ["student1"]
    assert result.unknown == ["ghost"]
    assert result.staff == ["teacher"]
    assert Enrollment.objects.filter(course=course).count() == 3
    body = response.content.decode()
    assert "ghost" in body and "No account found" in body
    entry = AuditEntry.objects.get(course=course, action="bulk_enroll")
    assert entry.detail["enrolled"] == ["ada", "student2"]
    again = _client(instructor).post(_url("roster_bulk", course), {"names": text})
    assert again.context["result"].enrolled == []
    assert Enrollment.objects.filter(course=course).count() == 3


def test_bulk_enrol_from_an_uploaded_csv_with_an_email_column(
    course: Course, instructor: User, student: User
) -> None:
    user_create(username="bob", password="pw-bob-12345", email="bob@example.org")
    csv_bytes = (
        "\ufeffName,Email,Group\nStudent One,s1@example.org,A\nBob,BOB@example.org,B\n"
        "Nobody,nobody@example.org,C\n"
    ).encode()
    response = _client(instructor).post(
        _url("roster_bulk", course),
        {"file": SimpleUploadedFile("class.csv", csv_bytes, content_type="text/csv")},
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert sorted(result.enrolled) == ["bob", "student1"]
    assert result.unknown == ["nobody@example.org"]


def test_bulk_enrol_bad_input_is_a_400_not_a_500(course: Course, instructor: User) -> None:
    owner = _client(instructor)
    assert owner.post(_url("roster_bulk", course), {"names": "  "}).status_code == 400
    binary = SimpleUploadedFile("x.csv", b"\xff\xfe\x00bad", content_type="text/csv")
    response = owner.post(_url("roster_bulk", course), {"file": binary})
    assert response.status_code == 400
    assert "not UTF-8" in response.content.decode()


def test_bulk_identifiers_reads_a_username_column() -> None:
    text = "email;username\nx@example.org;alice\ny@example.org;bob\n"
    assert staff.bulk_identifiers(text) == ["alice", "bob"]
    assert staff.bulk_identifiers("carol\n\ncarol\ndave") == ["carol", "dave"]


# --- archive -------------------------------------------------------------------------------------


def test_archive_hides_from_students_refuses_joins_and_is_read_only(
    course: Course, instructor: User, student: User, other_student: User
) -> None:
    enrollment_join(user=student, code=course.join_code)
    owner = _client(instructor)
    assert owner.post(_url("course_archive", course), {"archived": "1"}).status_code == 302
    course.refresh_from_db()
    assert course.archived_at is not None
    with pytest.raises(JoinRefused):
        enrollment_join(user=other_student, code=course.join_code)
    mine = _client(student)
    assert mine.get(_url("course_page", course)).status_code == 404
    assert "ML math, spring" not in mine.get(reverse("courses:my_courses")).content.decode()
    assert "ML math, spring" not in mine.get(reverse("courses:my_progress")).content.decode()
    dashboard = owner.get(_url("dashboard", course))
    assert dashboard.status_code == 200 and "data-archived" in dashboard.content.decode()
    assert owner.get(_url("course_edit", course)).status_code == 302  # read-only
    roster = owner.post(_url("roster_bulk", course), {"names": "student2"})
    assert roster.status_code == 400 and "archived" in roster.content.decode()
    # Unarchive: back for the student.
    owner.post(_url("course_archive", course), {"archived": "0"})
    assert mine.get(_url("course_page", course)).status_code == 200
    actions = list(AuditEntry.objects.filter(course=course).values_list("action", flat=True))
    assert "course_archive" in actions and "course_unarchive" in actions


def test_other_staff_see_the_course_list_entry_archived(
    course: Course, instructor: User, make_exercise: Callable[..., Exercise]
) -> None:
    staff.course_set_archived(course=course, actor=instructor, archived=True)
    body = _client(instructor).get(reverse("courses:course_list")).content.decode()
    assert "archived" in body

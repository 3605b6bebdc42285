"""Roster sync (NRPS) against the test LMS: after an instructor's launch and on demand; new
members enrolled, dropped ones marked, an unreachable LMS reported on the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from lti_tool.models import LtiMembership

from catalog.models import Exercise
from courses.models import Course, CourseStaff, Enrollment
from exercises.tests.test_services import make_exercise
from lti.models import ContextCourse
from lti.tests.conftest import Browser, Lms
from lti.tests.test_launch import INSTRUCTOR, LEARNER, TA, lms_user


@pytest.fixture
def exercise(db: None) -> Exercise:
    return make_exercise()


def member(sub: str, role: str, name: str, status: str = "Active") -> dict[str, Any]:
    return {
        "user_id": sub,
        "roles": [role],
        "name": name,
        "email": f"{sub}@example.edu",
        "status": status,
    }


def test_the_roster_syncs_after_an_instructor_launch_and_on_demand(
    lms: Lms, exercise: Exercise, django_capture_on_commit_callbacks: Any
) -> None:
    lms.control(
        members=[
            member("teacher-1", INSTRUCTOR, "Grace Hopper"),
            member("student-1", LEARNER, "Ada Lovelace"),
            member("student-2", LEARNER, "Alan Turing"),
            member("ta-1", TA, "Katherine Johnson"),
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        Browser().open(
            lms.launch_url(user="teacher-1", role=INSTRUCTOR, item="exercise:scaled-exp")
        )
    course = Course.objects.get()
    turing = lms_user(lms, "student-2")
    assert turing is not None
    assert turing.username.startswith("alan-turing-")
    assert (turing.first_name, turing.last_name) == ("Alan", "Turing")
    assert not turing.has_usable_password()
    assert set(
        Enrollment.objects.filter(course=course).values_list("user__first_name", flat=True)
    ) == {
        "Ada",
        "Alan",
    }
    assert CourseStaff.objects.get(course=course, user__first_name="Katherine").role == "ta"
    assert ContextCourse.objects.get().roster_synced_at is not None

    # Turing leaves the LMS course, Ada is marked inactive there, Hopper joins as a learner.
    lms.control(
        members=[
            member("teacher-1", INSTRUCTOR, "Grace Hopper"),
            member("student-1", LEARNER, "Ada Lovelace", status="Inactive"),
            member("ta-1", TA, "Katherine Johnson"),
            member("student-3", LEARNER, "Mary Somerville"),
        ]
    )
    staff = Client()
    staff.force_login(course.owner)
    response = staff.post(f"/instructor/courses/{course.pk}/lti/roster", follow=True)
    body = response.content.decode()
    assert "Roster synced: 1 learner(s), 2 staff, 2 no longer in the LMS course." in body
    assert "Alan Turing" in body and "Ada Lovelace" in body  # listed as no longer there
    dropped = LtiMembership.objects.filter(is_active=False).values_list("user__sub", flat=True)
    assert set(dropped) == {"student-1", "student-2"}
    # Their work and enrollment are kept; the newcomer is enrolled.
    assert Enrollment.objects.filter(course=course, user=turing).exists()
    assert Enrollment.objects.filter(course=course, user__first_name="Mary").exists()


def test_an_unreachable_roster_is_reported_not_a_500(lms: Lms, exercise: Exercise) -> None:
    Browser().open(lms.launch_url(user="teacher-1", role=INSTRUCTOR, item="exercise:scaled-exp"))
    course = Course.objects.get()
    lms.control(down=True)
    staff = Client()
    staff.force_login(course.owner)
    response = staff.post(f"/instructor/courses/{course.pk}/lti/roster", follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "The LMS roster could not be fetched: HTTP response" in body and "503" in body
    assert "data-roster-error" in response.content.decode()


def test_a_course_without_an_lms_has_nothing_to_sync(instructor: User) -> None:
    from courses.services import course_create

    course = course_create(owner=instructor, title="Plain course")
    staff = Client()
    staff.force_login(instructor)
    body = staff.get(f"/instructor/courses/{course.pk}/lti/").content.decode()
    assert "not linked to an LMS course" in body
    response = staff.post(f"/instructor/courses/{course.pk}/lti/roster", follow=True)
    assert "not linked to an LMS course" in response.content.decode()

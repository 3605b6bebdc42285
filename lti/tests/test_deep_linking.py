"""Deep linking round trip against the test LMS: an instructor picks items, the LMS verifies the
signed answer and creates links with line items; a learner's score then reaches that line item."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from catalog.models import Exercise
from courses.models import Course, CourseExercise, CourseQuiz
from exercises.tests.test_services import make_exercise
from lti.tests.conftest import Browser, Lms, form_of
from lti.tests.test_grades import override
from lti.tests.test_launch import INSTRUCTOR, LEARNER
from quizzes.models import Quiz


@pytest.fixture
def exercise(db: None) -> Exercise:
    return make_exercise()


def test_an_instructor_picks_items_and_the_lms_gets_links_with_line_items(
    lms: Lms, exercise: Exercise, django_capture_on_commit_callbacks: Any
) -> None:
    Quiz.objects.create(slug="softmax-quiz", title="Softmax quiz")
    browser = Browser()
    page = browser.open(lms.launch_url(user="teacher-1", role=INSTRUCTOR, kind="deeplink"))
    assert page.status_code == 200
    assert browser.steps[-1].url == "http://testserver/lti/deep-link/"
    body = page.content.decode()
    assert 'value="exercise:scaled-exp"' in body and 'value="quiz:softmax-quiz"' in body
    answer = browser.client.post(
        "/lti/deep-link/", {"item": ["exercise:scaled-exp", "quiz:softmax-quiz"]}
    )
    assert answer.status_code == 200
    assert lms.base in answer["Content-Security-Policy"]  # the form may post to the LMS
    form = form_of(answer.content.decode(), "data-deep-link-return")
    assert form is not None and form[0] == f"{lms.base}/deeplink/return"
    received = browser.open(form[0], "post", form[1])
    assert received.status_code == 200, received.text
    items = lms.state()["deep_link_items"]
    assert [i["custom"] for i in items] == [
        {"item": "exercise:scaled-exp"},
        {"item": "quiz:softmax-quiz"},
    ]
    assert all(i["type"] == "ltiResourceLink" for i in items)
    assert all(i["url"] == "http://testserver/lti/launch/" for i in items)
    assert items[0]["lineItem"]["scoreMaximum"] == 10  # the exercise's points
    assert items[0]["lineItem"]["label"] == "Scaled exp"
    course = Course.objects.get()
    assert CourseExercise.objects.filter(course=course, exercise=exercise).exists()
    assert CourseQuiz.objects.filter(course=course, quiz__slug="softmax-quiz").exists()
    # The answer is single-use: the deep linking request is closed.
    assert browser.client.get("/lti/deep-link/").status_code == 400

    # A learner opens the new link (the LMS sends its line item): their score goes there.
    line_id = next(k for k, v in lms.state()["lineitems"].items() if v.get("label") == "Scaled exp")
    learner = Browser()
    response = learner.open(
        lms.launch_url(
            user="student-1",
            role=LEARNER,
            item=items[0]["custom"]["item"],
            rl="rl-from-deep-link",
            lineitem=f"{lms.base}/lineitems/{line_id}",
        )
    )
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        override(lms, "student-1", 8, exercise)
    assert [(s["lineitem"], s["scoreGiven"], s["scoreMaximum"]) for s in lms.scores()] == [
        (line_id, 8, 10)
    ]


def test_only_instructors_deep_link_and_bad_picks_are_4xx(lms: Lms, exercise: Exercise) -> None:
    Browser().open(lms.launch_url(user="teacher-1", role=INSTRUCTOR, item="exercise:scaled-exp"))
    learner = Browser()
    response = learner.open(lms.launch_url(user="student-1", role=LEARNER, kind="deeplink"))
    assert response.status_code == 403
    assert "Only instructors" in response.content.decode()
    browser = Browser()
    browser.open(lms.launch_url(user="teacher-1", role=INSTRUCTOR, kind="deeplink"))
    assert browser.client.post("/lti/deep-link/", {}).status_code == 400
    assert browser.client.post("/lti/deep-link/", {"item": "exercise:nope"}).status_code == 400
    signed_in = Client()
    signed_in.force_login(Course.objects.get().owner)
    assert signed_in.get("/lti/deep-link/").status_code == 400  # no deep linking request open

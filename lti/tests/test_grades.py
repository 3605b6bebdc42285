"""Grade passback (AGS) against the test LMS: a graded submission and an override reach the
launch's line item; nothing is sent twice; scores made while the LMS is down arrive once it is
back, exactly once; staff see the sync status and retry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from catalog.models import Exercise
from courses.models import Course, ScoreOverride
from courses.scoring import results_rebuild
from exercises.tests.conftest import laptop_mode  # noqa: F401 - the fixture, used by name
from exercises.tests.test_services import GOOD, make_exercise
from lti.models import ScoreOutbox, ScoreStatus
from lti.services import outbox_drain
from lti.tests.conftest import Browser, Lms
from lti.tests.test_launch import INSTRUCTOR, LEARNER, lms_user

JSON = {"Accept": "application/json"}


@pytest.fixture
def exercise(db: None) -> Exercise:
    return make_exercise()


@pytest.fixture
def course_with_students(lms: Lms, exercise: Exercise) -> Callable[..., list[Browser]]:
    """An instructor opens the link (the course is made), then each learner does."""

    def make(*subs: str) -> list[Browser]:
        Browser().open(
            lms.launch_url(user="teacher-1", role=INSTRUCTOR, item="exercise:scaled-exp")
        )
        browsers = []
        for sub in subs:
            browser = Browser()
            response = browser.open(
                lms.launch_url(user=sub, role=LEARNER, item="exercise:scaled-exp")
            )
            assert response.status_code == 200
            browsers.append(browser)
        return browsers

    return make


def user(lms: Lms, sub: str) -> User:
    found = lms_user(lms, sub)
    assert found is not None
    return found


def override(lms: Lms, sub: str, points: float, exercise: Exercise) -> None:
    """What the override page (another engineer's) does: store it, rebuild the results."""
    course = Course.objects.get()
    ScoreOverride.objects.update_or_create(
        course=course,
        user=user(lms, sub),
        exercise=exercise,
        defaults={"points": points, "reason": "regraded by hand", "set_by": course.owner},
    )
    results_rebuild(course=course, exercise_id=exercise.pk, user_id=user(lms, sub).pk)


@pytest.mark.usefixtures("laptop_mode")
def test_a_graded_submission_and_then_an_override_reach_the_line_item(
    lms: Lms,
    exercise: Exercise,
    course_with_students: Callable[..., list[Browser]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    (browser,) = course_with_students("student-1")
    assert lms.scores() == []  # nothing earned yet, nothing sent (0 of 10 is not sent either)
    # Graded in-process after the commit (laptop mode), through the sandbox.
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.client.post(
            "/exercises/scaled-exp/submit", {"code": GOOD, "kind": "submit"}, headers=JSON
        )
    assert response.status_code in (200, 202), response.content
    polled = browser.client.get(response.json()["url"], headers=JSON).json()
    assert polled["verdict"]["status"] == "passed"
    scores = lms.scores()
    assert len(scores) == 1, scores
    score = scores[0]
    assert score["lineitem"] == "li-rl-1"
    assert score["userId"] == "student-1"
    assert (score["scoreGiven"], score["scoreMaximum"]) == (10, 10)
    assert score["activityProgress"] == "Completed"
    assert score["gradingProgress"] == "FullyGraded"
    assert score["timestamp"]
    assert lms.state()["token_requests"] >= 1
    with django_capture_on_commit_callbacks(execute=True):
        override(lms, "student-1", 7, exercise)
    scores = lms.scores()
    assert [(s["scoreGiven"], s["scoreMaximum"]) for s in scores] == [(10, 10), (7, 10)]
    # The same effective score again: nothing queued, nothing sent.
    with django_capture_on_commit_callbacks(execute=True):
        results_rebuild(course=Course.objects.get())
    assert len(lms.scores()) == 2
    assert ScoreOutbox.objects.filter(status=ScoreStatus.SENT).count() == 2


def test_scores_made_while_the_lms_is_down_arrive_after_it_returns_exactly_once(
    lms: Lms,
    exercise: Exercise,
    course_with_students: Callable[..., list[Browser]],
    django_capture_on_commit_callbacks: Any,
    settings: Any,
) -> None:
    settings.LTI_SCORE_RETRY_SECONDS = 0  # due again at once (the backoff is tested below)
    course_with_students("student-1", "student-2")
    lms.control(down=True)
    with django_capture_on_commit_callbacks(execute=True):
        override(lms, "student-1", 4, exercise)
        override(lms, "student-2", 9, exercise)
        override(lms, "student-1", 5, exercise)  # replaces the unsent 4
    assert lms.scores() == []
    pending = ScoreOutbox.objects.filter(status=ScoreStatus.PENDING)
    assert pending.count() == 2
    assert all(row.attempts == 1 and "503" in row.last_error for row in pending)
    assert outbox_drain() == {"retry": 2}  # still down: tried again, kept
    lms.control(down=False)
    assert outbox_drain() == {"sent": 2}
    assert outbox_drain() == {}
    got = sorted((s["userId"], s["scoreGiven"]) for s in lms.scores())
    assert got == [("student-1", 5), ("student-2", 9)]
    assert ScoreOutbox.objects.filter(status=ScoreStatus.SUPERSEDED).count() == 1


def test_a_refused_score_backs_off_then_gives_up_and_staff_retry_it_now(
    lms: Lms,
    exercise: Exercise,
    course_with_students: Callable[..., list[Browser]],
    django_capture_on_commit_callbacks: Any,
    settings: Any,
) -> None:
    settings.LTI_SCORE_MAX_ATTEMPTS = 2
    course_with_students("student-1")
    lms.control(down=True)
    with django_capture_on_commit_callbacks(execute=True):
        override(lms, "student-1", 6, exercise)
    row = ScoreOutbox.objects.get()
    assert row.status == ScoreStatus.PENDING and row.attempts == 1
    assert row.next_attempt_at > row.produced_at  # backoff: not due yet
    assert outbox_drain() == {}
    ScoreOutbox.objects.update(next_attempt_at=row.produced_at)
    assert outbox_drain() == {"failed": 1}
    course = Course.objects.get()
    staff = Client()
    staff.force_login(course.owner)
    page = staff.get(f"/instructor/courses/{course.pk}/lti/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Scaled exp" in body and "HTTP 503" in body and "Retry now" in body
    lms.control(down=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            f"/instructor/courses/{course.pk}/lti/retry", {"item": f"exercise:{exercise.pk}"}
        )
    assert response.status_code == 302
    assert [(s["userId"], s["scoreGiven"]) for s in lms.scores()] == [("student-1", 6)]
    body = staff.get(f"/instructor/courses/{course.pk}/lti/").content.decode()
    assert "data-sent>1<" in body
    # Bad input to "retry now" is a message, not an error.
    assert (
        staff.post(f"/instructor/courses/{course.pk}/lti/retry", {"item": "x"}).status_code == 302
    )


def test_the_sync_page_has_a_helpful_empty_state_and_is_staff_only(
    lms: Lms, exercise: Exercise, other_instructor: User
) -> None:
    Browser().open(lms.launch_url(user="teacher-1", role=INSTRUCTOR, item="exercise:scaled-exp"))
    course = Course.objects.get()
    staff = Client()
    staff.force_login(course.owner)
    body = staff.get(f"/instructor/courses/{course.pk}/lti/").content.decode()
    assert "No student has opened a graded item from the LMS yet" in body
    stranger = Client()
    stranger.force_login(other_instructor)
    assert stranger.get(f"/instructor/courses/{course.pk}/lti/").status_code == 404


@pytest.fixture
def other_instructor(db: None) -> User:
    from accounts.services import user_create

    return user_create(username="teacher2", password="pw-teacher-2", instructor=True)


def test_the_outbox_row_commits_or_rolls_back_with_the_score(
    lms: Lms, exercise: Exercise, course_with_students: Callable[..., list[Browser]]
) -> None:
    """The outbox is written inside the transaction that changed the score: a score change
    that rolls back leaves no score to send, one that commits leaves one."""
    from django.db import transaction

    course_with_students("student-1")

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        override(lms, "student-1", 3, exercise)
        assert ScoreOutbox.objects.count() == 1
        raise Abort
    assert ScoreOutbox.objects.count() == 0
    override(lms, "student-1", 3, exercise)
    row = ScoreOutbox.objects.get()
    assert (row.score_given, row.score_maximum, row.status) == (3, 10, ScoreStatus.PENDING)


def test_scores_are_posted_with_a_token_got_by_an_rfc7523_client_assertion(
    lms: Lms,
    exercise: Exercise,
    course_with_students: Callable[..., list[Browser]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The LMS's token endpoint verifies mlquiz's signed client assertion against the key set
    it holds for mlquiz: with a stranger's keys there it refuses the token, and no score is
    accepted until it holds mlquiz's keys again (/lti/jwks/)."""
    from jwcrypto.jwk import JWK

    course_with_students("student-1")
    stranger = JWK.generate(kty="RSA", size=2048, kid="stranger")
    lms.control(tool_keyset={"keys": [stranger.export_public(as_dict=True)]})
    with django_capture_on_commit_callbacks(execute=True):
        override(lms, "student-1", 6, exercise)
    assert lms.scores() == [] and lms.state()["token_assertions"] == []
    assert "HTTP 400" in ScoreOutbox.objects.get().last_error
    lms.control(tool_keyset=Client().get("/lti/jwks/").json())
    ScoreOutbox.objects.update(next_attempt_at=ScoreOutbox.objects.get().produced_at)
    assert outbox_drain() == {"sent": 1}
    assert [s["scoreGiven"] for s in lms.scores()] == [6]
    (assertion,) = lms.state()["token_assertions"]
    claims = assertion["claims"]
    assert assertion["grant_type"] == "client_credentials"
    assert claims["iss"] == claims["sub"] == "mlquiz-client"
    assert f"{lms.base}/token" in (
        claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    )
    assert claims["jti"] and claims["exp"] > claims["iat"]
    kids = {key["kid"] for key in Client().get("/lti/jwks/").json()["keys"]}
    assert assertion["header"]["kid"] in kids and assertion["header"]["alg"] == "RS256"
    assert "https://purl.imsglobal.org/spec/lti-ags/scope/score" in assertion["scope"]

"""Registration, login and launch against the test LMS: who lands where, with which role, and
every bad input refused with a 4xx page that names the failed check, leaving nothing behind."""

from __future__ import annotations

import time
from io import StringIO
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from lti_tool.models import Key, LtiDeployment, LtiRegistration, LtiUser

from catalog.models import Exercise, Lesson, Library
from courses.models import (
    Course,
    CourseExercise,
    CourseLesson,
    CourseQuiz,
    CourseStaff,
    Enrollment,
)
from exercises.tests.test_services import make_exercise
from lti.models import ContextCourse, GradeLink
from lti.services import lti_username
from lti.tests.conftest import Browser, Lms, register
from quizzes.models import Quiz

INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
TA = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"


@pytest.fixture
def exercise(db: None) -> Exercise:
    return make_exercise()


ITEM = "exercise:scaled-exp"


def launch(lms: Lms, **params: str) -> tuple[Browser, Any]:
    browser = Browser()
    params.setdefault("item", ITEM)
    response = browser.open(lms.launch_url(**params))
    return browser, response


def lms_user(lms: Lms, sub: str) -> User | None:
    """The local account of an LMS user (found as mlquiz finds it: through lti_tool's LtiUser)."""
    found = LtiUser.objects.filter(registration__issuer=lms.base, sub=sub).first()
    return found.auth_user if found else None


def test_the_login_redirects_to_the_platform_with_every_oidc_parameter(lms: Lms) -> None:
    for method in ("get", "post"):
        params = {
            "iss": lms.base,
            "login_hint": "u1",
            "lti_message_hint": "m1",
            "client_id": "mlquiz-client",
            "target_link_uri": "http://testserver/lti/launch/",
        }
        client = Browser().client
        response = (
            client.get("/lti/login/", params)
            if method == "get"
            else client.post("/lti/login/", params)
        )
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert f"{location.scheme}://{location.netloc}{location.path}" == f"{lms.base}/authorize"
        query = {k: v[0] for k, v in parse_qs(location.query).items()}
        assert query["scope"] == "openid"
        assert query["response_type"] == "id_token"
        assert query["response_mode"] == "form_post"
        assert query["prompt"] == "none"
        assert query["client_id"] == "mlquiz-client"
        assert query["login_hint"] == "u1" and query["lti_message_hint"] == "m1"
        assert query["redirect_uri"] == "http://testserver/lti/launch/"
        assert query["state"] and query["nonce"]
        assert any(name.startswith("lti1p3-state-") for name in response.cookies)


def test_an_instructors_first_launch_creates_the_course_they_own_and_lands_on_the_exercise(
    lms: Lms, exercise: Exercise
) -> None:
    browser, response = launch(lms, user="teacher-1", role=INSTRUCTOR, name="Grace Hopper")
    assert response.status_code == 200
    assert browser.steps[-1].url == "http://testserver/exercises/scaled-exp/"
    assert exercise.title in response.content.decode()
    teacher = lms_user(lms, "teacher-1")
    assert teacher is not None and not teacher.has_usable_password()
    assert (teacher.first_name, teacher.last_name) == ("Grace", "Hopper")
    assert int(browser.client.session["_auth_user_id"]) == teacher.pk
    course = Course.objects.get()
    assert course.title == "Machine learning 101" and course.owner == teacher
    assert CourseStaff.objects.get(course=course, user=teacher).role == "owner"
    assert CourseExercise.objects.filter(course=course, exercise=exercise).exists()
    assert ContextCourse.objects.get().course == course


def test_learners_enrol_tas_join_the_staff_and_a_learner_gets_a_grade_link(
    lms: Lms, exercise: Exercise
) -> None:
    launch(lms, user="teacher-1", role=INSTRUCTOR)
    browser, response = launch(lms, user="student-1", role=LEARNER, name="Ada Lovelace")
    assert response.status_code == 200
    assert browser.steps[-1].url == "http://testserver/exercises/scaled-exp/"
    student = lms_user(lms, "student-1")
    course = Course.objects.get()
    assert Enrollment.objects.filter(course=course, user=student).exists()
    link = GradeLink.objects.get(user=student)
    assert link.lineitem_url == f"{lms.base}/lineitems/li-rl-1" and link.exercise == exercise
    _, response = launch(lms, user="ta-1", role=TA)
    assert response.status_code == 200
    assert CourseStaff.objects.get(course=course, user=lms_user(lms, "ta-1")).role == "ta"
    # The same person again: the same account, nothing duplicated.
    launch(lms, user="student-1", role=LEARNER)
    assert User.objects.filter(lti_users__isnull=False).count() == 3
    assert GradeLink.objects.count() == 1


def test_quiz_and_lesson_links_land_on_their_pages(lms: Lms, exercise: Exercise) -> None:
    lesson = Lesson.objects.create(slug="numerics", title="Numerics", order=1)
    quiz = Quiz.objects.create(slug="softmax-quiz", title="Softmax quiz")
    browser, response = launch(lms, user="teacher-1", role=INSTRUCTOR, item="lesson:numerics")
    assert response.status_code == 200
    assert browser.steps[-1].url == f"http://testserver/lessons/{lesson.slug}/"
    assert CourseLesson.objects.filter(lesson=lesson).exists()
    browser, response = launch(lms, user="teacher-1", role=INSTRUCTOR, item="quiz:softmax-quiz")
    assert response.status_code == 200
    assert browser.steps[-1].url == "http://testserver/quizzes/softmax-quiz/"
    assert CourseQuiz.objects.filter(quiz=quiz).exists()


def test_a_learner_before_any_instructor_is_told_the_course_is_not_set_up(
    lms: Lms, exercise: Exercise
) -> None:
    _, response = launch(lms, user="student-1", role=LEARNER)
    assert response.status_code == 409
    assert "not set up in mlquiz yet" in response.content.decode()
    assert lms_user(lms, "student-1") is None


def assert_refused(response: Any, status: int, words: str, lms: Lms) -> None:
    from django.http import HttpResponse

    assert isinstance(response, HttpResponse)
    body = response.content.decode()
    assert response.status_code == status, body
    assert words in body, body
    assert "data-lti-rejected" in body
    assert not User.objects.filter(lti_users__isnull=False).exists()
    assert not LtiUser.objects.exists()
    assert not Session.objects.exists()
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize(
    ("misbehaviour", "status", "words"),
    [
        ({"forge": True}, 403, "signature does not match the platform"),
        ({"expired": True}, 403, "The id_token has expired"),
        ({"id_token_iss": "https://evil.example"}, 403, "issuer and client id are not registered"),
        ({"id_token_deployment_id": "deployment-x"}, 403, "deployment is not registered"),
        (
            {"id_token_claims": {"aud": "another-tool"}},
            403,
            "issuer and client id are not registered",
        ),
        (
            {"id_token_claims": {"aud": ["mlquiz-client", "another-tool"], "azp": None}},
            403,
            "no azp naming mlquiz",
        ),
        (
            {"id_token_claims": {"aud": ["mlquiz-client", "another-tool"], "azp": "another-tool"}},
            403,
            "not issued to mlquiz",
        ),
        ({"id_token_claims": {"azp": "another-tool"}}, 403, "not issued to mlquiz"),
        (
            {"id_token_claims": {"iat": int(time.time()) + 3600, "exp": int(time.time()) + 7200}},
            403,
            "issued in the future",
        ),
    ],
)
def test_bad_id_tokens_are_refused_naming_the_check(
    lms: Lms, exercise: Exercise, misbehaviour: dict[str, object], status: int, words: str
) -> None:
    lms.control(**misbehaviour)
    _, response = launch(lms, user="teacher-1", role=INSTRUCTOR)
    assert_refused(response, status, words, lms)


def test_a_replayed_launch_is_refused(lms: Lms, exercise: Exercise) -> None:
    browser, response = launch(lms, user="teacher-1", role=INSTRUCTOR)
    assert response.status_code == 200
    replay = Browser()
    replay.client.cookies = browser.client.cookies  # even with the state cookie
    replay.client.logout()
    sessions, users = Session.objects.count(), User.objects.count()
    response = replay.client.post("/lti/launch/", browser.last_launch_form)
    assert response.status_code == 403
    assert "already used" in response.content.decode()
    assert "sessionid" not in response.cookies
    assert (Session.objects.count(), User.objects.count()) == (sessions, users)


def test_a_launch_posted_without_the_browsers_state_cookie_signs_nobody_in(
    lms: Lms, exercise: Exercise
) -> None:
    """An id_token posted from another browser (stolen, or a frame whose cookies were
    dropped): the state check fails, the page offers a fresh login in a new tab, nobody is
    signed in and nothing is created."""
    browser = Browser(hold_launch=True)
    assert browser.open(lms.launch_url(user="teacher-1", role=INSTRUCTOR, item=ITEM)) is None
    assert browser.last_launch_form["id_token"]
    other = Client()
    response = other.post("/lti/launch/", browser.last_launch_form)
    body = response.content.decode()
    assert response.status_code == 403, body
    assert "Open in a new tab" in body
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists() and not LtiUser.objects.exists()
    assert not User.objects.filter(lti_users__isnull=False).exists()


def test_an_unknown_issuer_is_refused_at_login(lms: Lms, exercise: Exercise) -> None:
    LtiRegistration.objects.all().delete()
    _, response = launch(lms, user="teacher-1", role=INSTRUCTOR)
    assert_refused(response, 403, "issuer is not registered", lms)


def test_an_inactive_deployment_is_refused(lms: Lms, exercise: Exercise) -> None:
    LtiDeployment.objects.update(is_active=False)
    _, response = launch(lms, user="teacher-1", role=INSTRUCTOR)
    assert_refused(response, 403, "not active", lms)


@pytest.mark.parametrize(
    ("item", "status", "words"),
    [
        ("exercise:no-such-thing", 404, "an item mlquiz does not have"),
        ("essay:scaled-exp", 404, "an item mlquiz does not have"),
        ("", 400, "does not say which item"),
    ],
)
def test_an_unknown_item_is_a_clear_4xx(
    lms: Lms, exercise: Exercise, item: str, status: int, words: str
) -> None:
    _, response = launch(lms, user="teacher-1", role=INSTRUCTOR, item=item)
    assert_refused(response, status, words, lms)
    assert not Course.objects.exists()


def test_garbage_posted_to_the_launch_is_a_4xx_not_a_500(lms: Lms) -> None:
    client = Browser().client
    for data in (
        {},
        {"state": "x"},
        {"state": "state-1", "id_token": "a.b"},
        {"id_token": "x" * 5000},
    ):
        response = client.post("/lti/launch/", data)
        assert 400 <= response.status_code < 500, (data, response.status_code)
    assert client.get("/lti/launch/").status_code == 405
    assert client.get("/lti/login/").status_code == 400


def test_the_jwks_publishes_the_keys_with_kid_and_rotation_keeps_the_old_one(lms: Lms) -> None:
    client = Browser().client
    first = client.get("/lti/jwks/").json()["keys"]
    assert len(first) == 1 and first[0]["kid"] and first[0]["kty"] == "RSA"
    assert "d" not in first[0]  # public only
    call_command("lti_rotate_keys", stdout=StringIO())
    keys = client.get("/lti/jwks/").json()["keys"]
    assert {k["kid"] for k in keys} >= {first[0]["kid"]} and len(keys) == 2
    Key.objects.update(datetime_created="2000-01-01T00:00:00Z")
    call_command("lti_rotate_keys", "--keep-days=7", stdout=StringIO())
    assert len(client.get("/lti/jwks/").json()["keys"]) == 1


def test_lti_add_platform_is_idempotent(lms: Lms) -> None:
    register(lms)
    register(lms, deployment_id="deployment-2")
    registration = LtiRegistration.objects.get()
    assert registration.issuer == lms.base
    assert sorted(registration.deployments.values_list("deployment_id", flat=True)) == [
        "deployment-1",
        "deployment-2",
    ]
    assert Key.objects.count() == 1


def test_an_archived_item_is_unknown(lms: Lms, exercise: Exercise) -> None:
    Exercise.objects.filter(pk=exercise.pk).update(archived_at="2026-01-01T00:00:00Z")
    _, response = launch(lms, user="teacher-1", role=INSTRUCTOR)
    assert response.status_code == 404


def test_a_hand_typed_link_to_someone_elses_private_exercise_does_not_open_it(
    lms: Lms, exercise: Exercise, instructor: User
) -> None:
    """Only the site library's items, and items the course already has, open from an LMS link:
    otherwise anyone editing LMS links could publish another instructor's private drafts."""
    private = Library.objects.create(kind=Library.Kind.PERSONAL, title="Mine", user=instructor)
    Exercise.objects.filter(pk=exercise.pk).update(library=private)
    _, response = launch(lms, user="teacher-1", role=INSTRUCTOR)
    assert_refused(response, 404, "an item mlquiz does not have", lms)
    # Once the course has it (its staff added it in mlquiz), the link opens it.
    lms_item = "exercise:scaled-exp"
    _, response = launch(lms, user="teacher-1", role=INSTRUCTOR, item="lesson:nope")
    assert response.status_code == 404
    Browser().open(
        lms.launch_url(user="teacher-1", role=INSTRUCTOR, item=f"quiz:{make_quiz().slug}")
    )
    CourseExercise.objects.create(course=Course.objects.get(), exercise=exercise)
    _, response = launch(lms, user="student-1", role=LEARNER, item=lms_item)
    assert response.status_code == 200


def make_quiz() -> Quiz:
    return Quiz.objects.create(slug="softmax-quiz", title="Softmax quiz")


def test_platforms_are_registered_in_the_admin_too(lms: Lms) -> None:
    admin = User.objects.create_superuser("root", "root@example.org", "pw-root-123")
    client = Client()
    client.force_login(admin)
    registration = LtiRegistration.objects.get()
    assert client.get("/admin/lti_tool/ltiregistration/add/").status_code == 200
    page = client.get(f"/admin/lti_tool/ltiregistration/{registration.pk}/change/")
    assert page.status_code == 200 and "deployment-1" in page.content.decode()
    assert client.get("/admin/lti/scoreoutbox/").status_code == 200


def test_an_account_signed_up_under_the_predicted_name_is_not_adopted(
    lms: Lms, exercise: Exercise
) -> None:
    squatter = User.objects.create_user(
        lti_username(issuer=lms.base, sub="teacher-1", name="Grace Hopper"), password="pw-x-123"
    )
    launch(lms, user="teacher-1", role=INSTRUCTOR, name="Grace Hopper")
    teacher = lms_user(lms, "teacher-1")
    assert teacher is not None and teacher != squatter
    assert teacher.username.startswith(squatter.username + "-")


def test_the_platforms_key_set_is_fetched_once_then_cached(lms: Lms, exercise: Exercise) -> None:
    """pylti1p3 verifies each id_token against the LMS's JWKS: fetched on the first launch,
    then taken from the cache (PLATFORM_KEYS_CACHE_SECONDS), fetched again once it is gone."""
    from django.core.cache import cache

    cache.clear()
    assert launch(lms, user="teacher-1", role=INSTRUCTOR)[1].status_code == 200
    assert launch(lms, user="student-1", role=LEARNER)[1].status_code == 200
    assert lms.state()["jwks_requests"] == 1
    cache.clear()
    assert launch(lms, user="student-1", role=LEARNER)[1].status_code == 200
    assert lms.state()["jwks_requests"] == 2

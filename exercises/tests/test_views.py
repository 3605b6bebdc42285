"""Exercise pages and submission endpoints, through the Django test client."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from catalog.models import Exercise, ExerciseVersion
from exercises.models import HelpUsed, Submission
from exercises.tests.test_services import GOOD, STARTER, make_exercise

JSON = {"Accept": "application/json"}
VERDICT: dict[str, Any] = {
    "status": "failed",
    "score": 0.5,
    "tests": [
        {
            "name": "example: three values",
            "kind": "example",
            "passed": True,
            "message": "",
            "hint": "",
        },
        {
            "name": "edge: large",
            "kind": "edge",
            "passed": False,
            "message": "got inf <script>alert(1)</script>",
            "hint": "",
        },
    ],
    "output": "debug print",
    "message": "",
}


@pytest.fixture
def exercise(db: None) -> Exercise:
    return make_exercise()


def submit_url(exercise: Exercise) -> str:
    return reverse("exercises:exercise_submit", args=[exercise.slug])


def detail_url(exercise: Exercise) -> str:
    return reverse("exercises:exercise_detail", args=[exercise.slug])


def graded(
    user: User, exercise: Exercise, *, passed: bool = False, kind: str = "submit", code: str = GOOD
) -> Submission:
    verdict = dict(VERDICT, status="passed" if passed else "failed", score=1.0 if passed else 0.5)
    version = exercise.current_version
    assert version is not None
    return Submission.objects.create(
        user=user,
        exercise=exercise,
        exercise_version=version,
        code=code,
        kind=kind,
        status="graded",
        verdict=verdict,
        score=verdict["score"],
        passed=passed and kind == "submit",
    )


# --- submitting ----------------------------------------------------------------------------


def test_submit_json_returns_202_with_a_poll_url(student_client: Client, exercise) -> None:
    response = student_client.post(
        submit_url(exercise), {"code": GOOD, "kind": "run"}, headers=JSON
    )
    assert response.status_code == 202
    data = response.json()
    sub = Submission.objects.get()
    assert data["id"] == sub.pk and data["status"] == "queued" and data["done"] is False
    assert data["url"] == reverse("exercises:submission_detail", args=[sub.pk])
    assert sub.kind == "run" and sub.code == GOOD


def test_submit_without_javascript_redirects_to_the_attempt(student_client, exercise) -> None:
    response = student_client.post(submit_url(exercise), {"code": GOOD, "kind": "submit"})
    sub = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{detail_url(exercise)}?submission={sub.pk}"
    page = student_client.get(response["Location"])
    # While grading, the page refreshes itself (no JS needed) and shows progress.
    assert b'http-equiv="refresh"' in page.content
    assert b"Queued" in page.content


def test_invalid_utf8_is_reported_not_replaced(student_client, exercise) -> None:
    body = b"kind=submit&code=def+f%28%29%3A%0A++++return+%27%FF%27"
    response = student_client.post(
        submit_url(exercise), body, content_type="application/x-www-form-urlencoded", headers=JSON
    )
    assert response.status_code == 400
    assert "not valid UTF-8" in response.json()["error"]
    assert Submission.objects.count() == 0


@pytest.mark.parametrize(
    ("code", "fragment"),
    [("x" * (64 * 1024 + 1), "64 KiB"), ("def f():\x00", "NUL")],
)
def test_bad_code_gets_400_with_message(student_client, exercise, code, fragment) -> None:
    response = student_client.post(
        submit_url(exercise), {"code": code, "kind": "run"}, headers=JSON
    )
    assert response.status_code == 400
    assert fragment in response.json()["error"]


def test_bad_code_without_javascript_keeps_the_code_on_the_page(student_client, exercise) -> None:
    code = "def scaled_exp(x):\n    return x\x00  # my work\n"
    response = student_client.post(submit_url(exercise), {"code": code, "kind": "submit"})
    assert response.status_code == 400
    assert b"NUL character" in response.content
    assert b"# my work" in response.content


def test_rate_limit_answers_429_with_retry_after(student_client, exercise, settings) -> None:
    settings.GRADING_RATE_LIMIT_PER_MINUTE = 1
    first = student_client.post(submit_url(exercise), {"code": GOOD, "kind": "run"}, headers=JSON)
    Submission.objects.filter(pk=first.json()["id"]).update(status="graded")
    response = student_client.post(
        submit_url(exercise), {"code": GOOD, "kind": "run"}, headers=JSON
    )
    assert response.status_code == 429
    assert "try again in" in response.json()["error"]
    assert int(response["Retry-After"]) >= 1


def test_second_submit_while_grading_gets_409_with_the_pending_one(
    student_client, exercise
) -> None:
    first = student_client.post(submit_url(exercise), {"code": GOOD, "kind": "run"}, headers=JSON)
    response = student_client.post(submit_url(exercise), {"code": GOOD}, headers=JSON)
    assert response.status_code == 409
    assert response.json()["pending"]["id"] == first.json()["id"]


def test_anonymous_submit_is_refused(client: Client, exercise) -> None:
    assert client.post(submit_url(exercise), {"code": GOOD}, headers=JSON).status_code == 401
    response = client.post(submit_url(exercise), {"code": GOOD})
    assert response.status_code == 302 and "login" in response["Location"]
    assert Submission.objects.count() == 0


def test_get_on_submit_is_not_allowed(student_client, exercise) -> None:
    assert student_client.get(submit_url(exercise)).status_code == 405


def test_csrf_is_enforced(student: User, exercise) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    response = client.post(submit_url(exercise), {"code": GOOD}, headers=JSON)
    assert response.status_code == 403


# --- polling -------------------------------------------------------------------------------


def test_poll_shows_the_verdict_to_its_owner_only(
    student_client, student, other_student, exercise
) -> None:
    sub = graded(student, exercise)
    url = reverse("exercises:submission_detail", args=[sub.pk])
    data = student_client.get(url).json()
    assert data["done"] is True and data["status"] == "graded"
    assert data["verdict"]["score"] == 0.5
    assert [t["passed"] for t in data["verdict"]["tests"]] == [True, False]
    assert data["verdict"]["output"] == "debug print"
    assert "code" not in data
    assert student_client.get(url + "?code=1").json()["code"] == GOOD

    intruder = Client()
    intruder.force_login(other_student)
    assert intruder.get(url).status_code == 404
    assert Client().get(url).status_code == 404
    missing = reverse("exercises:submission_detail", args=[sub.pk + 1000])
    assert student_client.get(missing).status_code == 404


def test_a_poll_costs_four_small_queries(
    student_client, student, exercise, django_assert_num_queries
) -> None:
    """The hot path stays lean: session, user, status, then the submission together with its
    exercise's slug and "solved?" (no per-field or per-relation queries creeping in)."""
    graded(student, exercise, passed=True)
    failed = graded(student, exercise)
    url = reverse("exercises:submission_detail", args=[failed.pk])
    with django_assert_num_queries(4):
        data = student_client.get(url).json()
    # Solved by the earlier attempt, although this one failed.
    assert data["solved"] is True and data["exercise"] == exercise.slug
    with django_assert_num_queries(4):
        assert student_client.get(url + "?code=1").json()["code"] == GOOD


def test_poll_of_a_queued_submission_waits_then_reports_progress(
    student_client, student, exercise
) -> None:
    response = student_client.post(
        submit_url(exercise), {"code": GOOD, "kind": "run"}, headers=JSON
    )
    data = student_client.get(response.json()["url"] + "?wait=120").json()
    assert data["status"] == "queued" and data["done"] is False
    assert data["queue_ahead"] == 0
    assert data["verdict"] is None


def test_poll_with_garbage_wait_is_not_an_error(student_client, student, exercise) -> None:
    sub = graded(student, exercise)
    url = reverse("exercises:submission_detail", args=[sub.pk])
    assert student_client.get(url + "?wait=abc").status_code == 200
    assert student_client.get(url + "?wait=-5").status_code == 200


# --- pages ---------------------------------------------------------------------------------


def _page_data(html: str) -> dict[str, Any]:
    match = re.search(
        r'<script id="exercise-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, "page data block missing"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_detail_page_for_a_new_student_shows_starter_and_no_inline_script(
    student_client, exercise
) -> None:
    response = student_client.get(detail_url(exercise))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Return exp(x − max x)." in html
    assert "raise NotImplementedError" in html
    assert "data-editor" in html and 'name="kind" value="run"' in html
    assert "Worked solution</h2>" not in html
    # CSP: every <script> is either external or a JSON data block.
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'type="module" src=' in tag or 'type="application/json"' in tag, tag
    assert "onclick" not in html
    data = _page_data(html)
    assert data["starter"] == STARTER and data["baseSubmissionId"] is None
    assert "Content-Security-Policy" in response.headers


def test_detail_restores_the_last_code_and_escapes_feedback(
    student_client, student, exercise
) -> None:
    graded(student, exercise, code="def scaled_exp(x):\n    return 'mine'\n")
    html = student_client.get(detail_url(exercise)).content.decode()
    assert "return &#x27;mine&#x27;" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Your attempts" in html and "50%" in html


def test_restore_and_reset_without_javascript(student_client, student, exercise) -> None:
    old = graded(student, exercise, code="def scaled_exp(x):\n    return 'first'\n")
    graded(student, exercise, code="def scaled_exp(x):\n    return 'second'\n")
    html = student_client.get(f"{detail_url(exercise)}?from={old.pk}").content.decode()
    assert "&#x27;first&#x27;" in html and "&#x27;second&#x27;" not in html
    assert _page_data(html)["restoreDraft"] is False
    html = student_client.get(f"{detail_url(exercise)}?starter=1").content.decode()
    assert "raise NotImplementedError" in html


def test_someone_elses_attempt_cannot_be_restored(student_client, other_student, exercise) -> None:
    theirs = graded(other_student, exercise, code="def scaled_exp(x):\n    return 'secret'\n")
    html = student_client.get(f"{detail_url(exercise)}?from={theirs.pk}").content.decode()
    assert "secret" not in html


def test_solution_unlocks_after_solving(student_client, student, exercise) -> None:
    assert b"Subtract the <em>max</em>" not in student_client.get(detail_url(exercise)).content
    graded(student, exercise, passed=True, kind="run")  # a passing Run is not solving
    assert b"Subtract the <em>max</em>" not in student_client.get(detail_url(exercise)).content
    sub = graded(student, exercise, passed=True)
    html = student_client.get(detail_url(exercise)).content.decode()
    assert "Subtract the <em>max</em>" in html
    assert re.search(r"data-solved-badge(?![^>]*hidden)", html)
    data = student_client.get(reverse("exercises:submission_detail", args=[sub.pk])).json()
    assert data["solved"] is True and data["solution_url"].endswith("#solution")


def test_anonymous_sees_statement_and_login_prompt(client: Client, exercise) -> None:
    html = client.get(detail_url(exercise)).content.decode()
    assert "Log in" in html and "data-exercise-form" not in html


def test_unknown_or_unpublished_exercise_is_404(student_client, exercise) -> None:
    assert student_client.get("/exercises/nope/").status_code == 404
    exercise.is_active = False
    exercise.save()
    assert student_client.get(detail_url(exercise)).status_code == 404


def test_index_groups_by_lesson_with_difficulty_and_state(
    student_client, student, exercise
) -> None:
    from catalog.models import Lesson

    lesson = Lesson.objects.create(slug="numerics", title="Numerics", order=1)
    exercise.lesson = lesson
    exercise.difficulty = "hard"
    exercise.save()
    attempted = make_exercise("attempted-one", title="Attempted one")
    make_exercise("untouched", title="Untouched")
    graded(student, exercise, passed=True)
    graded(student, attempted)
    html = student_client.get(reverse("exercises:exercise_list")).content.decode()
    assert html.index("Numerics") < html.index("More exercises")
    assert re.search(r'data-exercise-slug="scaled-exp" data-state="solved"', html)
    assert re.search(r'data-exercise-slug="attempted-one" data-state="attempted"', html)
    assert re.search(r'data-exercise-slug="untouched" data-state="new"', html)
    assert "badge-hard" in html and "1 of 1 solved" in html


def test_index_for_anonymous(client: Client, exercise) -> None:
    response = client.get(reverse("exercises:exercise_list"))
    assert response.status_code == 200 and b"Scaled exp" in response.content


@pytest.mark.django_db(transaction=True)
def test_laptop_mode_grades_through_the_sandbox_and_answers_with_the_verdict(
    student: User, settings
) -> None:
    """No Redis: Celery runs eagerly after the commit, still through the sandbox, and a submit
    with `?wait=` gets the verdict in its own answer."""
    from mlquiz.celery import app

    # Laptop mode as settings.py sets it up without REDIS_URL (pinned here so that another
    # module's Celery configuration cannot leak in).
    settings.REDIS_URL = ""
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        _laptop_mode_round_trip(student)
    finally:
        app.conf.task_always_eager = saved


def _laptop_mode_round_trip(student: User) -> None:
    exercise = make_exercise()
    client = Client()
    client.force_login(student)
    response = client.post(
        f"{submit_url(exercise)}?wait=3000", {"code": GOOD, "kind": "submit"}, headers=JSON
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["done"] is True and data["verdict"]["status"] == "passed"
    assert data["solved"] is True
    # Without ?wait the answer comes at once: 202 if not graded yet, 200 if eager mode was
    # quicker; either way the poll URL has the verdict.
    response = client.post(
        submit_url(exercise),
        {"code": "def scaled_exp(x):\n    return x\n", "kind": "run"},
        headers=JSON,
    )
    assert response.status_code in (200, 202)
    polled = client.get(response.json()["url"] + "?wait=3000").json()
    assert polled["verdict"]["status"] == "failed"


def test_huge_ids_are_not_found_rather_than_errors(student_client, student, exercise) -> None:
    huge = "9" * 30
    assert student_client.get(f"/exercises/submissions/{huge}").status_code == 404
    page = student_client.get(f"{detail_url(exercise)}?from={huge}&submission={huge}")
    assert page.status_code == 200


def _toolbox(page: str) -> str:
    match = re.search(r"<aside[^>]*data-toolbox[^>]*>(.*?)</aside>", page, re.S)
    assert match, "the exercise page lost its Available / Not allowed section"
    return match.group(1)


def test_the_page_says_what_code_may_use_and_what_this_exercise_bans(student_client) -> None:
    exercise = make_exercise(slug="no-dot")
    version = exercise.current_version
    assert version is not None
    banned = ["np.dot", "@", ".dot", "scipy.linalg"]
    version.meta = {**version.meta, "banned": banned, "banned_reason": "add them up <yourself>"}
    version.save()
    page = student_client.get(reverse("exercises:exercise_detail", args=[exercise.slug])).content
    toolbox = _toolbox(page.decode())
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", toolbox))
    assert "Available: NumPy (import numpy as np), SciPy and the Python standard library." in text
    # Exactly the manifest's names, in its order, then its reason (escaped like any text).
    assert re.findall(r"<code data-banned-name>(.*?)</code>", toolbox) == banned
    assert "Not allowed: np.dot, @, .dot, scipy.linalg — add them up &lt;yourself&gt;." in text
    # The section sits on the page beside the statement, not only in the source.
    assert page.decode().index("data-toolbox") > page.decode().index('aria-label="Statement"')

    plain = make_exercise(slug="anything-goes")
    page = student_client.get(reverse("exercises:exercise_detail", args=[plain.slug])).content
    toolbox = _toolbox(page.decode())
    assert "Available:" in toolbox and "Not allowed" not in toolbox
    assert "data-banned-name" not in toolbox


def test_next_exercise_is_offered_once_solved(student_client, student) -> None:
    first, second = make_exercise(slug="first-one"), make_exercise(slug="second-one")
    Exercise.objects.filter(pk=first.pk).update(order=1)
    Exercise.objects.filter(pk=second.pk).update(order=2)
    url = reverse("exercises:exercise_detail", args=[first.slug])
    link = f'href="{reverse("exercises:exercise_detail", args=[second.slug])}" data-next-link'
    page = student_client.get(url).content.decode()
    assert f"{link} hidden" in page  # there, shown by the page script when a submit passes
    version = first.current_version
    assert version is not None
    Submission.objects.create(
        user=student,
        exercise=first,
        exercise_version=version,
        code=GOOD,
        status="graded",
        passed=True,
        score=1.0,
    )
    page = student_client.get(url).content.decode()
    assert f"{link} >Next exercise: Scaled exp →" in page
    last = student_client.get(reverse("exercises:exercise_detail", args=[second.slug]))
    assert b"data-next-link" not in last.content  # the last exercise has no next one


def _with_help(exercise: Exercise, **meta: object) -> ExerciseVersion:
    version = exercise.current_version
    assert version is not None
    version.meta = {**version.meta, **meta}
    version.save()
    return version


def test_hints_are_revealed_one_at_a_time_and_recorded(student_client, student) -> None:
    exercise = make_exercise()
    _with_help(exercise, hints=["Subtract the max first.", "Then exponentiate."])
    page = student_client.get(detail_url(exercise)).content.decode()
    assert "Stuck? Show a hint (2 left)" in page and "Subtract the max" not in page
    hint_url = reverse("exercises:exercise_hint", args=[exercise.slug])
    response = student_client.post(hint_url)
    assert response.status_code == 302 and response["Location"].endswith("#hints")
    page = student_client.get(detail_url(exercise)).content.decode()
    assert "Hint 1:</strong> Subtract the max first." in page
    assert "Then exponentiate." not in page and "Another hint (1 left)" in page
    for _ in range(3):  # never past the last one
        student_client.post(hint_url)
    assert HelpUsed.objects.get(user=student, exercise=exercise).hints_shown == 2
    page = student_client.get(detail_url(exercise)).content.decode()
    assert "Then exponentiate." in page and "data-hint-button" not in page


def test_the_solution_opens_on_request_or_after_enough_failed_submits(
    student_client, student, other_student
) -> None:
    exercise = make_exercise()
    _with_help(exercise, solution_after=2)
    page = student_client.get(detail_url(exercise)).content.decode()
    assert "Subtract the <em>max</em>" not in page and "Show the worked solution" in page
    response = student_client.post(reverse("exercises:exercise_solution", args=[exercise.slug]))
    assert response.status_code == 302
    assert "Subtract the <em>max</em>" in student_client.get(detail_url(exercise)).content.decode()
    assert HelpUsed.objects.get(user=student, exercise=exercise).solution_shown_at is not None

    other = Client()
    other.force_login(other_student)
    graded(other_student, exercise)
    assert b"Subtract the <em>max</em>" not in other.get(detail_url(exercise)).content
    graded(other_student, exercise)  # the second failed submit: solution_after reached
    assert b"Subtract the <em>max</em>" in other.get(detail_url(exercise)).content
    assert not HelpUsed.objects.filter(user=other_student).exists()  # offered, not asked for


def test_help_needs_a_signed_in_student_and_a_published_exercise(client, student_client) -> None:
    exercise = make_exercise()
    response = client.post(reverse("exercises:exercise_hint", args=[exercise.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert (
        student_client.get(reverse("exercises:exercise_hint", args=[exercise.slug])).status_code
        == 405
    )
    missing = reverse("exercises:exercise_solution", args=["no-such-exercise"])
    assert student_client.post(missing).status_code == 404
    assert not HelpUsed.objects.exists()

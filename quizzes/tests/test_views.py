from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from quizzes import services
from quizzes.bank import get_generator
from quizzes.models import Attempt


def _answer(q) -> str:
    return get_generator(q.generator).generate(q.seed).answer.text()


def test_list_and_detail_are_public(client: Client, quiz) -> None:
    page = client.get(reverse("quizzes:quiz_list"))
    assert page.status_code == 200 and "Warm-up" in page.content.decode()
    detail = client.get(reverse("quizzes:quiz_detail", args=[quiz.slug]))
    assert detail.status_code == 200 and "Log in to start" in detail.content.decode()


def test_start_requires_login(client: Client, quiz) -> None:
    response = client.post(reverse("quizzes:quiz_start", args=[quiz.slug]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Attempt.objects.exists()


def test_take_save_resume_submit_review(student_client: Client, quiz) -> None:
    response = student_client.post(reverse("quizzes:quiz_start", args=[quiz.slug]))
    attempt = Attempt.objects.get()
    assert response["Location"] == reverse("quizzes:attempt_take", args=[attempt.pk])
    page = student_client.get(response["Location"]).content.decode()
    assert page.count('name="answer-') == 3
    assert 'class="math inline"' in page  # prompts rendered server side, math by KaTeX
    questions = list(attempt.questions.all())

    # Save progress, reload: the answer is still there.
    url = reverse("quizzes:attempt_take", args=[attempt.pk])
    student_client.post(url, {"answer-1": _answer(questions[0]), "action": "save"})
    page = student_client.get(url).content.decode()
    assert f'value="{_answer(questions[0])}"' in page

    # An unreadable answer is refused with a message and costs nothing.
    data = {f"answer-{q.position}": _answer(q) for q in questions}
    data["answer-2"] = "__import__('os')"
    refused = student_client.post(url, {**data, "action": "submit"})
    assert refused.status_code == 422
    assert "Could not read the answer" in refused.content.decode()
    attempt.refresh_from_db()
    assert attempt.is_open

    data["answer-2"] = _answer(questions[1])
    done = student_client.post(url, {**data, "action": "submit"})
    assert done["Location"] == reverse("quizzes:attempt_review", args=[attempt.pk])
    review = student_client.get(done["Location"]).content.decode()
    assert "5</strong> / 5" in review
    assert "Worked solution" in review
    # A submitted attempt cannot be changed.
    again = student_client.post(url, {**data, "action": "submit"})
    assert again.status_code == 302


def test_a_refused_submission_names_and_links_each_unreadable_answer(
    student_client: Client, student, quiz
) -> None:
    attempt = services.attempt_start(user=student, quiz=quiz)
    url = reverse("quizzes:attempt_take", args=[attempt.pk])
    data = {"answer-1": "1,2,,3", "answer-2": "", "answer-3": "x" * 5000, "action": "submit"}
    refused = student_client.post(url, data)
    html = refused.content.decode()
    assert refused.status_code == 422
    assert "2 answers could not be read" in html
    assert (
        '<a href="#answer-1">Question 1</a>: could not read <code>1,2,,3</code> — write a vector'
        in html
    )
    # A long answer is quoted shortened, and every answer box keeps what was typed.
    assert '<a href="#answer-3">Question 3</a>: could not read <code>xxxxx' in html
    assert "x" * 60 not in html.split('id="error-summary"')[1].split("</div>")[0]
    assert 'value="1,2,,3"' in html and 'aria-invalid="true"' in html
    assert 'href="#answer-2"' not in html  # a blank answer is not unreadable
    assert "Some answers could not be read" not in html  # the summary replaces the flash
    attempt.refresh_from_db()
    assert attempt.is_open
    assert attempt.questions.get(position=1).response == "1,2,,3"


def test_the_navigator_shows_answered_unanswered_and_unreadable(
    student_client: Client, student, quiz
) -> None:
    attempt = services.attempt_start(user=student, quiz=quiz)
    services.attempt_save(attempt=attempt, responses={1: "3", 2: "1/"})
    html = student_client.get(reverse("quizzes:attempt_take", args=[attempt.pk])).content.decode()
    assert '<span id="answered-count">2</span> of 3 answered' in html
    links = re.findall(r'<a href="#q(\d)" class="qnav ?([^"]*)".*?qnav-state">([^<]*)<', html)
    assert links == [
        ("1", "qnav-answered", ", answered"),
        ("2", "qnav-unreadable", ", cannot be read"),
        ("3", "", ", unanswered"),
    ]


def test_a_timed_attempt_counts_down_from_the_servers_clock(
    student_client: Client, student, timed_quiz
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    started = timezone.now() - timedelta(minutes=4)
    attempt = services.attempt_start(user=student, quiz=timed_quiz, now=started)
    html = student_client.get(reverse("quizzes:attempt_take", args=[attempt.pk])).content.decode()
    match = re.search(r'data-seconds-left="(\d+)"', html)
    assert match and 350 <= int(match.group(1)) <= 360


def test_a_partial_autosave_keeps_the_other_answers(student_client: Client, student, quiz) -> None:
    """Leaving the page sends only the answers changed since the last save."""
    attempt = services.attempt_start(user=student, quiz=quiz)
    services.attempt_save(attempt=attempt, responses={1: "3", 2: "4"})
    url = reverse("quizzes:attempt_autosave", args=[attempt.pk])
    assert student_client.post(url, {"answer-2": "5"}).json()["saved"] is True
    assert [q.response for q in attempt.questions.order_by("position")] == ["3", "5", ""]


def test_autosave_endpoint(student_client: Client, quiz) -> None:
    student_client.post(reverse("quizzes:quiz_start", args=[quiz.slug]))
    attempt = Attempt.objects.get()
    url = reverse("quizzes:attempt_autosave", args=[attempt.pk])
    body = student_client.post(url, {"answer-1": "1/", "answer-2": "3"}).json()
    assert body["saved"] is True and list(body["problems"]) == ["1"]
    assert attempt.questions.get(position=2).response == "3"


def test_students_cannot_see_each_others_attempts(
    student_client: Client, other_student, quiz
) -> None:
    theirs = services.attempt_start(user=other_student, quiz=quiz)
    for name in ("attempt_take", "attempt_review", "attempt_autosave"):
        method = student_client.post if name == "attempt_autosave" else student_client.get
        assert method(reverse(f"quizzes:{name}", args=[theirs.pk])).status_code == 404


def test_solutions_hidden_when_the_quiz_says_so(student_client: Client, student, quiz) -> None:
    quiz.show_solutions = "never"
    quiz.save()
    attempt = services.attempt_start(user=student, quiz=quiz)
    services.attempt_submit(attempt=attempt, responses={})
    review = student_client.get(reverse("quizzes:attempt_review", args=[attempt.pk]))
    html = review.content.decode()
    assert "<summary>Worked solution" not in html and "Correct answer" not in html
    assert "not shown for this quiz" in html


@pytest.mark.parametrize(
    "name,args",
    [
        ("manage_list", []),
        ("quiz_new", []),
        ("generator_preview", []),
        ("quiz_edit", ["warm-up"]),
        ("quiz_results", ["warm-up"]),
        ("quiz_results_csv", ["warm-up"]),
    ],
)
def test_instructor_pages_are_protected(student_client: Client, quiz, name: str, args) -> None:
    # Results are for the staff who teach with the quiz: to anyone else it is a 404.
    expected = 404 if name.startswith("quiz_results") else 403
    assert student_client.get(reverse(f"quizzes:{name}", args=args)).status_code == expected


def _preview_seed(client: Client, url: str) -> str:
    html = client.get(url, {"generator": "dot-product"}).content.decode()
    match = re.search(r'data-seed="(\d+)"', html)
    assert match is not None, "the preview shows no variant seed"
    return match.group(1)


def test_preview_shows_a_fresh_variant_with_answer_and_solution(instructor_client: Client) -> None:
    url = reverse("quizzes:generator_preview")
    html = instructor_client.get(url, {"generator": "inverse-2x2", "seed": "42"}).content.decode()
    assert "Worked solution" in html and 'class="math' in html
    assert get_generator("inverse-2x2").generate(42).answer.text() in html
    seeds = {_preview_seed(instructor_client, url) for _ in range(5)}
    assert len(seeds) > 1
    junk = instructor_client.get(url, {"generator": "<script>", "seed": "9" * 400})
    assert junk.status_code == 200 and "<script>" not in junk.content.decode()
    for seed in ("9" * 5000, "²", "-1", "1e5", str(2**64)):
        response = instructor_client.get(url, {"generator": "dot-product", "seed": seed})
        assert response.status_code == 200 and "Worked solution" in response.content.decode()


def test_compose_creates_a_quiz(instructor_client: Client) -> None:
    data = {
        "title": "New one",
        "slug": "new-one",
        "description": "",
        "topic": "calculus",
        "attempts_allowed": "1",
        "time_limit_minutes": "15",
        "show_solutions": "after_submit",
        "is_published": "on",
        "slots-TOTAL_FORMS": "3",
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "40",
        "slots-0-generator": "chain-rule",
        "slots-0-count": "2",
        "slots-0-points": "3",
        "slots-1-generator": "z-score",
        "slots-1-count": "1",
        "slots-1-points": "1",
        "slots-1-DELETE": "on",
        "slots-2-generator": "",
        "slots-2-count": "1",
        "slots-2-points": "1",
    }
    response = instructor_client.post(reverse("quizzes:quiz_new"), data)
    assert response.status_code == 302
    from quizzes.models import Quiz

    quiz = Quiz.objects.get(slug="new-one")
    assert [(s.generator, s.count, s.points) for s in quiz.slots.all()] == [("chain-rule", 2, 3)]
    assert quiz.time_limit_minutes == 15
    page = instructor_client.get(reverse("quizzes:quiz_edit", args=["new-one"]))
    assert page.status_code == 200 and "Live preview" in page.content.decode()


def test_compose_derives_the_slug_and_refuses_reserved_ones(instructor_client: Client) -> None:
    from quizzes.models import Quiz

    base = {
        "attempts_allowed": "1",
        "show_solutions": "after_submit",
        "slots-TOTAL_FORMS": "1",
        "slots-INITIAL_FORMS": "0",
        "slots-0-generator": "z-score",
        "slots-0-count": "1",
        "slots-0-points": "1",
    }
    response = instructor_client.post(reverse("quizzes:quiz_new"), {**base, "title": "Z Scores!"})
    assert response.status_code == 302
    assert Quiz.objects.filter(slug="z-scores").exists()
    reserved = instructor_client.post(
        reverse("quizzes:quiz_new"), {**base, "title": "Manage", "slug": "manage"}
    )
    assert reserved.status_code == 400 and "reserved" in reserved.content.decode()


def test_compose_rejects_a_bad_generator(instructor_client: Client) -> None:
    data = {
        "title": "Bad",
        "slug": "bad",
        "attempts_allowed": "1",
        "show_solutions": "after_submit",
        "slots-TOTAL_FORMS": "1",
        "slots-INITIAL_FORMS": "0",
        "slots-0-generator": "os.system",
        "slots-0-count": "1",
        "slots-0-points": "1",
    }
    response = instructor_client.post(reverse("quizzes:quiz_new"), data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_results_page_lists_attempts(
    instructor_client: Client, student, quiz, teaching_course
) -> None:
    attempt = services.attempt_start(user=student, quiz=quiz)
    first = attempt.questions.get(position=1)
    services.attempt_submit(attempt=attempt, responses={1: _answer(first)})
    html = instructor_client.get(reverse("quizzes:quiz_results", args=[quiz.slug])).content.decode()
    assert "student1" in html and "#1: 1" in html
    assert "50%" in html  # dot-product: one of its two copies right
    csv_text = instructor_client.get(
        reverse("quizzes:quiz_results_csv", args=[quiz.slug])
    ).content.decode()
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("student,attempt,status")
    assert lines[1].startswith("student1,1,submitted,") and lines[1].endswith(",1,5")
    review = instructor_client.get(reverse("quizzes:attempt_review", args=[attempt.pk]))
    assert review.status_code == 200 and "by student1" in review.content.decode()


def test_instructor_sees_an_attempt_in_progress(
    instructor_client: Client, student, quiz, teaching_course
) -> None:
    attempt = services.attempt_start(user=student, quiz=quiz)
    services.attempt_save(attempt=attempt, responses={1: "42"})
    review = instructor_client.get(reverse("quizzes:attempt_review", args=[attempt.pk]))
    html = review.content.decode()
    assert review.status_code == 200 and "In progress" in html and "<code>42</code>" in html
    assert "<summary>Worked solution" not in html
    take = instructor_client.get(reverse("quizzes:attempt_take", args=[attempt.pk]))
    assert take.status_code == 302  # instructors look, they do not answer for the student


def test_expired_attempt_is_submitted_on_next_visit(student_client: Client, student, timed_quiz):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now() - timedelta(minutes=15)
    attempt = services.attempt_start(user=student, quiz=timed_quiz, now=start)
    services.attempt_save(attempt=attempt, responses={1: "5"}, now=start + timedelta(minutes=1))
    url = reverse("quizzes:attempt_take", args=[attempt.pk])
    late = student_client.post(url, {"answer-1": "6", "action": "submit"})
    assert late["Location"] == reverse("quizzes:attempt_review", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.auto_submitted and attempt.questions.get().response == "5"
    review = student_client.get(late["Location"]).content.decode()
    assert "automatically when the time ran out" in review
    body = student_client.post(reverse("quizzes:attempt_autosave", args=[attempt.pk])).json()
    assert body["closed"] is True


def test_pages_survive_a_removed_generator(student_client: Client, student, quiz) -> None:
    from quizzes.models import AttemptQuestion

    attempt = services.attempt_start(user=student, quiz=quiz)
    AttemptQuestion.objects.filter(attempt=attempt, position=1).update(generator="gone")
    take = student_client.get(reverse("quizzes:attempt_take", args=[attempt.pk]))
    assert take.status_code == 200 and "Removed question" in take.content.decode()
    services.attempt_submit(attempt=attempt, responses={})
    review = student_client.get(reverse("quizzes:attempt_review", args=[attempt.pk]))
    assert review.status_code == 200


def test_csv_neutralises_spreadsheet_formulas(
    instructor_client: Client, quiz, teaching_course
) -> None:
    from django.contrib.auth.models import User

    from courses.models import Enrollment

    sneaky = User.objects.create_user(username="@SUM(1+1)", password="x")
    Enrollment.objects.create(course=teaching_course, user=sneaky)
    services.attempt_start(user=sneaky, quiz=quiz)
    text = instructor_client.get(reverse("quizzes:quiz_results_csv", args=[quiz.slug]))
    assert "\n'@SUM(1+1)," in text.content.decode().replace("\r\n", "\n")

"""Practice mode: a lesson's questions, fresh variants, feedback and the worked solution after
an answer, nothing graded, nothing hidden leaked, and course scoping."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from accounts.services import user_create
from catalog.models import Lesson
from courses.models import Course, CourseLesson, Enrollment
from quizzes.bank import GRADED_SEEDS, PRACTICE_SEEDS
from quizzes.models import Attempt, AttemptQuestion, Question, QuestionVariant, Quiz
from quizzes.services import SlotSpec, quiz_save

pytestmark = pytest.mark.django_db

NAME = "sample-covariance"
# Hand-built stored variants: the right answer, one anticipated wrong answer with its message,
# and a solution whose text must not appear before an answer.
MESSAGE = "You divided by n. The sample covariance divides by n - 1."
SOLUTION = "Worked out: 10 / 4 = 2.5 unmistakable-solution-marker"
GRADED = GRADED_SEEDS[3]
P1, P2 = PRACTICE_SEEDS[0], PRACTICE_SEEDS[1]


def _store(question: Question, seed: int, value: float) -> None:
    assert question.current_version is not None
    QuestionVariant.objects.create(
        version=question.current_version,
        seed=seed,
        params={"x": [1, 2, 3, 4, 5]},
        prompt_md=f"Variant {seed}: compute the sample covariance.",
        solution_md=f"{SOLUTION} (variant {seed})",
        answer={"value": value, "mode": "relative", "tol": 1e-3},
        feedback=[{"name": "divided-by-n", "value": value * 0.8, "message": MESSAGE}],
    )


@pytest.fixture
def lesson() -> Lesson:
    lesson = Lesson.objects.create(slug="statistics", title="Statistics")
    Question.objects.filter(slug=NAME).update(lesson=lesson)
    question = Question.objects.get(slug=NAME)
    _store(question, GRADED, 99.0)  # a variant quizzes hand out: never practised
    _store(question, P1, 2.5)
    _store(question, P2, 7.25)
    return lesson


def _url(name: str = NAME) -> str:
    return reverse("quizzes:practice_question", args=[name])


def test_anonymous_is_sent_to_login(client: Client, lesson: Lesson) -> None:
    response = client.get(_url())
    assert response.status_code == 302 and "login" in response["Location"]


def test_lesson_list_and_lesson_page_link(student_client: Client, lesson: Lesson) -> None:
    page = student_client.get(reverse("quizzes:practice_lesson", args=[lesson.slug]))
    assert page.status_code == 200
    assert _url() in page.content.decode() and "Sample covariance" in page.content.decode()
    detail = student_client.get(reverse("courses:lesson_detail", args=[lesson.slug]))
    assert reverse("quizzes:practice_lesson", args=[lesson.slug]) in detail.content.decode()
    missing = student_client.get(reverse("quizzes:practice_lesson", args=["no-such-lesson"]))
    assert missing.status_code == 404


def test_no_answer_or_solution_before_answering(student_client: Client, lesson: Lesson) -> None:
    page = student_client.get(_url())
    html = page.content.decode()
    assert page.status_code == 200 and "compute the sample covariance" in html
    seed = student_client.session[f"practice-seed:{NAME}"]
    value = {P1: "2.5", P2: "7.25"}[seed]
    assert "unmistakable-solution-marker" not in html
    assert "Correct answer" not in html and value not in html
    assert MESSAGE not in html
    # Reloading shows the same variant (the seed is kept in the session).
    assert f"Variant {seed}:" in student_client.get(_url()).content.decode()


def test_wrong_answer_shows_its_feedback_then_the_solution(
    student_client: Client, lesson: Lesson
) -> None:
    student_client.get(_url())
    seed = student_client.session[f"practice-seed:{NAME}"]
    value = {P1: 2.5, P2: 7.25}[seed]
    html = student_client.post(_url(), {"answer": f"{value * 0.8:g}"}).content.decode()
    assert 'data-status="incorrect"' in html or 'data-status="partial"' in html
    assert MESSAGE in html
    assert f"{SOLUTION} (variant {seed})" in html and f"<code>{value:g}</code>" in html
    right = student_client.post(_url(), {"answer": f"{value:g}"}).content.decode()
    assert 'data-status="correct"' in right
    # Nothing is graded or stored.
    assert not Attempt.objects.exists() and not AttemptQuestion.objects.exists()


def test_unreadable_answer_reveals_nothing(student_client: Client, lesson: Lesson) -> None:
    student_client.get(_url())
    html = student_client.post(_url(), {"answer": "__import__('os')"}).content.decode()
    assert 'data-status="invalid"' in html
    assert "unmistakable-solution-marker" not in html


def test_new_variant_draws_another_stored_seed(student_client: Client, lesson: Lesson) -> None:
    student_client.get(_url())
    key = f"practice-seed:{NAME}"
    before = student_client.session[key]
    response = student_client.post(_url(), {"action": "new"})
    assert response.status_code == 302 and response["Location"] == _url()
    after = student_client.session[key]
    assert {before, after} == {P1, P2}  # the other practice variant, never GRADED
    assert f"Variant {after}:" in student_client.get(_url()).content.decode()


def test_no_stored_variant_starts_no_jail(
    student_client: Client, lesson: Lesson, monkeypatch: pytest.MonkeyPatch
) -> None:
    def jail(**_: object) -> None:
        raise AssertionError("practice must not run a generator")

    monkeypatch.setattr("quizzes.bank.generate_variants", jail)
    other = Question.objects.exclude(slug=NAME).first()
    assert other is not None
    Question.objects.filter(pk=other.pk).update(lesson=lesson)
    page = student_client.get(_url(other.slug))
    assert page.status_code == 200 and "no variants ready" in page.content.decode()
    assert student_client.get(_url()).status_code == 200


def test_questions_of_no_visible_lesson_or_quiz_are_404(student_client: Client) -> None:
    assert Question.objects.filter(slug=NAME, lesson__isnull=True).exists()
    assert student_client.get(_url()).status_code == 404  # no lesson, in no quiz
    assert student_client.get(_url("no-such-question")).status_code == 404


def test_course_scoping(student: User, other_student: User) -> None:
    """A question of a course's own lesson: the course's students may practise it, another
    student gets a 404, as for the lesson itself."""
    teacher = user_create(username="t", password="x", instructor=True)
    course = Course.objects.create(owner=teacher, title="Private")
    lesson = Lesson.objects.create(slug="private", title="Private", library=course.library)
    CourseLesson.objects.create(course=course, lesson=lesson)
    Enrollment.objects.create(course=course, user=student)
    Question.objects.filter(slug=NAME).update(lesson=lesson)
    _store(Question.objects.get(slug=NAME), P1, 2.5)
    inside, outside = Client(), Client()
    inside.force_login(student)
    outside.force_login(other_student)
    assert inside.get(_url()).status_code == 200
    assert outside.get(_url()).status_code == 404
    assert outside.get(reverse("quizzes:practice_lesson", args=["private"])).status_code == 404


def test_a_visible_quiz_makes_its_questions_practisable_but_not_during_an_attempt(
    student: User, student_client: Client
) -> None:
    quiz: Quiz = quiz_save(
        slug="cov", fields={"title": "Cov"}, slots=[SlotSpec(NAME, count=1, points=1)]
    )
    _store(Question.objects.get(slug=NAME), P1, 2.5)
    assert student_client.get(_url()).status_code == 200
    Attempt.objects.create(quiz=quiz, user=student, number=1)
    attempt = Attempt.objects.get()
    AttemptQuestion.objects.create(attempt=attempt, position=1, generator=NAME, seed=GRADED)
    blocked = student_client.get(_url())
    assert blocked.status_code == 409 and "in progress" in blocked.content.decode()
    assert (
        "unmistakable-solution-marker"
        not in student_client.post(_url(), {"answer": "1"}).content.decode()
    )
    Attempt.objects.filter(pk=attempt.pk).update(status=Attempt.Status.SUBMITTED)
    assert student_client.get(_url()).status_code == 200


def test_practice_never_shows_a_variant_a_quiz_can_hand_out(
    student_client: Client, lesson: Lesson
) -> None:
    """The pool is split: practice draws only PRACTICE_SEEDS, so clicking "New variant" until
    a quiz's variant comes up (then reading its worked solution) cannot work, before an
    attempt starts or after it ends."""
    key = f"practice-seed:{NAME}"
    shown = set()
    for _ in range(30):
        student_client.post(_url(), {"action": "new"})
        shown.add(student_client.session[key])
        assert f"Variant {GRADED}:" not in student_client.get(_url()).content.decode()
    assert shown == {P1, P2}
    # A seed planted in the session (an old one from before the split) is not shown either.
    session = student_client.session
    session[key] = GRADED
    session.save()
    html = student_client.get(_url()).content.decode()
    assert f"Variant {GRADED}:" not in html
    assert student_client.session[key] in (P1, P2)


def test_graded_attempts_draw_only_graded_seeds() -> None:
    from quizzes.services import variant_seed

    seeds = {
        variant_seed(user_id=user, quiz_id=quiz, attempt_number=1, slot_id=slot, index=0)
        for user in range(40)
        for quiz in range(5)
        for slot in range(5)
    }
    assert seeds <= set(GRADED_SEEDS) and len(seeds) > len(GRADED_SEEDS) // 2

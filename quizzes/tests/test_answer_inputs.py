"""The quiz page's inputs for the answer types of #17 (radio buttons, checkboxes, one box per
part), the responses they post, and the feedback rule stored with a graded answer."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse

from quizzes.bank import Variant, get_generator
from quizzes.models import Attempt, AttemptQuestion, Quiz
from quizzes.services import SlotSpec, quiz_save


@pytest.fixture
def rich_quiz(db: None) -> Quiz:
    return quiz_save(
        slug="rich",
        fields={"title": "Rich answers", "attempts_allowed": 3},
        slots=[
            SlotSpec("sample-variance-choice", count=1, points=2),
            SlotSpec("mean-variance-parts", count=1, points=4),
            SlotSpec("chain-rule-expression", count=1, points=2),
        ],
    )


def _start(client: Client, quiz: Quiz) -> tuple[Attempt, list[AttemptQuestion]]:
    client.post(reverse("quizzes:quiz_start", args=[quiz.slug]))
    attempt = Attempt.objects.get(quiz=quiz)
    return attempt, list(attempt.questions.all())


def _variant(question: AttemptQuestion) -> Variant:
    return get_generator(question.generator).generate(question.seed)


def test_the_page_has_radios_checkboxes_and_a_box_per_part(student_client: Client, rich_quiz):
    attempt, questions = _start(student_client, rich_quiz)
    page = student_client.get(reverse("quizzes:attempt_take", args=[attempt.pk])).content.decode()
    assert page.count('type="radio" name="answer-1"') == 4
    assert 'id="answer-1"' in page  # the first radio: what the error summary links to
    for part in ("a", "b"):
        assert f'name="answer-2-{part}"' in page
    assert page.count('type="checkbox" name="answer-2-c"') == 4
    assert '<input type="hidden" name="answer-2-c" value="">' in page
    assert "<legend>Part (c)" in page
    assert 'data-symbolic="1"' in page and 'name="answer-3"' in page
    # The options appear in the order of the variant's seed.
    spec = _variant(questions[0]).answer
    shown = [int(v) for v in _radio_values(page, "answer-1")]
    assert shown == spec.option_order(questions[0].seed)


def _radio_values(page: str, name: str) -> list[str]:
    return re.findall(rf'type="radio" name="{name}" value="(\d+)"', page)


def test_submitting_parts_and_checkboxes_stores_and_grades(student_client: Client, rich_quiz):
    attempt, questions = _start(student_client, rich_quiz)
    choice, parts, formula = (_variant(q) for q in questions)
    data = np.asarray(parts.params["data"], dtype=float)
    url = reverse("quizzes:attempt_take", args=[attempt.pk])
    post = {
        "answer-1": choice.answer.text(),
        "answer-2-a": json.loads(parts.answer.text())["a"],
        "answer-2-b": repr(float(data.var())),  # divided by n: the anticipated mistake
        "answer-2-c": ["", "0", "1"],  # hidden empty value, then the two ticked boxes
        # The expected formula with implicit products: "-9 x^2 sin(3 x^3)".
        "answer-3": formula.answer.text().replace("*", " "),
        "action": "submit",
    }
    response = student_client.post(url, post)
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = {q.position: q for q in AttemptQuestion.objects.filter(attempt=attempt)}
    assert stored[1].status == "correct"
    assert json.loads(stored[2].response)["c"] == "0,1"
    assert stored[2].feedback == ["b:divided-by-n"]
    assert stored[2].fraction == pytest.approx((1 + 2 * 0.5 + 1) / 4)
    assert stored[3].status == "correct"
    review = student_client.get(reverse("quizzes:attempt_review", args=[attempt.pk]))
    html = review.content.decode()
    assert 'class="answer-feedback"' in html
    assert "You divided by" in html and 'class="math inline"' in html


def test_a_choice_rule_fires_and_unticking_every_box_clears_it(student_client: Client, rich_quiz):
    attempt, _ = _start(student_client, rich_quiz)
    url = reverse("quizzes:attempt_take", args=[attempt.pk])
    student_client.post(url, {"answer-2-c": ["", "2"], "action": "save"})
    assert json.loads(AttemptQuestion.objects.get(attempt=attempt, position=2).response) == {
        "c": "2"
    }
    student_client.post(url, {"answer-2-c": [""], "action": "save"})
    assert AttemptQuestion.objects.get(attempt=attempt, position=2).response == ""

    student_client.post(url, {"answer-1": "1", "action": "submit"})  # divided by n
    first = AttemptQuestion.objects.get(attempt=attempt, position=1)
    assert first.feedback == ["divided-by-n"] and first.status == "incorrect"
    assert "dividing by $n-1$" in first.message


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("sample-variance-choice", 'Answer: <span class="math inline">'),  # the option, rendered
        ("mean-variance-parts", "(a) the mean"),
        ("chain-rule-expression", "an expression in x"),
    ],
)
def test_the_composers_preview_shows_every_kind(instructor_client: Client, name, shown) -> None:
    url = reverse("quizzes:generator_preview")
    response = instructor_client.get(url, {"generator": name, "seed": "5"})
    html = response.content.decode()
    assert response.status_code == 200 and "Answer:" in html and shown in html


def test_the_results_page_counts_the_rules_that_fired(
    student_client: Client, instructor_client: Client, rich_quiz, student, instructor
) -> None:
    from courses.models import Course, CourseQuiz, Enrollment

    # The instructor teaches the student in a course listing the quiz: they see the results.
    course = Course.objects.create(owner=instructor, title="Statistics")
    CourseQuiz.objects.create(course=course, quiz=rich_quiz)
    Enrollment.objects.create(course=course, user=student)
    attempt, _ = _start(student_client, rich_quiz)
    url = reverse("quizzes:attempt_take", args=[attempt.pk])
    student_client.post(url, {"answer-1": "1", "action": "submit"})  # divided by n
    page = instructor_client.get(reverse("quizzes:quiz_results", args=[rich_quiz.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Anticipated mistakes: <code>divided-by-n</code> ×1" in html


def test_autosave_returns_how_a_formula_was_read(student_client: Client, rich_quiz) -> None:
    attempt, _ = _start(student_client, rich_quiz)
    url = reverse("quizzes:attempt_autosave", args=[attempt.pk])
    data = student_client.post(url, {"answer-3": "1/2x"}).json()
    assert data["previews"] == {"answer-3": r"\frac{1}{2}\,x"}
    page = student_client.get(reverse("quizzes:attempt_take", args=[attempt.pk])).content.decode()
    assert 'data-preview-for="answer-3">Read as: <span class="math inline">\\frac{1}{2}\\,x' in page

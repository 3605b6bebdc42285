"""Practice mode and the item analysis in a real browser (light, dark, and a 390×844 phone).

Screenshots land in test-artifacts/practice-*.png and item-analysis-*.png for a human to look
at. The variants are the real generators' (one jail run per question, then stored).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.conf import settings
from django.test import Client

from accounts.services import user_create
from catalog.models import Lesson
from conftest import variants_stored
from courses import scoring
from courses.models import Course, CourseQuiz, Enrollment
from quizzes.bank import PRACTICE_SEEDS, grade_response, variants_get
from quizzes.models import Attempt, AttemptQuestion, Question, QuizSlot
from quizzes.services import SlotSpec, quiz_save

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
QUESTIONS = ("sample-covariance", "bayes-posterior", "dot-product")
SHOTS: list[tuple[str, dict[str, Any]]] = [
    ("light", {}),
    ("dark", {"color_scheme": "dark"}),
    ("phone-dark", {"viewport": PHONE, "color_scheme": "dark", "is_mobile": True}),
]


def _page(browser: Any, live_server: Any, user: Any, **options: Any) -> Any:
    client = Client()
    client.force_login(user)
    context = browser.new_context(**{"viewport": {"width": 1200, "height": 900}, **options})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _session_seed(page: Any) -> int:
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore
    [cookie] = [c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME]
    return int(store(session_key=cookie["value"])["practice-seed:sample-covariance"])


def test_practice_wrong_answer_feedback_then_solution(
    chromium: Any, live_server: Any, student: Any, artifacts_dir: Path
) -> None:
    lesson = Lesson.objects.create(slug="statistics", title="Statistics")
    Question.objects.filter(slug="sample-covariance").update(lesson=lesson)
    # Stored: two practice variants (practice shows no other part of the pool).
    practice = PRACTICE_SEEDS[:2]
    variants = variants_stored([("sample-covariance", seed) for seed in practice])
    for label, options in SHOTS:
        page = _page(chromium, live_server, student, **options)
        page.goto(f"{live_server.url}/lessons/statistics/")
        page.click("[data-practice-link]")
        page.click("text=Sample covariance")
        assert page.locator(".solution").count() == 0
        page.click("button[value=new]")
        variant = variants[("sample-covariance", _session_seed(page))]
        wrong = next(rule for rule in variant.feedback if rule["name"] == "divided-by-n")
        page.fill("#practice-answer", f"{wrong['value']:.6g}")
        page.click("button[value=check]")
        assert page.inner_text("#practice-feedback") == wrong["message"]
        assert page.locator(".solution").is_visible()
        page.screenshot(path=str(artifacts_dir / f"practice-{label}.png"), full_page=True)
        page.context.close()


def test_item_analysis_page(
    chromium: Any, live_server: Any, instructor: Any, artifacts_dir: Path
) -> None:
    quiz = quiz_save(
        slug="stats-check",
        fields={"title": "Statistics check"},
        slots=[SlotSpec(name, count=1, points=1) for name in QUESTIONS],
    )
    course = Course.objects.create(owner=instructor, title="ML maths")
    CourseQuiz.objects.create(course=course, quiz=quiz)
    rng = np.random.default_rng(3)
    seeds = list(range(12))
    variants = variants_get([(name, seed) for name in QUESTIONS for seed in seeds])
    slots = {slot.generator: slot for slot in QuizSlot.objects.filter(quiz=quiz)}
    for i in seeds:
        user = user_create(username=f"learner{i}", password="x")
        Enrollment.objects.create(course=course, user=user)
        attempt = Attempt.objects.create(
            quiz=quiz, user=user, number=1, status=Attempt.Status.SUBMITTED
        )
        strong = rng.random() < 0.5
        for position, name in enumerate(QUESTIONS, start=1):
            variant = variants[(name, i)]
            if name == "sample-covariance" and not strong:
                typed = f"{variant.feedback[0]['value']:.6g}"  # the divided-by-n mistake
            elif name == "bayes-posterior" and variant.params["prior"] < 0.05 and not strong:
                typed = f"{variant.params['sensitivity']:g}"  # base-rate neglect
            else:
                typed = variant.answer.text() if strong or rng.random() < 0.6 else "0"
            result = grade_response(variant, typed)
            AttemptQuestion.objects.create(
                attempt=attempt,
                slot=slots[name],
                position=position,
                generator=name,
                seed=i,
                response=typed,
                status=result.status,
                fraction=result.score,
                message=result.message,
            )
        attempt.score = sum(q.fraction for q in attempt.questions.all())
        attempt.max_score = len(QUESTIONS)
        attempt.save()
    scoring.results_rebuild(course=course)
    url = f"{live_server.url}/instructor/courses/{course.pk}/quizzes/{quiz.pk}/"
    for label, options in SHOTS:
        page = _page(chromium, live_server, instructor, **options)
        page.goto(url)
        assert page.locator("[data-item-analysis] > tbody > tr").count() == len(QUESTIONS)
        assert page.locator('[data-rule="divided-by-n"] b').inner_text() != "0"
        page.click("details.buckets summary")
        page.locator("#item-analysis").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / f"item-analysis-{label}.png"), full_page=True)
        page.context.close()

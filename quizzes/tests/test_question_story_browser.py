"""Issue #17's story in one browser run: an instructor writes a new question (generator in the
editor, preview of fresh variants, validate, save), adds it to a quiz of her course; a student
takes the quiz and, typing the anticipated wrong answer, gets that rule's message; then the
course's quiz statistics (item analysis) count the rule. Screenshots in test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from courses import services as course_services
from quizzes.bank import variants_get
from quizzes.models import AttemptQuestion, Quiz

pytestmark = pytest.mark.browser


def _page(chromium: Any, live_server: Any, user: User, **look: Any) -> Any:
    client = Client()
    client.force_login(user)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, **look)
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
    page.set_default_timeout(30_000)
    return page


def test_a_question_written_in_the_browser_reaches_a_student_and_the_item_analysis(
    chromium: Any, live_server: Any, instructor: User, student: User, artifacts_dir: Path
) -> None:
    course = course_services.course_create(owner=instructor, title="Statistics 101")
    course_services.enrollment_join(user=student, code=course.join_code)

    # 1. The instructor writes the question (the editor's starting generator: sample variance,
    #    with the "divided by n" mistake as an anticipated wrong answer).
    page = _page(chromium, live_server, instructor)
    page.goto(f"{live_server.url}/quizzes/manage/questions/new/")
    page.wait_for_selector(".cm-editor")
    page.fill("#id_slug", "story-variance")
    page.fill("#id_title", "Variance of a small sample")
    page.click("[data-preview-button]")
    page.wait_for_selector("[data-preview-result] .variant-card")
    assert "You divided by n" in page.inner_text("[data-preview-result]")
    page.click("[data-validate]")
    page.wait_for_selector('[data-validation="ok"]')
    page.fill("#id_message", "first version")
    page.click("[data-save]")
    page.wait_for_selector("[data-versions]")

    # 2. ... and adds it to a new quiz of her course.
    page.goto(f"{live_server.url}/quizzes/manage/new/")
    page.fill("#id_title", "Variance check")
    page.select_option("#id_library", str(course.library_id))
    page.select_option("#id_slots-0-generator", "story-variance")
    page.get_by_role("button", name="Save quiz").click()
    page.wait_for_selector("text=Saved “Variance check”")
    quiz = Quiz.objects.get(title="Variance check")
    assert quiz.library_id == course.library_id
    Quiz.objects.filter(pk=quiz.pk).update(is_published=True)
    course_services.course_item_add(course=course, actor=instructor, quiz_slug=quiz.slug)
    page.screenshot(path=str(artifacts_dir / "question-story-1-quiz.png"), full_page=True)
    page.context.close()

    # 3. The student takes it and types the anticipated wrong answer.
    page = _page(chromium, live_server, student)
    page.goto(f"{live_server.url}/quizzes/{quiz.slug}/")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_selector("#attempt-form")
    asked = AttemptQuestion.objects.get(attempt__quiz=quiz, attempt__user=student)
    variant = variants_get([(asked.generator, asked.seed)])[(asked.generator, asked.seed)]
    wrong = next(rule for rule in variant.feedback if rule["name"] == "divided-by-n")
    page.fill("#answer-1", f"{wrong['value']:.6g}")
    page.wait_for_selector("#save-status:has-text('Saved')")
    page.get_by_role("button", name="Submit answers").click()
    dialog = page.get_by_role("dialog")
    if dialog.count() and dialog.is_visible():
        dialog.get_by_role("button", name="Submit now").click()
    page.wait_for_selector("#attempt-score")
    assert wrong["message"] in page.inner_text("main")
    page.screenshot(path=str(artifacts_dir / "question-story-2-feedback.png"), full_page=True)
    page.context.close()
    asked.refresh_from_db()
    assert asked.feedback == ["divided-by-n"]

    # 4. The item analysis counts the rule.
    page = _page(chromium, live_server, instructor)
    page.goto(f"{live_server.url}/instructor/courses/{course.pk}/quizzes/{quiz.pk}/")
    assert page.locator("[data-item-analysis] > tbody > tr").count() == 1
    assert page.locator('[data-rule="divided-by-n"] b').inner_text() == "1"
    page.locator("#item-analysis").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "question-story-3-analysis.png"), full_page=True)
    page.context.close()

"""Deadlines, extensions and the audit log in a real browser (Debian chromium, Playwright):
a TA on a phone in dark mode grants a late student an extension with the keyboard, the audit
log shows it, and the student's exercise and quiz pages say when things are due on the
course's clock. Screenshots go to test-artifacts/deadlines-*.png.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from accounts.services import user_create
from courses.models import CourseExercise, CourseQuiz, CourseStaff, Extension, StaffRole
from courses.services import course_create, enrollment_join
from exercises.tests.test_services import make_exercise
from quizzes import services as quiz_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _page(browser: Any, *, dark: bool) -> Any:
    context = browser.new_context(
        viewport=PHONE,
        color_scheme="dark" if dark else "light",
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


def _log_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def _no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{page.url} scrolls sideways ({width}px)"


def test_ta_extends_a_late_student_on_a_phone(
    live_server: Any, chromium: Any, artifacts_dir: Path
) -> None:
    base = live_server.url
    owner = user_create(username="prof", password="prof-passphrase-1", instructor=True)
    ta = user_create(username="ta", password="ta-passphrase-1")
    student = user_create(username="sam", password="sam-passphrase-1")
    exercise = make_exercise()
    quiz = quiz_services.quiz_save(
        slug="week-1",
        fields={"title": "Week 1 quiz", "time_limit_minutes": 15},
        slots=[quiz_services.SlotSpec("dot-product", count=1, points=2)],
    )
    course = course_create(
        owner=owner,
        title="ML math (Pacific)",
        exercise_ids=[exercise.pk],
        quiz_ids=[quiz.pk],
        time_zone="America/Los_Angeles",
    )
    past = timezone.now() - timedelta(days=1)
    CourseExercise.objects.filter(course=course).update(
        due_at=past, late_policy="penalty", late_penalty_percent=20
    )
    CourseQuiz.objects.filter(course=course).update(due_at=past, late_policy="closed")
    CourseStaff.objects.create(course=course, user=ta, role=StaffRole.TA)
    enrollment_join(user=student, code=course.join_code)

    # --- The student, late: the exercise warns, the quiz is closed.
    sam = _page(chromium, dark=False)
    _log_in(sam, base, "sam", "sam-passphrase-1")
    sam.goto(f"{base}/exercises/{exercise.slug}/")
    late = sam.locator("[data-deadline=late]")
    assert "late work gets 20 % off" in late.inner_text()
    assert "PST" in late.inner_text() or "PDT" in late.inner_text()
    _no_sideways_scroll(sam)
    sam.screenshot(path=str(artifacts_dir / "deadlines-exercise-late-phone.png"), full_page=True)
    sam.goto(f"{base}/quizzes/{quiz.slug}/")
    assert "No attempt is accepted" in sam.locator("[data-deadline=closed]").inner_text()
    assert sam.locator("form[action$='/start/']").count() == 0
    sam.screenshot(path=str(artifacts_dir / "deadlines-quiz-closed-phone.png"), full_page=True)

    # --- The TA, on a phone in dark mode, grants an extension with the keyboard.
    page = _page(chromium, dark=True)
    _log_in(page, base, "ta", "ta-passphrase-1")
    page.goto(f"{base}/instructor/courses/{course.pk}/students/{student.pk}/")
    form = page.locator("[data-extension-form]")
    form.locator("select[name=ext-item]").select_option(f"quiz:{quiz.pk}")
    new_date = timezone.localtime(timezone.now() + timedelta(days=2))
    form.locator("input[name=ext-due_at]").fill(new_date.strftime("%Y-%m-%dT%H:%M"))
    form.locator("input[name=ext-time_multiplier]").fill("1.5")
    reason = form.locator("input[name=ext-reason]")
    reason.fill("Hospital, note on file")
    reason.press("Enter")
    page.wait_for_selector(".message-success")
    row = page.locator(f"tr[data-item='quiz:{quiz.pk}']")
    assert "×1.5 time" in row.inner_text() and "Hospital" in row.inner_text()
    _no_sideways_scroll(page)
    page.screenshot(path=str(artifacts_dir / "deadlines-drilldown-dark-phone.png"), full_page=True)

    # A bad override shows its error in place.
    override = page.locator("[data-override-form]")
    override.locator("select[name=ovr-item]").select_option(f"exercise:{exercise.pk}")
    override.locator("input[name=ovr-points]").fill("99")
    override.locator("input[name=ovr-reason]").fill("typo")
    override.locator("button[type=submit]").click()
    assert "between 0 and" in page.locator("[data-override-form] .field-error").inner_text()

    page.goto(f"{base}/instructor/courses/{course.pk}/audit")
    assert "Hospital, note on file" in page.locator("table[data-audit]").inner_text()
    _no_sideways_scroll(page)
    page.screenshot(path=str(artifacts_dir / "deadlines-audit-dark-phone.png"), full_page=True)
    assert Extension.objects.get().time_multiplier == 1.5

    # --- The owner's course form: time zone and per-item late settings, on a phone.
    prof = _page(chromium, dark=True)
    _log_in(prof, base, "prof", "prof-passphrase-1")
    prof.goto(f"{base}/instructor/courses/{course.pk}/edit")
    assert prof.locator("select[name=time_zone]").input_value() == "America/Los_Angeles"
    assert prof.locator(f"select[name=policy_{exercise.pk}]").input_value() == "penalty"
    assert prof.locator(f"input[name=penalty_{exercise.pk}]").input_value() == "20"
    _no_sideways_scroll(prof)
    prof.screenshot(path=str(artifacts_dir / "deadlines-course-form-phone.png"), full_page=True)

    # --- The student may now start the quiz, with 1.5× the time.
    sam.goto(f"{base}/quizzes/{quiz.slug}/")
    assert "with your extension" in sam.locator("[data-deadline]").first.inner_text()
    sam.locator("form[action$='/start/'] button").click()
    sam.wait_for_url("**/attempts/**")
    assert not sam.errors and not page.errors

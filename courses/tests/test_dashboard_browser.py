"""The score dashboard in a real browser, on a phone in dark mode: the gradebook chooser works
from the keyboard and downloads a Canvas file, the heatmap's cells say what they are, the page
does not scroll sideways (the grid scrolls in its own box), and the drill-down shows scores
and quiz attempts. Screenshots go to test-artifacts/dashboard-*.png.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from courses.models import Course, ScoreOverride
from quizzes.models import Quiz, QuizSlot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


CONTENT_QUESTIONS = Path(settings.CONTENT_DIR) / "questions"


def test_dashboard_on_a_phone_in_dark_mode(live_server, chromium, artifacts_dir: Path) -> None:
    quiz = Quiz.objects.create(slug="la-check", title="Linear algebra check")
    generators = sorted(p.name for p in (CONTENT_QUESTIONS / "linear-algebra").iterdir())
    for order, name in enumerate(generators[:2]):
        QuizSlot.objects.create(quiz=quiz, order=order, generator=name, count=1, points=2)
    call_command("seed_demo", students=25, submissions=25 * 12, stdout=io.StringIO())
    course = Course.objects.get()
    first = course.enrollments.order_by("user__username").first()
    assert first is not None
    exercise = course.course_exercises.first()
    assert exercise is not None
    ScoreOverride.objects.create(
        course=course,
        user_id=first.user_id,
        exercise_id=exercise.exercise_id,
        points=7,
        reason="oral exam",
    )
    base = live_server.url
    page = chromium.new_page(viewport=PHONE, color_scheme="dark", accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "demo-teacher")
    page.fill("input[name=password]", "demo-teacher-pw")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")

    dashboard = f"{base}/instructor/courses/{course.pk}/"
    page.goto(dashboard)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(17, 21, 28)"  # the dark palette
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"] + 1, f"the overview scrolls sideways: {wide}px"
    page.screenshot(path=str(artifacts_dir / "dashboard-1-overview-phone-dark.png"), full_page=True)
    page.focus("#f-layout")
    page.keyboard.press("ArrowDown")  # plain → Canvas, from the keyboard
    assert page.eval_on_selector("#f-layout", "el => el.value") == "canvas"
    with page.expect_download() as download:
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    text = Path(download.value.path()).read_text()
    header, possible, *rows = list(csv.reader(io.StringIO(text)))
    assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert possible[0] == "Points Possible" and len(rows) == 25

    page.goto(dashboard + "heatmap?sort=name")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"] + 1, f"the page scrolls sideways: {wide}px"
    header_link = page.locator("table.heatmap thead th.ex a").first
    assert header_link.get_attribute("title") == header_link.get_attribute("aria-label")
    assert page.locator("table.heatmap thead th.ex-quiz").count() == 1  # the quiz column
    overridden = page.locator(f'tr[data-student="{first.user.username}"] a.cell').first
    assert "score set by staff" in (overridden.get_attribute("aria-label") or "")
    assert overridden.inner_text().strip().endswith("*")
    page.screenshot(path=str(artifacts_dir / "dashboard-2-heatmap-phone-dark.png"), full_page=True)

    page.locator(f'tr[data-student="{first.user.username}"] th a').click()
    page.locator("[data-student-scores]").wait_for()
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"] + 1, f"the drill-down scrolls sideways: {wide}px"
    assert "Quiz attempts" in page.locator("main").inner_text()
    assert page.locator("[data-student-scores] tr[data-item]").count() == 13  # 12 + the quiz
    page.screenshot(path=str(artifacts_dir / "dashboard-3-student-phone-dark.png"), full_page=True)
    assert errors == []

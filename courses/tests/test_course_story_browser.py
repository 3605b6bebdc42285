"""Issue #21's story in a real browser (Debian chromium via Playwright), every step through
the pages a person uses:

the owner creates a course in Berlin time with an exercise already past its due date (late
work 20 % off) and invites a TA; a student signs in, joins with the code on the start page,
solves the exercise in the editor, and is late once; the TA grants an extension from the
student's page; the owner regrades and exports the Canvas gradebook, which is parsed back.
Screenshots go to test-artifacts/story-*.png (desktop and a 390×844 phone in dark mode).
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.services import user_create
from courses.models import Course, CourseStaff, Extension, ItemResult, RegradeJob
from exercises.tests.browser import type_code
from exercises.tests.test_services import make_exercise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
BERLIN = ZoneInfo("Europe/Berlin")
SOLUTION = ["import numpy as np", "", "def scaled_exp(x):", "return np.exp(x - np.max(x))"]


def _page(browser: Any, **options: Any) -> Any:
    context = browser.new_context(**({"viewport": {"width": 1280, "height": 900}} | options))
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


def _log_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def test_owner_ta_and_a_late_student_through_the_whole_course(
    live_server: Any, chromium: Any, artifacts_dir: Path
) -> None:
    base = live_server.url
    user_create(username="prof", password="prof-passphrase-1", instructor=True)
    user_create(username="tina", password="tina-passphrase-1")
    ann = user_create(username="ann", password="ann-passphrase-1", email="ann@example.org")
    exercise = make_exercise()  # the site library's: usable in any course
    yesterday = (timezone.now() - timedelta(days=1)).astimezone(BERLIN)

    # --- The owner creates the course: Berlin time, the exercise due yesterday, 20 % off late.
    owner = _page(chromium)
    _log_in(owner, base, "prof", "prof-passphrase-1")
    owner.goto(f"{base}/instructor/courses/new")
    owner.fill("input[name=title]", "ML math, spring")
    owner.select_option("select[name=time_zone]", "Europe/Berlin")
    owner.check(f"input[name=exercises][value='{exercise.pk}']")
    owner.fill(f"input[name=due_{exercise.pk}]", yesterday.strftime("%Y-%m-%dT%H:%M"))
    owner.select_option(f"select[name=policy_{exercise.pk}]", "penalty")
    owner.fill(f"input[name=penalty_{exercise.pk}]", "20")
    owner.screenshot(path=str(artifacts_dir / "story-1-course-form.png"), full_page=True)
    owner.locator("main form button[type=submit]").last.click()
    owner.wait_for_url(f"{base}/instructor/courses/*/")
    course = Course.objects.get(title="ML math, spring")
    assert course.time_zone == "Europe/Berlin"
    entry = course.course_exercises.get()
    assert (entry.late_policy, entry.late_penalty_percent) == ("penalty", 20)

    # ...and invites the TA.
    owner.goto(f"{base}/instructor/courses/{course.pk}/staff")
    owner.fill("input[name=identifier]", "tina")
    owner.select_option("select[name=role]", "ta")
    owner.locator("[data-invite] button[type=submit]").click()
    owner.locator("[data-staff-row=tina]").wait_for()
    assert CourseStaff.objects.get(course=course, user__username="tina").role == "ta"

    # --- The student joins with the code on the start page, on a phone in dark mode...
    student = _page(chromium, viewport=PHONE, color_scheme="dark", is_mobile=True)
    _log_in(student, base, "ann", "ann-passphrase-1")
    student.goto(f"{base}/start/")
    student.fill("#start-join-code", course.join_code.lower())
    student.locator("form.inline-join button").click()
    student.wait_for_url(f"{base}/courses/{course.pk}/")
    item = student.locator(f"[data-item='exercise:{exercise.pk}']")
    assert "CET (Europe/Berlin)" in item.inner_text() or "CEST (Europe/Berlin)" in (
        item.inner_text()
    )
    student.screenshot(path=str(artifacts_dir / "story-2-course-page-phone.png"), full_page=True)
    _no_sideways_scroll(student)

    # ...solves the exercise in the editor, a day late (warned first).
    student.goto(f"{base}/exercises/{exercise.slug}/")
    assert "20 % off" in student.locator("[data-deadline=late]").inner_text()
    type_code(student, SOLUTION)
    student.click("button[name=kind][value=submit]")
    student.locator("[data-verdict] [data-verdict-status]").wait_for(timeout=30_000)
    student.goto(f"{base}/courses/{course.pk}/")
    item = student.locator(f"[data-item='exercise:{exercise.pk}']")
    assert item.get_attribute("data-status") == "late"
    assert item.locator("[data-points]").inner_text().startswith("8 / 10")
    student.screenshot(path=str(artifacts_dir / "story-3-late-phone.png"), full_page=True)

    # --- The TA grants an extension from the student's page.
    ta = _page(chromium)
    _log_in(ta, base, "tina", "tina-passphrase-1")
    ta.goto(f"{base}/instructor/courses/{course.pk}/heatmap")
    ta.locator("[data-student=ann] a").first.click()
    ta.wait_for_url(f"{base}/instructor/courses/{course.pk}/students/{ann.pk}/")
    form = ta.locator("[data-extension-form]")
    form.locator("select[name=ext-item]").select_option(f"exercise:{exercise.pk}")
    later = (timezone.now() + timedelta(days=2)).astimezone(BERLIN)
    form.locator("input[name=ext-due_at]").fill(later.strftime("%Y-%m-%dT%H:%M"))
    form.locator("input[name=ext-reason]").fill("Ill, note from the doctor")
    form.locator("button[type=submit]").click()
    ta.wait_for_selector(".message-success")
    ta.screenshot(path=str(artifacts_dir / "story-4-extension.png"), full_page=True)
    assert Extension.objects.get(course=course, user=ann).reason == "Ill, note from the doctor"
    student.reload()
    item = student.locator(f"[data-item='exercise:{exercise.pk}']")
    assert item.get_attribute("data-status") == "solved"
    assert item.locator("[data-points]").inner_text().startswith("10 / 10")

    # --- The owner regrades (scores may only go up) and exports for Canvas.
    owner.goto(f"{base}/instructor/courses/{course.pk}/regrades/")
    owner.locator("[data-regrade-form] input[value=up_only]").check()
    owner.locator("[data-regrade-form] button[type=submit]").click()
    owner.wait_for_url(f"{base}/instructor/courses/{course.pk}/regrades/*/")
    owner.locator("[data-status]", has_text="Done").wait_for(timeout=60_000)
    assert RegradeJob.objects.get(course=course).status == "done"
    owner.screenshot(path=str(artifacts_dir / "story-5-regrade.png"), full_page=True)
    response = owner.request.get(
        f"{base}/instructor/courses/{course.pk}/gradebook.csv?layout=canvas"
    )
    assert response.status == 200
    rows = list(csv.reader(io.StringIO(response.text())))
    header, possible, *students = rows
    column = next(i for i, name in enumerate(header) if name.startswith(exercise.title))
    assert possible[0] == "Points Possible" and float(possible[column]) == 10
    (row,) = students
    assert "ann" in ",".join(row) and float(row[column]) == 10
    result = ItemResult.objects.get(course=course, user=ann, exercise=exercise)
    assert (result.fraction, result.late) == (1.0, False)
    for page in (owner, student, ta):
        assert not page.errors, page.errors

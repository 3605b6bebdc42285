"""Course staff, the class list, a student's course page and a regrade in a real browser
(Debian chromium, driven by Playwright).

The owner invites a TA and enrols a pasted class list; a student opens the course on a phone
in dark mode and continues with the keyboard; the TA (not in the Instructors group) finds the
course under "Teaching" but cannot edit it; the owner regrades after a fix and watches the
progress bar finish. Screenshots go to test-artifacts/staff-*.png.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from accounts.services import user_create
from courses.models import CourseStaff, Enrollment, RegradeJob
from courses.services import course_create
from courses.tests.test_regrade import _publish_v2
from exercises import services as exercise_services
from exercises.models import Submission
from exercises.tests.test_services import GOOD, make_exercise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def new_page(browser: Any, **options: Any) -> Any:
    page = browser.new_page(**({"viewport": {"width": 1280, "height": 900}} | options))
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    return page


def log_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def test_owner_ta_student_and_a_regrade(
    live_server: Any, chromium: Any, artifacts_dir: Path
) -> None:
    base = live_server.url
    owner_user = user_create(username="prof", password="prof-passphrase-1", instructor=True)
    user_create(username="tina", password="tina-passphrase-1", email="tina@example.org")
    ann = user_create(username="ann", password="ann-passphrase-1", email="ann@example.org")
    user_create(username="ben", password="ben-passphrase-1")
    exercise = make_exercise()
    course = course_create(
        owner=owner_user,
        title="Numerics, winter",
        exercise_ids=[exercise.pk],
        due={exercise.pk: datetime(2030, 12, 13, 22, 59, tzinfo=UTC)},
    )
    course.time_zone = "Europe/Berlin"
    course.save(update_fields=["time_zone"])

    # --- The owner invites a TA (an unknown name first: a clear error).
    owner = new_page(chromium)
    log_in(owner, base, "prof", "prof-passphrase-1")
    owner.goto(f"{base}/instructor/courses/{course.pk}/staff")
    owner.fill("input[name=identifier]", "nobody-here")
    owner.locator("[data-invite] button[type=submit]").click()
    owner.locator(".field-error", has_text="No account has the username or email").wait_for()
    assert owner.errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]  # the form error is a 400 on purpose
    owner.errors.clear()
    owner.fill("input[name=identifier]", "TINA@example.org")
    owner.select_option("select[name=role]", "ta")
    owner.locator("[data-invite] button[type=submit]").click()
    owner.locator("[data-staff-row=tina]").wait_for()
    assert CourseStaff.objects.get(course=course, user__username="tina").role == "ta"
    owner.screenshot(path=str(artifacts_dir / "staff-1-staff-page.png"), full_page=True)

    # --- ...and enrols a pasted class list.
    owner.goto(f"{base}/instructor/courses/{course.pk}/roster")
    owner.fill("textarea[name=names]", "ann\nBEN\nghost\nann@example.org\n")
    owner.locator("[data-bulk] button[type=submit]").click()
    result = owner.locator("[data-bulk-result]")
    result.wait_for()
    assert result.locator("[data-enrolled-count]").inner_text() == "2"
    assert "ghost" in result.locator("[data-unknown]").inner_text()
    assert Enrollment.objects.filter(course=course).count() == 2
    owner.screenshot(path=str(artifacts_dir / "staff-2-bulk-enrol.png"), full_page=True)

    # --- A student works, then opens the course on a phone in dark mode.
    submission = exercise_services.submission_create(
        user=ann, exercise=exercise, code=GOOD, kind=Submission.Kind.SUBMIT
    )
    submission.refresh_from_db()
    assert submission.status == "graded" and submission.passed  # laptop mode: graded eagerly
    student = new_page(chromium, viewport=PHONE, color_scheme="dark")
    log_in(student, base, "ann", "ann-passphrase-1")
    student.goto(f"{base}/courses/")
    student.locator("[data-my-courses] a", has_text="Numerics, winter").click()
    student.wait_for_url(f"{base}/courses/{course.pk}/")
    text = student.locator("main").inner_text()
    assert "1 of 1" in text and "Fri 13 Dec 2030, 23:59 CET (Europe/Berlin)" in text
    assert student.locator(f"[data-item='exercise:{exercise.pk}']").get_attribute(
        "data-status"
    ) == ("solved")
    width = student.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the course page scrolls sideways on a phone ({width}px)"
    student.screenshot(
        path=str(artifacts_dir / "staff-3-course-page-phone-dark.png"), full_page=True
    )

    # --- The TA: "Teaching" in the menu, the dashboard yes, editing no.
    ta = new_page(chromium)
    log_in(ta, base, "tina", "tina-passphrase-1")
    ta.goto(f"{base}/")
    ta.get_by_role("link", name="Teaching").first.click()
    ta.wait_for_url(f"{base}/instructor/courses/")
    assert "Teaching assistant" in ta.locator("main table").inner_text()
    ta.locator("main table a", has_text="Numerics, winter").click()
    ta.wait_for_url(f"{base}/instructor/courses/{course.pk}/")
    response = ta.goto(f"{base}/instructor/courses/{course.pk}/edit")
    assert response is not None and response.status == 404
    ta.errors.clear()  # that 404 was the point

    # --- After a fix, the owner regrades (recompute) and watches the bar finish.
    _publish_v2(exercise)
    owner.goto(f"{base}/instructor/courses/{course.pk}/regrades/")
    owner.locator("[data-regrade-form] input[value=recompute]").check()
    owner.locator("[data-regrade-form] button[type=submit]").click()
    owner.wait_for_url(f"{base}/instructor/courses/{course.pk}/regrades/*/")
    owner.locator("[data-status]", has_text="Done").wait_for(timeout=60_000)
    assert owner.locator("[data-changed]").inner_text() == "1"
    job = RegradeJob.objects.get(course=course)
    assert (job.status, job.done, job.changed) == ("done", 1, 1)
    owner.screenshot(path=str(artifacts_dir / "staff-4-regrade-done.png"), full_page=True)

    # The student's page follows the regrade; "continue" is reachable by keyboard.
    student.reload()
    assert student.locator(f"[data-item='exercise:{exercise.pk}']").get_attribute(
        "data-status"
    ) == ("attempted")
    student.focus("[data-continue] a")
    student.keyboard.press("Enter")
    student.wait_for_url(f"{base}/exercises/{exercise.slug}/")
    for page in (owner, student, ta):
        assert not page.errors, page.errors


def test_the_progress_bar_follows_the_job_row(
    live_server: Any, chromium: Any, artifacts_dir: Path
) -> None:
    """A worker elsewhere (not eager) updates the row; the page's poll moves the bar."""
    base = live_server.url
    owner_user = user_create(username="prof", password="prof-passphrase-1", instructor=True)
    exercise = make_exercise()
    course = course_create(owner=owner_user, title="Numerics", exercise_ids=[exercise.pk])
    job = RegradeJob.objects.create(
        course=course, exercise=exercise, policy="up_only", status="running", total=4, done=1
    )
    page = new_page(chromium, viewport=PHONE, color_scheme="dark")
    log_in(page, base, "prof", "prof-passphrase-1")
    page.goto(f"{base}/instructor/courses/{course.pk}/regrades/{job.pk}/")
    assert page.locator("[data-done]").inner_text() == "1"
    RegradeJob.objects.filter(pk=job.pk).update(done=3, changed=1)
    page.locator("[data-done]", has_text="3").wait_for(timeout=10_000)
    assert page.locator("[data-bar]").get_attribute("aria-valuenow") == "3"
    page.screenshot(path=str(artifacts_dir / "staff-5-regrade-running-phone-dark.png"))
    RegradeJob.objects.filter(pk=job.pk).update(done=4, changed=2, status="done")
    page.locator("[data-status]", has_text="Done").wait_for(timeout=10_000)
    assert page.locator("[data-changed]").inner_text() == "2"
    assert not page.errors, page.errors


LOOKS: dict[str, dict[str, Any]] = {
    "light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "phone": {"viewport": PHONE, "color_scheme": "dark", "is_mobile": True},
}


@pytest.mark.parametrize("look", sorted(LOOKS))
def test_new_course_pages_pass_axe_and_fit_phones(
    look: str, live_server: Any, chromium: Any, artifacts_dir: Path
) -> None:
    """No serious or critical axe-core violations on the pages of this part, for the owner and
    for a student, in light, dark and on a phone (where nothing scrolls sideways)."""
    from django.test import Client

    from courses.staff import enrollment_bulk, staff_invite
    from exercises.tests.browser import axe_violations

    owner_user = user_create(username="prof", password="prof-passphrase-1", instructor=True)
    ann = user_create(username="ann", password="ann-passphrase-1", email="ann@example.org")
    user_create(username="tina", password="tina-passphrase-1")
    exercise = make_exercise()
    course = course_create(
        owner=owner_user,
        title="Numerics, winter",
        exercise_ids=[exercise.pk],
        due={exercise.pk: datetime(2030, 12, 13, 22, 59, tzinfo=UTC)},
    )
    staff_invite(course=course, actor=owner_user, identifier="tina", role="ta")
    enrollment_bulk(course=course, actor=owner_user, text="ann")
    job = RegradeJob.objects.create(
        course=course, exercise=exercise, policy="up_only", status="done", total=1, done=1
    )
    pages = {
        ann: [f"/courses/{course.pk}/", "/courses/", "/progress/"],
        owner_user: [
            "/instructor/courses/",
            f"/instructor/courses/{course.pk}/staff",
            f"/instructor/courses/{course.pk}/roster",
            f"/instructor/courses/{course.pk}/roster/{ann.pk}/remove",
            f"/instructor/courses/{course.pk}/regrades/",
            f"/instructor/courses/{course.pk}/regrades/{job.pk}/",
        ],
    }
    for user, paths in pages.items():
        client = Client()
        client.force_login(user)
        # axe is injected as a script tag, which the page's CSP rightly blocks: bypass it here.
        context = chromium.new_context(**LOOKS[look], bypass_csp=True)
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        try:
            for path in paths:
                page.goto(f"{live_server.url}{path}")
                page.wait_for_load_state("networkidle")
                name = path.strip("/").replace("/", "-") or "home"
                page.screenshot(
                    path=str(artifacts_dir / f"staff-a11y-{name}-{look}.png"), full_page=True
                )
                found = axe_violations(page)
                assert found == [], f"{path}: {found}"
                if look == "phone":
                    width = page.evaluate("() => document.documentElement.scrollWidth")
                    assert width <= PHONE["width"], f"{path} is {width}px wide on a phone"
        finally:
            context.close()

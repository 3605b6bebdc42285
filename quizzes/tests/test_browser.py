"""A student takes a quiz in a real browser; an instructor previews a generator.

Screenshots land in test-artifacts/ for a human to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from quizzes.bank import get_generator
from quizzes.loader import QuizSection
from quizzes.models import Attempt, Quiz
from quizzes.services import SlotSpec, quiz_save

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(chromium: Any) -> Any:
    return chromium


def _page_for(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1200, "height": 900})
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
    page.set_default_timeout(10_000)
    return page


def test_student_takes_a_quiz_and_sees_the_review(
    browser, live_server, student, artifacts_dir: Path
) -> None:
    quiz_save(
        slug="browser-quiz",
        fields={"title": "Matrices by hand", "attempts_allowed": 2, "time_limit_minutes": 30},
        slots=[
            SlotSpec("dot-product", points=1),
            SlotSpec("inverse-2x2", points=4),
            SlotSpec("eigenvalues-symmetric-2x2", points=2),
        ],
    )
    # The shipped quizzes, so the list looks like a real install.
    content = Path(settings.CONTENT_DIR)
    lessons = {path.stem for path in (content / "lessons").glob("*.md")}
    loaded = QuizSection().sync(content, lesson_slugs=lessons)
    assert loaded and not any(report.errors for report in loaded)
    page = _page_for(browser, live_server, student)
    page.goto(f"{live_server.url}/quizzes/")
    page.screenshot(path=str(artifacts_dir / "quiz-list.png"), full_page=True)
    page.get_by_role("link", name="Matrices by hand").click()
    page.screenshot(path=str(artifacts_dir / "quiz-detail.png"), full_page=True)
    page.get_by_role("button", name="Start the quiz").click()

    page.wait_for_selector("#attempt-form")
    attempt = Attempt.objects.get(user=student)
    questions = list(attempt.questions.order_by("position"))
    answers = [get_generator(q.generator).generate(q.seed).answer.text() for q in questions]
    assert page.locator(".katex math").count() >= 3  # typeset by KaTeX from the bundle
    assert page.locator("#quiz-timer .timer-value").inner_text().count(":") == 1

    # Type the first answer, let autosave store it, then reload: it is still there.
    page.fill("#answer-1", answers[0])
    page.wait_for_selector("#save-status:has-text('Saved')")
    page.reload()
    assert page.input_value("#answer-1") == answers[0]

    # An unreadable answer is flagged while typing, before anything is submitted.
    page.fill("#answer-2", "[[1, 2], [3")
    page.wait_for_selector("#problem-2:has-text('Could not read')")
    page.screenshot(path=str(artifacts_dir / "quiz-take.png"), full_page=True)

    page.fill("#answer-2", answers[1])
    page.fill("#answer-3", "[100, 200]")  # wrong on purpose
    page.get_by_role("button", name="Submit answers").click()
    page.get_by_role("dialog").get_by_role("button", name="Submit now").click()

    page.wait_for_selector("#attempt-score")
    assert page.locator("#attempt-score").inner_text().startswith("5 / 7")
    assert page.locator("details.solution").count() == 3
    assert page.get_by_text("Not correct").count() >= 1
    page.screenshot(path=str(artifacts_dir / "quiz-review.png"), full_page=True)


def test_instructor_previews_a_generator(
    browser, live_server, instructor, artifacts_dir: Path
) -> None:
    page = _page_for(browser, live_server, instructor)
    page.goto(f"{live_server.url}/quizzes/manage/new/")
    page.fill("#id_title", "Bayes practice")
    page.select_option("#id_slots-0-generator", "bayes-posterior")
    page.wait_for_selector("#preview .preview")
    first_seed = page.get_attribute("#preview .preview", "data-seed")
    assert "Worked solution" in page.inner_text("#preview")
    page.click("#fresh-variant")
    page.wait_for_function(
        "seed => document.querySelector('#preview .preview')?.dataset.seed !== seed", arg=first_seed
    )
    page.screenshot(path=str(artifacts_dir / "quiz-compose.png"), full_page=True)

    # Add a second question with the "Add a question" row, then save.
    page.click("#add-slot")
    page.select_option("#id_slots-2-generator", "z-score")
    page.fill("#id_slots-2-points", "2")
    page.get_by_role("button", name="Save quiz").click()
    page.wait_for_selector("text=Saved “Bayes practice”")
    page.screenshot(path=str(artifacts_dir / "quiz-results.png"), full_page=True)
    page.goto(f"{live_server.url}/quizzes/manage/")
    assert page.get_by_role("link", name="Bayes practice", exact=True).count() == 1
    page.screenshot(path=str(artifacts_dir / "quiz-manage.png"), full_page=True)
    quiz = Quiz.objects.get(slug="bayes-practice")
    assert [(s.generator, s.points) for s in quiz.slots.all()] == [
        ("bayes-posterior", 1),
        ("z-score", 2),
    ]

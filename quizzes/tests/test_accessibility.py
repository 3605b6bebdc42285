"""axe-core over every quiz page a student sees (list, detail, take with the submit
confirmation open, review), in light and dark colours and on a phone: no serious or critical
violations. axe comes from node_modules (a dev dependency) and is injected by the test only.

Screenshots land in test-artifacts/ for a human to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from quizzes import services
from quizzes.tests.test_attempt_browser import LOOKS, _answer, _long_quiz, _page

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def _serious_axe_violations(page: Any) -> list[str]:
    # The context bypasses CSP: the injected script is inline, and the page's policy is 'self'.
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm install` (axe-core is a dev dependency)")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    found = []
    for v in violations:
        if v["impact"] not in ("serious", "critical"):
            continue
        targets = [node["target"][-1] for node in v["nodes"]]
        found.append(f"{v['id']} ({v['impact']}): {targets[:5]}")
    return found


@pytest.mark.parametrize("look", list(LOOKS))
def test_quiz_pages_have_no_serious_accessibility_violations(
    browser_chromium: Any, live_server: Any, student: User, artifacts_dir: Path, look: str
) -> None:
    quiz = _long_quiz(minutes=10)
    done = services.attempt_start(user=student, quiz=quiz)
    questions = list(done.questions.order_by("position"))
    services.attempt_submit(
        attempt=done, responses={q.position: _answer(q) for q in questions[:3]} | {4: "[1, 2]"}
    )
    attempt = services.attempt_start(user=student, quiz=quiz)
    services.attempt_save(attempt=attempt, responses={1: "3", 2: "1,2,,3"})
    page = _page(browser_chromium, live_server, student, bypass_csp=True, **LOOKS[look])
    pages = {
        "list": "/quizzes/",
        "detail": f"/quizzes/{quiz.slug}/",
        "take": f"/quizzes/attempts/{attempt.pk}/",
        "review": f"/quizzes/attempts/{done.pk}/review/",
    }
    found = {}
    for name, path in pages.items():
        page.goto(live_server.url + path)
        if name == "take":
            page.wait_for_selector("#question-nav-label")
        page.screenshot(path=str(artifacts_dir / f"a11y-{name}-{look}.png"), full_page=True)
        found[name] = _serious_axe_violations(page)
    # The confirmation dialog, open.
    page.goto(live_server.url + pages["take"])
    page.get_by_role("button", name="Submit answers").click()
    page.get_by_role("dialog").wait_for()
    page.screenshot(path=str(artifacts_dir / f"a11y-confirm-{look}.png"))
    found["confirm"] = _serious_axe_violations(page)
    assert not any(found.values()), found
    page.context.close()


@pytest.fixture
def browser_chromium(chromium: Any) -> Any:
    return chromium

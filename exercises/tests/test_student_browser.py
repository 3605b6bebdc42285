"""A student in a real browser (Debian chromium, driven by Playwright).

Sign up, open `stable-softmax`, type a naive softmax in the editor, submit with Ctrl+Enter, see
the overflow hint, fix it, submit, see it pass, see the progress updated. Grading runs the
laptop way (Celery eager, still through the sandbox). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.models import Exercise
from exercises.models import Submission
from exercises.tests.browser import type_code
from exercises.tests.test_services import make_exercise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Typed line by line (see type_code).
NAIVE_LINES = [
    "import numpy as np",
    "def softmax(x):",
    "e = np.exp(x)",
    "return e / e.sum(axis=-1, keepdims=True)",
]
STABLE_LINES = [
    "import numpy as np",
    "def softmax(x):",
    "z = x - x.max(axis=-1, keepdims=True)",
    "e = np.exp(z)",
    "return e / e.sum(axis=-1, keepdims=True)",
]


@pytest.fixture
def browser_page(chromium, artifacts_dir: Path, bundle_built):
    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    return page


def settle(page) -> None:
    """Bring the editor into view and let it lay out, as a student scrolling to it would.

    CodeMirror measures line heights only for the part on screen; a full-page screenshot
    does not scroll, so without this the gutter of a below-the-fold editor shows estimates.
    """
    page.locator(".cm-editor").scroll_into_view_if_needed()
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def test_student_fixes_an_overflowing_softmax(
    live_server, laptop_mode, stable_softmax: Exercise, browser_page, artifacts_dir: Path
) -> None:
    page = browser_page
    base = live_server.url
    after = make_exercise(slug="after-softmax", title="After softmax")  # no lesson: listed last

    # Sign up.
    page.goto(f"{base}/accounts/signup/")
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password1]", "a-long-passphrase-42")
    page.fill("input[name=password2]", "a-long-passphrase-42")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_url(f"{base}/start/")  # sign-up lands on the start page
    assert page.locator("text=ada").first.is_visible()

    # Open the exercise: statement, starter code in a real editor.
    page.goto(f"{base}/exercises/stable-softmax/")
    page.wait_for_selector(".cm-editor .cm-lineNumbers")
    assert "np.exp(x)" in page.locator(".cm-content").inner_text()
    assert page.locator("textarea[data-editor]").is_hidden()
    settle(page)
    page.screenshot(path=str(artifacts_dir / "flow-1-exercise.png"), full_page=True)

    # A naive softmax, submitted with Ctrl+Enter.
    type_code(page, NAIVE_LINES)
    code = page.locator("textarea[data-editor]").input_value()
    assert (
        "def softmax(x):\n    e = np.exp(x)\n    return e / e.sum(axis=-1, keepdims=True)" in code
    ), code  # auto-indented by the editor, synced into the form field
    page.keyboard.press("Control+Enter")
    verdict = page.locator("[data-verdict]")
    verdict.locator('[data-verdict-status="failed"]').wait_for(timeout=30_000)
    text = verdict.inner_text()
    assert "subtract the maximum" in text
    assert "✗ fail" in text and "✓ pass" in text
    assert page.locator("[data-solved-badge]").is_hidden()
    assert page.locator("[data-next-link]").is_hidden()
    page.screenshot(path=str(artifacts_dir / "flow-2-overflow-hint.png"), full_page=True)

    # The fix, submitted with the button.
    type_code(page, STABLE_LINES)
    page.click("button[name=kind][value=submit]")
    verdict.locator('[data-verdict-status="passed"]').wait_for(timeout=30_000)
    assert "Score 100%" in verdict.inner_text()
    assert page.locator("[data-solved-badge]").is_visible()
    assert page.locator("[data-solution-link]").is_visible()
    assert page.locator("[data-next-link]").inner_text() == f"Next exercise: {after.title} →"
    assert page.locator("[data-next-link]").is_visible()  # revealed by the page script
    assert page.locator("[data-history] tbody tr").count() == 2
    page.screenshot(path=str(artifacts_dir / "flow-3-passed.png"), full_page=True)

    # Progress: the index shows it solved; a reload restores the last code and the solution.
    page.goto(f"{base}/exercises/")
    row = page.locator('[data-exercise-slug="stable-softmax"]')
    assert row.get_attribute("data-state") == "solved"
    assert "Solved" in row.inner_text()
    page.screenshot(path=str(artifacts_dir / "flow-4-index.png"), full_page=True)

    page.goto(f"{base}/exercises/stable-softmax/")
    page.wait_for_selector(".cm-editor")
    assert "x.max(axis=-1, keepdims=True)" in page.locator(".cm-content").inner_text()
    assert page.locator("#solution").is_visible()
    settle(page)
    page.screenshot(path=str(artifacts_dir / "flow-5-reload.png"), full_page=True)

    statuses = list(Submission.objects.order_by("pk").values_list("status", "passed"))
    assert statuses == [("graded", False), ("graded", True)]
    assert page.errors == []  # no script errors, no CSP violations

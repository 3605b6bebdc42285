"""A student in a real browser (Debian chromium, driven by Playwright).

Sign up, open `stable-softmax`, type a naive softmax in the editor, submit with Ctrl+Enter, see
the overflow hint, fix it, submit, see it pass, see the progress updated. Grading runs the
laptop way (Celery eager, still through the sandbox). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from catalog.models import Exercise
from exercises.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUNDLE = Path(django_settings.BASE_DIR) / "static" / "dist" / "exercise.js"

# Typed line by line: the editor indents after "def ...:" and keeps the indentation after that,
# and it closes brackets as they are typed, so the lines are given without leading spaces.
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
def stable_softmax(tmp_path: Path) -> Exercise:
    """Load the real exercise folder through sync_content, as `make run` does."""
    from catalog.sync import content_sync

    content = Path(django_settings.BASE_DIR) / "content"
    (tmp_path / "exercises").mkdir()
    (tmp_path / "lessons").mkdir()
    shutil.copytree(
        content / "exercises" / "stable-softmax", tmp_path / "exercises" / "stable-softmax"
    )
    # The lesson's header only (its body renders plots, which costs seconds and is not tested
    # here); same uuid and slug as the real one.
    lesson = (content / "lessons" / "numerics.md").read_text()
    header = lesson[: lesson.index("---", 3) + 3]
    (tmp_path / "lessons" / "numerics.md").write_text(header + "\nFloating point.\n")
    content_sync(content_dir=tmp_path, jobs=1)
    return Exercise.objects.get(slug="stable-softmax", current_version__isnull=False)


@pytest.fixture
def laptop_mode(settings):
    """Grading as `make run` does it without Redis: eager Celery, still through the sandbox."""
    from mlquiz.celery import app

    settings.REDIS_URL = ""
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def browser_page(chromium, artifacts_dir: Path):
    if not BUNDLE.exists():
        pytest.fail("the front-end bundle is missing: run `npm ci && npm run build`")
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


def type_code(page, lines: list[str]) -> None:
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    for index, line in enumerate(lines):
        if index:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def test_student_fixes_an_overflowing_softmax(
    live_server, laptop_mode, stable_softmax: Exercise, browser_page, artifacts_dir: Path
) -> None:
    page = browser_page
    base = live_server.url

    # Sign up.
    page.goto(f"{base}/accounts/signup/")
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password1]", "a-long-passphrase-42")
    page.fill("input[name=password2]", "a-long-passphrase-42")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_url(f"{base}/")
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
    page.screenshot(path=str(artifacts_dir / "flow-2-overflow-hint.png"), full_page=True)

    # The fix, submitted with the button.
    type_code(page, STABLE_LINES)
    page.click("button[name=kind][value=submit]")
    verdict.locator('[data-verdict-status="passed"]').wait_for(timeout=30_000)
    assert "Score 100%" in verdict.inner_text()
    assert page.locator("[data-solved-badge]").is_visible()
    assert page.locator("[data-solution-link]").is_visible()
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

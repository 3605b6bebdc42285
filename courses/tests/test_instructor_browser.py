"""An instructor and a student in a real browser (Debian chromium, driven by Playwright).

The instructor writes an exercise in the browser, validates it through the sandbox, publishes
it and puts it in a course; a student joins with the code and solves it in the editor; the
dashboard shows the solve. Grading runs the laptop way (Celery eager, through the sandbox).
Screenshots go to test-artifacts/instructor-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from accounts.services import user_create
from catalog.models import Exercise, Lesson
from exercises.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUNDLE = Path(django_settings.BASE_DIR) / "static" / "dist" / "exercise.js"

STATEMENT = """Write `double(x)` that returns $2x$ for a NumPy array `x`:

$$y_i = 2 x_i$$

Hidden tests use random vectors. <script>document.title = "pwned"</script>
"""
STARTER = "import numpy as np\n\n\ndef double(x):\n    raise NotImplementedError\n"
REFERENCE = "import numpy as np\n\n\ndef double(x):\n    return 2.0 * np.asarray(x)\n"
CASES = """import numpy as np
from grader.cases import Case


def cases(rng):
    return [
        Case("example: [1, 2, 3]", args=(np.array([1.0, 2.0, 3.0]),), visible=True),
        Case("hidden: random n=100", args=(rng.normal(size=100),)),
        Case("edge: empty", args=(np.zeros(0),), kind="edge"),
    ]
"""


@pytest.fixture
def browser(chromium):
    """The shared Debian chromium (conftest.py), once the front-end bundle exists."""
    if not BUNDLE.exists():
        pytest.fail("the front-end bundle is missing: run `npm ci && npm run build`")
    return chromium


def new_page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
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


def test_instructor_authors_publishes_and_sees_the_class_solve_it(
    live_server, browser, artifacts_dir: Path
) -> None:
    base = live_server.url
    user_create(username="prof", password="prof-passphrase-1", instructor=True)
    Lesson.objects.create(slug="vectors", title="Vectors", order=1, body_md="Vectors.")

    # --- The instructor writes a new exercise.
    teacher = new_page(browser)
    log_in(teacher, base, "prof", "prof-passphrase-1")
    teacher.goto(f"{base}/instructor/exercises/new")
    teacher.fill("input[name=slug]", "double-it")
    teacher.fill("input[name=title]", "Double it")
    teacher.fill("input[name=function]", "double")
    teacher.select_option("select[name=lesson]", "vectors")
    teacher.fill("input[name=banned]", "np.multiply")
    teacher.fill("textarea[name=statement_md]", STATEMENT)
    # The live preview renders the statement (math typeset by KaTeX) without the script.
    preview = teacher.locator("[data-statement-preview]")
    preview.locator("code", has_text="double(x)").wait_for(timeout=10_000)
    assert preview.locator("math").count() == 2
    assert "<script>" in preview.inner_text()  # shown as text, not run
    assert "pwned" not in teacher.title()
    for name, text in (("starter", STARTER), ("reference", REFERENCE), ("cases", CASES)):
        # Code fields are CodeMirror editors: replace their text the way a person pastes it.
        editor = teacher.locator(f"textarea[name={name}] + .code-editor .cm-content")
        editor.click()
        teacher.keyboard.press("ControlOrMeta+a")
        teacher.keyboard.insert_text(text)
        assert teacher.locator(f"textarea[name={name}]").input_value() == text
    teacher.screenshot(path=str(artifacts_dir / "instructor-1-new-exercise.png"), full_page=True)
    teacher.locator("form.author-form button[type=submit]").click()
    teacher.wait_for_url(f"{base}/instructor/exercises/double-it/edit")
    assert teacher.locator("[data-status]").inner_text().strip() == "Draft"

    # Validate: reference and starter go through the sandbox, per-case results are shown.
    # Every save of an existing exercise says what changed (issue #21).
    teacher.fill("input[name=message]", "First complete draft")
    teacher.click("button[data-validate]")
    result = teacher.locator('[data-validation="ok"]')
    result.wait_for(timeout=60_000)
    text = result.inner_text()
    assert "hidden: random n=100" in text and "edge: empty" in text
    assert "✗ fail" in text  # the starter's rows
    teacher.screenshot(path=str(artifacts_dir / "instructor-2-validated.png"), full_page=True)

    teacher.click("button[data-publish]")
    teacher.locator("text=Published version 1").wait_for(timeout=60_000)
    assert teacher.locator("[data-status]").inner_text().strip() == "Published"

    # --- The instructor makes a course with it.
    teacher.goto(f"{base}/instructor/courses/new")
    teacher.fill("input[name=title]", "ML maths, autumn")
    exercise = Exercise.objects.get(slug="double-it")
    teacher.check(f"input[name=exercises][value='{exercise.pk}']")
    teacher.locator("main form button[type=submit]").first.click()
    code = teacher.locator("[data-join-code]").inner_text().strip()
    assert len(code) == 8

    # --- A student joins with the code and solves it.
    student = new_page(browser)
    student.goto(f"{base}/accounts/signup/")
    student.fill("input[name=username]", "grace")
    student.fill("input[name=password1]", "a-long-passphrase-42")
    student.fill("input[name=password2]", "a-long-passphrase-42")
    student.locator("main form button[type=submit]").last.click()
    student.wait_for_url(f"{base}/start/")  # sign-up lands on the start page
    student.goto(f"{base}/courses/join/")
    student.fill("input[name=code]", code.lower())
    student.locator("main form button[type=submit]").click()
    # Joining lands on the course's own page (issue #21), not the catalog-wide progress.
    student.wait_for_url(re.compile(r".*/courses/\d+/$"))
    assert "ML maths, autumn" in student.locator("main").inner_text()

    student.goto(f"{base}/exercises/double-it/")
    student.wait_for_selector(".cm-editor")
    assert "pwned" not in student.title()
    editor = student.locator(".cm-content")
    editor.click()
    student.keyboard.press("Control+a")
    student.keyboard.press("Delete")
    for index, line in enumerate(["import numpy as np", "def double(x):", "return x + x"]):
        if index:
            student.keyboard.press("Enter")
        student.keyboard.type(line)
    student.click("button[name=kind][value=submit]")
    student.locator('[data-verdict] [data-verdict-status="passed"]').wait_for(timeout=60_000)
    student.screenshot(path=str(artifacts_dir / "instructor-3-student-solved.png"), full_page=True)
    student.goto(f"{base}/progress/")
    student.screenshot(path=str(artifacts_dir / "instructor-4-my-progress.png"), full_page=True)
    assert "1 of 1 exercises solved" in student.locator("main").inner_text()

    # --- The dashboard shows it.
    teacher.goto(f"{base}/instructor/courses/")
    teacher.locator("main table a").first.click()
    row = teacher.locator('[data-exercise-stats] tr[data-exercise="double-it"]')
    assert row.locator("[data-solved]").inner_text().strip() == "1"
    teacher.screenshot(path=str(artifacts_dir / "instructor-5-dashboard.png"), full_page=True)
    teacher.locator("a", has_text="Heatmap").first.click()
    cell = teacher.locator('tr[data-student="grace"] [data-band="full"]')
    assert cell.inner_text().strip() == "100"  # the real verdict reached her result
    label = cell.get_attribute("aria-label") or ""
    assert label.startswith("Double it: ") and label.endswith(" points, 1 attempt"), label
    teacher.screenshot(path=str(artifacts_dir / "instructor-6-heatmap.png"), full_page=True)

    submission = Submission.objects.get(user__username="grace")
    assert submission.passed and submission.exercise_version == exercise.current_version
    assert teacher.errors == [] and student.errors == []

"""Every student page the other browser tests leave out, through axe-core in light, dark and on a
390×844 phone (issue #16): zero serious or critical violations, no id reference to a missing
element, nothing wider than the phone. Plus the lesson contents marking the section being read,
and hints and the worked solution on the exercise page.

Covered elsewhere, in the same three looks: the lesson list, a lesson, My progress and the start
page without a course (courses/tests/test_lesson_pages_browser.py); a course page, My courses
(courses/tests/test_staff_browser.py); the exercise list, the exercise page and Try it
(exercises/tests/test_exercise_page_browser.py); the quiz list, a quiz, an attempt with its
confirmation and a review (quizzes/tests/test_accessibility.py); the LTI page offering a new tab
(lti/tests/test_lti_browser.py).

One chromium for the module. A test per look, which walks its pages with the same data (each
test's data is flushed with it, as live_server needs) and reports every page that fails at once.
Screenshots: test-artifacts/student-<page>-<look>.png.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts.services import api_token_create, user_create
from catalog.manifest import hints_of, solution_after_of
from catalog.models import Exercise, Lesson
from catalog.rendering import render_markdown_with_toc
from conftest import chromium_launched, variants_stored
from courses.services import course_create
from courses.staff import enrollment_bulk
from exercises.tests.browser import axe_violations, page_width
from exercises.tests.conftest import (  # noqa: F401  (fixtures)
    bundle_built,
    laptop_mode,
    stable_softmax,
)
from quizzes import bank
from quizzes.models import Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LOOKS: dict[str, dict[str, Any]] = {
    "light": {"viewport": {"width": 1366, "height": 900}, "color_scheme": "light"},
    "dark": {"viewport": {"width": 1366, "height": 900}, "color_scheme": "dark"},
    "phone": {"viewport": PHONE, "color_scheme": "light", "is_mobile": True, "has_touch": True},
}

# What each id-reference attribute must point at, checked after the page's scripts ran (axe only
# lists a dangling aria-describedby as "needs review").
DANGLING_IDS = """() => {
    const refs = ["aria-describedby", "aria-labelledby", "aria-controls", "aria-errormessage"];
    const found = [];
    for (const attr of refs) {
        for (const el of document.querySelectorAll(`[${attr}]`)) {
            for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
                if (!document.getElementById(id)) found.push(`${el.tagName} ${attr}=${id}`);
            }
        }
    }
    return found;
}"""

# Formulas are Tab stops only when they scroll (static/src/math.js): a formula that fits is not
# one more stop for a keyboard user, a display formula wider than its column must be reachable.
FORMULA_TAB_STOPS = """() => [...document.querySelectorAll('.math')].flatMap((el) => {
    const what = el.textContent.slice(0, 30);
    const scrolls = el.scrollWidth > el.clientWidth + 1;
    const stop = el.hasAttribute('tabindex') && el.tabIndex >= 0;
    const inner = el.querySelectorAll('[tabindex]:not([tabindex="-1"]), a[href]').length;
    if (inner) return [`${inner} Tab stops inside ${what}`];
    if (stop && !scrolls) return [`a Tab stop that does not scroll: ${what}`];
    if (scrolls && !stop && el.tagName === 'DIV') return [`scrolls, unreachable: ${what}`];
    return [];
})"""

# WCAG 1.4.11: what marks a text field as one (its border) needs 3:1 against what is around it;
# axe-core does not check it. Fields on the page, visible, with a contrast below that.
FAINT_FIELDS = """() => {
    const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const backdrop = (el) => {
        for (let node = el.parentElement; node; node = node.parentElement) {
            const c = rgb(getComputedStyle(node).backgroundColor);
            if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
        }
        return [255, 255, 255];
    };
    const fields = document.querySelectorAll(
        "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea");
    return [...fields].filter((el) => el.checkVisibility()).flatMap((el) => {
        const [a, b] = [lum(rgb(getComputedStyle(el).borderTopColor)), lum(backdrop(el))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        return ratio < 3 ? [`#${el.id || el.name}: border ${ratio.toFixed(2)}:1`] : [];
    });
}"""

# A select cut its chosen option short ("Any difficult"): the text's width in the select's own
# font, its padding and room for the arrow (about 1.5em) must fit inside it.
CLIPPED_SELECTS = """() => {
    const ctx = document.createElement('canvas').getContext('2d');
    return [...document.querySelectorAll('select')].filter((el) => el.checkVisibility())
        .flatMap((el) => {
            const style = getComputedStyle(el);
            ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const text = el.selectedOptions[0]?.text ?? '';
            const needed = ctx.measureText(text).width + parseFloat(style.paddingLeft)
                + parseFloat(style.paddingRight) + 1.5 * parseFloat(style.fontSize);
            return needed > el.clientWidth
                ? [`#${el.id}: "${text}" needs ${Math.ceil(needed)}px, has ${el.clientWidth}px`]
                : [];
        });
}"""

TOC_LESSON = "\n\n".join(
    f"## Part {n}\n\n"
    + "\n\n".join(f"Paragraph {k} of part {n}, long enough to take a line. " * 4 for k in range(8))
    for n in range(1, 5)
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One chromium for every test of this module (conftest's `chromium` is one per test)."""
    with pytest.MonkeyPatch.context() as env, chromium_launched() as launched:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield launched


@pytest.fixture
def open_page(browser: Any, live_server: Any, bundle_built: None) -> Iterator[Callable[..., Any]]:  # noqa: F811
    """`open_page(look, user=None)`: a fresh context in that look, signed in as `user`, with
    CSP bypassed so the tests can inject axe (the pages' policy rightly forbids inline scripts)."""
    contexts: list[Any] = []

    def open_(look: str, user: User | None = None) -> Any:
        context = browser.new_context(**LOOKS[look], bypass_csp=True)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.base = live_server.url
        return page

    yield open_
    for context in contexts:
        context.close()


def _check(page: Any, name: str, look: str, artifacts: Path) -> list[str]:
    """Screenshot the page as it is now; what is wrong with it, if anything."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.fonts.ready")
    page.screenshot(path=str(artifacts / f"student-{name}-{look}.png"), full_page=True)
    problems = [f"axe {v['id']} ({v['impact']}): {v['targets']}" for v in axe_violations(page)]
    problems += [f"dangling id: {ref}" for ref in page.evaluate(DANGLING_IDS)]
    problems += [f"formula: {what}" for what in page.evaluate(FORMULA_TAB_STOPS)]
    problems += [f"faint field {what}" for what in page.evaluate(FAINT_FIELDS)]
    problems += [f"clipped select {what}" for what in page.evaluate(CLIPPED_SELECTS)]
    if look == "phone" and (width := page_width(page)) > PHONE["width"]:
        problems.append(f"{width}px wide on a {PHONE['width']}px phone")
    return [f"{name} ({page.url}): {problem}" for problem in problems]


def _below_header(page: Any, selector: str) -> bool:
    """True when the element an in-page link jumped to starts below the sticky header."""
    return bool(
        page.evaluate(
            """(sel) => document.querySelector(sel).getBoundingClientRect().top >=
                document.querySelector('.site-header').getBoundingClientRect().bottom""",
            selector,
        )
    )


def _practice_lesson() -> Question:
    lesson = Lesson.objects.create(slug="statistics", title="Statistics", order=3)
    question = Question.objects.get(slug="sample-covariance")
    Question.objects.filter(pk=question.pk).update(lesson=lesson)
    # Practice draws from the stored variants.
    variants_stored([("sample-covariance", seed) for seed in bank.PRACTICE_SEEDS[:2]])
    return question


@pytest.mark.parametrize("look", list(LOOKS))
def test_student_pages_pass_axe_in_every_look(
    look: str,
    open_page: Callable[..., Any],
    stable_softmax: Exercise,  # noqa: F811
    laptop_mode: None,  # noqa: F811
    student: User,
    artifacts_dir: Path,
) -> None:
    teacher = user_create(username="prof", password="prof-passphrase-1", instructor=True)
    course = course_create(
        owner=teacher, title="Numerics, winter", exercise_ids=[stable_softmax.pk]
    )
    enrollment_bulk(course=course, actor=teacher, text=student.username)
    api_token_create(user=student, name="grading script")
    _practice_lesson()
    problems: list[str] = []

    # Signed out: home, sign-up and log-in, each also with the errors a mistake brings.
    page = open_page(look)
    page.goto(f"{page.base}/")
    problems += _check(page, "home-anonymous", look, artifacts_dir)
    page.goto(f"{page.base}/accounts/signup/")
    problems += _check(page, "signup", look, artifacts_dir)
    page.fill("#id_username", "student1")  # taken
    page.fill("#id_password1", "short")
    page.fill("#id_password2", "different")
    page.locator("main form button[type=submit]").click()
    page.locator(".field-error").first.wait_for()
    problems += _check(page, "signup-errors", look, artifacts_dir)
    page.goto(f"{page.base}/accounts/login/")
    page.fill("#id_username", "student1")
    page.fill("#id_password", "wrong")
    page.locator("main form button[type=submit]").click()
    page.locator(".form-errors").wait_for()
    problems += _check(page, "login-error", look, artifacts_dir)
    page.goto(f"{page.base}/lti/login/")  # an LMS launch gone wrong
    problems += _check(page, "lti-rejected", look, artifacts_dir)

    # Signed in as a student.
    page = open_page(look, student)
    visits = [
        ("home", "/"),
        ("start-with-course", "/start/"),
        ("account", "/accounts/"),
        ("exercise-list", "/exercises/"),
        ("practice-lesson", "/quizzes/practice/lessons/statistics/"),
        ("not-found", "/exercises/no-such-exercise/"),
        ("forbidden", "/instructor/"),
    ]
    for name, path in visits:
        page.goto(page.base + path)
        problems += _check(page, name, look, artifacts_dir)

    # A new API token, shown once with its copy button.
    page.goto(f"{page.base}/accounts/")
    page.fill("#id_name", "laptop")
    page.get_by_role("button", name="Create token").click()
    page.locator("#new-token").wait_for()
    problems += _check(page, "account-new-token", look, artifacts_dir)

    page.goto(f"{page.base}/quizzes/practice/questions/sample-covariance/")
    problems += _check(page, "practice-question", look, artifacts_dir)
    page.fill("#practice-answer", "not a number")
    page.click("button[value=check]")
    page.locator("#practice-feedback").wait_for()
    problems += _check(page, "practice-feedback", look, artifacts_dir)

    page.goto(f"{page.base}/courses/join/")
    page.fill("#id_code", "NOPE-NOPE")
    page.locator("main form button[type=submit]").click()
    page.locator(".field-error, .form-errors").first.wait_for()
    problems += _check(page, "join-error", look, artifacts_dir)

    page.goto(f"{page.base}/accounts/password/")
    page.fill("#id_old_password", "wrong")
    page.fill("#id_new_password1", "short")
    page.fill("#id_new_password2", "other")
    page.locator("main form button[type=submit]").click()
    page.locator(".field-error").first.wait_for()
    problems += _check(page, "password-errors", look, artifacts_dir)
    page.fill("#id_old_password", "pw-student-1")
    page.fill("#id_new_password1", "a-new-passphrase-77")
    page.fill("#id_new_password2", "a-new-passphrase-77")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/password/done/")
    problems += _check(page, "password-done", look, artifacts_dir)

    # The exercise page with a hint revealed and the worked solution opened on request.
    page.goto(f"{page.base}/exercises/{stable_softmax.slug}/")
    page.click("[data-hint-button]")
    page.locator(".hint-revealed").wait_for()
    if not _below_header(page, "#hints"):
        problems.append(f"exercise-help ({look}): the hints are under the sticky header")
    page.click(".solution-ask > summary")
    page.click("[data-solution-button]")
    page.locator("#solution").wait_for()
    problems += _check(page, "exercise-help", look, artifacts_dir)

    # Try it as it works without JavaScript: the form posted, the page rendered with the result.
    page.click("details[data-try] > summary")
    page.fill("[data-try-args]", "np.array([1000.0, 1001.0])")
    with page.expect_navigation():
        page.evaluate(
            """() => { const button = document.querySelector('[data-try-button]');
                button.form.action = button.formAction; button.form.submit(); }"""
        )
    page.locator("[data-try-result] .try-verdict").wait_for()
    problems += _check(page, "try-it-without-javascript", look, artifacts_dir)

    assert not problems, "\n".join(problems)
    assert page.errors == []


def test_hints_one_at_a_time_and_the_solution_after_failed_submits(
    open_page: Callable[..., Any],
    stable_softmax: Exercise,  # noqa: F811
    student: User,
    artifacts_dir: Path,
) -> None:
    """A stuck student asks for hints one by one (each recorded); after `solution_after` failed
    submits the worked solution opens by itself; before that, only on confirmation."""
    from exercises.models import HelpUsed, Submission

    version = stable_softmax.current_version
    assert version is not None
    hints = hints_of(version.meta)
    assert len(hints) >= 2
    page = open_page("light", student)
    page.goto(f"{page.base}/exercises/{stable_softmax.slug}/")
    button = page.locator("[data-hint-button]")
    assert f"({len(hints)} left)" in button.inner_text()
    for shown in range(1, len(hints) + 1):
        page.locator("[data-hint-button]").click()
        page.locator(".hint-revealed").nth(shown - 1).wait_for()
        assert page.locator(".hint-revealed").count() == shown
        assert hints[shown - 1] in page.locator(".hint-revealed").last.inner_text()
        assert page.url.endswith("#hints")
        assert _below_header(page, "#hints"), "the hints are hidden under the sticky header"
    assert page.locator("[data-hint-button]").count() == 0  # none left
    assert HelpUsed.objects.get(user=student, exercise=stable_softmax).hints_shown == len(hints)

    # The solution: closed, offered behind a confirmation that counts the failed submits.
    assert page.locator("#solution").count() == 0
    ask = page.locator(".solution-ask")
    assert "(0 so far)" in (ask.text_content() or "")
    after = solution_after_of(version.meta)
    for _ in range(after):
        Submission.objects.create(
            user=student,
            exercise=stable_softmax,
            exercise_version=version,
            code="def softmax(x):\n    return x\n",
            status=Submission.Status.GRADED,
            passed=False,
            score=0.0,
        )
    page.reload()
    page.locator("#solution").wait_for()
    assert page.locator(".solution-ask").count() == 0
    page.goto(f"{page.base}/exercises/{stable_softmax.slug}/#solution")
    page.locator("#solution").wait_for()
    assert _below_header(page, "#solution"), "the solution's heading is under the header"
    # The statement pane scrolled to it on its own: the workspace and its editor stayed put.
    scrolled = page.evaluate(
        """() => ["statement", "workspace"].map(
            (name) => document.querySelector(`[data-pane=${name}]`).scrollTop)"""
    )
    assert scrolled[0] > 0 and scrolled[1] == 0, scrolled
    editor = page.locator(".cm-editor").bounding_box()
    assert editor is not None and 0 < editor["y"] < 900 / 2
    page.locator("#solution").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "student-solution-after-n.png"))
    assert page.errors == []


def test_lesson_contents_mark_the_section_being_read(
    open_page: Callable[..., Any], student: User, artifacts_dir: Path
) -> None:
    html, toc = render_markdown_with_toc(TOC_LESSON)
    Lesson.objects.create(slug="long-read", title="A long read", body_html=html, toc=toc)
    page = open_page("light", student)
    page.goto(f"{page.base}/lessons/long-read/")
    current = page.locator(".lesson-toc a[aria-current=location]")
    page.evaluate("() => document.getElementById('part-3').scrollIntoView()")
    page.wait_for_function(
        "() => document.querySelector('.lesson-toc a[aria-current]')?.hash === '#part-3'"
    )
    assert current.count() == 1
    page.screenshot(path=str(artifacts_dir / "student-toc-current.png"))
    # Clicking a link marks it too; the bottom of the page marks the last section.
    page.click(".lesson-toc a[href='#part-2']")
    page.wait_for_function(
        "() => document.querySelector('.lesson-toc a[aria-current]')?.hash === '#part-2'"
    )
    assert _below_header(page, "#part-2"), "the heading jumped to is under the sticky header"
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function(
        "() => document.querySelector('.lesson-toc a[aria-current]')?.hash === '#practice'"
    )
    assert current.count() == 1
    styles = current.evaluate("a => getComputedStyle(a).fontWeight")
    assert int(styles) >= 600
    assert page.errors == []

"""Lesson pages in a real browser (Debian chromium, driven by Playwright).

Loads the real lessons through sync_content, logs a student in, and checks what a reader
sees: math actually typeset by KaTeX (a fraction's numerator sits above its denominator), plots
drawn at a readable size, code coloured by the highlighter, the table of contents working,
progress shown. Screenshots of three lesson pages go to test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings as django_settings

from catalog.models import Exercise
from exercises.models import Submission
from grader.verdict import TestResult, Verdict

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINEAR_ALGEBRA_EXERCISES = ["cosine-similarity", "dot-product", "inverse-2x2"]


def _pass_reference(spec: Any, code: str, *, mode: str = "submit", seed: int = 0) -> Verdict:
    # Grading is validated elsewhere (grader tests, sync_content --check); here it would only
    # slow the page test down.
    ok = code == spec.reference_source
    return Verdict(
        "passed" if ok else "failed", 1.0 if ok else 0.0, [TestResult("t", "hidden", ok, "")]
    )


@pytest.fixture
def lessons(tmp_path: Path) -> None:
    from catalog.sync import content_sync

    content = Path(django_settings.BASE_DIR) / "content"
    shutil.copytree(content / "lessons", tmp_path / "lessons")
    for slug in LINEAR_ALGEBRA_EXERCISES:
        shutil.copytree(
            content / "exercises" / slug,
            tmp_path / "exercises" / slug,
            # Other solutions an exercise carries need real grading: not what this page tests.
            ignore=shutil.ignore_patterns("tests"),
        )
    report = content_sync(content_dir=tmp_path, grade=_pass_reference, jobs=1)
    # Links from lessons to exercises not copied here are reported; pages must still render.
    assert all(item.action != "error" or item.kind == "lesson" for item in report.items)


@pytest.fixture
def browser_page(chromium: Any, artifacts_dir: Path) -> Any:
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            errors.append(msg.text)

    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", on_console)
    page.errors = errors
    return page


def _log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "student1")
    page.fill("input[name=password]", "pw-student-1")
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()


def _fraction_is_stacked(page: Any, within: str) -> bool:
    """True when KaTeX laid out a fraction with its numerator above its denominator."""
    stacked = page.evaluate(
        """(sel) => {
            const frac = document.querySelector(sel + ' .katex-html .mfrac');
            if (!frac) return false;
            // KaTeX stacks rows in a vlist: denominator, fraction bar, numerator (DOM order).
            const vlist = frac.querySelector(':scope > .vlist-t > .vlist-r > .vlist');
            const rows = [...(vlist ? vlist.children : [])]
                .filter((row) => row.lastElementChild && !row.querySelector('.frac-line'))
                .map((row) => row.lastElementChild.getBoundingClientRect());
            if (rows.length !== 2) return false;
            const [denominator, numerator] = rows;
            return numerator.height > 0 && denominator.top >= numerator.bottom - 1;
        }""",
        within,
    )
    return bool(stacked)


def _show(page: Any, selector: str) -> None:
    page.locator(selector).first.scroll_into_view_if_needed()
    page.evaluate("(sel) => document.querySelector(sel).scrollIntoView({block: 'start'})", selector)
    page.evaluate("() => window.scrollBy(0, -80)")  # keep the heading clear of the sticky header


def test_lessons_render_math_plots_and_code(
    live_server: Any, lessons: None, student: Any, browser_page: Any, artifacts_dir: Path
) -> None:
    page, base = browser_page, live_server.url
    exercise = Exercise.objects.get(slug="cosine-similarity")
    assert exercise.current_version is not None
    Submission.objects.create(
        user=student,
        exercise=exercise,
        exercise_version=exercise.current_version,
        code="...",
        status=Submission.Status.GRADED,
        passed=True,
        score=1.0,
    )
    _log_in(page, base)

    # The list: every lesson of content/lessons in order, progress on the first.
    page.goto(f"{base}/lessons/")
    cards = page.locator(".lesson-card h2")
    files = [
        p
        for p in (Path(django_settings.CONTENT_DIR) / "lessons").glob("*.md")
        if p.name != "README.md"
    ]
    assert cards.count() == len(files) >= 15
    assert cards.first.inner_text().startswith("Linear algebra")
    first = Exercise.objects.filter(lesson__slug="linear-algebra", status="published").count()
    assert f"1 / {first} exercises solved" in page.locator(".lesson-card").first.inner_text()
    page.screenshot(path=str(artifacts_dir / "lesson-0-list.png"), full_page=True)

    # Linear algebra: typeset math, a plot, highlighted code, a working table of contents.
    page.goto(f"{base}/lessons/linear-algebra/")
    assert page.locator(".lesson-body math").count() > 50
    assert _fraction_is_stacked(page, "#cosine-similarity ~ .math")
    # KaTeX's fonts come from the site's own bundle (static/dist), not a CDN.
    assert page.evaluate(
        """() => document.fonts.ready.then(() => [...document.fonts].some(
            f => f.family.includes('KaTeX_Main') && f.status === 'loaded'))"""
    )
    plot = page.locator("figure.plot svg").first
    box = plot.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 150
    keyword_color = page.locator(".highlight .kn").first.evaluate("e => getComputedStyle(e).color")
    text_color = page.locator(".lesson-body p").first.evaluate("e => getComputedStyle(e).color")
    assert keyword_color != text_color
    page.locator(".lesson-toc a[href='#the-dot-product']").click()
    page.wait_for_function("() => location.hash === '#the-dot-product'")
    page.screenshot(path=str(artifacts_dir / "lesson-1-linear-algebra.png"))
    practice = page.locator("#practice").inner_text()
    assert "Pairwise cosine similarity" in practice and "✓ Solved" in practice

    # Numerics: the overflowing-softmax plot, the stable code.
    page.goto(f"{base}/lessons/numerics/")
    _show(page, "#stable-softmax")
    assert page.locator("#plot-softmax-overflow-1 svg").is_visible()
    page.screenshot(path=str(artifacts_dir / "lesson-2-numerics.png"))

    # Probability, reached through the pager: distributions and Bayes.
    page.goto(f"{base}/lessons/statistics/")
    page.locator("a[rel=prev]").click()
    page.wait_for_url(f"{base}/lessons/probability/")
    _show(page, "#discrete-distributions")
    assert page.locator("figure.plot svg").count() == 3
    page.screenshot(path=str(artifacts_dir / "lesson-3-probability.png"))

    # A phone: the text reflows, wide math and code scroll inside their own boxes, and the
    # page itself never scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    for slug in ("linear-algebra", "numerics", "calculus"):
        page.goto(f"{base}/lessons/{slug}/")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 1, f"{slug} scrolls sideways by {overflow}px on a phone"
    _show(page, "#the-rules-you-need")
    page.screenshot(path=str(artifacts_dir / "lesson-4-phone.png"))

    assert page.errors == []


LOOKS: dict[str, dict[str, Any]] = {
    "light": {"viewport": {"width": 1366, "height": 900}, "color_scheme": "light"},
    "dark": {"viewport": {"width": 1366, "height": 900}, "color_scheme": "dark"},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "color_scheme": "light",
        "is_mobile": True,
        "has_touch": True,
    },
}


@pytest.mark.parametrize("look", ["light", "dark", "phone"])
def test_lesson_and_progress_pages_pass_axe_and_fit_phones(
    look: str,
    chromium: Any,
    live_server: Any,
    lessons: None,
    student: Any,
    artifacts_dir: Path,
) -> None:
    """Zero serious or critical axe-core violations on the lesson list, a lesson with code,
    math and plots, and My progress; on a phone nothing scrolls sideways, and code blocks
    wider than the screen scroll on their own and can be reached with the keyboard."""
    from django.test import Client

    from exercises.tests.browser import axe_violations

    client = Client()
    client.force_login(student)
    # axe is injected as a script tag, which the page's CSP rightly blocks: bypass it here.
    context = chromium.new_context(**LOOKS[look], bypass_csp=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    try:
        for name, path in [
            ("list", "/lessons/"),
            ("numerics", "/lessons/numerics/"),
            ("progress", "/progress/"),
            ("start", "/start/"),
        ]:
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("networkidle")
            if name == "numerics":
                page.locator(".lesson-body .highlight").first.scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts_dir / f"lesson-a11y-{name}-{look}.png"))
            found = axe_violations(page)
            assert found == [], f"{path}: {found}"
            if look == "phone":
                width = page.evaluate("() => document.documentElement.scrollWidth")
                assert width <= 390, f"{path} is {width}px wide on a 390px phone"
            if name == "numerics":
                blocks = page.locator(".lesson-body pre")
                assert blocks.count() > 0
                assert all(
                    blocks.nth(i).get_attribute("tabindex") == "0" for i in range(blocks.count())
                )
    finally:
        context.close()

"""Every formula the site shows parses with the KaTeX the pages typeset it with.

The browser renders math (static/src/math.js), so a formula KaTeX cannot parse would only
show up as red TeX on a page; these tests run the same KaTeX under node
(catalog.rendering.katex_errors) over lessons, statements, solutions and quiz prompts.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from catalog.rendering import Formula, katex_errors, render_document, split_front_matter
from catalog.sync import content_check, content_sync
from catalog.tests.test_sync import LESSON_UUID, fake_grade, write_exercise, write_lesson
from grader.verdict import Verdict
from quizzes.question_folders import questions_check

CONTENT = Path(settings.CONTENT_DIR)
QUIZ_SEEDS = range(6)


def _failures(sources: dict[str, str]) -> list[str]:
    """`where: $tex$: message` for every formula in ``sources`` (name → Markdown) that fails."""
    found = [
        (where, formula)
        for where, text in sources.items()
        for formula in render_document(text).formulas
    ]
    unique = list(dict.fromkeys(formula for _, formula in found))
    messages = dict(zip(unique, katex_errors(unique), strict=True))
    return [
        f"{where}: ${formula.tex}$: {messages[formula]}"
        for where, formula in found
        if messages[formula] is not None
    ]


def test_every_formula_in_content_parses() -> None:
    sources: dict[str, str] = {}
    for path in sorted((CONTENT / "lessons").glob("*.md")):
        sources[str(path.relative_to(CONTENT))] = split_front_matter(path.read_text())[1]
    for name in ("statement.md", "solution.md"):
        for path in sorted((CONTENT / "exercises").glob(f"*/{name}")):
            sources[str(path.relative_to(CONTENT))] = path.read_text()
    assert len(sources) > 60
    failures = _failures(sources)
    assert not failures, "\n".join(failures)


def test_every_quiz_question_prompt_and_solution_parses() -> None:
    # questions_check runs each generator in the jail and every formula through KaTeX.
    reports = questions_check(CONTENT, seeds=tuple(QUIZ_SEEDS))
    assert len(reports) >= 53
    failures = [f"{r.slug}: {error}" for r in reports for error in r.errors]
    assert not failures, "\n".join(failures)


def test_katex_reports_what_it_cannot_parse() -> None:
    good, unknown, unbalanced = katex_errors(
        [
            Formula(r"\begin{aligned} 2x + y &= 5 \\ x + 3y &= 10 \end{aligned}", display=True),
            Formula(r"\notamacro{x}", display=False),
            Formula(r"x^{", display=False),
        ]
    )
    assert good is None
    assert unknown is not None and r"\notamacro" in unknown
    assert unbalanced is not None and "Expected '}'" in unbalanced


def test_katex_refuses_links_and_markup_in_tex() -> None:
    # trust: false, as on the page: TeX cannot become a link, a class or raw HTML.
    messages = katex_errors(
        [
            Formula(r"\href{javascript:alert(1)}{x}", display=False),
            Formula(r"\htmlClass{evil}{x}", display=False),
            Formula(r"\includegraphics{https://example.com/x.png}", display=False),
        ]
    )
    assert all(message is not None for message in messages), messages


@pytest.mark.django_db
def test_content_check_reports_a_formula_katex_cannot_parse(tmp_path: Path) -> None:
    write_lesson(
        tmp_path, "basics", LESSON_UUID, 1, body="## A\n\nFine $x^2$, bad $\\notamacro$.\n"
    )
    write_exercise(tmp_path, "add-arrays", **{"solution.md": "$$\\frac{1}{$$\n"})
    report = content_check(content_dir=tmp_path, grade=fake_grade, jobs=1)
    by_slug = {item.slug: item for item in report.items}
    assert by_slug["basics"].errors == [
        "body: cannot typeset $\\notamacro$: Undefined control sequence: \\notamacro at character 1"
    ]
    [error] = by_slug["add-arrays"].errors
    assert error.startswith("solution.md: cannot typeset $$\\frac{1}{$$:")
    assert not report.ok


# ------------------------------------------------------------------------------------------
# In a real browser (Debian chromium via Playwright): the pages of issue #16
# ------------------------------------------------------------------------------------------

PAGES = {"linear-algebra": "/lessons/linear-algebra/", "solve-2x2": "/exercises/solve-2x2/"}
LOOKS: dict[str, dict[str, Any]] = {
    "light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}


@pytest.fixture
def synced_pages(tmp_path: Path) -> None:
    shutil.copytree(CONTENT / "lessons", tmp_path / "lessons")
    shutil.copytree(CONTENT / "exercises/solve-2x2", tmp_path / "exercises/solve-2x2")
    content_sync(content_dir=tmp_path, grade=pass_reference, jobs=1)


def pass_reference(spec: Any, code: str, *, mode: str = "submit", seed: int = 0) -> Verdict:
    ok = code == spec.reference_source  # grading is tested elsewhere; here it only costs time
    return Verdict("passed" if ok else "failed", 1.0 if ok else 0.0, [])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("look", list(LOOKS))
def test_math_is_typeset_in_the_browser(
    live_server: Any, synced_pages: None, chromium: Any, artifacts_dir: Path, look: str
) -> None:
    context = chromium.new_context(**LOOKS[look])
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    for name, path in PAGES.items():
        page.goto(live_server.url + path)
        page.wait_for_function(
            "() => document.querySelectorAll('.math:not([data-typeset])').length === 0"
        )
        page.evaluate("() => document.fonts.ready")
        assert page.locator(".math").count() >= 8
        assert page.locator(".katex-error").count() == 0
        # `aligned` is a table of rows (it used to come out as "2x+y&=5x+3y&=10").
        system = page.locator("div.math", has=page.locator("annotation", has_text="aligned")).first
        assert "&=" not in system.inner_text()
        assert system.locator(".katex-html .mtable .col-align-r").count() >= 1
        # The page never scrolls sideways; a display formula wider than the column scrolls in
        # its own box and says so (faded edge).
        overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px ({look})"
        cut = page.evaluate(
            """() => [...document.querySelectorAll('div.math')].filter(
                (el) => el.scrollWidth > el.clientWidth + 1 && !el.dataset.overflow).length"""
        )
        assert cut == 0, f"{cut} wide formulas without a scroll cue on {name} ({look})"
        if look == "phone":
            assert page.locator("div.math[data-overflow='right']").count() >= 1
        system.scroll_into_view_if_needed()
        page.evaluate("() => window.scrollBy(0, -120)")  # clear of the sticky header
        page.screenshot(path=str(artifacts_dir / f"katex-{name}-{look}.png"))
    context.close()
    assert problems == []

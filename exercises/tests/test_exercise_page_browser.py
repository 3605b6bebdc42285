"""The exercise page and the exercise list in a real browser: layout, dark mode, phones,
the verdict panel, search and filters, keyboard use, and axe-core's accessibility checks.

Debian chromium via Playwright; grading runs the laptop way (Celery eager, through the
sandbox). Screenshots go to test-artifacts/ (expage-*.png, exlist-*.png).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from catalog.models import Exercise
from exercises.tests.browser import axe_violations, next_frame, page_width, type_code
from exercises.tests.test_services import make_exercise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAIVE = [
    "import numpy as np",
    "def softmax(x):",
    "e = np.exp(x)",
    "return e / e.sum(axis=-1, keepdims=True)",
]
STABLE = [
    "import numpy as np",
    "def softmax(x):",
    "z = x - x.max(axis=-1, keepdims=True)",
    "e = np.exp(z)",
    "return e / e.sum(axis=-1, keepdims=True)",
]
BROKEN = ["def softmax(x)", "return x"]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
LOOKS: dict[str, dict[str, Any]] = {
    "light": {"viewport": DESKTOP, "color_scheme": "light"},
    "dark": {"viewport": DESKTOP, "color_scheme": "dark"},
    "phone": {"viewport": PHONE, "color_scheme": "light", "is_mobile": True, "has_touch": True},
}


@pytest.fixture
def signed_in(chromium, live_server, student: User, bundle_built) -> Iterator[Any]:
    """Opens pages for `student` (already logged in through a session cookie)."""
    client = Client()
    client.force_login(student)
    session = client.cookies["sessionid"].value
    contexts: list[Any] = []

    def open_page(look: str = "light", *, axe: bool = False) -> Any:
        # axe is injected as an inline script tag, which the page's CSP rightly blocks.
        context = chromium.new_context(**LOOKS[look], bypass_csp=axe)
        contexts.append(context)
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
        page.base = live_server.url
        return page

    yield open_page
    for context in contexts:
        context.close()


def open_exercise(page: Any, slug: str = "stable-softmax", query: str = "") -> None:
    page.goto(f"{page.base}/exercises/{slug}/{query}")
    page.wait_for_selector(".cm-editor .cm-lineNumbers")
    next_frame(page)


def submit(page: Any, lines: list[str], *, kind: str = "submit") -> Any:
    type_code(page, lines)
    page.click(f"button[name=kind][value={kind}]")
    verdict = page.locator("[data-verdict]")
    verdict.locator("[data-verdict-status]").wait_for(timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-verdict][aria-busy]')")
    return verdict


@pytest.mark.parametrize("look", ["light", "dark", "phone"])
def test_pages_pass_axe_and_fit_the_screen(
    look: str, signed_in, laptop_mode, stable_softmax: Exercise, artifacts_dir: Path
) -> None:
    """Zero serious or critical axe-core violations on the exercise page (with a failing
    verdict, hints and history) and on the list, in light, dark and on a phone; nothing
    scrolls sideways on the phone."""
    page = signed_in(look, axe=True)
    open_exercise(page)
    submit(page, STABLE, kind="run")
    verdict = submit(page, NAIVE)
    assert "subtract the maximum" in verdict.inner_text()
    page.screenshot(path=str(artifacts_dir / f"expage-{look}.png"))
    assert axe_violations(page) == []
    if look == "phone":
        assert page_width(page) <= PHONE["width"]
        # The verdict is a list of test cards (no table to squeeze into one word per line);
        # history rows become cards too, each label beside its value.
        assert page.locator("[data-verdict] .verdict-tests > li").count() >= 2
        assert page.locator("[data-verdict] table").count() == 0
        displays = page.evaluate(
            """() => [".attempts tr", ".attempts td"].map(
                (sel) => getComputedStyle(document.querySelector(sel)).display)"""
        )
        assert displays == ["block", "flex"], displays
        page.screenshot(path=str(artifacts_dir / "expage-phone-full.png"), full_page=True)
    else:
        # Statement and workspace side by side, the editor and the verdict's summary in view.
        statement = page.locator("[data-pane=statement]").bounding_box()
        workspace = page.locator("[data-pane=workspace]").bounding_box()
        assert statement["x"] + statement["width"] <= workspace["x"]
        assert page.locator(".cm-editor").bounding_box()["y"] < DESKTOP["height"] / 2
        summary = page.locator(".verdict-summary").bounding_box()
        assert summary["y"] + summary["height"] <= DESKTOP["height"]

    page.goto(f"{page.base}/exercises/")
    page.wait_for_selector("[data-exercise-filters]:not([hidden])")
    page.screenshot(path=str(artifacts_dir / f"exlist-{look}.png"), full_page=True)
    assert axe_violations(page) == []
    if look == "phone":
        assert page_width(page) <= PHONE["width"]


def test_dark_mode_editor_and_verdict_are_dark(
    signed_in, laptop_mode, stable_softmax: Exercise
) -> None:
    page = signed_in("dark")
    open_exercise(page)
    submit(page, NAIVE)
    colors = page.evaluate(
        """() => ["cm-editor", "verdict"].map((name) => {
            const node = name === "verdict"
                ? document.querySelector("[data-verdict]") : document.querySelector(".cm-editor");
            const rgb = getComputedStyle(node).backgroundColor.match(/\\d+/g).map(Number);
            return rgb[0] + rgb[1] + rgb[2];
        })"""
    )
    assert all(total < 3 * 60 for total in colors), colors  # dark backgrounds
    assert page.errors == []


def test_verdicts_say_things_once(
    signed_in, laptop_mode, stable_softmax: Exercise, artifacts_dir: Path
) -> None:
    page = signed_in()
    open_exercise(page)

    # A syntax error: said once, not on every test.
    verdict = submit(page, BROKEN)
    text = verdict.inner_text()
    assert text.count("SyntaxError") == 1 and "None of the 15 tests ran." in text, text
    page.screenshot(path=str(artifacts_dir / "expage-syntax-error.png"))

    # A Run that passes its examples is labelled as such, not as a pass or 100 %.
    verdict = submit(page, STABLE, kind="run")
    assert verdict.locator('[data-verdict-status="passed"]').inner_text() == "Examples pass"
    text = verdict.inner_text()
    assert "2 of 2 examples pass" in text and "examples only" in text
    assert "100%" not in text and "Passed" not in text

    # A failing Submit: summary first, the first failing group open, each hint once.
    verdict = submit(page, NAIVE)
    summary = verdict.locator(".verdict-summary").inner_text()
    assert "Score 60%" in summary and "9 of 15 tests passed" in summary
    groups = verdict.locator(".test-fail details")
    assert groups.first.get_attribute("open") is not None
    assert all(groups.nth(i).get_attribute("open") is None for i in range(1, groups.count()))
    hints = verdict.locator(".verdict-hints li")
    texts = hints.all_inner_texts()
    assert len(texts) == len(set(texts)) >= 1 and "(6 tests)" in texts[0], texts
    assert verdict.inner_text().count("subtract the maximum") == 1
    page.screenshot(path=str(artifacts_dir / "expage-failing.png"))

    # One time format on every row, server-rendered or added by the page.
    page.reload()
    page.wait_for_selector(".cm-editor")
    times = page.locator("[data-history] time").all_inner_texts()
    assert len(times) == 3
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{2}:\d{2}:\d{2}", t) for t in times), times

    # Viewing an old attempt says the editor still holds the current code, and can load it.
    current = page.locator(".cm-content").inner_text()
    oldest = page.locator("[data-history] tbody tr").last
    oldest.locator("[data-history-action=view]").click()
    context = page.locator("[data-verdict-context]")
    context.wait_for(state="visible")
    assert "still holds your current code" in context.inner_text()
    assert page.locator(".cm-content").inner_text() == current
    assert "SyntaxError" in verdict.inner_text()
    page.screenshot(path=str(artifacts_dir / "expage-viewing-old.png"))
    context.locator("[data-load-attempt]").click()
    page.wait_for_function(
        "() => document.querySelector('.cm-content').innerText.includes('def softmax(x)\\n')"
    )
    assert context.is_hidden()
    assert page.errors == []


def test_keyboard_only_path_through_an_exercise(
    signed_in, laptop_mode, stable_softmax: Exercise
) -> None:
    """Tab to the editor, type, leave it with Esc then Tab, submit with Enter, land on the
    verdict, open a failing test with the keyboard; resize the panes with the arrow keys."""
    page = signed_in()
    open_exercise(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('cm-content')"):
            break
    else:
        raise AssertionError("Tab never reached the editor")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    for index, line in enumerate(NAIVE):
        if index:
            page.keyboard.press("Enter")
        page.keyboard.type(line)
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.value") == "run"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.value") == "submit"
    page.keyboard.press("Enter")
    verdict = page.locator("[data-verdict]")
    verdict.locator('[data-verdict-status="failed"]').wait_for(timeout=30_000)
    page.wait_for_function("() => document.activeElement.matches('[data-verdict]')")
    # Into the verdict: the first test group's summary toggles with Enter.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    assert verdict.locator(".test-fail details").first.get_attribute("open") is None

    handle = page.locator(".pane-handle")
    before = int(handle.get_attribute("aria-valuenow"))
    width = page.locator("[data-pane=statement]").bounding_box()["width"]
    handle.focus()
    page.keyboard.press("Shift+ArrowRight")
    assert int(handle.get_attribute("aria-valuenow")) == before + 10
    assert page.locator("[data-pane=statement]").bounding_box()["width"] > width + 50
    page.keyboard.press("Home")
    assert handle.get_attribute("aria-valuenow") == "25"
    assert page.errors == []


def test_panes_resize_by_dragging(signed_in, stable_softmax: Exercise) -> None:
    page = signed_in()
    open_exercise(page)
    handle = page.locator(".pane-handle").bounding_box()
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 200, y, steps=5)
    page.mouse.up()
    value = int(page.locator(".pane-handle").get_attribute("aria-valuenow"))
    assert value > 50
    page.reload()  # remembered in this browser
    page.wait_for_selector(".pane-handle")
    assert int(page.locator(".pane-handle").get_attribute("aria-valuenow")) == value


def test_phone_menu_button(signed_in, stable_softmax: Exercise, artifacts_dir: Path) -> None:
    page = signed_in("phone")
    page.goto(f"{page.base}/exercises/")
    toggle = page.locator("[data-nav-toggle]")
    menu = page.locator("[data-nav-menu]")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 70
    assert toggle.get_attribute("aria-expanded") == "false" and menu.is_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
    assert page.evaluate("() => document.activeElement.closest('[data-nav-menu]') !== null")
    page.screenshot(path=str(artifacts_dir / "exlist-phone-menu.png"))
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and menu.is_hidden()
    assert page.evaluate("() => document.activeElement.matches('[data-nav-toggle]')")
    assert page.errors == []


def test_list_search_and_filters(
    signed_in, student: User, laptop_mode, stable_softmax: Exercise, artifacts_dir: Path
) -> None:
    easy = make_exercise("scaled-exp", title="Scaled exp")
    hard = make_exercise("hard-one", title="Power iteration")
    Exercise.objects.filter(pk=hard.pk).update(difficulty="hard", topic="linear-algebra")
    del easy
    page = signed_in()
    page.goto(f"{page.base}/exercises/")
    page.wait_for_selector("[data-exercise-filters]:not([hidden])")
    visible = lambda: page.locator("[data-exercise-slug]:visible").evaluate_all(  # noqa: E731
        "rows => rows.map(r => r.dataset.exerciseSlug)"
    )
    assert len(visible()) == 3
    page.fill("#filter-q", "softmax")
    assert visible() == ["stable-softmax"]
    page.fill("#filter-q", "")
    page.select_option("#filter-difficulty", "hard")
    assert visible() == ["hard-one"]
    page.select_option("#filter-status", "solved")
    assert visible() == []
    empty = page.locator("[data-filter-empty]")
    assert empty.is_visible() and "Hard" in empty.inner_text()
    page.screenshot(path=str(artifacts_dir / "exlist-empty.png"), full_page=True)
    assert "difficulty=hard" in page.url  # kept across a reload
    page.reload()
    page.wait_for_selector("[data-exercise-filters]:not([hidden])")
    assert visible() == []
    page.click("[data-filter-clear]")
    assert len(visible()) == 3 and empty.is_hidden()
    page.select_option("#filter-status", "new")
    assert len(visible()) == 3
    assert page.errors == []


@pytest.mark.parametrize("look", ["light", "dark", "phone"])
def test_try_it_shows_both_results(
    look: str, signed_in, laptop_mode, stable_softmax: Exercise, artifacts_dir: Path
) -> None:
    """Type arguments, press Enter: the student's function and the reference side by side,
    the difference said, what the function printed; axe-clean, no sideways scroll on phones."""
    page = signed_in(look, axe=True)
    open_exercise(page)
    type_code(page, [*NAIVE[:2], "print('biggest', x.max())", *NAIVE[2:]])
    page.click("details[data-try] > summary")
    page.fill("[data-try-args]", "np.array([1000.0, 1001.0])")
    page.press("[data-try-args]", "Enter")
    box = page.locator("[data-try-result]")
    box.locator(".try-verdict[data-state=failed]").wait_for(timeout=30_000)
    text = box.inner_text()
    assert "softmax([1000., 1001.])" in text and "nan" in text
    assert "Different" in text and "biggest 1001.0" in text
    # Nothing of a try lands in the verdict panel or the history.
    assert page.locator("[data-verdict]").inner_text().strip() == ""
    page.locator("details[data-try]").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / f"expage-try-{look}.png"))
    assert axe_violations(page) == []
    if look == "phone":
        assert page_width(page) <= PHONE["width"]
    type_code(page, STABLE)
    page.click("[data-try-button]")
    box.locator(".try-verdict[data-state=passed]").wait_for(timeout=30_000)
    assert page.errors == []

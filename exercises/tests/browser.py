"""Helpers for the browser tests of the exercise pages (Debian chromium via Playwright)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings as django_settings

# axe-core from npm (a dev dependency): injected by the tests only, never by a page.
AXE = Path(django_settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


def type_code(page: Any, lines: list[str]) -> None:
    """Replace the editor's text by `lines`, typed as a student would.

    The editor indents after "def ...:" and keeps the indentation after that, and it closes
    brackets as they are typed, so the lines are given without leading spaces.
    """
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    for index, line in enumerate(lines):
        if index:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now.

    The page's CSP forbids inline scripts, so the context must be opened with bypass_csp=True
    for the injected tag to run.
    """
    if not AXE.exists():
        raise AssertionError("axe-core is missing: run `npm ci`")
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await axe.run(document, { resultTypes: ["violations"] });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                targets: v.nodes.slice(0, 4).map((n) => n.target.join(" ")),
            }));
        }"""
    )
    return [v for v in found if v["impact"] in BLOCKING_IMPACTS]


def page_width(page: Any) -> int:
    """How wide the page's content is (a page wider than the viewport scrolls sideways)."""
    return int(page.evaluate("() => document.documentElement.scrollWidth"))


def next_frame(page: Any) -> None:
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

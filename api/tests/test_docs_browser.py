"""/api/v1/docs in Debian chromium: Swagger UI renders the operations from this site's own
files under the Content-Security-Policy (a blocked script would leave the page empty and
log a CSP error), with no serious axe-core violation in light, dark and on a phone (Swagger
UI's own colours fail contrast; static/css/api-docs.css). Screenshots:
test-artifacts/api-docs-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises.tests.browser import axe_violations, page_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("name", "viewport", "scheme"),
    [
        ("desktop", {"width": 1280, "height": 900}, "light"),
        ("desktop-dark", {"width": 1280, "height": 900}, "dark"),
        ("phone", {"width": 390, "height": 844}, "dark"),
    ],
)
def test_docs_page_renders_the_operations(
    live_server, chromium, artifacts_dir: Path, name, viewport, scheme
) -> None:
    page = chromium.new_page(viewport=viewport, color_scheme=scheme, bypass_csp=True)
    errors: list[str] = []
    outside: list[str] = []

    def on_console(msg) -> None:
        if msg.type == "error":
            errors.append(msg.text)

    def on_request(request) -> None:
        if not request.url.startswith((live_server.url, "data:")):
            outside.append(request.url)

    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", on_console)
    page.on("request", on_request)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/courses" in paths
    assert "/api/v1/courses/{course_id}/items" in paths
    assert "/api/v1/courses/{course_id}/students" in paths
    assert page.locator(".opblock-post").count() >= 3
    assert page.get_by_text("mlquiz API").first.is_visible()
    assert page.get_by_role("link", name="Your API tokens").is_visible()
    # Keyboard: an operation opens from its summary button.
    page.locator(".opblock-summary-control").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".opblock.is-open", timeout=5_000)
    page.screenshot(path=str(artifacts_dir / f"api-docs-{name}.png"), full_page=False)
    assert axe_violations(page) == []
    assert page_width(page) <= viewport["width"]
    assert outside == []
    assert errors == []
    page.close()

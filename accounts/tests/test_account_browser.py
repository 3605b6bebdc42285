"""The account page in Debian chromium: save a student id, create a token, copy it with the
button, revoke it; on a phone in dark mode. Screenshots: test-artifacts/account-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from accounts.models import ApiToken, Profile
from accounts.services import api_token_authenticate, user_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_account_page_tokens_and_student_id_on_a_phone_in_dark_mode(
    live_server, chromium, artifacts_dir: Path
) -> None:
    if not (Path(__file__).resolve().parents[2] / "static" / "dist" / "site.js").exists():
        pytest.fail("the front-end bundle is missing: run `npm ci && npm run build`")
    base = live_server.url
    user = user_create(username="scripter", password="pw-scripter-1")
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        color_scheme="dark",
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "scripter")
    page.fill("input[name=password]", "pw-scripter-1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/accounts/")
    assert page.get_by_text("No token yet").is_visible()
    page.fill("input[name=student_id]", "s-777")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{base}/accounts/")
    assert Profile.objects.get(user=user).student_id == "s-777"

    page.fill("input[name=name]", "grading script")
    page.get_by_role("button", name="Create token").click()
    value = page.locator("#new-token").input_value()
    assert api_token_authenticate(raw=value) == user
    page.get_by_role("button", name="Copy").click()
    page.get_by_role("button", name="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == value
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts_dir / "account-new-token-phone-dark.png"), full_page=True)

    # Keyboard: Tab to the revoke button and press Enter.
    revoke = page.get_by_role("button", name="Revoke token")
    revoke.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/accounts/")
    assert page.get_by_text("Token revoked").is_visible()
    assert ApiToken.objects.get(user=user).revoked_at is not None
    assert api_token_authenticate(raw=value) is None
    page.screenshot(path=str(artifacts_dir / "account-revoked-phone-dark.png"), full_page=True)
    assert errors == []
    context.close()

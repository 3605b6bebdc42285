"""Stored XSS: what students type (code, names, quiz answers, printed output) is escaped
wherever it is shown, instructor pages first.

Two layers: the server-rendered HTML never contains the payload's markup (only its escaped
text), and a real browser (Debian chromium via Playwright) opening those pages runs none of it.
The browser test also listens for Content-Security-Policy violations: the CSP would block an
inline script, but a violation would still mean the markup got through, so none must occur.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

from catalog.rendering import render_markdown
from mlquiz.tests.matrix_world import World, submission_make, world_make
from quizzes import services as quiz_services

PAYLOAD = (
    "\"'></textarea></code><script>window.__xss=1</script>"
    '<img src=x onerror="window.__xss=2"><svg onload="window.__xss=3">'
)
MARKUP = ("<script>window.__xss", "<img src=x", "<svg onload")
ESCAPED = "&lt;script&gt;window.__xss=1&lt;/script&gt;"


def hostile_world() -> World:
    """The usual world, plus a student whose name, code, output and answers are all payloads."""
    world = world_make()
    evil = User.objects.create_user(  # create_user skips the signup form's username rules
        username="eve" + PAYLOAD[:140],
        password="pw-eve-123",
        email="eve@example.org",
        first_name=PAYLOAD[:150],
    )
    from courses.services import enrollment_join

    enrollment_join(user=evil, code=world.course.join_code)
    verdict = {
        "status": "failed",
        "score": 0.0,
        "passed": 0,
        "total": 1,
        "output": PAYLOAD,
        "message": PAYLOAD,
        "duration_ms": 2.0,
        "tests": [
            {
                "name": PAYLOAD,
                "kind": "example",
                "passed": False,
                "message": PAYLOAD,
                "hint": PAYLOAD,
            }
        ],
    }
    code = f"# {PAYLOAD}\ndef scaled_exp(x):\n    return '{PAYLOAD}'\n"
    submission = submission_make(user=evil, exercise=world.exercise, code=code, verdict=verdict)
    attempt = quiz_services.attempt_start(user=evil, quiz=world.quiz)
    quiz_services.attempt_save(attempt=attempt, responses={1: PAYLOAD})
    world.extra.update(evil=evil, evil_submission=submission, evil_attempt=attempt)
    return world


def instructor_pages(world: World) -> list[str]:
    course = world.course.pk
    evil = world.extra["evil"]
    return [
        reverse(
            "courses:submission_detail",
            kwargs={"course_id": course, "submission_id": world.extra["evil_submission"].pk},
        ),
        reverse("courses:student_detail", kwargs={"course_id": course, "user_id": evil.pk}),
        reverse("courses:dashboard", kwargs={"course_id": course}),
        reverse("courses:heatmap", kwargs={"course_id": course}),
        reverse(
            "courses:exercise_stats", kwargs={"course_id": course, "exercise_id": world.exercise.pk}
        ),
        reverse("quizzes:attempt_review", kwargs={"pk": world.extra["evil_attempt"].pk}),
        reverse("quizzes:quiz_results", kwargs={"slug": world.quiz.slug}),
        reverse("courses:quiz_stats", kwargs={"course_id": course, "quiz_id": world.quiz.pk}),
    ]


def student_pages(world: World) -> list[str]:
    submission = world.extra["evil_submission"]
    detail = reverse("exercises:exercise_detail", kwargs={"slug": world.exercise.slug})
    return [
        detail,
        f"{detail}?submission={submission.pk}",
        reverse("quizzes:attempt_take", kwargs={"pk": world.extra["evil_attempt"].pk}),
        reverse("courses:my_progress"),
    ]


@pytest.mark.django_db
def test_instructor_pages_escape_student_text() -> None:
    world = hostile_world()
    client = world.client("instructor")
    shown_escaped = 0
    for url in instructor_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for markup in MARKUP:
            assert markup not in body, f"{url} contains raw {markup!r}"
        shown_escaped += ESCAPED in body
    # The payload really is on these pages (escaped), so the absence above means something.
    assert shown_escaped >= 4


@pytest.mark.django_db
def test_student_pages_escape_their_own_text() -> None:
    world = hostile_world()
    client = world.client("student")
    client.force_login(world.extra["evil"])
    for url in student_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for markup in MARKUP:
            assert markup not in body, f"{url} contains raw {markup!r}"
    payload = client.get(
        reverse("exercises:submission_detail", kwargs={"pk": world.extra["evil_submission"].pk}),
        {"code": "1"},
    )
    assert payload["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>window.__xss=1</script>",
        '<img src=x onerror="window.__xss=2">',
        "[click](javascript:window.__xss=3)",
        '<a href="javascript:window.__xss=4">x</a>',
        "<iframe src=//example.org></iframe>",
        '<div style="background:url(javascript:1)" onclick="x()">y</div>',
    ],
)
def test_markdown_written_by_instructors_is_sanitized(markdown: str) -> None:
    """Quiz descriptions and lessons are instructor-written, but any instructor edits any quiz:
    one must not be able to plant a script for the others or for students."""
    html = render_markdown(markdown)
    found = _active_content(html)
    assert not found, f"{html!r}: {found}"


def _active_content(html: str) -> list[str]:
    """Elements and attributes that could run code, found by parsing (escaped text is fine)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Finder(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in {"script", "iframe", "object", "embed", "base", "form"}:
                found.append(tag)
            for name, value in attrs:
                if name.startswith("on"):
                    found.append(f"{tag}[{name}]")
                if value and "javascript:" in value.replace(" ", "").lower():
                    found.append(f"{tag}[{name}={value}]")

    Finder().feed(html)
    return found


def test_the_active_content_finder_finds_active_content() -> None:
    assert _active_content('<p><a href="javascript:x()" onclick="y">a</a><script></script>')


# --- a real browser ------------------------------------------------------------------------


def _visit_all(browser: Any, base: str, user: User, urls: list[str]) -> list[str]:
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )
    problems: list[str] = []
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text}")
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    for url in urls:
        response = page.goto(base + url, wait_until="load")
        assert response is not None and response.status == 200, url
        page.wait_for_timeout(100)  # let onload/onerror handlers (if any got in) fire
        flag = page.evaluate("() => window.__xss")
        if flag is not None:
            problems.append(f"{url}: payload executed ({flag})")
        if "window.__xss=1" not in page.content() and url == urls[0]:
            problems.append(f"{url}: the payload is not on the page; the test proves nothing")
    context.close()
    return problems


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_in_a_real_browser(chromium: Any, live_server: Any) -> None:
    world = hostile_world()
    problems = _visit_all(
        chromium, live_server.url, world.user("instructor"), instructor_pages(world)
    )
    problems += _visit_all(chromium, live_server.url, world.extra["evil"], student_pages(world))
    assert not problems, "\n".join(problems)

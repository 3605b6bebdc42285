"""Fixtures shared by every app's tests."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts.services import user_create

ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"

# Debian's chromium, driven by Python Playwright (never `playwright install`).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture
def artifacts_dir() -> Path:
    """Where browser tests keep their screenshots (kept after the run, gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@contextlib.contextmanager
def chromium_launched() -> Iterator[Any]:
    """A headless Debian chromium, closed (with the database connections opened meanwhile)
    on exit. The caller sets DJANGO_ALLOW_ASYNC_UNSAFE for as long as it is open:
    Playwright's sync API runs an event loop in this thread, and the ORM calls a test makes
    between browser steps are ordinary synchronous ones, not async views."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is required: scripts/ensure_system_packages.sh --browser")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
            # Connections opened while the loop ran are keyed apart; close them so the
            # test database can be dropped.
            connections.close_all()


@pytest.fixture
def chromium(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A headless Debian chromium for one browser test."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with chromium_launched() as browser:
        yield browser


@pytest.fixture
def student(db: None) -> User:
    return user_create(username="student1", password="pw-student-1", email="s1@example.org")


@pytest.fixture
def other_student(db: None) -> User:
    return user_create(username="student2", password="pw-student-2")


@pytest.fixture
def instructor(db: None) -> User:
    return user_create(username="teacher", password="pw-teacher", instructor=True)


@pytest.fixture
def student_client(student: User) -> Client:
    client = Client()
    client.force_login(student)
    return client


@pytest.fixture
def instructor_client(instructor: User) -> Client:
    client = Client()
    client.force_login(instructor)
    return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """PBKDF2's deliberate slowness protects real passwords, not test fixtures."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Throttling and rate limits live in the cache: start every test from zero."""
    from django.core.cache import cache

    cache.clear()


def variants_stored(pairs: list[tuple[str, int]]) -> dict[tuple[str, int], Any]:
    """`quizzes.bank.variants_get` that leaves the variants stored as rows of this test's
    database, as pages that read the stored pool (practice) need. The process's memo of
    generated variants outlives the rows of earlier tests, and a memo hit stores nothing,
    so it is emptied first."""
    from quizzes import bank

    bank._MEMO.clear()
    return bank.variants_get(pairs)


@pytest.fixture
def student_results_checked() -> Iterator[None]:
    """After the test (in its database): every ``StudentResults`` row is exactly the fold of
    that student's ``ItemResult`` rows, and every student with results has one. The gradebook
    reads the fold; ``courses.scoring`` must rewrite it with every score change."""
    yield
    import json

    from courses.models import ItemResult, StudentResults

    folded: dict[tuple[int, int], dict[int, tuple[float, bool]]] = {}
    for course_id, user_id, exercise_id, quiz_id, fraction, late in ItemResult.objects.values_list(
        "course_id", "user_id", "exercise_id", "quiz_id", "fraction", "late"
    ):
        item = exercise_id if exercise_id else -quiz_id
        folded.setdefault((course_id, user_id), {})[item] = (round(fraction, 12), late)
    stored: dict[tuple[int, int], dict[int, tuple[float, bool]]] = {}
    for course_id, user_id, cells in StudentResults.objects.values_list(
        "course_id", "user_id", "cells"
    ):
        items, fractions, lates = json.loads(cells)
        stored[(course_id, user_id)] = {
            item: (round(fraction, 12), bool(late))
            for item, fraction, late in zip(items, fractions, lates, strict=True)
        }
    assert stored == folded


_BANK_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@functools.cache
def _question_folders() -> list[Any]:
    from django.conf import settings

    from quizzes.question_folders import read_question_folders

    return read_question_folders(Path(settings.CONTENT_DIR))


@pytest.fixture(autouse=True)
def _question_bank(request: pytest.FixtureRequest) -> None:
    """Every test with a database finds content/questions/ loaded, as after `sync_content`
    (rows only, in four queries: variants are generated in the authors' jail when first
    asked for). Tests of migrations build their own old schema and are left alone."""
    names = set(request.fixturenames)
    marked = request.node.get_closest_marker("django_db") is not None
    if request.node.module.__name__.endswith("test_migrations") or not (
        names & _BANK_FIXTURES or marked
    ):
        return
    request.getfixturevalue("_django_db_helper")
    from quizzes.question_folders import questions_load_rows

    questions_load_rows(_question_folders())

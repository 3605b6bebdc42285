"""Fixtures shared by every app's tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts.services import user_create

ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


@pytest.fixture
def artifacts_dir() -> Path:
    """Where browser tests keep their screenshots (kept after the run, gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


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

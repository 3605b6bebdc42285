"""Fixtures for the browser tests of the exercise pages (Debian chromium via Playwright)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings

from catalog.models import Exercise

BUNDLE = Path(django_settings.BASE_DIR) / "static" / "dist" / "exercise.js"


@pytest.fixture
def stable_softmax(tmp_path: Path) -> Exercise:
    """Load the real exercise folder through sync_content, as `make run` does."""
    from catalog.sync import content_sync

    content = Path(django_settings.BASE_DIR) / "content"
    (tmp_path / "exercises").mkdir()
    (tmp_path / "lessons").mkdir()
    shutil.copytree(
        content / "exercises" / "stable-softmax", tmp_path / "exercises" / "stable-softmax"
    )
    # The lesson's header only (its body renders plots, which costs seconds and is not tested
    # here); same uuid and slug as the real one.
    lesson = (content / "lessons" / "numerics.md").read_text()
    header = lesson[: lesson.index("---", 3) + 3]
    (tmp_path / "lessons" / "numerics.md").write_text(header + "\nFloating point.\n")
    content_sync(content_dir=tmp_path, jobs=1)
    return Exercise.objects.get(slug="stable-softmax", current_version__isnull=False)


@pytest.fixture
def laptop_mode(settings: Any) -> Iterator[None]:
    """Grading as `make run` does it without Redis: eager Celery, still through the sandbox."""
    from mlquiz.celery import app

    settings.REDIS_URL = ""
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def bundle_built() -> None:
    if not BUNDLE.exists():
        pytest.fail("the front-end bundle is missing: run `npm ci && npm run build`")

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quizzes.loader import default_quiz_dir, load_quizzes
from quizzes.models import Quiz


def test_shipped_quizzes_load_idempotently(db) -> None:
    files = sorted(default_quiz_dir().glob("*.yaml"))
    assert len(files) >= 4
    first = load_quizzes()
    assert first.errors == {}
    assert Quiz.objects.count() == len(files)
    slots_before = {q.slug: [s.pk for s in q.slots.all()] for q in Quiz.objects.all()}
    second = load_quizzes()
    assert second.errors == {} and Quiz.objects.count() == len(files)
    assert slots_before == {q.slug: [s.pk for s in q.slots.all()] for q in Quiz.objects.all()}


def test_bad_files_are_reported_and_others_still_load(db, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text("title: Good\nslots:\n  - {generator: dot-product}\n")
    (tmp_path / "bad.yaml").write_text("title: Bad\nslots:\n  - {generator: no-such}\n")
    (tmp_path / "broken.yaml").write_text("title: [unclosed\n")
    report = load_quizzes(directory=tmp_path)
    assert report.loaded == ["good"]
    assert set(report.errors) == {"bad.yaml", "broken.yaml"}
    assert "unknown generator" in report.errors["bad.yaml"]
    with pytest.raises(CommandError):
        call_command("load_quizzes", "--dir", str(tmp_path))

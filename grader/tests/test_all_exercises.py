"""CI gate for content: every folder in content/exercises loads, its reference scores 1.0
(on two seeds) and its starter scores < 1.0, graded through the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.manifest import load_exercise_dir
from grader.grading import grade
from grader.validation import check_exercise
from grader.verdict import format_report

EXERCISES = Path(__file__).resolve().parents[2] / "content" / "exercises"
FOLDERS = sorted(
    p.name for p in EXERCISES.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
)


def test_there_are_exercises() -> None:
    assert len(FOLDERS) >= 5


@pytest.mark.parametrize("slug", FOLDERS)
def test_exercise_reference_passes_and_starter_fails(slug: str) -> None:
    spec = load_exercise_dir(EXERCISES / slug)
    assert check_exercise(spec, seeds=(0,)).errors == []
    # A second seed: randomized cases must not pass the reference only by luck.
    verdict = grade(spec, spec.reference_source, seed=1)
    assert verdict.status == "passed", format_report(verdict)

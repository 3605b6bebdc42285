"""Write the database's lessons and exercises back to the `content/` folder format.

The inverse of `catalog.sync`: `sync_content` on the written folder reproduces every
exported row (same uuid, slug, metadata, statement, code, solution). Exercises export their
current version; an exercise that only exists as a browser draft exports its draft with
`status: draft`, so it stays hidden after a sync too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.manifest import block_yaml, yaml_text
from catalog.models import Exercise, ExerciseVersion, Lesson


def lesson_text(lesson: Lesson) -> str:
    """content/lessons/<slug>.md: front matter (uuid, title, order, summary) and the body."""
    front: dict[str, Any] = {"uuid": str(lesson.uuid), "title": lesson.title, "order": lesson.order}
    if lesson.summary:
        front["summary"] = lesson.summary
    return f"---\n{block_yaml(front)}---\n{lesson.body_md}"


def version_meta(exercise: Exercise, version: ExerciseVersion) -> dict[str, Any]:
    """The version's exercise.yaml with the identity fields the row is authoritative for."""
    meta = dict(version.meta)
    meta["uuid"] = str(exercise.uuid)
    meta.setdefault("title", exercise.title)
    meta.setdefault("function", version.function_name)
    meta.pop("status", None)
    if exercise.status == Exercise.Status.DRAFT:
        meta["status"] = Exercise.Status.DRAFT.value
    return meta


def exercise_files(exercise: Exercise, version: ExerciseVersion) -> dict[str, str]:
    files = {
        "exercise.yaml": yaml_text(version_meta(exercise, version)),
        "statement.md": version.statement_md,
        "starter.py": version.starter_code,
        "reference.py": version.reference_code,
        "cases.py": version.cases_code,
    }
    if version.solution_md:
        files["solution.md"] = version.solution_md
    return files


@dataclass
class ExportReport:
    lessons: list[str] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # newline="" keeps the text's own line endings: the bytes written are the bytes stored.
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def content_export(*, content_dir: Path, include_inactive: bool = False) -> ExportReport:
    """Write lessons and exercises under ``content_dir`` (files are overwritten)."""
    report = ExportReport()
    lessons = Lesson.objects.all() if include_inactive else Lesson.objects.filter(is_active=True)
    for lesson in lessons.order_by("order", "slug"):
        _write(content_dir / "lessons" / f"{lesson.slug}.md", lesson_text(lesson))
        report.lessons.append(lesson.slug)
    exercises = Exercise.objects.select_related("current_version")
    if not include_inactive:
        exercises = exercises.filter(is_active=True)
    for exercise in exercises.order_by("slug"):
        version = exercise.current_version or exercise.versions.order_by("-number").first()
        if version is None:
            report.skipped.append(exercise.slug)
            continue
        folder = content_dir / "exercises" / exercise.slug
        for name, text in exercise_files(exercise, version).items():
            _write(folder / name, text)
        report.exercises.append(exercise.slug)
    return report

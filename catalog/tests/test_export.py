"""export_content ⇄ sync_content: each reproduces what the other wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command

from accounts.roles import maintainer_group
from catalog import authoring
from catalog.models import Exercise, ExerciseVersion, Lesson
from catalog.rendering import split_front_matter
from catalog.sync import content_sync

pytestmark = pytest.mark.django_db

LESSON = """---
uuid: 6f1d3c4e-1b2a-4c3d-8e9f-0a1b2c3d4e5f
title: "Basics: vectors"
order: 3
summary: Vectors and what to do with them.
---

# Vectors

A vector $x \\in \\mathbb{R}^n$.
"""
YAML = """uuid: 0b7e6a8c-2f1d-4e3c-9a8b-7c6d5e4f3a2b
title: Double it
function: double
lesson: basics
topic: linear-algebra
difficulty: medium
points: 15
order: 2
tags: [warm-up, vectors]   # a comment the export cannot keep
tolerance: {rtol: 1.0e-9, atol: 1.0e-12}
limits: {cpu_seconds: 2, wall_seconds: 5, memory_mb: 512}
banned: [np.multiply, "@"]
banned_reason: multiply by hand
"""
FILES = {
    "statement.md": "Return $2x$.\n\n```python\ndouble(np.ones(2))\n```\n",
    "starter.py": "def double(x):\n    raise NotImplementedError\n",
    "reference.py": "def double(x):\n    return x + x\n",
    "cases.py": (
        "import numpy as np\nfrom grader.cases import Case\n\n\ndef cases(rng):\n    return [\n"
        '        Case("example: ones", args=(np.ones(3),), visible=True),\n'
        '        Case("hidden: random", args=(rng.normal(size=9),)),\n    ]\n'
    ),
    "solution.md": "Add `x` to itself.\n",
}


def write_folder(root: Path) -> None:
    (root / "lessons").mkdir(parents=True)
    (root / "lessons" / "basics.md").write_text(LESSON)
    folder = root / "exercises" / "double-it"
    folder.mkdir(parents=True)
    (folder / "exercise.yaml").write_text(YAML)
    for name, text in FILES.items():
        (folder / name).write_text(text)


def snapshot() -> dict[str, Any]:
    """Everything sync_content writes that an export must preserve."""
    lessons = {
        lesson.uuid: (
            lesson.slug,
            lesson.title,
            lesson.order,
            lesson.summary,
            lesson.body_md,
            lesson.body_html,
            lesson.is_active,
        )
        for lesson in Lesson.objects.all()
    }
    exercises = {}
    for exercise in Exercise.objects.select_related("current_version", "lesson"):
        version = exercise.current_version
        assert version is not None and exercise.lesson is not None
        exercises[exercise.uuid] = (
            exercise.slug,
            exercise.title,
            exercise.lesson.uuid,
            exercise.topic,
            exercise.difficulty,
            exercise.points,
            exercise.order,
            exercise.tags,
            exercise.status,
            version.function_name,
            version.statement_md,
            version.statement_html,
            version.starter_code,
            version.reference_code,
            version.cases_code,
            version.solution_md,
            # `status` is compared on the row; a synced draft also keeps it in its meta.
            {key: value for key, value in version.meta.items() if key != "status"},
        )
    return {"lessons": lessons, "exercises": exercises}


def assert_same(after: dict[str, Any], before: dict[str, Any]) -> None:
    """Field by field, so a failure names the field."""
    for kind in ("lessons", "exercises"):
        assert after[kind].keys() == before[kind].keys(), kind
        for key, row in before[kind].items():
            for index, (old, new) in enumerate(zip(row, after[kind][key], strict=True)):
                assert new == old, (kind, key, index)


def read_tree(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): path.read_text()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def wipe() -> None:
    Exercise.objects.all().delete()
    Lesson.objects.all().delete()


def test_folder_sync_export_gives_the_same_files(tmp_path: Path) -> None:
    source = tmp_path / "source"
    write_folder(source)
    assert content_sync(content_dir=source).ok
    before = snapshot()
    out = tmp_path / "exported"
    call_command("export_content", str(out))
    exported = read_tree(out)
    original = read_tree(source)
    # Markdown and code come back byte for byte; exercise.yaml comes back as the same data
    # (comments and flow style are not stored).
    for name in FILES:
        key = f"exercises/double-it/{name}"
        assert exported[key] == original[key], name
    assert yaml.safe_load(exported["exercises/double-it/exercise.yaml"]) == yaml.safe_load(YAML)
    meta, body = split_front_matter(exported["lessons/basics.md"])
    assert body == split_front_matter(LESSON)[1]
    assert meta == split_front_matter(LESSON)[0]
    # ...and syncing the export into an empty database reproduces every row.
    wipe()
    assert content_sync(content_dir=out).ok
    assert snapshot() == before


def test_browser_authored_exercise_round_trips(tmp_path: Path) -> None:
    lesson = authoring.lesson_save(
        lesson=None, slug="basics", title="Basics", summary="", body_md="Some *text*.\n"
    )
    content = authoring.ExerciseContent(
        title="Double it",
        function="double",
        topic="linear-algebra",
        difficulty="hard",
        lesson_slug=lesson.slug,
        points=5,
        order=1,
        tags=("a", "b"),
        rtol=1e-9,
        limits={"cpu_seconds": 1.5},
        banned=("np.multiply",),
        statement_md=FILES["statement.md"],
        starter=FILES["starter.py"],
        reference=FILES["reference.py"],
        cases=FILES["cases.py"],
        solution_md="",
    )
    exercise = authoring.exercise_create(slug="double-it", content=content)
    assert exercise.current_version is not None
    assert authoring.exercise_publish(exercise=exercise, version=exercise.current_version).ok
    draft = authoring.exercise_create(slug="draft-one", content=content)
    before = snapshot()
    hashes = dict(Exercise.objects.values_list("uuid", "current_version__content_hash"))

    out = tmp_path / "exported"
    call_command("export_content", str(out))
    first_export = read_tree(out)
    assert "status: draft" in first_export["exercises/draft-one/exercise.yaml"]
    assert "solution.md" not in {Path(p).name for p in first_export}

    # Syncing the export into the same database changes nothing: no new version.
    report = content_sync(content_dir=out)
    assert report.ok, [item.line() for item in report.failed]
    changes = {(item.kind, item.slug): (item.action, item.detail) for item in report.items}
    # The rows are now linked to their folders; no content changed, no version was added.
    assert set(changes.values()) == {("updated", "source_path")}, changes
    assert ExerciseVersion.objects.count() == 2
    assert_same(snapshot(), before)

    # Into an empty database: the same rows, the same content hashes...
    wipe()
    assert content_sync(content_dir=out).ok
    assert_same(snapshot(), before)
    assert dict(Exercise.objects.values_list("uuid", "current_version__content_hash")) == hashes
    assert Exercise.objects.get(uuid=draft.uuid).status == Exercise.Status.DRAFT
    # ...and exporting again writes the very same bytes.
    again = tmp_path / "again"
    call_command("export_content", str(again))
    assert read_tree(again) == first_export


def test_editing_a_synced_exercise_in_the_browser_keeps_its_content(
    tmp_path: Path, instructor: Any, instructor_client: Any
) -> None:
    """Opening a git exercise in the editor and saving it unchanged mints no version, keeps
    the exercise.yaml keys the form does not show, and CRLF from the browser becomes LF."""
    write_folder(tmp_path)
    folder = tmp_path / "exercises" / "double-it"
    (folder / "exercise.yaml").write_text(YAML + "nonfinite_hint: subtract the max\n")
    assert content_sync(content_dir=tmp_path).ok
    exercise = Exercise.objects.get(slug="double-it")
    # content/ is the site library: its maintainers edit it in the browser.
    instructor.groups.add(maintainer_group())
    page = instructor_client.get("/instructor/exercises/double-it/edit")
    assert page.status_code == 200
    data = {
        name: (field.value() if field.value() is not None else "")
        for name, field in ((f.name, f) for f in page.context["form"])
    }
    data = {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}
    data["action"] = "save"
    data["message"] = "Opened and saved"
    response = instructor_client.post("/instructor/exercises/double-it/edit", data)
    assert response.status_code == 302, response.context["form"].errors
    assert exercise.versions.count() == 1
    # A real edit makes a pending version that still has every key and LF line endings.
    data["statement_md"] = "Return twice $x$.\r\n"
    instructor_client.post("/instructor/exercises/double-it/edit", data)
    pending = exercise.versions.get(number=2)
    assert pending.statement_md == "Return twice $x$.\n"
    assert pending.meta["nonfinite_hint"] == "subtract the max"
    assert pending.meta["banned_reason"] == "multiply by hand"
    assert pending.reference_code == FILES["reference.py"]

"""exercise.yaml: one schema, one set of checks, one dump (catalog/manifest.py)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog.manifest import (
    ExerciseManifest,
    ManifestError,
    grading_spec,
    hints_of,
    load_exercise_dir,
    yaml_text,
)
from grader.tests.test_grading import CASES, REFERENCE, STARTER

SOURCES = {"reference": REFERENCE, "cases": CASES, "starter": STARTER}
FULL: dict[str, Any] = {
    "uuid": "3f0c1f8e-6a43-4c59-9a0e-2b7f6c1d9a10",
    "title": "Scale",
    "function": "scale",
    "lesson": "linear-algebra",
    "topic": "linear-algebra",
    "difficulty": "medium",
    "points": 5,
    "order": 2,
    "tags": ["vectors"],
    "tolerance": {"rtol": 1.0e-7},
    "banned": ["np.multiply"],
    "hints": ["a key the schema does not know is kept"],
}


@pytest.mark.parametrize(
    ("meta", "sources", "fragment"),
    [
        ({"title": "T"}, {}, "needs `function:`"),
        ({"title": "T", "function": "class"}, {}, "needs `function:`"),
        ({"function": "scale"}, {}, "non-empty `title:`"),
        ({"title": "T", "function": "scale", "limits": {"gpu": 1}}, {}, "unknown limit 'gpu'"),
        ({"title": "T", "function": "scale", "limits": {"wall_seconds": 600}}, {}, "wall_seconds"),
        ({"title": "T", "function": "scale", "tolerance": {"rtol": -1}}, {}, "non-negative"),
        ({"title": "T", "function": "scale", "banned": "np.dot"}, {}, "banned must be a list"),
        (
            {"title": "T", "function": "scale"},
            {"reference": "def scale(:\n"},
            "reference.py line 1",
        ),
        ({"title": "T", "function": "scale"}, {"cases": ""}, "cases.py is empty"),
    ],
)
def test_invalid_exercise_sources(
    meta: dict[str, Any], sources: dict[str, str], fragment: str
) -> None:
    kwargs = {"reference": REFERENCE, "cases": CASES, "starter": STARTER, **sources}
    with pytest.raises(ManifestError) as info:
        grading_spec(slug="scale", data=meta, **kwargs)
    assert fragment in str(info.value)


def test_load_exercise_dir_reports_missing_file(tmp_path: Path) -> None:
    folder = tmp_path / "my-exercise"
    folder.mkdir()
    (folder / "exercise.yaml").write_text("title: T\nfunction: f\n")
    with pytest.raises(ManifestError, match=r"my-exercise: missing reference\.py"):
        load_exercise_dir(folder)
    (folder / "exercise.yaml").write_text("- just\n- a list\n")
    with pytest.raises(ManifestError, match="must be a mapping"):
        load_exercise_dir(folder)


def test_load_exercise_dir_reads_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "scale"
    folder.mkdir()
    (folder / "exercise.yaml").write_text(
        "title: Scale\nfunction: scale\ntolerance: {rtol: 1.0e-3}\n"
        "limits: {cpu_seconds: 1}\nbanned: [np.multiply]\n"
    )
    for name, text in (("reference.py", REFERENCE), ("cases.py", CASES), ("starter.py", STARTER)):
        (folder / name).write_text(text)
    spec = load_exercise_dir(folder)
    assert (spec.slug, spec.function, spec.rtol, spec.banned) == (
        "scale",
        "scale",
        1e-3,
        ("np.multiply",),
    )
    assert spec.limits.cpu_seconds == 1.0


def test_a_full_manifest_reads_back_its_fields() -> None:
    manifest = ExerciseManifest.parse(slug="scale", data=FULL, **SOURCES)
    assert manifest.uuid == uuid.UUID(FULL["uuid"])
    assert (manifest.title, manifest.function, manifest.topic, manifest.lesson) == (
        "Scale",
        "scale",
        "linear-algebra",
        "linear-algebra",
    )
    assert (manifest.difficulty, manifest.points, manifest.order, manifest.tags) == (
        "medium",
        5,
        2,
        ["vectors"],
    )
    assert (manifest.spec.rtol, manifest.spec.banned) == (1e-7, ("np.multiply",))
    assert manifest.status == "published"


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"uuid": None}, "uuid must be a UUID"),
        ({"uuid": "not-a-uuid"}, "uuid must be a UUID"),
        ({"topic": "astrology"}, "topic 'astrology' is not one of"),
        ({"difficulty": "brutal"}, "difficulty must be one of"),
        ({"points": -1}, "`points:` must be a non-negative integer"),
        ({"order": True}, "`order:` must be a non-negative integer"),
        ({"tags": {1, 2}}, "must hold plain data"),
        ({"status": "hidden"}, "status must be draft or published"),
        ({"hints": "one long hint"}, "hints must be a list of non-empty texts"),
        ({"hints": ["", "second"]}, "hints must be a list of non-empty texts"),
        ({"solution_after": 0}, "`solution_after:` must be a whole number of at least 1"),
    ],
)
def test_catalog_keys_are_checked_with_the_spec_kept(change: dict[str, Any], fragment: str) -> None:
    data = {key: value for key, value in {**FULL, **change}.items() if value is not None}
    with pytest.raises(ManifestError) as info:
        ExerciseManifest.parse(slug="scale", data=data, **SOURCES)
    assert fragment in str(info.value)
    # The grading part was fine: sync can still check the sources of this folder.
    assert info.value.spec is not None and info.value.spec.function == "scale"


def test_every_problem_is_reported_at_once() -> None:
    data = {**FULL, "topic": "astrology", "difficulty": "brutal", "uuid": "x"}
    with pytest.raises(ManifestError) as info:
        ExerciseManifest.parse(slug="scale", data=data, **SOURCES)
    assert len(info.value.problems) == 3


def test_dump_orders_keys_as_a_person_writes_them_and_round_trips() -> None:
    shuffled = dict(reversed(list(FULL.items())))
    text = yaml_text(shuffled)
    keys = [line.split(":")[0] for line in text.splitlines() if not line.startswith((" ", "-"))]
    assert keys[:4] == ["uuid", "title", "function", "lesson"]
    assert keys[-1] == "hints"  # unknown keys follow the known ones
    assert yaml.safe_load(text) == FULL
    assert yaml_text(shuffled) == yaml_text(FULL)  # deterministic bytes


def test_read_checks_a_whole_folder(tmp_path: Path) -> None:
    folder = tmp_path / "scale"
    folder.mkdir()
    (folder / "exercise.yaml").write_text(yaml_text(FULL))
    for name, text in (("reference.py", REFERENCE), ("cases.py", CASES), ("starter.py", STARTER)):
        (folder / name).write_text(text)
    assert ExerciseManifest.read(folder).dump() == {
        key: FULL[key] for key in ExerciseManifest.read(folder).dump()
    }
    (folder / "exercise.yaml").write_text(yaml_text({**FULL, "topic": "astrology"}))
    with pytest.raises(ManifestError, match="topic 'astrology'"):
        ExerciseManifest.read(folder)
    # The grade command needs only what grading needs.
    assert load_exercise_dir(folder).function == "scale"


def test_every_exercise_in_content_has_hints_and_a_worked_solution() -> None:
    # Issue #16's way forward: hints to reveal one at a time, then the worked solution.
    from django.conf import settings

    folders = sorted(Path(settings.CONTENT_DIR, "exercises").glob("*/exercise.yaml"))
    assert len(folders) >= 80
    missing = [
        path.parent.name
        for path in folders
        if len(hints_of(yaml.safe_load(path.read_text()))) < 2
        or not (path.parent / "solution.md").read_text().strip()
    ]
    assert missing == [], f"fewer than two hints or no solution.md: {missing}"

"""`exercise.yaml`: the one schema of an exercise folder's metadata.

Read, validated and written here only. Sync (folders → database), authoring (browser form →
version), export (database → folders), the worker (version → grader spec) and the `grade`
command all go through `ExerciseManifest`, so a key means the same thing everywhere and a
mistake is reported in the same words wherever it is made. The format is documented in
`docs/exercise-format.md`.

Two layers of checks: the keys the grader needs (`title`, `function`, `tolerance`, `limits`,
`banned`) are checked by `grading_spec`, which is all a stored version needs to be graded;
`ExerciseManifest.parse` checks those and the catalog's own keys (`uuid`, `topic`, ...).
"""

from __future__ import annotations

import hashlib
import json
import keyword
import re
import uuid as uuid_lib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from catalog.models import Difficulty, Topic
from grader.exercise import DEFAULT_ATOL, DEFAULT_RTOL, ExerciseError, ExerciseSpec
from grader.sandbox import Limits

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MANIFEST = "exercise.yaml"
SOURCE_FILES = ("reference.py", "cases.py", "starter.py")
REQUIRED_FILES = (MANIFEST, "statement.md", *SOURCE_FILES)
# The order a person writes exercise.yaml in; keys the schema does not know follow, sorted.
KEY_ORDER = (
    "uuid",
    "title",
    "function",
    "lesson",
    "topic",
    "difficulty",
    "points",
    "order",
    "tags",
    "status",
    "tolerance",
    "limits",
    "banned",
    "banned_reason",
    "hints",
    "solution_after",
)
# Failed submits after which the worked solution is offered without asking.
DEFAULT_SOLUTION_AFTER = 5
_LIMIT_FIELDS: dict[str, type[float] | type[int]] = {
    "cpu_seconds": float,
    "wall_seconds": float,
    "memory_mb": int,
}
# Ceilings so that a typo in exercise.yaml cannot tie up a worker for minutes.
_LIMIT_CEILINGS = {"cpu_seconds": 30.0, "wall_seconds": 60.0, "memory_mb": 2048}


class ManifestError(ExerciseError):
    """exercise.yaml (or a source next to it) is malformed; the message says what to fix.

    `problems` lists each thing to fix; `spec` is set when only the catalog's keys are wrong
    (the exercise could still be graded, so its sources can still be checked).
    """

    def __init__(self, *problems: str, spec: ExerciseSpec | None = None) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)
        self.spec = spec


def parse_uuid(value: Any) -> uuid_lib.UUID:
    try:
        return uuid_lib.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        raise ManifestError(f"uuid must be a UUID like 3f0c1f8e-6a43-..., got {value!r}") from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ManifestError(f"{path.parent.name}: missing {path.name}") from None
    except UnicodeDecodeError as exc:
        raise ManifestError(
            f"{path.parent.name}: {path.name} is not UTF-8 ({exc.reason})"
        ) from None


def _sources(folder: Path) -> dict[str, str]:
    return {name: _read(folder / name) for name in SOURCE_FILES}


def read_data(folder: Path) -> dict[str, Any]:
    """The mapping in `folder/exercise.yaml` (safe loader: plain data only), unchecked."""
    text = _read(folder / MANIFEST)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ManifestError(f"{folder.name}: exercise.yaml is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ManifestError(f"{folder.name}: exercise.yaml must be a mapping of keys to values")
    return data


def _non_negative(slug: str, name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        raise ManifestError(f"{slug}: {name} must be a non-negative number, got {value!r}")
    return float(value)


def _limits(slug: str, raw: Any) -> Limits:
    if raw is None:
        return Limits()
    if not isinstance(raw, dict):
        raise ManifestError(
            f"{slug}: limits must be a mapping like {{cpu_seconds: 2, wall_seconds: 5}}"
        )
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _LIMIT_FIELDS:
            raise ManifestError(
                f"{slug}: unknown limit {key!r} (allowed: {', '.join(_LIMIT_FIELDS)})"
            )
        number = _non_negative(slug, f"limits.{key}", value)
        if number <= 0 or number > _LIMIT_CEILINGS[key]:
            raise ManifestError(
                f"{slug}: limits.{key} must be in (0, {_LIMIT_CEILINGS[key]:g}], got {value!r}"
            )
        values[key] = _LIMIT_FIELDS[key](number)
    return Limits(**values)


def grading_spec(
    *, slug: str, data: Mapping[str, Any], reference: str, cases: str, starter: str
) -> ExerciseSpec:
    """Check the keys and sources the grader needs and build its spec (what a stored version
    needs to be graded; `ExerciseManifest.parse` checks the rest of the file)."""
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        raise ManifestError(f"{slug!r}: a slug is lowercase letters, digits and hyphens")
    function = data.get("function")
    if not isinstance(function, str) or not function.isidentifier() or keyword.iskeyword(function):
        raise ManifestError(
            f"{slug}: exercise.yaml needs `function:` naming a Python function, got {function!r}"
        )
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ManifestError(f"{slug}: exercise.yaml needs a non-empty `title:`")
    tolerance = data.get("tolerance") or {}
    if not isinstance(tolerance, dict) or set(tolerance) - {"rtol", "atol"}:
        raise ManifestError(f"{slug}: tolerance must be a mapping with rtol and/or atol")
    banned = data.get("banned") or []
    if not isinstance(banned, list) or not all(isinstance(b, str) and b.strip() for b in banned):
        raise ManifestError(f'{slug}: banned must be a list of names like np.linalg.inv or "@"')
    for name, source in (("reference.py", reference), ("cases.py", cases), ("starter.py", starter)):
        if not isinstance(source, str) or not source.strip():
            raise ManifestError(f"{slug}: {name} is empty")
        try:
            compile(source, f"{slug}/{name}", "exec")
        except SyntaxError as exc:
            raise ManifestError(f"{slug}: {name} line {exc.lineno}: {exc.msg}") from None
    return ExerciseSpec(
        slug=slug,
        title=title.strip(),
        function=function,
        reference_source=reference,
        cases_source=cases,
        starter_source=starter,
        rtol=_non_negative(slug, "tolerance.rtol", tolerance.get("rtol", DEFAULT_RTOL)),
        atol=_non_negative(slug, "tolerance.atol", tolerance.get("atol", DEFAULT_ATOL)),
        limits=_limits(slug, data.get("limits")),
        banned=tuple(b.strip() for b in banned),
        meta=dict(data),
    )


def _catalog_problems(data: Mapping[str, Any]) -> list[str]:
    """What is wrong with the keys only the catalog reads (the grader ignores them)."""
    problems: list[str] = []
    if data.get("topic") not in Topic.values:
        problems.append(f"topic {data.get('topic')!r} is not one of {', '.join(Topic.values)}")
    if data.get("difficulty", "easy") not in Difficulty.values:
        problems.append(f"difficulty must be one of {', '.join(Difficulty.values)}")
    hints = data.get("hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, str) and h.strip() for h in hints):
        problems.append("hints must be a list of non-empty texts, revealed one at a time")
    after = data.get("solution_after", DEFAULT_SOLUTION_AFTER)
    if isinstance(after, bool) or not isinstance(after, int) or after < 1:
        problems.append(f"`solution_after:` must be a whole number of at least 1, got {after!r}")
    if data.get("status", "published") not in ("published", "draft"):
        problems.append(f"status must be draft or published, got {data.get('status')!r}")
    for key in ("points", "order"):
        value = data.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.append(f"`{key}:` must be a non-negative integer, got {value!r}")
    try:
        json.dumps(dict(data))
    except (TypeError, ValueError) as exc:
        problems.append(f"exercise.yaml must hold plain data (strings, numbers, lists): {exc}")
    return problems


@dataclass(frozen=True)
class ExerciseManifest:
    """A checked exercise.yaml: typed fields to read, and the data as written to dump."""

    slug: str
    data: Mapping[str, Any]
    spec: ExerciseSpec

    @classmethod
    def parse(
        cls, *, slug: str, data: Mapping[str, Any], reference: str, cases: str, starter: str
    ) -> ExerciseManifest:
        """Check every key and source; raises ManifestError naming every problem found."""
        spec = grading_spec(slug=slug, data=data, reference=reference, cases=cases, starter=starter)
        problems = _catalog_problems(data)
        try:
            parse_uuid(data.get("uuid"))
        except ManifestError as exc:
            problems.insert(0, str(exc))
        if problems:
            raise ManifestError(*problems, spec=spec)
        return cls(slug=slug, data=dict(data), spec=spec)

    @classmethod
    def read(cls, folder: Path, *, data: Mapping[str, Any] | None = None) -> ExerciseManifest:
        """The manifest of `content/exercises/<slug>/`, with its three sources (`data`: its
        exercise.yaml when the caller has read it already)."""
        folder = Path(folder)
        sources = _sources(folder)
        return cls.parse(
            slug=folder.name,
            data=read_data(folder) if data is None else data,
            reference=sources["reference.py"],
            cases=sources["cases.py"],
            starter=sources["starter.py"],
        )

    @property
    def uuid(self) -> uuid_lib.UUID:
        return parse_uuid(self.data["uuid"])

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def function(self) -> str:
        return self.spec.function

    @property
    def topic(self) -> str:
        return str(self.data["topic"])

    @property
    def lesson(self) -> str | None:
        lesson = self.data.get("lesson")
        return str(lesson) if lesson else None

    @property
    def difficulty(self) -> str:
        return str(self.data.get("difficulty", "easy"))

    @property
    def points(self) -> int:
        return int(self.data.get("points", 10))

    @property
    def order(self) -> int:
        return int(self.data.get("order", 0))

    @property
    def tags(self) -> list[str]:
        return [str(tag) for tag in self.data.get("tags") or []]

    @property
    def status(self) -> str:
        """ "draft" keeps an exercise hidden after a sync (an exported browser draft)."""
        return str(self.data.get("status") or "published")

    def dump(self) -> dict[str, Any]:
        """The data, in the order a person writes exercise.yaml (`yaml_text` writes it)."""
        return dump_data(self.data)


def hints_of(data: Mapping[str, Any]) -> list[str]:
    """An exercise's authored hints (`hints:`), in the order they are revealed."""
    return [str(hint) for hint in data.get("hints") or []]


def solution_after_of(data: Mapping[str, Any]) -> int:
    """Failed submits after which the worked solution is offered (`solution_after:`)."""
    return int(data.get("solution_after", DEFAULT_SOLUTION_AFTER))


def dump_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """`data` in the order a person writes exercise.yaml, uuids as text."""
    known = [key for key in KEY_ORDER if key in data]
    rest = sorted(key for key in data if key not in KEY_ORDER)
    return {
        key: (str(data[key]) if isinstance(data[key], uuid_lib.UUID) else data[key])
        for key in [*known, *rest]
    }


class _Dumper(yaml.SafeDumper):
    """Block-style YAML; multi-line strings as literal blocks."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def block_yaml(data: Mapping[str, Any]) -> str:
    """Block-style YAML for `data`, keys in the given order (also for lessons' front matter)."""
    return yaml.dump(dict(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def yaml_text(data: Mapping[str, Any]) -> str:
    """exercise.yaml text for `data` (deterministic: the same mapping gives the same bytes)."""
    return block_yaml(dump_data(data))


def load_exercise_dir(folder: Path) -> ExerciseSpec:
    """The grader's spec for an exercise folder, checking only what grading needs (the `grade`
    command grades against a folder still being written, before it has a uuid or topic)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ManifestError(f"{folder}: no such exercise folder")
    data = read_data(folder)
    sources = _sources(folder)
    return grading_spec(
        slug=folder.name,
        data=data,
        reference=sources["reference.py"],
        cases=sources["cases.py"],
        starter=sources["starter.py"],
    )


TESTS_DIR = "tests"
_TEST_SOLUTION_RE = re.compile(r"^(ok|bad)_[a-z0-9_]+\.py$")


def read_test_solutions(folder: Path) -> dict[str, str]:
    """`folder/tests/ok_*.py` and `bad_*.py`, as {"tests/ok_loop.py": source}, sorted by name.

    An author's extra solutions, checked with the reference on every validation seed: each
    `ok_*` must pass every test and each `bad_*` must fail at least one, whatever the seed.
    They are not part of a version (students never meet them). Any other file under tests/
    is an error, so a misspelt name cannot silently go unchecked.
    """
    directory = Path(folder) / TESTS_DIR
    if not directory.is_dir():
        return {}
    solutions: dict[str, str] = {}
    problems: list[str] = []
    for path in sorted(directory.iterdir()):
        name = f"{TESTS_DIR}/{path.name}"
        if path.name.startswith(".") or path.name == "__pycache__":
            continue
        if not path.is_file() or not _TEST_SOLUTION_RE.match(path.name):
            problems.append(
                f"{folder.name}: {name}: files under tests/ are named ok_<what>.py (must pass) "
                "or bad_<what>.py (must fail), lowercase"
            )
            continue
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{folder.name}: {name} is not UTF-8 ({exc.reason})")
            continue
        if not source.strip():
            problems.append(f"{folder.name}: {name} is empty")
            continue
        solutions[name] = source
    if problems:
        raise ManifestError(*problems)
    return solutions


def folder_hash(files: Mapping[str, str]) -> str:
    """The hash of an exercise folder's files (name → text): what a version's content_hash
    holds, so sync can tell an unchanged folder (or an export of the current version)."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(files[name].encode())
        digest.update(b"\0")
    return digest.hexdigest()
